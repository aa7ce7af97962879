package classifieds_test

import (
	"context"
	"os"
	"testing"

	"github.com/userapis/sdk/classifieds"
	"github.com/userapis/sdk/internal/decodecheck"
	"github.com/userapis/sdk/internal/hostile"
)

// FuzzDecodePath drives the public read and create calls with any status
// and body through the whole transport.
func FuzzDecodePath(f *testing.F) {
	for _, name := range []string{"testdata/create_response.repaired.json", "testdata/list_response.repaired.json",
		"testdata/generate_response.json", "testdata/list_response.verbatim.json"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for op := range byte(4) {
			f.Add(op, byte(0), b)
		}
	}
	f.Add(byte(0), byte(0), []byte(`{"result":false,"errors":["invalid"],"data":false}`))
	f.Add(byte(1), byte(0), []byte(`{"result":true,"errors":"","data":[],"totalInSet":"0"}`))
	f.Fuzz(func(t *testing.T, op, st byte, body []byte) {
		status := hostile.FuzzStatus(st)
		c, err := classifieds.NewClient(classifieds.WithBaseURL("https://api.example.com/rest/v1"), classifieds.WithAPIKey("k"),
			classifieds.WithHTTPClient(hostile.Canned(status, body)), classifieds.WithRetryPolicy(classifieds.RetryPolicy{MaxRetries: classifieds.NoRetries}))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		var ok bool
		switch op % 4 {
		case 0:
			var u *classifieds.User
			u, err = c.Users.Get(ctx, 1)
			ok = u != nil
		case 1:
			var p *classifieds.UserPage
			p, err = c.Users.List(ctx, nil)
			ok = p != nil
		case 2:
			var u *classifieds.User
			u, err = c.Users.Create(ctx, &classifieds.UserCreateRequest{CompanyName: "Bedrijf", LastName: "Achternaam",
				PostalCode: "2818 AA", City: "Zoetermeer", Country: classifieds.Ptr("NL"), Email: "info@test.nl", Cellular: "06-12345678"})
			ok = u != nil
		case 3:
			var a *classifieds.Activation
			a, err = c.Users.GenerateActivation(ctx, 1)
			ok = a != nil
		}
		decodecheck.Outcome(t, status, ok, err)
	})
}
