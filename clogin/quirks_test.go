package clogin_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/clogin/clogintest"
)

// TestUsers_quirkyFake: against a fake in the vendor's looser forms,
// money with a thousands separator keeps its value, total_users and
// records_per_page sent as strings decode, and PHP's [] for an empty doc
// or totals decodes as none; flat items with numeric ids and a parent
// without connected_to read as the nested ones do.
func TestUsers_quirkyFake(t *testing.T) {
	srv := clogintest.NewServer(clogintest.WithQuirks())
	defer srv.Close()
	c, ctx := fastClient(t, srv), context.Background()
	g := srv.GroupID

	p, err := c.Users.List(ctx, &clogin.UserListOptions{GroupID: g})
	require.NoError(t, err)
	assert.Contains(t, string(p.Raw), `"totals":[]`, "the fake sends the empty totals as PHP does")
	assert.Nil(t, p.Totals)
	assert.Contains(t, string(p.Raw), `"records_per_page":"50"`)
	assert.Equal(t, 50, p.RecordsPerPage)

	parents := srv.SeedFamilies(g, 1, 0, 0)
	pid := srv.NewProduct(g, "Summer camp", "1250.00")
	res, err := c.Users.AddProduct(ctx, &clogin.AddProductRequest{GroupID: g, CloginID: parents[0], ProductList: []clogin.Product{{PID: pid, Q: 2}}})
	require.NoError(t, err)
	assert.Contains(t, string(res.Raw), `"total_order":"2,500.00"`)
	assert.Equal(t, int64(250000), res.MetaInfo.TotalOrder.Cents())
	assert.Equal(t, "2500.00", res.MetaInfo.TotalOrder.String())

	p, err = c.Users.List(ctx, &clogin.UserListOptions{GroupID: g, Fields: []string{"no_such_field"}})
	require.NoError(t, err)
	assert.Contains(t, string(p.Raw), `"total_users":"4"`)
	assert.Equal(t, 4, p.TotalUsers)
	assert.NotNil(t, p.Totals)
	require.Len(t, p.Users, 3)
	require.Len(t, p.Children, 1)
	// Every other item is flat: the child, and the third parent, without
	// connected_to.
	assert.Contains(t, string(p.Children[0].Raw), `"connected_to":`+strconv.FormatInt(parents[0], 10))
	assert.Contains(t, string(p.Users[2].Raw), `"clogin_id":`+strconv.FormatInt(parents[2], 10))
	assert.NotContains(t, string(p.Users[2].Raw), `connected_to`)
	for i, u := range p.Users {
		assert.Equal(t, parents[i], u.CloginID)
		assert.Equal(t, parents[i], u.ConnectedTo, "a parent is its own family")
		assert.Equal(t, g, u.GroupID)
		assert.Nil(t, u.Doc, "an empty doc sent as []")
		assert.Equal(t, 2, u.MetaInfo.TotalForms)
	}
	assert.Equal(t, parents[0], p.Children[0].ConnectedTo)
	assert.Equal(t, int64(250000), p.Users[0].MetaInfo.TotalBalance.Cents())

	info, err := c.Users.GetInfo(ctx, &clogin.GetInfoRequest{GroupID: g, CloginID: parents[1], Fields: []string{"no_such_field"}})
	require.NoError(t, err)
	assert.Contains(t, string(info.Raw), `"doc":[]`)
	assert.Equal(t, parents[1], info.UserInfo.CloginID)
}
