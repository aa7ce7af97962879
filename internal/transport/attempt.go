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
// as http.Client would: http.Client itself only does that cheaply for the
// RoundTrippers it knows, and for any other (this one) it spends a
// goroutine, a channel and a dozen allocations on every request.
type attemptTransport struct {
	base    http.RoundTripper
	timeout time.Duration // per attempt, until the body is closed; 0: none
}

func (t attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	var cancel context.CancelFunc
	if t.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, t.timeout)
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
	if cancel == nil {
		return resp, err
	}
	if err != nil {
		cancel()
		if req.Context().Err() == nil && errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("attempt timed out after %v: %w", t.timeout, err)
		}
		return nil, err
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// cancelBody ends the attempt's timeout when the body is closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// withAttemptTransport returns a shallow copy of hc whose transport is
// wrapped in attemptTransport, which takes over hc's Timeout.
func withAttemptTransport(hc *http.Client) *http.Client {
	c := *hc
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	c.Transport = attemptTransport{base: base, timeout: hc.Timeout}
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
