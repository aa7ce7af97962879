package clogin

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/userapis/sdk/internal/transport"
)

// DefaultBaseURL is the Regpack API v2 root; the users endpoint is
// DefaultBaseURL + "/users/".
const DefaultBaseURL = "https://www.regpack.com/reg/api2"

// Credentials are a Regpack API admin's: sent on every attempt as the
// Api-user, Api-token and Api-id headers, beside a fresh Timestamp.
// Its String, GoString and LogValue never show APIToken.
type Credentials struct {
	// APIUser is the API admin's login e-mail (header Api-user).
	APIUser string
	// APIToken is the token from the admin's profile tab (header Api-token).
	APIToken string
	// APIID is the admin account's id (header Api-id).
	APIID int64
}

// String describes c without its token.
func (c Credentials) String() string {
	tok := ""
	if c.APIToken != "" {
		tok = "[REDACTED]"
	}
	return fmt.Sprintf("clogin.Credentials{APIUser: %q, APIToken: %q, APIID: %d}", c.APIUser, tok, c.APIID)
}

// GoString is String, so %#v does not print the token either.
func (c Credentials) GoString() string { return c.String() }

// LogValue logs the user and id, never the token.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(slog.String("api_user", c.APIUser), slog.Int64("api_id", c.APIID))
}

// Client talks to the Regpack API v2 users endpoint. Build one with
// [NewClient]; it is safe for concurrent use.
type Client struct {
	// Users runs the users endpoint's actions: POST /users/.
	Users *UsersService

	tc *transport.Client
}

type config struct {
	transport.Settings
	creds    Credentials
	credsSet bool
	now      func() time.Time // the Timestamp clock; tests replace it
}

// WithBaseURL replaces [DefaultBaseURL], e.g. with a [clogintest] server's
// URL. Plain http is accepted only for a loopback host unless
// [WithInsecureHTTP] is given.
func WithBaseURL(rawURL string) Option { return Option{func(c *config) { c.BaseURL = rawURL }} }

// WithCredentials sets the API admin's credentials (required): APIUser and
// APIToken non-empty, APIID positive.
func WithCredentials(cr Credentials) Option {
	return Option{func(c *config) { c.creds, c.credsSet = cr, true }}
}

// withClock replaces the clock the Timestamp header is read from (tests).
func withClock(now func() time.Time) Option { return Option{func(c *config) { c.now = now }} }

// NewClient checks the options and builds a Client; it does no I/O.
// [WithCredentials] is required; the base URL defaults to [DefaultBaseURL].
// Every problem with the options is reported at once, joined in one error.
func NewClient(opts ...Option) (*Client, error) {
	cfg := config{now: time.Now}
	cfg.BaseURL = DefaultBaseURL
	for _, o := range opts {
		if o.apply != nil {
			o.apply(&cfg)
		}
	}
	var errs []error
	cr := cfg.creds
	switch {
	case !cfg.credsSet:
		errs = append(errs, errors.New("clogin: credentials are required (WithCredentials)"))
	default:
		if err := transport.CheckCredential("clogin", "credentials: APIUser", "WithCredentials", cr.APIUser); err != nil {
			errs = append(errs, err)
		}
		if err := transport.CheckCredential("clogin", "credentials: APIToken", "WithCredentials", cr.APIToken); err != nil {
			errs = append(errs, err)
		}
		if cr.APIID <= 0 {
			errs = append(errs, errors.New("clogin: credentials: APIID must be positive"))
		}
	}
	if cfg.now == nil {
		cfg.now = time.Now
	}
	user, token, id, now := []string{cr.APIUser}, []string{cr.APIToken}, []string{strconv.FormatInt(cr.APIID, 10)}, cfg.now
	tc, err := transport.New(transport.API{
		Name: "clogin",
		// PerAttempt: the transport runs this again on a fresh header copy
		// before every retry, so each attempt carries a current Timestamp.
		PerAttempt: true,
		JSON:       dialect,
		Authorize: func(h http.Header) {
			h["Api-User"] = user
			h["Api-Token"] = token
			h["Api-Id"] = id
			h["Timestamp"] = []string{strconv.FormatInt(now().Unix(), 10)}
		},
	}, cfg.Settings)
	if err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &Client{Users: &UsersService{tc: tc}, tc: tc}, nil
}
