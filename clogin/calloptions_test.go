package clogin_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/clogin/clogintest"
	"github.com/userapis/sdk/internal/calltest"
)

// Every method takes call options, names itself and its route to the
// hooks, and fills CaptureResponse.
func TestUsers_everyMethod_callOptionsAndHooks(t *testing.T) {
	srv := clogintest.NewServer()
	defer srv.Close()
	var rec calltest.Recorder
	c := srv.Client(clogin.WithHooks(rec.Hooks()))
	ctx := context.Background()
	g := srv.GroupID
	ids := srv.SeedFamilies(g, 1)
	parent := ids[0]
	camp := srv.NewProduct(g, "Camp", "100.00")
	rec.Take()
	fields := clogin.UserFields{FirstName: "Ada", LastName: "Lovelace", MainEmail: "ada@example.com"}
	mail := clogin.Email{From: "a@example.com", To: "b@example.com", Subject: "Hi", Body: "<p>Hi</p>"}
	cases := []struct {
		op   string
		safe bool
		call func(opts ...clogin.CallOption) error
	}{
		{"Users.Create", false, func(o ...clogin.CallOption) error {
			_, err := c.Users.Create(ctx, &clogin.CreateRequest{GroupID: g, Doc: fields}, o...)
			return err
		}},
		{"Users.CreateChild", false, func(o ...clogin.CallOption) error {
			_, err := c.Users.CreateChild(ctx, &clogin.CreateChildRequest{GroupID: g, ConnectedTo: parent, Doc: clogin.UserFields{FirstName: "Byron"}}, o...)
			return err
		}},
		{"Users.Login", true, func(o ...clogin.CallOption) error {
			_, err := c.Users.Login(ctx, &clogin.LoginRequest{GroupID: g, CloginID: parent}, o...)
			return err
		}},
		{"Users.Update", false, func(o ...clogin.CallOption) error {
			_, err := c.Users.Update(ctx, &clogin.UpdateRequest{GroupID: g, CloginID: parent, Fields: map[string]clogin.FieldValue{"city": clogin.Text("Delft")}}, o...)
			return err
		}},
		{"Users.AddProduct", false, func(o ...clogin.CallOption) error {
			_, err := c.Users.AddProduct(ctx, &clogin.AddProductRequest{GroupID: g, CloginID: parent, ProductList: []clogin.Product{{PID: camp, Q: 1}}}, o...)
			return err
		}},
		{"Users.AddEmail", false, func(o ...clogin.CallOption) error {
			_, err := c.Users.AddEmail(ctx, &clogin.AddEmailRequest{GroupID: g, CloginID: parent, EmailList: []clogin.Email{mail}}, o...)
			return err
		}},
		{"Users.GetInfo", true, func(o ...clogin.CallOption) error {
			_, err := c.Users.GetInfo(ctx, &clogin.GetInfoRequest{GroupID: g, CloginID: parent}, o...)
			return err
		}},
		{"Users.SetStatus", false, func(o ...clogin.CallOption) error {
			_, err := c.Users.SetStatus(ctx, &clogin.SetStatusRequest{GroupID: g, CloginID: parent, StatusID: clogintest.StatusAccepted}, o...)
			return err
		}},
		{"Users.List", true, func(o ...clogin.CallOption) error {
			_, err := c.Users.List(ctx, &clogin.UserListOptions{GroupID: g}, o...)
			return err
		}},
		{"Users.Do", true, func(o ...clogin.CallOption) error {
			_, err := c.Users.Do(ctx, &clogin.Request{Action: "get_info", GroupID: g, CloginID: parent}, o...)
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.op, func(t *testing.T) {
			var info clogin.ResponseInfo
			require.NoError(t, tc.call(clogin.CaptureResponse(&info), clogin.WithCallHeader("X-Trace", "t-1")))
			calls, attempts, dones := rec.Take()
			require.Len(t, calls, 1)
			assert.Equal(t, clogin.CallInfo{API: "clogin", Operation: tc.op, Method: "POST", Route: "/users/", Safe: tc.safe}, calls[0])
			require.Len(t, attempts, 1, "one attempt, one OnAttempt")
			assert.Equal(t, calls[0], attempts[0].CallInfo)
			assert.Equal(t, []error{nil}, dones)
			assert.Equal(t, 200, info.StatusCode)
			assert.Equal(t, 1, info.Attempts)
		})
	}
	for _, err := range c.Users.All(ctx, &clogin.UserListOptions{GroupID: g}, clogin.WithCallHeader("X-Trace", "t-2")) {
		require.NoError(t, err)
	}
	calls, _, _ := rec.Take()
	require.NotEmpty(t, calls)
	assert.Equal(t, "Users.List", calls[0].Operation, "All's pages are List calls")
}

func TestUsers_CaptureResponse_onAPIErrorAndTransportError(t *testing.T) {
	srv := clogintest.NewServer()
	c := srv.Client(clogin.WithRetryPolicy(clogin.RetryPolicy{MaxRetries: clogin.NoRetries}))
	var missing clogin.ResponseInfo
	_, err := c.Users.GetInfo(context.Background(), &clogin.GetInfoRequest{GroupID: srv.GroupID, CloginID: 424242}, clogin.CaptureResponse(&missing))
	var apiErr *clogin.APIError
	require.ErrorAs(t, err, &apiErr, "success:false at HTTP 200")
	assert.Equal(t, 200, missing.StatusCode)
	assert.NotNil(t, missing.Header)
	assert.Equal(t, 1, missing.Attempts)

	srv.Close()
	c = srv.Client(clogin.WithRetryPolicy(clogin.RetryPolicy{MaxRetries: clogin.NoRetries}))
	var down clogin.ResponseInfo
	_, err = c.Users.GetInfo(context.Background(), &clogin.GetInfoRequest{GroupID: srv.GroupID, CloginID: 1}, clogin.CaptureResponse(&down))
	require.Error(t, err)
	assert.Zero(t, down.StatusCode)
	assert.Zero(t, down.Attempts)
	assert.Positive(t, down.Duration)
}
