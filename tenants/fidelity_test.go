package tenants_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/tenants"
	"github.com/userapis/sdk/tenants/tenantstest"
)

// fullUser is a stored user with every field set.
func fullUser() tenants.User {
	return tenants.User{
		FirstName: "Ada", LastName: "Lovelace", CaseOwnerID: 17, MentorID: 23, Phone: "+44 20 7946 0001",
		ReferenceNumber: "REF-0042", GroupID: 5, JobActiveSync: true, Email: "ada@example.com", Username: "ada.lovelace",
		Status: "Full user", DateOfBirth: "1990-12-10", CaseOwnerFirstName: "Charles", CaseOwnerLastName: "Babbage",
		PostCode: "SW1A 1AA", Address1: "12 Analytical Row", Address2: "Flat 3", TownCity: "London",
		CountyState: "Greater London", ProgrammeID: 310, ProgrammeStartDate: "2025-09-01", EmployerID: 77,
		EmployerAddressID: 78, ManagerFirstName: "Mary", ManagerLastName: "Somerville", ManagerEmail: "mary@employer.example",
		ManagerPhone: "+44 20 7946 0002", IAEnglish: "Level 2", IAMath: "Level 1", IAICT: "Entry 3", DiagEnglish: "E-L2",
		DiagMath: "M-L1", DiagICT: "I-E3", Title: "Ms", PreferredName: "Ada L", PersonalEmail: "ada.home@example.org",
		Gender: "Female", AuthenticationType: "Password", PlannedHours: 450, WeeklyHours: 30, ManagerID: 91,
	}
}

// TestUsersService_Update_fullReplacePUTWipesNothing runs Update against
// tenantstest, whose PUT replaces the whole record (a field the body
// leaves out is cleared), in the seed's shape and with every quirk the
// fake can send: only the fields set change.
func TestUsersService_Update_fullReplacePUTWipesNothing(t *testing.T) {
	for _, q := range []tenantstest.Quirks{{}, {Nulls: true}, {StringNumbers: true}, {PascalCase: true},
		{Nulls: true, StringNumbers: true, PascalCase: true}} {
		t.Run(fmt.Sprintf("%+v", q), func(t *testing.T) {
			srv := tenantstest.NewServer()
			defer srv.Close()
			srv.SetQuirks(q)
			stored := fullUser()
			stored.Address2, stored.MentorID = "", 0 // read back as null under Nulls
			before := srv.AddUser(srv.Tenant, stored)
			c := srv.Client()

			got, err := c.Users.Update(context.Background(), before.ID, &tenants.UserUpdateRequest{
				Title: tenants.Ptr("Dr"), WeeklyHours: tenants.Ptr(0), JobActiveSync: tenants.Ptr(false)})
			require.NoError(t, err)

			want := before
			want.Title, want.WeeklyHours, want.JobActiveSync = "Dr", 0, false
			after, ok := srv.User(srv.Tenant, before.ID)
			require.True(t, ok)
			assert.Equal(t, want, after, "only the fields set changed")
			assert.Equal(t, want, *got)
		})
	}
}

// TestUsersService_Update_readFailsNothingSent: when the read before the
// PUT fails, nothing is written.
func TestUsersService_Update_readFailsNothingSent(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	c := srv.Client()
	_, err := c.Users.Update(context.Background(), 42, &tenants.UserUpdateRequest{Title: tenants.Ptr("Dr")})
	require.ErrorIs(t, err, tenants.ErrNotFound)
	assert.Equal(t, 1, srv.Requests(), "the GET only")

	rec := newRecorder(t, 200, "null")
	_, err = rec.client(t).Users.Update(context.Background(), 4021, &tenants.UserUpdateRequest{Title: tenants.Ptr("Dr")})
	require.ErrorIs(t, err, tenants.ErrUnexpectedResponse)
	require.Len(t, rec.requests(), 1)
	assert.Equal(t, http.MethodGet, rec.requests()[0].Method)
}

// TestUsersService_Create_nothingRequiredByTheFake: the fake, like the
// seed, requires no field, and the SDK sends what it is given.
func TestUsersService_Create_nothingRequiredByTheFake(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	u, err := srv.Client().Users.Create(context.Background(), &tenants.UserCreateRequest{ReferenceNumber: tenants.Ptr("R-9")})
	require.NoError(t, err)
	assert.Equal(t, "R-9", u.ReferenceNumber)
	assert.Empty(t, u.Email)
}

// TestUsers_Get_everyQuirk decodes every quirk the fake can send into the
// same User.
func TestUsers_Get_everyQuirk(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	stored := srv.AddUser(srv.Tenant, fullUser())
	c := srv.Client()
	for _, q := range []tenantstest.Quirks{{}, {Nulls: true}, {StringNumbers: true}, {PascalCase: true},
		{Nulls: true, StringNumbers: true, PascalCase: true}} {
		srv.SetQuirks(q)
		u, err := c.Users.Get(context.Background(), stored.ID)
		require.NoError(t, err, "%+v", q)
		assert.Equal(t, stored, *u, "%+v", q)
	}
}

