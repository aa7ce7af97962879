package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTransport_Do_sendsTheExactRequest(t *testing.T) {
	var got *http.Request
	var body []byte
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Clone(context.Background())
		body, _ = io.ReadAll(r.Body)
		_, _ = w.Write([]byte(`{"id":"u_1"}`))
	})
	c := newClient(t, srv.URL+"/api/1.0/", func(s *Settings) {
		s.UserAgent = "myapp/2.1"
		s.AddHeader("X-Trace", "t-1")
	})
	q := url.Values{"email": {"a@b.co"}, "ids[]": {"x", "y"}}
	err := c.Do(context.Background(), &Request{Method: "POST", Path: "/users/" + Segment("u 1"), Query: q, Body: map[string]any{"first_name": "Ada"}}, &struct{}{})
	require.NoError(t, err)
	assert.Equal(t, "POST", got.Method)
	assert.Equal(t, "/api/1.0/users/u%201", got.URL.EscapedPath())
	assert.Equal(t, q, got.URL.Query())
	assert.Equal(t, "sekret-key-123", got.Header.Get("X-API-Key"))
	assert.Equal(t, "t-1", got.Header.Get("X-Trace"))
	assert.Equal(t, "myapp/2.1 userapis-go/"+Version, got.Header.Get("User-Agent"))
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
	assert.Equal(t, "application/json", got.Header.Get("Accept"))
	assert.JSONEq(t, `{"first_name":"Ada"}`, string(body))
}

func TestTransport_Do_bodyIsNotHTMLEscaped(t *testing.T) {
	var body []byte
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ = io.ReadAll(r.Body)
		_, _ = w.Write([]byte(`{}`))
	})
	c := newClient(t, srv.URL)
	in := map[string]any{"body": "<p>Tom & Jerry</p>", "raw": json.RawMessage(`{"html":"<b>"}`)}
	require.NoError(t, c.Do(context.Background(), &Request{Method: "POST", Path: "/users/", Body: in}, &struct{}{}))
	assert.Equal(t, `{"body":"<p>Tom & Jerry</p>","raw":{"html":"<b>"}}`, string(body))
}

func TestTransport_Do_rawMessageBodySentAsIs(t *testing.T) {
	var body []byte
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ = io.ReadAll(r.Body)
		_, _ = w.Write([]byte(`{}`))
	})
	c := newClient(t, srv.URL)
	raw := json.RawMessage(`{"action":"login",  "doc":{}}`)
	require.NoError(t, c.Do(context.Background(), &Request{Method: "POST", Path: "/users/", Body: raw}, &struct{}{}))
	assert.Equal(t, string(raw), string(body), "an encoded body is not encoded again")
}

func TestTransport_Do_noBodyNoContentType(t *testing.T) {
	var ct string
	var ua string
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		ct, ua = r.Header.Get("Content-Type"), r.Header.Get("User-Agent")
		_, _ = w.Write([]byte(`{}`))
	})
	c := newClient(t, srv.URL)
	require.NoError(t, c.Do(context.Background(), &Request{Method: "GET", Path: "/x"}, &struct{}{}))
	assert.Empty(t, ct)
	assert.Equal(t, "userapis-go/"+Version, ua)
}

func TestSegment_pathIDsCannotChangeTheRoute(t *testing.T) {
	var paths []string
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.EscapedPath()+"|"+r.URL.RawQuery)
		_, _ = w.Write([]byte(`{}`))
	})
	c := newClient(t, srv.URL+"/v1")
	for _, id := range []string{"../admin", "a/b?c", "..", ".", "%2e%2e", "x#y", "ü"} {
		require.NoError(t, c.Do(context.Background(), &Request{Method: "GET", Path: "/users/" + Segment(id)}, &struct{}{}))
	}
	assert.Equal(t, []string{
		"/v1/users/..%2Fadmin|",
		"/v1/users/a%2Fb%3Fc|",
		"/v1/users/%2E%2E|",
		"/v1/users/%2E|",
		"/v1/users/%252e%252e|",
		"/v1/users/x%23y|",
		"/v1/users/%C3%BC|",
	}, paths)
}

