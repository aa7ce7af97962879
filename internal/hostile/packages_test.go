package hostile_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/classifieds"
	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/internal/hostile"
	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/tenants"
)

// unsafeCall is one operation of the SDK that must never be sent twice.
type unsafeCall struct {
	name string
	call func(ctx context.Context, base string, hc *http.Client) error
}

// unsafeCalls lists every operation of the four packages that is not
// safe to repeat, each with valid input.
func unsafeCalls(t *testing.T) []unsafeCall {
	mkt := func(base string, hc *http.Client) *marketplace.Client {
		c, err := marketplace.NewClient(marketplace.WithBaseURL(base), marketplace.WithAPIKey("k"), marketplace.WithHTTPClient(hc))
		require.NoError(t, err)
		return c
	}
	ten := func(base string, hc *http.Client) *tenants.Client {
		c, err := tenants.NewClient(tenants.WithTenant("acme"), tenants.WithToken("t"), tenants.WithBaseURL(base), tenants.WithHTTPClient(hc))
		require.NoError(t, err)
		return c
	}
	cls := func(base string, hc *http.Client) *classifieds.Client {
		c, err := classifieds.NewClient(classifieds.WithBaseURL(base), classifieds.WithAPIKey("k"), classifieds.WithHTTPClient(hc))
		require.NoError(t, err)
		return c
	}
	clg := func(base string, hc *http.Client) *clogin.Client {
		c, err := clogin.NewClient(clogin.WithBaseURL(base), clogin.WithCredentials(clogin.Credentials{APIUser: "u", APIToken: "t", APIID: 1}), clogin.WithHTTPClient(hc))
		require.NoError(t, err)
		return c
	}
	return []unsafeCall{
		{"marketplace Users.Create", func(ctx context.Context, base string, hc *http.Client) error {
			_, err := mkt(base, hc).Users.Create(ctx, &marketplace.UserCreateRequest{FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com"})
			return err
		}},
		{"marketplace Broadband.Create", func(ctx context.Context, base string, hc *http.Client) error {
			_, err := mkt(base, hc).Broadband.Create(ctx, &marketplace.BroadbandCreateRequest{CPUserID: "u_1", Provider: marketplace.Ptr("FibreCo")})
			return err
		}},
		{"tenants Users.Create", func(ctx context.Context, base string, hc *http.Client) error {
			_, err := ten(base, hc).Users.Create(ctx, &tenants.UserCreateRequest{FirstName: "Grace", LastName: "Hopper", Email: "grace@example.com"})
			return err
		}},
		{"classifieds Users.Create", func(ctx context.Context, base string, hc *http.Client) error {
			_, err := cls(base, hc).Users.Create(ctx, &classifieds.UserCreateRequest{CompanyName: "Bedrijf", LastName: "Achternaam",
				PostalCode: "2818 AA", City: "Zoetermeer", Country: classifieds.Ptr("NL"), Email: "info@test.nl", Cellular: "06-12345678"})
			return err
		}},
		{"classifieds Users.Activate", func(ctx context.Context, base string, hc *http.Client) error {
			return cls(base, hc).Users.Activate(ctx, 7, "0123456789abcdef0123456789abcdef")
		}},
		{"classifieds Users.GenerateActivation", func(ctx context.Context, base string, hc *http.Client) error {
			_, err := cls(base, hc).Users.GenerateActivation(ctx, 7)
			return err
		}},
		{"clogin Users.Create", func(ctx context.Context, base string, hc *http.Client) error {
			_, err := clg(base, hc).Users.Create(ctx, &clogin.CreateRequest{GroupID: 1, Doc: clogin.UserFields{FirstName: "Ada", LastName: "Lovelace", MainEmail: "ada@example.com"}})
			return err
		}},
		{"clogin Users.CreateChild", func(ctx context.Context, base string, hc *http.Client) error {
			_, err := clg(base, hc).Users.CreateChild(ctx, &clogin.CreateChildRequest{GroupID: 1, ConnectedTo: 5, Doc: clogin.UserFields{FirstName: "Byron"}})
			return err
		}},
		{"clogin Users.Update", func(ctx context.Context, base string, hc *http.Client) error {
			_, err := clg(base, hc).Users.Update(ctx, &clogin.UpdateRequest{GroupID: 1, CloginID: 5, Fields: map[string]clogin.FieldValue{"city": clogin.Text("Delft")}})
			return err
		}},
		{"clogin Users.AddProduct", func(ctx context.Context, base string, hc *http.Client) error {
			_, err := clg(base, hc).Users.AddProduct(ctx, &clogin.AddProductRequest{GroupID: 1, CloginID: 5, ProductList: []clogin.Product{{PID: 3, Q: 1}}})
			return err
		}},
		{"clogin Users.AddEmail", func(ctx context.Context, base string, hc *http.Client) error {
			_, err := clg(base, hc).Users.AddEmail(ctx, &clogin.AddEmailRequest{GroupID: 1, CloginID: 5,
				EmailList: []clogin.Email{{From: "a@example.com", To: "b@example.com", Subject: "s", Body: "<p>b</p>"}}})
			return err
		}},
		{"clogin Users.SetStatus", func(ctx context.Context, base string, hc *http.Client) error {
			_, err := clg(base, hc).Users.SetStatus(ctx, &clogin.SetStatusRequest{GroupID: 1, CloginID: 5, StatusID: 2})
			return err
		}},
	}
}

// Every unsafe operation of every package reaches an HTTP/2 server that
// resets the stream after reading it exactly once, and reports that the
// outcome is unknown. Without the SDK's guard net/http replays such a
// request hundreds of times a second.
func TestUnsafeOperations_HTTP2_streamResetAfterBody_sentOnce(t *testing.T) {
	for _, uc := range unsafeCalls(t) {
		t.Run(uc.name, func(t *testing.T) {
			s := hostile.NewH2(t, hostile.ResetAfterBody, 201, `{}`)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := uc.call(ctx, s.URL, &http.Client{Transport: s.Transport()})
			require.Error(t, err)
			assert.Equal(t, 1, s.Received(), "reached the server once")
			assert.True(t, errors.Is(err, marketplace.ErrOutcomeUnknown), "%v", err)
			assert.False(t, errors.Is(err, marketplace.ErrInvalidInput), "the input was valid: %v", err)
		})
	}
}

// A stream the server refused (REFUSED_STREAM) was not processed: the SDK
// sends it again and the server acts once.
func TestUnsafeOperations_HTTP2_refusedStream_actedOnOnce(t *testing.T) {
	for _, uc := range unsafeCalls(t) {
		t.Run(uc.name, func(t *testing.T) {
			s := hostile.NewH2(t, hostile.RefuseFirst, 500, `{}`)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := uc.call(ctx, s.URL, &http.Client{Transport: s.Transport()})
			require.Error(t, err, "the answer after the refusal is a 500")
			assert.Equal(t, 2, s.Received())
			assert.Equal(t, 1, s.Answered(), "the refused attempt was retried, the 500 was not")
			assert.True(t, errors.Is(err, marketplace.ErrOutcomeUnknown), "%v", err)
		})
	}
}
