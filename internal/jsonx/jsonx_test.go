package jsonx

import (
	"encoding/json"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInt64_decodesEveryVendorForm(t *testing.T) {
	cases := map[string]int64{`1`: 1, `"19569"`: 19569, `""`: 0, `null`: 0, `false`: 0, `" 7 "`: 7, `-3`: -3, `12.0`: 12, `"1e3"`: 1000}
	for in, want := range cases {
		var n Int64
		require.NoError(t, json.Unmarshal([]byte(in), &n), in)
		assert.Equal(t, Int64(want), n, in)
	}
	for _, bad := range []string{`"abc"`, `1.5`, `true`, `{}`, `[]`, `"9223372036854775808"`} {
		var n Int64
		assert.Error(t, json.Unmarshal([]byte(bad), &n), bad)
	}
	b, _ := json.Marshal(Int64(42))
	assert.Equal(t, `42`, string(b))
}

func TestBool_decodesEveryForm(t *testing.T) {
	for in, want := range map[string]bool{`true`: true, `"true"`: true, `"1"`: true, `1`: true, `false`: false, `"false"`: false, `0`: false, `""`: false, `null`: false} {
		var v Bool
		require.NoError(t, json.Unmarshal([]byte(in), &v), in)
		assert.Equal(t, want, bool(v), in)
	}
	var v Bool
	assert.Error(t, json.Unmarshal([]byte(`"maybe"`), &v))
}

func TestStringList_decodesEveryForm(t *testing.T) {
	cases := map[string][]string{
		`["a","b"]`: {"a", "b"}, `[]`: {}, `""`: nil, `null`: nil, `"only"`: {"only"}, `[1,"x",""]`: {"1", "x"},
	}
	for in, want := range cases {
		var l StringList
		require.NoError(t, json.Unmarshal([]byte(in), &l), in)
		assert.Equal(t, want, []string(l), in)
	}
	var l StringList
	assert.Error(t, json.Unmarshal([]byte(`{}`), &l))
	assert.Error(t, json.Unmarshal([]byte(`3`), &l))
}

func TestTime_decodesEveryLayout(t *testing.T) {
	cases := map[string]time.Time{
		`"2023-06-07T17:32:28Z"`:        time.Date(2023, 6, 7, 17, 32, 28, 0, time.UTC),
		`"2023-06-07T17:32:28.5+02:00"`: time.Date(2023, 6, 7, 17, 32, 28, 5e8, time.FixedZone("", 7200)),
		`"2023-06-07T17:32:28"`:         time.Date(2023, 6, 7, 17, 32, 28, 0, time.UTC),
		`"2021-12-02 12:05:10"`:         time.Date(2021, 12, 2, 12, 5, 10, 0, time.UTC),
		`"1980-04-09"`:                  time.Date(1980, 4, 9, 0, 0, 0, 0, time.UTC),
		`""`:                            {},
		`null`:                          {},
	}
	for in, want := range cases {
		var v Time
		require.NoError(t, json.Unmarshal([]byte(in), &v), in)
		assert.True(t, want.Equal(v.Time), "%s: got %v", in, v.Time)
	}
	for _, bad := range []string{`"yesterday"`, `123`, `"2023-13-01"`, `true`} {
		var v Time
		assert.Error(t, json.Unmarshal([]byte(bad), &v), bad)
	}
	b, _ := json.Marshal(Time{})
	assert.Equal(t, `null`, string(b))
	b, _ = json.Marshal(Time{time.Date(2023, 6, 7, 17, 32, 28, 0, time.UTC)})
	assert.Equal(t, `"2023-06-07T17:32:28Z"`, string(b))
}

func TestMoney_keepsCentsWithoutFloats(t *testing.T) {
	cases := map[string]int64{
		`"0.00"`: 0, `"12.50"`: 1250, `"12.5"`: 1250, `"12"`: 1200, `12.34`: 1234, `"-3.20"`: -320, `""`: 0, `null`: 0,
		`"0.10"`: 10, `".5"`: 50, `"1.230"`: 123, `"90071992547409.93"`: 9007199254740993, `"1,250.00"`: 125000,
		`"12,345,678.9"`: 1234567890, `"+7"`: 700, `"-0.00"`: 0,
	}
	for in, want := range cases {
		var m Money
		require.NoError(t, json.Unmarshal([]byte(in), &m), in)
		assert.Equal(t, want, m.Cents(), in)
		assert.True(t, m.Exact(), in)
		assert.Equal(t, Cents(want), m, in)
	}
	for _, bad := range []string{`"abc"`, `"1.2.3"`, `"--1"`, `1e3`, `true`, `"."`, `"1,50"`, `",100"`, `"1,0000"`, `"1,000,00"`, `{}`} {
		var m Money
		assert.Error(t, json.Unmarshal([]byte(bad), &m), bad)
	}
	assert.Equal(t, "12.50", Cents(1250).String())
	assert.Equal(t, "-0.05", Cents(-5).String())
	assert.Equal(t, "0.00", Money{}.String())
	b, _ := json.Marshal(Cents(1999))
	assert.Equal(t, `"19.99"`, string(b))
}

func TestMoney_moreDecimalsKeepTheExactValue(t *testing.T) {
	for in, want := range map[string]struct {
		text  string
		cents int64
	}{
		`"1.234"`:      {"1.234", 123},
		`"0.125"`:      {"0.125", 13},
		`"-0.125"`:     {"-0.125", -13},
		`"1,250.0050"`: {"1250.005", 125001},
		`12.3456`:      {"12.3456", 1235},
	} {
		var m Money
		require.NoError(t, json.Unmarshal([]byte(in), &m), in)
		assert.Equal(t, want.text, m.String(), in)
		assert.Equal(t, want.cents, m.Cents(), in)
		assert.False(t, m.Exact(), in)
		b, err := json.Marshal(m)
		require.NoError(t, err)
		assert.Equal(t, `"`+want.text+`"`, string(b), in)
		assert.Equal(t, 0, m.Rat().Cmp(mustRat(t, want.text)), in)
	}
	huge, err := ParseMoney("123456789012345678901234567890.01")
	require.NoError(t, err)
	assert.Equal(t, "123456789012345678901234567890.01", huge.String())
	assert.False(t, huge.Exact())
	assert.Equal(t, int64(math.MaxInt64), huge.Cents())
}

func mustRat(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	require.True(t, ok, s)
	return r
}
