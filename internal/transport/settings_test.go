package transport

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNew_baseURLRules(t *testing.T) {
	cases := []struct {
		raw      string
		insecure bool
		want     string // "" means New fails
	}{
		{"https://api.example.com", false, "https://api.example.com"},
		{"https://api.example.com/rest/v1/", false, "https://api.example.com/rest/v1"},
		{"http://127.0.0.1:8080", false, "http://127.0.0.1:8080"},
		{"http://localhost:9/x", false, "http://localhost:9/x"},
		{"http://[::1]:9", false, "http://[::1]:9"},
		{"http://127.8.9.10", false, "http://127.8.9.10"},
		{"http://api.example.com", false, ""},
		{"http://api.example.com", true, "http://api.example.com"},
		{"http://10.0.0.1", false, ""},
		{"ftp://api.example.com", false, ""},
		{"api.example.com", false, ""},
		{"https://", false, ""},
		{"https://user:pw@api.example.com", false, ""},
		{"https://api.example.com?x=1", false, ""},
		{"https://api.example.com#frag", false, ""},
		{"", false, ""},
		{"://bad", false, ""},
	}
	for _, tc := range cases {
		c, err := New(testAPI, Settings{BaseURL: tc.raw, InsecureHTTP: tc.insecure})
		if tc.want == "" {
			assert.Error(t, err, tc.raw)
			assert.Nil(t, c)
			continue
		}
		require.NoError(t, err, tc.raw)
		assert.Equal(t, tc.want, c.BaseURL(), tc.raw)
	}
}

func TestNew_collectsEveryOptionError(t *testing.T) {
	s := Settings{BaseURL: "http://evil.example", Retry: &RetryPolicy{MaxRetries: -2}, UserAgent: "a\r\nb"}
	s.SetRateLimit(0, 0)
	s.AddHeader("Bad Header", "v")
	s.AddHeader("X-Ok", "line\nbreak")
	_, err := New(testAPI, s)
	require.Error(t, err)
	for _, part := range []string{"plain http", "negative", "rate limit", `invalid header name "Bad Header"`, "line break", "user agent"} {
		assert.Contains(t, err.Error(), part)
	}
	assert.Contains(t, err.Error(), "testapi: ")
}

func TestNew_defaultHTTPClientPoolsConnections(t *testing.T) {
	c, err := New(testAPI, Settings{BaseURL: "https://api.example.com"})
	require.NoError(t, err)
	at, ok := c.rc.HTTPClient.Transport.(attemptTransport)
	require.True(t, ok, "the SDK's pooled transport is wrapped to count writes and keep the pool")
	tr, ok := at.base.(*http.Transport)
	require.True(t, ok)
	assert.Equal(t, 100, tr.MaxIdleConnsPerHost)
	assert.Equal(t, DefaultRetryPolicy(), c.policy)
	assert.Nil(t, c.rc.Logger, "retryablehttp's own stderr logger is never on")
	assert.Equal(t, 60*time.Second, at.total.d, "the per-attempt timeout moved into the wrapper")
	assert.Equal(t, 30*time.Second, at.header.d, "the header timeout is the wrapper's too")
	assert.Zero(t, tr.ResponseHeaderTimeout, "no second timer on the transport")
	assert.Zero(t, c.rc.HTTPClient.Timeout)
	assert.Zero(t, tr.IdleConnTimeout, "no idle timer re-armed on every request")
	require.NotNil(t, at.idle, "the client closes its idle connections itself")
	assert.Equal(t, idleAfter, at.idle.after)
	assert.Same(t, tr, at.idle.t.Value())
}

func TestNew_callerHTTPClientUsedAsIs(t *testing.T) {
	rt := &http.Transport{}
	hc := &http.Client{Transport: rt, Timeout: 3 * time.Second}
	c, err := New(testAPI, Settings{BaseURL: "https://api.example.com", HTTPClient: hc})
	require.NoError(t, err)
	at, ok := c.rc.HTTPClient.Transport.(attemptTransport)
	require.True(t, ok)
	assert.Same(t, rt, at.base, "the caller's transport is used as is under the wrapper")
	assert.Equal(t, 3*time.Second, at.total.d, "the caller's Timeout applies to every attempt")
	assert.Nil(t, at.header, "the caller's client sets its own header timeout, if any")
	assert.Nil(t, at.idle, "the caller's transport keeps its own idle policy")
	assert.Nil(t, hc.CheckRedirect, "the caller's client is copied, not changed")
}
