// Package validate collects every failing input field of one call into a
// single *ValidationError, so a caller learns all that is wrong at once
// and no request is sent.
package validate

import (
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/userapis/sdk/internal/transport"
)

// Checker gathers field errors for one operation.
type Checker struct {
	op     string
	fields []transport.FieldError
}

// New starts a Checker for op, e.g. "classifieds: Users.Create".
func New(op string) *Checker { return &Checker{op: op} }

// Add records a failing field.
func (c *Checker) Add(field, reason string) {
	c.fields = append(c.fields, transport.FieldError{Field: field, Reason: reason})
}

// Check records field with reason unless ok.
func (c *Checker) Check(ok bool, field, reason string) {
	if !ok {
		c.Add(field, reason)
	}
}

// Required records field when s is empty or only spaces.
func (c *Checker) Required(field, s string) {
	c.Check(strings.TrimSpace(s) != "", field, "is required")
}

// Length records field when s (counted in characters) is outside
// [minLen, maxLen]; maxLen 0 means no upper bound.
func (c *Checker) Length(field, s string, minLen, maxLen int) {
	n := utf8.RuneCountInString(s)
	switch {
	case maxLen > 0 && minLen > 0 && (n < minLen || n > maxLen):
		c.Add(field, "must be "+strconv.Itoa(minLen)+" to "+strconv.Itoa(maxLen)+" characters")
	case minLen > 0 && n < minLen:
		c.Add(field, "must be at least "+strconv.Itoa(minLen)+" characters")
	case maxLen > 0 && n > maxLen:
		c.Add(field, "must be at most "+strconv.Itoa(maxLen)+" characters")
	}
}

// Email records field when s is not a plain e-mail address.
func (c *Checker) Email(field, s string) {
	c.Check(IsEmail(s), field, "must be a valid e-mail address")
}

// Positive records field when n is not above zero.
func (c *Checker) Positive(field string, n int64) {
	c.Check(n > 0, field, "must be a positive id")
}

// OneOf records field when s is not one of options.
func (c *Checker) OneOf(field, s string, options ...string) {
	for _, o := range options {
		if s == o {
			return
		}
	}
	c.Add(field, "must be one of "+strings.Join(options, ", "))
}

// Date records field when s is not a real calendar date in yyyy-mm-dd.
func (c *Checker) Date(field, s string) {
	_, err := time.Parse(time.DateOnly, s)
	c.Check(err == nil && len(s) == 10, field, "must be a date as yyyy-mm-dd")
}

// Failed reports whether any field has failed so far.
func (c *Checker) Failed() bool { return len(c.fields) > 0 }

// Err returns a *transport.ValidationError listing every failing field, or
// nil when all passed.
func (c *Checker) Err() error {
	if len(c.fields) == 0 {
		return nil
	}
	return &transport.ValidationError{Op: c.op, Fields: c.fields}
}

// IsEmail reports whether s is a bare address such as a@b.example: no
// display name, no angle brackets, a dot in the domain.
func IsEmail(s string) bool {
	if s == "" || len(s) > 254 || strings.ContainsAny(s, " <>\r\n") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return at > 0 && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".") && !strings.Contains(domain, "..")
}
