package fakekit

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// table is a small API: a list, a create that stores, and an
// action-routed call, like the four fakes' tables.
var table = []Route{
	{Method: "GET", Pattern: "/items", Ops: []string{"Items.List", "Items.All"}},
	{Method: "POST", Pattern: "/items", Ops: []string{"Items.Create"}},
	{Method: "GET", Pattern: "/items/{id}", Ops: []string{"Items.Get"}},
	{Method: "POST", Pattern: "/rpc/{$}", Action: "ping", Ops: []string{"RPC.Ping"}},
	{Method: "POST", Pattern: "/rpc/{$}", Action: "echo", Ops: []string{"RPC.Echo"}},
	{Method: "POST", Pattern: "/rpc/{$}", Ops: []string{"RPC.Do"}},
}

// faultKit starts a kit over table whose handler counts the requests it
// served (stored) and echoes request bodies.
func faultKit(t *testing.T) (*Kit, *atomic.Int64) {
	t.Helper()
	var served atomic.Int64
	k := Start(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(append([]byte(`{"ok":true,"echo":`), append(orNull(b), '}')...))
	}), Options{
		WriteError: func(w http.ResponseWriter, status int, msg string) {
			WriteJSON(w, status, map[string]any{"result": false, "errors": []string{msg}})
		},
		Routes: NewRoutes(table),
	})
	t.Cleanup(k.Close)
	return k, &served
}

func orNull(b []byte) []byte {
	if len(b) == 0 {
		return []byte("null")
	}
	return b
}

type answer struct {
	status int
	header http.Header
	body   string
	err    error
}

func send(t *testing.T, k *Kit, method, path, body string) answer {
	t.Helper()
	req, err := http.NewRequest(method, k.URL()+path, strings.NewReader(body))
	require.NoError(t, err)
	// a fresh connection each time, so net/http never replays a request
	hc := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := hc.Do(req)
	if err != nil {
		return answer{err: err}
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, header: resp.Header, body: strings.TrimSpace(string(b))}
}

func TestKit_Inject_statusInVendorFormatInsteadOfHandler(t *testing.T) {
	k, served := faultKit(t)
	k.Inject(Fault{Op: "Items.Create", Status: 503})
	a := send(t, k, "POST", "/items", `{"n":1}`)
	require.NoError(t, a.err)
	assert.Equal(t, 503, a.status)
	assert.JSONEq(t, `{"result":false,"errors":["Service Unavailable (injected for Items.Create)"]}`, a.body)
	assert.Empty(t, a.header.Get("Retry-After"), "no RetryAfter, no header")
	assert.Zero(t, served.Load(), "the handler did not run: nothing stored")
	assert.Equal(t, 1, k.Requests(), "a faulted request is counted")

	a = send(t, k, "POST", "/items", `{"n":1}`)
	assert.Equal(t, 200, a.status, "Times 0 means once")
	assert.Equal(t, int64(1), served.Load())
}

func TestKit_Inject_retryAfterInWholeSecondsRoundedUp(t *testing.T) {
	for _, tc := range []struct {
		after time.Duration
		want  string
	}{
		{1500 * time.Millisecond, "2"},
		{time.Second, "1"},
		{time.Millisecond, "1"},
		{2*time.Second + time.Nanosecond, "3"},
		{90 * time.Second, "90"},
	} {
		k, _ := faultKit(t)
		k.Inject(Fault{Op: "Items.Create", Status: 429, RetryAfter: tc.after})
		a := send(t, k, "POST", "/items", `{}`)
		require.NoError(t, a.err)
		assert.Equal(t, 429, a.status)
		assert.Equal(t, tc.want, a.header.Get("Retry-After"), "RetryAfter %v", tc.after)
	}
}

func TestKit_Inject_timesThenNormal(t *testing.T) {
	k, served := faultKit(t)
	k.Inject(Fault{Op: "Items.Get", Status: 500, Times: 3})
	for i := range 3 {
		assert.Equal(t, 500, send(t, k, "GET", "/items/7", "").status, "request %d", i+1)
	}
	assert.Equal(t, 200, send(t, k, "GET", "/items/7", "").status)
	assert.Equal(t, int64(1), served.Load())
	assert.Equal(t, 4, k.Requests())
}

