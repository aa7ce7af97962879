// Package tenantstest is an in-memory fake of the Aptem users API for
// testing code that uses package tenants, the way net/http/httptest is
// used: a real HTTP server on loopback serving several tenants by path.
package tenantstest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/userapis/sdk/internal/fakekit"
	"github.com/userapis/sdk/tenants"
)

// The statuses the fake gives users. Aptem does not document its status
// values; these are the fake's own.
const (
	StatusActive      = "Active"
	StatusDeactivated = "Deactivated"
)

// DefaultTenant is the name of the tenant a new Server starts with.
const DefaultTenant = "acme"

// Server is a fake Aptem: every tenant it knows is served on one loopback
// server under /api/1.0/tenants/{tenant}/users, each with its own users and
// its own token. A token is checked as Aptem documents: missing or unknown
// answers 401, valid for another tenant answers 403.
//
// Test your own code against it like this:
//
//	func TestOnboard(t *testing.T) {
//		srv := tenantstest.NewServer()
//		defer srv.Close()
//		c := srv.Client() // or tenants.NewClient(tenants.WithBaseURL(srv.URL),
//		                  //     tenants.WithTenant(srv.Tenant), tenants.WithToken(srv.Token))
//		if err := onboard(ctx, c, "ada@example.com"); err != nil {
//			t.Fatal(err)
//		}
//		u, ok := srv.User(srv.Tenant, 1) // inspect what it stored
//		...
//		srv.Inject(tenantstest.Fault{Op: "Users.Create", Reset: true}) // and how your code copes
//	}
//
// Seed and inspect users with [Server.AddUser], [Server.User] and
// [Server.Users], each per tenant.
//
// It is safe for concurrent use.
type Server struct {
	// URL is the API root to pass to tenants.WithBaseURL,
	// http://127.0.0.1:port/api/1.0.
	URL string
	// Tenant is the name of the default tenant.
	Tenant string
	// Token is the valid API token of the default tenant.
	Token string

	kit *fakekit.Kit

	mu      sync.Mutex
	tenants map[string]*tenant // by name
	tokens  map[string]string  // token -> tenant name
	quirks  Quirks
}

// tenant is one tenant's data.
type tenant struct {
	users  map[int]*tenants.User
	nextID int
}

// NewServer starts a fake with one tenant, [DefaultTenant]; add more with
// [Server.AddTenant]. Close it when done.
func NewServer() *Server {
	s := &Server{tenants: map[string]*tenant{}, tokens: map[string]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/1.0/tenants/{tenant}/users/search", s.search)
	mux.HandleFunc("POST /api/1.0/tenants/{tenant}/users", s.create)
	mux.HandleFunc("PUT /api/1.0/tenants/{tenant}/users/{id}", s.update)
	mux.HandleFunc("DELETE /api/1.0/tenants/{tenant}/users/{id}", s.deactivate)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "No HTTP resource was found that matches the request URI.")
	})
	s.kit = fakekit.Start(mux, fakekit.Options{Authorize: s.authorize, WriteError: writeError, Routes: routes})
	s.URL = s.kit.URL() + "/api/1.0"
	s.Tenant = DefaultTenant
	s.Token = s.AddTenant(DefaultTenant)
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.kit.Close() }

// Client returns a *tenants.Client for the default tenant with its valid
// token and the default retry policy; opts are applied after those, so a
// caller's [tenants.WithHTTPClient] or [tenants.WithRetryPolicy] wins.
func (s *Server) Client(opts ...tenants.Option) *tenants.Client {
	all := append([]tenants.Option{tenants.WithBaseURL(s.URL), tenants.WithTenant(s.Tenant), tenants.WithToken(s.Token)}, opts...)
	c, err := tenants.NewClient(all...)
	if err != nil {
		panic("tenantstest: " + err.Error())
	}
	return c
}

// FailNext makes the next n requests answer status in the fake's error
// format, before the token is checked.
func (s *Server) FailNext(n, status int) { s.kit.FailNext(n, status) }

// Requests returns how many requests reached the server.
func (s *Server) Requests() int { return s.kit.Requests() }

// AddTenant adds a tenant with no users and returns its token; for a
// tenant the server already has, it returns the existing token. name must
// be a DNS label, as in tenants.ValidTenant, else AddTenant panics.
func (s *Server) AddTenant(name string) (token string) {
	if err := tenants.ValidTenant(name); err != nil {
		panic("tenantstest: " + err.Error())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.tenants[name]; ok {
		for tok, t := range s.tokens {
			if t == name {
				return tok
			}
		}
	}
	s.tenants[name] = &tenant{users: map[int]*tenants.User{}, nextID: 1}
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	token = "tok_" + hex.EncodeToString(b)
	s.tokens[token] = name
	return token
}

// AddUser stores a copy of u in tenant's users, bypassing the API's
// checks, and returns it with its id: u.ID if positive and free, else the
// tenant's next id. An empty Status becomes [StatusActive]. It panics if
// the tenant does not exist.
func (s *Server) AddUser(tenantName string, u tenants.User) tenants.User {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tenants[tenantName]
	if !ok {
		panic(fmt.Sprintf("tenantstest: no tenant %q (AddTenant first)", tenantName))
	}
	if _, taken := t.users[u.ID]; u.ID <= 0 || taken {
		u.ID = t.nextID
	}
	t.nextID = max(t.nextID, u.ID+1)
	if u.Status == "" {
		u.Status = StatusActive
	}
	t.users[u.ID] = &u
	return u
}

// authorize checks the token: 401 when missing or unknown, 403 when it
// belongs to another tenant than the one in the path.
func (s *Server) authorize(r *http.Request) (int, string) {
	tok := r.Header.Get(tenants.DefaultTokenHeader)
	s.mu.Lock()
	owner, ok := s.tokens[tok]
	s.mu.Unlock()
	if tok == "" || !ok {
		return http.StatusUnauthorized, "Authorization has been denied for this request."
	}
	// The tenant as the routes will see it: one escaped segment, unescaped
	// ("acme%2Fx" is the tenant "acme/x", not "acme").
	rest, found := strings.CutPrefix(r.URL.EscapedPath(), "/api/1.0/tenants/")
	if !found {
		return 0, ""
	}
	seg, _, _ := strings.Cut(rest, "/")
	name, err := url.PathUnescape(seg)
	if err != nil || name != owner {
		return http.StatusForbidden, "The API token does not grant access to tenant " + name + "."
	}
	return 0, ""
}

// writeError answers in the ASP.NET Web API form the fake assumes for
// Aptem, whose error body is not documented: {"Message": "..."}.
func writeError(w http.ResponseWriter, status int, msg string) {
	fakekit.WriteJSON(w, status, map[string]string{"Message": msg})
}

// writeInvalid answers 400 with the failing fields in a ModelState map.
func writeInvalid(w http.ResponseWriter, fields map[string][]string) {
	fakekit.WriteJSON(w, http.StatusBadRequest, map[string]any{
		"Message":    "The request is invalid.",
		"ModelState": fields,
	})
}
