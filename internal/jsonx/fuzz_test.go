package jsonx

import (
	"encoding/json"
	"testing"
)

// The fuzz targets check that no input panics and that whatever decodes
// survives an encode/decode round trip unchanged.

func FuzzInt64(f *testing.F) {
	for _, s := range []string{`1`, `"1"`, `""`, `null`, `false`, `1.0`, `"-9223372036854775808"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var n Int64
		if json.Unmarshal(b, &n) != nil {
			return
		}
		out, _ := json.Marshal(n)
		var back Int64
		if err := json.Unmarshal(out, &back); err != nil || back != n {
			t.Fatalf("%s -> %d -> %s -> %d (%v)", b, n, out, back, err)
		}
	})
}

func FuzzMoney(f *testing.F) {
	for _, s := range []string{`"0.00"`, `"12.5"`, `12.34`, `"-3.20"`, `""`, `null`, `".5"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var m Money
		if json.Unmarshal(b, &m) != nil {
			return
		}
		out, _ := json.Marshal(m)
		var back Money
		if err := json.Unmarshal(out, &back); err != nil || back != m {
			t.Fatalf("%s -> %v -> %s -> %v (%v)", b, m, out, back, err)
		}
	})
}

func FuzzTime(f *testing.F) {
	for _, s := range []string{`"2023-06-07T17:32:28Z"`, `"2021-12-02 12:05:10"`, `"1980-04-09"`, `""`, `null`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var v Time
		if json.Unmarshal(b, &v) != nil {
			return
		}
		out, err := json.Marshal(v)
		if err != nil {
			return // years outside 0-9999 cannot be written as RFC 3339
		}
		var back Time
		if err := json.Unmarshal(out, &back); err != nil || !back.Equal(v.Time) {
			t.Fatalf("%s -> %v -> %s -> %v (%v)", b, v, out, back, err)
		}
	})
}

func FuzzStringList(f *testing.F) {
	for _, s := range []string{`["a"]`, `""`, `"x"`, `null`, `[1,2]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var l StringList
		if json.Unmarshal(b, &l) != nil {
			return
		}
		for _, s := range l {
			if s == "" {
				t.Fatalf("%s decoded an empty item", b)
			}
		}
	})
}
