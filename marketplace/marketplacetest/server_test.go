package marketplacetest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/marketplace/marketplacetest"
)

// do sends a raw request with the server's key (unless key is "-") and
// returns the status and body.
func do(t *testing.T, srv *marketplacetest.Server, method, path, body string, key ...string) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	require.NoError(t, err)
	k := srv.APIKey
	if len(key) > 0 {
		k = key[0]
	}
	if k != "-" {
		req.Header.Set("X-API-Key", k)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func TestServer_auth(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	assert.Equal(t, marketplacetest.DefaultAPIKey, srv.APIKey)
	assert.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"), srv.URL)

	status, body := do(t, srv, "GET", "/users", "", "-")
	assert.Equal(t, 401, status)
	assert.JSONEq(t, `{"detail":"Not authenticated"}`, body)
	status, body = do(t, srv, "GET", "/users", "", "nope")
	assert.Equal(t, 401, status)
	assert.JSONEq(t, `{"detail":"Invalid API key"}`, body)
	status, _ = do(t, srv, "GET", "/users", "")
	assert.Equal(t, 200, status)
	assert.Equal(t, 3, srv.Requests())
}

func TestServer_createValidatesLikeFastAPI(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()

	status, body := do(t, srv, "POST", "/users", `{"surname":"Lovelace","email":"not-an-email"}`)
	assert.Equal(t, 422, status)
	assert.JSONEq(t, `{"detail":[
		{"loc":["body","first_name"],"msg":"field required","type":"value_error.missing"},
		{"loc":["body","email"],"msg":"value is not a valid email address","type":"value_error.email"}]}`, body)
	assert.Equal(t, []string{"first_name: field required", "email: value is not a valid email address"}, messages(body))

	status, body = do(t, srv, "POST", "/users", `{}`)
	assert.Equal(t, 422, status)
	assert.Equal(t, []string{"first_name: field required", "surname: field required", "email: field required"}, messages(body))

	for _, bad := range []string{`[]`, `null`, `{"first_name":`, ``} {
		status, body = do(t, srv, "POST", "/users", bad)
		assert.Equal(t, 422, status, bad)
		assert.Contains(t, body, `"loc":["body"]`, bad)
	}
	status, body = do(t, srv, "POST", "/users", `{"first_name":"A","surname":"B","email":"a@b.example","visits":"many"}`)
	assert.Equal(t, 422, status)
	assert.Contains(t, body, `"loc":["body","visits"]`)

	// Nothing was stored by the refused requests.
	status, body = do(t, srv, "GET", "/users", "")
	assert.Equal(t, 200, status)
	assert.JSONEq(t, `{"items":[],"total":0,"page":0,"size":50}`, body)
}

// messages decodes an error body the way the SDK does.
func messages(body string) []string {
	var doc struct {
		Detail []struct {
			Loc []any  `json:"loc"`
			Msg string `json:"msg"`
		} `json:"detail"`
	}
	_ = json.Unmarshal([]byte(body), &doc)
	var out []string
	for _, d := range doc.Detail {
		out = append(out, fmt.Sprint(d.Loc[len(d.Loc)-1])+": "+d.Msg)
	}
	return out
}

func TestServer_createReturnsEveryFieldAndIgnoresServerFields(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	status, body := do(t, srv, "POST", "/users",
		`{"first_name":"Ada","surname":"Lovelace","email":"ada@example.com","id":"mine","created":"1999-01-01T00:00:00Z","anon_user_id":"anon_1","unknown":1}`)
	require.Equal(t, 200, status, body)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &doc))
	assert.Len(t, doc, 40, "every documented field, null when unset")
	assert.Equal(t, "u_1", doc["id"])
	assert.NotEqual(t, "1999-01-01T00:00:00Z", doc["created"])
	assert.Equal(t, doc["created"], doc["updated"])
	assert.Equal(t, map[string]any{}, doc["meta"])
	assert.Nil(t, doc["dob"])
	assert.NotContains(t, doc, "anon_user_id")
	assert.NotContains(t, doc, "unknown")
}

func TestServer_notFound(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	for _, r := range []struct{ method, path, body string }{
		{"GET", "/users/u_1", ""},
		{"POST", "/users/u_1", `{}`},
		{"GET", "/users/broadband/u_1", ""},
		{"POST", "/users/broadband/u_1", `{}`},
	} {
		status, body := do(t, srv, r.method, r.path, r.body)
		assert.Equal(t, 404, status, r.path)
		assert.Empty(t, body, "%s %s: an unknown id gets an empty body", r.method, r.path)
	}
	status, body := do(t, srv, "GET", "/nothing/here", "")
	assert.Equal(t, 404, status)
	assert.JSONEq(t, `{"detail":"Not Found"}`, body)
	status, _ = do(t, srv, "DELETE", "/users/u_1", "")
	assert.Equal(t, 404, status)
}

