package transport

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type ctxMark struct{}

// recorder collects what the hooks saw.
type recorder struct {
	mu       sync.Mutex
	calls    []CallInfo
	attempts []AttemptInfo
	dones    []error
	marked   int // OnAttempt calls whose context carried OnCall's value
}

func (r *recorder) hooks() Hooks {
	return Hooks{
		OnCall: func(ctx context.Context, c CallInfo) (context.Context, func(error)) {
			r.mu.Lock()
			r.calls = append(r.calls, c)
			r.mu.Unlock()
			return context.WithValue(ctx, ctxMark{}, "span"), func(err error) {
				r.mu.Lock()
				r.dones = append(r.dones, err)
				r.mu.Unlock()
			}
		},
		OnAttempt: func(ctx context.Context, a AttemptInfo) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.attempts = append(r.attempts, a)
			if ctx.Value(ctxMark{}) == "span" {
				r.marked++
			}
		},
	}
}

func TestHooks_oneCallOneAttemptPerTryWithRouteTemplate(t *testing.T) {
	srv := newCounting(t, statuses(`{}`, 503, 502))
	var rec recorder
	var sawSpan atomic.Bool
	hc := &http.Client{Transport: roundTripFunc(func(req *http.Request) (*http.Response, error) {
		if req.Context().Value(ctxMark{}) == "span" {
			sawSpan.Store(true)
		}
		return http.DefaultTransport.RoundTrip(req)
	})}
	c := newClient(t, srv.URL, func(s *Settings) { s.Hooks = rec.hooks(); s.HTTPClient = hc })
	err := c.Do(context.Background(), &Request{Method: "GET", Path: "/users/u_1", Op: "Users.Get", Route: "/users/{user_id}"}, &struct{}{})
	require.NoError(t, err)
	want := CallInfo{API: "testapi", Operation: "Users.Get", Method: "GET", Route: "/users/{user_id}", Safe: true}
	assert.Equal(t, []CallInfo{want}, rec.calls)
	require.Len(t, rec.attempts, 3)
	for i, a := range rec.attempts {
		assert.Equal(t, want, a.CallInfo)
		assert.Equal(t, i+1, a.Attempt)
		assert.NoError(t, a.Err)
	}
	assert.Equal(t, []int{503, 502, 200}, []int{rec.attempts[0].StatusCode, rec.attempts[1].StatusCode, rec.attempts[2].StatusCode})
	assert.Positive(t, rec.attempts[0].RetryIn)
	assert.Zero(t, rec.attempts[2].RetryIn, "no attempt follows the last")
	assert.Equal(t, []error{nil}, rec.dones, "done runs once")
	assert.Equal(t, 3, rec.marked, "OnAttempt gets the context OnCall returned")
	assert.True(t, sawSpan.Load(), "the HTTP client's request carries OnCall's context")
}

func TestHooks_transportErrorAndDoneError(t *testing.T) {
	var rec recorder
	c := newClient(t, closedPort(t), func(s *Settings) { s.Hooks = rec.hooks() })
	err := c.Do(context.Background(), &Request{Method: "POST", Path: "/users", Op: "Users.Create", Route: "/users", Body: map[string]int{}}, nil)
	require.Error(t, err)
	require.Len(t, rec.attempts, 4, "a refused connection is retried even for a create")
	for _, a := range rec.attempts {
		assert.Error(t, a.Err)
		assert.Zero(t, a.StatusCode)
		assert.False(t, a.Safe)
	}
	require.Len(t, rec.dones, 1)
	assert.Same(t, err, rec.dones[0])
}

