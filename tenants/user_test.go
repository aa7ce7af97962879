package tenants_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/tenants"
)

func TestUser_LogValue(t *testing.T) {
	var u tenants.User
	require.NoError(t, json.Unmarshal(readFile(t, "user.json"), &u))
	for _, v := range []any{u, &u} {
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

// FuzzUser_UnmarshalJSON checks the tolerant decoder never panics, and
// that whatever it accepts re-encodes and decodes to the same User.
func FuzzUser_UnmarshalJSON(f *testing.F) {
	f.Add([]byte(`{"id":4021,"firstName":"Ada","jobActiveSync":true}`))
	f.Add([]byte(`{"id":"4021","caseOwnerId":null,"mentorId":"","groupId":5.0,"jobActiveSync":"1"}`))
	f.Add([]byte(`{"plannedHours":"1e3","weeklyHours":-1,"managerId":"x"}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"IAICT":null,"diagIct":"","id":false}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var u tenants.User
		if json.Unmarshal(b, &u) != nil {
			return
		}
		out, err := json.Marshal(u)
		require.NoError(t, err)
		var again tenants.User
		require.NoError(t, json.Unmarshal(out, &again))
		assert.Equal(t, u, again)
	})
}
