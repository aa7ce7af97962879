package transport

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// targetBases are base URLs whose parsed forms differ: a prefix, a prefix
// that keeps a RawPath, an empty port, an IPv6 host.
var targetBases = []string{
	"http://127.0.0.1:8080",
	"https://api.example.test/v1",
	"https://api.example.test/a%2Fb",
	"https://api.example.test/a%20b/",
	"http://localhost:",
	"http://[::1]:",
	"http://[::1]:9/p",
}

// FuzzTarget_sameAsParse checks the URL a request goes to against the one
// http.NewRequest made from the joined string before: the same URL and
// Host for every path and query, and an error exactly when it failed.
func FuzzTarget_sameAsParse(f *testing.F) {
	for _, seed := range []struct{ path, query string }{
		{"/tenants/acme/users/search", "userId=4021"},
		{"/users/a%2Fb", ""},
		{"/users/%2E%2E", "x=1#frag"},
		{"/a!b/(c)*'", "q=a b"},
		{"/users/u_1", "page=2&ids%5B%5D=1"},
		{"/ü/x", "q=ü"},
		{"/a?b", "c=d"},
		{"/a#b", ""},
		{"/a b", "\x7f"},
		{"//x/./../y", "?"},
		{"/%zz", ""},
		{"", ""},
	} {
		f.Add(seed.path, seed.query)
	}
	clients := make([]*Client, len(targetBases))
	for i, base := range targetBases {
		c, err := New(testAPI, Settings{BaseURL: base})
		require.NoError(f, err, base)
		clients[i] = c
	}
	f.Fuzz(func(t *testing.T, path, query string) {
		for _, c := range clients {
			raw := c.base.String() + path
			if query != "" {
				raw += "?" + query
			}
			want, wantErr := http.NewRequest(http.MethodGet, raw, nil)
			got, err := c.target(path, query)
			if wantErr != nil {
				assert.Error(t, err, "%q %q", path, query)
				continue
			}
			require.NoError(t, err, "%q %q", path, query)
			assert.Equal(t, want.URL, got, "%q %q", path, query)
			assert.Equal(t, want.Host, got.Host, "%q %q", path, query)
			assert.Equal(t, want.URL.String(), got.String())
		}
	})
}

func TestTarget_plainPathNeedsNoParse(t *testing.T) {
	assert.True(t, plainPath("/tenants/acme-1/users/search"))
	assert.True(t, plainPath("/a/b.c~d_e:f@g;h=i&j+k,l$m"))
	for _, p := range []string{"/a%2F", "/a?b", "/a#b", "/a b", "/a!b", "/a'b", "/a(b", "/a)b", "/a*b", "/ü", "/a\x00"} {
		assert.False(t, plainPath(p), p)
	}
	assert.True(t, plainQuery("a=1&b=%20?c"))
	for _, q := range []string{"a#b", "a\nb", "a\x7fb"} {
		assert.False(t, plainQuery(q), q)
	}
}
