package classifiedstest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// call sends a raw request to srv and decodes the JSON answer.
func call(t *testing.T, srv *Server, method, path, key, body string) (int, http.Header, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	require.NoError(t, err)
	if key != "" {
		req.Header.Set("Authentication", key)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, resp.Header, out
}

func newServer(t *testing.T) *Server {
	srv := NewServer()
	t.Cleanup(srv.Close)
	return srv
}

const validBody = `{"companyName":"Bedrijfsnaam","gender":"M","firstName":"Voornaam","lastName":"Achternaam",
	"dateOfBirth":"1980-04-09","address":"Straatnaam","houseNumber":"19b","postalCode":"2818 AA","city":"Zoetermeer",
	"county":"ZH","country":"NL","email":"info@test.nl","website":"www.test.nl","phone":"079-1234567","fax":"",
	"cellular":"06-12345678","clientId":1,"externalUserId":"77"}`

func TestServer_URLAndKey(t *testing.T) {
	srv := newServer(t)
	assert.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"))
	assert.True(t, strings.HasSuffix(srv.URL, "/rest/v1"))
	assert.Regexp(t, `^[A-Za-z0-9]{32}$`, srv.APIKey)
	assert.NotEqual(t, srv.APIKey, NewServer().APIKey)
}

func TestServer_auth(t *testing.T) {
	srv := newServer(t)
	for _, key := range []string{"", "wrong", "Bearer " + srv.APIKey} {
		status, _, body := call(t, srv, "GET", "/users/", key, "")
		assert.Equal(t, 401, status, key)
		assert.Equal(t, map[string]any{"result": false, "errors": []any{"invalid or missing authentication key"}}, body)
	}
	req, _ := http.NewRequest("GET", srv.URL+"/users/", nil)
	req.Header.Set("Authorization", srv.APIKey)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 401, resp.StatusCode, "the key belongs in Authentication")
	assert.Equal(t, 4, srv.Requests())
}

func TestServer_list_pagesAndQuirks(t *testing.T) {
	srv := newServer(t)
	srv.AddUsers(130)

	status, _, body := call(t, srv, "GET", "/users/", srv.APIKey, "")
	require.Equal(t, 200, status)
	assert.Equal(t, true, body["result"])
	assert.EqualValues(t, 1, body["page"])
	assert.EqualValues(t, 25, body["itemsPerPage"], "default page size")
	assert.EqualValues(t, 130, body["totalItems"])
	assert.EqualValues(t, 25, body["totalInSet"])
	data := body["data"].([]any)
	require.Len(t, data, 25)
	first := data[0].(map[string]any)
	assert.Equal(t, "1", first["userId"], "IDs as strings, like the vendor")
	assert.Equal(t, "0", first["clientId"])

	_, _, body = call(t, srv, "GET", "/users/?page=2&itemsPerPage=100&useCache=0", srv.APIKey, "")
	data = body["data"].([]any)
	require.Len(t, data, 30)
	assert.Equal(t, "101", data[0].(map[string]any)["userId"], "pages count from 1")

	_, _, body = call(t, srv, "GET", "/users/?page=9&itemsPerPage=100", srv.APIKey, "")
	assert.Equal(t, []any{}, body["data"], "past the end: an empty array")

	for _, q := range []string{"page=0", "page=-1", "page=x", "itemsPerPage=0", "itemsPerPage=101", "useCache=maybe"} {
		status, _, body := call(t, srv, "GET", "/users/?"+q, srv.APIKey, "")
		assert.Equal(t, 400, status, q)
		assert.Equal(t, false, body["result"], q)
		assert.NotEmpty(t, body["errors"], q)
	}
}

func TestServer_get(t *testing.T) {
	srv := newServer(t)
	srv.AddUsers(2)
	status, _, body := call(t, srv, "GET", "/users/2/", srv.APIKey, "")
	require.Equal(t, 200, status)
	data := body["data"].([]any)
	require.Len(t, data, 1, "the seed answers GET /users/{id}/ with data as an array")
	assert.Equal(t, "2", data[0].(map[string]any)["userId"])

	for _, p := range []string{"/users/3/", "/users/abc/", "/users/-1/", "/nothing/"} {
		status, _, body := call(t, srv, "GET", p, srv.APIKey, "")
		assert.Equal(t, 404, status, p)
		assert.Equal(t, false, body["result"], p)
	}
}

