package transport

import (
	"context"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"
	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/net/http/httpguts"
	"golang.org/x/time/rate"
)

// MaxBody is the largest success body the SDK reads; a larger one is an
// error, read no further.
const MaxBody = 32 << 20

// API describes what is particular to one vendor API: its name and how it
// authenticates. The rest of the transport is shared.
type API struct {
	// Name prefixes every error ("marketplace: ...").
	Name string
	// Authorize sets the credential headers. It runs when a request is
	// built and, when PerAttempt is set, again on a fresh header copy
	// before every retry (for signatures or timestamps).
	Authorize func(h http.Header)
	// PerAttempt makes Authorize run before every retry as well.
	PerAttempt bool
	// Messages decodes a vendor error body into its messages; nil uses
	// [Messages], which knows the four vendors' shapes.
	Messages func(body []byte) []string
	// JSON is the vendor's JSON dialect: the encoding/json/v2 options
	// (caller-supplied unmarshalers, name matching) that decode every
	// success body and encode every request body. nil keeps the semantics
	// of encoding/json v1, without HTML escaping.
	JSON json.Options
}

// V1JSON is encoding/json v1's behaviour on the v2 engine, without HTML
// escaping: the dialect of an [API] whose JSON is nil.
var V1JSON = json.JoinOptions(jsonv1.DefaultOptionsV1(), jsontext.EscapeForHTML(false))

// Failer is implemented by response envelopes that can report failure in
// a 2xx body (result:false, success:false). Do turns a failure into an
// *APIError carrying the status, the messages and the body.
type Failer interface {
	Failure() (messages []string, failed bool)
}

// FailureClassifier is implemented by envelopes whose failure body says
// what kind of failure it is, such as a vendor's "user not found" or
// "too many activation requests" at HTTP 200. FailureKind returns the
// sentinel the *APIError matches besides its status's (ErrNotFound,
// ErrRateLimited, ...), or nil.
type FailureClassifier interface {
	FailureKind() error
}

// Request is one API call.
type Request struct {
	Method string
	// Path is relative to the base URL, starts with "/", and has its
	// parameters already escaped with [Segment].
	Path  string
	Query url.Values
	// RawQuery is a query already encoded, for a call whose one parameter
	// needs no url.Values ("userId=42"); it goes after Query's, if any.
	RawQuery string
	// Body is sent as JSON when non-nil; a json.RawMessage is sent as is.
	Body any
	// Safe marks a POST that may be re-sent after a 5xx or a reset (the
	// server acting twice does no harm). GET, PUT and DELETE are always safe.
	Safe bool
	// Op is the public method's name as a user types it ("Users.Create")
	// and Route the path template without ids ("/users/{user_id}"), for
	// hooks and logs; an empty Route shows Path.
	Op, Route string
	// Options are the caller's call options, applied in order.
	Options []CallOption
}

// Client is the shared HTTP core: one per API client, safe for concurrent
// use. [Client.WithBaseURL] derives clients that share its connections.
type Client struct {
	api       API
	base      url.URL // scheme://host/prefix, no trailing slash nor empty port
	rc        *retryablehttp.Client
	policy    RetryPolicy
	budget    *budget // shared with derived clients; nil: unlimited
	hooks     Hooks
	limiter   *rate.Limiter
	logger    *slog.Logger
	userAgent []string // shared, read-only header values: no per-request allocation
	headers   http.Header
}

var (
	acceptJSON  = []string{"application/json"}
	contentJSON = []string{"application/json"}
)

