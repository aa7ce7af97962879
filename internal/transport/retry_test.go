package transport

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTransport_Retry_decisions is the table of the retry rules: which
// method and failure is re-sent, and how many times the server sees it.
func TestTransport_Retry_decisions(t *testing.T) {
	cases := []struct {
		name     string
		method   string
		safe     bool
		codes    []int
		wantHits int
		wantErr  error // nil: success
	}{
		{"GET 503 503 200 succeeds", "GET", false, []int{503, 503}, 3, nil},
		{"GET 500 retried", "GET", false, []int{500}, 2, nil},
		{"GET 502 retried", "GET", false, []int{502}, 2, nil},
		{"GET 504 retried", "GET", false, []int{504}, 2, nil},
		{"GET 429 retried", "GET", false, []int{429}, 2, nil},
		{"GET 404 not retried", "GET", false, []int{404}, 1, ErrNotFound},
		{"GET 400 not retried", "GET", false, []int{400}, 1, ErrBadRequest},
		{"GET 401 not retried", "GET", false, []int{401}, 1, ErrUnauthorized},
		{"GET 501 not retried", "GET", false, []int{501}, 1, ErrServer},
		{"GET gives up after MaxRetries", "GET", false, []int{503, 503, 503, 503, 503}, 4, ErrServer},
		{"PUT 503 retried", "PUT", false, []int{503}, 2, nil},
		{"DELETE 500 retried", "DELETE", false, []int{500}, 2, nil},
		{"POST 500 sent once", "POST", false, []int{500}, 1, ErrServer},
		{"POST 502 sent once", "POST", false, []int{502}, 1, ErrServer},
		{"POST 503 sent once", "POST", false, []int{503}, 1, ErrServer},
		{"POST 504 sent once", "POST", false, []int{504}, 1, ErrServer},
		{"POST 429 retried", "POST", false, []int{429}, 2, nil},
		{"PATCH 500 sent once", "PATCH", false, []int{500}, 1, ErrServer},
		{"safe POST 500 retried", "POST", true, []int{500}, 2, nil},
		{"safe POST 503 retried", "POST", true, []int{503, 503}, 3, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newCounting(t, statuses(`{"ok":true}`, tc.codes...))
			c := newClient(t, srv.URL)
			var out struct{ OK bool }
			err := c.Do(context.Background(), &Request{Method: tc.method, Path: "/users", Body: map[string]string{"a": "b"}, Safe: tc.safe}, &out)
			assert.Equal(t, tc.wantHits, srv.hits(), "requests that reached the server")
			if tc.wantErr == nil {
				require.NoError(t, err)
				assert.True(t, out.OK)
				return
			}
			require.ErrorIs(t, err, tc.wantErr)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantHits, apiErr.Attempts)
			assert.Equal(t, tc.codes[tc.wantHits-1], apiErr.StatusCode)
		})
	}
}

func TestTransport_Retry_disabledByNoRetries(t *testing.T) {
	srv := newCounting(t, statuses(`{}`, 503))
	c := newClient(t, srv.URL, func(s *Settings) { s.Retry = &RetryPolicy{MaxRetries: NoRetries} })
	err := c.Do(context.Background(), &Request{Method: "GET", Path: "/x"}, &struct{}{})
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 1, srv.hits())
}

// refusingDialer fails the first n dials with a real ECONNREFUSED-shaped
// error, then dials for real.
func refusingDialer(n int64, dials *atomic.Int64) func(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) <= n {
			return nil, &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
		}
		return d.DialContext(ctx, network, addr)
	}
}

func TestTransport_Retry_postRetriedWhenConnectionRefused(t *testing.T) {
	srv := newCounting(t, statuses(`{"id":"u_1"}`))
	var dials atomic.Int64
	hc := &http.Client{Transport: &http.Transport{DialContext: refusingDialer(2, &dials)}}
	c := newClient(t, srv.URL, func(s *Settings) { s.HTTPClient = hc })
	var out struct{ ID string }
	err := c.Do(context.Background(), &Request{Method: "POST", Path: "/users", Body: map[string]string{"email": "a@b.co"}}, &out)
	require.NoError(t, err)
	assert.Equal(t, "u_1", out.ID)
	assert.Equal(t, int64(3), dials.Load(), "two refused dials, then one that connected")
	assert.Equal(t, 1, srv.hits(), "the user was created once")
}

