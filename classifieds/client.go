package classifieds

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/userapis/sdk/internal/transport"
)

// Client talks to the GoedGeplaatst REST API v1. It is safe for concurrent
// use; create one with [NewClient] and share it.
type Client struct {
	// Users reads, creates, updates, removes and activates users.
	Users *UsersService

	t *transport.Client
}

// Option configures a Client. Build one with the With... functions.
type Option struct{ apply func(*config) }

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
	switch {
	case cfg.apiKey == "":
		errs = append(errs, errors.New("classifieds: an API key is required (WithAPIKey)"))
	case strings.ContainsAny(cfg.apiKey, "\r\n\x00"):
		errs = append(errs, errors.New("classifieds: the API key contains a line break or NUL"))
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
	c := &Client{t: t}
	c.Users = &UsersService{t: t}
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

// WithInsecureHTTP allows a plain-http base URL to a non-loopback host.
func WithInsecureHTTP() Option { return Option{func(c *config) { c.InsecureHTTP = true }} }

// WithHTTPClient makes the client send through hc (its timeouts, proxy and
// transport are used as they are, underneath the retries). nil keeps the
// SDK's own pooled client.
func WithHTTPClient(hc *http.Client) Option { return Option{func(c *config) { c.HTTPClient = hc }} }

// WithUserAgent puts ua in front of the SDK's own "userapis-go/<version>".
func WithUserAgent(ua string) Option { return Option{func(c *config) { c.UserAgent = ua }} }

// WithRetryPolicy replaces [DefaultRetryPolicy]; RetryPolicy{MaxRetries: 0}
// turns retries off.
func WithRetryPolicy(p RetryPolicy) Option { return Option{func(c *config) { c.SetRetryPolicy(p) }} }

// WithRateLimit limits the client to perSecond requests with bursts of
// burst; waits honour the request's context.
func WithRateLimit(perSecond float64, burst int) Option {
	return Option{func(c *config) { c.SetRateLimit(perSecond, burst) }}
}

// WithLogger writes one Debug record per attempt to l (method, path,
// status, duration, attempt; never headers, bodies or query strings). nil
// or absent: the SDK logs nothing.
func WithLogger(l *slog.Logger) Option { return Option{func(c *config) { c.Logger = l }} }

// WithHeader adds a static header to every request (only ever sent to the
// base URL's host).
func WithHeader(key, value string) Option { return Option{func(c *config) { c.AddHeader(key, value) }} }
