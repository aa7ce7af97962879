package tenants_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/tenants"
)

// assertUserFixture checks every field of testdata/user.json.
func assertUserFixture(t *testing.T, u *tenants.User) {
	t.Helper()
	require.NotNil(t, u)
	want := tenants.User{
		ID: 4021, FirstName: "Ada", LastName: "Lovelace", CaseOwnerID: 17, MentorID: 23,
		Phone: "+44 20 7946 0001", ReferenceNumber: "REF-0042", GroupID: 5, JobActiveSync: true,
		Email: "ada@example.com", Username: "ada.lovelace", Status: "Full user", DateOfBirth: "1990-12-10",
		CaseOwnerFirstName: "Charles", CaseOwnerLastName: "Babbage", PostCode: "SW1A 1AA",
		Address1: "12 Analytical Row", Address2: "Flat 3", TownCity: "London", CountyState: "Greater London",
		ProgrammeID: 310, ProgrammeStartDate: "2025-09-01", EmployerID: 77, EmployerAddressID: 78,
		ManagerFirstName: "Mary", ManagerLastName: "Somerville", ManagerEmail: "mary@employer.example",
		ManagerPhone: "+44 20 7946 0002", IAEnglish: "Level 2", IAMath: "Level 1", IAICT: "Entry 3",
		DiagEnglish: "E-L2", DiagMath: "M-L1", DiagICT: "I-E3", Title: "Ms", PreferredName: "Ada L",
		PersonalEmail: "ada.home@example.org", Gender: "Female", AuthenticationType: "Password",
		PlannedHours: 450, WeeklyHours: 30, ManagerID: 91,
	}
	assert.Equal(t, want, *u)
}

func assertAuth(t *testing.T, r recorded) {
	t.Helper()
	assert.Equal(t, []string{testToken}, r.Header["X-Api-Token"])
	assert.Equal(t, "application/json", r.Header.Get("Accept"))
	assert.Contains(t, r.Header.Get("User-Agent"), "userapis-go/")
}

func TestUsersService_Search_request(t *testing.T) {
	tests := []struct {
		name  string
		opts  tenants.UserSearchOptions
		query url.Values
	}{
		{"id", tenants.UserSearchOptions{UserID: 4021}, url.Values{"userId": {"4021"}}},
		{"refNum", tenants.UserSearchOptions{RefNum: "REF/0042&x=1"}, url.Values{"refNum": {"REF/0042&x=1"}}},
		{"email", tenants.UserSearchOptions{Email: "ada+1@example.com"}, url.Values{"email": {"ada+1@example.com"}}},
		{"all three", tenants.UserSearchOptions{UserID: 7, RefNum: "R7", Email: "a@b.co"},
			url.Values{"userId": {"7"}, "refNum": {"R7"}, "email": {"a@b.co"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder(t, 200, string(readFile(t, "user.json")))
			u, err := rec.client(t).Users.Search(context.Background(), &tt.opts)
			require.NoError(t, err)
			assertUserFixture(t, u)
			r := rec.only(t)
			assert.Equal(t, http.MethodGet, r.Method)
			assert.Equal(t, "/api/1.0/tenants/acme/users/search", r.Path)
			got, err := url.ParseQuery(r.RawQuery)
			require.NoError(t, err)
			assert.Equal(t, tt.query, got)
			assert.Empty(t, r.Body)
			assert.Empty(t, r.Header.Get("Content-Type"))
			assertAuth(t, r)
		})
	}
}

func TestUsersService_Search_validation(t *testing.T) {
	tests := []struct {
		name  string
		opts  *tenants.UserSearchOptions
		field string
	}{
		{"nil options", nil, "userId"},
		{"no criterion", &tenants.UserSearchOptions{}, "userId"},
		{"blank strings", &tenants.UserSearchOptions{RefNum: "  ", Email: "\t"}, "userId"},
		{"negative id", &tenants.UserSearchOptions{UserID: -1, Email: "a@b.co"}, "userId"},
		{"id beyond int32", &tenants.UserSearchOptions{UserID: 1 << 31}, "userId"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder(t, 200, "{}")
			_, err := rec.client(t).Users.Search(context.Background(), tt.opts)
			var ve *tenants.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.ErrorIs(t, err, tenants.ErrInvalidInput)
			assert.NotEmpty(t, ve.Field(tt.field), "field %s", tt.field)
			assert.Empty(t, rec.requests())
		})
	}
}

