package tenantstest

import (
	"maps"
	"slices"

	"github.com/userapis/sdk/internal/fakekit"
	"github.com/userapis/sdk/tenants"
)

// Fault is one failure injected for one operation with [Server.Inject]:
//
//	type Fault struct {
//		Op         string        // the SDK method, e.g. "Users.Create"
//		Status     int           // answered with a {"Message": ...} body; 0 (and no Reset) answers normally after Delay
//		RetryAfter time.Duration // sent as Retry-After in whole seconds, rounded up
//		Delay      time.Duration // latency before the answer, faulted or normal
//		Reset      bool          // the connection is cut once the request was read
//		Times      int           // how many requests of Op it applies to; 0 means 1
//	}
type Fault = fakekit.Fault

// routes names the operations of each request the API serves, in any
// tenant. Users.Get sends the search request Users.Search sends, so
// either name matches it.
var routes = fakekit.NewRoutes([]fakekit.Route{
	{Method: "GET", Pattern: "/api/1.0/tenants/{tenant}/users/search", Ops: []string{"Users.Search", "Users.Get"}},
	{Method: "POST", Pattern: "/api/1.0/tenants/{tenant}/users", Ops: []string{"Users.Create"}},
	{Method: "PUT", Pattern: "/api/1.0/tenants/{tenant}/users/{id}", Ops: []string{"Users.Update"}},
	{Method: "DELETE", Pattern: "/api/1.0/tenants/{tenant}/users/{id}", Ops: []string{"Users.Deactivate"}},
})

// Inject makes the next f.Times requests of the operation f.Op, in any
// tenant, fail as f says, before the token is checked; a faulted request
// reaches no handler (nothing is stored) but counts in
// [Server.Requests]. Op is the name of a [tenants.Client] method:
// Users.Search (or Users.Get: both send the same search), Users.Create,
// Users.Update, Users.Deactivate; any other Op panics. Faults on
// different operations add up; faults on one operation apply in the
// order injected.
func (s *Server) Inject(f Fault) { s.kit.Inject(f) }

// User returns a copy of the tenant's user with the given id, and whether
// there is one.
func (s *Server) User(tenantName string, id int) (tenants.User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tenants[tenantName]
	if !ok || t.users[id] == nil {
		return tenants.User{}, false
	}
	return *t.users[id], true
}

// Users returns copies of the tenant's users in id order (the order they
// were added in, unless AddUser chose ids); none for an unknown tenant.
func (s *Server) Users(tenantName string) []tenants.User {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tenants[tenantName]
	if !ok {
		return nil
	}
	out := make([]tenants.User, 0, len(t.users))
	for _, id := range slices.Sorted(maps.Keys(t.users)) {
		out = append(out, *t.users[id])
	}
	return out
}
