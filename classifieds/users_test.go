package classifieds

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var ctx = context.Background()

// seedUser is the user of the seed's list example, field by field.
func seedListUser() *User {
	return &User{
		UserID: 1, ClientID: 1, ExternalUserID: 1, CompanyName: "test company", FirstName: "first name",
		LastName: "last name", Gender: "M", DateOfBirth: "1970-06-18", Address: "streetname", HouseNumber: "no",
		PostalCode: "1111 AA", City: "Amsterdam", County: "NH", Country: "NL", Email: "info@test.nl",
		Website: "www.test.nl", Phone: "020-1234567", Fax: "", Cellular: "",
	}
}

// seedCreateRequest is the body of the seed's create example.
func seedCreateRequest() *UserCreateRequest {
	return &UserCreateRequest{
		ClientID: Ptr[int64](1), ExternalUserID: Ptr[int64](1), CompanyName: "Bedrijfsnaam", Gender: "M",
		FirstName: "Voornaam", LastName: "Achternaam", DateOfBirth: "1980-04-09", Address: "Straatnaam",
		HouseNumber: "19b", PostalCode: "2818 AA", City: "Zoetermeer", County: "ZH", Country: Ptr("NL"),
		Email: "info@test.nl", Website: "www.test.nl", Phone: "079-1234567", Fax: "", Cellular: "06-12345678",
	}
}

func TestUsers_List_seedRequestAndResponse(t *testing.T) {
	c, m := newMock(t)
	m.on("GET", testBase+"/users/", 200, readTestdata(t, "list_response.repaired.json"))

	p, err := c.Users.List(ctx, &UserListOptions{Page: 1, ItemsPerPage: 10, UseCache: Ptr(false)})
	require.NoError(t, err)

	r := m.only(t)
	assert.Equal(t, "GET", r.Method)
	assert.Equal(t, "/rest/v1/users/", r.Path)
	q, _ := url.ParseQuery(r.Query)
	assert.Equal(t, url.Values{"useCache": {"0"}, "page": {"1"}, "itemsPerPage": {"10"}}, q, "the seed's own query")
	assertAuth(t, r.Header)
	assert.Empty(t, r.Body)

	assert.Equal(t, &UserPage{Items: []*User{seedListUser()}, Page: 1, ItemsPerPage: 10, TotalItems: 4,
		TotalInSet: 100, FromCache: false, Speed: 0.0010221004486084}, p)
}

func TestUsers_List_queryEncoding(t *testing.T) {
	cases := []struct {
		name           string
		opts           *UserListOptions
		want           string
		page, pageSize int
	}{
		{"nil means defaults", nil, "", 1, 25},
		{"zero value", &UserListOptions{}, "", 1, 25},
		{"useCache true", &UserListOptions{UseCache: Ptr(true)}, "useCache=1", 1, 25},
		{"useCache false is sent", &UserListOptions{UseCache: Ptr(false)}, "useCache=0", 1, 25},
		{"page and size", &UserListOptions{Page: 3, ItemsPerPage: 100}, "itemsPerPage=100&page=3", 3, 100},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, m := newMock(t)
			m.on("GET", testBase+"/users/", 200, `{"result":true,"errors":[],"data":[]}`)
			p, err := c.Users.List(ctx, tc.opts)
			require.NoError(t, err)
			assert.Equal(t, tc.want, m.only(t).Query)
			assert.Empty(t, p.Items)
			assert.Equal(t, tc.page, p.Page, "filled from the request when the envelope has no metadata")
			assert.Equal(t, tc.pageSize, p.ItemsPerPage)
		})
	}
}

func TestUsers_List_invalidOptionsSendNothing(t *testing.T) {
	for _, o := range []UserListOptions{{Page: -1}, {ItemsPerPage: -1}, {ItemsPerPage: 101}, {Page: -2, ItemsPerPage: 500}} {
		c, m := newMock(t)
		_, err := c.Users.List(ctx, &o)
		var ve *ValidationError
		require.ErrorAs(t, err, &ve, "%+v", o)
		assert.ErrorIs(t, err, ErrInvalidInput)
		assert.Empty(t, m.requests())
	}
	c, m := newMock(t)
	_, err := c.Users.List(ctx, &UserListOptions{Page: -2, ItemsPerPage: 500})
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"page", "itemsPerPage"}, []string{ve.Fields[0].Field, ve.Fields[1].Field})
	assert.Empty(t, m.requests())
}

