package tenants_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/transport"
	"github.com/userapis/sdk/tenants"
)

const testToken = "tok-secret-123"

// fastRetries keeps the retry tests quick.
var fastRetries = tenants.RetryPolicy{MaxRetries: 2, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond}

// recorded is one request as the server saw it.
type recorded struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   []byte
}

// recorder is a loopback server that records every request and answers
// each with the same status and body.
type recorder struct {
	*httptest.Server
	mu     sync.Mutex
	reqs   []recorded
	status int
	body   string
}

func newRecorder(t *testing.T, status int, body string) *recorder {
	t.Helper()
	rec := &recorder{status: status, body: body}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, recorded{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), b})
		rec.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rec.status)
		_, _ = io.WriteString(w, rec.body)
	}))
	t.Cleanup(rec.Close)
	return rec
}

// client returns a client for tenant "acme" against the recorder.
func (rec *recorder) client(t *testing.T, opts ...tenants.Option) *tenants.Client {
	t.Helper()
	all := append([]tenants.Option{
		tenants.WithBaseURL(rec.URL + "/api/1.0"), tenants.WithTenant("acme"),
		tenants.WithToken(testToken), tenants.WithRetryPolicy(fastRetries),
	}, opts...)
	c, err := tenants.NewClient(all...)
	require.NoError(t, err)
	return c
}

// requests returns what the server received so far.
func (rec *recorder) requests() []recorded {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]recorded(nil), rec.reqs...)
}

// only returns the single request the server received.
func (rec *recorder) only(t *testing.T) recorded {
	t.Helper()
	reqs := rec.requests()
	require.Len(t, reqs, 1)
	return reqs[0]
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// assertSentAsBefore checks body is byte for byte what the encoder the
// package used before its dialect (transport.V1JSON) writes for req.
func assertSentAsBefore(t *testing.T, req any, body []byte) {
	t.Helper()
	want, err := jsonv2.Marshal(req, transport.V1JSON)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(body))
}
