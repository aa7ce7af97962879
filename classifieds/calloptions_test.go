package classifieds_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/classifieds"
	"github.com/userapis/sdk/classifieds/classifiedstest"
	"github.com/userapis/sdk/internal/calltest"
)

func newCreate(email string) *classifieds.UserCreateRequest {
	return &classifieds.UserCreateRequest{CompanyName: "Bedrijf", LastName: "Achternaam", PostalCode: "2818 AA",
		City: "Zoetermeer", Country: classifieds.Ptr("NL"), Email: email, Cellular: "06-12345678"}
}

// Every method takes call options, names itself and its route to the
// hooks, and fills CaptureResponse.
func TestUsers_everyMethod_callOptionsAndHooks(t *testing.T) {
	srv := classifiedstest.NewServer()
	defer srv.Close()
	var rec calltest.Recorder
	c := srv.Client(classifieds.WithHooks(rec.Hooks()))
	ctx := context.Background()
	u, err := c.Users.Create(ctx, newCreate("seed@example.nl"))
	require.NoError(t, err)
	rec.Take()

	cases := []struct {
		op, method, route string
		call              func(opts ...classifieds.CallOption) error
	}{
		{"Users.List", "GET", "/users/", func(o ...classifieds.CallOption) error { _, err := c.Users.List(ctx, nil, o...); return err }},
		{"Users.Get", "GET", "/users/{id}/", func(o ...classifieds.CallOption) error { _, err := c.Users.Get(ctx, u.UserID, o...); return err }},
		{"Users.Create", "POST", "/users/", func(o ...classifieds.CallOption) error {
			_, err := c.Users.Create(ctx, newCreate("new@example.nl"), o...)
			return err
		}},
		{"Users.Update", "PUT", "/users/", func(o ...classifieds.CallOption) error {
			_, err := c.Users.Update(ctx, u.UserID, &classifieds.UserUpdateRequest{City: classifieds.Ptr("Delft")}, o...)
			return err
		}},
		{"Users.Activate", "POST", "/user/activate/", func(o ...classifieds.CallOption) error {
			return c.Users.Activate(ctx, u.UserID, u.Activation.ActivationToken, o...)
		}},
		{"Users.GenerateActivation", "POST", "/user/activate/generate/", func(o ...classifieds.CallOption) error {
			_, err := c.Users.GenerateActivation(ctx, u.UserID, o...)
			return err
		}},
		{"Users.Delete", "DELETE", "/users/{id}/", func(o ...classifieds.CallOption) error { return c.Users.Delete(ctx, u.UserID, nil, o...) }},
	}
	for _, tc := range cases {
		t.Run(tc.op, func(t *testing.T) {
			var info classifieds.ResponseInfo
			require.NoError(t, tc.call(classifieds.CaptureResponse(&info), classifieds.WithCallHeader("X-Trace", "t-1")))
			calls, attempts, dones := rec.Take()
			require.Len(t, calls, 1)
			assert.Equal(t, classifieds.CallInfo{API: "classifieds", Operation: tc.op, Method: tc.method, Route: tc.route,
				Safe: tc.method != "POST"}, calls[0])
			require.Len(t, attempts, 1, "one attempt, one OnAttempt")
			assert.Equal(t, calls[0], attempts[0].CallInfo)
			assert.Equal(t, []error{nil}, dones)
			assert.Equal(t, http.StatusOK, info.StatusCode)
			assert.Equal(t, 1, info.Attempts)
			assert.Positive(t, info.Duration)
		})
	}
	var all int
	for _, err := range c.Users.All(ctx, nil, classifieds.WithCallHeader("X-Trace", "t-2")) {
		require.NoError(t, err)
		all++
	}
	calls, _, _ := rec.Take()
	require.NotEmpty(t, calls)
	assert.Equal(t, "Users.List", calls[0].Operation, "All's pages are List calls")
}

func TestUsers_CaptureResponse_onAPIErrorAndTransportError(t *testing.T) {
	srv := classifiedstest.NewServer()
	c := srv.Client(classifieds.WithRetryPolicy(classifieds.RetryPolicy{MaxRetries: classifieds.NoRetries}))
	var missing classifieds.ResponseInfo
	_, err := c.Users.Get(context.Background(), 999, classifieds.CaptureResponse(&missing))
	require.ErrorIs(t, err, classifieds.ErrNotFound)
	assert.NotZero(t, missing.StatusCode)
	assert.NotNil(t, missing.Header)
	assert.Equal(t, 1, missing.Attempts)

	srv.Close()
	// A client with no pooled connection: every dial is refused, nothing
	// is written.
	c = srv.Client(classifieds.WithRetryPolicy(classifieds.RetryPolicy{MaxRetries: classifieds.NoRetries}))
	var down classifieds.ResponseInfo
	_, err = c.Users.Get(context.Background(), 1, classifieds.CaptureResponse(&down))
	require.Error(t, err)
	assert.Zero(t, down.StatusCode)
	assert.Zero(t, down.Attempts)
	assert.Positive(t, down.Duration)
}