func TestUsers_List_verbatimSeedIsRejectedNotHalfDecoded(t *testing.T) {
	c, m := newMock(t)
	m.on("GET", testBase+"/users/", 200, readTestdata(t, "list_response.verbatim.json"))
	p, err := c.Users.List(ctx, nil)
	assert.Nil(t, p)
	assert.ErrorIs(t, err, ErrUnexpectedResponse, "the seed's trailing comma is invalid JSON")
}

func TestUsers_Get_seedResponse(t *testing.T) {
	c, m := newMock(t)
	m.on("GET", testBase+"/users/1/", 200, readTestdata(t, "list_response.repaired.json"))
	u, err := c.Users.Get(ctx, 1)
	require.NoError(t, err)
	assert.Equal(t, seedListUser(), u)
	r := m.only(t)
	assert.Equal(t, "GET", r.Method)
	assert.Equal(t, "/rest/v1/users/1/", r.Path)
	assert.Empty(t, r.Query)
	assertAuth(t, r.Header)
}

func TestUsers_Get_dataShapes(t *testing.T) {
	cases := []struct {
		name, body string
		wantID     int64
		wantErr    error
	}{
		{"object", `{"result":true,"errors":[],"data":{"userId":"7","lastName":"x"}}`, 7, nil},
		{"array of one", `{"result":true,"data":[{"userId":7}]}`, 7, nil},
		{"array picks the id", `{"result":true,"data":[{"userId":6},{"userId":"7"}]}`, 7, nil},
		{"empty array", `{"result":true,"errors":[],"data":[]}`, 0, ErrNotFound},
		{"false", `{"result":true,"errors":"","data":false}`, 0, ErrNotFound},
		{"absent", `{"result":true}`, 0, ErrNotFound},
		{"another user", `{"result":true,"data":[{"userId":8}]}`, 0, ErrUnexpectedResponse},
		{"no result", `{"data":[{"userId":7}]}`, 0, ErrUnexpectedResponse},
		{"not json", `<html>oops</html>`, 0, ErrUnexpectedResponse},
		{"data a number", `{"result":true,"data":5}`, 0, ErrUnexpectedResponse},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, m := newMock(t)
			m.on("GET", testBase+"/users/7/", 200, tc.body)
			u, err := c.Users.Get(ctx, 7)
			if tc.wantErr != nil {
				assert.ErrorIs(t, err, tc.wantErr)
				assert.Nil(t, u)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.wantID, u.UserID)
		})
	}
}

func TestUsers_Get_resultFalseIsAPIErrorWhateverTheStatus(t *testing.T) {
	for _, status := range []int{200, 400, 404} {
		c, m := newMock(t)
		m.on("GET", testBase+"/users/9/", status, `{"result":false,"errors":["user not found","second"]}`)
		_, err := c.Users.Get(ctx, 9)
		var ae *APIError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, status, ae.StatusCode)
		assert.Equal(t, []string{"user not found", "second"}, ae.Messages)
		assert.Equal(t, "GET", ae.Method)
		assert.Equal(t, "/users/9/", ae.Path)
		assert.Equal(t, status == 404, errors.Is(err, ErrNotFound))
	}
}

func TestUsers_Get_transportFailure(t *testing.T) {
	c, m := newMock(t)
	m.fail("GET", testBase+"/users/3/", errors.New("connection reset by peer"))
	_, err := c.Users.Get(ctx, 3)
	var ue *url.Error
	require.ErrorAs(t, err, &ue)
	assert.Contains(t, err.Error(), "connection reset by peer")
	assert.NotContains(t, err.Error(), testKey)
	assert.Len(t, m.requests(), 1)
}

