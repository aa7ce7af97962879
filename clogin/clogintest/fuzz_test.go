package clogintest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/fakekit"
	"github.com/userapis/sdk/internal/fakekit/fakefuzz"
)

// FuzzServer sends arbitrary requests to a fake holding two families and
// a product: no panic, no 5xx but the injected one, and errors as
// {"success": false, "msg": "..."}.
func FuzzServer(f *testing.F) {
	fakefuzz.Run(f, fakefuzz.Target{
		New: func() fakefuzz.Fake {
			s := NewServer()
			s.SeedFamilies(s.GroupID, 2, 0)
			s.NewProduct(s.GroupID, "Camp", "250.00")
			return fakefuzz.Fake{Kit: s.kit, Close: s.Close, Authorize: func(h http.Header) {
				h.Set("Api-User", s.Credentials.APIUser)
				h.Set("Api-Token", s.Credentials.APIToken)
				h.Set("Api-Id", strconv.FormatInt(s.Credentials.APIID, 10))
				h.Set("Timestamp", strconv.FormatInt(time.Now().Unix(), 10))
			}}
		},
	})
}

// TestServer_inputLimits answers out-of-range values and unknown paths
// in Regpack's format rather than overflowing or with net/http's text.
func TestServer_inputLimits(t *testing.T) {
	s := NewServer()
	defer s.Close()
	parent := s.SeedFamilies(s.GroupID, 1)[0]
	prod := s.NewProduct(s.GroupID, "Camp", "92233720368547757.00")
	h := http.Header{}
	h.Set("Api-User", s.Credentials.APIUser)
	h.Set("Api-Token", s.Credentials.APIToken)
	h.Set("Api-Id", strconv.FormatInt(s.Credentials.APIID, 10))
	h.Set("Timestamp", strconv.FormatInt(time.Now().Unix(), 10))
	for _, tc := range []struct{ path, body, msg string }{
		{"/users/", fmt.Sprintf(`{"action":"add_product","group_id":%d,"clogin_id":%d,"product_list":{"p_id":%d,"q":1000001},"doc":{}}`, s.GroupID, parent, prod), "q must be at most 1000000"},
		{"/users/", fmt.Sprintf(`{"action":"add_product","group_id":%d,"clogin_id":%d,"product_list":{"p_id":%d,"q":2},"doc":{}}`, s.GroupID, parent, prod), "the cart total is too large"},
		{"/users/", fmt.Sprintf(`{"action":"get_user_list","group_id":%d,"doc":{"starting_position":"9223372036854775807"}}`, s.GroupID), ""},
		{"/nowhere", `{}`, "not found"},
	} {
		rec, ok := s.kit.Serve(fakekit.Probe{Method: "POST", Path: tc.path, Header: h, Body: []byte(tc.body)})
		require.True(t, ok)
		var v struct {
			Success bool   `json:"success"`
			Msg     string `json:"msg"`
			Users   []any  `json:"users"`
			Total   int    `json:"total_users"`
		}
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &v), rec.Body.String())
		if tc.msg == "" {
			assert.True(t, v.Success)
			assert.Empty(t, v.Users)
			assert.Equal(t, 2, v.Total)
			continue
		}
		assert.False(t, v.Success)
		assert.Equal(t, tc.msg, v.Msg)
	}
	u, _ := s.User(s.GroupID, parent)
	assert.Empty(t, u.Cart, "nothing added by the refused calls")
}
