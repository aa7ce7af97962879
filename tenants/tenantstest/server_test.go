package tenantstest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/tenants"
	"github.com/userapis/sdk/tenants/tenantstest"
)

var ctx = context.Background()

func newUser(first, email, ref string) *tenants.UserCreateRequest {
	return &tenants.UserCreateRequest{FirstName: first, LastName: "Test", Email: email, ReferenceNumber: &ref}
}

func TestServer_users(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	c := srv.Client()

	ada, err := c.Users.Create(ctx, &tenants.UserCreateRequest{FirstName: "Ada", LastName: "Lovelace",
		Email: "ada@example.com", ReferenceNumber: tenants.Ptr("R1"), JobActiveSync: tenants.Ptr(true), PlannedHours: tenants.Ptr(450)})
	require.NoError(t, err)
	assert.Equal(t, 1, ada.ID)
	assert.Equal(t, tenantstest.StatusActive, ada.Status)
	assert.True(t, ada.JobActiveSync)
	assert.Equal(t, 450, ada.PlannedHours)
	bob, err := c.Users.Create(ctx, newUser("Bob", "bob@example.com", "R2"))
	require.NoError(t, err)
	assert.Equal(t, 2, bob.ID)

	got, err := c.Users.Get(ctx, 1)
	require.NoError(t, err)
	assert.Equal(t, ada, got)

	for _, o := range []tenants.UserSearchOptions{
		{RefNum: "R2"}, {Email: "BOB@example.com"}, {UserID: 2, RefNum: "R2"}, {UserID: 2, RefNum: "R2", Email: "bob@example.com"},
	} {
		u, err := c.Users.Search(ctx, &o)
		require.NoError(t, err, "%+v", o)
		assert.Equal(t, 2, u.ID, "%+v", o)
	}
	for _, o := range []tenants.UserSearchOptions{
		{UserID: 1, RefNum: "R2"}, {UserID: 2, Email: "ada@example.com"}, {RefNum: "R3"}, {UserID: 99},
	} {
		_, err := c.Users.Search(ctx, &o)
		assert.ErrorIs(t, err, tenants.ErrNotFound, "every criterion must match: %+v", o)
	}

	up, err := c.Users.Update(ctx, 1, &tenants.UserUpdateRequest{LastName: tenants.Ptr("King"),
		JobActiveSync: tenants.Ptr(false), PlannedHours: tenants.Ptr(0)})
	require.NoError(t, err)
	assert.Equal(t, "King", up.LastName)
	assert.Equal(t, "Ada", up.FirstName, "fields not sent are kept")
	assert.False(t, up.JobActiveSync)
	assert.Zero(t, up.PlannedHours)
	assert.Equal(t, 1, up.ID)

	require.NoError(t, c.Users.Deactivate(ctx, 1))
	require.NoError(t, c.Users.Deactivate(ctx, 1), "deactivating twice is fine")
	u, err := c.Users.Search(ctx, &tenants.UserSearchOptions{Email: "ada@example.com"})
	require.NoError(t, err, "a deactivated user is still found")
	assert.Equal(t, tenantstest.StatusDeactivated, u.Status)
	u, err = c.Users.Get(ctx, 2)
	require.NoError(t, err)
	assert.Equal(t, tenantstest.StatusActive, u.Status)

	_, err = c.Users.Update(ctx, 42, &tenants.UserUpdateRequest{Title: tenants.Ptr("Dr")})
	assert.ErrorIs(t, err, tenants.ErrNotFound)
	assert.ErrorIs(t, c.Users.Deactivate(ctx, 42), tenants.ErrNotFound)
}

