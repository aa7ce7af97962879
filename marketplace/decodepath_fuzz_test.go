package marketplace_test

import (
	"context"
	"os"
	"testing"

	"github.com/userapis/sdk/internal/decodecheck"
	"github.com/userapis/sdk/internal/hostile"
	"github.com/userapis/sdk/marketplace"
)

// FuzzDecodePath drives the public read and create calls with any status
// and body through the whole transport.
func FuzzDecodePath(f *testing.F) {
	for _, name := range []string{"testdata/user.json", "testdata/users_list.json", "testdata/broadband_entry.json"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for op := range byte(4) {
			f.Add(op, byte(0), b)
		}
	}
	f.Add(byte(0), byte(11), []byte(`{"detail":[{"loc":["body","email"],"msg":"field required"}]}`))
	f.Add(byte(1), byte(2), []byte(`{"items":[null,{"id":"u_1"}],"total":null,"page":null,"size":"50"}`))
	f.Fuzz(func(t *testing.T, op, st byte, body []byte) {
		status := hostile.FuzzStatus(st)
		c, err := marketplace.NewClient(marketplace.WithBaseURL("https://api.example.com"), marketplace.WithAPIKey("k"),
			marketplace.WithHTTPClient(hostile.Canned(status, body)), marketplace.WithRetryPolicy(marketplace.RetryPolicy{MaxRetries: marketplace.NoRetries}))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		var ok bool
		switch op % 4 {
		case 0:
			var u *marketplace.User
			u, err = c.Users.Get(ctx, "u_1")
			ok = u != nil
		case 1:
			var p *marketplace.UserPage
			p, err = c.Users.List(ctx, nil)
			ok = p != nil
		case 2:
			var u *marketplace.User
			u, err = c.Users.Create(ctx, &marketplace.UserCreateRequest{FirstName: "A", Surname: "B", Email: "a@example.com"})
			ok = u != nil
		case 3:
			var e *marketplace.BroadbandEntry
			e, err = c.Broadband.Get(ctx, "u_1")
			ok = e != nil
		}
		decodecheck.Outcome(t, status, ok, err)
	})
}
