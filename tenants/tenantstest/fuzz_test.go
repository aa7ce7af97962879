package tenantstest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/fakekit"
	"github.com/userapis/sdk/internal/fakekit/fakefuzz"
	"github.com/userapis/sdk/tenants"
)

// FuzzServer sends arbitrary requests to a fake holding two tenants with
// a user each: no panic, no 5xx but the injected one, and errors as
// ASP.NET Web API writes them, {"Message": "..."}.
func FuzzServer(f *testing.F) {
	fakefuzz.Run(f, fakefuzz.Target{
		New: func() fakefuzz.Fake {
			s := NewServer()
			s.AddUser(DefaultTenant, tenants.User{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"})
			s.AddTenant("other")
			s.AddUser("other", tenants.User{FirstName: "Alan", LastName: "Turing", Email: "alan@example.com"})
			return fakefuzz.Fake{Kit: s.kit, Close: s.Close, Authorize: func(h http.Header) { h.Set(tenants.DefaultTokenHeader, s.Token) }}
		},
	})
}

// TestServer_auth_escapedTenant sends the default tenant's token to
// "acme%2Fx", which the routes read as the tenant "acme/x": refused with
// 403, where the credential check used to read "acme" and the handler
// then met no tenant and panicked.
func TestServer_auth_escapedTenant(t *testing.T) {
	s := NewServer()
	defer s.Close()
	h := http.Header{}
	h.Set(tenants.DefaultTokenHeader, s.Token)
	for _, p := range []string{"/api/1.0/tenants/acme%2Fx/users/search", "/api/1.0/tenants/acme%2F/users/1", "/api/1.0/tenants/%61cme%2F%2E%2E/users"} {
		for _, m := range []string{"GET", "PUT", "DELETE", "POST"} {
			rec, ok := s.kit.Serve(fakekit.Probe{Method: m, Path: p, Query: "userId=1", Header: h, Body: []byte(`{}`)})
			require.True(t, ok)
			assert.Equal(t, http.StatusForbidden, rec.Code, "%s %s", m, p)
			assert.Contains(t, rec.Body.String(), `"Message"`)
		}
	}
	// The escaped form of the tenant's own name is the tenant.
	rec, _ := s.kit.Serve(fakekit.Probe{Method: "GET", Path: "/api/1.0/tenants/%61cme/users/search", Query: "email=x@example.com", Header: h})
	assert.Equal(t, http.StatusNotFound, rec.Code)
}