func TestServer_invalidInput(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	c := srv.Client()
	_, err := c.Users.Create(ctx, newUser("Ada", "ada@example.com", "R1"))
	require.NoError(t, err)

	_, err = c.Users.Create(ctx, newUser("Ada", "ADA@example.com", "R9"))
	var ae *tenants.APIError
	require.ErrorAs(t, err, &ae)
	assert.ErrorIs(t, err, tenants.ErrBadRequest)
	assert.Contains(t, ae.Messages, "email: The e-mail address is already in use.")
	assert.Contains(t, string(ae.Body), `"ModelState"`)

	b, err := c.Users.Create(ctx, newUser("Bob", "bob@example.com", "R2"))
	require.NoError(t, err)
	_, err = c.Users.Update(ctx, b.ID, &tenants.UserUpdateRequest{Email: tenants.Ptr("ada@example.com")})
	assert.ErrorIs(t, err, tenants.ErrBadRequest)

	raw := []struct{ method, path, body string }{
		{"GET", "/tenants/acme/users/search", ""},
		{"GET", "/tenants/acme/users/search?userId=abc", ""},
		{"GET", "/tenants/acme/users/search?userId=-1", ""},
		{"POST", "/tenants/acme/users", "not json"},
		{"POST", "/tenants/acme/users", `{"firstName":"","email":"x"}`},
		{"POST", "/tenants/acme/users", `{"firstName":"A","lastName":"B","email":"c@d.e","groupId":"seven"}`},
		{"PUT", "/tenants/acme/users/1", `[]`},
	}
	for _, r := range raw {
		status, body := do(t, srv, r.method, r.path, srv.Token, r.body)
		assert.Equal(t, 400, status, "%s %s %s", r.method, r.path, r.body)
		assert.Contains(t, body, `"Message"`)
	}
}