func TestUsers_Get_contextCancelled(t *testing.T) {
	c, m := newMock(t)
	m.on("GET", testBase+"/users/3/", 200, `{"result":true,"data":[]}`)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err := c.Users.Get(cctx, 3)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestUsers_Get_invalidIDSendsNothing(t *testing.T) {
	c, m := newMock(t)
	for _, id := range []int64{0, -1} {
		_, err := c.Users.Get(ctx, id)
		var ve *ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, "userId", ve.Fields[0].Field)
	}
	assert.Empty(t, m.requests())
}

func TestUsers_Create_seedRequestAndResponse(t *testing.T) {
	c, m := newMock(t)
	m.on("POST", testBase+"/users/", 200, readTestdata(t, "create_response.repaired.json"))
	u, err := c.Users.Create(ctx, seedCreateRequest())
	require.NoError(t, err)

	r := m.only(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, "/rest/v1/users/", r.Path)
	assertAuth(t, r.Header)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.JSONEq(t, readTestdata(t, "create_request.json"), string(r.Body), "the seed's own create body, fax \"\" included")

	want := &User{
		UserID: 19569, ClientID: 0, ExternalUserID: 0, CompanyName: "Bedrijfsnaam", FirstName: "Voornaam",
		LastName: "Achternaam", Gender: "M", DateOfBirth: "1980-04-09", Address: "Straatnaam", HouseNumber: "19b",
		PostalCode: "2818 AA", City: "Zoetermeer", County: "", Country: "NL", Email: "info@test.nl",
		Website: "www.test.nl", Phone: "079-1234567", Fax: "", Cellular: "06-12345678",
		Activation: &Activation{
			ActivationToken: "24e53f0a35303b3aeb...8481c9d9fea83a28aa6",
			ValidUntil:      Time{Time: time.Date(2021, 12, 2, 11, 5, 10, 0, time.UTC)}, // 12:05:10 CET
		},
	}
	assert.Equal(t, want, u)
}

func TestUsers_Create_verbatimSeedResponseIsAnError(t *testing.T) {
	c, m := newMock(t)
	m.on("POST", testBase+"/users/", 200, readTestdata(t, "create_response.verbatim.json"))
	u, err := c.Users.Create(ctx, seedCreateRequest())
	assert.Nil(t, u)
	assert.ErrorIs(t, err, ErrUnexpectedResponse, "the seed's response lacks its closing brace")
}

func TestUsers_Create_minimalBodySendsEveryTextField(t *testing.T) {
	c, m := newMock(t)
	m.on("POST", testBase+"/users/", 200, `{"result":true,"errors":"","data":{"userId":"5"}}`)
	u, err := c.Users.Create(ctx, &UserCreateRequest{LastName: "Jansen", Email: "j@example.nl", Cellular: "06-12345678"})
	require.NoError(t, err)
	assert.Equal(t, int64(5), u.UserID)
	assert.Nil(t, u.Activation)
	assert.JSONEq(t, `{"companyName":"","gender":"","firstName":"","lastName":"Jansen","dateOfBirth":"","address":"",
		"houseNumber":"","postalCode":"","city":"","county":"","country":"NL","email":"j@example.nl","website":"",
		"phone":"","fax":"","cellular":"06-12345678"}`, string(m.only(t).Body), "a nil Country sends the vendor's default NL")
}

// TestUsers_Create_country: nil sends "NL", Ptr("") says abroad, and the
// caller's request is not changed.
func TestUsers_Create_country(t *testing.T) {
	for _, tc := range []struct {
		country *string
		sent    string
	}{{nil, `"NL"`}, {Ptr(""), `""`}, {Ptr("NL"), `"NL"`}} {
		c, m := newMock(t)
		m.on("POST", testBase+"/users/", 200, `{"result":true,"errors":"","data":{"userId":"5"}}`)
		req := &UserCreateRequest{LastName: "Jansen", Email: "j@example.nl", Cellular: "06-12345678", Country: tc.country}
		_, err := c.Users.Create(ctx, req)
		require.NoError(t, err)
		var sent map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(m.only(t).Body, &sent))
		assert.Equal(t, tc.sent, string(sent["country"]))
		assert.Equal(t, tc.country, req.Country, "the request is left as given")
	}
}

