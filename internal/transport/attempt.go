package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
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
}

func (t attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	var at *attempt
	var now time.Time // read once, for the deadlines and the idle closer
	if total, header := t.bounds(ctx); total != nil || header != nil {
		at = &attempt{total: slot{q: total}, header: slot{q: header}}
		ctx, at.cancel = context.WithCancelCause(ctx)
		now = time.Now()
		at.total.add(at.cancel, now)
		at.header.add(at.cancel, now)
	}
	if t.idle != nil {
		if now.IsZero() {
			now = time.Now()
		}
		t.idle.touch(now)
	}
	st, ok := ctx.Value(callKey{}).(*call)
	if ok {
		ctx = httptrace.WithClientTrace(ctx, &st.trace)
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
	at.body, at.caller = resp.Body, req.Context()
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

// attempt is one attempt's place in its client's deadlines and, once the
// headers are in, its response body, whose Close ends the attempt.
type attempt struct {
	total, header slot
	cancel        context.CancelCauseFunc
	body          io.ReadCloser   // the response body, once there is one
	caller        context.Context // the request's context before the attempt's own
}

// slot is an attempt's place in one deadlines queue; q is nil when the
// attempt has no such bound.
type slot struct {
	q *deadlines
	w waiter
}

func (s *slot) add(cancel context.CancelCauseFunc, now time.Time) {
	if s.q != nil {
		s.q.add(&s.w, cancel, now)
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
// the context's resources released.
func (a *attempt) stop() {
	a.total.remove()
	a.cancel(nil)
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
	if tr, ok := base.(*http.Transport); ok && idle > 0 {
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
