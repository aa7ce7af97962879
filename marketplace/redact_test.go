package marketplace_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/redacttest"
	"github.com/userapis/sdk/marketplace"
)

// secrets are planted in every type that can carry personal data; none may
// reach a log, by value or by pointer, through either slog handler.
var secrets = []string{"QQ123456C", "P9988776", "1961-04-12", "1962", "ada@example.com", "Lovelace", "07700900123", "sekret-key-123"}

func TestUser_LogValue_byValueAndPointer(t *testing.T) {
	dob := marketplace.Time{Time: time.Date(1961, 4, 12, 0, 0, 0, 0, time.UTC)}
	u := marketplace.User{ID: "u_7", FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com", MobileNumber: "07700900123",
		NationalInsuranceNumber: "QQ123456C", PassportNumber: "P9988776", DOB: dob, PartnerDOB: marketplace.Time{Time: dob.AddDate(1, 0, 0)},
		Meta: map[string]any{"note": "Lovelace"}}
	total := 1
	values := map[string]any{
		"User":              u,
		"UserPage":          marketplace.UserPage{Items: []*marketplace.User{&u}, Total: &total, Size: 50},
		"UserCreateRequest": marketplace.UserCreateRequest{FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com", DOB: &dob, NationalInsuranceNumber: marketplace.Ptr("QQ123456C")},
		"UserUpdateRequest": marketplace.UserUpdateRequest{PassportNumber: marketplace.Ptr("P9988776"), MobileNumber: marketplace.Ptr("07700900123"), PartnerDOB: &dob},
		"UserListOptions":   marketplace.UserListOptions{Email: "ada@example.com", Size: 10},
	}
	c, err := marketplace.NewClient(marketplace.WithBaseURL("https://api.example.com"), marketplace.WithAPIKey("sekret-key-123"))
	require.NoError(t, err)
	// Every other exported type, seeded where it can hold anything personal.
	values["Client"] = *c
	values["UsersService"] = *c.Users
	values["BroadbandService"] = *c.Broadband
	values["Option"] = marketplace.WithAPIKey("sekret-key-123")
	values["BroadbandEntry"] = marketplace.BroadbandEntry{ID: "bb_1", CPUserID: "u_7", Meta: map[string]any{"owner": "Lovelace"}}
	values["BroadbandCreateRequest"] = marketplace.BroadbandCreateRequest{CPUserID: "u_7", Provider: marketplace.Ptr("FibreCo")}
	values["BroadbandUpdateRequest"] = marketplace.BroadbandUpdateRequest{PPM: marketplace.Ptr("29.99")}
	redacttest.Check(t, ".", values, secrets)
	for _, name := range []string{"User", "UserPage", "UserCreateRequest", "UserUpdateRequest", "UserListOptions", "BroadbandEntry"} {
		_, isLV := values[name].(slog.LogValuer)
		assert.True(t, isLV, "%s implements slog.LogValuer on a value receiver", name)
	}
	// The Client holds the key: fmt does not print it either.
	for _, arg := range []any{c, *c} {
		assert.NotContains(t, fmt.Sprintf("%v %+v %#v", arg, arg, arg), "sekret-key-123")
	}
	// What the user's log keeps: the id, and which secrets were set.
	out := logBoth(u)
	assert.Contains(t, out, `"id":"u_7"`)
	assert.Contains(t, out, `"passport_number":"[redacted]"`)
	assert.Contains(t, out, `user.national_insurance_number=[redacted]`)
	assert.Contains(t, logBoth(values["UserPage"]), `"ids":"u_7"`)
	assert.Contains(t, logBoth(values["UserListOptions"]), `"email":"[redacted]"`)
}

// logBoth logs v once through slog's JSON handler and once through its
// text handler and returns both outputs.
func logBoth(v any) string {
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "user", v)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("m", "user", v)
	return buf.String()
}
