package clogin_test

import (
	"context"
	"os"
	"testing"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/internal/decodecheck"
	"github.com/userapis/sdk/internal/hostile"
)

// FuzzDecodePath drives the public read and create calls with any status
// and body through the whole transport.
func FuzzDecodePath(f *testing.F) {
	for _, name := range []string{"testdata/login-response.json", "testdata/user-list-response.json",
		"testdata/status-create-response.json", "testdata/set-status-response.json"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for op := range byte(3) {
			f.Add(op, byte(0), b)
		}
	}
	f.Add(byte(0), byte(0), []byte(`{"success":false,"msg":"user not found in this project"}`))
	f.Fuzz(func(t *testing.T, op, st byte, body []byte) {
		status := hostile.FuzzStatus(st)
		c, err := clogin.NewClient(clogin.WithBaseURL("https://api.example.com/reg/api2"),
			clogin.WithCredentials(clogin.Credentials{APIUser: "u", APIToken: "t", APIID: 1}),
			clogin.WithHTTPClient(hostile.Canned(status, body)), clogin.WithRetryPolicy(clogin.RetryPolicy{MaxRetries: clogin.NoRetries}))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		var ok bool
		switch op % 3 {
		case 0:
			var r *clogin.Result
			r, err = c.Users.GetInfo(ctx, &clogin.GetInfoRequest{GroupID: 1, CloginID: 5})
			ok = r != nil
		case 1:
			var p *clogin.UserPage
			p, err = c.Users.List(ctx, &clogin.UserListOptions{GroupID: 1})
			ok = p != nil
		case 2:
			var r *clogin.Result
			r, err = c.Users.Create(ctx, &clogin.CreateRequest{GroupID: 1, Doc: clogin.UserFields{FirstName: "A", LastName: "B", MainEmail: "a@example.com"}})
			ok = r != nil
		}
		decodecheck.Outcome(t, status, ok, err)
	})
}
