package marketplace_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/marketplace"
)

// assertCommonHeaders checks the credential and the headers every request
// carries.
func assertCommonHeaders(t *testing.T, r captured) {
	t.Helper()
	assert.Equal(t, []string{testKey}, r.Header.Values("X-API-Key"))
	assert.Equal(t, "application/json", r.Header.Get("Accept"))
	assert.True(t, strings.HasPrefix(r.Header.Get("User-Agent"), "userapis-go/"), r.Header.Get("User-Agent"))
}

func TestUsers_List_sendsFiltersAndPage(t *testing.T) {
	c, m := newMock(t, 200, `{"items":[],"total":0,"page":2,"size":20}`)
	page, err := c.Users.List(context.Background(), &marketplace.UserListOptions{
		Email: "ada+x@example.com", IDs: []string{"u_1", "u/2"}, Page: 2, Size: 20,
	})
	require.NoError(t, err)
	r := m.only(t)
	assert.Equal(t, "GET", r.Method)
	assert.Equal(t, "/v1/users", r.Path)
	assert.Equal(t, map[string][]string{
		"email": {"ada+x@example.com"}, "ids[]": {"u_1", "u/2"}, "page": {"2"}, "size": {"20"},
	}, r.Query)
	assertCommonHeaders(t, r)
	assert.Empty(t, r.Body)
	assert.Empty(t, r.Header.Get("Content-Type"))
	require.NotNil(t, page.Total)
	assert.Equal(t, 0, *page.Total)
	assert.Equal(t, 2, *page.Page)
	assert.Equal(t, 20, page.Size)
	assert.Empty(t, page.Items)
}

func TestUsers_List_nilOptionsSendDefaults(t *testing.T) {
	c, m := newMock(t, 200, `{"items":[],"total":null,"page":null,"size":50}`)
	_, err := c.Users.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, map[string][]string{"page": {"0"}, "size": {"50"}}, m.only(t).Query)

	c, m = newMock(t, 200, `{"items":[],"size":50}`)
	_, err = c.Users.List(context.Background(), &marketplace.UserListOptions{Page: 3})
	require.NoError(t, err)
	assert.Equal(t, map[string][]string{"page": {"3"}, "size": {"50"}}, m.only(t).Query)
}

func TestUsers_List_decodesSeedExample(t *testing.T) {
	c, _ := newMock(t, 200, readFile(t, "users_list.json"))
	page, err := c.Users.List(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, seedUser(), page.Items[0])
	assert.Nil(t, page.Total, "the seed sends total: null")
	assert.Nil(t, page.Page, "the seed sends page: null")
	assert.Equal(t, 123, page.Size)
}

func TestUsers_List_validation(t *testing.T) {
	cases := []struct {
		name   string
		opts   marketplace.UserListOptions
		fields []string
	}{
		{"negative page", marketplace.UserListOptions{Page: -1}, []string{"page"}},
		{"negative size", marketplace.UserListOptions{Size: -5}, []string{"size"}},
		{"empty id", marketplace.UserListOptions{IDs: []string{"u_1", " "}}, []string{"ids[1]"}},
		{"all at once", marketplace.UserListOptions{Page: -1, Size: -1, IDs: []string{""}}, []string{"page", "size", "ids[0]"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, m := newMock(t, 200, `{"items":[]}`)
			_, err := c.Users.List(context.Background(), &tc.opts)
			assertInvalid(t, err, tc.fields...)
			assert.Zero(t, m.count(), "nothing may be sent")

			for _, err := range c.Users.All(context.Background(), &tc.opts) {
				assertInvalid(t, err, tc.fields...)
			}
			assert.Zero(t, m.count(), "nothing may be sent")
		})
	}
}

func TestUsers_List_nullItemIsUnexpected(t *testing.T) {
	c, _ := newMock(t, 200, `{"items":[null],"total":1,"page":0,"size":50}`)
	_, err := c.Users.List(context.Background(), nil)
	assert.ErrorIs(t, err, marketplace.ErrUnexpectedResponse)
}

