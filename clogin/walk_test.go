package clogin_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/clogin/clogintest"
)

// seededFake starts a fake with opts, seeds families of the given sizes
// and returns it with a client and every user's id (parents and children).
func seededFake(t *testing.T, children []int, opts ...clogintest.ServerOption) (*clogintest.Server, *clogin.Client, map[int64]bool) {
	t.Helper()
	srv := clogintest.NewServer(opts...)
	t.Cleanup(srv.Close)
	srv.SeedFamilies(srv.GroupID, children...)
	want := map[int64]bool{}
	for _, u := range srv.Users(srv.GroupID) {
		want[u.CloginID] = true
	}
	return srv, fastClient(t, srv), want
}

// walkAll runs All and returns the ids yielded in order, the errors, and
// the requests it made.
func walkAll(t *testing.T, srv *clogintest.Server, c *clogin.Client, opts *clogin.UserListOptions) ([]int64, []error, int) {
	t.Helper()
	before := srv.Requests()
	var ids []int64
	var errs []error
	for u, err := range c.Users.All(context.Background(), opts) {
		if err != nil {
			assert.Nil(t, u, "an error comes with a nil user")
			errs = append(errs, err)
			continue
		}
		ids = append(ids, u.CloginID)
	}
	return ids, errs, srv.Requests() - before
}

func families(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i % 3
	}
	return out
}

// TestUsersService_All_bothReadings walks servers that read
// starting_position as an offset and as a page number, in the documented
// and the quirky forms, with families, nested families and children only:
// every user once, no error, and the requests each reading costs.
func TestUsersService_All_bothReadings(t *testing.T) {
	for _, tc := range []struct {
		name              string
		parents, perPage  int
		offsetReq, pageRq int
	}{
		// Offset: 0, the probe at 1 (one new parent), 4, 7 (short).
		// Page: 0, 1, 2 (short).
		{"8 parents in pages of 3", 8, 3, 4, 3},
		// Offset: 0, 1, 4, 7 (two: short). Page: 0, 1, 2, 3 (empty).
		{"9 parents in pages of 3", 9, 3, 4, 4},
		// Offset: 0, 1, 51, 101 (short). Page: 0, 1, 2 (short).
		{"120 parents in pages of 50", 120, 0, 4, 3},
	} {
		for _, paging := range []clogintest.Paging{clogintest.PagingOffset, clogintest.PagingPageIndex} {
			for _, quirks := range []bool{false, true} {
				for _, opts := range []clogin.UserListOptions{{}, {ReturnFamilies: true}, {OnlyParents: true}} {
					name := tc.name
					if paging == clogintest.PagingPageIndex {
						name += "/page index"
					} else {
						name += "/offset"
					}
					if quirks {
						name += "/quirks"
					}
					if opts.ReturnFamilies {
						name += "/return_families"
					}
					if opts.OnlyParents {
						name += "/only_parents"
					}
					t.Run(name, func(t *testing.T) {
						so := []clogintest.ServerOption{clogintest.WithPaging(paging), clogintest.WithRecordsPerPage(tc.perPage)}
						if quirks {
							so = append(so, clogintest.WithQuirks())
						}
						srv, c, want := seededFake(t, families(tc.parents), so...)
						if opts.OnlyParents {
							for _, u := range srv.Users(srv.GroupID) {
								if u.ConnectedTo != u.CloginID {
									delete(want, u.CloginID)
								}
							}
						}
						opts.GroupID = srv.GroupID
						ids, errs, reqs := walkAll(t, srv, c, &opts)
						require.Empty(t, errs)
						got := map[int64]bool{}
						for _, id := range ids {
							assert.False(t, got[id], "user %d yielded twice", id)
							got[id] = true
						}
						assert.Equal(t, want, got)
						wantReqs := tc.offsetReq
						if paging == clogintest.PagingPageIndex {
							wantReqs = tc.pageRq
						}
						assert.Equal(t, wantReqs, reqs, "requests")
					})
				}
			}
		}
	}
}

// TestUsersService_All_onePageCannotTellReadingsApart: a list of one page
// reads the same both ways. A short page ends the walk at once; a full
// one is followed by the probe, which an offset server answers with the
// page's own parents shifted (nothing new) and a page server with nothing:
// both end there with every user.
func TestUsersService_All_onePageCannotTellReadingsApart(t *testing.T) {
	for _, tc := range []struct {
		name    string
		parents int
		reqs    int
	}{{"short page", 2, 1}, {"full page", 3, 2}} {
		for _, paging := range []clogintest.Paging{clogintest.PagingOffset, clogintest.PagingPageIndex} {
			t.Run(tc.name, func(t *testing.T) {
				srv, c, want := seededFake(t, []int{2, 0, 1}[:tc.parents], clogintest.WithPaging(paging), clogintest.WithRecordsPerPage(3))
				ids, errs, reqs := walkAll(t, srv, c, &clogin.UserListOptions{GroupID: srv.GroupID})
				require.Empty(t, errs)
				assert.Len(t, ids, len(want))
				assert.Equal(t, tc.reqs, reqs)
			})
		}
	}
}

