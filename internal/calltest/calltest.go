// Package calltest records what the SDK's hooks see, for the packages'
// tests of call options and hooks.
package calltest

import (
	"context"
	"sync"

	"github.com/userapis/sdk/internal/transport"
)

// Recorder collects every OnCall, OnAttempt and done of a client's hooks;
// it is safe for concurrent use.
type Recorder struct {
	mu       sync.Mutex
	calls    []transport.CallInfo
	attempts []transport.AttemptInfo
	dones    []error
}

// Hooks returns hooks that record into r.
func (r *Recorder) Hooks() transport.Hooks {
	return transport.Hooks{
		OnCall: func(ctx context.Context, c transport.CallInfo) (context.Context, func(error)) {
			r.mu.Lock()
			r.calls = append(r.calls, c)
			r.mu.Unlock()
			return ctx, func(err error) {
				r.mu.Lock()
				r.dones = append(r.dones, err)
				r.mu.Unlock()
			}
		},
		OnAttempt: func(_ context.Context, a transport.AttemptInfo) {
			r.mu.Lock()
			r.attempts = append(r.attempts, a)
			r.mu.Unlock()
		},
	}
}

// Take returns what was recorded since the last Take and starts afresh.
func (r *Recorder) Take() (calls []transport.CallInfo, attempts []transport.AttemptInfo, dones []error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	calls, attempts, dones = r.calls, r.attempts, r.dones
	r.calls, r.attempts, r.dones = nil, nil, nil
	return calls, attempts, dones
}
