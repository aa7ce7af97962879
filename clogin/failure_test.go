package clogin_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/clogin/clogintest"
)

// TestUsers_failureKind_table: a success:false body at HTTP 200 matches
// the sentinel its message names, whatever its case or wording, from the
// result and the list envelope alike, and keeps status 200 and the
// message.
func TestUsers_failureKind_table(t *testing.T) {
	sentinels := []error{clogin.ErrNotFound, clogin.ErrConflict}
	for _, tc := range []struct {
		body string
		want error // nil: neither
	}{
		{`{"success":false,"msg":"user not found in this project"}`, clogin.ErrNotFound},
		{`{"success":false,"msg":"User does not exist"}`, clogin.ErrNotFound},
		{`{"success":false,"msg":"USER DOESN'T EXIST"}`, clogin.ErrNotFound},
		{`{"success":false,"msg":"Clogin ID not found"}`, clogin.ErrNotFound},
		{`{"success":false,"msg":"clogin_id is not a user of this organization"}`, clogin.ErrNotFound},
		{`{"success":false,"msg":"Unknown user"}`, clogin.ErrNotFound},
		{`{"success":false,"message":"No such user"}`, clogin.ErrNotFound},
		{`{"success":false,"msg":"product 101 not found"}`, clogin.ErrNotFound},
		{`{"success":false,"errors":["Status not found"]}`, clogin.ErrNotFound},
		{`{"success":false,"msg":"username already exists"}`, clogin.ErrConflict},
		{`{"success":false,"msg":"User already exists in this project"}`, clogin.ErrConflict},
		{`{"success":false,"msg":"connected_to does not match the user's family"}`, nil},
		{`{"success":false,"msg":"group_id is required"}`, nil},
		{`{"success":false}`, nil},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, tc.body)
		}))
		c, err := clogin.NewClient(clogin.WithBaseURL(srv.URL), clogin.WithCredentials(clogin.Credentials{APIUser: "u", APIToken: "t", APIID: 1}))
		require.NoError(t, err)
		_, errInfo := c.Users.GetInfo(context.Background(), &clogin.GetInfoRequest{GroupID: 7, CloginID: 9})
		_, errList := c.Users.List(context.Background(), &clogin.UserListOptions{GroupID: 7})
		srv.Close()
		for name, err := range map[string]error{"result": errInfo, "list": errList} {
			var ae *clogin.APIError
			require.ErrorAs(t, err, &ae, tc.body)
			assert.Equal(t, http.StatusOK, ae.StatusCode, tc.body)
			assert.NotEmpty(t, ae.Messages, tc.body)
			for _, s := range sentinels {
				assert.Equal(t, s == tc.want, ae.Is(s), fmt.Sprintf("%s %s: %v", name, tc.body, s))
			}
		}
	}
}

// TestUsers_notFound_fromFake: the fake's "not found" answers, in its own
// wording and the other (WithQuirks), match ErrNotFound through every
// action that names a user, and an existing user matches ErrConflict.
func TestUsers_notFound_fromFake(t *testing.T) {
	for _, quirks := range []bool{false, true} {
		t.Run(fmt.Sprint("quirks=", quirks), func(t *testing.T) {
			var opts []clogintest.ServerOption
			if quirks {
				opts = append(opts, clogintest.WithQuirks())
			}
			srv := clogintest.NewServer(opts...)
			defer srv.Close()
			c, ctx := fastClient(t, srv), context.Background()
			g := srv.GroupID
			_, err := c.Users.GetInfo(ctx, &clogin.GetInfoRequest{GroupID: g, CloginID: 42})
			assertNotFound(t, err)
			_, err = c.Users.Login(ctx, &clogin.LoginRequest{GroupID: g, CloginID: 42})
			assertNotFound(t, err)
			_, err = c.Users.SetStatus(ctx, &clogin.SetStatusRequest{GroupID: g, CloginID: 42, StatusID: 0})
			assertNotFound(t, err)
			_, err = c.Users.Create(ctx, &clogin.CreateRequest{GroupID: g, CloginID: 42})
			assertNotFound(t, err) // a clogin id the organization does not know
			_, err = c.Users.AddProduct(ctx, &clogin.AddProductRequest{GroupID: g, CloginID: 42,
				ProductList: []clogin.Product{{Name: "T-shirt", Q: 1}}})
			assertNotFound(t, err)

			id := srv.AddUser(g, map[string]string{"first_name": "Ada"})
			_, err = c.Users.Create(ctx, &clogin.CreateRequest{GroupID: g, CloginID: id})
			assert.ErrorIs(t, err, clogin.ErrConflict)
			assert.NotErrorIs(t, err, clogin.ErrNotFound)
			_, err = c.Users.GetInfo(ctx, &clogin.GetInfoRequest{GroupID: g, CloginID: id})
			assert.NoError(t, err)
		})
	}
}

func assertNotFound(t *testing.T, err error) {
	t.Helper()
	var ae *clogin.APIError
	require.ErrorAs(t, err, &ae)
	assert.ErrorIs(t, err, clogin.ErrNotFound)
	assert.Equal(t, http.StatusOK, ae.StatusCode, "the status stays what the server sent")
	require.Len(t, ae.Messages, 1)
	assert.Contains(t, []string{"user not found in this project", "User does not exist",
		"clogin_id is not a user of this organization", "Clogin ID not found"}, ae.Messages[0])
}
