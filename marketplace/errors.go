package marketplace

import "github.com/userapis/sdk/internal/transport"

// The error types every package of the SDK shares, re-exported so callers
// need only this package: errors.As(err, new(*marketplace.APIError)).
type (
	// APIError is a response the API answered with an error status. Its
	// Messages hold the vendor's texts; for FastAPI's 422 bodies each one
	// names its field from "loc", e.g. "email: field required".
	APIError = transport.APIError
	// ValidationError is returned before any request is sent when the
	// input breaks a documented rule; it lists every failing field.
	ValidationError = transport.ValidationError
	// FieldError names one field of a ValidationError by its JSON name.
	FieldError = transport.FieldError
	// RetryPolicy says how often and how long requests are retried; see
	// [WithRetryPolicy].
	RetryPolicy = transport.RetryPolicy
)

// Sentinel errors, the same values in every package of the SDK. An
// *APIError matches the one for its status with errors.Is.
var (
	ErrBadRequest   = transport.ErrBadRequest   // 400 and 422
	ErrUnauthorized = transport.ErrUnauthorized // 401
	ErrForbidden    = transport.ErrForbidden    // 403
	ErrNotFound     = transport.ErrNotFound     // 404, also with an empty body
	ErrConflict     = transport.ErrConflict     // 409
	ErrRateLimited  = transport.ErrRateLimited  // 429
	ErrServer       = transport.ErrServer       // 5xx
	ErrInvalidInput = transport.ErrInvalidInput // a *ValidationError, nothing sent

	// ErrUnexpectedResponse marks a 2xx response whose body is not the
	// JSON the endpoint documents.
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
