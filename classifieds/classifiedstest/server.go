// Package classifiedstest is an in-memory fake of the GoedGeplaatst users
// API for tests, served over real HTTP on loopback, the way
// net/http/httptest is used. It answers as the vendor documents: the
// "Authentication" key header, 1-based pages of 25 (at most 100), the
// {result, errors, data} envelope with IDs sent back as strings, the
// client's field validation answered as result:false with one message per
// field, activation tokens that a new user needs, and the 5-an-hour limit
// on generating new ones.
package classifiedstest

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/userapis/sdk/classifieds"
	"github.com/userapis/sdk/internal/fakekit"
)

// Behaviour of the fake that the vendor leaves undocumented.
const (
	// ActivationLifetime is how long a token stays valid after Create or
	// GenerateActivation made it.
	ActivationLifetime = 24 * time.Hour
	// GenerateLimit is how many GenerateActivation calls a user may make in
	// any hour; the next one is refused as the vendor does, result:false
	// at HTTP 200 (see [Server.SetGenerateRefusal] for a 429).
	GenerateLimit = 5
	// Prefix is the path the API's documented paths hang from.
	Prefix = "/rest/v1"
)

// Server is a fake GoedGeplaatst API. Test your own code against it:
//
//	func TestSignup(t *testing.T) {
//		srv := classifiedstest.NewServer()
//		defer srv.Close()
//		ids := srv.AddUsers(3)         // users 1, 2, 3
//		c := srv.Client()              // *classifieds.Client with srv.APIKey
//		err := mySignup(c)             // your code under test
//		u, ok := srv.User(ids[2] + 1)  // inspect what it created
//		srv.Inject(classifiedstest.Fault{Op: "Users.Create", Status: 503}) // make the next create fail
//		_ = srv.Requests()             // count what reached the server
//	}
//
// Seed users with [Server.AddUser] (or many at once with [Server.AddUsers]
// and [Server.Seed]) and inspect them with [Server.User] and
// [Server.Users].
//
// All methods are safe for concurrent use.
type Server struct {
	// URL is the base URL to give [classifieds.WithBaseURL]: the loopback
	// root followed by /rest/v1.
	URL string
	// APIKey is the key the server accepts in the Authentication header.
	APIKey string

	kit *fakekit.Kit

	mu     sync.Mutex
	users  map[int64]*record
	order  []int64 // user IDs in creation order (ascending)
	nextID int64
	now    func() time.Time

	quirks         Quirks
	zeroValidUntil bool
	refusal        int // status of a refused GenerateActivation
}

// NewServer starts a fake with no users and a random API key. Close it
// when done.
func NewServer() *Server {
	s := &Server{APIKey: randomKey(), users: map[int64]*record{}, nextID: 1, now: time.Now, refusal: http.StatusOK}
	s.kit = fakekit.Start(http.HandlerFunc(s.serve), fakekit.Options{
		Authorize:  s.authorize,
		WriteError: writeError,
		Routes:     routes,
	})
	s.URL = s.kit.URL() + Prefix
	return s
}

// Client returns a *classifieds.Client for s with the valid key and the
// default retry policy; opts are applied after those (e.g. a faster
// [classifieds.WithRetryPolicy]). It panics if opts are invalid.
func (s *Server) Client(opts ...classifieds.Option) *classifieds.Client {
	all := append([]classifieds.Option{classifieds.WithBaseURL(s.URL), classifieds.WithAPIKey(s.APIKey)}, opts...)
	c, err := classifieds.NewClient(all...)
	if err != nil {
		panic(err)
	}
	return c
}

// Close shuts the server down.
func (s *Server) Close() { s.kit.Close() }

// FailNext makes the next n requests answer status with a result:false
// body, before the key is checked.
func (s *Server) FailNext(n, status int) { s.kit.FailNext(n, status) }

// Requests returns how many requests reached the server.
func (s *Server) Requests() int { return s.kit.Requests() }

// SetClock makes the server read the time from now (token expiry, the
// hourly generate limit); nil restores time.Now.
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if now == nil {
		now = time.Now
	}
	s.now = now
}

func (s *Server) authorize(r *http.Request) (int, string) {
	if r.Header.Get("Authentication") != s.APIKey {
		return http.StatusUnauthorized, "invalid or missing authentication key"
	}
	return 0, ""
}

// envelope is the answer to every call but the lists.
type envelope struct {
	Result bool `json:"result"`
	Errors any  `json:"errors"`
	Data   any  `json:"data,omitempty"`
}

// writeError answers {"result": false, "errors": [msg]}.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeErrors(w, status, []string{msg})
}

func writeErrors(w http.ResponseWriter, status int, msgs []string) {
	fakekit.WriteJSON(w, status, envelope{Result: false, Errors: msgs})
}

// serve routes a request below Prefix.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	p, ok := strings.CutPrefix(r.URL.Path, Prefix)
	if !ok {
		writeError(w, http.StatusNotFound, "unknown endpoint")
		return
	}
	switch {
	case p == "/users/" || p == "/users":
		switch r.Method {
		case http.MethodGet:
			s.list(w, r)
		case http.MethodPost:
			s.create(w, r)
		case http.MethodPut:
			s.update(w, r)
		case http.MethodDelete:
			s.deleteByBody(w, r)
		default:
			writeError(w, http.StatusMethodNotAllowed, "method not allowed")
		}
	case strings.HasPrefix(p, "/users/"):
		id, ok := parseID(strings.TrimSuffix(strings.TrimPrefix(p, "/users/"), "/"))
		switch {
		case !ok:
			writeError(w, http.StatusNotFound, "user not found")
		case r.Method == http.MethodGet:
			s.get(w, id)
		case r.Method == http.MethodDelete:
			s.delete(w, id)
		default:
			writeError(w, http.StatusMethodNotAllowed, "method not allowed")
		}
	case p == "/user/activate/" || p == "/user/activate":
		s.onlyPost(w, r, s.activate)
	case p == "/user/activate/generate/" || p == "/user/activate/generate":
		s.onlyPost(w, r, s.generate)
	default:
		writeError(w, http.StatusNotFound, "unknown endpoint")
	}
}

func (s *Server) onlyPost(w http.ResponseWriter, r *http.Request, h http.HandlerFunc) {
	if r.Method != http.MethodPost {
		writeError(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	h(w, r)
}

func randomKey() string {
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alnum[int(b[i])%len(alnum)]
	}
	return string(b)
}

// newToken returns 64 hex characters, as the vendor's tokens look.
func newToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
