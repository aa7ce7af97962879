package fakekit

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Fault is one failure injected for one operation: the next Times
// requests of the operation Op wait Delay and then answer Status in the
// vendor's error format (with a Retry-After header when RetryAfter is
// set), or, with Reset, have their connection cut after the request was
// read. The fake's handler does not run for them: nothing is stored.
type Fault struct {
	// Op is the SDK method's name, e.g. "Users.Create". Where two methods
	// send the same request (tenants' Users.Get and Users.Search, All and
	// List), either name matches it. An unknown Op makes Inject panic.
	Op string
	// Status is the HTTP status to answer, in the vendor's error format.
	// 0 with Reset false answers normally, after Delay.
	Status int
	// RetryAfter is sent as the Retry-After header, in whole seconds
	// rounded up (1500ms is sent as "2"); 0 sends none.
	RetryAfter time.Duration
	// Delay is latency before the answer, whether faulted or normal. A
	// client that gives up first ends the wait.
	Delay time.Duration
	// Reset cuts the connection once the request was read: the client
	// sees a connection reset, not an answer. It takes precedence over
	// Status.
	Reset bool
	// Times is how many requests the fault applies to; 0 means 1.
	Times int
}

// Inject adds f to the kit's pending faults. Faults on different
// operations are independent and add up; faults on the same operation
// apply one after the other, in the order injected. It panics when the
// kit has no route table, f.Op is not an operation in it, f.Status is not
// an HTTP status, or a duration or Times is negative.
func (k *Kit) Inject(f Fault) {
	switch {
	case k.opts.Routes == nil:
		panic("fakekit: Inject: this fake has no route table")
	case !k.opts.Routes.Known(f.Op):
		panic(fmt.Sprintf("fakekit: Inject: unknown operation %q; known: %s", f.Op, strings.Join(k.opts.Routes.Names(), ", ")))
	case f.Status != 0 && (f.Status < 200 || f.Status > 599):
		panic(fmt.Sprintf("fakekit: Inject: status %d is not a final HTTP status", f.Status))
	case f.RetryAfter < 0 || f.Delay < 0 || f.Times < 0:
		panic("fakekit: Inject: negative RetryAfter, Delay or Times")
	}
	if f.Times == 0 {
		f.Times = 1
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.faults = append(k.faults, f)
}

// takeFault returns the first pending fault for any of ops, using one of
// its times, or false.
func (k *Kit) takeFault(r *http.Request) (Fault, bool) {
	k.mu.Lock()
	pending := len(k.faults) > 0
	k.mu.Unlock()
	if !pending { // the common case: no route matching, no body peeked
		return Fault{}, false
	}
	ops := k.opts.Routes.Match(r)
	k.mu.Lock()
	defer k.mu.Unlock()
	i := slices.IndexFunc(k.faults, func(f Fault) bool { return slices.Contains(ops, f.Op) })
	if i < 0 {
		return Fault{}, false
	}
	f := k.faults[i]
	if k.faults[i].Times--; k.faults[i].Times == 0 {
		k.faults = slices.Delete(k.faults, i, i+1)
	}
	return f, true
}

// apply serves f, reporting whether it answered the request; false means
// the request goes on to the handler (a fault that only delays).
func (k *Kit) apply(w http.ResponseWriter, r *http.Request, f Fault) bool {
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return true // the client went away: nobody to answer
		}
	}
	switch {
	case f.Reset:
		_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, MaxRequestBody)) // the request is read, then the line is cut
		reset(w)
		return true
	case f.Status != 0:
		if f.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.FormatInt(int64((f.RetryAfter+time.Second-1)/time.Second), 10))
		}
		k.opts.WriteError(w, f.Status, http.StatusText(f.Status)+" (injected for "+f.Op+")")
		return true
	}
	return false
}

// reset cuts the connection under w so the peer sees a reset (RST), not
// a clean close: SO_LINGER 0 discards what is unsent. Where w cannot be
// hijacked, the handler is aborted, which also closes the connection.
func reset(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}
