package tenants

import "github.com/userapis/sdk/internal/transport"

// The error types are shared by every package of the SDK, so
// errors.Is(err, tenants.ErrNotFound) and errors.Is(err,
// marketplace.ErrNotFound) test the same value.
type (
	// APIError is a response the API answered with an error status. Is
	// maps 400 to [ErrBadRequest], 401 to [ErrUnauthorized], 403 to
	// [ErrForbidden], 404 to [ErrNotFound] and 5xx to [ErrServer]; Body
	// keeps the raw response body and Messages the texts decoded from it.
	APIError = transport.APIError
	// ValidationError is returned before any request is sent when the
	// input breaks a documented constraint; it lists every failing field.
	ValidationError = transport.ValidationError
	// FieldError names one failing input field by its JSON name.
	FieldError = transport.FieldError
	// RetryPolicy says how often and how long a Client retries; see
	// [WithRetryPolicy].
	RetryPolicy = transport.RetryPolicy
)

// Sentinel errors, matched with errors.Is.
var (
	// ErrBadRequest matches a 400 (Aptem's "Invalid input") or 422 response.
	ErrBadRequest = transport.ErrBadRequest
	// ErrUnauthorized matches a 401: the token is missing or wrong.
	ErrUnauthorized = transport.ErrUnauthorized
	// ErrForbidden matches a 403: the token is not allowed this tenant or call.
	ErrForbidden = transport.ErrForbidden
	// ErrNotFound matches a 404: no such user.
	ErrNotFound = transport.ErrNotFound
	// ErrConflict matches a 409.
	ErrConflict = transport.ErrConflict
	// ErrRateLimited matches a 429.
	ErrRateLimited = transport.ErrRateLimited
	// ErrServer matches any 5xx.
	ErrServer = transport.ErrServer
	// ErrInvalidInput matches a *ValidationError.
	ErrInvalidInput = transport.ErrInvalidInput
	// ErrUnexpectedResponse marks a 2xx whose body is not the JSON the
	// endpoint documents.
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

// DefaultRetryPolicy returns the policy a Client uses without
// [WithRetryPolicy]: 3 retries, backoff from 100ms to 5s, Retry-After
// honoured up to 60s.
func DefaultRetryPolicy() RetryPolicy { return transport.DefaultRetryPolicy() }