func TestUsersService_Get_request(t *testing.T) {
	rec := newRecorder(t, 200, string(readFile(t, "user.json")))
	u, err := rec.client(t).Users.Get(context.Background(), 4021)
	require.NoError(t, err)
	assertUserFixture(t, u)
	r := rec.only(t)
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/api/1.0/tenants/acme/users/search", r.Path)
	assert.Equal(t, "userId=4021", r.RawQuery)
	assertAuth(t, r)
}

func TestUsersService_Get_validation(t *testing.T) {
	for _, id := range []int{0, -5, 1 << 31} {
		rec := newRecorder(t, 200, "{}")
		_, err := rec.client(t).Users.Get(context.Background(), id)
		var ve *tenants.ValidationError
		require.ErrorAs(t, err, &ve, "id %d", id)
		assert.NotEmpty(t, ve.Field("userId"))
		assert.Empty(t, rec.requests())
	}
}

// fullCreate sets every field, with the values of testdata/user.json.
func fullCreate() *tenants.UserCreateRequest {
	p := tenants.Ptr[string]
	n := tenants.Ptr[int]
	return &tenants.UserCreateRequest{
		FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com",
		CaseOwnerID: n(17), MentorID: n(23), Phone: p("+44 20 7946 0001"), ReferenceNumber: p("REF-0042"),
		GroupID: n(5), JobActiveSync: tenants.Ptr(true), Username: p("ada.lovelace"), Status: p("Full user"),
		DateOfBirth: p("1990-12-10"), CaseOwnerFirstName: p("Charles"), CaseOwnerLastName: p("Babbage"),
		PostCode: p("SW1A 1AA"), Address1: p("12 Analytical Row"), Address2: p("Flat 3"), TownCity: p("London"),
		CountyState: p("Greater London"), ProgrammeID: n(310), ProgrammeStartDate: p("2025-09-01"),
		EmployerID: n(77), EmployerAddressID: n(78), ManagerFirstName: p("Mary"), ManagerLastName: p("Somerville"),
		ManagerEmail: p("mary@employer.example"), ManagerPhone: p("+44 20 7946 0002"), IAEnglish: p("Level 2"),
		IAMath: p("Level 1"), IAICT: p("Entry 3"), DiagEnglish: p("E-L2"), DiagMath: p("M-L1"), DiagICT: p("I-E3"),
		Title: p("Ms"), PreferredName: p("Ada L"), PersonalEmail: p("ada.home@example.org"), Gender: p("Female"),
		AuthenticationType: p("Password"), PlannedHours: n(450), WeeklyHours: n(30), ManagerID: n(91),
	}
}

func TestUsersService_Create_request(t *testing.T) {
	rec := newRecorder(t, 200, string(readFile(t, "user.json")))
	u, err := rec.client(t).Users.Create(context.Background(), fullCreate())
	require.NoError(t, err)
	assertUserFixture(t, u)
	r := rec.only(t)
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/api/1.0/tenants/acme/users", r.Path)
	assert.Empty(t, r.RawQuery)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assertAuth(t, r)
	assert.JSONEq(t, string(readFile(t, "create-request.golden.json")), string(r.Body))
	assertSentAsBefore(t, fullCreate(), r.Body)
}

func TestUsersService_Create_minimalBody(t *testing.T) {
	rec := newRecorder(t, 200, `{"id":9,"firstName":"A","lastName":"B","email":"a@b.co"}`)
	req := &tenants.UserCreateRequest{FirstName: "A", LastName: "B", Email: "a@b.co",
		JobActiveSync: tenants.Ptr(false), PlannedHours: tenants.Ptr(0)}
	_, err := rec.client(t).Users.Create(context.Background(), req)
	require.NoError(t, err)
	assert.JSONEq(t, `{"firstName":"A","lastName":"B","email":"a@b.co","jobActiveSync":false,"plannedHours":0}`,
		string(rec.only(t).Body))
}

