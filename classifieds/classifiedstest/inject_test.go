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
			Get: func(ctx context.Context, hc *http.Client) error {
				cl := c
				if hc != nil {
					cl = srv.Client(classifieds.WithHTTPClient(hc))
				}
				_, err := cl.Users.Get(ctx, id)
				return err
			},
		}
	})
}

// TestServer_Inject_everyOperation checks the route table against the
// SDK: a fault named after each method hits that method's request only,
// in each of the forms the method sends.
func TestServer_Inject_everyOperation(t *testing.T) {
	srv := classifiedstest.NewServer()
	defer srv.Close()
	c := srv.Client(classifieds.WithRetryPolicy(classifieds.RetryPolicy{MaxRetries: classifieds.NoRetries}))
	ctx := context.Background()
	// Deletes, activations and generated tokens use a user up: each call
	// takes the next one of a pool.
	var fresh []int64
	for i := range 40 {
		u, err := c.Users.Create(ctx, newUser(int64(1000+i)))
		require.NoError(t, err)
		fresh = append(fresh, u.UserID)
	}
	next := func() int64 { id := fresh[0]; fresh = fresh[1:]; return id }
	ids := srv.AddUsers(1)
	n := int64(0)
	fakecheck.Operations(t, srv.Inject, []fakecheck.Call{
		{Op: "Users.List", Shares: []string{"Users.All"}, Do: func() error { _, err := c.Users.List(ctx, nil); return err }},
		{Op: "Users.All", Do: func() error {
			for _, err := range c.Users.All(ctx, nil) {
				return err
			}
			return nil
		}},
		{Op: "Users.Get", Do: func() error { _, err := c.Users.Get(ctx, ids[0]); return err }},
		{Op: "Users.Create", Do: func() error { n++; _, err := c.Users.Create(ctx, newUser(n)); return err }},
		{Op: "Users.Update", Do: func() error {
			_, err := c.Users.Update(ctx, ids[0], &classifieds.UserUpdateRequest{FirstName: classifieds.Ptr("Piet")})
			return err
		}},
		{Op: "Users.Delete", Do: func() error { return c.Users.Delete(ctx, next(), nil) }},
		{Op: "Users.Delete", Do: func() error { return c.Users.Delete(ctx, next(), &classifieds.DeleteOptions{IP: "127.0.0.1"}) }},
		{Op: "Users.GenerateActivation", Do: func() error { _, err := c.Users.GenerateActivation(ctx, next()); return err }},
		{Op: "Users.Activate", Do: func() error {
			id := next()
			return c.Users.Activate(ctx, id, srv.ActivationToken(id))
		}},
	})
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
