package classifiedstest

import "github.com/userapis/sdk/internal/fakekit"

// Fault is one failure injected for one operation with [Server.Inject]:
//
//	type Fault struct {
//		Op         string        // the SDK method, e.g. "Users.Create"
//		Status     int           // answered with a {"result": false, "errors": [...]} body; 0 (and no Reset) answers normally after Delay
//		RetryAfter time.Duration // sent as Retry-After in whole seconds, rounded up
//		Delay      time.Duration // latency before the answer, faulted or normal
//		Reset      bool          // the connection is cut once the request was read
//		Times      int           // how many requests of Op it applies to; 0 means 1
//	}
type Fault = fakekit.Fault

// routes names the operations of each request the API serves, with and
// without the trailing slash the fake accepts either way. All sends the
// request List sends, so either name matches it.
var routes = fakekit.NewRoutes([]fakekit.Route{
	{Method: "GET", Pattern: Prefix + "/users/{$}", Ops: []string{"Users.List", "Users.All"}},
	{Method: "GET", Pattern: Prefix + "/users", Ops: []string{"Users.List", "Users.All"}},
	{Method: "POST", Pattern: Prefix + "/users/{$}", Ops: []string{"Users.Create"}},
	{Method: "POST", Pattern: Prefix + "/users", Ops: []string{"Users.Create"}},
	{Method: "PUT", Pattern: Prefix + "/users/{$}", Ops: []string{"Users.Update"}},
	{Method: "PUT", Pattern: Prefix + "/users", Ops: []string{"Users.Update"}},
	{Method: "DELETE", Pattern: Prefix + "/users/{$}", Ops: []string{"Users.Delete"}},
	{Method: "DELETE", Pattern: Prefix + "/users", Ops: []string{"Users.Delete"}},
	{Method: "GET", Pattern: Prefix + "/users/{id}/{$}", Ops: []string{"Users.Get"}},
	{Method: "GET", Pattern: Prefix + "/users/{id}", Ops: []string{"Users.Get"}},
	{Method: "DELETE", Pattern: Prefix + "/users/{id}/{$}", Ops: []string{"Users.Delete"}},
	{Method: "DELETE", Pattern: Prefix + "/users/{id}", Ops: []string{"Users.Delete"}},
	{Method: "POST", Pattern: Prefix + "/user/activate/{$}", Ops: []string{"Users.Activate"}},
	{Method: "POST", Pattern: Prefix + "/user/activate", Ops: []string{"Users.Activate"}},
	{Method: "POST", Pattern: Prefix + "/user/activate/generate/{$}", Ops: []string{"Users.GenerateActivation"}},
	{Method: "POST", Pattern: Prefix + "/user/activate/generate", Ops: []string{"Users.GenerateActivation"}},
})

// Inject makes the next f.Times requests of the operation f.Op fail as f
// says, before the key is checked; a faulted request reaches no handler
// (nothing is stored) but counts in [Server.Requests]. Op is the name of
// a [classifieds.Client] method: Users.List (or Users.All), Users.Get,
// Users.Create, Users.Update, Users.Delete (either form),
// Users.Activate, Users.GenerateActivation; any other Op panics. Faults
// on different operations add up; faults on one operation apply in the
// order injected.
func (s *Server) Inject(f Fault) { s.kit.Inject(f) }
