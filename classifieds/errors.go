package classifieds

import "github.com/userapis/sdk/internal/transport"

// The error types every package of the SDK shares, re-exported so callers
// need only this package. errors.Is(err, classifieds.ErrNotFound) and
// errors.Is(err, marketplace.ErrNotFound) test the same value.
type (
	// APIError is a response the API answered with an error: a non-2xx
	// status, or any status whose envelope says "result": false (then
	// StatusCode is the HTTP status, usually 200, and Messages holds the
	// envelope's "errors").
	APIError = transport.APIError
	// ValidationError is returned before any request is sent when the input
	// breaks a documented constraint; it lists every failing field by its
	// JSON name.
	ValidationError = transport.ValidationError
	// FieldError names one field of a ValidationError and why it failed.
	FieldError = transport.FieldError
	// RetryPolicy says how often and how long the client retries.
	RetryPolicy = transport.RetryPolicy
)

// Sentinel errors, matched with errors.Is. An *APIError matches the one for
// its HTTP status; a *ValidationError matches ErrInvalidInput.
var (
	ErrBadRequest   = transport.ErrBadRequest   // 400 or 422
	ErrUnauthorized = transport.ErrUnauthorized // 401: wrong key, or the caller's IP is not whitelisted
	ErrForbidden    = transport.ErrForbidden    // 403
	ErrNotFound     = transport.ErrNotFound     // 404, or a user missing from a successful Get
	ErrConflict     = transport.ErrConflict     // 409
	ErrRateLimited  = transport.ErrRateLimited  // 429, e.g. a sixth GenerateActivation within an hour
	ErrServer       = transport.ErrServer       // any 5xx
	ErrInvalidInput = transport.ErrInvalidInput // client-side validation, nothing sent
	// ErrUnexpectedResponse marks a 2xx response that is not the envelope
	// the API documents (not JSON, no "result", a user missing from data).
	ErrUnexpectedResponse = transport.ErrUnexpectedResponse

	// ErrRedirectRefused marks a redirect the SDK would not follow: to
	// another host or from https to http, where credentials must not go.
	ErrRedirectRefused = transport.ErrRedirectRefused

	// ErrOutcomeUnknown marks a call that is not safe to repeat (a create)
	// and failed after its request was written: a 5xx, a reset, a timeout
	// waiting for the answer, a 2xx body that could not be read. The server
	// may have acted: look before creating again. A call that failed before
	// anything was sent, or with a 4xx, never matches it.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
)

// DefaultRetryPolicy returns the policy used when [WithRetryPolicy] is not
// given: 3 retries, backoff from 100ms to 5s, Retry-After honoured up to 60s.
func DefaultRetryPolicy() RetryPolicy { return transport.DefaultRetryPolicy() }
