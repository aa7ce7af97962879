package tenants_test

import (
	"context"
	"os"
	"testing"

	"github.com/userapis/sdk/internal/decodecheck"
	"github.com/userapis/sdk/internal/hostile"
	"github.com/userapis/sdk/tenants"
)

// FuzzDecodePath drives the public read and create calls with any status
// and body through the whole transport.
func FuzzDecodePath(f *testing.F) {
	b, err := os.ReadFile("testdata/user.json")
	if err != nil {
		f.Fatal(err)
	}
	for op := range byte(3) {
		f.Add(op, byte(0), b)
	}
	f.Add(byte(2), byte(6), []byte(`{"Message":"The request is invalid.","ModelState":{"user.email":["The Email field is required."]}}`))
	f.Add(byte(0), byte(0), []byte(`[]`))
	f.Fuzz(func(t *testing.T, op, st byte, body []byte) {
		status := hostile.FuzzStatus(st)
		c, err := tenants.NewClient(tenants.WithTenant("acme"), tenants.WithToken("t"), tenants.WithBaseURL("https://acme.example.com/api/1.0"),
			tenants.WithHTTPClient(hostile.Canned(status, body)), tenants.WithRetryPolicy(tenants.RetryPolicy{MaxRetries: tenants.NoRetries}))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		var u *tenants.User
		switch op % 3 {
		case 0:
			u, err = c.Users.Get(ctx, 7)
		case 1:
			u, err = c.Users.Search(ctx, &tenants.UserSearchOptions{Email: "a@example.com"})
		case 2:
			u, err = c.Users.Create(ctx, &tenants.UserCreateRequest{FirstName: "A", LastName: "B", Email: "a@example.com"})
		}
		decodecheck.Outcome(t, status, u != nil, err)
	})
}