func TestUsers_Create_errorResponse(t *testing.T) {
	c, m := newMock(t)
	m.on("POST", testBase+"/users/", 400, `{"result":false,"errors":["email: already in use"]}`)
	_, err := c.Users.Create(ctx, seedCreateRequest())
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.ErrorIs(t, err, ErrBadRequest)
	assert.Equal(t, []string{"email: already in use"}, ae.Messages)
	assert.Equal(t, "classifieds: POST /users/: 400 Bad Request: email: already in use", err.Error())
}

func TestUsers_Create_noUserInData(t *testing.T) {
	c, m := newMock(t)
	m.on("POST", testBase+"/users/", 200, `{"result":true,"errors":[],"data":[]}`)
	_, err := c.Users.Create(ctx, seedCreateRequest())
	assert.ErrorIs(t, err, ErrUnexpectedResponse)
}

func TestUsers_Create_notRetriedOn500(t *testing.T) {
	c, m := newMock(t, WithRetryPolicy(fastRetries))
	m.on("POST", testBase+"/users/", 500, `{"result":false,"errors":["internal error"]}`)
	_, err := c.Users.Create(ctx, seedCreateRequest())
	assert.ErrorIs(t, err, ErrServer)
	assert.Len(t, m.requests(), 1)
}

func TestUsers_Create_transportFailureNotRetried(t *testing.T) {
	c, m := newMock(t, WithRetryPolicy(fastRetries))
	m.fail("POST", testBase+"/users/", errors.New("connection reset by peer"))
	_, err := c.Users.Create(ctx, seedCreateRequest())
	var ue *url.Error
	require.ErrorAs(t, err, &ue)
	assert.Len(t, m.requests(), 1, "a reset after sending must not create a second user")
}

func TestUsers_Update_request(t *testing.T) {
	c, m := newMock(t)
	m.on("PUT", testBase+"/users/", 200, `{"result":true,"errors":[],"data":{"userId":"12","city":"Delft","fax":""}}`)
	u, err := c.Users.Update(ctx, 12, &UserUpdateRequest{City: Ptr("Delft"), Fax: Ptr(""), ExternalUserID: Ptr[int64](0)})
	require.NoError(t, err)
	assert.Equal(t, int64(12), u.UserID)
	assert.Equal(t, "Delft", u.City)

	r := m.only(t)
	assert.Equal(t, "PUT", r.Method)
	assert.Equal(t, "/rest/v1/users/", r.Path)
	assertAuth(t, r.Header)
	assert.JSONEq(t, readTestdata(t, "update_request.json"), string(r.Body))
}

// TestUsers_Update_noUserEchoed: a confirmation without the user is
// followed by a read, with the caller's call options; never (nil, nil).
func TestUsers_Update_noUserEchoed(t *testing.T) {
	for _, body := range []string{`{"result":true,"errors":[],"data":[]}`, `{"result":true,"errors":"","data":false}`} {
		c, m := newMock(t)
		m.on("PUT", testBase+"/users/", 200, body)
		m.on("GET", testBase+"/users/12/", 200, `{"result":true,"data":[{"userId":"12","city":"Delft"}]}`)
		u, err := c.Users.Update(ctx, 12, &UserUpdateRequest{City: Ptr("Delft")}, WithCallHeader("X-Trace", "t-1"))
		require.NoError(t, err)
		require.NotNil(t, u)
		assert.Equal(t, int64(12), u.UserID)
		assert.Equal(t, "Delft", u.City)
		reqs := m.requests()
		require.Len(t, reqs, 2)
		assert.Equal(t, "PUT", reqs[0].Method)
		assert.Equal(t, "GET", reqs[1].Method)
		assert.Equal(t, "/rest/v1/users/12/", reqs[1].Path)
		assert.Equal(t, "t-1", reqs[1].Header.Get("X-Trace"), "the read-back carries the call options")
	}
}

