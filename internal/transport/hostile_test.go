package transport

import (
	"bufio"
	"context"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// connCounter counts the connections a test server accepts.
func connCounter(srv *httptest.Server) *atomic.Int64 {
	var n atomic.Int64
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			n.Add(1)
		}
	}
	return &n
}

func TestTransport_Pool_survivesAFailedCall(t *testing.T) {
	fail := atomic.Bool{}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fail.Load() {
			w.WriteHeader(503)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	conns := connCounter(srv)
	srv.Start()
	t.Cleanup(srv.Close)
	c := newClient(t, srv.URL)
	get := func() error { return c.Do(context.Background(), &Request{Method: "GET", Path: "/u"}, &struct{}{}) }
	require.NoError(t, get())
	fail.Store(true)
	require.ErrorIs(t, get(), ErrServer, "gave up after its retries")
	fail.Store(false)
	require.NoError(t, get())
	assert.Equal(t, int64(1), conns.Load(), "giving up did not close the pool's idle connection")
}

func TestTransport_Pool_callersOtherConnectionsSurvive(t *testing.T) {
	other := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	otherConns := connCounter(other)
	other.Start()
	t.Cleanup(other.Close)
	failing := newCounting(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) })

	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	visit := func() {
		resp, err := hc.Get(other.URL)
		require.NoError(t, err)
		resp.Body.Close()
	}
	visit()
	c := newClient(t, failing.URL, func(s *Settings) { s.HTTPClient = hc })
	require.Error(t, c.Do(context.Background(), &Request{Method: "GET", Path: "/u"}, nil))
	require.Error(t, c.Do(context.Background(), &Request{Method: "POST", Path: "/u"}, nil))
	visit()
	assert.Equal(t, int64(1), otherConns.Load(), "the caller's idle connection to another service was kept")
}

func TestTransport_Pool_64GoroutinesWhileOneFails(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/fail" {
			w.WriteHeader(503)
			return
		}
		time.Sleep(time.Millisecond)
		_, _ = w.Write([]byte(`{}`))
	}))
	conns := connCounter(srv)
	srv.Start()
	t.Cleanup(srv.Close)
	c := newClient(t, srv.URL)
	var wg sync.WaitGroup
	for g := range 64 {
		wg.Go(func() {
			for range 20 {
				path := "/ok"
				if g == 0 {
					path = "/fail"
				}
				_ = c.Do(context.Background(), &Request{Method: "GET", Path: path}, &struct{}{})
			}
		})
	}
	wg.Wait()
	assert.LessOrEqual(t, conns.Load(), int64(128), "failing calls must not empty the pool for the others")
}

func TestTransport_OutcomeUnknown_onlyWhenAnUnsafeCallMayHaveActed(t *testing.T) {
	var hits atomic.Int64
	reset := resettingServer(t, &hits)
	closed := closedPort(t)
	truncated := newCounting(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(`{"id":`)) })
	status := func(code int) string {
		return newCounting(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(code) }).URL
	}
	cases := []struct {
		name, base, method string
		safe, want         bool
	}{
		{"POST 500", status(500), "POST", false, true},
		{"POST 503", status(503), "POST", false, true},
		{"POST reset after write", reset, "POST", false, true},
		{"POST truncated 2xx", truncated.URL, "POST", false, true},
		{"POST 400", status(400), "POST", false, false},
		{"POST 409", status(409), "POST", false, false},
		{"POST refused connection", closed, "POST", false, false},
		{"safe POST 500", status(500), "POST", true, false},
		{"GET 500", status(500), "GET", false, false},
		{"GET reset", reset, "GET", false, false},
		{"PUT 503", status(503), "PUT", false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newClient(t, tc.base)
			err := c.Do(context.Background(), &Request{Method: tc.method, Path: "/users", Safe: tc.safe, Body: map[string]int{"a": 1}}, &struct{ ID int }{})
			require.Error(t, err)
			assert.Equal(t, tc.want, errors.Is(err, ErrOutcomeUnknown), "%v", err)
		})
	}
}

