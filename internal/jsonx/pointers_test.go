package jsonx

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// item is a struct the readers under test point at; readItem reads it by
// v2's reflection, so that only the pointer and list handling differs
// between the readers and v2's own.
type item struct {
	A int      `json:"a"`
	B string   `json:"b"`
	C []string `json:"c"`
}

func readItem(dec *jsontext.Decoder, v *item) error { return json.UnmarshalDecode(dec, v) }

func readItemPtr(dec *jsontext.Decoder, p **item) error { return Element(dec, p, readItem) }

func readItemOrNil(dec *jsontext.Decoder, p **item) error { return ObjectOrNil(dec, p, readItem) }

// reflectiveObjectOrNil and reflectiveListOrNil are "object or nothing"
// and "list or nothing" written the way a dialect would without the
// readers: errors.ErrUnsupported hands an object or array to v2's own
// path.
var (
	reflectiveObjectOrNil = json.UnmarshalFromFunc(func(dec *jsontext.Decoder, p **item) error {
		if dec.PeekKind() == '{' {
			return errors.ErrUnsupported
		}
		*p = nil
		return dec.SkipValue()
	})
	reflectiveListOrNil = json.UnmarshalFromFunc(func(dec *jsontext.Decoder, p *[]*item) error {
		if dec.PeekKind() == '[' {
			return errors.ErrUnsupported
		}
		*p = nil
		return dec.SkipValue()
	})
)

// prefilled is what a value held before it was decoded into: nothing, or
// a list (or pointer) with items already set and spare capacity, so that
// v1's merging (an item read into, not replaced) is compared too. Each
// call makes a fresh copy.
func prefilled(shape byte) []*item {
	switch shape % 4 {
	case 0:
		return nil
	case 1:
		return make([]*item, 0, 3)
	case 2:
		s := make([]*item, 2, 4)
		s[0] = &item{A: 1, B: "one", C: []string{"x"}}
		return s[:0]
	default:
		return []*item{{A: 7, B: "seven"}, nil, {C: []string{"y", "z"}}}
	}
}

// decodeWith reads b whole with read, as json.Unmarshal would: one value
// and nothing after it.
func decodeWith[T any](b []byte, v *T, read func(*jsontext.Decoder, *T) error) error {
	dec := jsontext.NewDecoder(bytes.NewReader(b), Base)
	if err := read(dec, v); err != nil {
		return err
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		return errors.New("data after the value")
	}
	return nil
}

// sameOutcome requires the reader and v2 to accept the same bodies and,
// when both do, to leave the same value.
func sameOutcome[T any](t *testing.T, b []byte, what string, got, want T, gotErr, wantErr error) {
	t.Helper()
	require.Equal(t, wantErr == nil, gotErr == nil, "%s %q: reader: %v; v2: %v", what, b, gotErr, wantErr)
	if wantErr == nil {
		require.Equal(t, want, got, "%s %q", what, b)
	}
}

// FuzzReaders_sameAsV2 checks each reader against v2 reading the same
// type under the same options: Element as a pointer, ObjectOrNil and
// ListOrNil as the ErrUnsupported forms above, Elements of either item
// reader as a slice, each starting from the same prefilled value.
func FuzzReaders_sameAsV2(f *testing.F) {
	for _, s := range []string{`null`, `{}`, `{"a":1,"b":"x","c":["q"]}`, `[]`, `[null]`, `[{"a":2},null,{"b":"y"}]`,
		`[{"a":1},{"a":2},{"a":3},{"a":4},{"a":5}]`, `[1]`, `[{"a":"x"}]`, `""`, `false`, `[{"a":1}`, `[{"c":null},[]]`,
		`{"a":1}{"a":2}`, ` [ { "A" : 3 } ] `, `[{"a":1,"a":2}]`} {
		for shape := range byte(4) {
			f.Add([]byte(s), shape)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte, shape byte) {
		opts := json.JoinOptions(Base, json.WithUnmarshalers(reflectiveObjectOrNil))
		optsList := json.JoinOptions(Base, json.WithUnmarshalers(reflectiveListOrNil))

		// Element: a pointer, prefilled with the first item when there is one.
		first := func() *item {
			if s := prefilled(shape); cap(s) > 0 {
				return s[:1][0]
			}
			return nil
		}
		p, q := first(), first()
		sameOutcome(t, b, "Element", p, q, decodeWith(b, &p, readItemPtr), json.Unmarshal(b, &q, Base))

		// ObjectOrNil.
		p, q = first(), first()
		sameOutcome(t, b, "ObjectOrNil", p, q, decodeWith(b, &p, readItemOrNil), json.Unmarshal(b, &q, opts))

		// ListOrNil of pointers.
		l, m := prefilled(shape), prefilled(shape)
		sameOutcome(t, b, "ListOrNil", l, m,
			decodeWith(b, &l, func(dec *jsontext.Decoder, p *[]*item) error { return ListOrNil(dec, p, readItemPtr) }),
			json.Unmarshal(b, &m, optsList))

		// Elements, which its callers call at a '[' only.
		if k := bytes.TrimLeft(b, " \t\r\n"); len(k) == 0 || k[0] != '[' {
			return
		}
		l, m = prefilled(shape), prefilled(shape)
		sameOutcome(t, b, "Elements", l, m,
			decodeWith(b, &l, func(dec *jsontext.Decoder, p *[]*item) error { return Elements(dec, p, readItemPtr) }),
			json.Unmarshal(b, &m, Base))
		l, m = prefilled(shape), prefilled(shape)
		sameOutcome(t, b, "Elements of ObjectOrNil", l, m,
			decodeWith(b, &l, func(dec *jsontext.Decoder, p *[]*item) error { return Elements(dec, p, readItemOrNil) }),
			json.Unmarshal(b, &m, opts))
	})
}

func TestElements_namesTheItemThatFailed(t *testing.T) {
	var l []*item
	err := decodeWith([]byte(`[{"a":1},{"a":"x"}]`), &l, func(dec *jsontext.Decoder, p *[]*item) error {
		return Elements(dec, p, readItemPtr)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "[1]: ")
	require.Len(t, l, 2, "the items read so far and the one that failed")
	assert.Equal(t, 1, l[0].A)
}

func TestElements_refusesAnythingButAnArray(t *testing.T) {
	for _, b := range []string{`null`, `{}`, `"[]"`, `1`} {
		var l []*item
		err := decodeWith([]byte(b), &l, func(dec *jsontext.Decoder, p *[]*item) error {
			return Elements(dec, p, readItemPtr)
		})
		assert.ErrorContains(t, err, "want an array", b)
	}
}

// ownReader has its own UnmarshalJSONFrom, which Own must call.
type ownReader struct{ calls int }

func (o *ownReader) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	o.calls++
	return dec.SkipValue()
}

func TestOwn_callsTheMethodElseV2(t *testing.T) {
	var o ownReader
	require.NoError(t, decodeWith([]byte(`{"x":[1,2]}`), &o, Own[ownReader]))
	assert.Equal(t, 1, o.calls)

	var it item
	require.NoError(t, decodeWith([]byte(`{"a":5,"b":"five"}`), &it, Own[item]))
	assert.Equal(t, item{A: 5, B: "five"}, it)
}

func TestFrom_callsTheMethod(t *testing.T) {
	var b *Bool
	require.NoError(t, decodeWith([]byte(`"1"`), &b, func(dec *jsontext.Decoder, p **Bool) error {
		return Element(dec, p, From[Bool])
	}))
	require.NotNil(t, b)
	assert.True(t, bool(*b))
}
