package transport

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Hooks let a tracer or a metrics library see every call and every
// attempt without the SDK depending on one. Either field may be nil.
type Hooks struct {
	// OnCall runs when a call starts. The context it returns goes on into
	// the call (so a span it starts is the parent of the HTTP client's
	// spans); done runs once when the call returns, with its error.
	OnCall func(ctx context.Context, c CallInfo) (context.Context, func(err error))
	// OnAttempt runs after every try, with the call's context (the one
	// OnCall returned).
	OnAttempt func(ctx context.Context, a AttemptInfo)
}

// CallInfo describes one call of a public method.
type CallInfo struct {
	API       string // "marketplace"
	Operation string // "Users.Create", the method's name as a user types it
	Method    string // HTTP method
	Route     string // path template, e.g. "/users/{user_id}": no ids, safe as a metric label
	Safe      bool   // retried on 5xx and resets
}

// AttemptInfo describes one try of a call.
type AttemptInfo struct {
	CallInfo
	Attempt    int           // 1, 2, ...
	StatusCode int           // 0 when no response
	Err        error         // transport error of this attempt, if any
	Duration   time.Duration // of this attempt
	RetryIn    time.Duration // the wait before the next attempt; 0 when none follows
}

// ResponseInfo is what [CaptureResponse] fills in when a call returns,
// after a success or an error.
type ResponseInfo struct {
	StatusCode int           // of the last attempt; 0 when no response arrived
	Header     http.Header   // response headers of the last attempt
	RequestID  string        // the server's request id, when it sent one
	Attempts   int           // times the request was written to a connection
	Duration   time.Duration // the whole call, waits included
}

// LogValue shows the status, request id, attempts, duration and the names
// of the response headers, never their values: a header can carry a cookie
// or a token.
func (r ResponseInfo) LogValue() slog.Value {
	names := make([]string, 0, len(r.Header))
	for k := range r.Header {
		names = append(names, k)
	}
	slices.Sort(names)
	return slog.GroupValue(
		slog.Int("status", r.StatusCode),
		slog.String("request_id", r.RequestID),
		slog.Int("attempts", r.Attempts),
		slog.Duration("duration", r.Duration),
		slog.String("headers", strings.Join(names, ",")),
	)
}

// CallOption changes one call only. Build one with [WithCallRetryPolicy],
// [WithCallHeader] or [CaptureResponse].
type CallOption struct {
	apply func(*callSettings)
}

// callSettings are the call options of one call, applied in order.
type callSettings struct {
	policy  *RetryPolicy
	header  http.Header
	capture *ResponseInfo
}

// WithCallRetryPolicy replaces the client's retry policy for this call
// only; its zero fields take the defaults, as in the client's. Its Budget
// is ignored: the retry budget belongs to the client.
func WithCallRetryPolicy(p RetryPolicy) CallOption {
	return CallOption{func(s *callSettings) { s.policy = &p }}
}

// WithCallHeader adds a header to this call only. Like a client's extra
// headers it goes only to the base URL's host, and a name or value net/http
// would not send fails the call with a *ValidationError before anything is
// sent.
func WithCallHeader(key, value string) CallOption {
	return CallOption{func(s *callSettings) {
		if s.header == nil {
			s.header = http.Header{}
		}
		s.header.Add(key, value)
	}}
}

// CaptureResponse fills info in when the call returns, whether it
// succeeded or not.
func CaptureResponse(info *ResponseInfo) CallOption {
	return CallOption{func(s *callSettings) { s.capture = info }}
}