// New checks the settings and builds a Client. It does no I/O.
func New(api API, s Settings) (*Client, error) {
	var errs []error
	base, err := parseBaseURL(api.Name, s.BaseURL, s.InsecureHTTP)
	if err != nil {
		errs = append(errs, err)
	}
	policy := DefaultRetryPolicy()
	if s.Retry != nil {
		if policy, err = s.Retry.withDefaults(api.Name); err != nil {
			errs = append(errs, err)
		}
	}
	var limiter *rate.Limiter
	if s.rateSet {
		if s.RatePerSecond <= 0 || s.RateBurst < 1 {
			errs = append(errs, fmt.Errorf("%s: rate limit needs perSecond > 0 and burst >= 1", api.Name))
		} else {
			limiter = rate.NewLimiter(rate.Limit(s.RatePerSecond), s.RateBurst)
		}
	}
	if err := checkHeaders(api.Name, s.Headers); err != nil {
		errs = append(errs, err)
	}
	if !httpguts.ValidHeaderFieldValue(s.UserAgent) {
		errs = append(errs, fmt.Errorf("%s: user agent contains a control character (a line break, NUL or DEL)", api.Name))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	hc, headerTimeout, idle := s.HTTPClient, time.Duration(0), time.Duration(0)
	if hc == nil {
		hc, headerTimeout, idle = defaultHTTPClient(), defaultHeaderTimeout, idleAfter
	}
	ua := userAgent
	if s.UserAgent != "" {
		ua = s.UserAgent + " " + userAgent
	}
	if api.Authorize == nil {
		api.Authorize = func(http.Header) {}
	}
	if api.Messages == nil {
		api.Messages = Messages
	}
	if api.JSON == nil {
		api.JSON = V1JSON
	}
	c := &Client{
		api:       api,
		base:      *base,
		policy:    policy,
		budget:    newBudget(policy.Budget),
		hooks:     s.Hooks,
		limiter:   limiter,
		logger:    s.Logger,
		userAgent: []string{ua},
		headers:   s.Headers.Clone(),
	}
	c.rc = &retryablehttp.Client{
		HTTPClient:     withAttemptTransport(withRedirectGuard(hc), headerTimeout, idle),
		Logger:         nil,           // its own logger writes to stderr: never on
		RetryMax:       math.MaxInt32, // checkRetry applies each call's own policy
		RequestLogHook: beforeAttempt,
		CheckRetry:     checkRetry,
		Backoff:        noBackoff,
		ErrorHandler:   retryablehttp.PassthroughErrorHandler,
		PrepareRetry:   prepareRetry,
	}
	return c, nil
}

// WithBaseURL returns a Client for another base URL that shares c's
// connections, retry policy, limiter and logger. The URL is checked as in
// [New] (plain http only to loopback, unless insecure).
func (c *Client) WithBaseURL(rawURL string, insecure bool) (*Client, error) {
	base, err := parseBaseURL(c.api.Name, rawURL, insecure)
	if err != nil {
		return nil, err
	}
	d := *c
	d.base = *base
	return &d, nil
}

// WithAuthorize returns a Client that shares c's connections, retry
// policy and budget, limiter, hooks and logger, and sets its credentials
// with authorize instead of c's (a tenant with a token of its own).
func (c *Client) WithAuthorize(authorize func(h http.Header)) *Client {
	d := *c
	d.api.Authorize = authorize
	return &d
}

// BaseURL returns the base URL requests are made against.
func (c *Client) BaseURL() string { return c.base.String() }

// Do sends the request, retrying as the policy allows, and decodes a 2xx
// JSON body into out (unless out is nil). A non-2xx status, or a 2xx body
// whose envelope reports failure (see [Failer]), is an *APIError.
func (c *Client) Do(ctx context.Context, r *Request, out any) (err error) {
	if ctx == nil {
		return fmt.Errorf("%s: %s %s: nil context", c.api.Name, r.Method, r.Path)
	}
	st := &call{c: c, method: r.Method, path: r.Path, policy: c.policy, start: time.Now(),
		safe: r.Safe || (r.Method != http.MethodPost && r.Method != http.MethodPatch)}
	st.info = CallInfo{API: c.api.Name, Operation: r.Op, Method: r.Method, Route: r.Route, Safe: st.safe}
	if st.info.Route == "" {
		st.info.Route = r.Path
	}
	opts := &st.opts // in the call state, which is on the heap anyway
	for _, o := range r.Options {
		if o.apply != nil {
			o.apply(opts)
		}
	}
	if opts.capture != nil {
		defer st.capture(opts.capture)
	}
	if on := c.hooks.OnCall; on != nil {
		cctx, done := on(ctx, st.info)
		if cctx != nil {
			ctx = cctx
		}
		if done != nil {
			defer func() { done(err) }()
		}
	}
	if opts.policy != nil || opts.header != nil {
		var bad []FieldError
		if opts.policy != nil {
			var problem string
			if st.policy, problem = opts.policy.filled(); problem != "" {
				bad = append(bad, FieldError{"WithCallRetryPolicy", problem})
			}
		}
		for _, p := range headerProblems(opts.header) {
			bad = append(bad, FieldError{fmt.Sprintf("WithCallHeader %q", p.name), p.reason()})
		}
		if len(bad) > 0 {
			op := r.Op
			if op == "" {
				op = r.Method + " " + st.info.Route
			}
			return &ValidationError{Op: c.api.Name + ": " + op, Fields: bad}
		}
	}
	st.trace.WroteRequest = func(httptrace.WroteRequestInfo) { st.writes.Add(1) }
	q := r.RawQuery
	switch {
	case len(r.Query) > 0 && q != "":
		q = r.Query.Encode() + "&" + q
	case len(r.Query) > 0:
		q = r.Query.Encode()
	}
	u, err := c.target(r.Path, q)
	if err != nil {
		return fmt.Errorf("%s: %s %s: %w", c.api.Name, r.Method, r.Path, err)
	}
	var body any
	switch raw := r.Body.(type) { // already encoded by the caller: not encoded twice
	case jsontext.Value:
		body = []byte(raw)
	case stdjson.RawMessage:
		body = []byte(raw)
	case nil:
	default:
		b, err := json.Marshal(r.Body, c.api.JSON)
		if err != nil {
			return fmt.Errorf("%s: %s %s: encoding request: %w", c.api.Name, r.Method, r.Path, err)
		}
		body = b
	}
	// The URL is set after: "" parses to nothing, and u needs no parsing.
	req, err := retryablehttp.NewRequestWithContext(context.WithValue(ctx, callKey{}, st), r.Method, "", body)
	if err != nil {
		return fmt.Errorf("%s: %s %s: %w", c.api.Name, r.Method, r.Path, err)
	}
	req.URL, req.Host = u, u.Host
	h := req.Header
	for k, vs := range c.headers {
		h[k] = vs
	}
	for k, vs := range opts.header {
		h[k] = append(h[k][:len(h[k]):len(h[k])], vs...) // never into the client's shared slice
	}
	h["User-Agent"] = c.userAgent
	h["Accept"] = acceptJSON
	if body != nil {
		h["Content-Type"] = contentJSON
	}
	c.api.Authorize(h)
	if err := c.wait(req.Context()); err != nil {
		return c.requestErr(st, err)
	}
	resp, err := c.rc.Do(req)
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return c.requestErr(st, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		if resp.StatusCode == http.StatusNotFound && r.Method == http.MethodDelete && st.uncertain {
			// An earlier attempt was written and failed without a clear
			// answer; the resource being gone now means it did the work.
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
			c.budget.give(max(st.spent, 1))
			return nil
		}
		return c.apiError(st, resp)
	}
	if err := c.decode(st, resp, out); err != nil {
		return err
	}
	c.budget.give(max(st.spent, 1))
	return nil
}

// EncodeJSON is encoding/json v1's Marshal without HTML escaping: an
// e-mail body keeps its "<p>" instead of going out as "\u003cp\u003e".
func EncodeJSON(v any) ([]byte, error) { return json.Marshal(v, V1JSON) }

// wait takes a token from the client-side limiter, honouring ctx.
func (c *Client) wait(ctx context.Context) error {
	if c.limiter == nil {
		return nil
	}
	if err := c.limiter.Wait(ctx); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// The wait cannot fit the deadline: it is the deadline that stops
		// the call, so the error says so.
		return fmt.Errorf("%w: %w: %w", errRateWait, context.DeadlineExceeded, err)
	}
	return nil
}

// requestErr wraps a failure to get a response. A *url.Error keeps its type
// but loses the query string from its URL.
func (c *Client) requestErr(st *call, err error) error {
	return &requestError{api: c.api.Name, method: st.method, path: st.path, tries: st.tries,
		unknown: st.outcomeUnknown(), err: sanitize(err)}
}

// sanitize strips the query string from a *url.Error's URL.
func sanitize(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	u := ue.URL
	if i := strings.IndexByte(u, '?'); i >= 0 {
		u = u[:i]
	}
	if u == ue.URL && ue == err {
		return err
	}
	return &url.Error{Op: ue.Op, URL: u, Err: ue.Err}
}
