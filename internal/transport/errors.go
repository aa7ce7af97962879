package transport

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Sentinel errors. [APIError.Is] maps HTTP statuses onto them so callers can
// write errors.Is(err, ErrNotFound) whatever the package.
var (
	ErrBadRequest   = errors.New("bad request")
	ErrUnauthorized = errors.New("unauthorized")
	ErrForbidden    = errors.New("forbidden")
	ErrNotFound     = errors.New("not found")
	ErrConflict     = errors.New("conflict")
	ErrRateLimited  = errors.New("rate limited")
	ErrServer       = errors.New("server error")
	ErrInvalidInput = errors.New("invalid input")

	// ErrUnexpectedResponse marks a 2xx response whose body is not the JSON
	// the endpoint documents (empty, truncated, HTML, wrong shape) or is too
	// large to read.
	ErrUnexpectedResponse = errors.New("unexpected response")

	// ErrRedirectRefused marks a redirect the SDK will not follow: to another
	// host or scheme, where the credentials must not go.
	ErrRedirectRefused = errors.New("redirect refused")

	// ErrOutcomeUnknown marks a call that is not safe to repeat (a create)
	// and failed after its request was written: a 5xx, a connection reset
	// or a timeout while waiting for the answer, a 2xx whose body could not
	// be read. The server may have acted on it, so look before creating
	// again. A call that failed before anything was sent, or with a 4xx,
	// never matches it.
	ErrOutcomeUnknown = errors.New("outcome unknown: the server may have acted on the request")
)

// MaxErrorBody is how much of an error response body an APIError keeps.
const MaxErrorBody = 64 << 10

// APIError is an HTTP response the API answered with an error: a non-2xx
// status, or a 2xx whose body says it failed (result:false, success:false).
type APIError struct {
	StatusCode int           // HTTP status; 200 when the body said result:false / success:false
	Method     string        // request method
	Path       string        // request path relative to the base URL, never the query string
	Messages   []string      // the vendor's own error texts, decoded from its error body
	Body       []byte        // raw response body, at most 64 KiB kept
	RequestID  string        // from a request-id header where the server sends one
	RetryAfter time.Duration // parsed Retry-After, 0 if none
	Attempts   int           // times the request was written to a connection, replays inside net/http included

	api     string // the package that made the call, prefixed to Error()
	unknown bool   // an unsafe call answered 5xx: see ErrOutcomeUnknown
	kind    error  // the sentinel a failure body named (see FailureClassifier), or nil
}

// Error reads like "marketplace: GET /users/u_1: 404 Not Found: first message".
func (e *APIError) Error() string {
	var b strings.Builder
	if e.api != "" {
		b.WriteString(e.api)
		b.WriteString(": ")
	}
	b.WriteString(e.Method)
	b.WriteByte(' ')
	b.WriteString(e.Path)
	b.WriteString(": ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteByte(' ')
		b.WriteString(t)
	}
	if len(e.Messages) > 0 {
		b.WriteString(": ")
		b.WriteString(printable(e.Messages[0]))
		if n := len(e.Messages) - 1; n > 0 {
			b.WriteString(" (and " + strconv.Itoa(n) + " more)")
		}
	}
	if e.RetryAfter > 0 {
		b.WriteString(" (retry after " + e.RetryAfter.String() + ")")
	}
	return b.String()
}

// Is reports whether target is the sentinel for e's status: 400 and 422
// ErrBadRequest, 401 ErrUnauthorized, 403 ErrForbidden, 404 ErrNotFound,
// 409 ErrConflict, 429 ErrRateLimited, 5xx ErrServer; a 5xx answer to a
// call that is not safe to repeat also matches ErrOutcomeUnknown, and a
// failure body the vendor's envelope classified (see FailureClassifier)
// matches the sentinel it named, whatever the status.
func (e *APIError) Is(target error) bool {
	if e.kind != nil && target == e.kind {
		return true
	}
	switch target {
	case ErrOutcomeUnknown:
		return e.unknown
	case ErrBadRequest:
		return e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusUnprocessableEntity
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500 && e.StatusCode <= 599
	}
	return false
}

// FieldError names one input field that failed client-side validation.
type FieldError struct {
	Field  string // the field's JSON name, e.g. "postalCode"
	Reason string // why it was refused, e.g. "must be a Dutch postal code"
}

// String returns "field: reason".
func (f FieldError) String() string { return f.Field + ": " + f.Reason }

// ValidationError is returned before any request is sent when the input
// breaks a documented constraint. It lists every failing field at once.
type ValidationError struct {
	Op     string       // the operation, e.g. "classifieds: Users.Create"
	Fields []FieldError // every failing field, in the order checked
}

// Error lists the operation and every failing field.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	b.WriteString(": invalid input")
	for i, f := range e.Fields {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(f.String())
	}
	return b.String()
}

// Is reports whether target is ErrInvalidInput.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidInput }

// Field returns the reason the named field failed, or "" if it did not.
func (e *ValidationError) Field(name string) string {
	for _, f := range e.Fields {
		if f.Field == name {
			return f.Reason
		}
	}
	return ""
}

// responseError is a 2xx response the SDK could not use.
type responseError struct {
	api, method, path string
	status            int
	unknown           bool // an unsafe call: the server acted, the result is lost
	err               error
}

// Error names the call and why its body was refused, in one printable
// line: a decoder's message can quote the body, which is the server's text.
func (e *responseError) Error() string {
	return e.api + ": " + e.method + " " + e.path + ": " + strconv.Itoa(e.status) + " response: " + clip(printable(e.err.Error()), 300)
}

// clip cuts s to at most n bytes, at a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}

func (e *responseError) Unwrap() []error {
	if e.unknown {
		return []error{ErrUnexpectedResponse, ErrOutcomeUnknown, e.err}
	}
	return []error{ErrUnexpectedResponse, e.err}
}

// requestError is a failure to get any response: transport errors, context
// cancellation, refused redirects. It unwraps to the underlying error so
// errors.Is(err, context.Canceled) and errors.As(err, **url.Error) hold.
type requestError struct {
	api, method, path string
	tries             int  // tries of the retry loop, written or not
	unknown           bool // written, then failed: see ErrOutcomeUnknown
	err               error
}

func (e *requestError) Error() string {
	s := e.api + ": " + e.method + " " + e.path + ": " + clip(printable(e.err.Error()), 300)
	if e.tries > 1 {
		s += " (after " + strconv.Itoa(e.tries) + " attempts)"
	}
	if e.unknown {
		s += " (the server may have acted on it)"
	}
	return s
}

func (e *requestError) Unwrap() error { return e.err }

// Is reports whether target is ErrOutcomeUnknown and the request may have
// been acted on.
func (e *requestError) Is(target error) bool { return target == ErrOutcomeUnknown && e.unknown }
