package tenants_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/tenants"
)

var tenantNames = []struct {
	name string
	ok   bool
}{
	{"acme", true},
	{"Acme-Training-2", true},
	{"a", true},
	{"0", true},
	{"x1-y2", true},
	{strings.Repeat("a", 63), true},
	{"", false},
	{strings.Repeat("a", 64), false},
	{"-a", false},
	{"a-", false},
	{"-", false},
	{"a.b", false},
	{"evil.com/x", false},
	{"evil.com", false},
	{"x#", false},
	{"a/b", false},
	{"a?b", false},
	{"a@b", false},
	{"a:80", false},
	{"a b", false},
	{"..", false},
	{"%2e", false},
	{"a\nb", false},
	{"a_b", false},
	{"ácme", false},
	{"acme\x00", false},
	{"api", false},
	{"API", false},
	{"apis", true},
}

func TestValidTenant(t *testing.T) {
	for _, tt := range tenantNames {
		t.Run(fmt.Sprintf("%q", tt.name), func(t *testing.T) {
			err := tenants.ValidTenant(tt.name)
			if tt.ok {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), "tenants: "), err.Error())
			assert.Contains(t, err.Error(), "tenant")
		})
	}
}

func TestNewClient_tenantName(t *testing.T) {
	for _, tt := range tenantNames {
		t.Run(fmt.Sprintf("%q", tt.name), func(t *testing.T) {
			c, err := tenants.NewClient(tenants.WithTenant(tt.name), tenants.WithToken(testToken))
			if !tt.ok {
				assert.Nil(t, c)
				assert.ErrorContains(t, err, "tenant")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.name, c.Tenant())
		})
	}
}

func TestClient_ForTenant_tenantName(t *testing.T) {
	c, err := tenants.NewClient(tenants.WithTenant("acme"), tenants.WithToken(testToken))
	require.NoError(t, err)
	for _, tt := range tenantNames {
		t.Run(fmt.Sprintf("%q", tt.name), func(t *testing.T) {
			d, err := c.ForTenant(tt.name)
			if !tt.ok {
				assert.Nil(t, d)
				assert.ErrorContains(t, err, "tenant")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.name, d.Tenant())
			assert.Equal(t, "acme", c.Tenant(), "the original client is unchanged")
		})
	}
}

func TestNewClient_errors(t *testing.T) {
	tests := []struct {
		name string
		opts []tenants.Option
		want []string
	}{
		{"nothing", nil, []string{"tenant name is required", "API token is required"}},
		{"no token", []tenants.Option{tenants.WithTenant("acme")}, []string{"API token is required"}},
		{"token with newline", []tenants.Option{tenants.WithTenant("acme"), tenants.WithToken("a\r\nX-Evil: 1")},
			[]string{"line break"}},
		{"bad header name", []tenants.Option{tenants.WithTenant("acme"), tenants.WithToken(testToken),
			tenants.WithTokenHeader("X Token:")}, []string{"token header"}},
		{"retired host", []tenants.Option{tenants.WithTenant("acme"), tenants.WithToken(testToken),
			tenants.WithBaseURL("https://api.aptem.co.uk/api/1.0")}, []string{"retired"}},
		{"plain http", []tenants.Option{tenants.WithTenant("acme"), tenants.WithToken(testToken),
			tenants.WithBaseURL("http://acme.example/api/1.0")}, []string{"plain http"}},
		{"all at once", []tenants.Option{tenants.WithTenant("a.b"), tenants.WithToken(""),
			tenants.WithRateLimit(0, 0), tenants.WithHeader("Bad Header", "v")},
			[]string{"invalid tenant name", "API token is required", "rate limit", "header"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tenants.NewClient(tt.opts...)
			assert.Nil(t, c)
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.NotContains(t, err.Error(), testToken)
			assert.NotContains(t, err.Error(), "X-Evil")
			assert.NotContains(t, err.Error(), "base URL is required", "a bad tenant must not read as a missing base URL")
		})
	}
}

