// Package decodecheck holds the invariants the SDK's fuzz targets assert:
// on the outcome of every public call ([Outcome]), and that generated
// decoders read as the reflective dialect does ([SameAsReflective]).
package decodecheck

import (
	"errors"
	"strings"
	"testing"

	"github.com/userapis/sdk/internal/transport"
)

// Outcome asserts what every public call must give for any
// status and body: a result or an error, never both and never neither; an
// error from a non-2xx status is an *APIError with that status; an error
// from a 2xx is an *APIError (the body said it failed) or matches
// ErrUnexpectedResponse or ErrNotFound; and the error is one printable line.
func Outcome(t *testing.T, status int, hasResult bool, err error) {
	t.Helper()
	if err == nil {
		if !hasResult && status != 204 {
			t.Fatalf("status %d: no result and no error", status)
		}
		if status < 200 || status > 299 {
			t.Fatalf("status %d gave no error", status)
		}
		return
	}
	if hasResult {
		t.Fatalf("status %d: both a result and an error: %v", status, err)
	}
	var ae *transport.APIError
	isAPI := errors.As(err, &ae)
	switch {
	case status >= 300 && (!isAPI || ae.StatusCode != status):
		t.Fatalf("status %d: want an *APIError with that status, got %v", status, err)
	case status < 300 && !isAPI && !errors.Is(err, transport.ErrUnexpectedResponse) && !errors.Is(err, transport.ErrNotFound):
		// A 2xx may still say "not found" in its own way (an empty list
		// where one user was asked for).
		t.Fatalf("status %d: want an *APIError, ErrUnexpectedResponse or ErrNotFound, got %v", status, err)
	}
	if msg := err.Error(); strings.ContainsAny(msg, "\r\n\x1b") {
		t.Fatalf("error is not one printable line: %q", msg)
	}
}