func TestCaptureResponse_successAPIErrorAndTransportError(t *testing.T) {
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req-"+r.URL.Path[1:])
		if r.URL.Path == "/missing" {
			w.WriteHeader(404)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	})
	c := newClient(t, srv.URL)
	var ok, missing, down ResponseInfo
	require.NoError(t, c.Do(context.Background(), &Request{Method: "GET", Path: "/found", Options: []CallOption{CaptureResponse(&ok)}}, &struct{}{}))
	assert.Equal(t, 200, ok.StatusCode)
	assert.Equal(t, "req-found", ok.RequestID)
	assert.Equal(t, "req-found", ok.Header.Get("X-Request-Id"))
	assert.Equal(t, 1, ok.Attempts)
	assert.Positive(t, ok.Duration)

	err := c.Do(context.Background(), &Request{Method: "GET", Path: "/missing", Options: []CallOption{CaptureResponse(&missing)}}, &struct{}{})
	require.ErrorIs(t, err, ErrNotFound)
	assert.Equal(t, 404, missing.StatusCode)
	assert.Equal(t, "req-missing", missing.RequestID)

	err = newClient(t, closedPort(t)).Do(context.Background(), &Request{Method: "GET", Path: "/x", Options: []CallOption{CaptureResponse(&down)}}, nil)
	require.Error(t, err)
	assert.Zero(t, down.StatusCode)
	assert.Nil(t, down.Header)
	assert.Zero(t, down.Attempts, "nothing was written")
	assert.Positive(t, down.Duration)
}

func TestCallOptions_retryPolicyAndHeaderForOneCall(t *testing.T) {
	var got []string
	var mu sync.Mutex
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Get("X-Trace"))
		mu.Unlock()
		w.WriteHeader(503)
	})
	c := newClient(t, srv.URL, func(s *Settings) { s.AddHeader("X-Trace", "client") })
	err := c.Do(context.Background(), &Request{Method: "GET", Path: "/x", Options: []CallOption{
		WithCallRetryPolicy(RetryPolicy{MaxRetries: NoRetries}), WithCallHeader("X-Trace", "call-1")}}, nil)
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 1, srv.hits(), "this call only: no retries")
	require.ErrorIs(t, c.Do(context.Background(), &Request{Method: "GET", Path: "/x"}, nil), ErrServer)
	assert.Equal(t, 5, srv.hits(), "the next call has the client's policy again")
	assert.Equal(t, "client", got[0], "the client's header comes first")
	assert.Equal(t, []string{"client", "client", "client", "client"}, got[1:], "the call's header did not stick to the client")

	err = c.Do(context.Background(), &Request{Method: "GET", Path: "/x", Op: "Users.Get", Options: []CallOption{
		WithCallHeader("X-Bad", "a\nb"), WithCallHeader("Bad Name", "v"), WithCallHeader("X-Ok", "fine"),
		WithCallRetryPolicy(RetryPolicy{MinWait: time.Second, MaxWait: time.Millisecond})}}, nil)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	require.ErrorIs(t, err, ErrInvalidInput)
	assert.Equal(t, "testapi: Users.Get", ve.Op)
	assert.Equal(t, []FieldError{
		{"WithCallRetryPolicy", "MinWait 1s exceeds MaxWait 1ms"},
		{`WithCallHeader "Bad Name"`, "not a valid header name"},
		{`WithCallHeader "X-Bad"`, "value contains a control character (a line break, NUL or DEL)"},
	}, ve.Fields, "every bad option, named")
	assert.Equal(t, 5, srv.hits(), "bad options are refused before sending")
}

func TestRetryPolicy_zeroValueRetriesAndOneFieldKeepsRetries(t *testing.T) {
	srv := newCounting(t, statuses(`{}`, 503, 503, 503))
	c := newClient(t, srv.URL, func(s *Settings) {
		s.SetRetryPolicy(RetryPolicy{MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond})
	})
	require.NoError(t, c.Do(context.Background(), &Request{Method: "GET", Path: "/x"}, &struct{}{}))
	assert.Equal(t, 4, srv.hits())
}

