package jsonx

// This file keeps the v1 decoders jsonx had before it moved to
// encoding/json/v2, unchanged but for their names, so the fuzz targets can
// check the new decoders against them: every input the old ones accepted
// must decode to the same value, except where the new ones were asked to
// be more tolerant (money with a thousands separator or more decimals).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

var oldNull = []byte("null")

// oldUnquote returns the contents of a JSON string, or b itself when b is not
// a string. ok is false for malformed strings.
func oldUnquote(b []byte) (s string, quoted, ok bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '"' {
		return string(b), false, true
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return "", true, false
	}
	return s, true, true
}

// oldInt64 is an integer that decodes from 12, "12", 12.0, "" (0), null (0)
// and false (0: Regpack's "no id yet"). It encodes as a JSON number.
type oldInt64 int64

// UnmarshalJSON accepts a number, a numeric string, "", oldNull or false.
func (n *oldInt64) UnmarshalJSON(b []byte) error {
	s, quoted, ok := oldUnquote(b)
	if !ok {
		return fmt.Errorf("jsonx: invalid integer %s", b)
	}
	s = strings.TrimSpace(s)
	if s == "" || (!quoted && (s == "null" || s == "false")) {
		*n = 0
		return nil
	}
	v, err := oldParseInt(s)
	if err != nil {
		return fmt.Errorf("jsonx: invalid integer %s", b)
	}
	*n = oldInt64(v)
	return nil
}

// oldParseInt parses a decimal integer, also written as a float with no
// fractional part ("12.0", "1e3").
func oldParseInt(s string) (int64, error) {
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
func (n oldInt64) MarshalJSON() ([]byte, error) { return strconv.AppendInt(nil, int64(n), 10), nil }

// oldBool decodes from true/false, "true"/"false", "1"/"0", 1/0, "" and oldNull
// (false). It encodes as a JSON boolean.
type oldBool bool

// UnmarshalJSON accepts the boolean forms listed on [oldBool].
func (v *oldBool) UnmarshalJSON(b []byte) error {
	s, _, ok := oldUnquote(b)
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

// oldStringList is a list of strings that decodes from ["a","b"], a single
// "a", "" (empty), null (empty) or numbers (as their text).
type oldStringList []string

// UnmarshalJSON accepts a list, a single string, "" or null.
func (l *oldStringList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, oldNull) || bytes.Equal(b, []byte("false")) {
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
			s, _, ok := oldUnquote(r)
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
	s, quoted, ok := oldUnquote(b)
	if !ok || !quoted {
		return fmt.Errorf("jsonx: invalid string list %s", b)
	}
	if s == "" {
		*l = nil
	} else {
		*l = oldStringList{s}
	}
	return nil
}

// oldTime is a date-time that decodes from RFC 3339 (with or without a zone),
// "2006-01-02 15:04:05" (read as UTC), a date alone, "" and null (the zero
// oldTime). It encodes as RFC 3339, and the zero oldTime as null.
type oldTime struct{ time.Time }

var oldTimeLayouts = [...]string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	time.DateOnly,
}

// oldParseTime reads s in any layout [oldTime] accepts.
func oldParseTime(s string) (oldTime, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return oldTime{}, nil
	}
	for _, l := range oldTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return oldTime{t}, nil
		}
	}
	return oldTime{}, fmt.Errorf("jsonx: unrecognised date-time %q", s)
}

// UnmarshalJSON accepts the forms listed on [oldTime].
func (t *oldTime) UnmarshalJSON(b []byte) error {
	s, quoted, ok := oldUnquote(b)
	if !ok || (!quoted && s != "null") {
		return fmt.Errorf("jsonx: invalid date-time %s", b)
	}
	if !quoted {
		*t = oldTime{}
		return nil
	}
	v, err := oldParseTime(s)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// MarshalJSON encodes t as RFC 3339, or null when t is zero.
func (t oldTime) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return t.Time.MarshalJSON()
}

// String returns t in RFC 3339, or "" when t is zero.
func (t oldTime) String() string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// oldMoney is an amount with two decimals held as integer cents, never as a
// float. It decodes from "12.50", "12.5", "12", 12.5 (read as text, not
// through float64), "" and null (zero), and encodes as the string "12.50",
// the form the vendors send.
type oldMoney struct{ cents int64 }

// oldParseMoney reads a decimal amount with at most two decimals (more are
// accepted only when they are zeros).
func oldParseMoney(s string) (oldMoney, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return oldMoney{}, nil
	}
	neg := false
	switch s[0] {
	case '-':
		neg, s = true, s[1:]
	case '+':
		s = s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" {
		return oldMoney{}, fmt.Errorf("jsonx: invalid amount %q", s)
	}
	if trimmed := strings.TrimRight(frac, "0"); len(trimmed) > 2 {
		return oldMoney{}, fmt.Errorf("jsonx: amount %q has more than two decimals", s)
	} else if len(frac) > 2 {
		frac = frac[:2]
	}
	for len(frac) < 2 {
		frac += "0"
	}
	if whole == "" {
		whole = "0"
	}
	if !oldDigits(whole) || !oldDigits(frac) {
		return oldMoney{}, fmt.Errorf("jsonx: invalid amount %q", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > (math.MaxInt64-99)/100 {
		return oldMoney{}, fmt.Errorf("jsonx: amount %q out of range", s)
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	c := w*100 + f
	if neg {
		c = -c
	}
	return oldMoney{cents: c}, nil
}

func oldDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// oldCents returns the amount in cents.
func (m oldMoney) oldCents() int64 { return m.cents }

// IsZero reports whether the amount is zero.
func (m oldMoney) IsZero() bool { return m.cents == 0 }

// String returns the amount with two decimals, e.g. "12.50" or "-0.05".
func (m oldMoney) String() string {
	c := m.cents
	sign := ""
	if c < 0 {
		sign = "-"
	}
	u := uint64(c)
	if c < 0 {
		u = uint64(-(c + 1)) + 1
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

// UnmarshalJSON accepts the forms listed on [oldMoney].
func (m *oldMoney) UnmarshalJSON(b []byte) error {
	s, quoted, ok := oldUnquote(b)
	if !ok {
		return fmt.Errorf("jsonx: invalid amount %s", b)
	}
	if !quoted && s == "null" {
		*m = oldMoney{}
		return nil
	}
	if !quoted && strings.ContainsAny(s, "eE") {
		return fmt.Errorf("jsonx: amount %s in exponent form", b)
	}
	v, err := oldParseMoney(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// MarshalJSON encodes the amount as a string with two decimals.
func (m oldMoney) MarshalJSON() ([]byte, error) { return strconv.AppendQuote(nil, m.String()), nil }
