package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// attemptTransport sits between retryablehttp's http.Client and the real
// RoundTripper (the SDK's pooled transport or the caller's). It does three
// things no option of net/http can:
//
//   - It counts every time a request is written to a connection, through
//     httptrace, so a replay inside net/http (HTTP/2 re-sends a request
//     after some stream errors) shows in Attempts and cannot hide.
//   - For a request that is not safe to send twice it removes GetBody, the
//     one thing net/http needs to replay a body: after an HTTP/2
//     RST_STREAM or a broken HTTP/1 connection it then returns the error
//     instead of sending the create again. (http.Client keeps its own
//     GetBody for redirects, which are guarded elsewhere.)
//   - It has no CloseIdleConnections method. retryablehttp closes the idle
//     connections of its client whenever a call gives up; through this
//     wrapper that is a no-op, so one failing call does not empty the pool
//     that every other goroutine (or the caller's other services) use.
//
// It also applies the client's Timeout to each attempt, headers and body,
// as http.Client would, and the SDK's own client's header timeout, through
// [deadlines]: http.Client only does the first cheaply for the
// RoundTrippers it knows, and for any other (this one) it spends a
// goroutine, a channel and a dozen allocations on every request; a
// ResponseHeaderTimeout on the http.Transport costs a timer of its own per
// request.
type attemptTransport struct {
	base http.RoundTripper
	// total ends an attempt that lasts longer than the client's Timeout,
	// headers and body; header one whose response headers take longer
	// than the header timeout (the SDK's own client: 30s). nil: none. They
	// are shared by every copy of the client.
	total, header *deadlines
	// idle closes the idle connections of the SDK's own transport when
	// the client goes unused; nil for a caller's client.
	idle *idleCloser
	// direct is set when base is an *http.Transport, which derives its
	// context from the request's directly: the attempt is then that
	// context itself (see attempt). Any other RoundTripper may put a
	// context of its own in between (a tracing wrapper adding a value),
	// under which net/http would spend a goroutine per request following
	// an attempt of the SDK's type; there the attempt's context is
	// context.WithCancelCause's, which the context package follows through
	// any values.
	direct bool
}

func (t attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	st, ok := ctx.Value(callKey{}).(*call)
	if ok {
		ctx = httptrace.WithClientTrace(ctx, &st.trace)
	}
	var at *attempt
	var now time.Time // read once, for the deadlines and the idle closer
	if total, header := t.bounds(ctx); total != nil || header != nil {
		// The attempt goes on top, over the trace: net/http registers
		// with it through AfterFunc only when it is the request's context
		// itself; under a context of the context package's, it would
		// spend a goroutine per request.
		at = &attempt{caller: ctx, total: slot{q: total}, header: slot{q: header}}
		if t.direct {
			at.follow()
			ctx = at
		} else {
			ctx, at.cancel = context.WithCancelCause(ctx)
		}
		now = time.Now()
		at.total.add(at, now)
		at.header.add(at, now)
	}
	if t.idle != nil {
		if now.IsZero() {
			now = time.Now()
		}
		t.idle.touch(now)
	}
	r := req.WithContext(ctx) // a shallow copy
	if ok && !st.safe {
		r.GetBody = nil
	}
	resp, err := t.base.RoundTrip(r)
	if at == nil {
		return resp, err
	}
	at.header.remove()
	if err != nil {
		at.stop()
		if req.Context().Err() == nil {
			err = at.explain(err)
		}
		return nil, err
	}
	at.body = resp.Body
	resp.Body = at
	return resp, nil
}

// bounds returns the deadlines an attempt made with ctx needs: not one
// that the caller's own deadline would end first (as http.Client skips
// its Timeout then). A caller whose deadline is sooner than both costs no
// attempt context at all.
func (t attemptTransport) bounds(ctx context.Context) (total, header *deadlines) {
	total, header = t.total, t.header
	if dl, ok := ctx.Deadline(); ok && (total != nil || header != nil) {
		left := time.Until(dl)
		if total != nil && left <= total.d {
			total = nil
		}
		if header != nil && left <= header.d {
			header = nil
		}
	}
	return total, header
}