// outage sends calls from 64 goroutines to a server that answers 503 to
// everything (or, with blip, to every 20th request) and returns the
// requests per call and how many calls succeeded. The server is an
// in-memory RoundTripper: the budget's arithmetic needs no sockets, and
// 10,000 calls stay quick under the race detector.
func outage(t *testing.T, budget, calls int, blip bool) (float64, int) {
	t.Helper()
	var n atomic.Int64
	hc := &http.Client{Transport: roundTripFunc(func(req *http.Request) (*http.Response, error) {
		code := 200
		if k := n.Add(1); !blip || k%20 == 0 {
			code = 503
		}
		return &http.Response{StatusCode: code, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{}`)), Request: req}, nil
	})}
	c := newClient(t, "https://api.example.com", func(s *Settings) {
		s.HTTPClient = hc
		s.SetRetryPolicy(RetryPolicy{MinWait: time.Nanosecond, MaxWait: time.Nanosecond, Budget: budget})
	})
	var ok atomic.Int64
	var wg sync.WaitGroup
	per := calls / 64
	for range 64 {
		wg.Go(func() {
			for range per {
				if c.Do(context.Background(), &Request{Method: "GET", Path: "/x"}, &struct{}{}) == nil {
					ok.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return float64(n.Load()) / float64(per*64), int(ok.Load())
}

func TestRetryBudget_outageCostsAboutOneRequestPerCall(t *testing.T) {
	with, _ := outage(t, 0, 10_000, false)
	without, _ := outage(t, NoRetries, 64*40, false)
	t.Logf("requests per call under a total outage: %.3f with the budget, %.3f without", with, without)
	assert.LessOrEqual(t, with, 1.1)
	assert.InDelta(t, 4.0, without, 0.001)
}

func TestRetryBudget_shortBlipStillAbsorbed(t *testing.T) {
	perCall, ok := outage(t, 0, 64*30, true)
	assert.Equal(t, 64*30, ok, "every call succeeded: the retries absorbed the failures")
	t.Logf("requests per call with 5%% of requests failing: %.3f", perCall)
	assert.Less(t, perCall, 1.1)
}

func TestRetryBudget_sharedByDerivedClients(t *testing.T) {
	srv := newCounting(t, statuses(`{}`, 503, 503, 503, 503, 503, 503))
	c := newClient(t, srv.URL, func(s *Settings) {
		s.SetRetryPolicy(RetryPolicy{MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond, Budget: 10})
	})
	d, err := c.WithBaseURL(srv.URL+"/other", false)
	require.NoError(t, err)
	require.Error(t, c.Do(context.Background(), &Request{Method: "GET", Path: "/x"}, nil))
	assert.Equal(t, 3, srv.hits(), "10 tokens pay for two retries")
	require.Error(t, d.Do(context.Background(), &Request{Method: "GET", Path: "/x"}, nil))
	assert.Equal(t, 4, srv.hits(), "the derived client found the bucket empty")
}

func TestLogging_recordNamesOperationRouteRequestIDAndNextAttempt(t *testing.T) {
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "rid-7")
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(429)
	})
	var buf bytes.Buffer
	c := newClient(t, srv.URL, func(s *Settings) {
		s.Logger = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
		s.SetRetryPolicy(RetryPolicy{MaxRetries: 1, MinWait: time.Millisecond})
	})
	err := c.Do(context.Background(), &Request{Method: "POST", Path: "/users/u_1?x=secret", Op: "Users.Update", Route: "/users/{user_id}", Body: map[string]string{}}, nil)
	require.ErrorIs(t, err, ErrRateLimited)
	out := buf.String()
	for _, want := range []string{"op=Users.Update", "route=/users/{user_id}", "request_id=rid-7", "attempt=1", "retry_in=0s",
		`retry_because="status 429"`, "attempt=2", `no_retry_because="no retries left"`} {
		assert.Contains(t, out, want)
	}
	assert.False(t, errors.Is(err, ErrOutcomeUnknown), "a 429 was not acted on")
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestResponseInfo_LogValue_headerNamesOnly(t *testing.T) {
	info := ResponseInfo{StatusCode: 200, RequestID: "r-1", Attempts: 1,
		Header: http.Header{"Set-Cookie": {"session=sekret-cookie"}, "X-New-Token": {"sekret-token"}}}
	for _, v := range []any{info, &info} {
		var buf bytes.Buffer
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "info", v)
		slog.New(slog.NewTextHandler(&buf, nil)).Info("m", "info", v)
		assert.NotContains(t, buf.String(), "sekret")
		assert.Contains(t, buf.String(), "Set-Cookie,X-New-Token")
		assert.Contains(t, buf.String(), `"request_id":"r-1"`)
	}
}
