package transport

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type attemptKey struct{}

// countingCtx is a caller's context of a type the context package does
// not know, never done, that counts the functions registered with it
// through AfterFunc and those stopped.
type countingCtx struct {
	context.Context // values only
	done            chan struct{}
	registered      atomic.Int32
	stopped         atomic.Int32
}

func (c *countingCtx) Done() <-chan struct{} { return c.done }

func (c *countingCtx) Err() error { return nil }

func (c *countingCtx) AfterFunc(func()) func() bool {
	c.registered.Add(1)
	return func() bool {
		c.stopped.Add(1)
		return true
	}
}

// Following the caller's context is undone when each attempt ends, so a
// long-lived caller's context does not collect one registration per
// request (context.WithCancelCause registers with a context the context
// package does not know through its AfterFunc); a caller's context
// without a Done channel costs none.
func TestAttemptTransport_followsTheCallerOnlyWhileAttempting(t *testing.T) {
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(`{}`)) })
	hc := withAttemptTransport(&http.Client{Transport: &http.Transport{}, Timeout: time.Minute}, time.Second, 0)
	caller := &countingCtx{Context: context.Background(), done: make(chan struct{})}
	for range 20 {
		req, err := http.NewRequestWithContext(caller, http.MethodGet, srv.URL, nil)
		require.NoError(t, err)
		resp, err := hc.Do(req)
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, resp.Body)
		require.NoError(t, resp.Body.Close())
	}
	assert.Equal(t, int32(20), caller.registered.Load())
	assert.Equal(t, int32(20), caller.stopped.Load(), "every registration undone")

	bg := &countingCtx{Context: context.WithValue(context.Background(), attemptKey{}, 1)}
	req, err := http.NewRequestWithContext(bg, http.MethodGet, srv.URL, nil)
	require.NoError(t, err)
	resp, err := hc.Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Zero(t, bg.registered.Load(), "nothing to follow in a context that is never done")
}

// A caller cancelling while an attempt waits for headers or reads the
// body stops it at once, over HTTP/1 and HTTP/2, and the error is the
// caller's cancellation, not a deadline.
func TestAttemptTransport_callerCancelStopsTheAttempt(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	h := func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/body" {
			w.WriteHeader(200)
			_, _ = w.Write([]byte(`{`))
			w.(http.Flusher).Flush()
		}
		select {
		case <-release:
		case <-r.Context().Done():
		case <-time.After(10 * time.Second): // fails the test below rather than hanging it
		}
	}
	h1 := httptest.NewServer(http.HandlerFunc(h))
	t.Cleanup(h1.Close)
	h2 := httptest.NewUnstartedServer(http.HandlerFunc(h))
	h2.EnableHTTP2 = true
	h2.StartTLS()
	t.Cleanup(h2.Close)
	h2Transport := h2.Client().Transport.(*http.Transport)
	h2Transport.ForceAttemptHTTP2 = true

	for _, s := range []struct {
		name string
		url  string
		rt   *http.Transport
	}{{"HTTP/1", h1.URL, &http.Transport{}}, {"HTTP/2", h2.URL, h2Transport}} {
		for _, path := range []string{"/headers", "/body"} {
			t.Run(s.name+path, func(t *testing.T) {
				hc := withAttemptTransport(&http.Client{Transport: s.rt, Timeout: time.Minute}, 30*time.Second, 0)
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(100*time.Millisecond, cancel)
				start := time.Now()
				req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.url+path, nil)
				require.NoError(t, err)
				resp, err := hc.Do(req)
				if err == nil {
					if path == "/body" && s.name == "HTTP/2" {
						assert.Equal(t, 2, resp.ProtoMajor)
					}
					_, err = io.ReadAll(resp.Body)
					resp.Body.Close()
				}
				require.Error(t, err)
				assert.ErrorIs(t, err, context.Canceled)
				assert.NotErrorIs(t, err, context.DeadlineExceeded)
				assert.Less(t, time.Since(start), 5*time.Second)
			})
		}
	}
}

