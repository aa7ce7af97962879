package clogintest_test

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/clogin/clogintest"
	"github.com/userapis/sdk/internal/fakekit/fakecheck"
)

func TestServer_Inject_suite(t *testing.T) {
	fakecheck.Run(t, func(t *testing.T) fakecheck.Fake {
		srv := clogintest.NewServer()
		t.Cleanup(srv.Close)
		id := srv.AddUser(srv.GroupID, map[string]string{"first_name": "Ada"})
		c := srv.Client(clogin.WithRetryPolicy(fakecheck.Policy))
		var n atomic.Int64
		return fakecheck.Fake{
			Inject: srv.Inject, FailNext: srv.FailNext, Requests: srv.Requests,
			Stored:   func() int { return len(srv.Users(srv.GroupID)) },
			CreateOp: "Users.Create",
			Create: func(ctx context.Context) error {
				_, err := c.Users.Create(ctx, &clogin.CreateRequest{GroupID: srv.GroupID,
					Doc: clogin.UserFields{FirstName: "Bob", MainEmail: fmt.Sprintf("bob%d@example.com", n.Add(1))}})
				return err
			},
			GetOp: "Users.GetInfo",
			Get: func(ctx context.Context, hc *http.Client) error {
				cl := c
				if hc != nil {
					cl = srv.Client(clogin.WithHTTPClient(hc))
				}
				_, err := cl.Users.GetInfo(ctx, &clogin.GetInfoRequest{GroupID: srv.GroupID, CloginID: id})
				return err
			},
		}
	})
}

// TestServer_Inject_everyOperation checks the route table against the
// SDK: a fault named after each method hits that method's action only.
func TestServer_Inject_everyOperation(t *testing.T) {
	srv := clogintest.NewServer()
	defer srv.Close()
	g := srv.GroupID
	parent := srv.SeedFamilies(g, 0)[0]
	product := srv.NewProduct(g, "Camp", "10.00")
	c := srv.Client(clogin.WithRetryPolicy(clogin.RetryPolicy{MaxRetries: clogin.NoRetries}))
	ctx := context.Background()
	var n int
	// Users.Do may send any action: a fault on it hits every call, and
	// a fault on Users.GetInfo hits its get_info.
	everyOp := []string{"Users.Create", "Users.CreateChild", "Users.Login", "Users.Update", "Users.AddProduct",
		"Users.AddEmail", "Users.GetInfo", "Users.SetStatus", "Users.List", "Users.All"}
	fakecheck.Operations(t, srv.Inject, []fakecheck.Call{
		{Op: "Users.Create", Do: func() error {
			n++
			_, err := c.Users.Create(ctx, &clogin.CreateRequest{GroupID: g, Doc: clogin.UserFields{FirstName: "C", MainEmail: fmt.Sprintf("c%d@example.com", n)}})
			return err
		}},
		{Op: "Users.CreateChild", Do: func() error {
			_, err := c.Users.CreateChild(ctx, &clogin.CreateChildRequest{GroupID: g, ConnectedTo: parent, Doc: clogin.UserFields{FirstName: "Kid"}})
			return err
		}},
		{Op: "Users.Login", Do: func() error {
			_, err := c.Users.Login(ctx, &clogin.LoginRequest{GroupID: g, CloginID: parent})
			return err
		}},
		{Op: "Users.Update", Do: func() error {
			_, err := c.Users.Update(ctx, &clogin.UpdateRequest{GroupID: g, CloginID: parent, Fields: map[string]clogin.FieldValue{"city": clogin.Text("Leeds")}})
			return err
		}},
		{Op: "Users.AddProduct", Do: func() error {
			_, err := c.Users.AddProduct(ctx, &clogin.AddProductRequest{GroupID: g, CloginID: parent, ProductList: []clogin.Product{{PID: product, Q: 1}}})
			return err
		}},
		{Op: "Users.AddEmail", Do: func() error {
			_, err := c.Users.AddEmail(ctx, &clogin.AddEmailRequest{GroupID: g, CloginID: parent,
				EmailList: []clogin.Email{{From: "a@example.com", To: "b@example.com", Subject: "s", Body: "b"}}})
			return err
		}},
		{Op: "Users.GetInfo", Do: func() error {
			_, err := c.Users.GetInfo(ctx, &clogin.GetInfoRequest{GroupID: g, CloginID: parent})
			return err
		}},
		{Op: "Users.SetStatus", Do: func() error {
			_, err := c.Users.SetStatus(ctx, &clogin.SetStatusRequest{GroupID: g, CloginID: parent, StatusID: clogintest.StatusAccepted})
			return err
		}},
		{Op: "Users.List", Shares: []string{"Users.All"}, Do: func() error { _, err := c.Users.List(ctx, &clogin.UserListOptions{GroupID: g}); return err }},
		{Op: "Users.All", Do: func() error {
			for _, err := range c.Users.All(ctx, &clogin.UserListOptions{GroupID: g}) {
				return err
			}
			return nil
		}},
		{Op: "Users.Do", Shares: everyOp, Do: func() error {
			_, err := c.Users.Do(ctx, &clogin.Request{Action: "get_info", GroupID: g, CloginID: parent})
			return err
		}},
	})
}

