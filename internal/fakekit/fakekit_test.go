package fakekit

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func start(t *testing.T) *Kit {
	t.Helper()
	k := Start(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in map[string]any
		if err := ReadJSON(r, &in); err != nil {
			WriteJSON(w, 400, map[string]string{"message": "bad json"})
			return
		}
		WriteJSON(w, 200, in)
	}), Options{
		Authorize: func(r *http.Request) (int, string) {
			if r.Header.Get("X-Key") != "k" {
				return 401, "bad key"
			}
			return 0, ""
		},
		WriteError: func(w http.ResponseWriter, status int, msg string) {
			WriteJSON(w, status, map[string]any{"result": false, "errors": []string{msg}})
		},
	})
	t.Cleanup(k.Close)
	return k
}

func do(t *testing.T, k *Kit, key, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("POST", k.URL()+"/x", strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("X-Key", key)
	resp, err := k.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(b))
}

func TestKit_authFailNextAndCounting(t *testing.T) {
	k := start(t)
	assert.True(t, strings.HasPrefix(k.URL(), "http://127.0.0.1:"))
	code, body := do(t, k, "k", `{"a":1}`)
	assert.Equal(t, 200, code)
	assert.JSONEq(t, `{"a":1}`, body)

	code, body = do(t, k, "wrong", `{}`)
	assert.Equal(t, 401, code)
	assert.JSONEq(t, `{"result":false,"errors":["bad key"]}`, body)

	k.FailNext(2, 503)
	for range 2 {
		code, body = do(t, k, "k", `{}`)
		assert.Equal(t, 503, code)
		assert.Contains(t, body, "injected by FailNext")
	}
	code, _ = do(t, k, "k", `{}`)
	assert.Equal(t, 200, code)

	k.FailNext(1, 429)
	req, _ := http.NewRequest("GET", k.URL(), nil)
	resp, err := k.Client().Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, "0", resp.Header.Get("Retry-After"))

	code, _ = do(t, k, "k", `{not json`)
	assert.Equal(t, 400, code)
	assert.Equal(t, 7, k.Requests())
}

func TestKit_concurrentRequestsAreCounted(t *testing.T) {
	k := start(t)
	var wg sync.WaitGroup
	for range 32 {
		wg.Add(1)
		go func() { defer wg.Done(); do(t, k, "k", `{}`) }()
	}
	wg.Wait()
	assert.Equal(t, 32, k.Requests())
}

func TestReadJSON_refusesOversizedBody(t *testing.T) {
	k := start(t)
	code, _ := do(t, k, "k", `{"a":"`+strings.Repeat("x", MaxRequestBody)+`"}`)
	assert.Equal(t, 400, code)
}
