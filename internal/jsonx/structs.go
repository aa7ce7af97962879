package jsonx

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/go-json-experiment/json/jsontext"
)

// This file is the run-time half of the generated struct decoders
// (internal/gen/decoders writes each package's json_gen.go): a decoder
// reads one object member by member, matches each name with a switch, and
// hands the value to one of the readers below or, for any other type, to
// json.UnmarshalDecode with the dialect's options. No reflection runs for
// the fields these readers take, and no type-level lookup.

// OpenObject reads the '{' that starts a struct's object. It reports
// null (read, leaving the struct as it was, as encoding/json v1 does) as
// isNull; any other kind is an error naming what came instead.
func OpenObject(dec *jsontext.Decoder) (isNull bool, err error) {
	switch k := dec.PeekKind(); k {
	case '{':
		_, err := dec.ReadToken()
		return false, err
	case 'n':
		_, err := dec.ReadToken()
		return true, err
	case 0:
		_, err := dec.ReadToken() // the syntax or I/O error
		return false, err
	default:
		if err := dec.SkipValue(); err != nil {
			return false, err
		}
		return false, fmt.Errorf("jsonx: want an object, got %s", kindName(k))
	}
}

// More reports whether the object has another member; at its '}' it
// reads it and reports false.
func More(dec *jsontext.Decoder) (bool, error) {
	if dec.PeekKind() != '}' {
		return true, nil
	}
	_, err := dec.ReadToken()
	return false, err
}

// ReadName reads a member name. The bytes are valid until dec reads
// again; they need no copy to be matched in a switch.
//
// A name without escapes comes back as written, without the UTF-8 check
// a value's text gets: invalid UTF-8 matches no field name, exactly or
// under [AppendFold] (which reads it as U+FFFD), as its replacement by
// U+FFFD would not.
func ReadName(dec *jsontext.Decoder) ([]byte, error) {
	v, err := dec.ReadValue()
	if err != nil {
		return nil, err
	}
	if s := v[1 : len(v)-1]; bytes.IndexByte(s, '\\') < 0 {
		return s, nil
	}
	return unquote(v), nil
}

// FieldError names the member whose value did not decode.
func FieldError(name string, err error) error {
	return fmt.Errorf("%q: %w", name, err)
}

// Fold returns the form of a member name that case-insensitive matching
// compares: each rune replaced by the smallest rune of its Unicode
// simple-fold orbit, so Fold(a) == Fold(b) exactly when strings.EqualFold
// would match them. '_' and '-' stay as they are (v1 matched them
// exactly).
func Fold(name []byte) string { return string(AppendFold(nil, name)) }

// AppendFold appends [Fold] of name to dst; with a stack buffer for dst
// and a switch on the result, an unknown member costs no allocation.
func AppendFold(dst, name []byte) []byte {
	for i := 0; i < len(name); {
		c := name[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(name[i:])
		low := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			low = min(low, f)
		}
		dst = utf8.AppendRune(dst, low)
		i += n
	}
	return dst
}

// LaxString is [Arena.String] without an arena, that also takes a number
// (kept as written: 42, 1e3, refused when too large for a float64, as v1
// refused it) and a boolean ("true", "false"): the reading [Strings] gives
// a dialect.
func LaxString(dec *jsontext.Decoder, p *string) error { return (*Arena)(nil).LaxString(dec, p) }

// Arena holds the strings of one decoded struct in a few shared blocks
// instead of one allocation each: a generated decoder keeps one on its
// stack for the struct it reads. A block lives as long as any of its
// strings, so an Arena serves values that live and die together (the
// fields of one user). The nil *Arena allocates each string alone.
type Arena struct{ block []byte }

const (
	arenaBlock = 512 // bytes in a block
	arenaMax   = 128 // longer strings get an allocation of their own
)

// make returns b as a string carved from the arena's block.
func (a *Arena) make(b []byte) string {
	if a == nil || len(b) == 0 || len(b) > arenaMax {
		return string(b)
	}
	if cap(a.block)-len(a.block) < len(b) {
		a.block = make([]byte, 0, arenaBlock)
	}
	off := len(a.block)
	a.block = append(a.block, b...)
	// The bytes are never written again: only appended after.
	return unsafe.String(&a.block[off], len(b))
}

// String reads a JSON string into p, kept in a. Null leaves p as it was
// (as encoding/json v1 does); any other kind is an error.
func (a *Arena) String(dec *jsontext.Decoder, p *string) error { return a.read(dec, p, false) }