// attempt is one attempt: its place in its client's deadlines, the
// context the request is sent with, and, once the headers are in, its
// response body, whose Close ends the attempt.
//
// It is a context of its own rather than context.WithCancelCause's: a
// context net/http derives its own from (as it does for every request)
// registers with it through AfterFunc, in a field, instead of a map in a
// *cancelCtx, and a caller's context without a Done channel (Background
// and its values) costs nothing to follow. Measured on 64 goroutines
// sharing a client, WithCancelCause cost 4% of a tenants Users.Get.
type attempt struct {
	caller        context.Context // the request's context before the attempt's own
	total, header slot
	body          io.ReadCloser // the response body, once there is one

	// cancel ends the attempt's context when it is context.WithCancelCause's
	// (attemptTransport.direct unset); nil when the attempt is its own
	// context.
	cancel context.CancelCauseFunc

	ended atomic.Bool // err is set
	mu    sync.Mutex
	err   error         // context.Canceled or DeadlineExceeded once the attempt ended
	done  chan struct{} // made by the first Done, closed when the attempt ends
	// stopCaller stops following the caller's context; nil when it has no
	// Done channel.
	stopCaller func() bool
	// after is the function the first AfterFunc registered (net/http's
	// context), until it runs or is stopped; more holds any others.
	after     func()
	afterUsed bool
	more      []*func()
}

// Deadline is the caller's: the attempt's own deadlines are the client's
// bounds, which the caller did not set.
func (a *attempt) Deadline() (time.Time, bool) { return a.caller.Deadline() }

// Value is the caller's.
func (a *attempt) Value(key any) any { return a.caller.Value(key) }

// Done is closed when the attempt ends: its body closed, a deadline
// passed, or the caller's context done.
func (a *attempt) Done() <-chan struct{} {
	a.mu.Lock()
	if a.done == nil {
		a.done = make(chan struct{})
		if a.err != nil {
			close(a.done)
		}
	}
	d := a.done
	a.mu.Unlock()
	return d
}

// Err is nil while the attempt runs, then context.Canceled (its body
// closed, or the caller's cancellation) or context.DeadlineExceeded. A
// caller's cancellation reaches it through context.AfterFunc, a moment
// later, as it reaches any context the context package does not know.
func (a *attempt) Err() error {
	if !a.ended.Load() {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
}

// AfterFunc runs f when the attempt ends (context.AfterFunc and every
// context derived from the attempt's use it). f runs at once, in a
// goroutine of its own, if the attempt has ended already.
func (a *attempt) AfterFunc(f func()) (stop func() bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.err != nil {
		go f()
		return func() bool { return false }
	}
	if !a.afterUsed {
		a.after, a.afterUsed = f, true
		return a.stopAfter
	}
	p := &f
	a.more = append(a.more, p)
	return func() bool {
		a.mu.Lock()
		defer a.mu.Unlock()
		for i, q := range a.more {
			if q == p {
				a.more = append(a.more[:i], a.more[i+1:]...)
				return true
			}
		}
		return false
	}
}

// stopAfter stops the first AfterFunc's function.
func (a *attempt) stopAfter() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	stopped := a.after != nil
	a.after = nil
	return stopped
}

// end ends the attempt's context with err, once: Done closed, the
// AfterFunc functions run (net/http's, which cancels its own context).
// cause is what a context.WithCancelCause attempt is cancelled with.
func (a *attempt) end(err, cause error) {
	if a.cancel != nil {
		a.cancel(cause)
		return
	}
	a.mu.Lock()
	if a.err != nil {
		a.mu.Unlock()
		return
	}
	a.err = err
	a.ended.Store(true)
	if a.done != nil {
		close(a.done)
	}
	f, more, stop := a.after, a.more, a.stopCaller
	a.after, a.more = nil, nil
	a.mu.Unlock()
	if f != nil {
		f()
	}
	for _, p := range more {
		(*p)()
	}
	if stop != nil {
		stop()
	}
}

// follow makes the caller's cancellation end the attempt, when the
// caller's context can be done at all: at once if it is done already, so
// that nothing is sent.
func (a *attempt) follow() {
	if a.caller.Done() == nil {
		return
	}
	if err := a.caller.Err(); err != nil {
		a.end(err, nil)
		return
	}
	stop := context.AfterFunc(a.caller, a.callerDone) // may run at once: a caller already done
	a.mu.Lock()
	a.stopCaller = stop
	a.mu.Unlock()
}

