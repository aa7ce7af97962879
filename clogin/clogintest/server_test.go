package clogintest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/clogin/clogintest"
)

// post sends body to /users/ with the given headers (nil: valid ones) and
// returns the status and decoded body.
func post(t *testing.T, srv *clogintest.Server, h http.Header, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/users/", bytes.NewBufferString(body))
	require.NoError(t, err)
	if h == nil {
		h = validHeaders(srv)
	}
	req.Header = h
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal(b, &out), "%s", b)
	return resp.StatusCode, out
}

func validHeaders(srv *clogintest.Server) http.Header {
	return http.Header{
		"Api-User":     {srv.Credentials.APIUser},
		"Api-Token":    {srv.Credentials.APIToken},
		"Api-Id":       {strconv.FormatInt(srv.Credentials.APIID, 10)},
		"Timestamp":    {strconv.FormatInt(time.Now().Unix(), 10)},
		"Content-Type": {"application/json"},
	}
}

func TestServer_auth(t *testing.T) {
	srv := clogintest.NewServer()
	defer srv.Close()
	body := `{"action":"get_user_list","group_id":` + strconv.FormatInt(srv.GroupID, 10) + `,"doc":{}}`
	tests := []struct {
		name   string
		edit   func(h http.Header)
		status int
		msg    string
	}{
		{"valid", func(http.Header) {}, 200, "User list"},
		{"no Api-user", func(h http.Header) { h.Del("Api-User") }, 401, "missing Api-User header"},
		{"no Api-token", func(h http.Header) { h.Del("Api-Token") }, 401, "missing Api-Token header"},
		{"no Api-id", func(h http.Header) { h.Del("Api-Id") }, 401, "missing Api-Id header"},
		{"no Timestamp", func(h http.Header) { h.Del("Timestamp") }, 401, "missing Timestamp header"},
		{"wrong user", func(h http.Header) { h.Set("Api-User", "x@example.com") }, 401, "invalid API credentials"},
		{"wrong token", func(h http.Header) { h.Set("Api-Token", "nope") }, 401, "invalid API credentials"},
		{"wrong id", func(h http.Header) { h.Set("Api-Id", "1") }, 401, "invalid API credentials"},
		{"stale Timestamp", func(h http.Header) {
			h.Set("Timestamp", strconv.FormatInt(time.Now().Add(-6*time.Minute).Unix(), 10))
		}, 401, "stale Timestamp"},
		{"future Timestamp", func(h http.Header) {
			h.Set("Timestamp", strconv.FormatInt(time.Now().Add(6*time.Minute).Unix(), 10))
		}, 401, "stale Timestamp"},
		{"4 minutes old", func(h http.Header) {
			h.Set("Timestamp", strconv.FormatInt(time.Now().Add(-4*time.Minute).Unix(), 10))
		}, 200, "User list"},
		{"Timestamp in milliseconds", func(h http.Header) {
			h.Set("Timestamp", strconv.FormatInt(time.Now().UnixMilli(), 10))
		}, 401, "stale Timestamp"},
		{"Timestamp not a number", func(h http.Header) { h.Set("Timestamp", "now") }, 401, "Timestamp must be Unix seconds"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := validHeaders(srv)
			tc.edit(h)
			status, out := post(t, srv, h, body)
			assert.Equal(t, tc.status, status)
			assert.Equal(t, tc.msg, out["msg"])
			assert.Equal(t, tc.status == 200, out["success"])
		})
	}
}

func TestServer_idsAsStrings(t *testing.T) {
	srv := clogintest.NewServer()
	defer srv.Close()
	_, out := post(t, srv, nil, `{"action":"create","group_id":42,"clogin_id":false,"doc":{"first_name":"Ada"}}`)
	require.Equal(t, true, out["success"])
	info := out["user_info"].(map[string]any)
	assert.Equal(t, map[string]any{"clogin_id": "5550001", "group_id": "42", "connected_to": "5550001"}, info)
	meta := out["meta_info"].(map[string]any)
	assert.Equal(t, "2", meta["total_forms"])
	assert.Equal(t, "0.00", meta["total_order"])
	assert.Equal(t, "0", meta["status_id"])
	assert.Nil(t, meta["status_name"])
	assert.Contains(t, meta, "status_name")
}

func TestServer_failures(t *testing.T) {
	srv := clogintest.NewServer()
	defer srv.Close()
	g := strconv.FormatInt(srv.GroupID, 10)
	tests := []struct{ body, msg string }{
		{`{"action":"login","doc":{}}`, "group_id is required"},
		{`{"action":"login","group_id":` + g + `,"clogin_id":1}`, "doc is required (send {} when empty)"},
		{`{"action":"merge","group_id":` + g + `,"doc":{}}`, `unknown action "merge"`},
		{`{"group_id":` + g + `,"doc":{}}`, "action is required"},
		{`{"action":"create","group_id":` + g + `,"doc":"x"}`, "doc must be a JSON object"},
		{`{"action":"create","group_id":` + g + `,"doc":{"password":"abc"}}`, "password must be at least 6 characters"},
		{`{"action":"create","group_id":` + g + `,"clogin_id":123,"doc":{}}`, "clogin_id is not a user of this organization"},
		{`{"action":"create_child","group_id":` + g + `,"doc":{}}`, "connected_to must be the clogin_id of a parent in this project"},
		{`{"action":"add_product","group_id":` + g + `,"clogin_id":false,"doc":{}}`, "product_list is required"},
		{`{"action":"add_product","group_id":` + g + `,"clogin_id":false,"product_list":[{"q":1}],"doc":{}}`, "p_id or name is required"},
		{`{"action":"add_product","group_id":` + g + `,"clogin_id":false,"product_list":[{"name":"x","q":0}],"doc":{}}`, "q must be at least 1"},
		{`{"action":"get_user_list","group_id":` + g + `,"doc":{"starting_position":-1}}`, "starting_position must not be negative"},
	}
	for _, tc := range tests {
		status, out := post(t, srv, nil, tc.body)
		assert.Equal(t, 200, status, tc.body)
		assert.Equal(t, false, out["success"], tc.body)
		assert.Equal(t, tc.msg, out["msg"], tc.body)
	}
	status, out := post(t, srv, nil, `{not json`)
	assert.Equal(t, 400, status)
	assert.Equal(t, false, out["success"])
}

