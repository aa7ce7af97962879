package tenants

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"

	"github.com/userapis/sdk/internal/transport"
)

// DefaultTokenHeader is the header the API token is sent in unless
// [WithTokenHeader] names another. Aptem does not publish the header of its
// REST API; X-API-Token is the one its OData feed is known to accept.
const DefaultTokenHeader = "X-API-Token"

// hostSuffix is what follows the tenant name in the API host.
const hostSuffix = ".aptem.co.uk"

// retiredHost is the shared host Aptem switched off on 3 February 2025.
const retiredHost = "api" + hostSuffix

// Client calls the Aptem API of one tenant. It is safe for concurrent use;
// [Client.ForTenant] derives clients for other tenants that share its
// connections.
type Client struct {
	// Users is the tenant's users API.
	Users *UsersService

	tenant string
	// users is the tenant's users path, "/tenants/{tenant}/users", escaped
	// once.
	users string
	tc    *transport.Client
	// base is the base URL the client was built with; hostTenant says
	// whether its host is the tenant's own ({tenant}.aptem.co.uk), so
	// ForTenant must change the host as well as the path.
	base        *url.URL
	hostTenant  bool
	insecure    bool
	tokenHeader string // canonical name of the header the token goes in
}

type config struct {
	transport.Settings
	tenant      string
	token       string
	tokenSet    bool
	tokenHeader string
}

// WithTenant sets the tenant name: it goes into the host
// ({tenant}.aptem.co.uk) and into every path (/tenants/{tenant}/...). It
// must be a DNS label (see [ValidTenant]). Required.
func WithTenant(name string) Option { return Option{func(c *config) { c.tenant = name }} }

// WithToken sets the service-account API token sent with every request.
// Required; it never appears in errors, logs or the Client's printed form.
func WithToken(token string) Option {
	return Option{func(c *config) { c.token, c.tokenSet = token, true }}
}

// WithTokenHeader changes the header the token is sent in, X-API-Token
// ([DefaultTokenHeader]) by default, since Aptem does not publish it.
func WithTokenHeader(name string) Option { return Option{func(c *config) { c.tokenHeader = name }} }

// WithBaseURL sets the API root, replacing https://{tenant}.aptem.co.uk/api/1.0;
// the documented paths (/tenants/{tenant}/users...) hang from it. Plain http
// is allowed only to a loopback host unless [WithInsecureHTTP] is given.
func WithBaseURL(rawURL string) Option { return Option{func(c *config) { c.BaseURL = rawURL }} }

// NewClient returns a Client for the tenant set by [WithTenant],
// authenticated by [WithToken]. It reports every bad option at once and
// does no I/O.
func NewClient(opts ...Option) (*Client, error) {
	cfg := config{tokenHeader: DefaultTokenHeader}
	for _, o := range opts {
		if o.apply != nil {
			o.apply(&cfg)
		}
	}
	var errs []error
	tenantErr := ValidTenant(cfg.tenant)
	if tenantErr != nil {
		errs = append(errs, tenantErr)
	}
	if err := transport.CheckCredential("tenants", "an API token", "WithToken", cfg.token); err != nil {
		errs = append(errs, err)
	}
	if !transport.ValidHeaderName(cfg.tokenHeader) {
		errs = append(errs, fmt.Errorf("tenants: invalid token header name %q", cfg.tokenHeader))
	}
	s := cfg.Settings
	hostTenant := s.BaseURL == ""
	switch {
	case s.BaseURL == "" && tenantErr == nil:
		s.BaseURL = tenantBaseURL(cfg.tenant)
	case s.BaseURL == "":
		s.BaseURL = tenantBaseURL("tenant") // only to check the other settings
	default:
		u, err := url.Parse(s.BaseURL)
		if err == nil && strings.EqualFold(u.Hostname(), retiredHost) {
			errs = append(errs, fmt.Errorf("tenants: base URL host %s was retired on 3 February 2025; use https://{tenant}%s/api/1.0 (leave WithBaseURL out)", retiredHost, hostSuffix))
		}
		hostTenant = err == nil && tenantErr == nil && strings.EqualFold(u.Hostname(), cfg.tenant+hostSuffix)
	}
	// One read-only value slice for every request: no allocation per call.
	header, tokenValue := http.CanonicalHeaderKey(cfg.tokenHeader), []string{cfg.token}
	tc, err := transport.New(transport.API{
		Name:      "tenants",
		Authorize: func(h http.Header) { h[header] = tokenValue },
		JSON:      dialect,
	}, s)
	if err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	base, _ := url.Parse(tc.BaseURL())
	c := newClient(cfg.tenant, tc, base, hostTenant, s.InsecureHTTP)
	c.tokenHeader = header
	return c, nil
}

func newClient(tenant string, tc *transport.Client, base *url.URL, hostTenant, insecure bool) *Client {
	c := &Client{tenant: tenant, users: "/tenants/" + transport.Segment(tenant) + "/users",
		tc: tc, base: base, hostTenant: hostTenant, insecure: insecure}
	c.Users = &UsersService{client: c}
	return c
}

// Tenant returns the name of the tenant the Client calls.
func (c *Client) Tenant() string { return c.tenant }

