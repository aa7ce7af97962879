package classifieds

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUsers_GenerateActivation_refusalMatchesErrRateLimited: the
// vendor's refusal text, at 200 and worded a little differently, matches
// ErrRateLimited; other failures do not.
func TestUsers_GenerateActivation_refusalMatchesErrRateLimited(t *testing.T) {
	for _, tc := range []struct {
		body    string
		limited bool
	}{
		{`{"result":false,"errors":["maximum number of requests has exceeded. please try again later..."]}`, true},
		{`{"result":false,"errors":["Maximum  number of requests has been exceeded, please try again later"]}`, true},
		{`{"result":false,"errors":["Too many requests"]}`, true},
		{`{"result":false,"errors":["something else","request limit exceeded"]}`, true},
		{`{"result":false,"errors":["user not found"]}`, false},
		{`{"result":false,"errors":["invalid activationtoken or token expired"]}`, false},
		{`{"result":false}`, false},
	} {
		c, m := newMock(t)
		m.on("POST", testBase+"/user/activate/generate/", 200, tc.body)
		_, err := c.Users.GenerateActivation(ctx, 7)
		var ae *APIError
		require.ErrorAs(t, err, &ae, tc.body)
		assert.Equal(t, 200, ae.StatusCode)
		assert.Equal(t, tc.limited, errors.Is(err, ErrRateLimited), tc.body)
		assert.False(t, errors.Is(err, ErrNotFound), tc.body)
	}
}

// TestParseVendorTime: a zone-less date-time is Amsterdam time on either
// side of a DST change; a zone given is kept; MySQL's zero date is the
// zero Time.
func TestParseVendorTime(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi int) time.Time { return time.Date(y, mo, d, h, mi, 0, 0, time.UTC) }
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"2025-03-30 01:59:00", utc(2025, 3, 30, 0, 59)}, // CET, just before the change
		{"2025-03-30 03:00:00", utc(2025, 3, 30, 1, 0)},  // CEST, just after
		{"2025-07-01 13:09:45", time.Date(2025, 7, 1, 11, 9, 45, 0, time.UTC)},
		{"2025-10-26 01:59:00", utc(2025, 10, 25, 23, 59)}, // CEST, before the change back
		{"2025-10-26 02:30:00", utc(2025, 10, 26, 0, 30)},  // happens twice: the earlier (CEST)
		{"2025-10-26 03:00:00", utc(2025, 10, 26, 2, 0)},   // CET again
		{"2025-01-15T09:30:00", utc(2025, 1, 15, 8, 30)},
		{"2025-01-15T09:30:00Z", utc(2025, 1, 15, 9, 30)},
		{"2025-01-15 09:30:00+02:00", utc(2025, 1, 15, 7, 30)},
		{"0000-00-00 00:00:00", time.Time{}},
		{"0000-00-00", time.Time{}},
		{"", time.Time{}},
	} {
		got, err := parseVendorTime(tc.in)
		require.NoError(t, err, tc.in)
		assert.True(t, tc.want.Equal(got.Time), "%s: got %v, want %v", tc.in, got.Time, tc.want)
		assert.Equal(t, tc.want.IsZero(), got.IsZero(), tc.in)
	}
	_, err := parseVendorTime("0000-00-00 12:00:00")
	assert.Error(t, err, "not the zero date: a day 0 does not exist")
	_, err = parseVendorTime("tomorrow")
	assert.Error(t, err)
	assert.NotEqual(t, "UTC", vendorZone.String(), "the zone data is embedded")
}

// TestDecode_validUntilInTheEnvelope: the zone-less validUntil and the
// zero date arrive through the dialect, as Create and GenerateActivation
// decode them.
func TestDecode_validUntilInTheEnvelope(t *testing.T) {
	env, err := decodeEnvelopeBody[activations](`{"result":true,"data":{"activationtoken":"t","validUntil":"2025-07-01 13:09:45"}}`)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2025, 7, 1, 11, 9, 45, 0, time.UTC), env.Data[0].ValidUntil.Time)
	us, err := decodeEnvelopeBody[users](`{"result":true,"data":{"userId":"5","activation":{"activationtoken":"t","validUntil":"0000-00-00 00:00:00"}}}`)
	require.NoError(t, err)
	require.NotNil(t, us.Data[0].Activation)
	assert.True(t, us.Data[0].Activation.ValidUntil.IsZero())
}

// TestParseVendorTime_repeatedHourSameAsFormatRule checks the offset test
// for the hour that happens twice against the rule it replaced (an hour
// earlier formats to the same wall time), for every minute around both
// of Amsterdam's changes of each year from 2020 to 2035, in every
// zone-less layout.
func TestParseVendorTime_repeatedHourSameAsFormatRule(t *testing.T) {
	old := func(l, s string) time.Time {
		tt, err := time.ParseInLocation(l, s, vendorZone)
		require.NoError(t, err, s)
		if e := tt.Add(-time.Hour); e.In(vendorZone).Format(l) == tt.Format(l) {
			tt = e
		}
		return tt.UTC()
	}
	n := 0
	for y := 2020; y <= 2035; y++ {
		for _, m := range []time.Month{time.March, time.October} {
			// The last Sunday of the month, from 00:00 to 04:59 local.
			d := time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
			for d.Weekday() != time.Sunday {
				d = d.AddDate(0, 0, -1)
			}
			for min := 0; min < 5*60; min++ {
				for _, l := range zoneless {
					s := time.Date(y, m, d.Day(), min/60, min%60, 7, 0, time.UTC).Format(l)
					got, err := parseVendorTime(s)
					require.NoError(t, err, s)
					require.True(t, old(l, s).Equal(got.Time), "%s: got %v, want %v", s, got.Time, old(l, s))
					n++
				}
			}
		}
	}
	assert.Equal(t, 16*2*300*len(zoneless), n)
}
