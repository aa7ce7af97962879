package transport

import (
	"bytes"
	"context"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
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

// Request is one API call.
type Request struct {
	Method string
	// Path is relative to the base URL, starts with "/", and has its
	// parameters already escaped with [Segment].
	Path  string
	Query url.Values
	// Body is sent as JSON when non-nil; a json.RawMessage is sent as is.
	Body any
	// Safe marks a POST that may be re-sent after a 5xx or a reset (the
	// server acting twice does no harm). GET, PUT and DELETE are always safe.
	Safe bool
}

// Client is the shared HTTP core: one per API client, safe for concurrent
// use. [Client.WithBaseURL] derives clients that share its connections.
type Client struct {
	api       API
	base      string // scheme://host/prefix, no trailing slash
	rc        *retryablehttp.Client
	policy    RetryPolicy
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
	hc := s.HTTPClient
	if hc == nil {
		hc = defaultHTTPClient()
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
		base:      base.String(),
		policy:    policy,
		limiter:   limiter,
		logger:    s.Logger,
		userAgent: []string{ua},
		headers:   s.Headers.Clone(),
	}
	c.rc = &retryablehttp.Client{
		HTTPClient:     withAttemptTransport(withRedirectGuard(hc)),
		Logger:         nil, // its own logger writes to stderr: never on
		RetryWaitMin:   policy.MinWait,
		RetryWaitMax:   policy.MaxWait,
		RetryMax:       policy.MaxRetries,
		RequestLogHook: beforeAttempt,
		CheckRetry:     checkRetry,
		Backoff:        backoff,
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
	d.base = base.String()
	return &d, nil
}

// BaseURL returns the base URL requests are made against.
func (c *Client) BaseURL() string { return c.base }

// call is the state of one Do call, carried to the retry hooks and to
// attemptTransport in the request's context (retryablehttp's hooks see
// only the request).
type call struct {
	c      *Client
	method string
	path   string
	safe   bool
	tries  int // tries started by the retry loop
	// writes counts every time the request was written to a connection,
	// replays inside net/http included; the transport's goroutines add to
	// it, so it is atomic.
	writes atomic.Int32
	// responded counts tries that got a response: a mocked RoundTripper
	// (httpmock) answers without writing anything.
	responded int32
	triedAt   int32 // writes when the current try started
	// uncertain is set when a try may have reached the server and failed
	// (a 5xx, or a transport error after the request was written).
	uncertain bool
	start     time.Time
	trace     httptrace.ClientTrace
}

// attemptCount is what APIError.Attempts reports: the writes, or the tries
// that were answered where nothing was written (a mocked transport).
func (st *call) attemptCount() int { return int(max(st.writes.Load(), st.responded)) }

// outcomeUnknown reports whether a failed call may still have been acted
// on: an unsafe request that reached the server without a clear answer.
func (st *call) outcomeUnknown() bool { return !st.safe && st.uncertain }

type callKey struct{}

func callFrom(ctx context.Context) *call { return ctx.Value(callKey{}).(*call) }

// Do sends the request, retrying as the policy allows, and decodes a 2xx
// JSON body into out (unless out is nil). A non-2xx status, or a 2xx body
// whose envelope reports failure (see [Failer]), is an *APIError.
func (c *Client) Do(ctx context.Context, r *Request, out any) error {
	if ctx == nil {
		return fmt.Errorf("%s: %s %s: nil context", c.api.Name, r.Method, r.Path)
	}
	st := &call{c: c, method: r.Method, path: r.Path, safe: r.Safe || (r.Method != http.MethodPost && r.Method != http.MethodPatch)}
	st.trace.WroteRequest = func(httptrace.WroteRequestInfo) { st.writes.Add(1) }
	u := c.base + r.Path
	if len(r.Query) > 0 {
		u += "?" + r.Query.Encode()
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
	req, err := retryablehttp.NewRequestWithContext(context.WithValue(ctx, callKey{}, st), r.Method, u, body)
	if err != nil {
		return fmt.Errorf("%s: %s %s: %w", c.api.Name, r.Method, r.Path, err)
	}
	h := req.Header
	for k, vs := range c.headers {
		h[k] = vs
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
			return nil
		}
		return c.apiError(st, resp)
	}
	return c.decode(st, resp, out)
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

// beforeAttempt counts tries and starts the try's clock.
func beforeAttempt(_ retryablehttp.Logger, req *http.Request, i int) {
	st := callFrom(req.Context())
	st.tries = i + 1
	st.triedAt = st.writes.Load()
	if st.c.logger != nil {
		st.start = time.Now()
	}
}

// prepareRetry runs before every retry: the limiter, and fresh credentials
// on a header copy (the previous attempt's request may still be read by
// the transport, so its header is never written again).
func prepareRetry(req *http.Request) error {
	st := callFrom(req.Context())
	if err := st.c.wait(req.Context()); err != nil {
		return err
	}
	if st.c.api.PerAttempt {
		req.Header = req.Header.Clone()
		st.c.api.Authorize(req.Header)
	}
	return nil
}

// logAttempt writes one Debug record per attempt: no header values, no
// bodies, no query strings.
func (st *call) logAttempt(ctx context.Context, resp *http.Response, err error) {
	if st.c.logger == nil {
		return
	}
	attrs := []slog.Attr{
		slog.String("api", st.c.api.Name),
		slog.String("method", st.method),
		slog.String("path", st.path),
		slog.Int("attempt", st.tries),
		slog.Duration("duration", time.Since(st.start)),
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", printable(sanitize(err).Error())))
	}
	// sent counts the writes to a connection so far: a replay inside
	// net/http shows here even though the retry loop made one attempt.
	attrs = append(attrs, slog.Int("sent", st.attemptCount()))
	st.c.logger.LogAttrs(ctx, slog.LevelDebug, "userapis: request attempt", attrs...)
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

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// preallocMax bounds the buffer reserved from a declared Content-Length:
// beyond it the buffer grows with the bytes that actually arrive, so a
// server declaring 32 MiB and sending nothing costs nothing.
const preallocMax = 256 << 10

// decode reads a 2xx body (at most MaxBody) and unmarshals it into out in
// the API's dialect. A body whose envelope reports failure is an
// *APIError, even when the rest of it did not decode.
func (c *Client) decode(st *call, resp *http.Response, out any) error {
	if out == nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
		return nil
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= 1<<20 {
			bufPool.Put(buf)
		}
	}()
	if resp.ContentLength > 0 {
		buf.Grow(int(min(resp.ContentLength+1, preallocMax)))
	}
	if _, err := buf.ReadFrom(io.LimitReader(resp.Body, MaxBody+1)); err != nil {
		st.uncertain = true // the server answered 2xx: it acted, but how is lost
		return c.requestErr(st, fmt.Errorf("reading response body: %w", err))
	}
	if buf.Len() > MaxBody {
		return c.responseErr(st, resp, fmt.Errorf("body exceeds %d MiB", MaxBody>>20))
	}
	err := json.Unmarshal(buf.Bytes(), out, c.api.JSON)
	if f, ok := out.(Failer); ok {
		if msgs, failed := f.Failure(); failed {
			e := c.newAPIError(st, resp, buf.Bytes())
			e.Messages = Printable(msgs)
			return e
		}
	}
	if err != nil {
		return c.responseErr(st, resp, fmt.Errorf("decoding %s: %w", contentKind(resp), err))
	}
	return nil
}

// responseErr is a 2xx response the SDK cannot use. For an unsafe call the
// server acted on the request, but its result is lost: the outcome is
// unknown.
func (c *Client) responseErr(st *call, resp *http.Response, err error) error {
	return &responseError{api: c.api.Name, method: st.method, path: st.path, status: resp.StatusCode,
		unknown: !st.safe, err: err}
}

func contentKind(resp *http.Response) string {
	ct := resp.Header.Get("Content-Type")
	if ct == "" {
		return "body"
	}
	return ct + " body"
}

// apiError reads at most MaxErrorBody of a non-2xx body into an APIError.
func (c *Client) apiError(st *call, resp *http.Response) error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, MaxErrorBody))
	e := c.newAPIError(st, resp, body)
	e.Messages = Printable(c.api.Messages(body))
	return e
}