func TestTransport_Redirect_toAnotherHostSendsNoCredential(t *testing.T) {
	other := newCounting(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(`{}`)) })
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/steal", http.StatusFound)
	})
	c := newClient(t, srv.URL, func(s *Settings) { s.AddHeader("X-Extra", "private") })
	err := c.Do(context.Background(), &Request{Method: "GET", Path: "/users"}, &struct{}{})
	require.ErrorIs(t, err, ErrRedirectRefused)
	assert.Equal(t, 0, other.hits(), "the other host is never contacted")
	assert.Equal(t, 1, srv.hits(), "a refused redirect is not retried")
}

func TestTransport_Redirect_sameHostFollowedWithCredential(t *testing.T) {
	var key string
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/new", http.StatusMovedPermanently)
			return
		}
		key = r.Header.Get("X-API-Key")
		_, _ = w.Write([]byte(`{}`))
	})
	c := newClient(t, srv.URL)
	require.NoError(t, c.Do(context.Background(), &Request{Method: "GET", Path: "/old"}, &struct{}{}))
	assert.Equal(t, "sekret-key-123", key)
}

func TestTransport_Redirect_callerClientKeepsItsOwnPolicy(t *testing.T) {
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/again", http.StatusFound)
	})
	stop := errors.New("caller says stop")
	policy := func(*http.Request, []*http.Request) error { return stop }
	hc := &http.Client{CheckRedirect: policy}
	c := newClient(t, srv.URL, func(s *Settings) { s.HTTPClient = hc })
	err := c.Do(context.Background(), &Request{Method: "GET", Path: "/x"}, &struct{}{})
	require.ErrorIs(t, err, stop)
	assert.Equal(t, reflect.ValueOf(policy).Pointer(), reflect.ValueOf(hc.CheckRedirect).Pointer(), "the caller's client is not modified")
}

func TestTransport_ErrorBody_hugeBodyKeeps64KiBAndMemoryStaysFlat(t *testing.T) {
	chunk := bytes.Repeat([]byte("x"), 1<<20)
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(500)
		for range 100 { // 100 MiB, if anyone read it
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	c := newClient(t, srv.URL, func(s *Settings) { s.Retry = &RetryPolicy{MaxRetries: NoRetries} })
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err := c.Do(context.Background(), &Request{Method: "GET", Path: "/users"}, &struct{}{})
	runtime.ReadMemStats(&after)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Len(t, apiErr.Body, MaxErrorBody)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(8<<20), "allocated bytes while reading a 100 MiB error body")
}

func TestTransport_SuccessBody_over32MiBIsAnError(t *testing.T) {
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"pad":"`))
		chunk := bytes.Repeat([]byte("y"), 1<<20)
		for range 40 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		_, _ = w.Write([]byte(`"}`))
	})
	c := newClient(t, srv.URL)
	var out struct{ Pad string }
	err := c.Do(context.Background(), &Request{Method: "GET", Path: "/users"}, &out)
	require.ErrorIs(t, err, ErrUnexpectedResponse)
	assert.Contains(t, err.Error(), "exceeds 32 MiB")
	assert.Empty(t, out.Pad)
	assert.Equal(t, 1, srv.hits())
}

func TestTransport_ErrorBody_htmlBadGateway(t *testing.T) {
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("X-Request-Id", "edge-42")
		w.WriteHeader(502)
		_, _ = w.Write([]byte("<html><body><h1>502 Bad Gateway</h1></body></html>"))
	})
	c := newClient(t, srv.URL, func(s *Settings) { s.Retry = &RetryPolicy{MaxRetries: NoRetries} })
	err := c.Do(context.Background(), &Request{Method: "GET", Path: "/users/u_1"}, &struct{}{})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 502, apiErr.StatusCode)
	assert.Empty(t, apiErr.Messages)
	assert.Contains(t, string(apiErr.Body), "<h1>502 Bad Gateway</h1>")
	assert.Equal(t, "edge-42", apiErr.RequestID)
	assert.Equal(t, "testapi: GET /users/u_1: 502 Bad Gateway", apiErr.Error())
	assert.ErrorIs(t, err, ErrServer)
}

