package clogin

import (
	"context"
	"fmt"
	"iter"
	"strconv"

	"github.com/userapis/sdk/internal/paging"
)

// reading is how a server reads starting_position, as far as a walk has
// found out.
type reading int

const (
	readingUnknown reading = iota // one page seen at most
	readingOffset                 // an offset into the list of parents
	readingPage                   // a page number
)

// walk is the state of one All: the reading of starting_position worked
// out from the second page, the first page's counted ids to find it, and
// the last total_users reported.
type walk struct {
	s        *UsersService
	opts     UserListOptions
	callOpts []CallOption
	reading  reading
	first    map[int64]bool // the counted ids of the first page, until the reading is known
	total    int            // the last total_users reported
}

// counted returns what a page counts: its parents, or its children in a
// children-only listing.
func counted(p *UserPage) []*UserSummary {
	if len(p.Users) > 0 {
		return p.Users
	}
	return p.Children
}

// fetch returns the page at pos. After a full first page it asks for
// starting_position+1, which tells the readings apart: an offset server
// answers the first page shifted by one parent, a page-number server the
// next page with none of the first page's parents. A server that answers
// the first page again ignores starting_position; that page goes to the
// pager unchanged, which ends the walk with an error.
func (w *walk) fetch(ctx context.Context, pos int) (paging.Page[UserSummary], error) {
	q := w.opts
	q.StartingPosition = pos
	p, err := w.s.List(ctx, &q, w.callOpts...)
	if err != nil {
		return paging.Page[UserSummary]{}, err
	}
	if p.TotalUsers > 0 {
		w.total = p.TotalUsers
	}
	units := counted(p)
	var keep func(*UserSummary) bool // nil keeps the whole page
	switch {
	case w.first == nil && w.reading == readingUnknown: // the first page
		w.first = make(map[int64]bool, len(units))
		for _, u := range units {
			w.first[u.CloginID] = true
		}
	case w.reading == readingUnknown: // the probe at first+1
		old := 0
		for _, u := range units {
			if w.first[u.CloginID] {
				old++
			}
		}
		switch {
		case old == 0:
			w.reading = readingPage
		case old < len(units) || len(units) < len(w.first):
			// Shifted by one: keep only what the first page did not bring.
			w.reading = readingOffset
			seen := w.first
			keep = func(u *UserSummary) bool { return !seen[u.CloginID] && !seen[u.ConnectedTo] }
			if len(p.Users) == 0 {
				keep = func(u *UserSummary) bool { return !seen[u.CloginID] }
			}
		}
		w.first = nil
	}
	return toPage(p, units, keep), nil
}

// toPage flattens p into the pager's page: each parent, its nested
// children, then the page's children; keep filters them.
func toPage(p *UserPage, units []*UserSummary, keep func(*UserSummary) bool) paging.Page[UserSummary] {
	items := make([]*UserSummary, 0, len(p.Users)+len(p.Children))
	add := func(u *UserSummary) {
		if keep == nil || keep(u) {
			items = append(items, u)
		}
	}
	for _, u := range p.Users {
		add(u)
		for _, c := range u.Children {
			add(c)
		}
	}
	for _, c := range p.Children {
		add(c)
	}
	// N is the page as the server counted it, filtered or not: a full page
	// is not the last.
	page := paging.Page[UserSummary]{Items: items, N: len(units), Total: p.TotalUsers}
	if p.RecordsPerPage > 0 && p.RecordsPerPage < PageSize {
		page.Size = p.RecordsPerPage // the server pages fewer than documented
	}
	return page
}

// next returns the position after the page of n at pos, by the reading:
// the probe at pos+1 while it is unknown, pos+n for an offset, pos+1 for
// a page number.
func (w *walk) next(pos, n int) int {
	if w.reading == readingOffset {
		return pos + n
	}
	return pos + 1
}

// all runs the walk and, when it ends by itself from the start of the
// list, checks it brought as many users as the server's total_users.
func (w *walk) all(ctx context.Context, start int) iter.Seq2[*UserSummary, error] {
	inner := paging.All(ctx, paging.Pager[UserSummary]{
		Op:       "clogin: Users.All",
		Start:    start,
		PageSize: PageSize,
		Fetch:    w.fetch,
		Next:     w.next,
		Key:      func(u *UserSummary) string { return strconv.FormatInt(u.CloginID, 10) },
	})
	return func(yield func(*UserSummary, error) bool) {
		users, parents := 0, 0
		for u, err := range inner {
			if err != nil {
				yield(nil, err)
				return
			}
			users++
			if !u.IsChild() {
				parents++
			}
			if !yield(u, nil) {
				return
			}
		}
		// total_users may count the children or not (Regpack: "total
		// number of users in the return"): a walk is short when it brought
		// fewer users, parents and children together, than the total.
		if start == 0 && w.total > users {
			yield(nil, fmt.Errorf("clogin: Users.All: %w: the walk ended with %d users (%d parents), but total_users said %d",
				ErrUnexpectedResponse, users, parents, w.total))
		}
	}
}
