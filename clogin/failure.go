package clogin

import (
	"strings"

	"github.com/userapis/sdk/internal/transport"
)

// failureKinds maps the wording of a success:false msg onto the sentinel
// the *APIError matches besides its status. Regpack documents no failure
// body or message, so the phrases are matched case-insensitively anywhere
// in a message, and each covers the ways the same answer is likely put.
// The package doc lists them; keep the two in step.
var failureKinds = []struct {
	phrases []string
	kind    error
}{
	{[]string{"not found", "does not exist", "doesn't exist", "no such user", "not a user of", "unknown user", "unknown clogin"}, ErrNotFound},
	{[]string{"already exists", "already exist", "already in this project", "already registered", "already taken"}, ErrConflict},
}

// failureKind returns the sentinel the first message that names one
// names, or nil.
func failureKind(failed bool, body []byte) error {
	if !failed {
		return nil
	}
	for _, m := range transport.Messages(body) {
		m = strings.ToLower(m)
		for _, k := range failureKinds {
			for _, p := range k.phrases {
				if strings.Contains(m, p) {
					return k.kind
				}
			}
		}
	}
	return nil
}

var (
	_ transport.FailureClassifier = (*resultEnvelope)(nil)
	_ transport.FailureClassifier = (*listEnvelope)(nil)
)

// FailureKind names the sentinel of a success:false body's msg: a user,
// clogin id, product or status not found is ErrNotFound, an existing
// user or username ErrConflict.
func (e *resultEnvelope) FailureKind() error { return failureKind(e.failed, e.r.Raw) }

// FailureKind is [resultEnvelope.FailureKind] for get_user_list.
func (e *listEnvelope) FailureKind() error { return failureKind(e.failed, e.p.Raw) }
