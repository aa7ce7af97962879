package jsonx

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// Dialect builds a vendor's JSON dialect: the options of [Base] plus the
// type-level unmarshalers given (earlier ones take precedence). The
// result is what a package passes as transport.API.JSON.
func Dialect(unmarshalers ...*json.Unmarshalers) json.Options {
	return json.JoinOptions(Base, json.WithUnmarshalers(json.JoinUnmarshalers(unmarshalers...)))
}

// Base is what every dialect reads and writes beyond encoding/json/v2's
// defaults, so that a body encoding/json v1 accepted is still accepted:
// a repeated member name (the last wins), invalid UTF-8 (replaced by
// U+FFFD) and member names in another case ("ID" for "id", an exact
// match winning). Request bodies are written without HTML escaping, as
// v2 does by default.
var Base = json.JoinOptions(
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
	json.MatchCaseInsensitiveNames(true),
	jsonv1.MatchCaseSensitiveDelimiter(true),
	jsontext.EscapeForHTML(false),
)

// Ints decodes int, int64 and int32 values from every form [Int64]
// accepts: 12, "12", 12.0, "1e3", "" and null (0), false (0). An int32
// out of range is an error.
var Ints = json.JoinUnmarshalers(
	json.UnmarshalFromFunc(decodeInt[int]),
	json.UnmarshalFromFunc(decodeInt[int64]),
	json.UnmarshalFromFunc(decodeInt[int32]),
)

func decodeInt[T int | int64 | int32](dec *jsontext.Decoder, p *T) error {
	text, kind, err := readScalar(dec)
	if err != nil {
		return err
	}
	n, err := parseInt64(text, kind)
	if err != nil {
		return err
	}
	if int64(T(n)) != n {
		return fmt.Errorf("jsonx: %d out of range", n)
	}
	*p = T(n)
	return nil
}

// Bools decodes bool values from every form [Bool] accepts: true,
// "true", "1", 1, "yes" and their opposites, "" and null (false).
var Bools = json.UnmarshalFromFunc(func(dec *jsontext.Decoder, p *bool) error {
	text, kind, err := readScalar(dec)
	if err != nil {
		return err
	}
	b, err := parseBool(text, kind)
	if err != nil {
		return err
	}
	*p = b
	return nil
})

// Strings decodes string values also from a number (kept as written:
// 42, 1e3), a boolean ("true"/"false") and null (""). A JSON string
// takes v2's own path, untouched.
var Strings = json.UnmarshalFromFunc(func(dec *jsontext.Decoder, p *string) error {
	switch dec.PeekKind() {
	case '0':
		v, err := dec.ReadValue()
		if err != nil {
			return err
		}
		// A number too large for a float64 is refused, as encoding/json
		// v1 refuses it.
		if _, err := strconv.ParseFloat(string(v), 64); err != nil {
			return fmt.Errorf("jsonx: number %.20s out of range", v)
		}
		*p = string(v)
		return nil
	case 't', 'f':
		v, err := dec.ReadValue()
		if err != nil {
			return err
		}
		*p = string(v)
		return nil
	}
	return errors.ErrUnsupported
})

// StringLists decodes []string values from every form [StringList]
// accepts: a list, a single string, "", null and false.
var StringLists = json.UnmarshalFromFunc(func(dec *jsontext.Decoder, p *[]string) error {
	l, err := readStringList(dec)
	if err != nil {
		return err
	}
	*p = l
	return nil
})

// EmptyArrayAsObject decodes PHP's empty array [] where T, a struct or
// a map, is expected, as {} would decode: the zero struct, an empty map.
// PHP writes an empty associative array as []. Any other array is an
// error; an object or null takes v2's own path.
func EmptyArrayAsObject[T any]() *json.Unmarshalers {
	return json.UnmarshalFromFunc(func(dec *jsontext.Decoder, p *T) error {
		if dec.PeekKind() != '[' {
			return errors.ErrUnsupported
		}
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
		if dec.PeekKind() != ']' {
			if err := skipRest(dec); err != nil {
				return err
			}
			return errors.New("jsonx: want an object, got a non-empty array")
		}
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
		var zero T
		*p = zero
		if v := reflect.ValueOf(p).Elem(); v.Kind() == reflect.Map {
			v.Set(reflect.MakeMap(v.Type()))
		}
		return nil
	})
}

// skipRest skips what is left of the array whose '[' was just read.
func skipRest(dec *jsontext.Decoder) error {
	for dec.PeekKind() != ']' {
		if err := dec.SkipValue(); err != nil {
			return err
		}
	}
	_, err := dec.ReadToken()
	return err
}