func TestServer_create(t *testing.T) {
	now := time.Date(2021, 12, 1, 12, 5, 10, 0, time.UTC)
	srv := newServer(t)
	srv.SetClock(func() time.Time { return now })
	status, _, body := call(t, srv, "POST", "/users/", srv.APIKey, validBody)
	require.Equal(t, 200, status, body)
	assert.Equal(t, "", body["errors"], `errors as "", as in the vendor's create example`)
	data := body["data"].(map[string]any)
	assert.Equal(t, "1", data["userId"])
	assert.Equal(t, "1", data["clientId"])
	assert.Equal(t, "77", data["externalUserId"])
	assert.Equal(t, "", data["fax"])
	act := data["activation"].(map[string]any)
	assert.Regexp(t, `^[0-9a-f]{64}$`, act["activationtoken"])
	assert.Equal(t, "2021-12-02 13:05:10", act["validUntil"], "Amsterdam wall time, CET in December")
	assert.Equal(t, act["activationtoken"], srv.ActivationToken(1))

	u, ok := srv.User(1)
	require.True(t, ok)
	assert.Equal(t, "Zoetermeer", u.City)
	assert.Equal(t, int64(77), u.ExternalUserID)

	status, _, body = call(t, srv, "POST", "/users/", srv.APIKey, `{"lastName":"Jansen","email":"j@example.nl","phone":"12345","postalCode":"1234"}`)
	assert.Equal(t, 400, status)
	assert.Equal(t, []any{"postalCode: must be a valid Dutch postal code"}, body["errors"], "country defaults to NL")

	status, _, body = call(t, srv, "POST", "/users/", srv.APIKey, `{"lastName":"J","email":"x","gender":"Q","phone":1}`)
	assert.Equal(t, 400, status)
	assert.Equal(t, []any{"phone: must be a string"}, body["errors"])

	status, _, body = call(t, srv, "POST", "/users/", srv.APIKey, `{"lastName":"J","email":"x","gender":"Q","county":"XX"}`)
	assert.Equal(t, 400, status)
	assert.Equal(t, []any{"lastName: must be 2 to 255 characters", "gender: must be M or F", "county: must be one of DR, FL, FR, GE, GR, LI, NB, NH, OV, UT, ZE, ZH",
		"email: must be a valid e-mail address", "phone: either a phone number or cellular number must be specified"}, body["errors"])

	status, _, _ = call(t, srv, "POST", "/users/", srv.APIKey, `not json`)
	assert.Equal(t, 400, status)
	assert.Equal(t, 1, srv.Len())
}

func TestServer_updateAndDelete(t *testing.T) {
	srv := newServer(t)
	srv.AddUsers(3)
	status, _, body := call(t, srv, "PUT", "/users/", srv.APIKey, `{"userId":"2","city":"Delft","fax":"0791234567"}`)
	require.Equal(t, 200, status, body)
	assert.Equal(t, "Delft", body["data"].(map[string]any)["city"])
	u, _ := srv.User(2)
	assert.Equal(t, "0791234567", u.Fax)

	status, _, body = call(t, srv, "PUT", "/users/", srv.APIKey, `{"userId":2,"email":"","city":"D"}`)
	assert.Equal(t, 400, status)
	assert.Equal(t, []any{"city: must be 2 to 255 characters", "email: is mandatory"}, body["errors"])
	u, _ = srv.User(2)
	assert.Equal(t, "Delft", u.City, "a refused update changes nothing")

	status, _, _ = call(t, srv, "PUT", "/users/", srv.APIKey, `{"userId":9,"city":"Delft"}`)
	assert.Equal(t, 404, status)
	status, _, _ = call(t, srv, "PUT", "/users/", srv.APIKey, `{"city":"Delft"}`)
	assert.Equal(t, 400, status)

	status, _, body = call(t, srv, "DELETE", "/users/1/", srv.APIKey, "")
	require.Equal(t, 200, status)
	assert.Equal(t, map[string]any{"result": true, "errors": []any{}, "data": false}, body, "the seed's delete answer")
	status, _, body = call(t, srv, "DELETE", "/users/", srv.APIKey, `{"userId":3,"ip":"127.0.0.2"}`)
	require.Equal(t, 200, status)
	assert.Equal(t, false, body["data"])
	assert.Equal(t, 1, srv.Len())
	for _, tc := range []struct{ path, body string }{{"/users/1/", ""}, {"/users/", `{"userId":3}`}} {
		status, _, _ = call(t, srv, "DELETE", tc.path, srv.APIKey, tc.body)
		assert.Equal(t, 404, status)
	}
	for _, b := range []string{`{"ip":"127.0.0.2"}`, `{"userId":"x"}`, `[1]`, `nope`} {
		status, _, body = call(t, srv, "DELETE", "/users/", srv.APIKey, b)
		assert.Equal(t, 400, status, b)
		assert.Equal(t, false, body["result"], b)
	}
	status, _, _ = call(t, srv, "PATCH", "/users/", srv.APIKey, "")
	assert.Equal(t, 405, status)
	status, _, _ = call(t, srv, "PUT", "/users/2/", srv.APIKey, `{"city":"Delft"}`)
	assert.Equal(t, 405, status)
	ids := srv.AddUsers(1)
	assert.Equal(t, []int64{4}, ids, "IDs are never reused")
}

