package classifiedstest

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/fakekit"
	"github.com/userapis/sdk/internal/fakekit/fakefuzz"
)

// FuzzServer sends arbitrary requests to a fake holding three users: no
// panic, no 5xx but the injected one, and errors in the vendor's
// envelope, {"result": false, "errors": [...]}.
func FuzzServer(f *testing.F) {
	fakefuzz.Run(f, fakefuzz.Target{
		New: func() fakefuzz.Fake {
			s := NewServer()
			s.AddUsers(3)
			return fakefuzz.Fake{Kit: s.kit, Close: s.Close, Authorize: func(h http.Header) { h.Set("Authentication", s.APIKey) }}
		},
	})
}

// TestServer_list_hugePage asks for pages whose offset overflows (the
// issue's page near 2^57): an empty page in the list envelope, not a
// panic.
func TestServer_list_hugePage(t *testing.T) {
	s := NewServer()
	defer s.Close()
	s.AddUsers(3)
	h := http.Header{}
	h.Set("Authentication", s.APIKey)
	for _, q := range []string{"page=144115188075855872&itemsPerPage=100", "page=9223372036854775807", "page=2&itemsPerPage=3"} {
		rec, ok := s.kit.Serve(fakekit.Probe{Method: "GET", Path: Prefix + "/users/", Query: q, Header: h})
		require.True(t, ok)
		require.Equal(t, http.StatusOK, rec.Code, q)
		var env listEnvelope
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &env))
		assert.Empty(t, env.Data, q)
		assert.Equal(t, 3, env.TotalItems, q)
	}
}