// do sends a raw request to the fake and returns the status and body.
func do(t *testing.T, srv *tenantstest.Server, method, path, token, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("X-API-Token", token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServer_auth(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	globexToken := srv.AddTenant("globex")
	assert.NotEqual(t, srv.Token, globexToken)
	assert.Equal(t, globexToken, srv.AddTenant("globex"), "adding a tenant twice returns its token")

	_, err := srv.Client().Users.Create(ctx, newUser("Ada", "ada@example.com", "R1"))
	require.NoError(t, err)

	tests := []struct {
		name   string
		opts   []tenants.Option
		tenant string
		is     error
	}{
		{"wrong token", []tenants.Option{tenants.WithToken("nope")}, "acme", tenants.ErrUnauthorized},
		{"token in another header", []tenants.Option{tenants.WithTokenHeader("X-Other")}, "acme", tenants.ErrUnauthorized},
		{"token of another tenant", []tenants.Option{tenants.WithToken(globexToken)}, "acme", tenants.ErrForbidden},
		{"token for a tenant the server lacks", nil, "initech", tenants.ErrForbidden},
		{"the default token on globex", nil, "globex", tenants.ErrForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := srv.Client(tt.opts...).ForTenant(tt.tenant)
			require.NoError(t, err)
			_, err = c.Users.Get(ctx, 1)
			var ae *tenants.APIError
			require.ErrorAs(t, err, &ae)
			assert.ErrorIs(t, err, tt.is)
			assert.NotEmpty(t, ae.Messages)
		})
	}

	status, _ := do(t, srv, "GET", "/tenants/acme/users/search?userId=1", "", "")
	assert.Equal(t, 401, status, "missing token")

	// Each tenant has its own users and ids.
	g, err := srv.Client(tenants.WithToken(globexToken)).ForTenant("globex")
	require.NoError(t, err)
	_, err = g.Users.Search(ctx, &tenants.UserSearchOptions{Email: "ada@example.com"})
	assert.ErrorIs(t, err, tenants.ErrNotFound)
	u, err := g.Users.Create(ctx, newUser("Ada", "ada@example.com", "G1"))
	require.NoError(t, err, "the same e-mail is free in another tenant")
	assert.Equal(t, 1, u.ID)
}

func TestServer_unknownRoute(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	for _, p := range []string{"/tenants/acme/users/1", "/tenants/acme/organizations", "/nothing"} {
		status, body := do(t, srv, "GET", p, srv.Token, "")
		assert.Equal(t, 404, status, p)
		assert.Contains(t, body, `"Message"`)
	}
	status, _ := do(t, srv, "PUT", "/tenants/acme/users/search", srv.Token, `{"title":"x"}`)
	assert.Equal(t, 404, status)
}

func TestServer_retries(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	c := srv.Client()
	u, err := c.Users.Create(ctx, newUser("Ada", "ada@example.com", "R1"))
	require.NoError(t, err)

	t.Run("Deactivate absorbs a 503", func(t *testing.T) {
		before := srv.Requests()
		srv.FailNext(1, http.StatusServiceUnavailable)
		require.NoError(t, c.Users.Deactivate(ctx, u.ID))
		assert.Equal(t, 2, srv.Requests()-before)
	})
	t.Run("Update and Get absorb a 500", func(t *testing.T) {
		before := srv.Requests()
		srv.FailNext(1, http.StatusInternalServerError)
		_, err := c.Users.Update(ctx, u.ID, &tenants.UserUpdateRequest{Title: tenants.Ptr("Dr")})
		require.NoError(t, err)
		srv.FailNext(1, http.StatusBadGateway)
		_, err = c.Users.Get(ctx, u.ID)
		require.NoError(t, err)
		assert.Equal(t, 5, srv.Requests()-before, "Update reads the user first: GET, PUT 500, PUT; then GET 502, GET")
	})
	t.Run("Create is not retried after a 500", func(t *testing.T) {
		before := srv.Requests()
		srv.FailNext(1, http.StatusInternalServerError)
		_, err := c.Users.Create(ctx, newUser("Bob", "bob@example.com", "R2"))
		var ae *tenants.APIError
		require.ErrorAs(t, err, &ae)
		assert.ErrorIs(t, err, tenants.ErrServer)
		assert.Equal(t, 1, ae.Attempts)
		assert.Equal(t, 1, srv.Requests()-before, "sent exactly once")
		_, err = c.Users.Search(ctx, &tenants.UserSearchOptions{Email: "bob@example.com"})
		assert.ErrorIs(t, err, tenants.ErrNotFound)
	})
	t.Run("Create is retried after a 429", func(t *testing.T) {
		before := srv.Requests()
		srv.FailNext(1, http.StatusTooManyRequests)
		b, err := c.Users.Create(ctx, newUser("Bob", "bob@example.com", "R2"))
		require.NoError(t, err)
		assert.Equal(t, 2, b.ID)
		assert.Equal(t, 2, srv.Requests()-before)
	})
	t.Run("retries give up", func(t *testing.T) {
		before := srv.Requests()
		srv.FailNext(10, http.StatusServiceUnavailable)
		err := srv.Client(tenants.WithRetryPolicy(tenants.RetryPolicy{MaxRetries: 2, MinWait: 1, MaxWait: 2})).
			Users.Deactivate(ctx, u.ID)
		var ae *tenants.APIError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, 3, ae.Attempts)
		assert.Equal(t, 3, srv.Requests()-before)
		srv.FailNext(0, 0)
	})
}

func TestServer_concurrentCreates(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	c := srv.Client()
	ids := make(chan int, 32)
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u, err := c.Users.Create(ctx, newUser("U", fmt.Sprintf("u%d@example.com", i), fmt.Sprint(i)))
			if assert.NoError(t, err) {
				ids <- u.ID
			}
		}()
	}
	wg.Wait()
	close(ids)
	seen := map[int]bool{}
	for id := range ids {
		assert.False(t, seen[id], "id %d given twice", id)
		assert.True(t, id >= 1 && id <= 32, "id %d", id)
		seen[id] = true
	}
	assert.Len(t, seen, 32)
}

