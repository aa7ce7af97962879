package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
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
// as http.Client would: http.Client itself only does that cheaply for the
// RoundTrippers it knows, and for any other (this one) it spends a
// goroutine, a channel and a dozen allocations on every request.
type attemptTransport struct {
	base    http.RoundTripper
	timeout time.Duration // per attempt, until the body is closed; 0: none
	// headerTimeout bounds the wait for the response headers (the SDK's
	// own client: 30s); 0: none. It shares the attempt's one timer: a
	// ResponseHeaderTimeout on the http.Transport costs a timer of its own
	// and, measured on BenchmarkGet, 9% of a small call.
	headerTimeout time.Duration
}

func (t attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	var at *attemptTimer
	if t.timeout > 0 || t.headerTimeout > 0 {
		at = &attemptTimer{t: t, start: time.Now()}
		ctx, at.cancel = context.WithCancelCause(ctx)
		at.timer = time.AfterFunc(at.first(), at.fire)
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
	if err != nil {
		at.stop()
		if req.Context().Err() == nil {
			err = at.explain(err)
		}
		return nil, err
	}
	at.gotHeaders()
	at.body, at.caller = resp.Body, req.Context()
	resp.Body = at
	return resp, nil
}

// attemptTimer is the one timer of an attempt: first the header timeout
// (when it is the sooner), then, once the headers are in, the rest of the
// attempt's timeout. It cancels the attempt's context with a cause that
// says which and matches context.DeadlineExceeded. Once the headers are
// in it is also the response body, whose Close ends the attempt.
type attemptTimer struct {
	body    io.ReadCloser   // the response body, once there is one
	caller  context.Context // the request's context before the attempt's own
	t       attemptTransport
	cancel  context.CancelCauseFunc
	timer   *time.Timer
	start   time.Time
	headers atomic.Bool // the response headers arrived
	fired   atomic.Pointer[error]
}

// first is the timer's first duration.
func (a *attemptTimer) first() time.Duration {
	if h := a.t.headerTimeout; h > 0 && (a.t.timeout == 0 || h < a.t.timeout) {
		return h
	}
	return a.t.timeout
}

func (a *attemptTimer) fire() {
	var err error
	if a.headers.Load() || a.first() == a.t.timeout {
		err = fmt.Errorf("attempt timed out after %v: %w", a.t.timeout, context.DeadlineExceeded)
	} else {
		err = fmt.Errorf("no response headers within %v: %w", a.t.headerTimeout, context.DeadlineExceeded)
	}
	a.fired.Store(&err)
	a.cancel(err)
}

// gotHeaders moves the timer on to the attempt's own timeout, counted
// from the attempt's start, or stops it when there is none.
func (a *attemptTimer) gotHeaders() {
	a.headers.Store(true)
	if a.first() == a.t.timeout {
		return // one bound, already running
	}
	if a.t.timeout == 0 {
		a.timer.Stop()
		return
	}
	a.timer.Reset(a.t.timeout - time.Since(a.start))
}

// stop ends the attempt: the timer, and the context's resources.
func (a *attemptTimer) stop() {
	a.timer.Stop()
	a.cancel(nil)
}

// explain wraps an attempt's error with the timeout that caused it, when
// one did: net/http returns some cancellations as context.Canceled, and
// the caller must see a deadline, not a cancellation it never made.
func (a *attemptTimer) explain(err error) error {
	p := a.fired.Load()
	if p == nil || err == nil || errors.Is(err, *p) {
		return err
	}
	return fmt.Errorf("%w: %w", *p, err)
}

// Read reads the body and says so when a read fails because the timer
// fired.
func (a *attemptTimer) Read(p []byte) (int, error) {
	n, err := a.body.Read(p)
	if err != nil && err != io.EOF && a.caller.Err() == nil {
		err = a.explain(err)
	}
	return n, err
}

// Close closes the body and ends the attempt's timer.
func (a *attemptTimer) Close() error {
	err := a.body.Close()
	a.stop()
	return err
}

// withAttemptTransport returns a shallow copy of hc whose transport is
// wrapped in attemptTransport, which takes over hc's Timeout and adds
// headerTimeout (0: none).
func withAttemptTransport(hc *http.Client, headerTimeout time.Duration) *http.Client {
	c := *hc
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	c.Transport = attemptTransport{base: base, timeout: hc.Timeout, headerTimeout: headerTimeout}
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
