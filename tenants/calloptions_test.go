package tenants_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/calltest"
	"github.com/userapis/sdk/tenants"
	"github.com/userapis/sdk/tenants/tenantstest"
)

// Every method takes call options, names itself and its route to the
// hooks, and fills CaptureResponse.
func TestUsers_everyMethod_callOptionsAndHooks(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	var rec calltest.Recorder
	c := srv.Client(tenants.WithHooks(rec.Hooks()))
	ctx := context.Background()
	u := srv.AddUser(srv.Tenant, tenants.User{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"})
	rec.Take()
	search, user := "/tenants/{tenant}/users/search", "/tenants/{tenant}/users/{user_id}"
	cases := []struct {
		op, method, route string
		safe              bool
		call              func(opts ...tenants.CallOption) error
		before            []string // the calls this one makes first
	}{
		{"Users.Search", "GET", search, true, func(o ...tenants.CallOption) error {
			_, err := c.Users.Search(ctx, &tenants.UserSearchOptions{Email: "ada@example.com"}, o...)
			return err
		}, nil},
		{"Users.Get", "GET", search, true, func(o ...tenants.CallOption) error { _, err := c.Users.Get(ctx, u.ID, o...); return err }, nil},
		{"Users.Create", "POST", "/tenants/{tenant}/users", false, func(o ...tenants.CallOption) error {
			_, err := c.Users.Create(ctx, &tenants.UserCreateRequest{FirstName: "Grace", LastName: "Hopper", Email: "grace@example.com"}, o...)
			return err
		}, nil},
		{"Users.Update", "PUT", user, true, func(o ...tenants.CallOption) error {
			_, err := c.Users.Update(ctx, u.ID, &tenants.UserUpdateRequest{PreferredName: tenants.Ptr("Countess")}, o...)
			return err
		}, []string{"Users.Get"}},
		{"Users.Deactivate", "DELETE", user, true, func(o ...tenants.CallOption) error { return c.Users.Deactivate(ctx, u.ID, o...) }, nil},
	}
	for _, tc := range cases {
		t.Run(tc.op, func(t *testing.T) {
			var info tenants.ResponseInfo
			require.NoError(t, tc.call(tenants.CaptureResponse(&info), tenants.WithCallHeader("X-Trace", "t-1")))
			calls, attempts, dones := rec.Take()
			n := len(tc.before)
			require.Len(t, calls, n+1)
			for i, op := range tc.before {
				assert.Equal(t, op, calls[i].Operation, "the call named as its own method, with the same options")
			}
			assert.Equal(t, tenants.CallInfo{API: "tenants", Operation: tc.op, Method: tc.method, Route: tc.route, Safe: tc.safe}, calls[n])
			require.Len(t, attempts, n+1, "one attempt, one OnAttempt, per request")
			assert.Equal(t, calls[n], attempts[n].CallInfo)
			assert.Equal(t, make([]error, n+1), dones)
			assert.Contains(t, []int{200, 201, 204}, info.StatusCode)
			assert.Equal(t, 1, info.Attempts)
		})
	}
}

func TestUsers_CaptureResponse_onAPIErrorAndTransportError(t *testing.T) {
	srv := tenantstest.NewServer()
	c := srv.Client(tenants.WithRetryPolicy(tenants.RetryPolicy{MaxRetries: tenants.NoRetries}))
	var missing tenants.ResponseInfo
	_, err := c.Users.Get(context.Background(), 4242, tenants.CaptureResponse(&missing))
	require.ErrorIs(t, err, tenants.ErrNotFound)
	assert.Equal(t, 404, missing.StatusCode)
	assert.NotNil(t, missing.Header)
	assert.Equal(t, 1, missing.Attempts)

	srv.Close()
	c = srv.Client(tenants.WithRetryPolicy(tenants.RetryPolicy{MaxRetries: tenants.NoRetries}))
	var down tenants.ResponseInfo
	_, err = c.Users.Get(context.Background(), 1, tenants.CaptureResponse(&down))
	require.Error(t, err)
	assert.Zero(t, down.StatusCode)
	assert.Zero(t, down.Attempts)
	assert.Positive(t, down.Duration)
}
