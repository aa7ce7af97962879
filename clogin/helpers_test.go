package clogin

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// testCreds are the credentials the recording server expects.
var testCreds = Credentials{APIUser: "api-admin@example.com", APIToken: "cd8c417d-7cde-4bbe-83fc-94fccd7c0379", APIID: 23218}

// fixedNow is the clock of the request tests: 2024-07-31 12:00:00 UTC.
var fixedNow = time.Date(2024, 7, 31, 12, 0, 0, 0, time.UTC)

// captured is one request as the server saw it.
type captured struct {
	Method, Path string
	Header       http.Header
	Body         []byte
}

// recorder is a loopback server that records every request and answers
// from a queue of (status, body) replies, repeating the last.
type recorder struct {
	*httptest.Server
	mu      sync.Mutex
	reqs    []captured
	replies []reply
}

type reply struct {
	status int
	body   string
}

const okBody = `{"success":true,"msg":"ok","user_info":{"clogin_id":"5550001","group_id":"7770001","connected_to":"5550001"},"meta_info":{}}`

func newRecorder(t *testing.T, replies ...reply) *recorder {
	t.Helper()
	if len(replies) == 0 {
		replies = []reply{{200, okBody}}
	}
	r := &recorder{replies: replies}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.reqs = append(r.reqs, captured{req.Method, req.URL.Path, req.Header.Clone(), b})
		rep := r.replies[0]
		if len(r.replies) > 1 {
			r.replies = r.replies[1:]
		}
		r.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rep.status)
		_, _ = io.WriteString(w, rep.body)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *recorder) requests() []captured {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]captured(nil), r.reqs...)
}

// client builds a Client for r with the fixed clock and fast retries.
func (r *recorder) client(t *testing.T, opts ...Option) *Client {
	t.Helper()
	base := []Option{
		WithBaseURL(r.URL),
		WithCredentials(testCreds),
		withClock(func() time.Time { return fixedNow }),
		WithRetryPolicy(RetryPolicy{MaxRetries: 2, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond}),
	}
	c, err := NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c
}