func TestTransport_SuccessBody_notTheExpectedJSON(t *testing.T) {
	cases := map[string]string{
		"truncated":   `{"id":"u_1","first_name":"Ad`,
		"empty":       ``,
		"html":        `<html>maintenance</html>`,
		"wrong shape": `[1,2,3]`,
		"wrong type":  `{"id":42}`,
		"trailing":    `{"id":"u_1"} {"id":"u_2"}`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(body)) })
			c := newClient(t, srv.URL)
			var out struct {
				ID string `json:"id"`
			}
			err := c.Do(context.Background(), &Request{Method: "GET", Path: "/users/u_1"}, &out)
			require.ErrorIs(t, err, ErrUnexpectedResponse)
			assert.True(t, strings.HasPrefix(err.Error(), "testapi: GET /users/u_1: 200 response: "), err.Error())
		})
	}
}

func TestTransport_SlowBody_contextDeadlineStopsTheRead(t *testing.T) {
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"id":`))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	c := newClient(t, srv.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := c.Do(ctx, &Request{Method: "GET", Path: "/slow"}, &struct{}{})
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 3*time.Second)
}

type envelope struct {
	Result bool     `json:"result"`
	Errors []string `json:"errors"`
}

func (e *envelope) Failure() ([]string, bool) { return e.Errors, !e.Result }

func TestTransport_Failer_resultFalseIsAnAPIError(t *testing.T) {
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"result":false,"errors":["invalid activationtoken or token expired"]}`))
	})
	c := newClient(t, srv.URL)
	err := c.Do(context.Background(), &Request{Method: "POST", Path: "/user/activate/", Body: 1}, &envelope{})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 200, apiErr.StatusCode)
	assert.Equal(t, []string{"invalid activationtoken or token expired"}, apiErr.Messages)
	assert.Contains(t, string(apiErr.Body), "token expired")
	assert.Equal(t, 1, apiErr.Attempts)
}

func TestTransport_TransportError_isWrappedAndHidesTheQuery(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	c := newClient(t, "http://"+addr, func(s *Settings) { s.Retry = &RetryPolicy{MaxRetries: NoRetries} })
	err = c.Do(context.Background(), &Request{Method: "GET", Path: "/users", Query: url.Values{"email": {"secret@person.example"}}}, &struct{}{})
	var ue *url.Error
	require.ErrorAs(t, err, &ue)
	assert.NotContains(t, err.Error(), "secret@person.example")
	assert.NotContains(t, ue.URL, "?")
	assert.True(t, strings.HasPrefix(err.Error(), "testapi: GET /users: "), err.Error())
}

func TestTransport_Context_cancelledBeforeSend(t *testing.T) {
	srv := newCounting(t, statuses(`{}`))
	c := newClient(t, srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := c.Do(ctx, &Request{Method: "GET", Path: "/x"}, &struct{}{})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 0, srv.hits())
}

// captureStderr runs f with os.Stderr and the standard logger redirected.
func captureStderr(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	old := os.Stderr
	os.Stderr = w
	oldLog := log.Writer()
	log.SetOutput(w)
	var buf bytes.Buffer
	done := make(chan struct{})
	go func() { _, _ = io.Copy(&buf, r); close(done) }()
	f()
	os.Stderr = old
	log.SetOutput(oldLog)
	w.Close()
	<-done
	return buf.String()
}

func TestTransport_Logging_silentWithoutLogger(t *testing.T) {
	srv := newCounting(t, statuses(`{}`, 503, 500, 429))
	out := captureStderr(t, func() {
		c := newClient(t, srv.URL)
		require.NoError(t, c.Do(context.Background(), &Request{Method: "GET", Path: "/x"}, &struct{}{}))
		_ = c.Do(context.Background(), &Request{Method: "POST", Path: "/x", Body: 1}, nil)
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		addr := ln.Addr().String()
		ln.Close()
		bad := newClient(t, "http://"+addr)
		_ = bad.Do(context.Background(), &Request{Method: "GET", Path: "/x"}, &struct{}{})
	})
	assert.Empty(t, out)
	assert.Equal(t, 5, srv.hits())
}

func TestTransport_RawQuery_followsQuery(t *testing.T) {
	var queries []string
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.RawQuery)
		_, _ = w.Write([]byte(`{}`))
	})
	c := newClient(t, srv.URL)
	for _, r := range []*Request{
		{RawQuery: "userId=42"},
		{Query: url.Values{"b": {"2"}, "a": {"1 x"}}},
		{Query: url.Values{"a": {"1"}}, RawQuery: "userId=42"},
		{},
	} {
		r.Method, r.Path = "GET", "/users"
		require.NoError(t, c.Do(context.Background(), r, &struct{}{}))
	}
	assert.Equal(t, []string{"userId=42", "a=1+x&b=2", "a=1&userId=42", ""}, queries)
}

