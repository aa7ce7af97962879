package classifieds

import (
	"errors"
	"net/http"

	"github.com/userapis/sdk/internal/transport"
)

// Client talks to the GoedGeplaatst REST API v1. It is safe for concurrent
// use; create one with [NewClient] and share it.
type Client struct {
	// Users reads, creates, updates, removes and activates users.
	Users *UsersService

	tc *transport.Client
}

type config struct {
	transport.Settings
	apiKey string
}

// authHeader is the header GoedGeplaatst reads the pre-shared key from.
// It is "Authentication", not "Authorization", and the key goes in raw,
// with no scheme in front of it.
const authHeader = "Authentication"

// NewClient returns a Client configured by opts. [WithBaseURL] and
// [WithAPIKey] are required. It reports every bad option at once (joined)
// and does no I/O.
func NewClient(opts ...Option) (*Client, error) {
	var cfg config
	for _, o := range opts {
		if o.apply != nil {
			o.apply(&cfg)
		}
	}
	var errs []error
	if err := transport.CheckCredential("classifieds", "an API key", "WithAPIKey", cfg.apiKey); err != nil {
		errs = append(errs, err)
	}
	// One read-only value slice for every request: no allocation per call.
	keyValue := []string{cfg.apiKey}
	t, err := transport.New(transport.API{
		Name:      "classifieds",
		Authorize: func(h http.Header) { h[authHeader] = keyValue },
		JSON:      dialect,
	}, cfg.Settings)
	if err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	c := &Client{tc: t}
	c.Users = &UsersService{tc: t}
	return c, nil
}

// WithBaseURL sets the API root the documented paths hang from, such as
// "https://host/rest/v1" (GoedGeplaatst publishes no host, so this option
// is required). Plain http is accepted only for a loopback host unless
// [WithInsecureHTTP] is given.
func WithBaseURL(rawURL string) Option { return Option{func(c *config) { c.BaseURL = rawURL }} }

// WithAPIKey sets the pre-shared key GoedGeplaatst issues. It is sent raw in
// the "Authentication" header of every request and never appears in
// errors or logs. The vendor also whitelists the caller's IP addresses: a
// right key from an unlisted address is refused as well.
func WithAPIKey(key string) Option { return Option{func(c *config) { c.apiKey = key }} }
