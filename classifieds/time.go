package classifieds

import (
	"errors"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Amsterdam on every machine, whatever its zoneinfo

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/userapis/sdk/internal/jsonx"
)

// vendorZone is the zone of the vendor's zone-less date-times.
// GoedGeplaatst does not name it; it is a Dutch service, so the SDK reads
// "2021-12-02 12:05:10" as Amsterdam time (CET or CEST, as the date
// falls). The package embeds the zone database (time/tzdata), so the
// zone loads on a machine without one; the UTC fallback is never taken
// in practice.
var vendorZone = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return time.UTC
	}
	return loc
}()

// zoneless are the layouts of a date-time without a zone, read in
// vendorZone.
var zoneless = [...]string{
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
}

// parseVendorTime reads s as [Time] does, but a date-time without a zone
// is Amsterdam time (returned in UTC, as before, now the right instant;
// in the repeated hour of October the earlier of the two), and MySQL's
// zero date ("0000-00-00 00:00:00", "0000-00-00") is the zero
// Time.
func parseVendorTime(s string) (Time, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "0000-00-00") && strings.Trim(s[len("0000-00-00"):], " T0:.") == "" {
		return Time{}, nil
	}
	for _, l := range zoneless {
		if t, err := time.ParseInLocation(l, s, vendorZone); err == nil {
			// In the hour the clocks go back, the wall time happens
			// twice; take the earlier instant, so that a token never
			// looks valid longer than it is. An hour earlier shows the
			// same wall time exactly when its offset is an hour more.
			e := t.Add(-time.Hour)
			if _, off := t.Zone(); zoneOffset(e) == off+3600 {
				t = e
			}
			return Time{Time: t.UTC()}, nil
		}
	}
	return jsonx.ParseTime(s)
}

func zoneOffset(t time.Time) int {
	_, off := t.Zone()
	return off
}

// vendorTime decodes a [Time] from a string with parseVendorTime; null
// and the other kinds go to Time's own decoder.
func vendorTime() *json.Unmarshalers {
	return json.UnmarshalFromFunc(func(dec *jsontext.Decoder, t *Time) error {
		if dec.PeekKind() != '"' {
			return errors.ErrUnsupported
		}
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		v, err := parseVendorTime(tok.String())
		if err != nil {
			return err
		}
		*t = v
		return nil
	})
}
