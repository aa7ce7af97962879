// Package marketplacetest is an in-memory fake of the MMOB users API for
// testing code that uses package marketplace, the way net/http/httptest
// is used: a real HTTP server on a loopback port, safe for concurrent use.
//
// It implements all seven operations of [marketplace.Client] as the API
// documents them, and behaves like the FastAPI service behind it: the API
// key checked on every request (401, {"detail":"..."}), users listed
// newest first in 0-based pages of 50 by default with email and ids[]
// filters and a total ([WithQuirks]: null, as the seed shows), 404 with
// an empty body for an unknown user, 422
// {"detail":[{"loc":["body","email"],"msg":"field required",...}]} for
// missing or invalid fields, and ids "u_1", "u_2", ... given in order.
package marketplacetest

import (
	"crypto/subtle"
	"net/http"
	"sync"
	"time"

	"github.com/userapis/sdk/internal/fakekit"
	"github.com/userapis/sdk/marketplace"
)

// DefaultAPIKey is the API key every new Server accepts.
const DefaultAPIKey = "mk_test_4e3c2b1a"

// CPID is the company id the fake gives every broadband entry: the
// partner the API key belongs to.
const CPID = "cp_1"

// Server is a fake MMOB API. Test your own code against it like this:
//
//	func TestSignup(t *testing.T) {
//		srv := marketplacetest.NewServer()
//		defer srv.Close()
//		c := srv.Client() // or marketplace.NewClient(marketplace.WithBaseURL(srv.URL), marketplace.WithAPIKey(srv.APIKey))
//		if err := signup(ctx, c, "ada@example.com"); err != nil { // your code
//			t.Fatal(err)
//		}
//		page, err := c.Users.List(ctx, &marketplace.UserListOptions{Email: "ada@example.com"})
//		// ... assert on page.Items
//		srv.Inject(marketplacetest.Fault{Op: "Users.Create", Status: 429, RetryAfter: time.Second}) // and how your code copes
//	}
//
// Seed and inspect its users with [Server.AddUser], [Server.User] and
// [Server.Users].
type Server struct {
	// URL is the base URL to give marketplace.WithBaseURL.
	URL string
	// APIKey is the key the server accepts in the X-API-Key header.
	APIKey string

	kit *fakekit.Kit

	mu        sync.Mutex
	users     []*user // in creation order
	byID      map[string]*user
	broadband map[string]*entry // by cp_user_id
	lastUser  int
	lastEntry int
	quirks    bool // set by WithQuirks at NewServer, read-only afterwards
}

// ServerOption configures a Server at [NewServer].
type ServerOption func(*Server)

// WithQuirks makes the fake answer in the forms the seed shows besides
// the plain ones: every list response with "total": null and "page": null
// (as the seed's example; [marketplace.UsersService.All] must then find
// the end from a short or empty page), and number_of_children as a JSON
// number when it holds one (the seed types it a string, MMOB's
// customerInfo an integer).
func WithQuirks() ServerOption { return func(s *Server) { s.quirks = true } }

// NewServer starts a fake on a loopback port with no users, configured by
// opts (none: total and page always set). Close it when done.
func NewServer(opts ...ServerOption) *Server {
	s := &Server{
		APIKey:    DefaultAPIKey,
		byID:      map[string]*user{},
		broadband: map[string]*entry{},
	}
	for _, o := range opts {
		o(s)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users", s.listUsers)
	mux.HandleFunc("POST /users", s.createUser)
	mux.HandleFunc("GET /users/{user_id}", s.getUser)
	mux.HandleFunc("POST /users/{user_id}", s.updateUser)
	mux.HandleFunc("POST /users/broadband", s.createBroadband)
	mux.HandleFunc("GET /users/broadband/{cp_user_id}", s.getBroadband)
	mux.HandleFunc("POST /users/broadband/{cp_user_id}", s.updateBroadband)
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeDetail(w, http.StatusNotFound, "Not Found")
	})
	key := s.APIKey
	s.kit = fakekit.Start(mux, fakekit.Options{
		Authorize: func(r *http.Request) (int, string) {
			got := r.Header.Get(marketplace.DefaultAPIKeyHeader)
			if got == "" {
				return http.StatusUnauthorized, "Not authenticated"
			}
			if subtle.ConstantTimeCompare([]byte(got), []byte(key)) != 1 {
				return http.StatusUnauthorized, "Invalid API key"
			}
			return 0, ""
		},
		WriteError: writeDetail,
		Routes:     routes,
	})
	s.URL = s.kit.URL()
	return s
}

// Client returns a *marketplace.Client wired to the server with its valid
// API key and the default retry policy, so a FailNext(1, 503) on a safe
// call is absorbed by one retry. opts are applied after those, so a
// caller's [marketplace.WithHTTPClient] or [marketplace.WithRetryPolicy]
// wins. It panics if opts are invalid.
func (s *Server) Client(opts ...marketplace.Option) *marketplace.Client {
	c, err := marketplace.NewClient(append([]marketplace.Option{
		marketplace.WithBaseURL(s.URL),
		marketplace.WithAPIKey(s.APIKey),
		marketplace.WithHTTPClient(s.kit.Client()),
	}, opts...)...)
	if err != nil {
		panic("marketplacetest: " + err.Error())
	}
	return c
}

// Close shuts the server down.
func (s *Server) Close() { s.kit.Close() }

// FailNext makes the next n requests answer status with a FastAPI error
// body, before the API key is checked.
func (s *Server) FailNext(n, status int) { s.kit.FailNext(n, status) }

// Requests returns how many requests reached the server, retries included.
func (s *Server) Requests() int { return s.kit.Requests() }

// writeDetail writes FastAPI's error body {"detail": msg}.
func writeDetail(w http.ResponseWriter, status int, msg string) {
	fakekit.WriteJSON(w, status, map[string]string{"detail": msg})
}

// now is the fake's clock: UTC to the second, as the API's examples show.
func now() string { return time.Now().UTC().Truncate(time.Second).Format(time.RFC3339) }
