package paging

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/transport"
)

type item struct{ id int }

func key(it *item) string { return strconv.Itoa(it.id) }

// ids builds a page's items from ids.
func ids(ns ...int) []*item {
	out := make([]*item, len(ns))
	for i, n := range ns {
		out[i] = &item{n}
	}
	return out
}

// span returns the ids from..to-1.
func span(from, to int) []int {
	var out []int
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

// server simulates a listing of total items, page size size, pages from 0.
type server struct {
	total, size int
	calls       []int
	failAt      int // page number that fails, -1 none
	ignorePage  bool
	reported    int // the total the server reports; 0 none
}

func (s *server) fetch(_ context.Context, page int) (Page[item], error) {
	s.calls = append(s.calls, page)
	if page == s.failAt {
		return Page[item]{}, errors.New("boom")
	}
	if s.ignorePage {
		page = 0
	}
	var out []*item
	for i := page * s.size; i < min((page+1)*s.size, s.total); i++ {
		out = append(out, &item{i})
	}
	return Page[item]{Items: out, Total: s.reported}, nil
}

func (s *server) pager() Pager[item] {
	return Pager[item]{Op: "test: All", PageSize: s.size, Fetch: s.fetch, Next: NextPage, Key: key}
}

func collect(t *testing.T, ctx context.Context, p Pager[item]) ([]int, []error) {
	t.Helper()
	var got []int
	var errs []error
	for it, err := range All(ctx, p) {
		if err != nil {
			require.Nil(t, it)
			errs = append(errs, err)
			continue
		}
		require.Empty(t, errs, "nothing is yielded after an error")
		got = append(got, it.id)
	}
	return got, errs
}

func TestAll_walksEveryItemOnce(t *testing.T) {
	for _, tc := range []struct{ total, size, wantCalls int }{
		{237, 50, 5}, // short last page ends it
		{250, 50, 6}, // a full last page needs one empty page to end
		{0, 50, 1},
		{1, 50, 1},
	} {
		for _, reported := range []int{0, tc.total} {
			s := &server{total: tc.total, size: tc.size, failAt: -1, reported: reported}
			got, errs := collect(t, context.Background(), s.pager())
			assert.Empty(t, errs)
			assert.Equal(t, span(0, tc.total), got)
			assert.Len(t, s.calls, tc.wantCalls, "total %d, reported %d", tc.total, reported)
		}
	}
}

func TestAll_breakStopsFetching(t *testing.T) {
	s := &server{total: 1000, size: 50, failAt: -1}
	n := 0
	for _, err := range All(context.Background(), s.pager()) {
		require.NoError(t, err)
		n++
		if n == 10 {
			break
		}
	}
	assert.Equal(t, []int{0}, s.calls, "one request for ten items")
}

func TestAll_errorMidwayYieldedOnceThenStops(t *testing.T) {
	s := &server{total: 1000, size: 50, failAt: 2}
	got, errs := collect(t, context.Background(), s.pager())
	assert.Len(t, got, 100)
	require.Len(t, errs, 1)
	assert.EqualError(t, errs[0], "boom")
	assert.Equal(t, []int{0, 1, 2}, s.calls)
}

// TestAll_serverThatWillNotEnd runs servers that would keep a naive walk
// going forever (or past their total) and checks each walk ends with
// ErrUnexpectedResponse after a bounded number of requests, having
// yielded every item once.
func TestAll_serverThatWillNotEnd(t *testing.T) {
	a, b, c, d := span(0, 4), span(4, 8), span(8, 12), span(12, 16)
	cycle := func(pages ...[]int) func(call int) []int {
		return func(call int) []int { return pages[call%len(pages)] }
	}
	reversed := func(p []int) []int { q := slices.Clone(p); slices.Reverse(q); return q }
	for _, tc := range []struct {
		name      string
		page      func(call int) []int // the items of the call-th request, from 0
		total     int
		wantItems []int
		wantCalls int
	}{
		{"same page every time", cycle(a), 0, a, 2},
		{"same page reordered", func(call int) []int {
			p := slices.Clone(a)
			for range call {
				p = append(p[1:], p[0]) // rotated
			}
			return p
		}, 0, a, 2},
		{"same page reversed", cycle(a, reversed(a)), 0, a, 2},
		{"two-page cycle", cycle(a, b), 0, slices.Concat(a, b), 3},
		{"two-page cycle reordered", cycle(a, b, reversed(a), reversed(b)), 0, slices.Concat(a, b), 3},
		{"three-page cycle", cycle(a, b, c), 0, slices.Concat(a, b, c), 4},
		{"page mixing the last two", cycle(a, b, append(slices.Clone(a[:2]), b[2:]...)), 0, slices.Concat(a, b), 3},
		// Past the window, Brent's fingerprints find the cycle: pages 5 to 7
		// are yielded again before page 8 matches page 4.
		{"four-page cycle", cycle(a, b, c, d), 0, slices.Concat(a, b, c, d, a, b, c), 8},
		{"four-page cycle, total caps it first", cycle(a, b, c, d), 20, slices.Concat(a, b, c, d, a, b), 6},
		// New items forever: only the total can end it, after
		// ceil(total/size)+1 requests.
		{"endless new items, total 10", func(call int) []int { return span(call*4, call*4+4) }, 10, span(0, 16), 4},
		{"endless new items, total 8", func(call int) []int { return span(call*4, call*4+4) }, 8, span(0, 12), 3},
		{"endless new items, total 1", func(call int) []int { return span(call*4, call*4+4) }, 1, span(0, 8), 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			p := Pager[item]{Op: "test: All", PageSize: 4, Next: NextPage, Key: key,
				Fetch: func(_ context.Context, _ int) (Page[item], error) {
					calls++
					require.Less(t, calls, 100, "runaway walk")
					return Page[item]{Items: ids(tc.page(calls - 1)...), Total: tc.total}, nil
				}}
			got, errs := collect(t, context.Background(), p)
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], transport.ErrUnexpectedResponse)
			assert.Contains(t, errs[0].Error(), "test: All: unexpected response: ")
			assert.Equal(t, tc.wantItems, got)
			assert.Equal(t, tc.wantCalls, calls)
		})
	}
}

