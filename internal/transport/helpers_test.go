package transport

import (
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// fastRetry is the default policy with waits short enough for tests.
var fastRetry = RetryPolicy{MaxRetries: 3, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond}

// counting serves h and counts the requests that reached it.
type counting struct {
	*httptest.Server
	n atomic.Int64
}

func (c *counting) hits() int { return int(c.n.Load()) }

func newCounting(t *testing.T, h http.HandlerFunc) *counting {
	t.Helper()
	c := &counting{}
	c.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.n.Add(1)
		h(w, r)
	}))
	t.Cleanup(c.Close)
	return c
}

// statuses answers the given statuses in turn, then 200 with body.
func statuses(body string, codes ...int) http.HandlerFunc {
	var i atomic.Int64
	return func(w http.ResponseWriter, r *http.Request) {
		n := int(i.Add(1)) - 1
		if n < len(codes) {
			w.WriteHeader(codes[n])
			_, _ = w.Write([]byte(`{"detail":"failure ` + http.StatusText(codes[n]) + `"}`))
			return
		}
		_, _ = w.Write([]byte(body))
	}
}

// testAPI authenticates with a static key header.
var testAPI = API{Name: "testapi", Authorize: func(h http.Header) { h.Set("X-API-Key", "sekret-key-123") }}

func newClient(t *testing.T, base string, mod ...func(*Settings)) *Client {
	t.Helper()
	s := Settings{BaseURL: base, Retry: &fastRetry}
	for _, m := range mod {
		m(&s)
	}
	c, err := New(testAPI, s)
	require.NoError(t, err)
	return c
}

// rawServer accepts TCP connections on loopback and hands each to serve,
// in a goroutine of its own, closing it when serve returns: for servers
// that misbehave below HTTP. It returns the base URL.
func rawServer(t *testing.T, serve func(conn net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				serve(conn)
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}
