package marketplace_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/marketplace"
)

func TestNewClient_requiresBaseURLAndKey(t *testing.T) {
	_, err := marketplace.NewClient()
	require.Error(t, err)
	assert.ErrorContains(t, err, "marketplace: an API key is required (WithAPIKey)")
	assert.ErrorContains(t, err, "marketplace: a base URL is required (WithBaseURL)")

	_, err = marketplace.NewClient(marketplace.WithBaseURL(testBase))
	assert.ErrorContains(t, err, "API key is required")
	_, err = marketplace.NewClient(marketplace.WithBaseURL(testBase), marketplace.WithAPIKey("  "))
	assert.ErrorContains(t, err, "API key is required")
	_, err = marketplace.NewClient(marketplace.WithAPIKey(testKey))
	assert.ErrorContains(t, err, "base URL is required")

	c, err := marketplace.NewClient(marketplace.WithBaseURL(testBase+"/"), marketplace.WithAPIKey(testKey))
	require.NoError(t, err)
	assert.Equal(t, testBase, c.BaseURL())
	assert.NotNil(t, c.Users)
	assert.NotNil(t, c.Broadband)
}

func TestNewClient_reportsEveryBadOption(t *testing.T) {
	secret := "s3cr3t\nInjected: 1"
	_, err := marketplace.NewClient(
		marketplace.WithBaseURL("http://api.example.com"),
		marketplace.WithAPIKey(secret),
		marketplace.WithAPIKeyHeader("X Bad Header"),
		marketplace.WithRateLimit(0, 0),
		marketplace.WithRetryPolicy(marketplace.RetryPolicy{MaxRetries: -2}),
		marketplace.WithHeader("Bad Name", "v"),
	)
	require.Error(t, err)
	msg := err.Error()
	for _, want := range []string{"line break", "not a valid header name", "plain http", "rate limit", "negative", "invalid header name"} {
		assert.Contains(t, msg, want)
	}
	assert.NotContains(t, msg, "s3cr3t", "the key never appears in errors")
	for _, line := range strings.Split(msg, "\n") {
		assert.True(t, strings.HasPrefix(line, "marketplace: "), line)
	}
}

func TestNewClient_insecureHTTPAllowsPlainHTTP(t *testing.T) {
	_, err := marketplace.NewClient(marketplace.WithBaseURL("http://api.example.com"), marketplace.WithAPIKey(testKey), marketplace.WithInsecureHTTP())
	assert.NoError(t, err)
	_, err = marketplace.NewClient(marketplace.WithBaseURL("http://127.0.0.1:9"), marketplace.WithAPIKey(testKey))
	assert.NoError(t, err, "loopback may use http")
}

func TestNewClient_zeroOptionIsIgnored(t *testing.T) {
	_, err := marketplace.NewClient(marketplace.Option{}, marketplace.WithBaseURL(testBase), marketplace.WithAPIKey(testKey))
	assert.NoError(t, err)
}

func TestClient_apiKeyHeaderAndExtras(t *testing.T) {
	c, m := newMock(t, 200, readFile(t, "user.json"),
		marketplace.WithAPIKeyHeader("x-mmob-key"),
		marketplace.WithUserAgent("acme-crm/2.1"),
		marketplace.WithHeader("X-Partner", "acme"),
	)
	_, err := c.Users.Get(context.Background(), "u_1")
	require.NoError(t, err)
	r := m.only(t)
	assert.Equal(t, []string{testKey}, r.Header.Values("X-Mmob-Key"))
	assert.Empty(t, r.Header.Values("X-API-Key"), "the default header is replaced, not added")
	assert.Equal(t, "acme", r.Header.Get("X-Partner"))
	assert.True(t, strings.HasPrefix(r.Header.Get("User-Agent"), "acme-crm/2.1 userapis-go/"), r.Header.Get("User-Agent"))
}

func TestClient_defaultAPIKeyHeader(t *testing.T) {
	assert.Equal(t, "X-API-Key", marketplace.DefaultAPIKeyHeader)
	c, m := newMock(t, 200, readFile(t, "user.json"))
	_, err := c.Users.Get(context.Background(), "u_1")
	require.NoError(t, err)
	assert.Equal(t, []string{testKey}, m.only(t).Header[http.CanonicalHeaderKey("X-API-Key")])
}

func TestClient_printingDoesNotLeakTheKey(t *testing.T) {
	c, err := marketplace.NewClient(marketplace.WithBaseURL(testBase), marketplace.WithAPIKey(testKey))
	require.NoError(t, err)
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), fmt.Sprintf("%+v", *c)} {
		assert.NotContains(t, s, testKey)
	}
}

func TestClient_loggerWritesNoSecrets(t *testing.T) {
	var buf strings.Builder
	c, _ := newMock(t, 200, `{"items":[],"total":0,"page":0,"size":50}`, marketplace.WithLogger(newJSONLogger(&buf)))
	_, err := c.Users.List(context.Background(), &marketplace.UserListOptions{Email: "ada@example.com"})
	require.NoError(t, err)
	out := buf.String()
	assert.Contains(t, out, `"path":"/users"`)
	assert.Contains(t, out, `"status":200`)
	assert.NotContains(t, out, testKey)
	assert.NotContains(t, out, "ada@example.com", "no query strings in logs")
}

func TestClient_rateLimitWaitHonoursContext(t *testing.T) {
	c, m := newMock(t, 200, readFile(t, "user.json"), marketplace.WithRateLimit(0.001, 1))
	_, err := c.Users.Get(context.Background(), "u_1")
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err = c.Users.Get(ctx, "u_1")
	require.Error(t, err)
	assert.Equal(t, 1, m.count(), "the second request waits for the limiter and is never sent")
}

func TestDefaultRetryPolicy(t *testing.T) {
	assert.Equal(t, marketplace.RetryPolicy{MaxRetries: 3, MinWait: 100 * time.Millisecond, MaxWait: 5 * time.Second, MaxRetryAfter: 60 * time.Second, Budget: 500}, marketplace.DefaultRetryPolicy())
}
