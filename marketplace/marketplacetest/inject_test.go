package marketplacetest_test

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/fakekit/fakecheck"
	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/marketplace/marketplacetest"
)

func TestServer_Inject_suite(t *testing.T) {
	fakecheck.Run(t, func(t *testing.T) fakecheck.Fake {
		srv := marketplacetest.NewServer()
		t.Cleanup(srv.Close)
		id := srv.AddUser(marketplace.User{FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com"})
		c := srv.Client(marketplace.WithRetryPolicy(fakecheck.Policy))
		var n atomic.Int64
		return fakecheck.Fake{
			Inject: srv.Inject, FailNext: srv.FailNext, Requests: srv.Requests,
			Stored:   func() int { return len(srv.Users()) },
			CreateOp: "Users.Create",
			Create: func(ctx context.Context) error {
				_, err := c.Users.Create(ctx, &marketplace.UserCreateRequest{FirstName: "Bob", Surname: "B", Email: fmt.Sprintf("bob%d@example.com", n.Add(1))})
				return err
			},
			GetOp: "Users.Get",
			Get: func(ctx context.Context, hc *http.Client) error {
				cl := c
				if hc != nil {
					cl = srv.Client(marketplace.WithHTTPClient(hc))
				}
				_, err := cl.Users.Get(ctx, id)
				return err
			},
		}
	})
}

// TestServer_Inject_everyOperation checks the route table against the
// SDK: a fault named after each method hits that method's request only.
func TestServer_Inject_everyOperation(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	id := srv.AddUser(marketplace.User{FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com"})
	c := srv.Client(marketplace.WithRetryPolicy(marketplace.RetryPolicy{MaxRetries: marketplace.NoRetries}))
	ctx := context.Background()
	_, err := c.Broadband.Create(ctx, &marketplace.BroadbandCreateRequest{CPUserID: "cp_u_0"})
	require.NoError(t, err)
	n := 0
	fakecheck.Operations(t, srv.Inject, []fakecheck.Call{
		{Op: "Users.List", Shares: []string{"Users.All"}, Do: func() error { _, err := c.Users.List(ctx, nil); return err }},
		{Op: "Users.All", Do: func() error {
			for _, err := range c.Users.All(ctx, nil) {
				return err
			}
			return nil
		}},
		{Op: "Users.Get", Do: func() error { _, err := c.Users.Get(ctx, id); return err }},
		{Op: "Users.Create", Do: func() error {
			_, err := c.Users.Create(ctx, &marketplace.UserCreateRequest{FirstName: "B", Surname: "B", Email: "b@example.com"})
			return err
		}},
		{Op: "Users.Update", Do: func() error {
			_, err := c.Users.Update(ctx, id, &marketplace.UserUpdateRequest{FirstName: marketplace.Ptr("Ada")})
			return err
		}},
		{Op: "Broadband.Create", Do: func() error {
			n++
			_, err := c.Broadband.Create(ctx, &marketplace.BroadbandCreateRequest{CPUserID: fmt.Sprint("cp_u_", n)})
			return err
		}},
		{Op: "Broadband.Get", Do: func() error { _, err := c.Broadband.Get(ctx, "cp_u_0"); return err }},
		{Op: "Broadband.Update", Do: func() error {
			_, err := c.Broadband.Update(ctx, "cp_u_0", &marketplace.BroadbandUpdateRequest{})
			return err
		}},
	})
}

func TestServer_AddUser_UserUsers(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	assert.Empty(t, srv.Users())
	a := srv.AddUser(marketplace.User{FirstName: "Ada", Email: "ada@example.com", Meta: map[string]any{"k": "v"}})
	b := srv.AddUser(marketplace.User{ID: "custom", FirstName: "Bob"})
	c := srv.AddUser(marketplace.User{ID: "custom", FirstName: "Cy"})
	assert.Equal(t, []string{"u_1", "custom", "u_2"}, []string{a, b, c}, "an id is kept when free")

	got, ok := srv.User(a)
	require.True(t, ok)
	assert.Equal(t, "Ada", got.FirstName)
	assert.Equal(t, map[string]any{"k": "v"}, got.Meta)
	assert.False(t, got.Created.IsZero(), "the server's dates are set")
	_, ok = srv.User("u_404")
	assert.False(t, ok)

	all := srv.Users()
	require.Len(t, all, 3)
	assert.Equal(t, []string{"Ada", "Bob", "Cy"}, []string{all[0].FirstName, all[1].FirstName, all[2].FirstName}, "oldest first")

	// A seeded user is served like a created one, and creates skip a taken id.
	srv.AddUser(marketplace.User{ID: "u_3"})
	cl := srv.Client()
	u, err := cl.Users.Get(context.Background(), b)
	require.NoError(t, err)
	assert.Equal(t, "Bob", u.FirstName)
	created, err := cl.Users.Create(context.Background(), &marketplace.UserCreateRequest{FirstName: "D", Surname: "D", Email: "d@example.com"})
	require.NoError(t, err)
	assert.Equal(t, "u_4", created.ID)
	stored, ok := srv.User(created.ID)
	require.True(t, ok)
	assert.Equal(t, "d@example.com", stored.Email)
}

func TestServer_Inject_faultBodyIsFastAPIs(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	srv.Inject(marketplacetest.Fault{Op: "Users.List", Status: 503, RetryAfter: 1500 * time.Millisecond})
	status, body := do(t, srv, "GET", "/users", "", "-")
	assert.Equal(t, 503, status, "before the key is checked")
	assert.JSONEq(t, `{"detail":"Service Unavailable (injected for Users.List)"}`, body)
}
