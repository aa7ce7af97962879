// Package paging is the iterator behind every All method: lazy, one page in
// memory, an error yielded once, and an end found from the pages
// themselves (empty, short, or a repeat of the previous) rather than from
// a server total that may be null or wrong.
package paging

import (
	"context"
	"hash/fnv"
	"iter"
)

// Pager describes how to walk one listing.
type Pager[T any] struct {
	// Start is the first position: a page number or an offset.
	Start int
	// PageSize is a full page's size: a shorter page is the last. 0 means
	// only an empty page ends the walk.
	PageSize int
	// Fetch returns the items at pos and n, the page's size as the API
	// counts it (Regpack counts parents only; usually n == len(items)).
	Fetch func(ctx context.Context, pos int) (items []*T, n int, err error)
	// Next returns the position after a page of n at pos: [NextPage] or
	// [NextOffset].
	Next func(pos, n int) int
	// Key identifies an item; a page whose keys repeat the previous page's
	// ends the walk (a server that ignores the page parameter).
	Key func(*T) string
}

// NextPage advances a page number by one.
func NextPage(pos, _ int) int { return pos + 1 }

// NextOffset advances an offset by the page's size.
func NextOffset(pos, n int) int { return pos + n }

// All walks the pages lazily: a page is fetched only when the previous one
// has been yielded, a break stops all fetching, and an error is yielded
// once (with a nil item) and ends the walk.
func All[T any](ctx context.Context, p Pager[T]) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		pos := p.Start
		var prev uint64
		for first := true; ; first = false {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			items, n, err := p.Fetch(ctx, pos)
			if err != nil {
				yield(nil, err)
				return
			}
			if len(items) == 0 {
				return
			}
			if p.Key != nil {
				fp := fingerprint(items, p.Key)
				if !first && fp == prev {
					return
				}
				prev = fp
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if n <= 0 || (p.PageSize > 0 && n < p.PageSize) {
				return
			}
			next := p.Next(pos, n)
			if next == pos {
				return
			}
			pos = next
		}
	}
}

// fingerprint hashes the page's keys in order.
func fingerprint[T any](items []*T, key func(*T) string) uint64 {
	h := fnv.New64a()
	for _, it := range items {
		_, _ = h.Write([]byte(key(it)))
		_, _ = h.Write([]byte{0})
	}
	return h.Sum64()
}
