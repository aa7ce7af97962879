package jsonx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// lax is how the v1 entry points (UnmarshalJSON) read a value: encoding/json
// v1 already checked it, with duplicate names and invalid UTF-8 allowed.
var lax = json.JoinOptions(jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))

// readScalar reads the next value from dec. For a JSON string it returns
// the unescaped contents; for anything else the value's text as written.
// The bytes may alias dec's buffer: they are valid until dec reads again.
func readScalar(dec *jsontext.Decoder) (text []byte, kind jsontext.Kind, err error) {
	v, err := dec.ReadValue()
	if err != nil {
		return nil, 0, err
	}
	kind = v.Kind()
	if kind == '"' {
		return unquote(v), kind, nil
	}
	return v, kind, nil
}

// unquote returns the contents of the JSON string v, without a copy when
// it has no escapes. Invalid UTF-8 (allowed by a lax decoder) becomes
// U+FFFD, as encoding/json v1 does.
func unquote(v jsontext.Value) []byte {
	s := v[1 : len(v)-1]
	if bytes.IndexByte(s, '\\') < 0 && utf8.Valid(s) {
		return s
	}
	b, _ := jsontext.AppendUnquote(nil, v) // v is valid JSON: the only error left is invalid UTF-8, already replaced
	return b
}

// parseInt64 reads an integer in any form [Int64] accepts.
func parseInt64(text []byte, kind jsontext.Kind) (int64, error) {
	switch kind {
	case 'n', 'f':
		return 0, nil
	case '0':
	case '"':
		text = bytes.TrimSpace(text)
		if len(text) == 0 {
			return 0, nil
		}
	default:
		return 0, fmt.Errorf("jsonx: want an integer, got %s", kindName(kind))
	}
	if n, ok := fastInt(text); ok {
		return n, nil
	}
	s := string(text)
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		return v, nil
	}
	// An integer written as a float with no fractional part: "12.0", "1e3".
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) >= 1<<63 {
		return 0, fmt.Errorf("jsonx: invalid integer %q", text)
	}
	return int64(f), nil
}

// fastInt parses a plain decimal of at most 18 digits, the common case,
// without strconv.
func fastInt(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// parseBool reads a boolean in any form [Bool] accepts.
func parseBool(text []byte, kind jsontext.Kind) (bool, error) {
	switch kind {
	case 't':
		return true, nil
	case 'f', 'n':
		return false, nil
	case '"', '0':
	default:
		return false, fmt.Errorf("jsonx: want a boolean, got %s", kindName(kind))
	}
	switch strings.ToLower(strings.TrimSpace(string(text))) {
	case "true", "1", "yes":
		return true, nil
	case "false", "0", "no", "", "null":
		return false, nil
	}
	return false, fmt.Errorf("jsonx: invalid boolean %q", text)
}

// kindName names a JSON kind in an error.
func kindName(k jsontext.Kind) string {
	switch k {
	case '"':
		return "a string"
	case '0':
		return "a number"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case '{':
		return "an object"
	case '[':
		return "an array"
	}
	return "nothing"
}

// decodeV1 decodes b, a value encoding/json v1 hands to an UnmarshalJSON
// method, through v's UnmarshalJSONFrom: both entry points share one code.
func decodeV1(b []byte, v json.UnmarshalerFrom) error {
	dec := jsontext.NewDecoder(bytes.NewReader(b), lax)
	if err := v.UnmarshalJSONFrom(dec); err != nil {
		return err
	}
	if _, err := dec.ReadToken(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("jsonx: trailing data after value")
	}
	return nil
}