func TestUsers_List_wrongShapeIsUnexpected(t *testing.T) {
	for _, body := range []string{`[]`, `{"items":{}}`, `<html>`, ``, `{"items":[{"visits":"many"}]}`, `{"items":["u_1"]}`} {
		c, _ := newMock(t, 200, body)
		_, err := c.Users.List(context.Background(), nil)
		assert.ErrorIs(t, err, marketplace.ErrUnexpectedResponse, "body %q", body)
	}
}

// assertInvalid checks err is a *ValidationError naming exactly fields.
func assertInvalid(t *testing.T, err error, fields ...string) {
	t.Helper()
	var ve *marketplace.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.ErrorIs(t, err, marketplace.ErrInvalidInput)
	var got []string
	for _, f := range ve.Fields {
		got = append(got, f.Field)
	}
	assert.Equal(t, fields, got)
	assert.True(t, strings.HasPrefix(err.Error(), "marketplace: "), err.Error())
}

func TestUsers_Get_sendsRequestAndDecodesSeed(t *testing.T) {
	c, m := newMock(t, 200, readFile(t, "user.json"))
	u, err := c.Users.Get(context.Background(), "u_42")
	require.NoError(t, err)
	r := m.only(t)
	assert.Equal(t, "GET", r.Method)
	assert.Equal(t, "/v1/users/u_42", r.Path)
	assert.Empty(t, r.Query)
	assert.Empty(t, r.Body)
	assertCommonHeaders(t, r)
	assert.Equal(t, seedUser(), u)
}

func TestUsers_Get_escapesTheID(t *testing.T) {
	cases := map[string]string{
		"../admin": "/v1/users/..%2Fadmin",
		"a/b?c":    "/v1/users/a%2Fb%3Fc",
		"..":       "/v1/users/%2E%2E",
		"a b#c":    "/v1/users/a%20b%23c",
	}
	for id, want := range cases {
		c, m := newMock(t, 200, readFile(t, "user.json"))
		_, err := c.Users.Get(context.Background(), id)
		require.NoError(t, err)
		r := m.only(t)
		assert.Equal(t, want, r.Path, "id %q", id)
		assert.Empty(t, r.Query, "id %q", id)
	}
}

func TestUsers_Get_emptyIDIsInvalid(t *testing.T) {
	for _, id := range []string{"", "  "} {
		c, m := newMock(t, 200, `{}`)
		_, err := c.Users.Get(context.Background(), id)
		assertInvalid(t, err, "user_id")
		assert.Zero(t, m.count())
	}
}

func TestUsers_Get_notFoundWithEmptyBody(t *testing.T) {
	c, m := newMock(t, 404, "")
	_, err := c.Users.Get(context.Background(), "u_404")
	require.ErrorIs(t, err, marketplace.ErrNotFound)
	var apiErr *marketplace.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 404, apiErr.StatusCode)
	assert.Equal(t, "GET", apiErr.Method)
	assert.Equal(t, "/users/u_404", apiErr.Path)
	assert.Empty(t, apiErr.Messages)
	assert.Empty(t, apiErr.Body)
	assert.Equal(t, "marketplace: GET /users/u_404: 404 Not Found", err.Error())
	assert.Equal(t, 1, m.count(), "a 404 is not retried")
}

func TestUsers_Create_sendsGoldenBody(t *testing.T) {
	c, m := newMock(t, 200, readFile(t, "user.json"))
	dob := marketplace.Time{Time: seedTime.AddDate(-40, 0, 0)}
	u, err := c.Users.Create(context.Background(), &marketplace.UserCreateRequest{
		Meta:            map[string]any{"crm_ref": "C-77"},
		FirstName:       "Ada",
		Surname:         "Lovelace",
		Email:           "ada@example.com",
		DOB:             &dob,
		Postcode:        marketplace.Ptr("EC1A 1BB"),
		Address1:        marketplace.Ptr("1 Main Street"),
		Visits:          marketplace.Ptr(0),
		TermsConditions: marketplace.Ptr(false),
		AnonUserID:      marketplace.Ptr("anon_9"),
	})
	require.NoError(t, err)
	r := m.only(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, "/v1/users", r.Path)
	assert.Empty(t, r.Query)
	assertCommonHeaders(t, r)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.JSONEq(t, readFile(t, "create_request.golden.json"), string(r.Body))
	assert.Equal(t, seedUser(), u)
}