func TestServer_listPagesFiltersAndQueryErrors(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	for i := 1; i <= 5; i++ {
		status, _ := do(t, srv, "POST", "/users", fmt.Sprintf(`{"first_name":"U","surname":"%d","email":"u%d@example.com"}`, i, i))
		require.Equal(t, 200, status)
	}
	ids := func(body string) []string {
		var p struct {
			Items []struct{ ID string } `json:"items"`
			Total int                   `json:"total"`
		}
		require.NoError(t, json.Unmarshal([]byte(body), &p))
		out := []string{fmt.Sprint(p.Total)}
		for _, it := range p.Items {
			out = append(out, it.ID)
		}
		return out
	}
	cases := []struct {
		query string
		want  []string // total, then ids
	}{
		{"", []string{"5", "u_5", "u_4", "u_3", "u_2", "u_1"}},
		{"?page=0&size=2", []string{"5", "u_5", "u_4"}},
		{"?page=2&size=2", []string{"5", "u_1"}},
		{"?page=3&size=2", []string{"5"}},
		{"?page=9223372036854775807&size=2", []string{"5"}},
		{"?email=U3@EXAMPLE.COM", []string{"1", "u_3"}},
		{"?" + url.Values{"ids[]": {"u_1", "u_4", "u_9"}}.Encode(), []string{"2", "u_4", "u_1"}},
		{"?ids[]=u_2&email=u2@example.com", []string{"1", "u_2"}},
		{"?ids[]=u_2&email=u3@example.com", []string{"0"}},
	}
	for _, tc := range cases {
		status, body := do(t, srv, "GET", "/users"+tc.query, "")
		require.Equal(t, 200, status, tc.query)
		assert.Equal(t, tc.want, ids(body), tc.query)
	}
	for q, loc := range map[string]string{"?page=-1": "page", "?size=0": "size", "?page=x": "page", "?size=1.5": "size"} {
		status, body := do(t, srv, "GET", "/users"+q, "")
		assert.Equal(t, 422, status, q)
		assert.Contains(t, body, `"loc":["query","`+loc+`"]`, q)
	}
}

func TestServer_broadband(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	status, body := do(t, srv, "POST", "/users/broadband", `{"broadbandPpm":"9"}`)
	assert.Equal(t, 422, status)
	assert.JSONEq(t, `{"detail":[{"loc":["body","cp_user_id"],"msg":"field required","type":"value_error.missing"}]}`, body)

	status, body = do(t, srv, "POST", "/users/broadband", `{"cp_user_id":"ext_7","broadbandPpm":"9"}`)
	assert.Equal(t, 200, status)
	assert.JSONEq(t, `{"id":"bb_1","cp_user_id":"ext_7","root_user_id":"","cp_id":"cp_1","meta":{"broadbandPpm":"9"}}`, body)

	status, body = do(t, srv, "POST", "/users/broadband", `{"cp_user_id":"ext_7"}`)
	assert.Equal(t, 409, status)
	assert.Contains(t, body, `"detail"`)

	status, body = do(t, srv, "POST", "/users/broadband/ext_7", `{"broadbandPpm":null,"broadbandProvider":"X"}`)
	assert.Equal(t, 200, status)
	assert.JSONEq(t, `{"id":"bb_1","cp_user_id":"ext_7","root_user_id":"","cp_id":"cp_1","meta":{"broadbandProvider":"X"}}`, body)

	status, _ = do(t, srv, "POST", "/users/broadband/ext_7", `{"broadbandPpm":9}`)
	assert.Equal(t, 422, status)
}

func TestServer_failNextUsesFastAPIBody(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	srv.FailNext(2, 503)
	for range 2 {
		status, body := do(t, srv, "GET", "/users", "", "-")
		assert.Equal(t, 503, status, "failures come before the key check")
		assert.JSONEq(t, `{"detail":"Service Unavailable (injected by FailNext)"}`, body)
	}
	status, _ := do(t, srv, "GET", "/users", "")
	assert.Equal(t, 200, status)
}

func TestServer_concurrentCreatesGetDistinctIDs(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	c := srv.Client()
	const n = 40
	var wg sync.WaitGroup
	ids := make(chan string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u, err := c.Users.Create(context.Background(), &marketplace.UserCreateRequest{FirstName: "A", Surname: "B", Email: fmt.Sprintf("c%d@example.com", i)})
			if assert.NoError(t, err) {
				ids <- u.ID
			}
			_, _ = c.Users.List(context.Background(), nil)
		}()
	}
	wg.Wait()
	close(ids)
	seen := map[string]bool{}
	for id := range ids {
		assert.False(t, seen[id], id)
		seen[id] = true
	}
	assert.Len(t, seen, n)
	page, err := c.Users.List(context.Background(), &marketplace.UserListOptions{Size: 100})
	require.NoError(t, err)
	assert.Equal(t, n, *page.Total)
}

func TestServer_updateValidatesAndMerges(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	status, _ := do(t, srv, "POST", "/users", `{"first_name":"Ada","surname":"Lovelace","email":"ada@example.com","meta":{"a":1}}`)
	require.Equal(t, 200, status)

	status, body := do(t, srv, "POST", "/users/u_1", `{"email":"nope"}`)
	assert.Equal(t, 422, status)
	assert.JSONEq(t, `{"detail":[{"loc":["body","email"],"msg":"value is not a valid email address","type":"value_error.email"}]}`, body)
	status, body = do(t, srv, "POST", "/users/u_404", `{"email":"nope"}`)
	assert.Equal(t, 422, status, "the body is validated before the user is looked up, as in FastAPI: %s", body)

	status, body = do(t, srv, "POST", "/users/u_1", `{"meta":null,"visits":0,"terms_conditions":false,"id":"u_9","email":null}`)
	require.Equal(t, 200, status)
	var u map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &u))
	assert.Equal(t, "u_1", u["id"], "id cannot be changed")
	assert.Equal(t, map[string]any{}, u["meta"])
	assert.Equal(t, 0.0, u["visits"])
	assert.Equal(t, false, u["terms_conditions"])
	assert.Nil(t, u["email"])
	assert.Equal(t, "Ada", u["first_name"])
}