// ForTenant returns a Client for the tenant name that shares c's
// connection pool, retry policy and budget, limiter, hooks, logger and
// headers; it is cheap and does no I/O. name must be a DNS label (see
// [ValidTenant]).
//
// Aptem tokens belong to one tenant (a token used on another tenant
// answers 403), so give the new tenant its own token with [WithToken] in
// opts; without it the new client sends c's token. c is not changed.
//
// WithToken is the only option ForTenant accepts. Every other option
// configures what the clients share (the pool, retries, limiter, hooks,
// logger, headers, user agent, token header) or names the tenant, which
// name already does; ForTenant refuses it with an error naming it. Make a
// client with [NewClient] for a tenant that needs other settings.
//
// When c's host was derived from its tenant ({tenant}.aptem.co.uk) the
// new client's host is derived from name; a base URL set with
// [WithBaseURL] on another host is kept and only the tenant in the path
// changes.
func (c *Client) ForTenant(name string, opts ...Option) (*Client, error) {
	var errs []error
	if err := ValidTenant(name); err != nil {
		errs = append(errs, err)
	}
	var cfg config
	for _, o := range opts {
		if o.apply != nil {
			o.apply(&cfg)
		}
	}
	if refused := refusedForTenant(&cfg); len(refused) > 0 {
		errs = append(errs, fmt.Errorf("tenants: ForTenant accepts only WithToken; %s configure what the clients share or name the tenant: use NewClient for other settings", strings.Join(refused, ", ")))
	}
	if cfg.tokenSet {
		if err := transport.CheckCredential("tenants", "an API token", "WithToken", cfg.token); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	tc := c.tc
	base := c.base
	if c.hostTenant {
		u := *c.base
		u.Host = name + hostSuffix
		if p := c.base.Port(); p != "" {
			u.Host += ":" + p
		}
		var err error
		if tc, err = c.tc.WithBaseURL(u.String(), c.insecure); err != nil {
			return nil, err
		}
		base = &u
	}
	if cfg.tokenSet {
		// Same pool, retry budget and settings; only the credential differs.
		header, token := c.tokenHeader, []string{cfg.token}
		tc = tc.WithAuthorize(func(h http.Header) { h[header] = token })
	}
	d := newClient(name, tc, base, c.hostTenant, c.insecure)
	d.tokenHeader = c.tokenHeader
	return d, nil
}

// refusedForTenant names the options in cfg that ForTenant does not take.
func refusedForTenant(cfg *config) []string {
	s := &cfg.Settings
	var out []string
	for _, o := range []struct {
		name string
		set  bool
	}{
		{"WithTenant", cfg.tenant != ""},
		{"WithTokenHeader", cfg.tokenHeader != ""},
		{"WithBaseURL", s.BaseURL != ""},
		{"WithInsecureHTTP", s.InsecureHTTP},
		{"WithHTTPClient", s.HTTPClient != nil},
		{"WithUserAgent", s.UserAgent != ""},
		{"WithRetryPolicy", s.Retry != nil},
		{"WithRateLimit", s.RatePerSecond != 0 || s.RateBurst != 0},
		{"WithLogger", s.Logger != nil},
		{"WithHeader", s.Headers != nil},
		{"WithHooks", s.Hooks.OnCall != nil || s.Hooks.OnAttempt != nil},
	} {
		if o.set {
			out = append(out, o.name)
		}
	}
	if len(out) == 0 && !reflect.DeepEqual(*s, transport.Settings{}) {
		out = append(out, "an option")
	}
	return out
}

// tenantBaseURL is the documented API root of a tenant.
func tenantBaseURL(tenant string) string { return "https://" + tenant + hostSuffix + "/api/1.0" }

// ValidTenant reports why name cannot be a tenant name, or nil if it can.
// A tenant name goes into the API host and path, so it must be a DNS label:
// 1 to 63 ASCII letters, digits and hyphens, not starting or ending with a
// hyphen. Anything else ("evil.com/x", "a.b", "x#", "") could point
// requests at another host and is refused, and so is "api", which would
// address the retired shared host api.aptem.co.uk.
func ValidTenant(name string) error {
	ok := len(name) >= 1 && len(name) <= 63 && name[0] != '-' && name[len(name)-1] != '-'
	for i := 0; ok && i < len(name); i++ {
		b := name[i]
		ok = b == '-' || ('0' <= b && b <= '9') || ('a' <= b && b <= 'z') || ('A' <= b && b <= 'Z')
	}
	if ok && strings.EqualFold(name+hostSuffix, retiredHost) {
		return fmt.Errorf("tenants: invalid tenant name %q: it would address %s, the shared host Aptem retired on 3 February 2025", name, retiredHost)
	}
	if ok {
		return nil
	}
	if name == "" {
		return errors.New("tenants: a tenant name is required (WithTenant)")
	}
	shown := name
	if len(shown) > 70 {
		shown = shown[:70] + "..."
	}
	return fmt.Errorf("tenants: invalid tenant name %q: must be a DNS label (1 to 63 letters, digits or hyphens, not starting or ending with a hyphen)", shown)
}
