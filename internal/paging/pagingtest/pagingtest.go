// Package pagingtest checks a package's All against HTTP servers that
// ignore the page parameter, so every API's walk is shown to end the same
// way: with one error matching ErrUnexpectedResponse, after a bounded
// number of requests.
package pagingtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// WritePage writes one page in the vendor's format: the users with these
// ids (from 1) and total, the listing's reported size (0: none, or null
// where the API allows it).
type WritePage func(w http.ResponseWriter, ids []int, total int)

// Walk runs the package's All against baseURL and returns how many users
// it yielded and the errors it yielded.
type Walk func(ctx context.Context, baseURL string) (users int, errs []error)

// Run walks servers that will not end a walk: the same page reordered on
// every request, two pages in turn, and new users on every request below
// a reported total. size is the page size walk asks for; unexpected is
// the package's ErrUnexpectedResponse. A nil ctx is checked too: one
// error, no request.
func Run(t *testing.T, size int, write WritePage, walk Walk, unexpected error) {
	t.Helper()
	first, second := span(1, size+1), span(size+1, 2*size+1)
	for _, tc := range []struct {
		name      string
		page      func(call int) []int // the ids of the call-th request, from 0
		total     int
		wantUsers int
		wantCalls int
	}{
		{"same page reordered, no total", func(call int) []int { return rotate(first, call) }, 0, size, 2},
		{"two pages in turn, no total", func(call int) []int { return [][]int{first, second}[call%2] }, 0, 2 * size, 3},
		// ceil((2*size+1)/size) = 3 pages, +1 for an empty one.
		{"new users every time, total 2 pages and 1", func(call int) []int { return span(call*size+1, (call+1)*size+1) }, 2*size + 1, 4 * size, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				n := int(calls.Add(1))
				if n > 50 {
					http.Error(w, "runaway walk", http.StatusGone)
					return
				}
				write(w, tc.page(n-1), tc.total)
			}))
			defer srv.Close()
			users, errs := walk(context.Background(), srv.URL)
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], unexpected)
			assert.Equal(t, tc.wantUsers, users)
			assert.Equal(t, tc.wantCalls, int(calls.Load()), "requests before the walk stopped")
		})
	}
	t.Run("nil context", func(t *testing.T) {
		var calls atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			calls.Add(1)
			write(w, first, 0)
		}))
		defer srv.Close()
		var ctx context.Context // nil
		users, errs := walk(ctx, srv.URL)
		require.Len(t, errs, 1)
		assert.Contains(t, errs[0].Error(), "nil context")
		assert.Zero(t, users)
		assert.Zero(t, calls.Load())
	})
}

// span returns from..to-1.
func span(from, to int) []int {
	out := make([]int, 0, to-from)
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

// rotate returns ids rotated left by n.
func rotate(ids []int, n int) []int {
	n %= len(ids)
	return slices.Concat(ids[n:], ids[:n])
}