func TestServer_Inject_doMatchesEveryAction(t *testing.T) {
	srv := clogintest.NewServer()
	defer srv.Close()
	id := srv.AddUser(srv.GroupID, nil)
	c := srv.Client(clogin.WithRetryPolicy(clogin.RetryPolicy{MaxRetries: clogin.NoRetries}))
	srv.Inject(clogintest.Fault{Op: "Users.Do", Status: 503, Times: 2})
	_, err := c.Users.Login(context.Background(), &clogin.LoginRequest{GroupID: srv.GroupID, CloginID: id})
	assert.ErrorIs(t, err, clogin.ErrServer)
	_, err = c.Users.Do(context.Background(), &clogin.Request{Action: "no_such_action", GroupID: srv.GroupID})
	assert.ErrorIs(t, err, clogin.ErrServer)
	_, err = c.Users.Login(context.Background(), &clogin.LoginRequest{GroupID: srv.GroupID, CloginID: id})
	assert.NoError(t, err)
}

func TestServer_Inject_status200IsTheVendorsFailure(t *testing.T) {
	srv := clogintest.NewServer()
	defer srv.Close()
	srv.Inject(clogintest.Fault{Op: "Users.Create", Status: http.StatusOK})
	_, err := srv.Client().Users.Create(context.Background(), &clogin.CreateRequest{GroupID: srv.GroupID})
	var ae *clogin.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, http.StatusOK, ae.StatusCode)
	assert.JSONEq(t, `{"success":false,"msg":"OK (injected for Users.Create)"}`, string(ae.Body))
	assert.Empty(t, srv.Users(srv.GroupID))
}

func TestServer_Users(t *testing.T) {
	srv := clogintest.NewServer()
	defer srv.Close()
	assert.Empty(t, srv.Users(srv.GroupID))
	assert.Nil(t, srv.Users(42), "a group id never used")
	p := srv.AddUser(srv.GroupID, map[string]string{"first_name": "Ann"})
	k := srv.AddChild(srv.GroupID, p, map[string]string{"first_name": "Kim"})
	q := srv.AddUser(srv.GroupID, nil)
	all := srv.Users(srv.GroupID)
	require.Len(t, all, 3)
	assert.Equal(t, []int64{p, k, q}, []int64{all[0].CloginID, all[1].CloginID, all[2].CloginID}, "creation order")
	assert.Equal(t, p, all[1].ConnectedTo)
	one, ok := srv.User(srv.GroupID, k)
	require.True(t, ok)
	assert.Equal(t, all[1], one)
	all[0].Fields["first_name"] = "changed"
	one, _ = srv.User(srv.GroupID, p)
	assert.Equal(t, "Ann", one.Fields["first_name"], "snapshots, not the stored users")
}
