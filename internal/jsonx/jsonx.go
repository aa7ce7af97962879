// Package jsonx holds the tolerant JSON types the vendor APIs need: numbers
// that arrive as strings, money without floats, date-times in several
// layouts, and lists that arrive as "" when empty. Each decodes every
// variant the vendors are known to send and encodes one canonical form.
package jsonx

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

var null = []byte("null")

// unquote returns the contents of a JSON string, or b itself when b is not
// a string. ok is false for malformed strings.
func unquote(b []byte) (s string, quoted, ok bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '"' {
		return string(b), false, true
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return "", true, false
	}
	return s, true, true
}

// Int64 is an integer that decodes from 12, "12", 12.0, "" (0), null (0)
// and false (0: Regpack's "no id yet"). It encodes as a JSON number.
type Int64 int64

// UnmarshalJSON accepts a number, a numeric string, "", null or false.
func (n *Int64) UnmarshalJSON(b []byte) error {
	s, quoted, ok := unquote(b)
	if !ok {
		return fmt.Errorf("jsonx: invalid integer %s", b)
	}
	s = strings.TrimSpace(s)
	if s == "" || (!quoted && (s == "null" || s == "false")) {
		*n = 0
		return nil
	}
	v, err := parseInt(s)
	if err != nil {
		return fmt.Errorf("jsonx: invalid integer %s", b)
	}
	*n = Int64(v)
	return nil
}

// parseInt parses a decimal integer, also written as a float with no
// fractional part ("12.0", "1e3").
func parseInt(s string) (int64, error) {
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		return v, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) >= 1<<63 {
		return 0, fmt.Errorf("not an integer: %q", s)
	}
	return int64(f), nil
}

// MarshalJSON encodes n as a JSON number.
func (n Int64) MarshalJSON() ([]byte, error) { return strconv.AppendInt(nil, int64(n), 10), nil }

// Bool decodes from true/false, "true"/"false", "1"/"0", 1/0, "" and null
// (false). It encodes as a JSON boolean.
type Bool bool

// UnmarshalJSON accepts the boolean forms listed on [Bool].
func (v *Bool) UnmarshalJSON(b []byte) error {
	s, _, ok := unquote(b)
	if !ok {
		return fmt.Errorf("jsonx: invalid boolean %s", b)
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes":
		*v = true
	case "false", "0", "no", "", "null":
		*v = false
	default:
		return fmt.Errorf("jsonx: invalid boolean %s", b)
	}
	return nil
}

// StringList is a list of strings that decodes from ["a","b"], a single
// "a", "" (empty), null (empty) or numbers (as their text).
type StringList []string

// UnmarshalJSON accepts a list, a single string, "" or null.
func (l *StringList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, null) || bytes.Equal(b, []byte("false")) {
		*l = nil
		return nil
	}
	if len(b) > 0 && b[0] == '[' {
		var raw []json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			return err
		}
		out := make([]string, 0, len(raw))
		for _, r := range raw {
			s, _, ok := unquote(r)
			if !ok {
				return fmt.Errorf("jsonx: invalid list item %s", r)
			}
			if s != "" && s != "null" {
				out = append(out, s)
			}
		}
		*l = out
		return nil
	}
	s, quoted, ok := unquote(b)
	if !ok || !quoted {
		return fmt.Errorf("jsonx: invalid string list %s", b)
	}
	if s == "" {
		*l = nil
	} else {
		*l = StringList{s}
	}
	return nil
}

// Time is a date-time that decodes from RFC 3339 (with or without a zone),
// "2006-01-02 15:04:05" (read as UTC), a date alone, "" and null (the zero
// Time). It encodes as RFC 3339, and the zero Time as null.
type Time struct{ time.Time }

var timeLayouts = [...]string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	time.DateOnly,
}

// ParseTime reads s in any layout [Time] accepts.
func ParseTime(s string) (Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Time{}, nil
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return Time{t}, nil
		}
	}
	return Time{}, fmt.Errorf("jsonx: unrecognised date-time %q", s)
}

// UnmarshalJSON accepts the forms listed on [Time].
func (t *Time) UnmarshalJSON(b []byte) error {
	s, quoted, ok := unquote(b)
	if !ok || (!quoted && s != "null") {
		return fmt.Errorf("jsonx: invalid date-time %s", b)
	}
	if !quoted {
		*t = Time{}
		return nil
	}
	v, err := ParseTime(s)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// MarshalJSON encodes t as RFC 3339, or null when t is zero.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return t.Time.MarshalJSON()
}

// String returns t in RFC 3339, or "" when t is zero.
func (t Time) String() string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
