package tenants

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"os"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/decodecheck"
)

func TestUser_LogValue(t *testing.T) {
	b, err := os.ReadFile("testdata/user.json")
	require.NoError(t, err)
	u, err := Decode[User](b)
	require.NoError(t, err)
	for _, v := range []any{*u, u} {
		var buf bytes.Buffer
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("user", "user", v)
		out := buf.String()
		for _, hidden := range []string{u.DateOfBirth, u.Phone, u.Email, u.PersonalEmail, u.Username,
			u.Address1, u.Address2, u.PostCode, u.TownCity, u.ManagerEmail, u.ManagerPhone,
			"dateOfBirth", "phone", "personalEmail", "postCode", "address1", "managerEmail"} {
			assert.NotContains(t, out, hidden)
		}
		for _, shown := range []string{`"id":4021`, `"referenceNumber":"REF-0042"`, `"status":"Full user"`, `"lastName":"Lovelace"`} {
			assert.Contains(t, out, shown)
		}
	}
}

func TestUser_Decode_tolerantForms(t *testing.T) {
	u, err := Decode[User]([]byte(`{"id":"4021","caseOwnerId":null,"mentorId":"","groupId":5.0,"jobActiveSync":"1",
		"plannedHours":"3e2","weeklyHours":" 30 ","managerId":false,"IAICT":null}`))
	require.NoError(t, err)
	assert.Equal(t, User{ID: 4021, GroupID: 5, JobActiveSync: true, PlannedHours: 300, WeeklyHours: 30}, *u)
	for _, bad := range []string{`null`, `[]`, `"x"`, `{"id":"x"}`, `{"id":1.5}`, `{"jobActiveSync":"maybe"}`, `{"firstName":1}`, `{"id":{}}`} {
		_, err := Decode[User]([]byte(bad))
		assert.Error(t, err, bad)
	}
}

// FuzzUser_UnmarshalJSON checks the dialect against the old decoder
// (old_test.go): every input the old one accepted decodes to the same
// User (a repeated member name excepted, see marketplace's fuzz test),
// and whatever the dialect accepts re-encodes through encoding/json v1
// and decodes to the same User.
func FuzzUser_UnmarshalJSON(f *testing.F) {
	f.Add([]byte(`{"id":4021,"firstName":"Ada","jobActiveSync":true}`))
	f.Add([]byte(`{"id":"4021","caseOwnerId":null,"mentorId":"","groupId":5.0,"jobActiveSync":"1"}`))
	f.Add([]byte(`{"plannedHours":"1e3","weeklyHours":-1,"managerId":"x"}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"IAICT":null,"diagIct":"","id":false}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var old oldUser
		oldErr := json.Unmarshal(b, &old)
		u, err := Decode[User](b)
		if oldErr == nil && !bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
			// The old decoder took null as an empty user; the client
			// always refused it (users.go), as the dialect does.
			require.NoError(t, err, "the old decoder accepted %q", b)
			if jsontext.Value(b).IsValid(jsontext.AllowInvalidUTF8(true)) {
				require.Equal(t, User(old), *u, "%q", b)
			}
		}
		if err != nil {
			return
		}
		out, err := json.Marshal(u)
		require.NoError(t, err)
		var again User
		require.NoError(t, json.Unmarshal(out, &again))
		assert.Equal(t, *u, again)
	})
}

// FuzzGenerated_sameAsReflective checks the generated User decoder
// against v2's reflective reading of the same dialect: the same bodies
// accepted, the same values.
func FuzzGenerated_sameAsReflective(f *testing.F) {
	b, err := os.ReadFile("testdata/user.json")
	require.NoError(f, err)
	f.Add(b)
	f.Add([]byte(`{"id":"4021","caseOwnerId":null,"mentorId":"","groupId":5.0,"jobActiveSync":"1"}`))
	f.Add([]byte(`{"ID":1,"FIRSTNAME":"a","iaenglish":"b","firstName":null,"phone":7,"x":[{}],"jobActiveSync":null}`))
	f.Add([]byte(`{"email":"\u00e9\ud800","plannedHours":"1e3","weeklyHours":2147483648}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		decodecheck.SameAsReflective[User](t, b, Dialect, Reflective)
	})
}
