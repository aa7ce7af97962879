package jsonx

import (
	"encoding/json"
	"reflect"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"
)

// The fuzz targets check that no input panics, that the encoding/json v1
// entry point (UnmarshalJSON) and the v2 one (UnmarshalJSONFrom, under
// Base) agree, that every input the old v1 decoders (old_test.go)
// accepted decodes to the same value, and that whatever decodes survives
// an encode/decode round trip unchanged.

// decodeBoth decodes b through v1 and v2 into fresh values and fails when
// they disagree on success or on the value. It returns the v1 result.
func decodeBoth[T any](t *testing.T, b []byte) (T, bool) {
	t.Helper()
	var v1, v2 T
	err1 := json.Unmarshal(b, &v1)
	err2 := jsonv2.Unmarshal(b, &v2, Base)
	if (err1 == nil) != (err2 == nil) {
		t.Fatalf("%q: v1 err %v, v2 err %v", b, err1, err2)
	}
	if err1 == nil && !reflect.DeepEqual(v1, v2) {
		t.Fatalf("%q: v1 %#v, v2 %#v", b, v1, v2)
	}
	return v1, err1 == nil
}

func FuzzInt64(f *testing.F) {
	for _, s := range []string{`1`, `"1"`, `""`, `null`, `false`, `1.0`, `"-9223372036854775808"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var old oldInt64
		oldErr := json.Unmarshal(b, &old)
		n, ok := decodeBoth[Int64](t, b)
		if oldErr == nil && (!ok || int64(n) != int64(old)) {
			t.Fatalf("%q: old %d, new %d (ok %v)", b, old, n, ok)
		}
		if !ok {
			return
		}
		out, _ := json.Marshal(n)
		var back Int64
		if err := json.Unmarshal(out, &back); err != nil || back != n {
			t.Fatalf("%s -> %d -> %s -> %d (%v)", b, n, out, back, err)
		}
	})
}

func FuzzBool(f *testing.F) {
	for _, s := range []string{`true`, `"1"`, `0`, `""`, `null`, `"Yes"`, `"maybe"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var old oldBool
		oldErr := json.Unmarshal(b, &old)
		v, ok := decodeBoth[Bool](t, b)
		if oldErr == nil && (!ok || bool(v) != bool(old)) {
			t.Fatalf("%q: old %v, new %v (ok %v)", b, old, v, ok)
		}
	})
}

func FuzzMoney(f *testing.F) {
	for _, s := range []string{`"0.00"`, `"12.5"`, `12.34`, `"-3.20"`, `""`, `null`, `".5"`, `"1,250.00"`, `"0.125"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var old oldMoney
		oldErr := json.Unmarshal(b, &old)
		m, ok := decodeBoth[Money](t, b)
		if oldErr == nil && (!ok || m.Cents() != old.oldCents() || !m.Exact() || m.String() != old.String()) {
			t.Fatalf("%q: old %v, new %v (ok %v)", b, old, m, ok)
		}
		if !ok {
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
		var old oldTime
		oldErr := json.Unmarshal(b, &old)
		v, ok := decodeBoth[Time](t, b)
		if oldErr == nil && (!ok || !v.Equal(old.Time) || v.Location().String() != old.Location().String()) {
			t.Fatalf("%q: old %v, new %v (ok %v)", b, old, v, ok)
		}
		if !ok {
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
		var old oldStringList
		oldErr := json.Unmarshal(b, &old)
		l, ok := decodeBoth[StringList](t, b)
		if oldErr == nil && (!ok || !reflect.DeepEqual([]string(l), []string(old))) {
			t.Fatalf("%q: old %#v, new %#v (ok %v)", b, old, l, ok)
		}
		for _, s := range l {
			if s == "" {
				t.Fatalf("%s decoded an empty item", b)
			}
		}
	})
}
