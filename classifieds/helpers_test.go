package classifieds

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"
)

const (
	testBase = "https://gg.example.test/rest/v1"
	testKey  = "s3cr3tK3y0123456789abcdefABCDEF0"
)

// fastRetries keeps retry tests quick.
var fastRetries = RetryPolicy{MaxRetries: 2, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond}

// recorded is one request as the mock transport saw it.
type recorded struct {
	Method string
	Path   string
	Query  string
	Header http.Header
	Body   []byte
}

// mock is an httpmock transport that records every request.
type mock struct {
	mt   *httpmock.MockTransport
	mu   sync.Mutex
	reqs []recorded
}

// newMock returns a client that sends through a mock transport, with
// retries off unless opts say otherwise.
func newMock(t *testing.T, opts ...Option) (*Client, *mock) {
	t.Helper()
	m := &mock{mt: httpmock.NewMockTransport()}
	all := append([]Option{
		WithBaseURL(testBase), WithAPIKey(testKey),
		WithHTTPClient(&http.Client{Transport: m.mt}),
		WithRetryPolicy(RetryPolicy{MaxRetries: NoRetries}),
	}, opts...)
	c, err := NewClient(all...)
	require.NoError(t, err)
	return c, m
}

// on answers method+url with status and body (one answer per call when
// several bodies are given, the last repeating).
func (m *mock) on(method, url string, status int, bodies ...string) {
	var n int
	m.mt.RegisterResponder(method, url, func(r *http.Request) (*http.Response, error) {
		m.record(r)
		b := bodies[min(n, len(bodies)-1)]
		n++
		resp := httpmock.NewStringResponse(status, b)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
}

// fail answers method+url with a transport error.
func (m *mock) fail(method, url string, err error) {
	m.mt.RegisterResponder(method, url, func(r *http.Request) (*http.Response, error) {
		m.record(r)
		return nil, err
	})
}

func (m *mock) record(r *http.Request) {
	var b []byte
	if r.Body != nil {
		b, _ = io.ReadAll(r.Body)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reqs = append(m.reqs, recorded{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: b})
}

func (m *mock) requests() []recorded {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]recorded(nil), m.reqs...)
}

// only returns the single request sent, failing the test otherwise.
func (m *mock) only(t *testing.T) recorded {
	t.Helper()
	reqs := m.requests()
	require.Len(t, reqs, 1)
	return reqs[0]
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return string(b)
}

// assertAuth checks the credential went raw in Authentication, and nowhere else.
func assertAuth(t *testing.T, h http.Header) {
	t.Helper()
	require.Equal(t, []string{testKey}, h.Values("Authentication"))
	require.Empty(t, h.Values("Authorization"))
	require.Equal(t, "application/json", h.Get("Accept"))
	require.Contains(t, h.Get("User-Agent"), "userapis-go/")
}

func testdataFS(name string) (string, error) {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	return string(b), err
}