func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

func TestTransport_Delete_secondAttemptNotFoundMeansDone(t *testing.T) {
	var deleted atomic.Bool
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		if deleted.Swap(true) {
			w.WriteHeader(404)
			return
		}
		w.WriteHeader(502) // deleted, but the gateway lost the answer
	})
	c := newClient(t, srv.URL)
	require.NoError(t, c.Do(context.Background(), &Request{Method: "DELETE", Path: "/users/1"}, nil))
	assert.Equal(t, 2, srv.hits())

	// A 404 on the first attempt is still a 404.
	err := c.Do(context.Background(), &Request{Method: "DELETE", Path: "/users/1"}, nil)
	assert.ErrorIs(t, err, ErrNotFound)
	// A GET is not a DELETE: a 404 after a 502 stays a 404.
	gone := newCounting(t, statuses(`{}`, 502, 404))
	err = newClient(t, gone.URL).Do(context.Background(), &Request{Method: "GET", Path: "/users/1"}, &struct{}{})
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestTransport_Delete_afterResetThenNotFound(t *testing.T) {
	// The first DELETE is read and the connection cut; the retry finds
	// nothing to delete.
	var n atomic.Int64
	base := rawServer(t, func(conn net.Conn) {
		req, err := http.ReadRequest(bufio.NewReader(conn))
		if err != nil {
			return
		}
		req.Body.Close()
		if n.Add(1) == 1 {
			conn.(*net.TCPConn).SetLinger(0)
			return
		}
		fmt.Fprint(conn, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
	})
	c := newClient(t, base)
	require.NoError(t, c.Do(context.Background(), &Request{Method: "DELETE", Path: "/users/1"}, nil))
	assert.Equal(t, int64(2), n.Load())
}

func TestTransport_RetryAfter_hostileValues(t *testing.T) {
	cases := []struct {
		header  string
		hits    int
		atOnce  bool
		wantMin time.Duration
	}{
		{"99999999999999999999999999", 1, true, 365 * 24 * time.Hour},
		{"9223372036854775808", 1, true, 365 * 24 * time.Hour},
		{"-5", 4, false, 0},
		{"soon", 4, false, 0},
		{"1.5", 4, false, 0},
		{" 0 ", 4, false, 0},
	}
	for _, tc := range cases {
		t.Run(tc.header, func(t *testing.T) {
			srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", tc.header)
				w.WriteHeader(429)
			})
			c := newClient(t, srv.URL)
			start := time.Now()
			err := c.Do(context.Background(), &Request{Method: "GET", Path: "/u"}, nil)
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.hits, srv.hits())
			assert.GreaterOrEqual(t, ae.RetryAfter, tc.wantMin)
			if tc.atOnce {
				assert.Less(t, time.Since(start), time.Second)
			}
		})
	}
}

func TestTransport_RateLimit_waitPastDeadlineIsDeadlineExceeded(t *testing.T) {
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(`{}`)) })
	c := newClient(t, srv.URL, func(s *Settings) { s.SetRateLimit(0.01, 1) })
	require.NoError(t, c.Do(context.Background(), &Request{Method: "GET", Path: "/u"}, &struct{}{}))
	// The next token is 100 s away; the deadline is 3 s away. Refusing at
	// once takes microseconds, waiting out the deadline 3 s: a 1 s bound
	// tells them apart even on a loaded machine.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	start := time.Now()
	err := c.Do(ctx, &Request{Method: "GET", Path: "/u"}, &struct{}{})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), time.Second, "a wait that cannot fit the deadline is refused at once")
	assert.Equal(t, 1, srv.hits())
}