// TestClient_ForTenant_ownToken: a tenant's own token reaches only its
// client; the first client keeps its token and tenant.
func TestClient_ForTenant_ownToken(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	globexToken := srv.AddTenant("globex")
	grace := srv.AddUser("globex", tenants.User{FirstName: "Grace"})
	ada := srv.AddUser(srv.Tenant, tenants.User{FirstName: "Ada"})
	acme := srv.Client()
	ctx := context.Background()

	shared, err := acme.ForTenant("globex")
	require.NoError(t, err)
	_, err = shared.Users.Get(ctx, grace.ID)
	assert.ErrorIs(t, err, tenants.ErrForbidden, "without WithToken the first tenant's token is sent")

	g, err := acme.ForTenant("globex", tenants.WithToken(globexToken))
	require.NoError(t, err)
	u, err := g.Users.Get(ctx, grace.ID)
	require.NoError(t, err)
	assert.Equal(t, "Grace", u.FirstName)
	_, err = g.Users.Update(ctx, grace.ID, &tenants.UserUpdateRequest{Title: tenants.Ptr("Rear Admiral")})
	require.NoError(t, err, "both requests of Update carry the own token")

	again, err := g.ForTenant("globex")
	require.NoError(t, err)
	_, err = again.Users.Get(ctx, grace.ID)
	require.NoError(t, err, "a client derived from g keeps g's token")

	a, err := acme.Users.Get(ctx, ada.ID)
	require.NoError(t, err, "the first client is unaffected")
	assert.Equal(t, "Ada", a.FirstName)
	assert.Equal(t, srv.Tenant, acme.Tenant())
	_, err = shared.Users.Get(ctx, grace.ID)
	assert.ErrorIs(t, err, tenants.ErrForbidden)
}

// TestClient_ForTenant_ownTokenOnTheWire: the own token goes in the token
// header, once, and in no other header.
func TestClient_ForTenant_ownTokenOnTheWire(t *testing.T) {
	rec := newRecorder(t, 200, `{"id":1}`)
	c := rec.client(t, tenants.WithTokenHeader("X-Key"))
	g, err := c.ForTenant("globex", tenants.WithToken("globex-secret"))
	require.NoError(t, err)
	_, err = g.Users.Get(context.Background(), 1, tenants.WithCallHeader("X-Trace", "t"))
	require.NoError(t, err)
	_, err = c.Users.Get(context.Background(), 1)
	require.NoError(t, err)
	reqs := rec.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, []string{"globex-secret"}, reqs[0].Header["X-Key"])
	assert.Equal(t, "/api/1.0/tenants/globex/users/search", reqs[0].Path)
	assert.Equal(t, "t", reqs[0].Header.Get("X-Trace"))
	assert.Equal(t, []string{testToken}, reqs[1].Header["X-Key"])
	for _, r := range reqs {
		assert.Empty(t, r.Header.Get("X-Api-Token"))
	}
	assert.NotContains(t, fmt.Sprintf("%v %+v %#v", g, g, *g), "globex-secret")
}

// TestClient_ForTenant_options: WithToken is the one option ForTenant
// takes; every other is refused by name, and a bad token too.
func TestClient_ForTenant_options(t *testing.T) {
	rec := newRecorder(t, 200, `{"id":1}`)
	c := rec.client(t)
	tests := []struct {
		name string
		opt  tenants.Option
		want string
	}{
		{"tenant", tenants.WithTenant("other"), "WithTenant"},
		{"token header", tenants.WithTokenHeader("X-Other"), "WithTokenHeader"},
		{"base URL", tenants.WithBaseURL("https://example.com"), "WithBaseURL"},
		{"insecure", tenants.WithInsecureHTTP(), "WithInsecureHTTP"},
		{"http client", tenants.WithHTTPClient(&http.Client{}), "WithHTTPClient"},
		{"user agent", tenants.WithUserAgent("x/1"), "WithUserAgent"},
		{"retry policy", tenants.WithRetryPolicy(tenants.RetryPolicy{}), "WithRetryPolicy"},
		{"rate limit", tenants.WithRateLimit(1, 1), "WithRateLimit"},
		{"header", tenants.WithHeader("X-A", "b"), "WithHeader"},
		{"hooks", tenants.WithHooks(tenants.Hooks{OnAttempt: func(context.Context, tenants.AttemptInfo) {}}), "WithHooks"},
		{"empty token", tenants.WithToken(" "), "an API token is required"},
		{"token with a line break", tenants.WithToken("a\nb"), "control character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := c.ForTenant("globex", tenants.WithToken("ok"), tt.opt)
			require.Error(t, err)
			assert.Nil(t, d)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), "a\nb")
		})
	}
	_, err := c.ForTenant("evil.com/x", tenants.WithUserAgent("x"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "DNS label")
	assert.Contains(t, err.Error(), "WithUserAgent", "every problem at once")
	assert.Empty(t, rec.requests())
}
