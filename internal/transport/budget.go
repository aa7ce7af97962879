package transport

import "sync"

// Retry costs in budget tokens: a retry after an error status, and a
// retry after a transport error or timeout, which costs the server more.
const (
	retryCost        = 5
	retryCostTimeout = 10
)

// budget is a client's retry token bucket, shared by every call of the
// client and of the clients derived from it. A retry takes tokens; a call
// that succeeds gives back 1, or what its retries took. When the bucket is
// empty calls are not retried, so a long outage costs about one request a
// call instead of four. A nil budget is unlimited.
type budget struct {
	mu     sync.Mutex
	tokens int
	max    int
}

func newBudget(tokens int) *budget {
	if tokens < 0 {
		return nil
	}
	return &budget{tokens: tokens, max: tokens}
}

// take removes n tokens if there are that many.
func (b *budget) take(n int) bool {
	if b == nil {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.tokens < n {
		return false
	}
	b.tokens -= n
	return true
}

// give returns n tokens, up to the bucket's size.
func (b *budget) give(n int) {
	if b == nil {
		return
	}
	b.mu.Lock()
	b.tokens = min(b.tokens+n, b.max)
	b.mu.Unlock()
}
