package transport

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/hostile"
)

// sdkClientFor returns the SDK's own pooled client (the one used without
// WithHTTPClient), trusting the hostile server's certificate.
func sdkClientFor(s *hostile.H2Server) *http.Client {
	hc := defaultHTTPClient()
	hc.Transport.(*http.Transport).TLSClientConfig = s.TLSConfig()
	return hc
}

func h2Client(t *testing.T, s *hostile.H2Server, log *bytes.Buffer) *Client {
	t.Helper()
	return newClient(t, s.URL, func(st *Settings) {
		st.HTTPClient = sdkClientFor(s)
		st.SetRetryPolicy(RetryPolicy{MaxRetries: 3, MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond})
		if log != nil {
			st.Logger = slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug}))
		}
	})
}

func TestTransport_HTTP2_unsafePostNotReplayedAfterStreamReset(t *testing.T) {
	s := hostile.NewH2(t, hostile.ResetAfterBody, 201, `{}`)
	var log bytes.Buffer
	c := h2Client(t, s, &log)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	start := time.Now()
	err := c.Do(ctx, &Request{Method: "POST", Path: "/users", Body: map[string]string{"email": "a@b.co"}}, &struct{}{})
	require.Error(t, err)
	assert.Equal(t, 1, s.Received(), "the create reached the server exactly once")
	assert.ErrorIs(t, err, ErrOutcomeUnknown, "the server read the whole request: it may have acted")
	assert.Less(t, time.Since(start), 5*time.Second, "returned without net/http's replay backoff")
	assert.Contains(t, log.String(), "sent=1")
}

func TestTransport_HTTP2_safeRequestReplaysAreCounted(t *testing.T) {
	s := hostile.NewH2(t, hostile.ResetAfterBody, 200, `{}`)
	var log bytes.Buffer
	c := h2Client(t, s, &log)
	// net/http replays a request with a rewindable body after a reset: at
	// once, then after 1 s, 2 s... The deadline stops it during the wait.
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	err := c.Do(ctx, &Request{Method: "PUT", Path: "/users/1", Body: map[string]string{"a": "b"}}, &struct{}{})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "a PUT is safe to repeat")
	require.GreaterOrEqual(t, s.Received(), 2, "net/http replayed the safe request")
	m := regexp.MustCompile(`sent=(\d+)`).FindAllStringSubmatch(log.String(), -1)
	require.NotEmpty(t, m, log.String())
	sent, err := strconv.Atoi(m[len(m)-1][1])
	require.NoError(t, err)
	// Every replay the server saw was counted. The count may be one ahead:
	// the last write can be cut by the deadline before the server reads it.
	assert.GreaterOrEqual(t, sent, s.Received(), "every write to a connection is counted, replays included")
	assert.LessOrEqual(t, sent, s.Received()+1)
}

func TestTransport_HTTP2_refusedStreamIsRetriedLikeAConnectFailure(t *testing.T) {
	s := hostile.NewH2(t, hostile.RefuseFirst, 201, `{"id":"u_1"}`)
	var log bytes.Buffer
	c := h2Client(t, s, &log)
	var out struct{ ID string }
	require.NoError(t, c.Do(context.Background(), &Request{Method: "POST", Path: "/users", Body: map[string]string{"email": "a@b.co"}}, &out))
	assert.Equal(t, "u_1", out.ID)
	assert.Equal(t, 2, s.Received())
	assert.Equal(t, 1, s.Answered(), "REFUSED_STREAM promises the first was not processed: one create")
	assert.Contains(t, log.String(), "attempt=2")
}

func TestTransport_HTTP2_goAwayAboveTheStreamIsRetried(t *testing.T) {
	s := hostile.NewH2(t, hostile.GoAwayFirst, 201, `{"id":"u_1"}`)
	c := h2Client(t, s, nil)
	var out struct{ ID string }
	require.NoError(t, c.Do(context.Background(), &Request{Method: "POST", Path: "/users", Body: map[string]string{"email": "a@b.co"}}, &out))
	assert.Equal(t, "u_1", out.ID)
	assert.Equal(t, 1, s.Answered())
	assert.Equal(t, 2, s.Conns(), "the retry went on a new connection")
}

func TestUnprocessedH2_onlyProtocolGuarantees(t *testing.T) {
	for msg, want := range map[string]bool{
		"http2: Transport: cannot retry err [stream error: stream ID 1; REFUSED_STREAM; received from peer] after Request.Body was written; define Request.GetBody to avoid this error": true,
		"http2: Transport: cannot retry err [http2: Transport received Server's graceful shutdown GOAWAY] after Request.Body was written; define Request.GetBody to avoid this error":   true,
		"http2: Transport: cannot retry err [stream error: stream ID 1; PROTOCOL_ERROR; received from peer] after Request.Body was written; define Request.GetBody to avoid this error": false,
		"stream error: stream ID 1; REFUSED_STREAM": false,
		"read: connection reset by peer":            false,
	} {
		assert.Equal(t, want, unprocessedH2(errors.New(msg)), msg)
	}
}
