// Package fakefuzz is the fuzz target shared by the four fake servers:
// arbitrary method, path, query and body, sent to a fake's whole handler
// in process, must get an answer in the vendor's format, never a panic
// and never a 5xx that was not injected.
package fakefuzz

import (
	"net/http"
	"testing"

	"github.com/userapis/sdk/internal/fakekit"
)

// Fake is one fake under test.
type Fake struct {
	// Kit is the fake's kit, whose handler is fuzzed.
	Kit *fakekit.Kit
	// Authorize sets the fake's valid credentials on h.
	Authorize func(h http.Header)
	// Close shuts the fake down.
	Close func()
}

// Target describes a fake to fuzz.
type Target struct {
	// New starts a fresh fake. Run starts another every Restart requests,
	// so the state fuzzing piles up stays small and every exec is fast.
	New func() Fake
	// EmptyNotFound allows a 404 with an empty body, as the vendor sends
	// for an unknown id; every other 4xx or 5xx must be in the shape of
	// the fake's own error writer ([fakekit.Kit.IsError]).
	EmptyNotFound bool
}

// Restart is how many requests one fake serves in a fuzz run before Run
// replaces it with a fresh one.
const Restart = 2000

// Flags of a fuzz input.
const (
	NoCredentials = 1 << iota // send no credentials
	Inject                    // FailNext(1, 503) first: a 503 is then expected
)

// Run fuzzes the target with inputs (method, path, query, body, flags);
// the corpus is in testdata/fuzz/<FuzzName>.
func Run(f *testing.F, tg Target) {
	var fake Fake
	n := 0
	f.Cleanup(func() {
		if fake.Close != nil {
			fake.Close()
		}
	})
	f.Fuzz(func(t *testing.T, method, path, query string, body []byte, flags byte) {
		if n%Restart == 0 {
			if fake.Close != nil {
				fake.Close()
			}
			fake = tg.New()
		}
		n++
		h := http.Header{}
		if flags&NoCredentials == 0 {
			fake.Authorize(h)
		}
		if len(body) > 0 {
			h.Set("Content-Type", "application/json")
		}
		injected := 0
		if flags&Inject != 0 {
			fake.Kit.FailNext(1, http.StatusServiceUnavailable)
			injected = http.StatusServiceUnavailable
		}
		rec, ok := fake.Kit.Serve(fakekit.Probe{Method: method, Path: path, Query: query, Header: h, Body: body})
		if injected != 0 {
			fake.Kit.FailNext(0, 0) // not taken when the request was refused before the kit
		}
		if !ok {
			return
		}
		isError := func(status int, body []byte) bool {
			return (tg.EmptyNotFound && status == http.StatusNotFound && len(body) == 0) || fake.Kit.IsError(status, body)
		}
		if err := fakekit.CheckAnswer(rec, injected, isError); err != nil {
			t.Fatalf("%s %s?%s %q: %v", method, path, query, body, err)
		}
	})
}
