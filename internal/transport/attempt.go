package transport

import (
	"net/http"
	"net/http/httptrace"
	"strings"
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
type attemptTransport struct {
	base http.RoundTripper
}

func (t attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	st, ok := req.Context().Value(callKey{}).(*call)
	if !ok {
		return t.base.RoundTrip(req)
	}
	r := req.WithContext(httptrace.WithClientTrace(req.Context(), &st.trace)) // a shallow copy
	if !st.safe {
		r.GetBody = nil
	}
	return t.base.RoundTrip(r)
}

// withAttemptTransport returns a shallow copy of hc whose transport is
// wrapped in attemptTransport.
func withAttemptTransport(hc *http.Client) *http.Client {
	c := *hc
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	c.Transport = attemptTransport{base: base}
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