// mockClient returns a client whose requests go to an httpmock transport,
// so derived https hosts can be checked without a network.
func mockClient(t *testing.T, opts ...tenants.Option) (*tenants.Client, *httpmock.MockTransport) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	all := append([]tenants.Option{tenants.WithToken(testToken), tenants.WithHTTPClient(&http.Client{Transport: mock}),
		tenants.WithRetryPolicy(tenants.RetryPolicy{MaxRetries: tenants.NoRetries})}, opts...)
	c, err := tenants.NewClient(all...)
	require.NoError(t, err)
	return c, mock
}

func TestNewClient_derivedBaseURL(t *testing.T) {
	c, mock := mockClient(t, tenants.WithTenant("acme"))
	mock.RegisterResponder("GET", "https://acme.aptem.co.uk/api/1.0/tenants/acme/users/search",
		httpmock.NewStringResponder(200, `{"id":1}`))
	mock.RegisterResponder("GET", "https://globex.aptem.co.uk/api/1.0/tenants/globex/users/search",
		httpmock.NewStringResponder(200, `{"id":2}`))

	u, err := c.Users.Get(context.Background(), 1)
	require.NoError(t, err)
	assert.Equal(t, 1, u.ID)

	g, err := c.ForTenant("globex")
	require.NoError(t, err)
	u, err = g.Users.Get(context.Background(), 2)
	require.NoError(t, err)
	assert.Equal(t, 2, u.ID)
	info := mock.GetCallCountInfo()
	assert.Equal(t, 1, info["GET https://acme.aptem.co.uk/api/1.0/tenants/acme/users/search"])
	assert.Equal(t, 1, info["GET https://globex.aptem.co.uk/api/1.0/tenants/globex/users/search"])
	assert.Equal(t, 2, mock.GetTotalCallCount(), "no request went anywhere else (such as api.aptem.co.uk)")
}

func TestNewClient_baseURLOnTenantHost(t *testing.T) {
	// A base URL that is the tenant's own host still moves host with ForTenant.
	c, mock := mockClient(t, tenants.WithTenant("acme"), tenants.WithBaseURL("https://ACME.aptem.co.uk/api/1.0/"))
	mock.RegisterResponder("DELETE", "https://globex.aptem.co.uk/api/1.0/tenants/globex/users/3",
		httpmock.NewStringResponder(200, ``))
	g, err := c.ForTenant("globex")
	require.NoError(t, err)
	require.NoError(t, g.Users.Deactivate(context.Background(), 3))
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestClient_ForTenant_keepsBaseURL(t *testing.T) {
	rec := newRecorder(t, 200, `{"id":1}`)
	c := rec.client(t)
	g, err := c.ForTenant("globex")
	require.NoError(t, err)
	_, err = g.Users.Get(context.Background(), 1)
	require.NoError(t, err)
	_, err = c.Users.Get(context.Background(), 1)
	require.NoError(t, err)
	reqs := rec.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "/api/1.0/tenants/globex/users/search", reqs[0].Path)
	assert.Equal(t, "/api/1.0/tenants/acme/users/search", reqs[1].Path)
	assert.Equal(t, []string{testToken}, reqs[0].Header["X-Api-Token"], "the token is shared")
}