func TestTransport_Retry_postToClosedPortGivesUpWithURLError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	var dials atomic.Int64
	d := &net.Dialer{}
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, n, a string) (net.Conn, error) {
		dials.Add(1)
		return d.DialContext(ctx, n, a)
	}}}
	c := newClient(t, "http://"+addr, func(s *Settings) { s.HTTPClient = hc })
	err = c.Do(context.Background(), &Request{Method: "POST", Path: "/users?x", Body: 1}, nil)
	require.Error(t, err)
	assert.Equal(t, int64(4), dials.Load(), "first attempt and three retries")
	assert.True(t, errors.Is(err, syscall.ECONNREFUSED), "%v", err)
}

// resettingServer reads the request, then closes the connection without
// answering: the server may have acted.
func resettingServer(t *testing.T, hits *atomic.Int64) string {
	t.Helper()
	return rawServer(t, func(conn net.Conn) {
		hits.Add(1)
		buf := make([]byte, 4096)
		_, _ = conn.Read(buf)
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0) // RST, not FIN
		}
	})
}

func TestTransport_Retry_postNotResentAfterResetOnceWritten(t *testing.T) {
	var hits atomic.Int64
	base := resettingServer(t, &hits)
	c := newClient(t, base)
	err := c.Do(context.Background(), &Request{Method: "POST", Path: "/users", Body: map[string]string{"email": "a@b.co"}}, nil)
	require.Error(t, err)
	assert.Equal(t, int64(1), hits.Load(), "a POST that reached the server is never re-sent")
}

func TestTransport_Retry_getRetriedAfterReset(t *testing.T) {
	var hits atomic.Int64
	base := resettingServer(t, &hits)
	c := newClient(t, base)
	err := c.Do(context.Background(), &Request{Method: "GET", Path: "/users"}, &struct{}{})
	require.Error(t, err)
	assert.Equal(t, int64(4), hits.Load())
}

func TestTransport_Retry_postHonoursRetryAfterOn429(t *testing.T) {
	var first atomic.Bool
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		if first.CompareAndSwap(false, true) {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(429)
			return
		}
		_, _ = w.Write([]byte(`{"id":"u_2"}`))
	})
	c := newClient(t, srv.URL)
	start := time.Now()
	var out struct{ ID string }
	require.NoError(t, c.Do(context.Background(), &Request{Method: "POST", Path: "/users", Body: 1}, &out))
	waited := time.Since(start)
	assert.Equal(t, "u_2", out.ID)
	assert.Equal(t, 2, srv.hits())
	assert.GreaterOrEqual(t, waited, 950*time.Millisecond, "Retry-After: 1 is honoured, not the 1ms backoff")
	assert.Less(t, waited, 5*time.Second)
}

func TestTransport_Retry_longRetryAfterReturnsAtOnce(t *testing.T) {
	for _, code := range []int{429, 503} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", "3600")
				w.WriteHeader(code)
			})
			c := newClient(t, srv.URL)
			start := time.Now()
			err := c.Do(context.Background(), &Request{Method: "GET", Path: "/users"}, &struct{}{})
			assert.Less(t, time.Since(start), 2*time.Second)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, time.Hour, apiErr.RetryAfter)
			assert.Equal(t, 1, apiErr.Attempts)
			assert.Equal(t, 1, srv.hits())
			if code == 429 {
				assert.ErrorIs(t, err, ErrRateLimited)
			} else {
				assert.ErrorIs(t, err, ErrServer)
			}
		})
	}
}

func TestTransport_Retry_retryAfterPastDeadlineReturnsAtOnce(t *testing.T) {
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(429)
	})
	c := newClient(t, srv.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	err := c.Do(ctx, &Request{Method: "GET", Path: "/users"}, &struct{}{})
	assert.Less(t, time.Since(start), time.Second)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 5*time.Second, apiErr.RetryAfter)
	assert.ErrorIs(t, err, ErrRateLimited)
}

func TestTransport_Retry_retryAfterHTTPDate(t *testing.T) {
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", time.Now().Add(2*time.Hour).UTC().Format(http.TimeFormat))
		w.WriteHeader(429)
	})
	c := newClient(t, srv.URL)
	err := c.Do(context.Background(), &Request{Method: "GET", Path: "/users"}, &struct{}{})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.InDelta(t, (2 * time.Hour).Seconds(), apiErr.RetryAfter.Seconds(), 3)
	assert.Equal(t, 1, srv.hits())
}

func TestTransport_Retry_cancelDuringBackoffReturnsPromptly(t *testing.T) {
	got := make(chan struct{}, 8)
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(503)
		got <- struct{}{}
	})
	c := newClient(t, srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Do(ctx, &Request{Method: "GET", Path: "/users"}, &struct{}{}) }()
	<-got
	time.Sleep(20 * time.Millisecond) // let the client enter its 30 s wait
	cancelled := time.Now()
	cancel()
	select {
	case err := <-done:
		assert.Less(t, time.Since(cancelled), 100*time.Millisecond)
		assert.ErrorIs(t, err, context.Canceled)
	case <-time.After(5 * time.Second):
		t.Fatal("Do did not return after cancel")
	}
	assert.Equal(t, 1, srv.hits())
}