func TestTransport_Logging_debugRecordPerAttemptWithoutSecrets(t *testing.T) {
	srv := newCounting(t, statuses(`{"token":"body-secret"}`, 503, 503))
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newClient(t, srv.URL, func(s *Settings) { s.Logger = logger; s.AddHeader("X-Extra", "hdr-secret") })
	q := url.Values{"email": {"query-secret@x.example"}}
	require.NoError(t, c.Do(context.Background(), &Request{Method: "GET", Path: "/users", Query: q}, &struct{}{}))
	out := buf.String()
	for _, secret := range []string{"sekret-key-123", "hdr-secret", "query-secret", "body-secret"} {
		assert.NotContains(t, out, secret)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 3)
	for i, line := range lines {
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &rec))
		assert.Equal(t, "DEBUG", rec["level"])
		assert.Equal(t, "GET", rec["method"])
		assert.Equal(t, "/users", rec["path"])
		assert.EqualValues(t, i+1, rec["attempt"])
		assert.EqualValues(t, []int{503, 503, 200}[i], rec["status"])
		assert.Contains(t, rec, "duration")
	}
}

func TestTransport_Concurrency_64GoroutinesShareOneClient(t *testing.T) {
	var newConns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"id":"` + r.URL.Path[len("/users/"):] + `"}`))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			newConns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c := newClient(t, srv.URL)
	var wg sync.WaitGroup
	errs := make(chan error, 64*20)
	for g := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				id := string(rune('a'+g%26)) + "-" + string(rune('a'+i))
				var out struct{ ID string }
				if err := c.Do(context.Background(), &Request{Method: "GET", Path: "/users/" + id}, &out); err != nil {
					errs <- err
				} else if out.ID != id {
					errs <- errors.New("crossed responses: " + out.ID + " != " + id)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// Dials racing idle connections can open a few more than 64; with Go's
	// default of 2 idle connections per host this test dials hundreds.
	assert.LessOrEqual(t, newConns.Load(), int64(128), "1280 requests reuse their connections")
}

func TestTransport_RateLimit_waitsAndHonoursContext(t *testing.T) {
	srv := newCounting(t, statuses(`{}`))
	c := newClient(t, srv.URL, func(s *Settings) { s.SetRateLimit(1, 1) })
	require.NoError(t, c.Do(context.Background(), &Request{Method: "GET", Path: "/x"}, &struct{}{}))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := c.Do(ctx, &Request{Method: "GET", Path: "/x"}, &struct{}{})
	require.Error(t, err)
	assert.Less(t, time.Since(start), 500*time.Millisecond, "a wait that cannot fit the deadline fails at once")
	assert.Equal(t, 1, srv.hits())
}

func TestTransport_RateLimit_spacesRequests(t *testing.T) {
	srv := newCounting(t, statuses(`{}`))
	c := newClient(t, srv.URL, func(s *Settings) { s.SetRateLimit(20, 1) })
	start := time.Now()
	for range 5 {
		require.NoError(t, c.Do(context.Background(), &Request{Method: "GET", Path: "/x"}, &struct{}{}))
	}
	assert.GreaterOrEqual(t, time.Since(start), 190*time.Millisecond, "5 requests at 20/s with burst 1 take at least 200ms")
}

func TestTransport_WithBaseURL_sharesTheClient(t *testing.T) {
	var paths []string
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		_, _ = w.Write([]byte(`{}`))
	})
	c := newClient(t, srv.URL+"/a")
	d, err := c.WithBaseURL(srv.URL+"/b/", false)
	require.NoError(t, err)
	assert.Same(t, c.rc, d.rc)
	require.NoError(t, d.Do(context.Background(), &Request{Method: "GET", Path: "/x"}, &struct{}{}))
	require.NoError(t, c.Do(context.Background(), &Request{Method: "GET", Path: "/x"}, &struct{}{}))
	assert.Equal(t, []string{"/b/x", "/a/x"}, paths)
	assert.Equal(t, srv.URL+"/b", d.BaseURL())
	_, err = c.WithBaseURL("http://example.com", false)
	assert.Error(t, err)
}
