package paging

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type item struct{ id int }

func key(it *item) string { return strconv.Itoa(it.id) }

// server simulates a listing of total items, page size size, pages from 0.
type server struct {
	total, size int
	calls       []int
	failAt      int // page number that fails, -1 none
	ignorePage  bool
}

func (s *server) fetch(_ context.Context, page int) ([]*item, int, error) {
	s.calls = append(s.calls, page)
	if page == s.failAt {
		return nil, 0, errors.New("boom")
	}
	if s.ignorePage {
		page = 0
	}
	var out []*item
	for i := page * s.size; i < min((page+1)*s.size, s.total); i++ {
		out = append(out, &item{i})
	}
	return out, len(out), nil
}

func (s *server) pager() Pager[item] {
	return Pager[item]{PageSize: s.size, Fetch: s.fetch, Next: NextPage, Key: key}
}

func collect(t *testing.T, p Pager[item]) ([]int, []error) {
	t.Helper()
	var ids []int
	var errs []error
	for it, err := range All(context.Background(), p) {
		if err != nil {
			require.Nil(t, it)
			errs = append(errs, err)
			continue
		}
		ids = append(ids, it.id)
	}
	return ids, errs
}

func TestAll_walksEveryItemOnce(t *testing.T) {
	for _, tc := range []struct{ total, size, wantCalls int }{
		{237, 50, 5}, // short last page ends it
		{250, 50, 6}, // a full last page needs one empty page to end
		{0, 50, 1},
		{1, 50, 1},
	} {
		s := &server{total: tc.total, size: tc.size, failAt: -1}
		ids, errs := collect(t, s.pager())
		assert.Empty(t, errs)
		require.Len(t, ids, tc.total)
		for i, id := range ids {
			assert.Equal(t, i, id)
		}
		assert.Len(t, s.calls, tc.wantCalls, "total %d", tc.total)
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
	ids, errs := collect(t, s.pager())
	assert.Len(t, ids, 100)
	require.Len(t, errs, 1)
	assert.EqualError(t, errs[0], "boom")
	assert.Equal(t, []int{0, 1, 2}, s.calls)
}

func TestAll_serverRepeatingAPageEnds(t *testing.T) {
	s := &server{total: 1000, size: 50, failAt: -1, ignorePage: true}
	ids, errs := collect(t, s.pager())
	assert.Empty(t, errs)
	assert.Len(t, ids, 50, "the repeated page is not yielded again")
	assert.Equal(t, []int{0, 1}, s.calls)
}

func TestAll_offsetsAndStart(t *testing.T) {
	var offsets []int
	p := Pager[item]{Start: 20, PageSize: 50, Next: NextOffset, Key: key,
		Fetch: func(_ context.Context, off int) ([]*item, int, error) {
			offsets = append(offsets, off)
			var out []*item
			for i := off; i < min(off+50, 120); i++ {
				out = append(out, &item{i})
			}
			return out, len(out), nil
		}}
	ids, _ := collect(t, p)
	assert.Len(t, ids, 100)
	assert.Equal(t, 20, ids[0])
	assert.Equal(t, []int{20, 70, 120}, offsets, "two full pages, then an empty one")
}

func TestAll_countDiffersFromItems(t *testing.T) {
	// Regpack: 2 parents a page, each with a child; n counts parents.
	calls := 0
	p := Pager[item]{PageSize: 2, Next: NextOffset, Key: key,
		Fetch: func(_ context.Context, off int) ([]*item, int, error) {
			calls++
			if off >= 4 {
				return []*item{{off}, {off + 100}}, 1, nil
			}
			return []*item{{off}, {off + 1}, {off + 100}, {off + 101}}, 2, nil
		}}
	ids, _ := collect(t, p)
	assert.Equal(t, []int{0, 1, 100, 101, 2, 3, 102, 103, 4, 104}, ids)
	assert.Equal(t, 3, calls)
}

func TestAll_cancelledContextYieldsItsError(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := &server{total: 10, size: 5, failAt: -1}
	var errs []error
	for _, err := range All(ctx, s.pager()) {
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], context.Canceled)
	assert.Empty(t, s.calls)
}

func TestAll_nullTotalUnknownPageSizeEndsOnEmpty(t *testing.T) {
	s := &server{total: 7, size: 3, failAt: -1}
	p := s.pager()
	p.PageSize = 0
	ids, _ := collect(t, p)
	assert.Len(t, ids, 7)
	assert.Equal(t, []int{0, 1, 2, 3}, s.calls)
}