func TestBackoff_fullJitterWithinBounds(t *testing.T) {
	minW, maxW := 100*time.Millisecond, 5*time.Second
	for attempt := 0; attempt < 10; attempt++ {
		ceil := min(minW<<attempt, maxW)
		for range 200 {
			d := RetryPolicy{MinWait: minW, MaxWait: maxW}.backoff(attempt, nil)
			require.GreaterOrEqual(t, d, minW)
			require.LessOrEqual(t, d, ceil)
		}
	}
	seen := map[time.Duration]bool{}
	for range 50 {
		seen[RetryPolicy{MinWait: minW, MaxWait: maxW}.backoff(5, nil)] = true
	}
	assert.Greater(t, len(seen), 10, "jittered, not fixed")
}

func TestBackoff_usesRetryAfterOn429And503Only(t *testing.T) {
	resp := func(code int, ra string) *http.Response {
		return &http.Response{StatusCode: code, Header: http.Header{"Retry-After": {ra}}}
	}
	assert.Equal(t, 7*time.Second, RetryPolicy{MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond}.backoff(0, resp(429, "7")))
	assert.Equal(t, 7*time.Second, RetryPolicy{MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond}.backoff(0, resp(503, "7")))
	assert.LessOrEqual(t, RetryPolicy{MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond}.backoff(0, resp(500, "7")), 2*time.Millisecond)
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"0", 0, true},
		{"1", time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"-1", 0, false},
		{"", 0, false},
		{"soon", 0, false},
		{"1.5", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"99999999999999", 365 * 24 * time.Hour, true},
	}
	for _, tc := range cases {
		got, ok := parseRetryAfter(tc.in, now)
		assert.Equal(t, tc.ok, ok, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
}

func TestRetryPolicy_withDefaults(t *testing.T) {
	p, err := RetryPolicy{MaxRetries: 5}.withDefaults("x")
	require.NoError(t, err)
	assert.Equal(t, RetryPolicy{MaxRetries: 5, MinWait: 100 * time.Millisecond, MaxWait: 5 * time.Second, MaxRetryAfter: time.Minute, Budget: 500}, p)
	p, err = RetryPolicy{}.withDefaults("x")
	require.NoError(t, err)
	assert.Equal(t, DefaultRetryPolicy(), p, "the zero value is the default policy")
	p, err = RetryPolicy{MaxRetryAfter: 2 * time.Minute}.withDefaults("x")
	require.NoError(t, err)
	assert.Equal(t, 3, p.MaxRetries, "changing one field keeps the retries")
	p, err = RetryPolicy{MaxRetries: NoRetries, Budget: NoRetries}.withDefaults("x")
	require.NoError(t, err)
	assert.Equal(t, NoRetries, p.MaxRetries)
	assert.Nil(t, newBudget(p.Budget), "NoRetries as Budget: unlimited")
	_, err = RetryPolicy{MaxRetries: -2}.withDefaults("x")
	assert.Error(t, err)
	_, err = RetryPolicy{Budget: -5}.withDefaults("x")
	assert.Error(t, err)
	_, err = RetryPolicy{MinWait: time.Second, MaxWait: time.Millisecond}.withDefaults("x")
	assert.Error(t, err)
	p, err = RetryPolicy{MinWait: 10 * time.Second}.withDefaults("x")
	require.NoError(t, err)
	assert.Equal(t, 10*time.Second, p.MaxWait, "MaxWait defaults to at least MinWait")
}

func TestTransport_PerAttemptAuthorize_runsOnFreshHeaderEveryRetry(t *testing.T) {
	var seen []string
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Header.Get("Timestamp"))
		if len(seen) < 3 {
			w.WriteHeader(503)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	})
	var n atomic.Int64
	api := API{Name: "clock", PerAttempt: true, Authorize: func(h http.Header) {
		h.Set("Timestamp", strconv.FormatInt(1000+n.Add(1), 10))
	}}
	c, err := New(api, Settings{BaseURL: srv.URL, Retry: &fastRetry})
	require.NoError(t, err)
	require.NoError(t, c.Do(context.Background(), &Request{Method: "POST", Path: "/users/", Safe: true, Body: 1}, &struct{}{}))
	assert.Equal(t, []string{"1001", "1002", "1003"}, seen)
}