func TestUsersService_Create_validation(t *testing.T) {
	tests := []struct {
		name   string
		req    *tenants.UserCreateRequest
		fields []string
	}{
		{"nil", nil, []string{"body"}},
		{"bad e-mail domains", &tenants.UserCreateRequest{Email: "a@-x.example",
			PersonalEmail: tenants.Ptr("a@x_y.example"), ManagerEmail: tenants.Ptr("a@" + strings.Repeat("x", 64) + ".example")},
			[]string{"email", "personalEmail", "managerEmail"}},
		{"bad emails and ids", &tenants.UserCreateRequest{FirstName: "A", LastName: "B", Email: "not-an-email",
			PersonalEmail: tenants.Ptr("x@"), ManagerEmail: tenants.Ptr("Mary <m@e.co>"),
			GroupID: tenants.Ptr(0), MentorID: tenants.Ptr(-3), WeeklyHours: tenants.Ptr(-1), ManagerID: tenants.Ptr(1 << 31)},
			[]string{"email", "personalEmail", "managerEmail", "mentorId", "groupId", "managerId", "weeklyHours"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder(t, 200, "{}")
			_, err := rec.client(t).Users.Create(context.Background(), tt.req)
			var ve *tenants.ValidationError
			require.ErrorAs(t, err, &ve)
			var got []string
			for _, f := range ve.Fields {
				got = append(got, f.Field)
			}
			assert.ElementsMatch(t, tt.fields, got)
			assert.Empty(t, rec.requests())
		})
	}
}

// TestUsersService_Create_nothingRequired: Aptem marks no field required,
// so an empty request is sent, as {}.
func TestUsersService_Create_nothingRequired(t *testing.T) {
	rec := newRecorder(t, 200, `{"id":9}`)
	u, err := rec.client(t).Users.Create(context.Background(), &tenants.UserCreateRequest{})
	require.NoError(t, err)
	assert.Equal(t, 9, u.ID)
	assert.Equal(t, "{}", string(rec.only(t).Body))
}

// TestUsersService_Update_request: Update reads the user (the request Get
// sends), then PUTs the whole record with the set fields overlaid.
func TestUsersService_Update_request(t *testing.T) {
	rec := newRecorder(t, 200, string(readFile(t, "user.json")))
	req := &tenants.UserUpdateRequest{FirstName: tenants.Ptr("Augusta"), JobActiveSync: tenants.Ptr(false),
		Status: tenants.Ptr("Full user"), WeeklyHours: tenants.Ptr(0), ManagerEmail: tenants.Ptr("")}
	u, err := rec.client(t).Users.Update(context.Background(), 4021, req)
	require.NoError(t, err)
	assertUserFixture(t, u)
	reqs := rec.requests()
	require.Len(t, reqs, 2)
	get := reqs[0]
	assert.Equal(t, http.MethodGet, get.Method)
	assert.Equal(t, "/api/1.0/tenants/acme/users/search", get.Path)
	assert.Equal(t, "userId=4021", get.RawQuery)
	assertAuth(t, get)
	r := reqs[1]
	assert.Equal(t, http.MethodPut, r.Method)
	assert.Equal(t, "/api/1.0/tenants/acme/users/4021", r.Path)
	assert.Empty(t, r.RawQuery)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assertAuth(t, r)
	assert.JSONEq(t, string(readFile(t, "update-request.golden.json")), string(r.Body))
	var sent map[string]any
	require.NoError(t, json.Unmarshal(r.Body, &sent))
	assert.Len(t, sent, 41, "every documented field but id")
	assert.NotContains(t, sent, "id")
}