func TestUsers_Create_requiredOnlySendsThreeFields(t *testing.T) {
	c, m := newMock(t, 200, readFile(t, "user.json"))
	_, err := c.Users.Create(context.Background(), &marketplace.UserCreateRequest{FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"first_name":"Ada","surname":"Lovelace","email":"ada@example.com"}`, string(m.only(t).Body))
}

func TestUsers_Create_validation(t *testing.T) {
	cases := []struct {
		name   string
		req    *marketplace.UserCreateRequest
		fields []string
	}{
		{"nil request", nil, []string{"first_name", "surname", "email"}},
		{"empty request", &marketplace.UserCreateRequest{}, []string{"first_name", "surname", "email"}},
		{"blank names", &marketplace.UserCreateRequest{FirstName: " ", Surname: "\t", Email: "a@b.example"}, []string{"first_name", "surname"}},
		{"bad email", &marketplace.UserCreateRequest{FirstName: "A", Surname: "B", Email: "not-an-email"}, []string{"email"}},
		{"display-name email", &marketplace.UserCreateRequest{FirstName: "A", Surname: "B", Email: "Ada <ada@example.com>"}, []string{"email"}},
		{"missing surname and bad email", &marketplace.UserCreateRequest{FirstName: "A", Email: "a@b"}, []string{"surname", "email"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, m := newMock(t, 200, `{}`)
			_, err := c.Users.Create(context.Background(), tc.req)
			assertInvalid(t, err, tc.fields...)
			assert.Zero(t, m.count(), "nothing may be sent")
		})
	}
}

func TestUsers_Create_fastAPIValidationBody(t *testing.T) {
	body := `{"detail": [{"loc": ["body", "email"], "msg": "field required", "type": "value_error.missing"},
	                     {"loc": ["query", "page", 0], "msg": "value is not a valid integer", "type": "type_error.integer"}]}`
	c, m := newMock(t, 422, body)
	_, err := c.Users.Create(context.Background(), &marketplace.UserCreateRequest{FirstName: "A", Surname: "B", Email: "a@b.example"})
	require.ErrorIs(t, err, marketplace.ErrBadRequest)
	var apiErr *marketplace.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 422, apiErr.StatusCode)
	assert.Equal(t, []string{"email: field required", "page[0]: value is not a valid integer"}, apiErr.Messages)
	assert.Equal(t, body, string(apiErr.Body))
	assert.Equal(t, "marketplace: POST /users: 422 Unprocessable Entity: email: field required (and 1 more)", err.Error())
	assert.Equal(t, 1, m.count())
}

func TestUsers_Update_sendsOnlySetFieldsIncludingZeroes(t *testing.T) {
	c, m := newMock(t, 200, readFile(t, "user.json"))
	u, err := c.Users.Update(context.Background(), "u_7", &marketplace.UserUpdateRequest{
		TermsConditions: marketplace.Ptr(false),
		Visits:          marketplace.Ptr(0),
		MobileNumber:    marketplace.Ptr(""),
		Meta:            map[string]any{},
		Email:           marketplace.Ptr("ada.l@example.com"),
	})
	require.NoError(t, err)
	r := m.only(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, "/v1/users/u_7", r.Path)
	assert.Empty(t, r.Query)
	assertCommonHeaders(t, r)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.JSONEq(t, readFile(t, "update_request.golden.json"), string(r.Body))
	assert.Equal(t, seedUser(), u)
}

func TestUsers_Update_nilRequestSendsEmptyObject(t *testing.T) {
	c, m := newMock(t, 200, readFile(t, "user.json"))
	_, err := c.Users.Update(context.Background(), "u_7", nil)
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(m.only(t).Body))
}

func TestUsers_Update_validation(t *testing.T) {
	cases := []struct {
		name   string
		id     string
		req    *marketplace.UserUpdateRequest
		fields []string
	}{
		{"empty id", "", nil, []string{"user_id"}},
		{"bad email", "u_1", &marketplace.UserUpdateRequest{Email: marketplace.Ptr("nope")}, []string{"email"}},
		{"empty email", "u_1", &marketplace.UserUpdateRequest{Email: marketplace.Ptr("")}, []string{"email"}},
		{"both", " ", &marketplace.UserUpdateRequest{Email: marketplace.Ptr("x@")}, []string{"user_id", "email"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, m := newMock(t, 200, `{}`)
			_, err := c.Users.Update(context.Background(), tc.id, tc.req)
			assertInvalid(t, err, tc.fields...)
			assert.Zero(t, m.count())
		})
	}
}

// TestUserRequests_coverEveryUserField keeps the request types in step
// with User: every documented field but the server's own is settable,
// and every optional one is a pointer (or a map).
func TestUserRequests_coverEveryUserField(t *testing.T) {
	user := jsonFields(t, marketplace.User{})
	for _, typ := range []any{marketplace.UserCreateRequest{}, marketplace.UserUpdateRequest{}} {
		req := jsonFields(t, typ)
		for name := range user {
			if name == "id" || name == "created" || name == "updated" {
				assert.NotContains(t, req, name)
				continue
			}
			assert.Contains(t, req, name, "%T", typ)
		}
	}
	// Set every field of an update and check each is sent, however zero.
	var upd marketplace.UserUpdateRequest
	b, err := json.Marshal(fillPointers(&upd))
	require.NoError(t, err)
	var sent map[string]any
	require.NoError(t, json.Unmarshal(b, &sent))
	assert.Len(t, sent, len(user)-3)
}

func TestUser_LogValue_hidesPersonalData(t *testing.T) {
	u := seedUser()
	u.ID = "u_9"
	u.NationalInsuranceNumber = "QQ123456C"
	u.PassportNumber = "P9988776"
	u.Email = "ada@example.com"
	u.FirstName = "Ada"
	var buf strings.Builder
	logger := newJSONLogger(&buf)
	logger.Info("created", "user", u)
	out := buf.String()
	for _, secret := range []string{"QQ123456C", "P9988776", "ada@example.com", "Ada", "string"} {
		assert.NotContains(t, out, secret)
	}
	assert.Contains(t, out, `"id":"u_9"`)
	assert.Contains(t, out, `"national_insurance_number":"[redacted]"`)
	assert.Contains(t, out, `"dob":"[redacted]"`)
	assert.Contains(t, out, `"partner_dob":"[redacted]"`)
	assert.Contains(t, out, `"passport_number":"[redacted]"`)
	// DOB and partner DOB must not leak even as their dates: the created and
	// updated dates are the same instant in the seed, so use other ones.
	u.DOB = marketplace.Time{Time: seedTime.AddDate(-30, 1, 1)}
	buf.Reset()
	logger.Info("x", "user", u)
	assert.NotContains(t, buf.String(), "1993")

	// LogValue has a value receiver (so a User logs like a *User); a nil
	// *User has nothing to show and slog reports the nil dereference.
	var nilUser *marketplace.User
	buf.Reset()
	require.NotPanics(t, func() { logger.Info("x", "user", nilUser) })
	assert.Contains(t, buf.String(), `"user":"LogValue panicked`)
}

func TestClient_UnauthorizedThroughMock(t *testing.T) {
	c, _ := newMock(t, 401, `{"detail":"Invalid API key"}`)
	_, err := c.Users.Get(context.Background(), "u_1")
	require.ErrorIs(t, err, marketplace.ErrUnauthorized)
	var apiErr *marketplace.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, []string{"Invalid API key"}, apiErr.Messages)
	assert.NotContains(t, err.Error(), testKey)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
}

func TestUserRequests_LogValue_showsOnlyFieldNames(t *testing.T) {
	var buf strings.Builder
	logger := newJSONLogger(&buf)
	logger.Info("create", "req", &marketplace.UserCreateRequest{
		FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com",
		NationalInsuranceNumber: marketplace.Ptr("QQ123456C"), Visits: marketplace.Ptr(0),
	})
	logger.Info("update", "req", &marketplace.UserUpdateRequest{PassportNumber: marketplace.Ptr("P9988776")})
	out := buf.String()
	for _, secret := range []string{"QQ123456C", "P9988776", "ada@example.com", "Lovelace"} {
		assert.NotContains(t, out, secret)
	}
	assert.Contains(t, out, `"req":{"fields":"first_name,surname,national_insurance_number,visits,email"}`)
	assert.Contains(t, out, `"req":{"fields":"passport_number"}`)
}