func TestAll_reportedTotal(t *testing.T) {
	for _, tc := range []struct {
		name              string
		total, reported   int
		wantCalls         int
		wantErr           bool
		wantItems, offset int
	}{
		{"exact, short last page", 237, 237, 5, false, 237, 0},
		{"exact, full last page: +1 for the empty page", 250, 250, 6, false, 250, 0},
		{"null", 250, 0, 6, false, 250, 0},
		{"too high: the short page ends it", 120, 5000, 3, false, 120, 0},
		{"too high, full last page: the empty page ends it", 150, 5000, 4, false, 150, 0},
		{"negative: ignored", 120, -3, 3, false, 120, 0},
		{"too low: stops after ceil(total/size)+1 requests", 400, 100, 3, true, 150, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &server{total: tc.total, size: 50, failAt: -1, reported: tc.reported}
			got, errs := collect(t, context.Background(), s.pager())
			assert.Len(t, got, tc.wantItems)
			assert.Len(t, s.calls, tc.wantCalls)
			if tc.wantErr {
				require.Len(t, errs, 1)
				assert.ErrorIs(t, errs[0], transport.ErrUnexpectedResponse)
			} else {
				assert.Empty(t, errs)
			}
		})
	}
}

func TestAll_serverCappedSize(t *testing.T) {
	// Asked for 50, the server sends pages of 20 and says so: a page of 20
	// is full, and the total counts in those pages.
	calls := 0
	p := Pager[item]{Op: "test: All", PageSize: 50, Next: NextPage, Key: key,
		Fetch: func(_ context.Context, page int) (Page[item], error) {
			calls++
			return Page[item]{Items: ids(span(page*20, min(page*20+20, 100))...), Size: 20, Total: 100}, nil
		}}
	got, errs := collect(t, context.Background(), p)
	assert.Empty(t, errs)
	assert.Equal(t, span(0, 100), got)
	assert.Equal(t, 6, calls, "five full pages of 20, then an empty one")
}

func TestAll_serverRepeatingAPageEnds(t *testing.T) {
	s := &server{total: 1000, size: 50, failAt: -1, ignorePage: true}
	got, errs := collect(t, context.Background(), s.pager())
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], transport.ErrUnexpectedResponse)
	assert.Len(t, got, 50, "the repeated page is not yielded again")
	assert.Equal(t, []int{0, 1}, s.calls)
}