// TestUsers_Update_noUserEchoedReadFails: when the read-back fails, the
// error says so, and still no (nil, nil).
func TestUsers_Update_noUserEchoedReadFails(t *testing.T) {
	c, m := newMock(t, WithRetryPolicy(RetryPolicy{MaxRetries: NoRetries}))
	m.on("PUT", testBase+"/users/", 200, `{"result":true,"errors":[],"data":[]}`)
	m.on("GET", testBase+"/users/12/", 404, `{"result":false,"errors":["user not found"]}`)
	u, err := c.Users.Update(ctx, 12, &UserUpdateRequest{City: Ptr("Delft")})
	assert.Nil(t, u)
	require.ErrorIs(t, err, ErrNotFound)
	assert.Contains(t, err.Error(), "the update was confirmed")
}

func TestUsers_Update_errorAndTransportFailure(t *testing.T) {
	c, m := newMock(t)
	m.on("PUT", testBase+"/users/", 200, `{"result":false,"errors":["postalCode: invalid"]}`)
	_, err := c.Users.Update(ctx, 12, &UserUpdateRequest{City: Ptr("Delft")})
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 200, ae.StatusCode)
	assert.Equal(t, []string{"postalCode: invalid"}, ae.Messages)

	c, m = newMock(t)
	m.fail("PUT", testBase+"/users/", errors.New("dial tcp: refused"))
	_, err = c.Users.Update(ctx, 12, &UserUpdateRequest{City: Ptr("Delft")})
	var ue *url.Error
	assert.ErrorAs(t, err, &ue)
}

func TestUsers_Delete_bothForms(t *testing.T) {
	c, m := newMock(t)
	m.on("DELETE", testBase+"/users/1/", 200, readTestdata(t, "delete_response.json"))
	m.on("DELETE", testBase+"/users/", 200, readTestdata(t, "delete_response.json"))

	require.NoError(t, c.Users.Delete(ctx, 1, nil))
	require.NoError(t, c.Users.Delete(ctx, 1, &DeleteOptions{}))
	require.NoError(t, c.Users.Delete(ctx, 1, &DeleteOptions{IP: "127.0.0.2"}))

	reqs := m.requests()
	require.Len(t, reqs, 3)
	for _, r := range reqs[:2] {
		assert.Equal(t, "DELETE", r.Method)
		assert.Equal(t, "/rest/v1/users/1/", r.Path)
		assert.Empty(t, r.Body)
		assertAuth(t, r.Header)
	}
	assert.Equal(t, "DELETE", reqs[2].Method)
	assert.Equal(t, "/rest/v1/users/", reqs[2].Path)
	assert.Equal(t, "application/json", reqs[2].Header.Get("Content-Type"))
	assert.JSONEq(t, readTestdata(t, "delete_request.json"), string(reqs[2].Body), "the seed's own body")
	assertAuth(t, reqs[2].Header)
}

func TestUsers_Delete_invalidInput(t *testing.T) {
	c, m := newMock(t)
	err := c.Users.Delete(ctx, 0, &DeleteOptions{IP: "not-an-ip"})
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []FieldError{{Field: "userId", Reason: "must be a positive id"}, {Field: "ip", Reason: "must be an IPv4 or IPv6 address"}}, ve.Fields)
	require.NoError(t, checkIP(t, "::1"))
	assert.Empty(t, m.requests())
}

func checkIP(t *testing.T, ip string) error {
	c, m := newMock(t)
	m.on("DELETE", testBase+"/users/", 200, `{"result":true,"errors":[],"data":false}`)
	return c.Users.Delete(ctx, 4, &DeleteOptions{IP: ip})
}

func TestUsers_Delete_errorAndTransportFailure(t *testing.T) {
	c, m := newMock(t)
	m.on("DELETE", testBase+"/users/5/", 404, `{"result":false,"errors":["user not found"]}`)
	err := c.Users.Delete(ctx, 5, nil)
	assert.ErrorIs(t, err, ErrNotFound)

	c, m = newMock(t)
	m.fail("DELETE", testBase+"/users/5/", errors.New("broken pipe"))
	err = c.Users.Delete(ctx, 5, nil)
	var ue *url.Error
	assert.ErrorAs(t, err, &ue)
}

func TestUsers_Activate_request(t *testing.T) {
	c, m := newMock(t)
	m.on("POST", testBase+"/user/activate/", 200, `{"result":true,"errors":[],"data":[]}`)
	require.NoError(t, c.Users.Activate(ctx, 40123, "abc123"))
	r := m.only(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, "/rest/v1/user/activate/", r.Path)
	assertAuth(t, r.Header)
	assert.JSONEq(t, `{"userId":40123,"activationtoken":"abc123"}`, string(r.Body))
}

