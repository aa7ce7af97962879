package transport

import (
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/http/httpguts"
)

// Version is the SDK version sent in the User-Agent header.
const Version = "0.2.0"

// userAgent is the SDK's own product token.
const userAgent = "userapis-go/" + Version

// Settings are the options every API package shares. Each package's
// With... functions fill one in; [New] checks it.
type Settings struct {
	BaseURL       string
	InsecureHTTP  bool
	HTTPClient    *http.Client
	UserAgent     string
	Retry         *RetryPolicy // nil: the default policy
	RatePerSecond float64      // 0: no client-side limit
	RateBurst     int
	rateSet       bool
	Logger        *slog.Logger
	Headers       http.Header
	Hooks         Hooks
}

// SetRateLimit records a client-side rate limit; [New] checks the values.
func (s *Settings) SetRateLimit(perSecond float64, burst int) {
	s.RatePerSecond, s.RateBurst, s.rateSet = perSecond, burst, true
}

// AddHeader records an extra static header; [New] checks it.
func (s *Settings) AddHeader(key, value string) {
	if s.Headers == nil {
		s.Headers = http.Header{}
	}
	s.Headers.Add(key, value)
}

// SetRetryPolicy records the retry policy; [New] checks it.
func (s *Settings) SetRetryPolicy(p RetryPolicy) { s.Retry = &p }

// parseBaseURL checks a base URL: http or https with a host, no user
// info, query or fragment; plain http only to a loopback host unless
// insecure. The path prefix loses its trailing slash. No error repeats a
// password the URL carried.
func parseBaseURL(api, raw string, insecure bool) (*url.URL, error) {
	if raw == "" {
		return nil, fmt.Errorf("%s: a base URL is required (WithBaseURL)", api)
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Parse quotes the whole input, user info and all.
		return nil, fmt.Errorf("%s: invalid base URL", api)
	}
	shown := u.Redacted()
	switch {
	case u.User != nil:
		return nil, fmt.Errorf("%s: base URL %q must not carry user info; use the credential options", api, shown)
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("%s: base URL %q: scheme must be https (or http to loopback)", api, shown)
	case u.Host == "" || u.Hostname() == "":
		return nil, fmt.Errorf("%s: base URL %q has no host", api, shown)
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return nil, fmt.Errorf("%s: base URL %q must not have a query or fragment", api, shown)
	case u.Scheme == "http" && !insecure && !isLoopback(u.Hostname()):
		return nil, fmt.Errorf("%s: base URL %q: plain http is allowed only to a loopback host; use https or WithInsecureHTTP", api, shown)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	// Requests start from the URL this one prints as, parsed again, as
	// they always did, and with an empty port dropped as http.NewRequest
	// does.
	if u, err = url.Parse(u.String()); err != nil {
		return nil, fmt.Errorf("%s: base URL %q: %v", api, shown, err)
	}
	u.Host = withoutEmptyPort(u.Host)
	return u, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkHeaders refuses header names that are not HTTP tokens and values
// net/http would not send.
func checkHeaders(api string, h http.Header) error {
	var errs []error
	for _, p := range headerProblems(h) {
		if p.badName {
			errs = append(errs, fmt.Errorf("%s: invalid header name %q", api, p.name))
		} else {
			errs = append(errs, fmt.Errorf("%s: header %q: %s", api, p.name, p.reason()))
		}
	}
	return errors.Join(errs...)
}

// headerProblem is a header net/http would not send: its name is not an
// HTTP token, or (badName false) one of its values holds a control
// character.
type headerProblem struct {
	name    string
	badName bool
}

func (p headerProblem) reason() string {
	if p.badName {
		return "not a valid header name"
	}
	return "value contains a control character (a line break, NUL or DEL)"
}

// headerProblems lists what is wrong with h, in name order.
func headerProblems(h http.Header) []headerProblem {
	var out []headerProblem
	for _, k := range slices.Sorted(maps.Keys(h)) {
		if !httpguts.ValidHeaderFieldName(k) {
			out = append(out, headerProblem{k, true})
		}
		for _, v := range h[k] {
			if !httpguts.ValidHeaderFieldValue(v) {
				out = append(out, headerProblem{k, false})
				break
			}
		}
	}
	return out
}

// ValidHeaderName reports whether name is a valid HTTP header name.
func ValidHeaderName(name string) bool { return httpguts.ValidHeaderFieldName(name) }

// CheckHeaderName reports an error naming option when name is not a valid
// HTTP header name.
func CheckHeaderName(api, option, name string) error {
	if !httpguts.ValidHeaderFieldName(name) {
		return fmt.Errorf("%s: %s: %q is not a valid header name", api, option, name)
	}
	return nil
}

// CheckCredential reports an error when value, the credential called what
// and set by option, is empty or holds a byte net/http would not send in
// a header (a line break, NUL, DEL or another control character). The
// error never repeats the value.
func CheckCredential(api, what, option, value string) error {
	switch {
	case strings.TrimSpace(value) == "":
		return fmt.Errorf("%s: %s is required (%s)", api, what, option)
	case !httpguts.ValidHeaderFieldValue(value):
		return fmt.Errorf("%s: %s: the value contains a control character (a line break, NUL or DEL) and cannot be sent", api, option)
	}
	return nil
}

// defaultHeaderTimeout bounds the wait for the response headers of each
// attempt made through the SDK's own client; attemptTransport applies it
// (see deadlines) instead of the transport's ResponseHeaderTimeout, which
// would start and stop a timer of its own on every request.
const defaultHeaderTimeout = 30 * time.Second

// defaultHTTPClient is the SDK's own pooled client: it keeps up to 100 idle
// connections per host (Go's default keeps 2), so many goroutines sharing
// one Client reuse their connections. Each attempt gets 60s, and
// [defaultHeaderTimeout] to its response headers. The idle connections
// are closed once the client goes unused for [idleAfter], by the client's
// [idleCloser], not by an IdleConnTimeout timer per request.
func defaultHTTPClient() *http.Client {
	return &http.Client{
		Timeout: 60 * time.Second,
		Transport: &http.Transport{
			Proxy: http.ProxyFromEnvironment,
			DialContext: (&net.Dialer{
				Timeout:   10 * time.Second,
				KeepAlive: 30 * time.Second,
			}).DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          100,
			MaxIdleConnsPerHost:   100,
			TLSHandshakeTimeout:   10 * time.Second,
			ExpectContinueTimeout: time.Second,
		},
	}
}

// withRedirectGuard returns a shallow copy of hc that refuses redirects to
// another host or from https to http, so no credential or extra header
// leaves the host the request was made to. The caller's own CheckRedirect
// still runs for redirects the guard allows.
func withRedirectGuard(hc *http.Client) *http.Client {
	c := *hc
	inner := hc.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		first := via[0].URL
		if !strings.EqualFold(req.URL.Host, first.Host) || (first.Scheme == "https" && req.URL.Scheme != "https") {
			return fmt.Errorf("%w: to %s://%s", ErrRedirectRefused, req.URL.Scheme, req.URL.Host)
		}
		if inner != nil {
			return inner(req, via)
		}
		if len(via) >= 10 {
			return fmt.Errorf("%w: stopped after 10 redirects", ErrRedirectRefused)
		}
		return nil
	}
	return &c
}
