package transport

import (
	"math"
	"net/http"
	"sync/atomic"
	"time"
	"weak"
)

// idleAfter is how long the SDK's own client may go without a request
// before its idle connections are closed.
const idleAfter = 90 * time.Second

// idleCloser closes the idle connections of the SDK's own transport once
// its client has started no attempt for a while, with one timer per
// client. The transport's IdleConnTimeout would close each connection
// after that long idle instead, but net/http stops and restarts that
// connection's timer on every request: on BenchmarkGet that cost about 3%
// of a call. What differs: while a client is in use, the connections it
// keeps idle (at most MaxIdleConnsPerHost, and fewer as servers close
// their own idle ones) stay open.
//
// The timer holds the transport only weakly: a transport no client uses
// any more is collected once its connections are closed, and its timer
// then stops.
type idleCloser struct {
	after time.Duration
	t     weak.Pointer[http.Transport]
	last  atomic.Int64 // the start of the latest attempt, Unix ns, to within a second
	timer *time.Timer
}

func newIdleCloser(t *http.Transport, after time.Duration) *idleCloser {
	c := &idleCloser{after: after, t: weak.Make(t)}
	c.last.Store(time.Now().UnixNano())
	// Armed only once c.timer is set: check re-arms it.
	c.timer = time.AfterFunc(math.MaxInt64, func() { c.check(time.Now()) })
	c.timer.Reset(after)
	return c
}

// touch records an attempt started at now. The word every goroutine
// shares is written at most once a second.
func (c *idleCloser) touch(now time.Time) {
	if n := now.UnixNano(); n-c.last.Load() >= int64(time.Second) {
		c.last.Store(n)
	}
}

// check closes the idle connections if no attempt started in the last
// c.after, and re-arms the timer for the next moment that can be true. It
// reports false, re-arming nothing, when the transport is gone.
func (c *idleCloser) check(now time.Time) bool {
	t := c.t.Value()
	if t == nil {
		return false
	}
	idle := now.Sub(time.Unix(0, c.last.Load()))
	if idle >= c.after {
		t.CloseIdleConnections()
		idle = 0
	}
	c.timer.Reset(c.after - idle)
	return true
}
