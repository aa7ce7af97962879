package jsonx

import (
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzFold checks that folded names are equal exactly when
// strings.EqualFold matches the names, the rule v2 applies under the v1
// options.
func FuzzFold(f *testing.F) {
	for _, p := range [][2]string{{"id", "ID"}, {"first_name", "FIRST_NAME"}, {"first_name", "first-name"},
		{"ſurname", "SURNAME"}, {"K", "k"}, {"ß", "ẞ"}, {"é", "É"}, {"\xff", "\ufffd"}, {"a", "ab"}} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		require.Equal(t, strings.EqualFold(a, b), Fold([]byte(a)) == Fold([]byte(b)), "%q %q", a, b)
	})
}

func TestAppendFold_noAllocationForASCII(t *testing.T) {
	name := []byte("First_Name")
	var buf [64]byte
	allocs := testing.AllocsPerRun(100, func() {
		if string(AppendFold(buf[:0], name)) != "FIRST_NAME" {
			t.Fatal("wrong fold")
		}
	})
	assert.Zero(t, allocs)
}

// read runs one reader on the single value in s and reports what it left
// in *p and whether the decoder then stands at the end of the input.
func read[T any](t *testing.T, s string, start T, r func(*jsontext.Decoder, *T) error) (T, error) {
	t.Helper()
	dec := jsontext.NewDecoder(strings.NewReader(s), lax)
	v := start
	err := r(dec, &v)
	if err == nil {
		_, end := dec.ReadToken()
		require.Error(t, end, "the reader must read exactly one value of %s", s)
	}
	return v, err
}

func TestString(t *testing.T) {
	for in, want := range map[string]string{`"a"`: "a", `"\u00e9"`: "é", `"\ud800"`: "\ufffd", `null`: "kept", "\"\xff\"": "\ufffd"} {
		got, err := read(t, in, "kept", (*Arena)(nil).String)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{`1`, `true`, `{}`, `[]`, `"a`} {
		_, err := read(t, in, "", (*Arena)(nil).String)
		assert.Error(t, err, in)
	}
}

func TestLaxString(t *testing.T) {
	for in, want := range map[string]string{`"a"`: "a", `12`: "12", `1e3`: "1e3", `-0.5`: "-0.5", `true`: "true",
		`false`: "false", `null`: "kept"} {
		got, err := read(t, in, "kept", LaxString)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{`1e400`, `{}`, `[1]`} {
		_, err := read(t, in, "", LaxString)
		assert.Error(t, err, in)
	}
}

func TestObject(t *testing.T) {
	got, err := read(t, `{"a":1,"b":[true,null,"x",{"c":{}}],"a":2}`, nil, Object)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"a": 2.0, "b": []any{true, nil, "x", map[string]any{"c": map[string]any{}}}}, got)

	got, err = read(t, `[]`, nil, Object)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{}, got)

	got, err = read(t, `null`, map[string]any{"k": 1}, Object)
	require.NoError(t, err)
	assert.Nil(t, got)

	got, err = read(t, `{"b":2}`, map[string]any{"a": 1.0}, Object)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"a": 1.0, "b": 2.0}, got, "merged into the map already there, as v1 does")

	for _, in := range []string{`[1]`, `"x"`, `1`, `{"a":1e400}`, `{"a":`, `{"a" 1}`} {
		_, err := read(t, in, nil, Object)
		assert.Error(t, err, in)
	}
}

func TestOpenObject(t *testing.T) {
	dec := jsontext.NewDecoder(strings.NewReader(`null`))
	null, err := OpenObject(dec)
	assert.True(t, null)
	assert.NoError(t, err)
	for _, in := range []string{`[]`, `"x"`, `1`, `true`, ``} {
		_, err := OpenObject(jsontext.NewDecoder(strings.NewReader(in)))
		assert.Error(t, err, in)
	}
}

func TestArena(t *testing.T) {
	var a Arena
	var got []string
	in := `["ada","lovelace","","` + strings.Repeat("x", arenaMax+1) + `",12,true,null]`
	dec := jsontext.NewDecoder(strings.NewReader(in))
	_, err := dec.ReadToken()
	require.NoError(t, err)
	for dec.PeekKind() != ']' {
		s := "kept"
		require.NoError(t, a.LaxString(dec, &s))
		got = append(got, s)
	}
	assert.Equal(t, []string{"ada", "lovelace", "", strings.Repeat("x", arenaMax+1), "12", "true", "kept"}, got)

	// Many short strings share blocks, and each keeps its bytes while
	// later ones are appended.
	var b Arena
	want := make([]string, 200)
	strs := make([]string, 200)
	n := testing.AllocsPerRun(1, func() {
		b = Arena{}
		for i := range strs {
			strs[i] = b.make([]byte{byte('a' + i%26), byte('a' + i/26)})
		}
	})
	for i := range want {
		want[i] = string([]byte{byte('a' + i%26), byte('a' + i/26)})
	}
	assert.Equal(t, want, strs)
	assert.LessOrEqual(t, n, float64(200*2/arenaBlock+1), "one allocation per block")
	assert.Equal(t, "x", (*Arena)(nil).make([]byte("x")), "the nil arena allocates each string")
}