// TestUsersService_Update_v1Bytes sends the values encoding/json v1 and v2
// write differently and checks the wire bytes are v1's.
func TestUsersService_Update_v1Bytes(t *testing.T) {
	rec := newRecorder(t, 200, `{"id":4021,"lastName":null,"email":"a@b.co","weeklyHours":7}`)
	req := &tenants.UserUpdateRequest{FirstName: tenants.Ptr("<b>Ada</b> & \u2028co"), Phone: tenants.Ptr(""),
		JobActiveSync: tenants.Ptr(false), PlannedHours: tenants.Ptr(0), Title: tenants.Ptr("\xff")}
	_, err := rec.client(t).Users.Update(context.Background(), 4021, req)
	require.NoError(t, err)
	reqs := rec.requests()
	require.Len(t, reqs, 2)
	body := reqs[1].Body
	full := *req
	full.Email, full.WeeklyHours = tenants.Ptr("a@b.co"), tenants.Ptr(7)
	assertSentAsBefore(t, &full, body)
	assert.Equal(t, "{\"firstName\":\"<b>Ada</b> & \\u2028co\",\"phone\":\"\",\"jobActiveSync\":false,\"email\":\"a@b.co\",\"title\":\"\ufffd\",\"plannedHours\":0,\"weeklyHours\":7}", string(body),
		"the record's null lastName and the fields it lacks stay out")
}

func TestUsersService_Update_validation(t *testing.T) {
	tests := []struct {
		name   string
		id     int
		req    *tenants.UserUpdateRequest
		fields []string
	}{
		{"nil body", 1, nil, []string{"body"}},
		{"nothing set", 1, &tenants.UserUpdateRequest{}, []string{"body"}},
		{"bad id", 0, &tenants.UserUpdateRequest{Title: tenants.Ptr("Dr")}, []string{"userId"}},
		{"bad fields", 1, &tenants.UserUpdateRequest{FirstName: tenants.Ptr(" "), LastName: tenants.Ptr(""),
			Email: tenants.Ptr("nope"), EmployerID: tenants.Ptr(0), PlannedHours: tenants.Ptr(-2)},
			[]string{"firstName", "lastName", "email", "employerId", "plannedHours"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder(t, 200, "{}")
			_, err := rec.client(t).Users.Update(context.Background(), tt.id, tt.req)
			var ve *tenants.ValidationError
			require.ErrorAs(t, err, &ve)
			var got []string
			for _, f := range ve.Fields {
				got = append(got, f.Field)
			}
			assert.ElementsMatch(t, tt.fields, got)
			assert.Empty(t, rec.requests())
		})
	}
}

func TestUsersService_Deactivate_request(t *testing.T) {
	rec := newRecorder(t, 200, "")
	require.NoError(t, rec.client(t).Users.Deactivate(context.Background(), 4021))
	r := rec.only(t)
	assert.Equal(t, http.MethodDelete, r.Method)
	assert.Equal(t, "/api/1.0/tenants/acme/users/4021", r.Path)
	assert.Empty(t, r.RawQuery)
	assert.Empty(t, r.Body)
	assertAuth(t, r)
}

func TestUsersService_Deactivate_validation(t *testing.T) {
	rec := newRecorder(t, 200, "")
	err := rec.client(t).Users.Deactivate(context.Background(), -1)
	assert.ErrorIs(t, err, tenants.ErrInvalidInput)
	assert.Empty(t, rec.requests())
}

// call runs one method of the users API against c.
type call struct {
	name string
	do   func(c *tenants.Client) error
}

var calls = []call{
	{"Search", func(c *tenants.Client) error {
		_, err := c.Users.Search(context.Background(), &tenants.UserSearchOptions{Email: "a@b.co"})
		return err
	}},
	{"Get", func(c *tenants.Client) error { _, err := c.Users.Get(context.Background(), 1); return err }},
	{"Create", func(c *tenants.Client) error {
		_, err := c.Users.Create(context.Background(), &tenants.UserCreateRequest{FirstName: "A", LastName: "B", Email: "a@b.co"})
		return err
	}},
	{"Update", func(c *tenants.Client) error {
		_, err := c.Users.Update(context.Background(), 1, &tenants.UserUpdateRequest{Title: tenants.Ptr("Dr")})
		return err
	}},
	{"Deactivate", func(c *tenants.Client) error { return c.Users.Deactivate(context.Background(), 1) }},
}

