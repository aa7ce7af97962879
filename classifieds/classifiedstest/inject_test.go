package classifiedstest_test

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/classifieds"
	"github.com/userapis/sdk/classifieds/classifiedstest"
	"github.com/userapis/sdk/internal/fakekit/fakecheck"
)

// newUser is a valid create request with a unique e-mail address.
func newUser(n int64) *classifieds.UserCreateRequest {
	return &classifieds.UserCreateRequest{LastName: "Jansen", PostalCode: "2818 AA", City: "Zoetermeer",
		Email: fmt.Sprintf("jansen%d@example.nl", n), Cellular: "06-12345678"}
}

func TestServer_Inject_suite(t *testing.T) {
	fakecheck.Run(t, func(t *testing.T) fakecheck.Fake {
		srv := classifiedstest.NewServer()
		t.Cleanup(srv.Close)
		id := srv.AddUsers(1)[0]
		c := srv.Client(classifieds.WithRetryPolicy(fakecheck.Policy))
		var n atomic.Int64
		return fakecheck.Fake{
			Inject: srv.Inject, FailNext: srv.FailNext, Requests: srv.Requests,
			Stored:   func() int { return len(srv.Users()) },
			CreateOp: "Users.Create",
			Create: func(ctx context.Context) error {
				_, err := c.Users.Create(ctx, newUser(n.Add(1)))
				return err
			},
			GetOp: "Users.Get",
			Get: func(ctx context.Context) error {
				_, err := c.Users.Get(ctx, id)
				return err
			},
			GetWith: func(ctx context.Context, hc *http.Client) error {
				_, err := srv.Client(classifieds.WithHTTPClient(hc)).Users.Get(ctx, id)
				return err
			},
		}
	})
}

// TestServer_Inject_everyOperation checks the route table against the
// SDK: a fault named after each method hits that method's request, in
// each of the forms the method sends.
func TestServer_Inject_everyOperation(t *testing.T) {
	srv := classifiedstest.NewServer()
	defer srv.Close()
	ids := srv.AddUsers(3)
	c := srv.Client(classifieds.WithRetryPolicy(classifieds.RetryPolicy{MaxRetries: classifieds.NoRetries}))
	ctx := context.Background()
	fresh, err := c.Users.Create(ctx, newUser(0))
	require.NoError(t, err)
	for _, tc := range []struct {
		op   string
		call func() error
	}{
		{"Users.List", func() error { _, err := c.Users.List(ctx, nil); return err }},
		{"Users.All", func() error {
			for _, err := range c.Users.All(ctx, nil) {
				return err
			}
			return nil
		}},
		{"Users.Get", func() error { _, err := c.Users.Get(ctx, ids[0]); return err }},
		{"Users.Create", func() error { _, err := c.Users.Create(ctx, newUser(1)); return err }},
		{"Users.Update", func() error {
			_, err := c.Users.Update(ctx, ids[0], &classifieds.UserUpdateRequest{FirstName: classifieds.Ptr("Piet")})
			return err
		}},
		{"Users.Delete", func() error { return c.Users.Delete(ctx, ids[1], nil) }},
		{"Users.Delete", func() error { return c.Users.Delete(ctx, ids[2], &classifieds.DeleteOptions{IP: "127.0.0.1"}) }},
		{"Users.GenerateActivation", func() error { _, err := c.Users.GenerateActivation(ctx, fresh.UserID); return err }},
		{"Users.Activate", func() error {
			return c.Users.Activate(ctx, fresh.UserID, srv.ActivationToken(fresh.UserID))
		}},
	} {
		srv.Inject(classifiedstest.Fault{Op: tc.op, Status: http.StatusTeapot})
		err := tc.call()
		var ae *classifieds.APIError
		require.ErrorAs(t, err, &ae, tc.op)
		assert.Equal(t, http.StatusTeapot, ae.StatusCode, tc.op)
		assert.Equal(t, []string{"I'm a teapot (injected for " + tc.op + ")"}, ae.Messages, tc.op)
		assert.NoError(t, tc.call(), "%s: once, then served", tc.op)
	}
	assert.True(t, srv.Activated(fresh.UserID))
	assert.Equal(t, 3, srv.Len(), "the two deletes went through once the faults were used")
}

func TestServer_AddUser_Users(t *testing.T) {
	srv := classifiedstest.NewServer()
	defer srv.Close()
	assert.Empty(t, srv.Users())
	a := srv.AddUser(classifieds.User{FirstName: "Ann", LastName: "Smit", Email: "ann@example.nl"})
	b := srv.AddUser(classifieds.User{UserID: 40, LastName: "Bakker"})
	c := srv.AddUser(classifieds.User{LastName: "Claes"})
	assert.Equal(t, []int64{1, 40, 41}, []int64{a, b, c})

	all := srv.Users()
	require.Len(t, all, 3)
	assert.Equal(t, []string{"Smit", "Bakker", "Claes"}, []string{all[0].LastName, all[1].LastName, all[2].LastName})
	assert.Equal(t, srv.Len(), len(all))
	got, ok := srv.User(a)
	require.True(t, ok)
	assert.Equal(t, all[0], got)

	u, err := srv.Client().Users.Get(context.Background(), b)
	require.NoError(t, err)
	assert.Equal(t, "Bakker", u.LastName, "a seeded user is served")
}
