package tenants

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
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
	tc     *transport.Client
	// base is the base URL the client was built with; hostTenant says
	// whether its host is the tenant's own ({tenant}.aptem.co.uk), so
	// ForTenant must change the host as well as the path.
	base       *url.URL
	hostTenant bool
	insecure   bool
}

// Option configures a Client. Build one with the With... functions.
type Option struct{ apply func(*config) }

type config struct {
	transport.Settings
	tenant      string
	token       string
	tokenHeader string
}

// WithTenant sets the tenant name: it goes into the host
// ({tenant}.aptem.co.uk) and into every path (/tenants/{tenant}/...). It
// must be a DNS label (see [ValidTenant]). Required.
func WithTenant(name string) Option { return Option{func(c *config) { c.tenant = name }} }

// WithToken sets the service-account API token sent with every request.
// Required; it never appears in errors, logs or the Client's printed form.
func WithToken(token string) Option { return Option{func(c *config) { c.token = token }} }

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
	return newClient(cfg.tenant, tc, base, hostTenant, s.InsecureHTTP), nil
}

func newClient(tenant string, tc *transport.Client, base *url.URL, hostTenant, insecure bool) *Client {
	c := &Client{tenant: tenant, tc: tc, base: base, hostTenant: hostTenant, insecure: insecure}
	c.Users = &UsersService{client: c}
	return c
}

// Tenant returns the name of the tenant the Client calls.
func (c *Client) Tenant() string { return c.tenant }

// ForTenant returns a Client for another tenant that shares c's token,
// options and connection pool; it is cheap and does no I/O. When c's host
// was derived from its tenant ({tenant}.aptem.co.uk) the new client's host
// is derived from name; a base URL set with [WithBaseURL] on another host
// is kept and only the tenant in the path changes. name must be a DNS
// label (see [ValidTenant]).
func (c *Client) ForTenant(name string) (*Client, error) {
	if err := ValidTenant(name); err != nil {
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
	return newClient(name, tc, base, c.hostTenant, c.insecure), nil
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