func (c *Client) newAPIError(st *call, resp *http.Response, body []byte) *APIError {
	if len(body) > MaxErrorBody {
		body = body[:MaxErrorBody]
	}
	e := &APIError{
		api:        c.api.Name,
		StatusCode: resp.StatusCode,
		Method:     st.method,
		Path:       st.path,
		Body:       bytes.Clone(body),
		RequestID:  requestID(resp.Header),
		Attempts:   st.attemptCount(),
		unknown:    !st.safe && resp.StatusCode >= 500,
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		e.RetryAfter, _ = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	return e
}

// maxRequestID is the longest request id an APIError keeps.
const maxRequestID = 256

// requestID returns the first request-id header the server sent, with only
// its printable ASCII bytes and at most maxRequestID of them.
func requestID(h http.Header) string {
	for _, k := range [...]string{"X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-Requestid"} {
		if v := h.Get(k); v != "" {
			return printableID(v)
		}
	}
	return ""
}

func printableID(v string) string {
	clean := true
	for i := 0; i < len(v); i++ {
		if v[i] <= ' ' || v[i] >= 0x7f {
			clean = false
			break
		}
	}
	if clean && len(v) <= maxRequestID {
		return v
	}
	b := make([]byte, 0, min(len(v), maxRequestID))
	for i := 0; i < len(v) && len(b) < maxRequestID; i++ {
		if v[i] > ' ' && v[i] < 0x7f {
			b = append(b, v[i])
		}
	}
	return string(b)
}
