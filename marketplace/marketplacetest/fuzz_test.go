package marketplacetest

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/fakekit"
	"github.com/userapis/sdk/internal/fakekit/fakefuzz"
	"github.com/userapis/sdk/marketplace"
)

// FuzzServer sends arbitrary requests to a fake holding two users and a
// broadband entry: no panic, no 5xx but the injected one, and errors as
// FastAPI writes them ({"detail": ...}, or an empty 404).
func FuzzServer(f *testing.F) {
	fakefuzz.Run(f, fakefuzz.Target{
		New: func() fakefuzz.Fake {
			s := NewServer()
			auth := func(h http.Header) { h.Set(marketplace.DefaultAPIKeyHeader, s.APIKey) }
			for _, p := range [][2]string{
				{"/users", `{"first_name":"Ada","surname":"Lovelace","email":"ada@example.com"}`},
				{"/users", `{"first_name":"Alan","surname":"Turing","email":"alan@example.com","meta":{"k":"v"}}`},
				{"/users/broadband", `{"cp_user_id":"u_1","broadbandProvider":"BT"}`},
			} {
				h := http.Header{}
				auth(h)
				s.kit.Serve(fakekit.Probe{Method: "POST", Path: p[0], Header: h, Body: []byte(p[1])})
			}
			return fakefuzz.Fake{Kit: s.kit, Authorize: auth, Close: s.Close}
		},
		EmptyNotFound: true,
	})
}

// TestServer_listHugeNumbers pages past the end with numbers whose
// product overflows: an empty page, not a panic.
func TestServer_listHugeNumbers(t *testing.T) {
	s := NewServer()
	defer s.Close()
	h := http.Header{}
	h.Set(marketplace.DefaultAPIKeyHeader, s.APIKey)
	s.kit.Serve(fakekit.Probe{Method: "POST", Path: "/users", Header: h, Body: []byte(`{"first_name":"A","surname":"B","email":"a@example.com"}`)})
	for _, q := range []string{"page=9223372036854775807&size=9223372036854775807", "page=1&size=9223372036854775807", "page=4611686018427387904&size=2"} {
		rec, ok := s.kit.Serve(fakekit.Probe{Method: "GET", Path: "/users", Query: q, Header: h})
		require.True(t, ok)
		require.Equal(t, http.StatusOK, rec.Code, q)
		var page struct {
			Items []json.RawMessage `json:"items"`
			Total int               `json:"total"`
		}
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &page))
		assert.Empty(t, page.Items, q)
		assert.Equal(t, 1, page.Total, q)
	}
}
