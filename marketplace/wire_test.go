package marketplace_test

import (
	"context"
	"encoding/json"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/transport"
	"github.com/userapis/sdk/marketplace"
)

// TestUsers_Create_wireBytesAsBefore sends every golden request body, and
// bodies with the values whose encoding differs between encoding/json v1
// and v2, and checks the bytes on the wire are exactly those the v1
// encoder the package used before (transport.V1JSON) writes.
func TestUsers_Create_wireBytesAsBefore(t *testing.T) {
	dob := marketplace.Time{Time: seedTime.AddDate(-40, 0, 0)}
	cases := []struct {
		name   string
		golden string
		req    any
		call   func(c *marketplace.Client, req any) error
	}{
		{"create", "create_request.golden.json", &marketplace.UserCreateRequest{
			Meta: map[string]any{"crm_ref": "C-77"}, FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com", DOB: &dob,
			Postcode: marketplace.Ptr("EC1A 1BB"), Address1: marketplace.Ptr("1 Main Street"), Visits: marketplace.Ptr(0),
			TermsConditions: marketplace.Ptr(false), AnonUserID: marketplace.Ptr("anon_9"),
		}, createUser},
		{"update", "update_request.golden.json", &marketplace.UserUpdateRequest{
			TermsConditions: marketplace.Ptr(false), Visits: marketplace.Ptr(0), MobileNumber: marketplace.Ptr(""),
			Meta: map[string]any{}, Email: marketplace.Ptr("ada.l@example.com"),
		}, updateUser},
		{"broadband create", "broadband_create_request.golden.json", &marketplace.BroadbandCreateRequest{
			CPUserID: "u_1", Provider: marketplace.Ptr("FibreCo"), PPM: marketplace.Ptr("29.99"), DownSpeed: marketplace.Ptr("900"),
		}, createBroadband},
		{"broadband update", "broadband_update_request.golden.json", &marketplace.BroadbandUpdateRequest{
			PPM: marketplace.Ptr("24.50"), DownSpeed: marketplace.Ptr(""),
		}, updateBroadband},
		{"v1/v2 differences", "", &marketplace.UserUpdateRequest{
			DOB:       &marketplace.Time{}, // a set zero Time clears the date: sent as null
			FirstName: marketplace.Ptr("<b>Ada</b> & \u2028co"),
			Surname:   marketplace.Ptr(""),
			Meta: map[string]any{"z": 1, "a": []any(nil), "m": map[string]any(nil), "f": 1e21, "s": []string{},
				"nested": map[string]any{"y": 2, "b": "\xff"}},
		}, updateUser},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, m := newMock(t, 200, readFile(t, "user.json"))
			if tc.golden != "" {
				// broadband calls answer an entry, user calls a user: either decodes.
				c, m = newMock(t, 200, `{"id":"x"}`)
			}
			require.NoError(t, tc.call(c, tc.req))
			body := m.only(t).Body
			want, err := jsonv2.Marshal(tc.req, transport.V1JSON)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(body))
			if tc.golden != "" {
				assert.JSONEq(t, readFile(t, tc.golden), string(body))
			}
		})
	}
}

func createUser(c *marketplace.Client, req any) error {
	_, err := c.Users.Create(context.Background(), req.(*marketplace.UserCreateRequest))
	return err
}

func updateUser(c *marketplace.Client, req any) error {
	_, err := c.Users.Update(context.Background(), "u_1", req.(*marketplace.UserUpdateRequest))
	return err
}

func createBroadband(c *marketplace.Client, req any) error {
	_, err := c.Broadband.Create(context.Background(), req.(*marketplace.BroadbandCreateRequest))
	return err
}

func updateBroadband(c *marketplace.Client, req any) error {
	_, err := c.Broadband.Update(context.Background(), "u_1", req.(*marketplace.BroadbandUpdateRequest))
	return err
}

// TestUser_Get_roundTripsThroughEncodingJSONv1 checks that what the client
// decodes survives encoding/json v1 both ways unchanged, for users who
// cache the public types with the standard library.
func TestUser_Get_roundTripsThroughEncodingJSONv1(t *testing.T) {
	c, _ := newMock(t, 200, `{"id": 42, "visits": "7", "terms_conditions": "1", "meta": {"a": [1, "b"], "n": null},
		"dob": "1990-02-03", "updated": "2024-01-02T03:04:05+01:00", "first_name": "Ada", "number_of_children": 2}`)
	u, err := c.Users.Get(context.Background(), "42")
	require.NoError(t, err)
	roundTrip(t, u)
	roundTrip(t, seedUser())

	c, _ = newMock(t, 200, readFile(t, "users_list.json"))
	p, err := c.Users.List(context.Background(), nil)
	require.NoError(t, err)
	roundTrip(t, p)

	c, _ = newMock(t, 200, `{"id": 12, "cp_user_id": "u_1", "meta": {"broadbandPpm": "29.99"}}`)
	e, err := c.Broadband.Get(context.Background(), "u_1")
	require.NoError(t, err)
	roundTrip(t, e)

	roundTrip(t, &marketplace.UserCreateRequest{FirstName: "Ada", Surname: "L", Email: "a@b.example", Visits: marketplace.Ptr(0)})
	roundTrip(t, &marketplace.UserUpdateRequest{Meta: map[string]any{}, Postcode: marketplace.Ptr("")})
}

// roundTrip encodes v with encoding/json v1, decodes into a new value of
// its type, and requires the two to be equal.
func roundTrip[T any](t *testing.T, v *T) {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(b, &back), "%s", b)
	assert.Equal(t, v, &back, "%s", b)
}
