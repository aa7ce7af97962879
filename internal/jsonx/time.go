package jsonx

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-json-experiment/json/jsontext"
)

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

// UnmarshalJSONFrom accepts the forms listed on [Time].
func (t *Time) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	text, kind, err := readScalar(dec)
	if err != nil {
		return err
	}
	switch kind {
	case 'n':
		*t = Time{}
		return nil
	case '"':
		// The common case, RFC 3339, parses from the bytes without a
		// copy; time.Parse would give the same Time (it takes the same
		// fast path first). Anything else takes the layouts in turn.
		var tt time.Time
		if tt.UnmarshalText(text) == nil {
			*t = Time{tt}
			return nil
		}
		v, err := ParseTime(string(text))
		if err != nil {
			return err
		}
		*t = v
		return nil
	}
	return fmt.Errorf("jsonx: want a date-time string, got %s", kindName(kind))
}

// UnmarshalJSON is [Time.UnmarshalJSONFrom] for encoding/json v1.
func (t *Time) UnmarshalJSON(b []byte) error { return decodeV1(b, t) }

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
