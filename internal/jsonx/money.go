package jsonx

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Money is an amount with two decimals held as integer cents, never as a
// float. It decodes from "12.50", "12.5", "12", 12.5 (read as text, not
// through float64), "" and null (zero), and encodes as the string "12.50",
// the form the vendors send.
type Money struct{ cents int64 }

// Cents builds a Money from an amount in cents.
func Cents(c int64) Money { return Money{cents: c} }

// ParseMoney reads a decimal amount with at most two decimals (more are
// accepted only when they are zeros).
func ParseMoney(s string) (Money, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Money{}, nil
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
		return Money{}, fmt.Errorf("jsonx: invalid amount %q", s)
	}
	if trimmed := strings.TrimRight(frac, "0"); len(trimmed) > 2 {
		return Money{}, fmt.Errorf("jsonx: amount %q has more than two decimals", s)
	} else if len(frac) > 2 {
		frac = frac[:2]
	}
	for len(frac) < 2 {
		frac += "0"
	}
	if whole == "" {
		whole = "0"
	}
	if !digits(whole) || !digits(frac) {
		return Money{}, fmt.Errorf("jsonx: invalid amount %q", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > (math.MaxInt64-99)/100 {
		return Money{}, fmt.Errorf("jsonx: amount %q out of range", s)
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	c := w*100 + f
	if neg {
		c = -c
	}
	return Money{cents: c}, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Cents returns the amount in cents.
func (m Money) Cents() int64 { return m.cents }

// IsZero reports whether the amount is zero.
func (m Money) IsZero() bool { return m.cents == 0 }

// String returns the amount with two decimals, e.g. "12.50" or "-0.05".
func (m Money) String() string {
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

// UnmarshalJSON accepts the forms listed on [Money].
func (m *Money) UnmarshalJSON(b []byte) error {
	s, quoted, ok := unquote(b)
	if !ok {
		return fmt.Errorf("jsonx: invalid amount %s", b)
	}
	if !quoted && s == "null" {
		*m = Money{}
		return nil
	}
	if !quoted && strings.ContainsAny(s, "eE") {
		return fmt.Errorf("jsonx: amount %s in exponent form", b)
	}
	v, err := ParseMoney(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// MarshalJSON encodes the amount as a string with two decimals.
func (m Money) MarshalJSON() ([]byte, error) { return strconv.AppendQuote(nil, m.String()), nil }
