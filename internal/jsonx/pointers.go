package jsonx

import (
	"fmt"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// The readers below take a pointer, a list of pointers or a value with a
// method of its own the way encoding/json/v2 does under every dialect
// (Base: v1's merging), but call the struct's generated decoder directly:
// v2 would get there through a type-level lookup and reflection for each
// value (for a user with two contacts, six lookups and a reflected slice
// per body). A generated decoder names them with -read, and a dialect
// registers the same function as its type-level unmarshaler, so that
// both paths read a value alike.

// Element reads one value into *p as v2 reads a pointer: null sets *p to
// nil; anything else is read by read into *p, allocated when nil and
// otherwise read into (merged), as v1 did.
func Element[T any](dec *jsontext.Decoder, p **T, read func(*jsontext.Decoder, *T) error) error {
	if dec.PeekKind() == 'n' {
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
		*p = nil
		return nil
	}
	if *p == nil {
		*p = new(T)
	}
	return read(dec, *p)
}

// Elements reads an array into *p, each item with read (for a list of
// pointers, usually a reader made of [Element] or [ObjectOrNil]), as v2
// reads a slice under v1's merging: the capacity *p has is reused and the
// items it holds read into; [] is an empty, non-nil list. At anything but
// an array it reads the value and says what came instead. When an item
// does not decode, *p keeps the items read so far and that one, and the
// error names the item's index.
func Elements[T any](dec *jsontext.Decoder, p *[]T, read func(*jsontext.Decoder, *T) error) error {
	if k := dec.PeekKind(); k != '[' {
		return wrongKind(dec, k, "an array")
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	s := (*p)[:cap(*p)]
	i := 0
	for dec.PeekKind() != ']' {
		if i == len(s) {
			var zero T
			s = append(s, zero)
			s = s[:cap(s)]
		}
		err := read(dec, &s[i])
		i++
		if err != nil {
			*p = s[:i]
			return fmt.Errorf("[%d]: %w", i-1, err)
		}
	}
	if i == 0 {
		*p = []T{}
	} else {
		*p = s[:i]
	}
	_, err := dec.ReadToken()
	return err
}

// ObjectOrNil reads an object into *p with [Element], and anything else
// (PHP's [] for an empty object, false, null, "") as nil.
func ObjectOrNil[T any](dec *jsontext.Decoder, p **T, read func(*jsontext.Decoder, *T) error) error {
	if dec.PeekKind() != '{' {
		*p = nil
		return dec.SkipValue()
	}
	return Element(dec, p, read)
}

// ListOrNil reads an array into *p with [Elements], and anything else as
// nil.
func ListOrNil[T any](dec *jsontext.Decoder, p *[]T, read func(*jsontext.Decoder, *T) error) error {
	if dec.PeekKind() != '[' {
		*p = nil
		return dec.SkipValue()
	}
	return Elements(dec, p, read)
}

// From reads *v with its own UnmarshalJSONFrom: a read function for the
// readers above.
func From[T any, PT interface {
	*T
	json.UnmarshalerFrom
}](dec *jsontext.Decoder, v PT) error {
	return v.UnmarshalJSONFrom(dec)
}

// Own reads *p with *T's own UnmarshalJSONFrom, as v2 would for a type
// that has one and no type-level unmarshaler in the dialect, without the
// lookup; for any other type it is json.UnmarshalDecode.
func Own[T any](dec *jsontext.Decoder, p *T) error {
	if u, ok := any(p).(json.UnmarshalerFrom); ok {
		return u.UnmarshalJSONFrom(dec)
	}
	return json.UnmarshalDecode(dec, p)
}