func TestTransport_Errors_stayOnePrintableLine(t *testing.T) {
	hostile := "bad\r\nlevel=ERROR msg=\"forged\"\x1b[31m\u2028end\x7f"
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", strings.Repeat("r", 1<<20))
		w.WriteHeader(400)
		b, _ := stdjson.Marshal(map[string]string{"detail": hostile})
		_, _ = w.Write(b)
	})
	c := newClient(t, srv.URL)
	err := c.Do(context.Background(), &Request{Method: "GET", Path: "/u"}, nil)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	msg := err.Error()
	assert.NotContains(t, msg, "\n")
	assert.NotContains(t, msg, "\r")
	assert.NotContains(t, msg, "\x1b")
	assert.NotContains(t, msg, "\u2028")
	assert.NotContains(t, msg, "\x7f")
	assert.Contains(t, msg, `bad\r\nlevel=ERROR`)
	assert.Equal(t, []string{`bad\r\nlevel=ERROR msg="forged"\x1b[31m\u2028end\x7f`}, ae.Messages)
	assert.Contains(t, string(ae.Body), `\u2028`, "Body keeps the raw bytes")
	assert.Len(t, ae.RequestID, 256)
}

func TestTransport_RequestID_onlyPrintableBytes(t *testing.T) {
	assert.Equal(t, "abc-1", printableID("abc-1"))
	assert.Equal(t, "abc1", printableID("a b\tc\x001\u00e9"))
	assert.Len(t, printableID(strings.Repeat("x", 1000)), 256)
}

func TestTransport_SuccessBody_absurdNestingIsUnexpected(t *testing.T) {
	deep := `{"id":1,"meta":` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `}`
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(deep)) })
	err := newClient(t, srv.URL).Do(context.Background(), &Request{Method: "GET", Path: "/u"}, &struct{ ID int }{})
	assert.ErrorIs(t, err, ErrUnexpectedResponse)
}

func TestTransport_SuccessBody_memoryFollowsTheBytesThatArrive(t *testing.T) {
	// The server declares 32 MiB, sends 10 bytes and hangs up.
	base := rawServer(t, func(conn net.Conn) {
		_, _ = http.ReadRequest(bufio.NewReader(conn))
		fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{\"id\":1,  ", MaxBody)
	})
	c := newClient(t, base, func(s *Settings) { s.SetRetryPolicy(RetryPolicy{MaxRetries: NoRetries, MinWait: time.Millisecond}) })
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err := c.Do(context.Background(), &Request{Method: "GET", Path: "/u"}, &struct{ ID int }{})
	runtime.ReadMemStats(&after)
	require.Error(t, err)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(2<<20), "no 32 MiB buffer for a declared length")
}

// failEnvelope fails to decode its data but knows the body said it failed.
type failEnvelope struct {
	Result bool     `json:"result"`
	Errors []string `json:"errors"`
	Data   struct {
		ID int `json:"id"`
	} `json:"data"`
}

func (e *failEnvelope) Failure() ([]string, bool) { return e.Errors, !e.Result }

