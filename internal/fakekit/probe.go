package fakekit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
)

// Probe is one request made of arbitrary parts, as a fuzz target builds
// it: the fake must answer it, never panic, and never answer 5xx unless
// a failure was injected.
type Probe struct {
	Method string // not a valid HTTP token: sent as GET
	Path   string // the request target's path, escaped as on the wire
	Query  string // the raw query, without '?'
	Header http.Header
	Body   []byte
}

// Serve hands p to the kit's whole handler (request counting, injected
// failures, the credential check, the body limit, the fake's routes) in
// process, shaped as net/http's server would hand it over. A panic in
// the handler is not recovered: the caller sees it. ok is false when p
// is not a request net/http's server would accept (an unparsable
// target): nothing was served.
func (k *Kit) Serve(p Probe) (rec *httptest.ResponseRecorder, ok bool) {
	if !isToken(p.Method) {
		p.Method = http.MethodGet
	}
	target := "/" + strings.TrimPrefix(p.Path, "/")
	if p.Query != "" {
		target += "?" + p.Query
	}
	u, err := url.ParseRequestURI(target)
	if err != nil || strings.ContainsAny(target, " \t\r\n") {
		return nil, false
	}
	r := &http.Request{
		Method:        p.Method,
		URL:           u,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        p.Header,
		Body:          io.NopCloser(bytes.NewReader(p.Body)),
		ContentLength: int64(len(p.Body)),
		Host:          strings.TrimPrefix(k.URL(), "http://"),
		RemoteAddr:    "127.0.0.1:1",
		RequestURI:    target,
	}
	if r.Header == nil {
		r.Header = http.Header{}
	}
	rec = httptest.NewRecorder()
	k.handler.ServeHTTP(rec, r)
	return rec, true
}

// CheckAnswer returns why rec is not an answer a client can act on, or
// nil: a status below 500 (or injected, the status of a failure the test
// injected), and for 4xx and 5xx a JSON body in the vendor's error
// format, which isError recognises. A nil isError accepts any JSON.
func CheckAnswer(rec *httptest.ResponseRecorder, injected int, isError func(status int, body []byte) bool) error {
	status, body := rec.Code, rec.Body.Bytes()
	switch {
	case status >= 500 && status != injected:
		return fmt.Errorf("status %d: %s", status, body)
	case status < 400:
		return nil
	case isError != nil:
		if !isError(status, body) {
			return fmt.Errorf("status %d: not the vendor's error format: %q", status, body)
		}
	case !json.Valid(body):
		return fmt.Errorf("status %d: error body is not JSON: %q", status, body)
	}
	return nil
}

// IsError reports whether body is an error in the fake's own format: a
// JSON object holding every top-level key its WriteError writes (more
// keys may follow, e.g. a field map beside the message).
func (k *Kit) IsError(status int, body []byte) bool {
	rec := httptest.NewRecorder()
	k.opts.WriteError(rec, status, "x")
	var want, got map[string]json.RawMessage
	if json.Unmarshal(rec.Body.Bytes(), &want) != nil || json.Unmarshal(body, &got) != nil || got == nil {
		return false
	}
	for key := range want {
		if _, ok := got[key]; !ok {
			return false
		}
	}
	return true
}

// isToken reports whether s is an HTTP token (RFC 9110), as a method
// must be.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}