func TestServer_activation(t *testing.T) {
	now := time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)
	srv := newServer(t)
	srv.SetClock(func() time.Time { return now })
	_, _, body := call(t, srv, "POST", "/users/", srv.APIKey, validBody)
	first := body["data"].(map[string]any)["activation"].(map[string]any)["activationtoken"].(string)

	gen := func() (int, http.Header, map[string]any) {
		return call(t, srv, "POST", "/user/activate/generate/", srv.APIKey, `{"userId":1}`)
	}
	status, _, body := gen()
	require.Equal(t, 200, status)
	data := body["data"].(map[string]any)
	assert.EqualValues(t, 1, data["userId"])
	assert.Equal(t, "2025-07-02 14:00:00", data["validUntil"], "Amsterdam wall time, CEST in July")
	second := data["activationtoken"].(string)
	assert.NotEqual(t, first, second)

	status, _, body = call(t, srv, "POST", "/user/activate/", srv.APIKey, `{"userId":1,"activationtoken":"`+first+`"}`)
	assert.Equal(t, 400, status, "generate revoked the first token")
	assert.Equal(t, map[string]any{"result": false, "errors": []any{"invalid activationtoken or token expired"}}, body, "no data key on failure")

	for range GenerateLimit - 1 {
		now = now.Add(10 * time.Minute)
		status, _, _ = gen()
		require.Equal(t, 200, status)
	}
	status, h, body := gen()
	assert.Equal(t, 200, status, "the vendor refuses at HTTP 200")
	assert.Equal(t, false, body["result"])
	assert.Equal(t, []any{"maximum number of requests has exceeded. please try again later..."}, body["errors"])
	assert.Empty(t, h.Get("Retry-After"))
	srv.SetGenerateRefusal(http.StatusTooManyRequests)
	status, h, body = gen()
	assert.Equal(t, 429, status)
	assert.Equal(t, []any{"maximum number of requests has exceeded. please try again later..."}, body["errors"])
	assert.Equal(t, "1200", h.Get("Retry-After"), "20 minutes until the first call is an hour old")
	srv.SetGenerateRefusal(0)
	now = now.Add(20 * time.Minute)
	status, _, body = gen()
	require.Equal(t, 200, status)
	last := body["data"].(map[string]any)["activationtoken"].(string)

	status, _, body = call(t, srv, "POST", "/user/activate/", srv.APIKey, `{"userId":"1","activationtoken":"`+last+`"}`)
	require.Equal(t, 200, status)
	assert.Equal(t, map[string]any{"result": true, "errors": []any{}, "data": []any{}}, body)
	assert.True(t, srv.Activated(1))
	assert.Equal(t, "", srv.ActivationToken(1), "consumed")

	status, _, _ = call(t, srv, "POST", "/user/activate/", srv.APIKey, `{"userId":1,"activationtoken":"`+last+`"}`)
	assert.Equal(t, 400, status)
	status, _, _ = call(t, srv, "POST", "/user/activate/", srv.APIKey, `{"userId":5,"activationtoken":"x"}`)
	assert.Equal(t, 404, status)
	status, _, _ = call(t, srv, "POST", "/user/activate/generate/", srv.APIKey, `{"userId":5}`)
	assert.Equal(t, 404, status)
	status, _, _ = call(t, srv, "POST", "/user/activate/", srv.APIKey, `{"userId":1}`)
	assert.Equal(t, 400, status)
	status, _, _ = call(t, srv, "GET", "/user/activate/", srv.APIKey, "")
	assert.Equal(t, 405, status)
}

func TestServer_tokenExpires(t *testing.T) {
	now := time.Now()
	srv := newServer(t)
	srv.SetClock(func() time.Time { return now })
	_, _, body := call(t, srv, "POST", "/users/", srv.APIKey, validBody)
	tok := body["data"].(map[string]any)["activation"].(map[string]any)["activationtoken"].(string)
	now = now.Add(ActivationLifetime)
	assert.Equal(t, "", srv.ActivationToken(1))
	status, _, _ := call(t, srv, "POST", "/user/activate/", srv.APIKey, `{"userId":1,"activationtoken":"`+tok+`"}`)
	assert.Equal(t, 400, status)
	assert.False(t, srv.Activated(1))
}

func TestServer_FailNext(t *testing.T) {
	srv := newServer(t)
	srv.FailNext(2, 503)
	for range 2 {
		status, _, body := call(t, srv, "GET", "/users/", srv.APIKey, "")
		assert.Equal(t, 503, status)
		assert.Equal(t, false, body["result"])
	}
	status, _, _ := call(t, srv, "GET", "/users/", srv.APIKey, "")
	assert.Equal(t, 200, status)
	assert.Equal(t, 3, srv.Requests())
}

func TestServer_Seed(t *testing.T) {
	srv := newServer(t)
	ids := srv.Seed(userWithID(10), userWithID(0))
	assert.Equal(t, []int64{10, 11}, ids)
	u, ok := srv.User(10)
	require.True(t, ok)
	assert.Equal(t, "Seeded", u.LastName)
}

func TestServer_concurrentUse(t *testing.T) {
	srv := newServer(t)
	srv.AddUsers(80)
	c := srv.Client()
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			srv.AddUsers(1)
			_, err := c.Users.List(t.Context(), nil)
			assert.NoError(t, err)
			_, err = c.Users.Get(t.Context(), int64(i+20))
			assert.NoError(t, err)
			if i%2 == 0 {
				assert.NoError(t, c.Users.Delete(t.Context(), int64(i+1), nil))
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, 80+16-8, srv.Len())
}