func TestTransport_Failer_messageKeptWhenTheRestDoesNotDecode(t *testing.T) {
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"result":false,"errors":["user is blocked"],"data":{"id":"not a number"}}`))
	})
	err := newClient(t, srv.URL).Do(context.Background(), &Request{Method: "GET", Path: "/u"}, &failEnvelope{})
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 200, ae.StatusCode)
	assert.Equal(t, []string{"user is blocked"}, ae.Messages)
}

func TestTransport_Redirect_unsafePost307SameHostFollowedOnce(t *testing.T) {
	var creates atomic.Int64
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/users" {
			http.Redirect(w, r, "/users/", http.StatusTemporaryRedirect)
			return
		}
		creates.Add(1)
		w.WriteHeader(201)
		_, _ = w.Write([]byte(`{"id":7}`))
	})
	var out struct{ ID int }
	require.NoError(t, newClient(t, srv.URL).Do(context.Background(), &Request{Method: "POST", Path: "/users", Body: map[string]string{"a": "b"}}, &out))
	assert.Equal(t, 7, out.ID)
	assert.Equal(t, int64(1), creates.Load())
	assert.Equal(t, 2, srv.hits())
}

func TestNew_refusesWhatNetHTTPWouldNotSend(t *testing.T) {
	for name, mod := range map[string]func(*Settings){
		"header value DEL":  func(s *Settings) { s.AddHeader("X-A", "a\x7fb") },
		"header value ^A":   func(s *Settings) { s.AddHeader("X-A", "a\x01b") },
		"header name space": func(s *Settings) { s.AddHeader("X A", "v") },
		"user agent ^A":     func(s *Settings) { s.UserAgent = "app\x01" },
		"user agent DEL":    func(s *Settings) { s.UserAgent = "app\x7f" },
	} {
		t.Run(name, func(t *testing.T) {
			s := Settings{BaseURL: "https://api.example.com"}
			mod(&s)
			_, err := New(testAPI, s)
			assert.Error(t, err)
		})
	}
	for _, bad := range []string{"a\x01b", "a\x7f", "a\nb", "\x00", ""} {
		assert.Error(t, CheckCredential("testapi", "a key", "WithKey", bad))
	}
	assert.NoError(t, CheckCredential("testapi", "a key", "WithKey", "k-123 with space\ttab"))
}

func TestNew_userInfoPasswordNeverInTheError(t *testing.T) {
	for _, raw := range []string{
		"https://user:hunter2secret@api.example.com",
		"ftp://user:hunter2secret@api.example.com",
		"http://user:hunter2secret@api.example.com/x",
		"https://user:hunter2secret@api.example.com/?q=1",
		"https://user:hunter2secret@api.example.com/%zz",
		"https://user:hunter2secret@",
	} {
		_, err := New(testAPI, Settings{BaseURL: raw})
		require.Error(t, err, raw)
		assert.NotContains(t, err.Error(), "hunter2secret", raw)
	}
}

// classified is an envelope that knows its vendor's "not found" text.
type classified struct {
	failEnvelope
}

func (c *classified) FailureKind() error {
	if len(c.Errors) > 0 && c.Errors[0] == "no such user" {
		return ErrNotFound
	}
	return nil
}

func TestTransport_FailureClassifier_sentinelAtStatus200(t *testing.T) {
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"result":false,"errors":["no such user"]}`))
	})
	err := newClient(t, srv.URL).Do(context.Background(), &Request{Method: "GET", Path: "/u"}, &classified{})
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 200, ae.StatusCode, "the status stays what the server sent")
	assert.ErrorIs(t, err, ErrNotFound)
	assert.NotErrorIs(t, err, ErrRateLimited)
	other := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"result":false,"errors":["blocked"]}`))
	})
	err = newClient(t, other.URL).Do(context.Background(), &Request{Method: "GET", Path: "/u"}, &classified{})
	assert.NotErrorIs(t, err, ErrNotFound)
}

func TestTransport_ClientTimeout_perAttemptCoversHeadersAndBody(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	slowHeaders := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	slowBody := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":`))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	for name, base := range map[string]string{"headers": slowHeaders.URL, "body": slowBody.URL} {
		t.Run(name, func(t *testing.T) {
			c := newClient(t, base, func(s *Settings) {
				s.HTTPClient = &http.Client{Timeout: 150 * time.Millisecond}
				s.SetRetryPolicy(RetryPolicy{MaxRetries: 1, MinWait: time.Millisecond})
			})
			start := time.Now()
			err := c.Do(context.Background(), &Request{Method: "GET", Path: "/u"}, &struct{ ID int }{})
			require.Error(t, err)
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			assert.Less(t, time.Since(start), 5*time.Second, "two attempts of 150ms each, not the server's pace")
		})
	}
	assert.Equal(t, 2, slowHeaders.hits(), "a timed-out GET is retried")
}

