package tenantstest_test

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/fakekit/fakecheck"
	"github.com/userapis/sdk/tenants"
	"github.com/userapis/sdk/tenants/tenantstest"
)

func TestServer_Inject_suite(t *testing.T) {
	fakecheck.Run(t, func(t *testing.T) fakecheck.Fake {
		srv := tenantstest.NewServer()
		t.Cleanup(srv.Close)
		ada := srv.AddUser(srv.Tenant, tenants.User{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"})
		c := srv.Client(tenants.WithRetryPolicy(fakecheck.Policy))
		var n atomic.Int64
		return fakecheck.Fake{
			Inject: srv.Inject, FailNext: srv.FailNext, Requests: srv.Requests,
			Stored:   func() int { return len(srv.Users(srv.Tenant)) },
			CreateOp: "Users.Create",
			Create: func(ctx context.Context) error {
				_, err := c.Users.Create(ctx, &tenants.UserCreateRequest{FirstName: "Bob", LastName: "B", Email: fmt.Sprintf("bob%d@example.com", n.Add(1))})
				return err
			},
			GetOp: "Users.Get",
			Get: func(ctx context.Context, hc *http.Client) error {
				cl := c
				if hc != nil {
					cl = srv.Client(tenants.WithHTTPClient(hc))
				}
				_, err := cl.Users.Get(ctx, ada.ID)
				return err
			},
		}
	})
}

// TestServer_Inject_everyOperation checks the route table against the
// SDK: a fault named after each method hits that method's request only.
func TestServer_Inject_everyOperation(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	ada := srv.AddUser(srv.Tenant, tenants.User{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"})
	c := srv.Client(tenants.WithRetryPolicy(tenants.RetryPolicy{MaxRetries: tenants.NoRetries}))
	ctx := context.Background()
	n := 0
	fakecheck.Operations(t, srv.Inject, []fakecheck.Call{
		{Op: "Users.Search", Shares: []string{"Users.Get"}, Do: func() error {
			_, err := c.Users.Search(ctx, &tenants.UserSearchOptions{Email: "ada@example.com"})
			return err
		}},
		{Op: "Users.Get", Do: func() error { _, err := c.Users.Get(ctx, ada.ID); return err }},
		{Op: "Users.Create", Do: func() error {
			n++
			_, err := c.Users.Create(ctx, &tenants.UserCreateRequest{FirstName: "B", LastName: "B", Email: fmt.Sprintf("b%d@example.com", n)})
			return err
		}},
		{Op: "Users.Update", Shares: []string{"Users.Get", "Users.Search"}, Do: func() error { // it reads the user first
			_, err := c.Users.Update(ctx, ada.ID, &tenants.UserUpdateRequest{FirstName: tenants.Ptr("Ada")})
			return err
		}},
		{Op: "Users.Deactivate", Do: func() error { return c.Users.Deactivate(ctx, ada.ID) }},
	})
}

func TestServer_Inject_getAndSearchShareTheRequest(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	ada := srv.AddUser(srv.Tenant, tenants.User{FirstName: "Ada", LastName: "L", Email: "ada@example.com"})
	c := srv.Client(tenants.WithRetryPolicy(tenants.RetryPolicy{MaxRetries: tenants.NoRetries}))
	ctx := context.Background()

	srv.Inject(tenantstest.Fault{Op: "Users.Get", Status: 500})
	_, err := c.Users.Search(ctx, &tenants.UserSearchOptions{Email: "ada@example.com"})
	assert.ErrorIs(t, err, tenants.ErrServer, "a fault named Users.Get hits a Search")
	srv.Inject(tenantstest.Fault{Op: "Users.Search", Status: 500})
	_, err = c.Users.Get(ctx, ada.ID)
	assert.ErrorIs(t, err, tenants.ErrServer, "and one named Users.Search hits a Get")
	_, err = c.Users.Get(ctx, ada.ID)
	assert.NoError(t, err)
}

func TestServer_Inject_anyTenant(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	tok := srv.AddTenant("globex")
	g, err := srv.Client(tenants.WithToken(tok), tenants.WithRetryPolicy(tenants.RetryPolicy{MaxRetries: tenants.NoRetries})).ForTenant("globex")
	require.NoError(t, err)
	srv.Inject(tenantstest.Fault{Op: "Users.Create", Status: 503})
	_, err = g.Users.Create(context.Background(), &tenants.UserCreateRequest{FirstName: "G", LastName: "H", Email: "g@example.com"})
	assert.ErrorIs(t, err, tenants.ErrServer)
	assert.Empty(t, srv.Users("globex"), "nothing stored")
}

func TestServer_User_Users(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	srv.AddTenant("globex")
	b := srv.AddUser(srv.Tenant, tenants.User{ID: 9, FirstName: "Bob"})
	a := srv.AddUser(srv.Tenant, tenants.User{FirstName: "Ada"})
	srv.AddUser("globex", tenants.User{FirstName: "Grace"})

	got, ok := srv.User(srv.Tenant, b.ID)
	require.True(t, ok)
	assert.Equal(t, "Bob", got.FirstName)
	assert.Equal(t, tenantstest.StatusActive, got.Status)
	_, ok = srv.User("globex", b.ID)
	assert.False(t, ok, "tenants do not share users")
	_, ok = srv.User("nobody", 1)
	assert.False(t, ok)

	all := srv.Users(srv.Tenant)
	require.Len(t, all, 2)
	assert.Equal(t, []int{b.ID, a.ID}, []int{all[0].ID, all[1].ID}, "in id order")
	assert.Len(t, srv.Users("globex"), 1)
	assert.Nil(t, srv.Users("nobody"))

	all[1].FirstName = "changed"
	got, _ = srv.User(srv.Tenant, a.ID)
	assert.Equal(t, "Ada", got.FirstName, "copies, not the stored users")

	u, err := srv.Client().Users.Create(context.Background(), &tenants.UserCreateRequest{FirstName: "C", LastName: "C", Email: "c@example.com"})
	require.NoError(t, err)
	got, ok = srv.User(srv.Tenant, u.ID)
	require.True(t, ok)
	assert.Equal(t, "c@example.com", got.Email, "what the API stored")
}