func TestUsers_Activate_invalidTokenAndFailures(t *testing.T) {
	c, m := newMock(t, WithRetryPolicy(fastRetries))
	m.on("POST", testBase+"/user/activate/", 200, `{"result":false,"errors":["invalid activationtoken or token expired"]}`)
	err := c.Users.Activate(ctx, 1, "old")
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, []string{"invalid activationtoken or token expired"}, ae.Messages)
	assert.Len(t, m.requests(), 1)

	err = c.Users.Activate(ctx, 0, " ")
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Fields, 2)
	assert.Len(t, m.requests(), 1)

	c, m = newMock(t, WithRetryPolicy(fastRetries))
	m.fail("POST", testBase+"/user/activate/", errors.New("connection reset by peer"))
	err = c.Users.Activate(ctx, 1, "tok")
	var ue *url.Error
	assert.ErrorAs(t, err, &ue)
	assert.Len(t, m.requests(), 1)
}

func TestUsers_GenerateActivation_request(t *testing.T) {
	c, m := newMock(t)
	m.on("POST", testBase+"/user/activate/generate/", 200, readTestdata(t, "generate_response.json"))
	a, err := c.Users.GenerateActivation(ctx, 40123)
	require.NoError(t, err)
	assert.Equal(t, &Activation{
		UserID:          40123,
		ActivationToken: "9f2c4b7a1d0e3f5a6b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3be1",
		ValidUntil:      Time{Time: time.Date(2026, 1, 15, 8, 30, 0, 0, time.UTC)}, // 09:30 CET
	}, a)
	r := m.only(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, "/rest/v1/user/activate/generate/", r.Path)
	assertAuth(t, r.Header)
	assert.JSONEq(t, `{"userId":40123}`, string(r.Body))
}

func TestUsers_GenerateActivation_rateLimited(t *testing.T) {
	c, m := newMock(t)
	m.on("POST", testBase+"/user/activate/generate/", 200,
		`{"result":false,"errors":["maximum number of requests has exceeded. please try again later..."]}`)
	_, err := c.Users.GenerateActivation(ctx, 1)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "maximum number of requests has exceeded. please try again later...", ae.Messages[0])
}

func TestUsers_GenerateActivation_dataShapes(t *testing.T) {
	cases := []struct {
		name, body string
		ok         bool
	}{
		{"list of one, id as string", `{"result":true,"data":[{"userId":"3","activationtoken":"t","validUntil":"2025-07-01 13:09:45"}]}`, true},
		{"no userId falls back to the argument", `{"result":true,"data":{"activationtoken":"t"}}`, true},
		{"no token", `{"result":true,"data":{"userId":3}}`, false},
		{"empty", `{"result":true,"data":[]}`, false},
		{"two", `{"result":true,"data":[{"activationtoken":"a"},{"activationtoken":"b"}]}`, false},
		{"bad time", `{"result":true,"data":{"activationtoken":"t","validUntil":"soon"}}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, m := newMock(t)
			m.on("POST", testBase+"/user/activate/generate/", 200, tc.body)
			a, err := c.Users.GenerateActivation(ctx, 3)
			if !tc.ok {
				assert.ErrorIs(t, err, ErrUnexpectedResponse)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, int64(3), a.UserID)
			assert.Equal(t, "t", a.ActivationToken)
		})
	}
}

func TestUsers_GenerateActivation_transportFailureNotRetried(t *testing.T) {
	c, m := newMock(t, WithRetryPolicy(fastRetries))
	m.fail("POST", testBase+"/user/activate/generate/", errors.New("connection reset by peer"))
	_, err := c.Users.GenerateActivation(ctx, 3)
	var ue *url.Error
	assert.ErrorAs(t, err, &ue)
	assert.Len(t, m.requests(), 1)
	_, err = c.Users.GenerateActivation(ctx, -3)
	assert.ErrorIs(t, err, ErrInvalidInput)
	assert.Len(t, m.requests(), 1)
}
