package marketplace_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/calltest"
	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/marketplace/marketplacetest"
)

// Every method takes call options, names itself and its route to the
// hooks, and fills CaptureResponse.
func TestUsers_everyMethod_callOptionsAndHooks(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	var rec calltest.Recorder
	c := srv.Client(marketplace.WithHooks(rec.Hooks()))
	ctx := context.Background()
	id := srv.AddUser(marketplace.User{FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com"})
	_, err := c.Broadband.Create(ctx, &marketplace.BroadbandCreateRequest{CPUserID: id, Provider: marketplace.Ptr("FibreCo")})
	require.NoError(t, err)
	rec.Take()
	cases := []struct {
		op, method, route string
		safe              bool
		call              func(opts ...marketplace.CallOption) error
	}{
		{"Users.List", "GET", "/users", true, func(o ...marketplace.CallOption) error { _, err := c.Users.List(ctx, nil, o...); return err }},
		{"Users.Get", "GET", "/users/{user_id}", true, func(o ...marketplace.CallOption) error { _, err := c.Users.Get(ctx, id, o...); return err }},
		{"Users.Create", "POST", "/users", false, func(o ...marketplace.CallOption) error {
			_, err := c.Users.Create(ctx, &marketplace.UserCreateRequest{FirstName: "Grace", Surname: "Hopper", Email: "grace@example.com"}, o...)
			return err
		}},
		{"Users.Update", "POST", "/users/{user_id}", true, func(o ...marketplace.CallOption) error {
			_, err := c.Users.Update(ctx, id, &marketplace.UserUpdateRequest{Visits: marketplace.Ptr(2)}, o...)
			return err
		}},
		{"Broadband.Create", "POST", "/users/broadband", false, func(o ...marketplace.CallOption) error {
			other := srv.AddUser(marketplace.User{FirstName: "Alan", Surname: "Turing", Email: "alan@example.com"})
			_, err := c.Broadband.Create(ctx, &marketplace.BroadbandCreateRequest{CPUserID: other, Provider: marketplace.Ptr("FibreCo")}, o...)
			return err
		}},
		{"Broadband.Get", "GET", "/users/broadband/{cp_user_id}", true, func(o ...marketplace.CallOption) error {
			_, err := c.Broadband.Get(ctx, id, o...)
			return err
		}},
		{"Broadband.Update", "POST", "/users/broadband/{cp_user_id}", true, func(o ...marketplace.CallOption) error {
			_, err := c.Broadband.Update(ctx, id, &marketplace.BroadbandUpdateRequest{Provider: marketplace.Ptr("CopperCo")}, o...)
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.op, func(t *testing.T) {
			var info marketplace.ResponseInfo
			require.NoError(t, tc.call(marketplace.CaptureResponse(&info), marketplace.WithCallHeader("X-Trace", "t-1")))
			calls, attempts, dones := rec.Take()
			require.Len(t, calls, 1)
			assert.Equal(t, marketplace.CallInfo{API: "marketplace", Operation: tc.op, Method: tc.method, Route: tc.route, Safe: tc.safe}, calls[0])
			require.Len(t, attempts, 1, "one attempt, one OnAttempt")
			assert.Equal(t, calls[0], attempts[0].CallInfo)
			assert.Equal(t, []error{nil}, dones)
			assert.Contains(t, []int{200, 201}, info.StatusCode)
			assert.Equal(t, 1, info.Attempts)

			sent := srv.Requests()
			err := tc.call(marketplace.WithCallHeader("X-Trace", "a\nb"))
			var ve *marketplace.ValidationError
			require.ErrorAs(t, err, &ve, "a header net/http would not send is bad input")
			assert.Equal(t, "marketplace: "+tc.op, ve.Op)
			assert.Equal(t, `value contains a control character (a line break, NUL or DEL)`, ve.Field(`WithCallHeader "X-Trace"`))
			assert.Equal(t, sent, srv.Requests(), "nothing was sent")
			rec.Take()
		})
	}
	for _, err := range c.Users.All(ctx, nil, marketplace.WithCallHeader("X-Trace", "t-2")) {
		require.NoError(t, err)
	}
	calls, _, _ := rec.Take()
	require.NotEmpty(t, calls)
	assert.Equal(t, "Users.List", calls[0].Operation, "All's pages are List calls")
}

func TestUsers_CaptureResponse_onAPIErrorAndTransportError(t *testing.T) {
	srv := marketplacetest.NewServer()
	c := srv.Client(marketplace.WithRetryPolicy(marketplace.RetryPolicy{MaxRetries: marketplace.NoRetries}))
	var missing marketplace.ResponseInfo
	_, err := c.Users.Get(context.Background(), "u_404", marketplace.CaptureResponse(&missing))
	require.ErrorIs(t, err, marketplace.ErrNotFound)
	assert.Equal(t, 404, missing.StatusCode)
	assert.NotNil(t, missing.Header)
	assert.Equal(t, 1, missing.Attempts)

	srv.Close()
	c = srv.Client(marketplace.WithRetryPolicy(marketplace.RetryPolicy{MaxRetries: marketplace.NoRetries}))
	var down marketplace.ResponseInfo
	_, err = c.Users.Get(context.Background(), "u_1", marketplace.CaptureResponse(&down))
	require.Error(t, err)
	assert.Zero(t, down.StatusCode)
	assert.Zero(t, down.Attempts)
	assert.Positive(t, down.Duration)
}
