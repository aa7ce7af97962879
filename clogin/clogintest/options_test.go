package clogintest_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/clogin/clogintest"
)

// TestServer_pagingReadings: the same starting_position is a parent offset
// by default and a page number with WithPaging(PagingPageIndex), whatever
// its size; WithRecordsPerPage and WithTotalUsers show in the answer.
func TestServer_pagingReadings(t *testing.T) {
	for _, tc := range []struct {
		paging clogintest.Paging
		pos    string
		first  int // index of the first parent on the page, -1 for none
		n      int
	}{
		{clogintest.PagingOffset, `1`, 1, 3},
		{clogintest.PagingOffset, `6`, 6, 1},
		{clogintest.PagingPageIndex, `1`, 3, 3},
		{clogintest.PagingPageIndex, `"2"`, 6, 1},
		{clogintest.PagingPageIndex, `3`, -1, 0},
		{clogintest.PagingPageIndex, `9223372036854775807`, -1, 0},
	} {
		srv := clogintest.NewServer(clogintest.WithPaging(tc.paging), clogintest.WithRecordsPerPage(3),
			clogintest.WithTotalUsers(func(n int) int { return n * 10 }))
		parents := srv.SeedFamilies(srv.GroupID, make([]int, 7)...)
		g := strconv.FormatInt(srv.GroupID, 10)
		_, out := post(t, srv, nil, `{"action":"get_user_list","group_id":`+g+`,"doc":{"starting_position":`+tc.pos+`}}`)
		srv.Close()
		assert.Equal(t, float64(70), out["total_users"])
		assert.Equal(t, float64(3), out["records_per_page"])
		users := out["users"].([]any)
		require.Len(t, users, tc.n, tc.pos)
		if tc.first >= 0 {
			info := users[0].(map[string]any)["user_info"].(map[string]any)
			assert.Equal(t, strconv.FormatInt(parents[tc.first], 10), info["clogin_id"], tc.pos)
		}
	}
}