// TestClient_ForTenant_sharesPool counts the TCP connections the server
// accepts: clients derived with ForTenant, each with its own token, reuse
// the first client's.
//
// In the concurrent rounds the server holds every request until all of
// the round's requests have arrived, so each round needs exactly
// `parallel` connections at once and none is freed early. Without that
// barrier net/http's dial race made the count depend on timing: a
// request that found no idle connection started a dial, then took a
// connection another goroutine had just freed; its dial finished in the
// background after the round and added a connection the next round had
// not waited for (18 or 19 connections in about 1 run in 150).
func TestClient_ForTenant_sharesPool(t *testing.T) {
	const parallel = 16
	var conns atomic.Int32
	var gated atomic.Bool
	arrived := make(chan struct{}, parallel)
	release := make(chan struct{}, parallel)
	done := make(chan struct{})
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if gated.Load() {
			arrived <- struct{}{}
			select {
			case <-release:
			case <-done:
			}
		}
		_, _ = w.Write([]byte(`{"id":1}`))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	defer close(done) // before Close, which waits for the handlers

	c, err := tenants.NewClient(tenants.WithBaseURL(srv.URL), tenants.WithTenant("acme"), tenants.WithToken(testToken))
	require.NoError(t, err)
	for i := range 20 {
		d, err := c.ForTenant(fmt.Sprintf("tenant-%d", i), tenants.WithToken(fmt.Sprintf("tok-%d", i)))
		require.NoError(t, err)
		_, err = d.Users.Get(context.Background(), 1)
		require.NoError(t, err)
	}
	_, err = c.Users.Get(context.Background(), 1)
	require.NoError(t, err)
	require.Equal(t, int32(1), conns.Load(), "21 sequential requests through 21 clients used one connection")

	// 16 requests at a time, each through its own derived client: the
	// first round opens 15 connections beside the idle one, and the next
	// rounds find all 16 idle in the shared pool.
	gated.Store(true)
	for round := range 3 {
		var wg sync.WaitGroup
		for i := range parallel {
			wg.Go(func() {
				d, err := c.ForTenant(fmt.Sprintf("t%d-%d", round, i), tenants.WithToken(fmt.Sprintf("tok-%d-%d", round, i)))
				assert.NoError(t, err)
				_, err = d.Users.Get(context.Background(), 1)
				assert.NoError(t, err)
			})
		}
		for range parallel {
			select {
			case <-arrived:
			case <-time.After(10 * time.Second):
				t.Fatalf("round %d: fewer than %d requests reached the server at once", round, parallel)
			}
		}
		for range parallel {
			release <- struct{}{}
		}
		wg.Wait()
		assert.Equal(t, int32(parallel), conns.Load(), "after round %d: %d concurrent requests through %d clients share %d connections",
			round, (round+1)*parallel, (round+1)*parallel, parallel)
	}
}

func TestClient_WithTokenHeader(t *testing.T) {
	rec := newRecorder(t, 200, `{"id":1}`)
	c := rec.client(t, tenants.WithTokenHeader("authorization-token"), tenants.WithHeader("X-Trace", "t1"),
		tenants.WithUserAgent("myapp/1.2"))
	_, err := c.Users.Get(context.Background(), 1)
	require.NoError(t, err)
	r := rec.only(t)
	assert.Equal(t, []string{testToken}, r.Header["Authorization-Token"])
	assert.Empty(t, r.Header.Get("X-Api-Token"))
	assert.Equal(t, "t1", r.Header.Get("X-Trace"))
	assert.True(t, strings.HasPrefix(r.Header.Get("User-Agent"), "myapp/1.2 userapis-go/"))
}

func TestClient_tokenNeverShown(t *testing.T) {
	var logs bytes.Buffer
	rec := newRecorder(t, 401, `{"message":"denied"}`)
	c := rec.client(t, tenants.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	_, err := c.Users.Search(context.Background(), &tenants.UserSearchOptions{Email: "ada@example.com"})
	require.Error(t, err)
	d, err2 := c.ForTenant("globex")
	require.NoError(t, err2)
	printed := fmt.Sprintf("%v %+v %#v %v %+v %s", c, c, *c, d, *d, err)
	assert.NotContains(t, printed, testToken)
	assert.NotContains(t, logs.String(), testToken)
	assert.NotContains(t, logs.String(), "ada@example.com", "no query strings in logs")
	assert.Contains(t, logs.String(), "status=401", "the logger is used")
}

func BenchmarkClient_ForTenant(b *testing.B) {
	c, err := tenants.NewClient(tenants.WithTenant("acme"), tenants.WithToken(testToken))
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.ForTenant("globex"); err != nil {
			b.Fatal(err)
		}
	}
}
