// Package clogintest is an in-memory fake of Regpack's API v2 users
// endpoint, served over real HTTP on loopback, for testing code that uses
// package clogin the way net/http/httptest is used:
//
//	func TestSignup(t *testing.T) {
//		srv := clogintest.NewServer()
//		defer srv.Close()
//		parents := srv.SeedFamilies(srv.GroupID, 2, 0) // a family of three, an individual
//		c := srv.Client()                              // a *clogin.Client with valid credentials
//		res, err := c.Users.Login(ctx, &clogin.LoginRequest{GroupID: srv.GroupID, CloginID: parents[0]})
//		...
//		srv.Inject(clogintest.Fault{Op: "Users.Create", Reset: true}) // and how your code copes
//	}
//
// Seed users with [Server.AddUser], [Server.AddChild] and
// [Server.SeedFamilies], and inspect them with [Server.User] and
// [Server.Users], each per project.
//
// It behaves as Regpack documents its users endpoint: every request needs
// the Api-user, Api-token and Api-id headers and a Timestamp within five
// minutes of the server's clock (else 401); every action is POST /users/
// with the action in the JSON body; ids come back as strings in user_info
// and meta_info, counts as strings and money as "0.00"; a failed action
// answers 200 with {"success": false, "msg": "..."}. Projects are group
// ids: any positive group id is a project, created on first use, and
// [Server.GroupID] is one ready to use. get_user_list pages 50 parents at
// a time, from the 0-based offset starting_position (or page number, with
// [WithPaging]), with their children alongside. [WithQuirks] turns on the
// vendor's looser forms, [WithTotalUsers] a wrong total_users. Each
// project starts with two statuses, [StatusAccepted] and the excluding
// [StatusCancelled]. Clogin ids count up from 5550001 and
// login tokens are sequential, so tests and examples print stable output.
package clogintest

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/internal/fakekit"
)

// The statuses every project starts with.
const (
	StatusAccepted  int64 = 1 // an active status
	StatusCancelled int64 = 2 // an excluding status: hidden from get_user_list unless with_excluded
)

// MaxClockSkew is how far a request's Timestamp may be from the server's
// clock, either way.
const MaxClockSkew = 5 * time.Minute

// Server is a fake Regpack users endpoint. Its methods are safe for
// concurrent use.
type Server struct {
	// URL is the base URL to give [clogin.WithBaseURL].
	URL string
	// Credentials are the only ones the server accepts.
	Credentials clogin.Credentials
	// GroupID is a ready project; any other positive group id works too.
	GroupID int64

	kit *fakekit.Kit

	mu        sync.Mutex
	now       func() time.Time
	nextID    int64
	nextToken int64
	known     map[int64]bool // clogin ids in the organization
	projects  map[int64]*project

	// Set by ServerOptions at NewServer, read-only afterwards.
	paging     Paging
	pageSize   int
	totalUsers func(int) int
	quirks     bool
}

// NewServer starts a fake on a loopback port, configured by opts (none:
// the documented behaviour, starting_position an offset). Close it when
// done.
func NewServer(opts ...ServerOption) *Server {
	s := &Server{
		Credentials: clogin.Credentials{
			APIUser:  "api-admin@example.com",
			APIToken: "cd8c417d-7cde-4bbe-83fc-94fccd7c0379",
			APIID:    23218,
		},
		GroupID:  7770001,
		now:      time.Now,
		nextID:   5550001,
		known:    map[int64]bool{},
		projects: map[int64]*project{},
		pageSize: pageSize,
	}
	for _, o := range opts {
		o(s)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/users/", s.serveUsers)
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { writeError(w, http.StatusNotFound, "not found") })
	s.kit = fakekit.Start(mux, fakekit.Options{Authorize: s.authorize, WriteError: writeError, Routes: routes})
	s.URL = s.kit.URL()
	s.mu.Lock()
	s.project(s.GroupID)
	s.mu.Unlock()
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.kit.Close() }

// Client returns a *clogin.Client for the server with valid credentials
// and the default retry policy; opts are applied after those, so a
// caller's [clogin.WithHTTPClient] or [clogin.WithRetryPolicy] wins. It
// panics if opts are invalid.
func (s *Server) Client(opts ...clogin.Option) *clogin.Client {
	c, err := clogin.NewClient(append([]clogin.Option{clogin.WithBaseURL(s.URL), clogin.WithCredentials(s.Credentials)}, opts...)...)
	if err != nil {
		panic("clogintest: " + err.Error())
	}
	return c
}

// FailNext makes the next n requests answer status with
// {"success": false, "msg": ...}, before credentials are checked.
func (s *Server) FailNext(n, status int) { s.kit.FailNext(n, status) }

// Requests returns how many requests reached the server.
func (s *Server) Requests() int { return s.kit.Requests() }

// writeError answers in the fake's error format.
func writeError(w http.ResponseWriter, status int, msg string) {
	fakekit.WriteJSON(w, status, map[string]any{"success": false, "msg": msg})
}

// authorize checks the four headers: the credentials, and a Timestamp in
// Unix seconds within MaxClockSkew of the server's clock.
func (s *Server) authorize(r *http.Request) (int, string) {
	for _, h := range [...]string{"Api-User", "Api-Token", "Api-Id", "Timestamp"} {
		if r.Header.Get(h) == "" {
			return http.StatusUnauthorized, "missing " + h + " header"
		}
	}
	if r.Header.Get("Api-User") != s.Credentials.APIUser ||
		r.Header.Get("Api-Token") != s.Credentials.APIToken ||
		r.Header.Get("Api-Id") != strconv.FormatInt(s.Credentials.APIID, 10) {
		return http.StatusUnauthorized, "invalid API credentials"
	}
	ts, err := strconv.ParseInt(r.Header.Get("Timestamp"), 10, 64)
	if err != nil {
		return http.StatusUnauthorized, "Timestamp must be Unix seconds"
	}
	s.mu.Lock()
	now := s.now()
	s.mu.Unlock()
	if d := now.Sub(time.Unix(ts, 0)); d > MaxClockSkew || d < -MaxClockSkew {
		return http.StatusUnauthorized, "stale Timestamp"
	}
	return 0, ""
}
