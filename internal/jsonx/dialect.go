package jsonx

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

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

// Base is what every dialect does beyond encoding/json/v2's defaults, so
// that a body encoding/json v1 accepted is still accepted, and a request
// body is written byte for byte as v1 wrote it.
//
// Reading: a repeated member name (the last wins, and a later null
// leaves a string, number or bool as the earlier one set it, as in v1),
// invalid UTF-8 (replaced by U+FFFD) and member names in another case
// ("ID" for "id", an exact match winning; "first-name" does not match
// first_name, as in v1).
//
// Allowing repeated names costs v2's fast path for free-form values (600
// allocations more on BenchmarkDialect's page of 100 users); refusing
// them would refuse bodies v1 took.
//
// Writing: omitempty as v1 defines it (a nil pointer is left out, a
// pointer to "" or to a zero Time is sent: v2 would leave both out), map
// keys sorted, nil slices and maps inside free-form values as null,
// U+2028 and U+2029 escaped, and no HTML escaping (as the transport
// always sent).
var Base = json.JoinOptions(
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
	json.MatchCaseInsensitiveNames(true),
	jsonv1.MatchCaseSensitiveDelimiter(true),
	jsonv1.MergeWithLegacySemantics(true),
	jsonv1.OmitEmptyWithLegacySemantics(true),
	json.Deterministic(true),
	json.FormatNilSliceAsNull(true),
	json.FormatNilMapAsNull(true),
	jsontext.EscapeForHTML(false),
	jsontext.EscapeForJS(true),
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
var Bools = json.UnmarshalFromFunc(decodeBool)

func decodeBool(dec *jsontext.Decoder, p *bool) error {
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
}

// Strings decodes string values also from a number (kept as written:
// 42, 1e3), a boolean ("true"/"false") and null (""). A JSON string
// takes v2's own path, untouched.
var Strings = json.UnmarshalFromFunc(func(dec *jsontext.Decoder, p *string) error {
	switch dec.PeekKind() {
	case '0', 't', 'f':
		return LaxString(dec, p)
	}
	return errors.ErrUnsupported
})

// StringLists decodes []string values from every form [StringList]
// accepts: a list, a single string, "", null and false.
var StringLists = json.UnmarshalFromFunc(decodeStringList)

// EmptyArrayAsObject decodes PHP's empty array [] where T, a struct or
// a map, is expected, as {} would decode: the zero struct, an empty map.
// PHP writes an empty associative array as []. Any other array is an
// error; an object or null takes v2's own path.
func EmptyArrayAsObject[T any]() *json.Unmarshalers {
	return json.UnmarshalFromFunc(func(dec *jsontext.Decoder, p *T) error {
		if dec.PeekKind() != '[' {
			return errors.ErrUnsupported
		}
		if err := readEmptyArray(dec); err != nil {
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

// readEmptyArray reads PHP's [] for an empty object; any other array is
// read and refused.
func readEmptyArray(dec *jsontext.Decoder) error {
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	if dec.PeekKind() != ']' {
		if err := skipRest(dec); err != nil {
			return err
		}
		return errors.New("jsonx: want an object, got a non-empty array")
	}
	_, err := dec.ReadToken()
	return err
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

// SetFields returns the JSON names of the fields of the struct v (or *v)
// that are set, that is, not their zero value: nil pointers and maps and
// empty strings are left out. It lets a request type log which fields it
// carries without their values. A nil pointer gives nil.
func SetFields(v any) []string {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil
	}
	var set []string
	for i := range rv.NumField() {
		f := rv.Type().Field(i)
		if !f.IsExported() || rv.Field(i).IsZero() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		set = append(set, name)
	}
	return set
}
