package marketplace

import (
	"errors"
	"net/http"

	"github.com/userapis/sdk/internal/transport"
)

// DefaultAPIKeyHeader is the header the API key is sent in unless
// [WithAPIKeyHeader] names another. MMOB calls its scheme "ApiKey" but does
// not publish the header name; X-API-Key is the common choice.
const DefaultAPIKeyHeader = "X-API-Key"

// Client talks to the MMOB partner/provider API. Build one with
// [NewClient]; it is safe for concurrent use, and its services share one
// connection pool.
type Client struct {
	// Users manages the partner's users: /users.
	Users *UsersService
	// Broadband manages users' broadband entries: /users/broadband.
	Broadband *BroadbandService

	tc *transport.Client
}

// service is what every service holds: the shared transport.
type service struct{ tc *transport.Client }

type config struct {
	transport.Settings
	apiKey       string
	apiKeyHeader string
}

// WithBaseURL sets the API root the documented paths hang from, e.g.
// "https://api.example.com" for GET https://api.example.com/users. MMOB
// publishes no host, so this option is required. Plain http is accepted
// only for a loopback host unless [WithInsecureHTTP] is given.
func WithBaseURL(rawURL string) Option { return Option{func(c *config) { c.BaseURL = rawURL }} }

// WithAPIKey sets the partner or provider API key (required). It is sent
// in the [DefaultAPIKeyHeader] header, or the one [WithAPIKeyHeader] names,
// and never appears in errors or logs.
func WithAPIKey(key string) Option { return Option{func(c *config) { c.apiKey = key }} }

// WithAPIKeyHeader sends the API key in the header name instead of
// [DefaultAPIKeyHeader], for when MMOB tells you another name.
func WithAPIKeyHeader(name string) Option { return Option{func(c *config) { c.apiKeyHeader = name }} }

// NewClient checks the options and builds a Client; it does no I/O.
// [WithBaseURL] and [WithAPIKey] are required. Every problem with the
// options is reported at once, joined in one error.
func NewClient(opts ...Option) (*Client, error) {
	cfg := config{apiKeyHeader: DefaultAPIKeyHeader}
	for _, o := range opts {
		if o.apply != nil {
			o.apply(&cfg)
		}
	}
	var errs []error
	if err := transport.CheckCredential("marketplace", "an API key", "WithAPIKey", cfg.apiKey); err != nil {
		errs = append(errs, err)
	}
	if err := transport.CheckHeaderName("marketplace", "WithAPIKeyHeader", cfg.apiKeyHeader); err != nil {
		errs = append(errs, err)
	}
	// One read-only value slice for every request: no allocation per call.
	keyValue, name := []string{cfg.apiKey}, http.CanonicalHeaderKey(cfg.apiKeyHeader)
	tc, err := transport.New(transport.API{
		Name:      "marketplace",
		Authorize: func(h http.Header) { h[name] = keyValue },
		JSON:      dialect,
	}, cfg.Settings)
	if err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &Client{
		Users:     &UsersService{tc: tc},
		Broadband: &BroadbandService{tc: tc},
		tc:        tc,
	}, nil
}
