package transport

import "sync/atomic"

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
	tokens atomic.Int64
	max    int64
}

func newBudget(tokens int) *budget {
	if tokens < 0 {
		return nil
	}
	b := &budget{max: int64(tokens)}
	b.tokens.Store(int64(tokens))
	return b
}

// take removes n tokens if there are that many.
func (b *budget) take(n int) bool {
	if b == nil {
		return true
	}
	for {
		t := b.tokens.Load()
		if t < int64(n) {
			return false
		}
		if b.tokens.CompareAndSwap(t, t-int64(n)) {
			return true
		}
	}
}

// give returns n tokens, up to the bucket's size. A full bucket, the
// common case, costs one atomic load: every successful call gives, and a
// lock here was shared by every goroutine using the client.
func (b *budget) give(n int) {
	if b == nil {
		return
	}
	for {
		t := b.tokens.Load()
		if t >= b.max {
			return
		}
		if b.tokens.CompareAndSwap(t, min(t+int64(n), b.max)) {
			return
		}
	}
}