func TestServer_AddUser(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	u := srv.AddUser(srv.Tenant, tenants.User{ID: 500, FirstName: "Ada", Email: "ada@example.com", DateOfBirth: "1990-12-10"})
	assert.Equal(t, 500, u.ID)
	assert.Equal(t, tenantstest.StatusActive, u.Status)
	again := srv.AddUser(srv.Tenant, tenants.User{ID: 500, FirstName: "Bob"})
	assert.Equal(t, 501, again.ID, "a taken id is replaced by the next one")

	got, err := srv.Client().Users.Get(ctx, 500)
	require.NoError(t, err)
	assert.Equal(t, "1990-12-10", got.DateOfBirth)
	c, err := srv.Client().Users.Create(ctx, newUser("Cy", "cy@example.com", "R3"))
	require.NoError(t, err)
	assert.Equal(t, 502, c.ID)

	assert.Panics(t, func() { srv.AddUser("nobody", tenants.User{}) })
	assert.Panics(t, func() { srv.AddTenant("evil.com/x") })
}

// TestServer_idsAsNumbers checks the wire form: ids are JSON numbers.
func TestServer_idsAsNumbers(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	srv.AddUser(srv.Tenant, tenants.User{FirstName: "Ada", Email: "ada@example.com", GroupID: 5})
	status, body := do(t, srv, "GET", "/tenants/acme/users/search?email=ada@example.com", srv.Token, "")
	require.Equal(t, 200, status)
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &m))
	assert.Equal(t, float64(1), m["id"])
	assert.Equal(t, float64(5), m["groupId"])
	assert.Len(t, m, 42, "every documented field is sent")
}

// TestServer_update_replacesTheRecord: the fake's PUT is a full replace,
// so a partial body, as Users.Update sent before it read the record
// first, clears every field it leaves out; the SDK's Update keeps them.
func TestServer_update_replacesTheRecord(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	u := srv.AddUser(srv.Tenant, tenants.User{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com",
		GroupID: 5, JobActiveSync: true, PlannedHours: 450})

	status, _ := do(t, srv, "PUT", fmt.Sprintf("/tenants/acme/users/%d", u.ID), srv.Token, `{"title":"Dr"}`)
	require.Equal(t, 200, status)
	wiped, ok := srv.User(srv.Tenant, u.ID)
	require.True(t, ok)
	assert.Equal(t, tenants.User{ID: u.ID, Title: "Dr"}, wiped, "the partial PUT cleared everything else")

	v := srv.AddUser(srv.Tenant, tenants.User{FirstName: "Grace", LastName: "Hopper", Email: "grace@example.com",
		GroupID: 5, JobActiveSync: true, PlannedHours: 450})
	_, err := srv.Client().Users.Update(ctx, v.ID, &tenants.UserUpdateRequest{Title: tenants.Ptr("Dr")})
	require.NoError(t, err)
	kept, _ := srv.User(srv.Tenant, v.ID)
	v.Title = "Dr"
	assert.Equal(t, v, kept)
}

// TestServer_SetQuirks: each quirk changes the wire form of a user, and
// Quirks{} restores the seed's.
func TestServer_SetQuirks(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	u := srv.AddUser(srv.Tenant, tenants.User{FirstName: "Ada", GroupID: 5, JobActiveSync: true})
	path := fmt.Sprintf("/tenants/acme/users/search?userId=%d", u.ID)
	tests := []struct {
		q        tenantstest.Quirks
		has, not []string
	}{
		{tenantstest.Quirks{}, []string{`"groupId":5`, `"jobActiveSync":true`, `"lastName":""`}, []string{"null"}},
		{tenantstest.Quirks{Nulls: true}, []string{`"lastName":null`, `"mentorId":null`, `"groupId":5`}, []string{`""`}},
		{tenantstest.Quirks{StringNumbers: true}, []string{`"groupId":"5"`, `"jobActiveSync":"true"`}, nil},
		{tenantstest.Quirks{PascalCase: true}, []string{`"FirstName":"Ada"`, `"IAICT"`}, []string{`"firstName"`}},
	}
	for _, tt := range tests {
		srv.SetQuirks(tt.q)
		status, body := do(t, srv, "GET", path, srv.Token, "")
		require.Equal(t, 200, status)
		for _, s := range tt.has {
			assert.Contains(t, body, s, "%+v", tt.q)
		}
		for _, s := range tt.not {
			assert.NotContains(t, body, s, "%+v", tt.q)
		}
	}
}
