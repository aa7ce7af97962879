package classifieds

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClient_requiresBaseURLAndKey(t *testing.T) {
	_, err := NewClient()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "classifieds: an API key is required (WithAPIKey)")
	assert.Contains(t, err.Error(), "classifieds: a base URL is required (WithBaseURL)")

	_, err = NewClient(WithBaseURL(testBase))
	assert.EqualError(t, err, "classifieds: an API key is required (WithAPIKey)")

	_, err = NewClient(WithAPIKey(testKey))
	assert.EqualError(t, err, "classifieds: a base URL is required (WithBaseURL)")

	c, err := NewClient(WithBaseURL(testBase), WithAPIKey(testKey), Option{})
	require.NoError(t, err, "a zero Option is ignored")
	assert.NotNil(t, c.Users)
}

func TestNewClient_reportsEveryBadOption(t *testing.T) {
	_, err := NewClient(
		WithBaseURL("http://gg.example.test/rest/v1"),
		WithAPIKey("key\r\nX-Evil: 1"),
		WithRetryPolicy(RetryPolicy{MaxRetries: -2}),
		WithRateLimit(0, 0),
		WithHeader("Bad Header", "v"),
	)
	require.Error(t, err)
	for _, want := range []string{"line break", "plain http", "retry policy", "rate limit", "invalid header name"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.NotContains(t, err.Error(), "X-Evil", "the key is never echoed")

	_, err = NewClient(WithBaseURL("http://gg.example.test/rest/v1"), WithInsecureHTTP(), WithAPIKey(testKey))
	assert.NoError(t, err)
}

func TestNewClient_keyNeverPrinted(t *testing.T) {
	c, err := NewClient(WithBaseURL(testBase), WithAPIKey(testKey))
	require.NoError(t, err)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.NotContains(t, fmt.Sprintf(verb, c), testKey, verb)
		assert.NotContains(t, fmt.Sprintf(verb, *c), testKey, verb)
		assert.NotContains(t, fmt.Sprintf(verb, c.Users), testKey, verb)
	}
}

func TestClient_optionsReachTheRequest(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, m := newMock(t, WithUserAgent("myapp/1.2"), WithHeader("X-Trace", "t1"), WithHeader("Authentication", "overridden?"),
		WithLogger(logger), WithRateLimit(1000, 10))
	m.on("GET", testBase+"/users/7/", 200, `{"result":true,"data":[{"userId":7}]}`)
	_, err := c.Users.Get(ctx, 7)
	require.NoError(t, err)

	r := m.only(t)
	assert.Equal(t, []string{testKey}, r.Header.Values("Authentication"), "WithHeader cannot replace the key")
	assert.Equal(t, "t1", r.Header.Get("X-Trace"))
	assert.Regexp(t, `^myapp/1\.2 userapis-go/`, r.Header.Get("User-Agent"))
	assert.Contains(t, logs.String(), "path=/users/7/")
	assert.Contains(t, logs.String(), "status=200")
	assert.NotContains(t, logs.String(), testKey)
}

func TestClient_WithHTTPClient_redirectToAnotherHostRefused(t *testing.T) {
	c, m := newMock(t)
	m.mt.RegisterResponder("GET", testBase+"/users/7/", func(*http.Request) (*http.Response, error) {
		resp := &http.Response{StatusCode: 302, Header: http.Header{"Location": {"https://evil.example.test/x"}}, Body: http.NoBody}
		return resp, nil
	})
	_, err := c.Users.Get(ctx, 7)
	assert.ErrorContains(t, err, "redirect refused")
}

func TestUser_LogValue_hidesDateOfBirthAndToken(t *testing.T) {
	u := seedListUser()
	u.Activation = &Activation{ActivationToken: "24e53f0a35303b3aeb8481c9d9fea83a28aa6",
		ValidUntil: Time{Time: time.Date(2021, 12, 2, 12, 5, 10, 0, time.UTC)}}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("created", "user", u, "activation", u.Activation)
	out := buf.String()
	assert.NotContains(t, out, "1970-06-18")
	assert.NotContains(t, out, "24e53f0a")
	assert.Contains(t, out, `"dateOfBirth":"[redacted]"`)
	assert.Contains(t, out, `"activationtoken":"[redacted]"`)
	assert.Contains(t, out, `"userId":1`)
	assert.Contains(t, out, `"lastName":"last name"`)
	assert.Contains(t, out, `"validUntil":"2021-12-02T12:05:10Z"`)

	buf.Reset()
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "user", User{UserID: 2})
	assert.NotContains(t, buf.String(), "dateOfBirth", "nothing to hide, nothing said")
}