// The SDK's own client bounds the wait for response headers too: a server that never answers fails after the header
// timeout, one that answers in time gets the rest of the attempt's
// timeout for its body, and one whose body stalls fails at the attempt's
// timeout. Each failure matches context.DeadlineExceeded and says which
// bound it hit.
func TestAttemptTransport_headerTimeoutThenAttemptTimeout(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	wait := func(r *http.Request, d time.Duration) {
		select {
		case <-release:
		case <-r.Context().Done():
		case <-time.After(d):
		}
	}
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/no-headers":
			wait(r, time.Hour)
		case "/slow-body": // headers at once, the body after 2 header timeouts
			w.WriteHeader(200)
			w.(http.Flusher).Flush()
			wait(r, 400*time.Millisecond)
			_, _ = w.Write([]byte(`{}`))
		case "/stalled-body":
			w.WriteHeader(200)
			_, _ = w.Write([]byte(`{`))
			w.(http.Flusher).Flush()
			wait(r, time.Hour)
		}
	})
	hc := withAttemptTransport(&http.Client{Transport: &http.Transport{}, Timeout: 1500 * time.Millisecond},
		200*time.Millisecond, 0)
	get := func(path string) ([]byte, time.Duration, error) {
		start := time.Now()
		resp, err := hc.Get(srv.URL + path)
		if err != nil {
			return nil, time.Since(start), err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return b, time.Since(start), err
	}

	_, took, err := get("/no-headers")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.ErrorContains(t, err, "no response headers within 200ms")
	assert.Less(t, took, time.Second, "the header timeout, not the attempt's")

	b, took, err := get("/slow-body")
	require.NoError(t, err, "the headers came in time: the body has the rest of the attempt")
	assert.Equal(t, "{}", string(b))
	assert.Greater(t, took, 300*time.Millisecond)

	_, took, err = get("/stalled-body")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.ErrorContains(t, err, "attempt timed out after 1.5s")
	assert.GreaterOrEqual(t, took, 1400*time.Millisecond, "the attempt's timeout, counted from its start")
}

// An attempt gets only the bounds the caller's own deadline would not
// reach first: a caller with a deadline sooner than both costs no attempt
// context, one between the header timeout and the attempt timeout keeps
// the header timeout only. The caller's deadline still ends the call.
func TestAttemptTransport_callerDeadlineMakesBoundsRedundant(t *testing.T) {
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hang" {
			<-r.Context().Done()
			return
		}
		_, _ = w.Write([]byte(`{}`))
	})
	at := withAttemptTransport(&http.Client{Transport: &http.Transport{}, Timeout: 2 * time.Second}, time.Second, 0).Transport.(attemptTransport)
	get := func(ctx context.Context, path string) (*http.Response, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path, nil)
		require.NoError(t, err)
		return at.RoundTrip(req)
	}
	for _, c := range []struct {
		name          string
		deadline      time.Duration // 0: none
		total, header bool
	}{
		{"no deadline", 0, true, true},
		{"a later deadline", time.Minute, true, true},
		{"between the two", 1500 * time.Millisecond, false, true},
		{"sooner than both", 500 * time.Millisecond, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			if c.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, c.deadline)
				defer cancel()
			}
			total, header := at.bounds(ctx)
			assert.Equal(t, c.total, total != nil, "attempt timeout")
			assert.Equal(t, c.header, header != nil, "header timeout")
			resp, err := get(ctx, "/ok")
			require.NoError(t, err)
			_, isAttempt := resp.Body.(*attempt)
			assert.Equal(t, c.total || c.header, isAttempt, "an attempt context only when a bound is needed")
			require.NoError(t, resp.Body.Close())
		})
	}

	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := get(ctx, "/hang")
	require.ErrorIs(t, err, context.DeadlineExceeded, "the caller's deadline ends the attempt")
	assert.NotContains(t, err.Error(), "within", "no header timeout was involved")
	assert.Less(t, time.Since(start), 900*time.Millisecond)
}