// TestUsersService_All_pageServerWouldStopShortAsOffset shows what the
// probe saves: stepping starting_position by the page's parents, as an
// offset, a page-number server answers the second step with nothing and
// the first 3 of 8 parents would be all. All finds the reading and walks
// all 8.
func TestUsersService_All_pageServerWouldStopShortAsOffset(t *testing.T) {
	srv, c, want := seededFake(t, make([]int, 8), clogintest.WithPaging(clogintest.PagingPageIndex), clogintest.WithRecordsPerPage(3))
	ctx := context.Background()
	p, err := c.Users.List(ctx, &clogin.UserListOptions{GroupID: srv.GroupID, StartingPosition: 3})
	require.NoError(t, err)
	assert.Empty(t, p.Users, "starting_position 3 is the fourth page on this server")
	ids, errs, _ := walkAll(t, srv, c, &clogin.UserListOptions{GroupID: srv.GroupID})
	require.Empty(t, errs)
	assert.Len(t, ids, len(want))
}

// TestUsersService_All_wrongTotal: a total above what the walk brings is a
// walk that stopped short, yielded as an error after the users; a total
// below what the pages hold ends the walk when it needs more pages than
// the total allows; a total that counts the parents only is no error.
func TestUsersService_All_wrongTotal(t *testing.T) {
	for _, paging := range []clogintest.Paging{clogintest.PagingOffset, clogintest.PagingPageIndex} {
		t.Run("too high", func(t *testing.T) {
			srv, c, want := seededFake(t, families(8), clogintest.WithPaging(paging), clogintest.WithRecordsPerPage(3),
				clogintest.WithTotalUsers(func(n int) int { return n + 5 }))
			ids, errs, _ := walkAll(t, srv, c, &clogin.UserListOptions{GroupID: srv.GroupID})
			assert.Len(t, ids, len(want), "every user is yielded before the error")
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], clogin.ErrUnexpectedResponse)
			assert.Contains(t, errs[0].Error(), "total_users said 20")
		})
		t.Run("too low", func(t *testing.T) {
			srv, c, _ := seededFake(t, make([]int, 9), clogintest.WithPaging(paging), clogintest.WithRecordsPerPage(3),
				clogintest.WithTotalUsers(func(int) int { return 3 }))
			ids, errs, reqs := walkAll(t, srv, c, &clogin.UserListOptions{GroupID: srv.GroupID})
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], clogin.ErrUnexpectedResponse)
			assert.Contains(t, errs[0].Error(), "allows no more pages")
			assert.Equal(t, 2, reqs, "a total of 3 at 3 a page allows one page and the empty one after it")
			if paging == clogintest.PagingOffset {
				assert.Len(t, ids, 4, "the first page and the probe's one new parent")
			} else {
				assert.Len(t, ids, 6)
			}
		})
		t.Run("parents only", func(t *testing.T) {
			srv, c, want := seededFake(t, families(8), clogintest.WithPaging(paging), clogintest.WithRecordsPerPage(3),
				clogintest.WithTotalUsers(func(int) int { return 8 }))
			ids, errs, _ := walkAll(t, srv, c, &clogin.UserListOptions{GroupID: srv.GroupID})
			require.Empty(t, errs)
			assert.Len(t, ids, len(want))
		})
	}
}

// TestUsersService_All_fromStartingPosition starts a walk past the first
// page: the position means what the server reads it as, and the walk goes
// on from there in that reading.
func TestUsersService_All_fromStartingPosition(t *testing.T) {
	for _, tc := range []struct {
		paging clogintest.Paging
		start  int
		want   int // parents from the start on
	}{{clogintest.PagingOffset, 2, 6}, {clogintest.PagingPageIndex, 1, 5}} {
		srv, c, _ := seededFake(t, make([]int, 8), clogintest.WithPaging(tc.paging), clogintest.WithRecordsPerPage(3))
		parents := srv.Users(srv.GroupID)
		ids, errs, _ := walkAll(t, srv, c, &clogin.UserListOptions{GroupID: srv.GroupID, StartingPosition: tc.start})
		require.Empty(t, errs)
		require.Len(t, ids, tc.want)
		assert.Equal(t, parents[8-tc.want].CloginID, ids[0])
		assert.Equal(t, parents[7].CloginID, ids[len(ids)-1])
	}
}