func TestServer_routes(t *testing.T) {
	srv := clogintest.NewServer()
	defer srv.Close()
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{http.MethodGet, "/users/", 405},
		{http.MethodPost, "/users/x", 404},
		{http.MethodPost, "/statuses/", 404},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, bytes.NewBufferString(`{}`))
		req.Header = validHeaders(srv)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, tc.status, resp.StatusCode, tc.path)
	}
}

func TestServer_listPaging(t *testing.T) {
	srv := clogintest.NewServer()
	defer srv.Close()
	sizes := make([]int, 120)
	wantChildren := 0
	for i := range sizes {
		sizes[i] = i % 4
		wantChildren += sizes[i]
	}
	parents := srv.SeedFamilies(srv.GroupID, sizes...)
	g := strconv.FormatInt(srv.GroupID, 10)
	gotChildren := 0
	for _, tc := range []struct {
		pos   string
		users int
	}{{`0`, 50}, {`"50"`, 50}, {`100`, 20}, {`120`, 0}} {
		_, out := post(t, srv, nil, `{"action":"get_user_list","group_id":`+g+`,"doc":{"starting_position":`+tc.pos+`}}`)
		assert.Equal(t, float64(120+wantChildren), out["total_users"])
		assert.Equal(t, float64(50), out["records_per_page"])
		users := out["users"].([]any)
		require.Len(t, users, tc.users, tc.pos)
		families := map[string]bool{}
		for _, u := range users {
			info := u.(map[string]any)["user_info"].(map[string]any)
			assert.Equal(t, info["clogin_id"], info["connected_to"], "a parent is connected to itself")
			families[info["clogin_id"].(string)] = true
		}
		for _, c := range out["children"].([]any) {
			info := c.(map[string]any)["user_info"].(map[string]any)
			assert.True(t, families[info["connected_to"].(string)], "a child rides with its parent's page")
			gotChildren++
		}
	}
	assert.Equal(t, wantChildren, gotChildren)
	_, out := post(t, srv, nil, `{"action":"get_user_list","group_id":`+g+`,"doc":{"return_families":"true","only_parents":false}}`)
	assert.Empty(t, out["children"])
	first := out["users"].([]any)[1].(map[string]any)
	assert.Len(t, first["children"], 1, "parent 2 has one child nested")
	assert.Equal(t, strconv.FormatInt(parents[1], 10), first["user_info"].(map[string]any)["clogin_id"])
}

func TestServer_failNext(t *testing.T) {
	srv := clogintest.NewServer()
	defer srv.Close()
	srv.FailNext(2, http.StatusServiceUnavailable)
	for range 2 {
		status, out := post(t, srv, nil, `{}`)
		assert.Equal(t, 503, status)
		assert.Equal(t, false, out["success"])
		assert.Equal(t, "Service Unavailable (injected by FailNext)", out["msg"])
	}
	assert.Equal(t, 2, srv.Requests())
	// srv.Client's default policy absorbs one 503.
	srv.FailNext(1, http.StatusServiceUnavailable)
	_, err := srv.Client().Users.List(context.Background(), &clogin.UserListOptions{GroupID: srv.GroupID})
	require.NoError(t, err)
	assert.Equal(t, 4, srv.Requests())
}

func TestServer_concurrentCreates(t *testing.T) {
	srv := clogintest.NewServer()
	defer srv.Close()
	c := srv.Client()
	const n = 32
	ids := make([]int64, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := c.Users.Create(context.Background(), &clogin.CreateRequest{GroupID: srv.GroupID})
			if assert.NoError(t, err) {
				ids[i] = res.UserInfo.CloginID
			}
		}()
	}
	wg.Wait()
	seen := map[int64]bool{}
	for _, id := range ids {
		assert.False(t, seen[id], "id %d handed out twice", id)
		seen[id] = true
	}
	p, err := c.Users.List(context.Background(), &clogin.UserListOptions{GroupID: srv.GroupID})
	require.NoError(t, err)
	assert.Len(t, p.Users, n)
}

func TestServer_helpers(t *testing.T) {
	srv := clogintest.NewServer()
	defer srv.Close()
	p := srv.AddUser(9, map[string]string{"first_name": "Ann"})
	c := srv.AddChild(9, p, nil)
	st := srv.AddStatus(9, "Waitlisted", false)
	assert.Equal(t, int64(3), st)
	u, ok := srv.User(9, c)
	require.True(t, ok)
	assert.Equal(t, p, u.ConnectedTo)
	assert.Equal(t, int64(9), u.GroupID)
	_, ok = srv.User(9, 1)
	assert.False(t, ok)
	assert.Panics(t, func() { srv.AddChild(9, c, nil) }, "a child cannot have children")
	assert.Panics(t, func() { srv.NewProduct(9, "x", "1.2.3") })
	assert.NotContains(t, srv.Credentials.String(), srv.Credentials.APIToken)
}