// LaxString is [LaxString] with the string kept in a.
func (a *Arena) LaxString(dec *jsontext.Decoder, p *string) error { return a.read(dec, p, true) }

// read reads a string into p (lax: also a number or a boolean, as written)
// with one call to dec per value: no PeekKind first.
func (a *Arena) read(dec *jsontext.Decoder, p *string, lax bool) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	switch k := v.Kind(); {
	case k == '"':
		*p = a.make(unquote(v))
		return nil
	case k == 'n':
		return nil
	case lax && k == '0':
		if _, err := strconv.ParseFloat(string(v), 64); err != nil {
			return fmt.Errorf("jsonx: number %.20s out of range", v)
		}
		*p = a.make(v)
		return nil
	case lax && (k == 't' || k == 'f'):
		*p = a.make(v)
		return nil
	case lax:
		return fmt.Errorf("jsonx: want a string, number or boolean, got %s", kindName(k))
	default:
		return fmt.Errorf("jsonx: want a string, got %s", kindName(k))
	}
}

// LaxInt reads an integer in every form [Ints] accepts into p.
func LaxInt[T int | int64 | int32](dec *jsontext.Decoder, p *T) error { return decodeInt(dec, p) }

// LaxBool reads a boolean in every form [Bools] accepts into p.
func LaxBool(dec *jsontext.Decoder, p *bool) error { return decodeBool(dec, p) }

// wrongKind skips the value of kind k and says what was wanted instead.
func wrongKind(dec *jsontext.Decoder, k jsontext.Kind, want string) error {
	if k == 0 {
		_, err := dec.ReadToken()
		if err == nil {
			err = errors.New("jsonx: no value")
		}
		return err
	}
	if err := dec.SkipValue(); err != nil {
		return err
	}
	return fmt.Errorf("jsonx: want %s, got %s", want, kindName(k))
}

// Object reads a free-form JSON object into *p as encoding/json v1 would
// into a map[string]any (numbers as float64, nested objects as fresh maps,
// arrays as []any, the last of repeated names winning, into the map *p
// already holds if any), and PHP's [] as an empty object, as
// [EmptyArrayAsObject] does. Null sets *p to nil. It is the dialect's
// reading of a meta field without v2's per-value dispatch.
func Object(dec *jsontext.Decoder, p *map[string]any) error {
	switch k := dec.PeekKind(); k {
	case '{':
		if *p == nil {
			*p = map[string]any{}
		}
		return readMembers(dec, *p)
	case 'n':
		_, err := dec.ReadToken()
		*p = nil
		return err
	case '[':
		if err := readEmptyArray(dec); err != nil {
			return err
		}
		*p = map[string]any{}
		return nil
	default:
		return wrongKind(dec, k, "an object")
	}
}

// readMembers reads the members of the object whose '{' is next into m.
func readMembers(dec *jsontext.Decoder, m map[string]any) error {
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	for dec.PeekKind() != '}' {
		name, err := ReadName(dec)
		if err != nil {
			return err
		}
		key := string(name)
		v, err := readAny(dec)
		if err != nil {
			return err
		}
		m[key] = v
	}
	_, err := dec.ReadToken()
	return err
}

// readAny reads any JSON value as encoding/json v1 would into an any.
func readAny(dec *jsontext.Decoder) (any, error) {
	switch k := dec.PeekKind(); k {
	case '{':
		m := map[string]any{}
		return m, readMembers(dec, m)
	case '[':
		if _, err := dec.ReadToken(); err != nil {
			return nil, err
		}
		a := []any{}
		for dec.PeekKind() != ']' {
			v, err := readAny(dec)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := dec.ReadToken()
		return a, err
	case '"':
		v, err := dec.ReadValue()
		if err != nil {
			return nil, err
		}
		return string(unquote(v)), nil
	case '0':
		v, err := dec.ReadValue()
		if err != nil {
			return nil, err
		}
		f, err := strconv.ParseFloat(string(v), 64)
		if err != nil {
			return nil, fmt.Errorf("jsonx: number %.20s out of range", v)
		}
		return f, nil
	case 't', 'f':
		_, err := dec.ReadToken()
		return k == 't', err
	case 'n':
		_, err := dec.ReadToken()
		return nil, err
	default:
		_, err := dec.ReadToken() // the syntax or I/O error
		if err == nil {
			err = errors.New("jsonx: no value")
		}
		return nil, err
	}
}
