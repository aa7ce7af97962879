// Package paging is the iterator behind every All method: lazy, a few
// pages' keys in memory, an error yielded once, and an end found from the
// pages themselves (empty, short) rather than from a server total that
// may be null or wrong.
//
// A server that ignores the page parameter, or sends pages in a cycle,
// cannot keep a walk going: a page that brings no item the walk has not
// yielded recently, or that repeats an earlier page exactly, ends it with
// an error matching [transport.ErrUnexpectedResponse], and so does a
// listing that goes on past the total the server reports.
package paging

import (
	"context"
	"fmt"
	"hash/fnv"
	"iter"

	"github.com/userapis/sdk/internal/transport"
)

// Window is how many recent pages' keys a walk keeps: a page whose every
// key is among them (a repeat of the previous page in any order, a two-
// or three-page cycle) ends the walk.
const Window = 3

// Page is one fetched page.
type Page[T any] struct {
	// Items are the page's items, in order.
	Items []*T
	// N is the page's size as the API counts it (Regpack counts parents
	// only); 0 means len(Items).
	N int
	// Size is a full page's size as the server reports it, when it caps
	// the size asked for; 0 means [Pager.PageSize].
	Size int
	// Total is the number of items of the whole listing, in N's units, as
	// the server reports it; 0 or less means not reported. A walk makes at
	// most ceil(Total/size)+1 requests: the +1 is the empty page that ends
	// a listing whose last page is full.
	Total int
}

// Pager describes how to walk one listing.
type Pager[T any] struct {
	// Op names the walk in its errors, e.g. "marketplace: Users.All".
	Op string
	// Start is the first position: a page number or an offset.
	Start int
	// PageSize is a full page's size: a shorter page is the last. 0 means
	// only an empty page ends the walk.
	PageSize int
	// Fetch returns the page at pos.
	Fetch func(ctx context.Context, pos int) (Page[T], error)
	// Next returns the position after a page of n at pos: [NextPage] or
	// [NextOffset].
	Next func(pos, n int) int
	// Key identifies an item. A page none of whose keys is new to the last
	// [Window] pages, or whose keys are those of an earlier page, ends the
	// walk with an error. A nil Key turns both checks off.
	Key func(*T) string
}

// NextPage advances a page number by one.
func NextPage(pos, _ int) int { return pos + 1 }

// NextOffset advances an offset by the page's size.
func NextOffset(pos, n int) int { return pos + n }

// All walks the pages lazily: a page is fetched only when the previous one
// has been yielded, a break stops all fetching, and an error is yielded
// once (with a nil item) and ends the walk. A nil ctx is such an error.
//
// The walk ends on an empty page, or after a page shorter than a full one,
// whatever the server's total says. It ends with an error matching
// [transport.ErrUnexpectedResponse] when a page brings no item that the
// last [Window] pages did not already bring, when a page's keys are
// exactly those of an earlier page (a longer cycle), or when it would
// need more requests than the server's reported total allows (+1).
func All[T any](ctx context.Context, p Pager[T]) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if ctx == nil {
			yield(nil, fmt.Errorf("%s: %w: nil context", p.Op, transport.ErrInvalidInput))
			return
		}
		w := walk[T]{p: &p, limit: -1}
		pos := p.Start
		for {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			if w.limit >= 0 && w.requests >= w.limit {
				yield(nil, w.errorf("page %d was full, but the reported total of %d items allows no more pages", w.requests, w.total))
				return
			}
			w.requests++
			page, err := p.Fetch(ctx, pos)
			if err != nil {
				yield(nil, err)
				return
			}
			if len(page.Items) == 0 {
				return
			}
			if err := w.check(page.Items); err != nil {
				yield(nil, err)
				return
			}
			for _, it := range page.Items {
				if !yield(it, nil) {
					return
				}
			}
			n, size := page.N, page.Size
			if n == 0 {
				n = len(page.Items)
			}
			if size <= 0 {
				size = p.PageSize
			}
			if size > 0 && n < size {
				return
			}
			w.bound(page.Total, size)
			next := p.Next(pos, n)
			if next == pos {
				return
			}
			pos = next
		}
	}
}

// walk is the state a walk keeps between pages: the keys of the last
// [Window] pages, a page fingerprint for Brent's cycle detection, and
// the request limit the reported total sets.
type walk[T any] struct {
	p        *Pager[T]
	recent   [Window]map[string]struct{} // ring: recent[requests%Window] is the newest
	saved    uint64                      // fingerprint of the page Brent's algorithm compares with
	power    int                         // pages until saved moves on (a power of two)
	lam      int                         // pages since saved moved
	requests int                         // pages requested so far
	limit    int                         // most requests the total allows, -1 for none
	total    int                         // the total the limit comes from
}

// check rejects a page that brings nothing new, and records its keys.
func (w *walk[T]) check(items []*T) error {
	if w.p.Key == nil {
		return nil
	}
	keys := make(map[string]struct{}, len(items))
	fresh := false
	var fp uint64
	for _, it := range items {
		k := w.p.Key(it)
		if _, dup := keys[k]; !dup {
			fp += hash(k) // the sum does not depend on the order
		}
		keys[k] = struct{}{}
		if !fresh && !w.seen(k) {
			fresh = true
		}
	}
	if !fresh {
		return w.errorf("page %d brings no item the last %d pages did not", w.requests, Window)
	}
	// Brent's algorithm: compare each page with one saved at power-of-two
	// distances, which finds a cycle of any length within about twice its
	// length, in constant memory.
	if w.requests > 1 && fp == w.saved {
		return w.errorf("page %d repeats the items of an earlier page", w.requests)
	}
	if w.lam++; w.requests == 1 || w.lam >= w.power {
		w.saved, w.power, w.lam = fp, max(1, 2*w.power), 0
	}
	w.recent[w.requests%Window] = keys
	return nil
}

// seen reports whether one of the last pages held key.
func (w *walk[T]) seen(key string) bool {
	for _, m := range w.recent {
		if _, ok := m[key]; ok {
			return true
		}
	}
	return false
}

// bound sets the request limit from the latest reported total; a page
// that reports none keeps the limit an earlier one set.
func (w *walk[T]) bound(total, size int) {
	if total <= 0 || size <= 0 {
		return
	}
	w.total = total
	w.limit = (total-1)/size + 2
}

// errorf builds the error that ends a walk the server would keep going.
func (w *walk[T]) errorf(format string, args ...any) error {
	return fmt.Errorf("%s: %w: "+format, append([]any{w.p.Op, transport.ErrUnexpectedResponse}, args...)...)
}

// hash is FNV-1a of key, a term of a page's fingerprint.
func hash(key string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(key))
	return h.Sum64()
}
