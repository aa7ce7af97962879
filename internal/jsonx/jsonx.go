package jsonx

import (
	"fmt"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"
)

// Int64 is an integer that decodes from 12, "12", 12.0, "1e3", "" (0),
// null (0) and false (0: Regpack's "no id yet"). It encodes as a JSON
// number.
type Int64 int64

// UnmarshalJSONFrom accepts a number, a numeric string, "", null or false.
func (n *Int64) UnmarshalJSONFrom(dec *jsontext.Decoder) error { return decodeInt(dec, (*int64)(n)) }

// UnmarshalJSON is [Int64.UnmarshalJSONFrom] for encoding/json v1.
func (n *Int64) UnmarshalJSON(b []byte) error { return decodeV1(b, n) }

// MarshalJSON encodes n as a JSON number.
func (n Int64) MarshalJSON() ([]byte, error) { return strconv.AppendInt(nil, int64(n), 10), nil }

// Bool decodes from true/false, "true"/"false", "1"/"0", 1/0, "yes"/"no"
// (any case), "" and null (false). It encodes as a JSON boolean.
type Bool bool

// UnmarshalJSONFrom accepts the boolean forms listed on [Bool].
func (v *Bool) UnmarshalJSONFrom(dec *jsontext.Decoder) error { return decodeBool(dec, (*bool)(v)) }

// UnmarshalJSON is [Bool.UnmarshalJSONFrom] for encoding/json v1.
func (v *Bool) UnmarshalJSON(b []byte) error { return decodeV1(b, v) }

// StringList is a list of strings that decodes from ["a","b"], a single
// "a", "" (empty), null or false (empty). Items that are numbers or other
// values keep their JSON text; null and "" items are dropped.
type StringList []string

// UnmarshalJSONFrom accepts the forms listed on [StringList].
func (l *StringList) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	return decodeStringList(dec, (*[]string)(l))
}

// UnmarshalJSON is [StringList.UnmarshalJSONFrom] for encoding/json v1.
func (l *StringList) UnmarshalJSON(b []byte) error { return decodeV1(b, l) }

// decodeStringList reads a list, a single string, "", null or false into
// *p; each item is read once, so a list costs one pass whatever its items
// hold.
func decodeStringList(dec *jsontext.Decoder, p *[]string) error {
	l, err := readStringList(dec)
	if err != nil {
		return err
	}
	*p = l
	return nil
}

func readStringList(dec *jsontext.Decoder) ([]string, error) {
	switch kind := dec.PeekKind(); kind {
	case '[':
		if _, err := dec.ReadToken(); err != nil {
			return nil, err
		}
		out := []string{}
		for dec.PeekKind() != ']' {
			text, _, err := readScalar(dec)
			if err != nil {
				return nil, err
			}
			if s := string(text); s != "" && s != "null" {
				out = append(out, s)
			}
		}
		if _, err := dec.ReadToken(); err != nil {
			return nil, err
		}
		return out, nil
	case '"':
		text, _, err := readScalar(dec)
		if err != nil || len(text) == 0 {
			return nil, err
		}
		return []string{string(text)}, nil
	case 'n', 'f':
		_, err := dec.ReadValue()
		return nil, err
	default:
		if _, err := dec.ReadValue(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("jsonx: want a list of strings, got %s", kindName(kind))
	}
}