// callerDone ends the attempt when the caller's context is done.
func (a *attempt) callerDone() { a.end(a.caller.Err(), nil) }

// deadline ends the attempt when one of its deadlines passed (the slot
// records which, for explain).
func (a *attempt) deadline(cause error) { a.end(context.DeadlineExceeded, cause) }

// String names the context, as the context package's do.
func (a *attempt) String() string { return "userapis attempt" }

// slot is an attempt's place in one deadlines queue; q is nil when the
// attempt has no such bound.
type slot struct {
	q *deadlines
	w waiter
}

func (s *slot) add(c canceler, now time.Time) {
	if s.q != nil {
		s.q.add(&s.w, c, now)
	}
}

func (s *slot) remove() {
	if s.q != nil {
		s.q.remove(&s.w)
	}
}

// cause is the slot's deadline error if its deadline passed.
func (s *slot) cause() error {
	if s.q != nil && s.w.fired.Load() {
		return s.q.cause
	}
	return nil
}

// stop ends the attempt: out of the total deadline (RoundTrip left the
// header one when the headers or an error came, before any stop), and
// its context ended.
func (a *attempt) stop() {
	a.total.remove()
	a.end(context.Canceled, nil)
}

// explain wraps an attempt's error with the deadline that caused it, when
// one did: net/http returns some cancellations as context.Canceled, and
// the caller must see a deadline, not a cancellation it never made.
func (a *attempt) explain(err error) error {
	cause := a.header.cause()
	if cause == nil {
		cause = a.total.cause()
	}
	if cause == nil || err == nil || errors.Is(err, cause) {
		return err
	}
	return fmt.Errorf("%w: %w", cause, err)
}

// Read reads the body and says so when a read fails because a deadline
// passed.
func (a *attempt) Read(p []byte) (int, error) {
	n, err := a.body.Read(p)
	if err != nil && err != io.EOF && a.caller.Err() == nil {
		err = a.explain(err)
	}
	return n, err
}

// Close closes the body and ends the attempt.
func (a *attempt) Close() error {
	err := a.body.Close()
	a.stop()
	return err
}

// withAttemptTransport returns a shallow copy of hc whose transport is
// wrapped in attemptTransport, which takes over hc's Timeout and adds
// headerTimeout (0: none; also none when hc's Timeout is shorter), and
// closes the idle connections of hc's *http.Transport once no attempt
// started for idle (0: never; see idleCloser).
func withAttemptTransport(hc *http.Client, headerTimeout, idle time.Duration) *http.Client {
	c := *hc
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	t := attemptTransport{base: base}
	if hc.Timeout > 0 {
		t.total = newDeadlines(hc.Timeout, timeoutCause("attempt timed out after %v", hc.Timeout))
	}
	if headerTimeout > 0 && (hc.Timeout == 0 || headerTimeout < hc.Timeout) {
		t.header = newDeadlines(headerTimeout, timeoutCause("no response headers within %v", headerTimeout))
	}
	tr, direct := base.(*http.Transport)
	t.direct = direct
	if direct && idle > 0 {
		t.idle = newIdleCloser(tr, idle)
	}
	c.Transport = t
	c.Timeout = 0
	return &c
}

// unprocessedH2 reports whether err is net/http's refusal to replay a
// request that the HTTP/2 protocol guarantees the server did not process:
// a stream refused with REFUSED_STREAM, or one above the last stream id of
// a GOAWAY. With GetBody removed net/http returns these as text only
// ("cannot retry err [...] after Request.Body was written"), so the text is
// what can be matched. A PROTOCOL_ERROR reset is not among them: the
// server may have acted on the request.
func unprocessedH2(err error) bool {
	s := err.Error()
	i := strings.Index(s, "http2: Transport: cannot retry err [")
	if i < 0 {
		return false
	}
	s = s[i:]
	return strings.Contains(s, "; REFUSED_STREAM") || strings.Contains(s, "graceful shutdown GOAWAY]")
}
