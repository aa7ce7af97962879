package marketplace_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/marketplace/marketplacetest"
)

// TestUsers_All_nullTotalAndPage walks a fake that answers every page
// with "total": null and "page": null, as the seed's example: with no
// total to go by, the walk ends on the short page, or on the empty page
// after a full last one, having yielded every user once.
func TestUsers_All_nullTotalAndPage(t *testing.T) {
	for _, tc := range []struct {
		users, size, reqs int
	}{
		{7, 3, 3}, // 3, 3, 1: the short page ends it
		{6, 3, 3}, // 3, 3, 0: the empty page ends it
		{0, 3, 1}, // empty from the start
		{237, 50, 5},
	} {
		t.Run(fmt.Sprintf("%d users in pages of %d", tc.users, tc.size), func(t *testing.T) {
			srv := marketplacetest.NewServer(marketplacetest.WithQuirks())
			defer srv.Close()
			c := srv.Client()
			createUsers(t, c, tc.users)

			page, err := c.Users.List(context.Background(), &marketplace.UserListOptions{Size: tc.size})
			require.NoError(t, err)
			assert.Nil(t, page.Total, "total: null")
			assert.Nil(t, page.Page, "page: null")
			assert.Equal(t, tc.size, page.Size)

			before := srv.Requests()
			seen := map[string]bool{}
			for u, err := range c.Users.All(context.Background(), &marketplace.UserListOptions{Size: tc.size}) {
				require.NoError(t, err)
				require.False(t, seen[u.ID], "user %s yielded twice", u.ID)
				seen[u.ID] = true
			}
			assert.Len(t, seen, tc.users)
			assert.Equal(t, tc.reqs, srv.Requests()-before, "requests")
		})
	}
}

// TestUsers_numberOfChildrenAsNumber: the quirky fake sends
// number_of_children as a number, as MMOB's customerInfo types it; it
// decodes into the seed's string.
func TestUsers_numberOfChildrenAsNumber(t *testing.T) {
	srv := marketplacetest.NewServer(marketplacetest.WithQuirks())
	defer srv.Close()
	id := srv.AddUser(marketplace.User{FirstName: "Ada", Email: "ada@example.com", NumberOfChildren: "2"})
	u, err := srv.Client().Users.Get(context.Background(), id)
	require.NoError(t, err)
	assert.Equal(t, "2", u.NumberOfChildren)

	page, err := srv.Client().Users.List(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, "2", page.Items[0].NumberOfChildren)
}
