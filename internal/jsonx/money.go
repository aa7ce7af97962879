package jsonx

import (
	"bytes"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// Money is an amount of money kept as its exact decimal text, never as a
// float. It decodes from "12.50", "12.5", "12", "1,250.00" (thousands
// separators), 12.5 (read as text, not through float64), "" and null
// (zero). More than two decimals never fail: "0.125" keeps all three.
// It encodes as the canonical string with at least two decimals, the form
// the vendors send ("12.50", "1250.00", "0.125").
//
// Money values compare with ==: every spelling of one amount decodes to
// the same value ("12.5", "12.50" and "12.500" are equal).
type Money struct {
	// s is the canonical text: an optional "-", the whole part without
	// leading zeros, ".", then two or more decimals without trailing zeros
	// past the second; "" is zero.
	s string
}

// Cents builds a Money from an amount in cents.
func Cents(c int64) Money {
	if c == 0 {
		return Money{}
	}
	neg := c < 0
	u := uint64(c)
	if neg {
		u = -u
	}
	s := fmt.Sprintf("%d.%02d", u/100, u%100)
	if neg {
		s = "-" + s
	}
	return Money{s: s}
}

// ParseMoney reads a decimal amount: an optional sign, digits with
// optional thousands separators (groups of three after a comma), and
// any number of decimals. "" is zero.
func ParseMoney(s string) (Money, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Money{}, nil
	}
	neg := false
	switch t[0] {
	case '-':
		neg, t = true, t[1:]
	case '+':
		t = t[1:]
	}
	whole, frac, _ := strings.Cut(t, ".")
	if whole == "" && frac == "" {
		return Money{}, fmt.Errorf("jsonx: invalid amount %q", s)
	}
	if strings.Contains(whole, ",") {
		var ok bool
		if whole, ok = ungroup(whole); !ok {
			return Money{}, fmt.Errorf("jsonx: invalid amount %q", s)
		}
	}
	if (whole != "" && !digits(whole)) || (frac != "" && !digits(frac)) {
		return Money{}, fmt.Errorf("jsonx: invalid amount %q", s)
	}
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	frac = strings.TrimRight(frac, "0")
	for len(frac) < 2 {
		frac += "0"
	}
	if whole == "0" && frac == "00" {
		return Money{}, nil
	}
	c := whole + "." + frac
	if neg {
		c = "-" + c
	}
	return Money{s: c}, nil
}

// ungroup removes thousands separators from whole, which must be one to
// three digits followed by groups of ",ddd".
func ungroup(whole string) (string, bool) {
	parts := strings.Split(whole, ",")
	if len(parts[0]) == 0 || len(parts[0]) > 3 {
		return "", false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return "", false
		}
	}
	return strings.Join(parts, ""), true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Cents returns the amount in cents, rounded half away from zero when it
// has more than two decimals, and clamped to ±(2^63-1) when it is larger.
func (m Money) Cents() int64 {
	if m.s == "" {
		return 0
	}
	whole, frac, _ := strings.Cut(strings.TrimPrefix(m.s, "-"), ".")
	c, err := strconv.ParseInt(whole+frac[:2], 10, 64)
	if err != nil {
		c = math.MaxInt64
	} else if len(frac) > 2 && frac[2] >= '5' && c < math.MaxInt64 {
		c++
	}
	if m.s[0] == '-' {
		c = -c
	}
	return c
}

// Exact reports whether the amount is a whole number of cents, that is,
// whether [Money.Cents] is the amount itself.
func (m Money) Exact() bool {
	if m.s == "" {
		return true
	}
	_, frac, _ := strings.Cut(m.s, ".")
	if len(frac) > 2 {
		return false
	}
	_, err := strconv.ParseInt(strings.Replace(strings.TrimPrefix(m.s, "-"), ".", "", 1), 10, 64)
	return err == nil
}

// Rat returns the exact amount as a rational number.
func (m Money) Rat() *big.Rat {
	r, ok := new(big.Rat).SetString(m.String())
	if !ok {
		return new(big.Rat)
	}
	return r
}

// IsZero reports whether the amount is zero.
func (m Money) IsZero() bool { return m.s == "" }

// String returns the amount with at least two decimals, e.g. "12.50",
// "-0.05" or "0.125".
func (m Money) String() string {
	if m.s == "" {
		return "0.00"
	}
	return m.s
}

// UnmarshalJSONFrom accepts the forms listed on [Money].
func (m *Money) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	text, kind, err := readScalar(dec)
	if err != nil {
		return err
	}
	switch kind {
	case 'n':
		*m = Money{}
		return nil
	case '0':
		if bytes.ContainsAny(text, "eE") {
			return fmt.Errorf("jsonx: amount %s in exponent form", text)
		}
	case '"':
	default:
		return fmt.Errorf("jsonx: want an amount, got %s", kindName(kind))
	}
	v, err := ParseMoney(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// UnmarshalJSON is [Money.UnmarshalJSONFrom] for encoding/json v1.
func (m *Money) UnmarshalJSON(b []byte) error { return decodeV1(b, m) }

// MarshalJSON encodes the amount as a string with at least two decimals.
func (m Money) MarshalJSON() ([]byte, error) { return strconv.AppendQuote(nil, m.String()), nil }
