// Package fakekit is the shared core of the four fake servers: a real HTTP
// server on loopback, request counting, injected failures (FailNext, and
// Inject for one operation, found by the fake's route table), a
// credential check, and JSON helpers, so each fake holds only its API.
package fakekit

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
)

// MaxRequestBody is the largest request body a fake reads.
const MaxRequestBody = 1 << 20

// Options are what a fake tells the kit about its API.
type Options struct {
	// Authorize checks a request's credentials. It returns 0 to let the
	// request through, or the status (401, 403) and message to refuse it.
	Authorize func(r *http.Request) (status int, msg string)
	// WriteError writes status and msg in the vendor's error format.
	WriteError func(w http.ResponseWriter, status int, msg string)
	// Routes is the fake's route table, which names each request's
	// operations for [Kit.Inject]; nil makes Inject panic.
	Routes *Routes
}

// Kit runs one fake server.
type Kit struct {
	srv      *httptest.Server
	handler  http.Handler // what srv serves: counting, failures, credentials, then the fake
	opts     Options
	requests atomic.Int64

	mu         sync.Mutex
	failN      int
	failStatus int
	faults     []Fault // pending, in the order injected
}

// Start serves h on a loopback port behind the kit's counting, failure
// injection and credential check.
func Start(h http.Handler, opts Options) *Kit {
	if opts.WriteError == nil {
		opts.WriteError = func(w http.ResponseWriter, status int, msg string) {
			WriteJSON(w, status, map[string]string{"message": msg})
		}
	}
	k := &Kit{opts: opts}
	k.handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k.requests.Add(1)
		if f, ok := k.takeFault(r); ok && k.apply(w, r, f) {
			return
		}
		if status := k.takeFailure(); status != 0 {
			if status == http.StatusTooManyRequests {
				w.Header().Set("Retry-After", "0")
			}
			k.opts.WriteError(w, status, http.StatusText(status)+" (injected by FailNext)")
			return
		}
		if opts.Authorize != nil {
			if status, msg := opts.Authorize(r); status != 0 {
				k.opts.WriteError(w, status, msg)
				return
			}
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxRequestBody)
		h.ServeHTTP(w, r)
	})
	k.srv = httptest.NewServer(k.handler)
	return k
}

func (k *Kit) takeFailure() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.failN <= 0 {
		return 0
	}
	k.failN--
	return k.failStatus
}

// URL returns the server's root URL, http://127.0.0.1:port.
func (k *Kit) URL() string { return k.srv.URL }

// Close shuts the server down.
func (k *Kit) Close() { k.srv.Close() }

// Client returns an *http.Client for the server (plain, no retries).
func (k *Kit) Client() *http.Client { return k.srv.Client() }

// FailNext makes the next n requests answer status in the vendor's error
// format, before credentials are checked. A request an injected [Fault]
// answers does not use one of the n.
func (k *Kit) FailNext(n, status int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.failN, k.failStatus = n, status
}

// Requests returns how many requests reached the server.
func (k *Kit) Requests() int { return int(k.requests.Load()) }

// Error writes status and msg in the vendor's format.
func (k *Kit) Error(w http.ResponseWriter, status int, msg string) { k.opts.WriteError(w, status, msg) }

// WriteJSON writes v as JSON with status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// ErrBody is returned by ReadJSON for a missing, oversized or malformed body.
var ErrBody = errors.New("fakekit: request body is not valid JSON")

// ReadJSON decodes the request body into v.
func ReadJSON(r *http.Request, v any) error {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return errors.Join(ErrBody, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return errors.Join(ErrBody, err)
	}
	return nil
}

// Span returns the bounds [from, to) of the window of at most size items
// at offset in a list of n: empty at n when offset is past the end. It
// cannot overflow, whatever the numbers a request sends; offset must not
// be negative and size must be positive.
func Span(n, offset, size int) (from, to int) {
	from = min(offset, n)
	return from, from + min(size, n-from)
}

// PageSpan is [Span] for the 0-based page number page: page*size is not
// computed when it would pass n (and so cannot overflow).
func PageSpan(n, page, size int) (from, to int) {
	if page > n/size {
		return n, n
	}
	return Span(n, page*size, size)
}
