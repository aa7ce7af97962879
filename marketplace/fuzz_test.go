package marketplace_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/marketplace"
)

// tolerantUser exercises every tolerant form the User decoder accepts.
const tolerantUser = `{"id": 42, "visits": "7", "number_of_units_per_week": "", "number_of_cigarettes_per_week": null,
 "terms_conditions": "1", "number_of_children": 2, "associated_cp_user": null,
 "dob": "1990-02-03", "partner_dob": "", "last_visited": "2024-01-02 03:04:05", "created": null,
 "updated": "2024-01-02T03:04:05+01:00", "meta": {"a": [1, "b"]}}`

func TestUser_UnmarshalJSON_tolerantForms(t *testing.T) {
	var u marketplace.User
	require.NoError(t, json.Unmarshal([]byte(tolerantUser), &u))
	require.Equal(t, "42", u.ID)
	require.Equal(t, 7, u.Visits)
	require.Zero(t, u.NumberOfUnitsPerWeek)
	require.Zero(t, u.NumberOfCigarettesPerWeek)
	require.True(t, u.TermsConditions)
	require.Equal(t, "2", u.NumberOfChildren)
	require.Empty(t, u.AssociatedCPUser)
	require.Equal(t, "1990-02-03T00:00:00Z", u.DOB.String())
	require.True(t, u.PartnerDOB.IsZero())
	require.Equal(t, "2024-01-02T03:04:05Z", u.LastVisited.String())
	require.True(t, u.Created.IsZero())
	require.Equal(t, "2024-01-02T02:04:05Z", u.Updated.UTC().Format("2006-01-02T15:04:05Z"))
	require.Equal(t, map[string]any{"a": []any{1.0, "b"}}, u.Meta)
}

func TestUser_UnmarshalJSON_rejectsWrongShapes(t *testing.T) {
	for _, bad := range []string{`null`, `[]`, `"u_1"`, `7`, `{"visits": "many"}`, `{"visits": 1.5}`, `{"terms_conditions": "maybe"}`,
		`{"dob": "yesterday"}`, `{"dob": 20230607}`, `{"id": {}}`, `{"id": []}`, `{"meta": "x"}`, `{"first_name": 1}`} {
		var u marketplace.User
		require.Error(t, json.Unmarshal([]byte(bad), &u), bad)
	}
}

// FuzzUser_UnmarshalJSON checks the tolerant decoder never panics and
// that whatever it accepts survives an encode/decode round trip.
func FuzzUser_UnmarshalJSON(f *testing.F) {
	seed, err := os.ReadFile("testdata/user.json")
	require.NoError(f, err)
	f.Add(seed)
	f.Add([]byte(tolerantUser))
	f.Add([]byte(`{"id": 1e3, "number_of_children": true, "visits": "1e2", "terms_conditions": 0}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var u marketplace.User
		if json.Unmarshal(b, &u) != nil {
			return
		}
		first, err := json.Marshal(&u)
		require.NoError(t, err)
		var again marketplace.User
		require.NoError(t, json.Unmarshal(first, &again), "re-decoding %s", first)
		second, err := json.Marshal(&again)
		require.NoError(t, err)
		require.JSONEq(t, string(first), string(second))
	})
}

// FuzzBroadbandEntry_UnmarshalJSON does the same for broadband entries.
func FuzzBroadbandEntry_UnmarshalJSON(f *testing.F) {
	seed, err := os.ReadFile("testdata/broadband_entry.json")
	require.NoError(f, err)
	f.Add(seed)
	f.Add([]byte(`{"id": 12, "cp_user_id": "u_1", "root_user_id": null, "cp_id": 7.5, "meta": {"broadbandPpm": "29.99"}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var e marketplace.BroadbandEntry
		if json.Unmarshal(b, &e) != nil {
			return
		}
		first, err := json.Marshal(&e)
		require.NoError(t, err)
		var again marketplace.BroadbandEntry
		require.NoError(t, json.Unmarshal(first, &again))
		require.Equal(t, e.ID, again.ID)
		require.Equal(t, e.CPUserID, again.CPUserID)
		require.Equal(t, e.CPID, again.CPID)
	})
}

// FuzzUserPage_UnmarshalJSON checks a page never decodes half filled: it
// is either an error or a page whose items are all users.
func FuzzUserPage_UnmarshalJSON(f *testing.F) {
	seed, err := os.ReadFile("testdata/users_list.json")
	require.NoError(f, err)
	f.Add(seed)
	f.Add([]byte(`{"items": [], "total": "3", "page": null, "size": "50"}`))
	f.Add([]byte(`{"items": null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p marketplace.UserPage
		if json.Unmarshal(b, &p) != nil {
			return
		}
		first, err := json.Marshal(&p)
		require.NoError(t, err)
		var again marketplace.UserPage
		require.NoError(t, json.Unmarshal(first, &again), "re-decoding %s", first)
	})
}