func TestKit_Inject_otherOperationsAreUntouched(t *testing.T) {
	k, _ := faultKit(t)
	k.Inject(Fault{Op: "Items.Get", Status: 500})
	assert.Equal(t, 200, send(t, k, "GET", "/items", "").status, "a list is not a get")
	assert.Equal(t, 200, send(t, k, "POST", "/items", "{}").status)
	assert.Equal(t, 500, send(t, k, "GET", "/items/1", "").status)
}

func TestKit_Inject_faultsOnDifferentOpsAddUp(t *testing.T) {
	k, served := faultKit(t)
	k.Inject(Fault{Op: "Items.Create", Status: 429, RetryAfter: time.Second})
	k.Inject(Fault{Op: "Items.Get", Status: 502})
	k.FailNext(1, 504) // still works, for a request no fault takes
	assert.Equal(t, 502, send(t, k, "GET", "/items/1", "").status)
	assert.Equal(t, 429, send(t, k, "POST", "/items", "{}").status)
	assert.Equal(t, 504, send(t, k, "GET", "/items", "").status, "FailNext")
	assert.Equal(t, 200, send(t, k, "GET", "/items/1", "").status)
	assert.Equal(t, 200, send(t, k, "POST", "/items", "{}").status)
	assert.Equal(t, int64(2), served.Load())
	assert.Equal(t, 5, k.Requests())
}

func TestKit_Inject_sameOpInOrder(t *testing.T) {
	k, _ := faultKit(t)
	k.Inject(Fault{Op: "Items.Get", Status: 503, Times: 2})
	k.Inject(Fault{Op: "Items.Get", Status: 404})
	got := []int{}
	for range 4 {
		got = append(got, send(t, k, "GET", "/items/1", "").status)
	}
	assert.Equal(t, []int{503, 503, 404, 200}, got)
}

func TestKit_Inject_eitherNameOfARequest(t *testing.T) {
	k, _ := faultKit(t)
	k.Inject(Fault{Op: "Items.All", Status: 500})
	k.Inject(Fault{Op: "Items.List", Status: 501})
	assert.Equal(t, 500, send(t, k, "GET", "/items", "").status)
	assert.Equal(t, 501, send(t, k, "GET", "/items", "").status)
	assert.Equal(t, 200, send(t, k, "GET", "/items", "").status)
}

func TestKit_Inject_byBodyAction(t *testing.T) {
	k, _ := faultKit(t)
	k.Inject(Fault{Op: "RPC.Echo", Status: 200})
	a := send(t, k, "POST", "/rpc/", `{"action":"ping"}`)
	assert.JSONEq(t, `{"ok":true,"echo":{"action":"ping"}}`, a.body, "another action is untouched, its body intact")
	a = send(t, k, "POST", "/rpc/", `{"action":"echo"}`)
	assert.JSONEq(t, `{"result":false,"errors":["OK (injected for RPC.Echo)"]}`, a.body)

	k.Inject(Fault{Op: "RPC.Do", Status: 500, Times: 2})
	assert.Equal(t, 500, send(t, k, "POST", "/rpc/", `{"action":"ping"}`).status, "a generic route matches every action")
	assert.Equal(t, 500, send(t, k, "POST", "/rpc/", `{"action":"whatever"}`).status)
	assert.Equal(t, 200, send(t, k, "POST", "/rpc/", `{"action":"ping"}`).status)
}

func TestKit_Inject_panics(t *testing.T) {
	k, _ := faultKit(t)
	assert.PanicsWithValue(t, `fakekit: Inject: unknown operation "Items.Delete"; known: Items.All, Items.Create, Items.Get, Items.List, RPC.Do, RPC.Echo, RPC.Ping`,
		func() { k.Inject(Fault{Op: "Items.Delete", Status: 500}) })
	assert.Panics(t, func() { k.Inject(Fault{Op: "items.get"}) }, "names are exact")
	assert.Panics(t, func() { k.Inject(Fault{Op: "Items.Get", Status: 42}) })
	assert.Panics(t, func() { k.Inject(Fault{Op: "Items.Get", Status: 600}) })
	assert.Panics(t, func() { k.Inject(Fault{Op: "Items.Get", Delay: -1}) })
	assert.Panics(t, func() { k.Inject(Fault{Op: "Items.Get", Times: -1}) })
	assert.NotPanics(t, func() { k.Inject(Fault{Op: "Items.Get", Status: 200}) })

	bare := Start(http.NotFoundHandler(), Options{})
	defer bare.Close()
	assert.Panics(t, func() { bare.Inject(Fault{Op: "Items.Get"}) }, "no route table")
}

