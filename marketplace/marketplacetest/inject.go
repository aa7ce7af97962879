package marketplacetest

import "github.com/userapis/sdk/internal/fakekit"

// Fault is one failure injected for one operation with [Server.Inject]:
//
//	type Fault struct {
//		Op         string        // the SDK method, e.g. "Users.Create"
//		Status     int           // answered with a FastAPI {"detail": ...} body; 0 (and no Reset) answers normally after Delay
//		RetryAfter time.Duration // sent as Retry-After in whole seconds, rounded up
//		Delay      time.Duration // latency before the answer, faulted or normal
//		Reset      bool          // the connection is cut once the request was read
//		Times      int           // how many requests of Op it applies to; 0 means 1
//	}
type Fault = fakekit.Fault

// routes names the operations of each request the API serves; All sends
// the same request as List, so either name matches it.
var routes = fakekit.NewRoutes([]fakekit.Route{
	{Method: "GET", Pattern: "/users", Ops: []string{"Users.List", "Users.All"}},
	{Method: "POST", Pattern: "/users", Ops: []string{"Users.Create"}},
	{Method: "GET", Pattern: "/users/{user_id}", Ops: []string{"Users.Get"}},
	{Method: "POST", Pattern: "/users/{user_id}", Ops: []string{"Users.Update"}},
	{Method: "POST", Pattern: "/users/broadband", Ops: []string{"Broadband.Create"}},
	{Method: "GET", Pattern: "/users/broadband/{cp_user_id}", Ops: []string{"Broadband.Get"}},
	{Method: "POST", Pattern: "/users/broadband/{cp_user_id}", Ops: []string{"Broadband.Update"}},
})

// Inject makes the next f.Times requests of the operation f.Op fail as f
// says, before the API key is checked; a faulted request reaches no
// handler (nothing is stored) but counts in [Server.Requests]. Op is the
// name of a [marketplace.Client] method: Users.List (or Users.All),
// Users.Get, Users.Create, Users.Update, Broadband.Create, Broadband.Get,
// Broadband.Update; any other Op panics. Faults on different operations
// add up; faults on one operation apply in the order injected.
func (s *Server) Inject(f Fault) { s.kit.Inject(f) }
