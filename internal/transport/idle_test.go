package transport

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// reused makes one GET through c and reports whether it went over a
// connection that was already open.
func reused(t *testing.T, c *Client) bool {
	t.Helper()
	var got httptrace.GotConnInfo
	ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{
		GotConn: func(i httptrace.GotConnInfo) { got = i },
	})
	require.NoError(t, c.Do(ctx, &Request{Method: http.MethodGet, Path: "/x"}, nil))
	return got.Reused
}

func TestIdleCloser_closesIdleConnectionsOnlyAfterAnUnusedSpell(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	t.Cleanup(srv.Close)
	c := newClient(t, srv.URL)
	idle := c.rc.HTTPClient.Transport.(attemptTransport).idle
	require.NotNil(t, idle)
	t.Cleanup(func() { idle.timer.Stop() })

	assert.False(t, reused(t, c), "the first request dials")
	assert.True(t, reused(t, c), "the second reuses the idle connection")

	start := time.Now()
	idle.last.Store(start.UnixNano())
	assert.True(t, idle.check(start.Add(idleAfter-time.Second)))
	assert.True(t, reused(t, c), "used within the spell: the connection stays open")

	// The request just made started within a second of start: last is
	// unchanged, and a check a spell after start closes the connection.
	assert.Equal(t, start.UnixNano(), idle.last.Load())
	assert.True(t, idle.check(start.Add(idleAfter)))
	assert.False(t, reused(t, c), "unused for the spell: the idle connection was closed")
	assert.True(t, reused(t, c))
}

func TestIdleCloser_touchWritesAtMostOncePerSecond(t *testing.T) {
	c := newIdleCloser(&http.Transport{}, time.Hour)
	t.Cleanup(func() { c.timer.Stop() })
	t0 := time.Unix(1000, 0)
	c.last.Store(t0.UnixNano())
	c.touch(t0.Add(999 * time.Millisecond))
	assert.Equal(t, t0.UnixNano(), c.last.Load())
	c.touch(t0.Add(time.Second))
	assert.Equal(t, t0.Add(time.Second).UnixNano(), c.last.Load())
	c.touch(t0) // an attempt that read the clock earlier never moves it back
	assert.Equal(t, t0.Add(time.Second).UnixNano(), c.last.Load())
}

func TestIdleCloser_stopsWhenItsTransportIsGone(t *testing.T) {
	c := newIdleCloser(&http.Transport{}, time.Hour)
	t.Cleanup(func() { c.timer.Stop() })
	for i := 0; i < 10 && c.t.Value() != nil; i++ {
		runtime.GC()
	}
	require.Nil(t, c.t.Value(), "the timer does not keep the transport alive")
	assert.False(t, c.check(time.Now().Add(2*time.Hour)), "nothing left to close: the timer is not re-armed")
}

func TestIdleCloser_everyAttemptCounts(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	t.Cleanup(srv.Close)
	c := newClient(t, srv.URL)
	idle := c.rc.HTTPClient.Transport.(attemptTransport).idle
	t.Cleanup(func() { idle.timer.Stop() })
	for _, ctx := range []context.Context{
		context.Background(),
		shortDeadline(t), // a caller deadline sooner than every bound: no attempt context
	} {
		before := time.Now()
		idle.last.Store(before.Add(-time.Hour).UnixNano())
		require.NoError(t, c.Do(ctx, &Request{Method: http.MethodGet, Path: "/x"}, nil))
		assert.GreaterOrEqual(t, idle.last.Load(), before.UnixNano())
	}
}

func shortDeadline(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// The timer fires on its own and finds c.timer set, however short the
// wait: it closes the idle connection of a client left unused, which the
// server sees closed.
func TestIdleCloser_firesOnItsOwn(t *testing.T) {
	closed := make(chan struct{}, 1)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateClosed {
			closed <- struct{}{}
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	c := newClient(t, srv.URL)
	at := c.rc.HTTPClient.Transport.(attemptTransport)
	at.idle.timer.Stop()
	assert.False(t, reused(t, c))
	assert.True(t, reused(t, c), "the connection is idle in the pool")

	short := newIdleCloser(at.base.(*http.Transport), time.Millisecond)
	t.Cleanup(func() { short.timer.Stop() })
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("the idle connection was never closed")
	}
}