// The header timeout ends an attempt over HTTP/2 too, where net/http's
// HTTP/2 transport waits on the request's context itself.
func TestAttemptTransport_headerTimeoutOverHTTP2(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)
	rt := srv.Client().Transport.(*http.Transport)
	rt.ForceAttemptHTTP2 = true
	requireHeaderTimeout(t, rt, srv.URL)
}

// requireHeaderTimeout requires a GET of url through rt, under a 200ms
// header timeout, to fail with it, in well under the server's pace.
func requireHeaderTimeout(t *testing.T, rt http.RoundTripper, url string) {
	t.Helper()
	hc := withAttemptTransport(&http.Client{Transport: rt, Timeout: time.Minute}, 200*time.Millisecond, 0)
	start := time.Now()
	resp, err := hc.Get(url)
	if err == nil {
		resp.Body.Close()
	}
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.ErrorContains(t, err, "no response headers within 200ms")
	assert.Less(t, time.Since(start), 5*time.Second)
}

// goroutinesCreated is the number of goroutines the process has started.
func goroutinesCreated() uint64 {
	s := []metrics.Sample{{Name: "/sched/goroutines-created:goroutines"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// valueTransport is a RoundTripper that puts a value of its own in the
// request's context before the real transport, as tracing wrappers do.
type valueTransport struct{ base http.RoundTripper }

func (v valueTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return v.base.RoundTrip(req.WithContext(context.WithValue(req.Context(), attemptKey{}, "traced")))
}

// An attempt costs no goroutine of its own: net/http's context follows
// the attempt's through the context package's own registration, also
// under a caller's RoundTripper that adds a context of its own; with a
// caller's context that can be cancelled or not, a call starts as many
// goroutines as a bare http.Client call to the same server (the
// server's own per request). A context type the context package does
// not know, between them, would cost one per request.
func TestAttemptTransport_noGoroutinePerRequest(t *testing.T) {
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(`{}`)) })
	bare := &http.Client{Transport: &http.Transport{}}
	perCall := func(call func()) float64 {
		call() // the connection, once
		n0 := goroutinesCreated()
		const calls = 200
		for range calls {
			call()
		}
		return float64(goroutinesCreated()-n0) / calls
	}
	hand := perCall(func() {
		resp, err := bare.Get(srv.URL)
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	})
	cancellable, cancel := context.WithCancel(context.Background())
	defer cancel()
	for name, c := range map[string]*Client{
		"SDK's own client": newClient(t, srv.URL),
		"a caller's wrapping RoundTripper": newClient(t, srv.URL, func(s *Settings) {
			s.HTTPClient = &http.Client{Transport: valueTransport{&http.Transport{}}, Timeout: time.Minute}
		}),
	} {
		for ctxName, ctx := range map[string]context.Context{"Background": context.Background(), "cancellable": cancellable} {
			sdk := perCall(func() {
				require.NoError(t, c.Do(ctx, &Request{Method: "GET", Path: "/u"}, &struct{}{}))
			})
			assert.Less(t, sdk, hand+0.5, "%s, %s caller: goroutines per call, SDK %.2f, bare %.2f", name, ctxName, sdk, hand)
		}
	}
}

// Under a caller's RoundTripper that puts its own context in between, the
// attempt's bounds and the caller's cancellation still end it.
func TestAttemptTransport_wrappingRoundTripper(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	requireHeaderTimeout(t, valueTransport{&http.Transport{}}, srv.URL)

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	require.NoError(t, err)
	start := time.Now()
	resp, err := withAttemptTransport(&http.Client{Transport: valueTransport{&http.Transport{}}, Timeout: time.Minute},
		30*time.Second, 0).Do(req)
	if err == nil {
		resp.Body.Close()
	}
	require.ErrorIs(t, err, context.Canceled)
	assert.Less(t, time.Since(start), 5*time.Second)
}