func TestKit_Inject_delayBeforeAnyAnswer(t *testing.T) {
	const delay = 150 * time.Millisecond
	k, served := faultKit(t)
	k.Inject(Fault{Op: "RPC.Echo", Delay: delay})
	start := time.Now()
	a := send(t, k, "POST", "/rpc/", `{"action":"echo","n":1}`)
	assert.GreaterOrEqual(t, time.Since(start), delay)
	assert.JSONEq(t, `{"ok":true,"echo":{"action":"echo","n":1}}`, a.body, "a delay alone answers normally, body intact")
	assert.Equal(t, int64(1), served.Load())

	k.Inject(Fault{Op: "Items.Create", Status: 503, Delay: delay})
	start = time.Now()
	a = send(t, k, "POST", "/items", `{}`)
	assert.GreaterOrEqual(t, time.Since(start), delay)
	assert.Equal(t, 503, a.status)
}

func TestKit_Inject_delayEndsWhenTheClientGivesUp(t *testing.T) {
	k, _ := faultKit(t)
	k.Inject(Fault{Op: "Items.Get", Delay: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", k.URL()+"/items/1", nil)
	start := time.Now()
	_, err := http.DefaultClient.Do(req)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	done := make(chan struct{})
	go func() { k.Close(); close(done) }() // Close waits for the handler
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the handler still waits out its delay")
	}
	assert.Less(t, time.Since(start), 30*time.Second)
}

func TestKit_Inject_resetCutsTheConnection(t *testing.T) {
	k, served := faultKit(t)
	k.Inject(Fault{Op: "Items.Create", Reset: true, Status: 503})
	conn, err := net.Dial("tcp", strings.TrimPrefix(k.URL(), "http://"))
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, "POST /items HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\n{\"n\":1}")
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(30*time.Second)))
	b, err := io.ReadAll(conn)
	assert.Empty(t, b, "no answer, not even the 503: Reset wins")
	assert.True(t, errors.Is(err, syscall.ECONNRESET), "a reset, not a clean close: %v", err)
	assert.Zero(t, served.Load())
	assert.Equal(t, 1, k.Requests())

	a := send(t, k, "POST", "/items", `{}`)
	assert.Equal(t, 200, a.status, "the next request is served")
}

func TestKit_Inject_resetThroughNetHTTP(t *testing.T) {
	k, _ := faultKit(t)
	k.Inject(Fault{Op: "Items.Get", Reset: true})
	a := send(t, k, "GET", "/items/1", "")
	var ue *url.Error
	require.ErrorAs(t, a.err, &ue, "a transport error, no response")
	assert.Zero(t, a.status)
}

func TestKit_Inject_resetInProcessAborts(t *testing.T) {
	k, _ := faultKit(t)
	k.Inject(Fault{Op: "Items.Get", Reset: true})
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() { k.Serve(Probe{Method: "GET", Path: "/items/1"}) },
		"a recorder cannot be hijacked: the handler aborts, as net/http closes the connection on")
}

func TestRoutes_MatchLeavesTheBody(t *testing.T) {
	rt := NewRoutes(table)
	body := `{"action":"echo","big":"` + strings.Repeat("x", 1<<12) + `"}`
	r, _ := http.NewRequest("POST", "http://h/rpc/", strings.NewReader(body))
	assert.Equal(t, []string{"RPC.Echo", "RPC.Do"}, rt.Match(r))
	b, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	assert.Equal(t, body, string(b))

	r, _ = http.NewRequest("GET", "http://h/elsewhere", nil)
	assert.Nil(t, rt.Match(r))
	r, _ = http.NewRequest("DELETE", "http://h/items/1", nil)
	assert.Nil(t, rt.Match(r), "the method is part of the route")
	assert.True(t, rt.Known("Items.All"))
	assert.False(t, rt.Known("Items.Delete"))
	assert.Panics(t, func() { NewRoutes([]Route{{Method: "GET", Pattern: "/x"}}) }, "a route without operations")
}