func TestAll_windowForgetsOldPages(t *testing.T) {
	// A page may repeat items from more than Window pages back, as long as
	// it brings one new item: only the recent pages are remembered.
	calls := 0
	p := Pager[item]{Op: "test: All", PageSize: 2, Next: NextPage, Key: key,
		Fetch: func(_ context.Context, page int) (Page[item], error) {
			calls++
			switch {
			case page < 4:
				return Page[item]{Items: ids(page*2, page*2+1)}, nil
			case page == 4:
				return Page[item]{Items: ids(0, 100)}, nil // 0 is 4 pages old
			}
			return Page[item]{}, nil
		}}
	got, errs := collect(t, context.Background(), p)
	assert.Empty(t, errs)
	assert.Equal(t, []int{0, 1, 2, 3, 4, 5, 6, 7, 0, 100}, got)
	assert.Equal(t, 6, calls)
}

func TestAll_nilKeyTurnsChecksOff(t *testing.T) {
	s := &server{total: 1000, size: 50, failAt: -1, ignorePage: true}
	p := s.pager()
	p.Key = nil
	n := 0
	for _, err := range All(context.Background(), p) {
		require.NoError(t, err)
		if n++; n == 500 {
			break
		}
	}
	assert.Len(t, s.calls, 10)
}

func TestAll_offsetsAndStart(t *testing.T) {
	var offsets []int
	p := Pager[item]{Start: 20, PageSize: 50, Next: NextOffset, Key: key,
		Fetch: func(_ context.Context, off int) (Page[item], error) {
			offsets = append(offsets, off)
			return Page[item]{Items: ids(span(off, min(off+50, 120))...)}, nil
		}}
	got, errs := collect(t, context.Background(), p)
	assert.Empty(t, errs)
	assert.Equal(t, span(20, 120), got)
	assert.Equal(t, []int{20, 70, 120}, offsets, "two full pages, then an empty one")
}

func TestAll_countDiffersFromItems(t *testing.T) {
	// Regpack: 2 parents a page, each with a child; N counts parents.
	calls := 0
	p := Pager[item]{PageSize: 2, Next: NextOffset, Key: key,
		Fetch: func(_ context.Context, off int) (Page[item], error) {
			calls++
			if off >= 4 {
				return Page[item]{Items: ids(off, off+100), N: 1, Total: 5}, nil
			}
			return Page[item]{Items: ids(off, off+1, off+100, off+101), N: 2, Total: 5}, nil
		}}
	got, errs := collect(t, context.Background(), p)
	assert.Empty(t, errs)
	assert.Equal(t, []int{0, 1, 100, 101, 2, 3, 102, 103, 4, 104}, got)
	assert.Equal(t, 3, calls)
}

func TestAll_cancelledContextYieldsItsError(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := &server{total: 10, size: 5, failAt: -1}
	_, errs := collect(t, ctx, s.pager())
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], context.Canceled)
	assert.Empty(t, s.calls)
}

func TestAll_nilContextYieldsOneError(t *testing.T) {
	s := &server{total: 10, size: 5, failAt: -1}
	var errs []error
	//lint:ignore SA1012 the nil context is what this test is about
	for it, err := range All(nil, s.pager()) {
		assert.Nil(t, it)
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], transport.ErrInvalidInput)
	assert.EqualError(t, errs[0], "test: All: invalid input: nil context")
	assert.Empty(t, s.calls)
}

func TestAll_nullTotalUnknownPageSizeEndsOnEmpty(t *testing.T) {
	s := &server{total: 7, size: 3, failAt: -1}
	p := s.pager()
	p.PageSize = 0
	got, _ := collect(t, context.Background(), p)
	assert.Len(t, got, 7)
	assert.Equal(t, []int{0, 1, 2, 3}, s.calls)
}

func TestAll_memoryHoldsWindowPages(t *testing.T) {
	// The walk keeps at most Window pages of keys, however long it runs.
	s := &server{total: 20000, size: 10, failAt: -1}
	pg := s.pager()
	w := walk[item]{p: &pg, limit: -1}
	for page := range 2000 {
		w.requests++
		got, err := s.fetch(context.Background(), page)
		require.NoError(t, err)
		require.NoError(t, w.check(got.Items))
		kept := 0
		for _, m := range w.recent {
			kept += len(m)
		}
		require.LessOrEqual(t, kept, Window*10)
	}
}