func TestUsersService_errorMapping(t *testing.T) {
	statuses := []struct {
		status int
		body   string
		is     error
		msg    string
	}{
		{400, `{"Message":"The request is invalid.","ModelState":{"user.email":["The Email field is required."]}}`,
			tenants.ErrBadRequest, "The request is invalid."},
		{401, `{"message":"Authorization has been denied for this request."}`, tenants.ErrUnauthorized,
			"Authorization has been denied for this request."},
		{403, `Permission denied`, tenants.ErrForbidden, "Permission denied"},
		{404, ``, tenants.ErrNotFound, ""},
	}
	for _, c := range calls {
		for _, st := range statuses {
			t.Run(c.name+"/"+http.StatusText(st.status), func(t *testing.T) {
				rec := newRecorder(t, st.status, st.body)
				err := c.do(rec.client(t))
				var ae *tenants.APIError
				require.ErrorAs(t, err, &ae)
				assert.ErrorIs(t, err, st.is)
				assert.Equal(t, st.status, ae.StatusCode)
				assert.Equal(t, st.body, string(ae.Body))
				assert.Equal(t, 1, ae.Attempts, "4xx is never retried")
				if st.msg != "" {
					require.NotEmpty(t, ae.Messages)
					assert.Equal(t, st.msg, ae.Messages[0])
				} else {
					assert.Empty(t, ae.Messages)
				}
				assert.NotContains(t, err.Error(), testToken)
				assert.Len(t, rec.requests(), 1)
			})
		}
	}
}

func TestUsersService_transportFailure(t *testing.T) {
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			rec := newRecorder(t, 200, "{}")
			cl := rec.client(t, tenants.WithRetryPolicy(tenants.RetryPolicy{}))
			rec.Close()
			err := c.do(cl)
			require.Error(t, err)
			var ue *url.Error
			assert.ErrorAs(t, err, &ue)
			assert.NotErrorIs(t, err, tenants.ErrInvalidInput)
			assert.NotContains(t, err.Error(), "a%40b.co", "no query string in errors")
		})
	}
}

func TestUsersService_unexpectedBody(t *testing.T) {
	for _, body := range []string{`null`, `<html>oops</html>`, ``, `{"id":"x1"}`, `[{"id":1}]`} {
		for _, c := range calls[:4] {
			t.Run(c.name+"/"+body, func(t *testing.T) {
				rec := newRecorder(t, 200, body)
				err := c.do(rec.client(t))
				assert.ErrorIs(t, err, tenants.ErrUnexpectedResponse)
			})
		}
	}
}

func TestUsersService_contextCanceled(t *testing.T) {
	rec := newRecorder(t, 200, "{}")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := rec.client(t).Users.Get(ctx, 1)
	assert.True(t, errors.Is(err, context.Canceled), "%v", err)
}

func TestUser_Unmarshal_fixtureRoundTripsThroughEncodingJSONv1(t *testing.T) {
	var u tenants.User
	require.NoError(t, json.Unmarshal(readFile(t, "user.json"), &u))
	assertUserFixture(t, &u)
	// Every field round-trips under its documented name.
	out, err := json.Marshal(u)
	require.NoError(t, err)
	assert.JSONEq(t, string(readFile(t, "user.json")), string(out))
}

func TestUsers_Get_decodesTolerantForms(t *testing.T) {
	rec := newRecorder(t, 200, `{"id":"4021","caseOwnerId":null,"mentorId":"","groupId":5.0,
		"jobActiveSync":"true","programmeId":"310","employerId":null,"plannedHours":"450","weeklyHours":30,
		"managerId":"91","firstName":"Ada","dateOfBirth":null}`)
	u, err := rec.client(t).Users.Get(context.Background(), 4021)
	require.NoError(t, err)
	assert.Equal(t, &tenants.User{ID: 4021, GroupID: 5, JobActiveSync: true, ProgrammeID: 310,
		PlannedHours: 450, WeeklyHours: 30, ManagerID: 91, FirstName: "Ada"}, u)

	for _, bad := range []string{`{"id":"x"}`, `{"id":1.5}`, `{"jobActiveSync":"maybe"}`, `{"firstName":3}`, `[]`} {
		rec := newRecorder(t, 200, bad)
		_, err := rec.client(t).Users.Get(context.Background(), 4021)
		assert.ErrorIs(t, err, tenants.ErrUnexpectedResponse, bad)
	}
}
