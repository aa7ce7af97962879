package clogintest

import "github.com/userapis/sdk/internal/fakekit"

// Fault is one failure injected for one operation with [Server.Inject]:
//
//	type Fault struct {
//		Op         string        // the SDK method, e.g. "Users.Create"
//		Status     int           // answered with a {"success": false, "msg": ...} body; 0 (and no Reset) answers normally after Delay
//		RetryAfter time.Duration // sent as Retry-After in whole seconds, rounded up
//		Delay      time.Duration // latency before the answer, faulted or normal
//		Reset      bool          // the connection is cut once the request was read
//		Times      int           // how many requests of Op it applies to; 0 means 1
//	}
//
// A Status of 200 answers the vendor's own failure, 200 with
// success:false.
type Fault = fakekit.Fault

// routes names the operations by the body's action: every call is POST
// /users/. All sends the request List sends, and Users.Do may send any
// action, so those names match too.
var routes = fakekit.NewRoutes([]fakekit.Route{
	{Method: "POST", Pattern: "/users/{$}", Action: "create", Ops: []string{"Users.Create"}},
	{Method: "POST", Pattern: "/users/{$}", Action: "create_child", Ops: []string{"Users.CreateChild"}},
	{Method: "POST", Pattern: "/users/{$}", Action: "login", Ops: []string{"Users.Login"}},
	{Method: "POST", Pattern: "/users/{$}", Action: "update", Ops: []string{"Users.Update"}},
	{Method: "POST", Pattern: "/users/{$}", Action: "add_product", Ops: []string{"Users.AddProduct"}},
	{Method: "POST", Pattern: "/users/{$}", Action: "add_email", Ops: []string{"Users.AddEmail"}},
	{Method: "POST", Pattern: "/users/{$}", Action: "get_info", Ops: []string{"Users.GetInfo"}},
	{Method: "POST", Pattern: "/users/{$}", Action: "set_status", Ops: []string{"Users.SetStatus"}},
	{Method: "POST", Pattern: "/users/{$}", Action: "get_user_list", Ops: []string{"Users.List", "Users.All"}},
	{Method: "POST", Pattern: "/users/{$}", Ops: []string{"Users.Do"}},
})

// Inject makes the next f.Times requests of the operation f.Op fail as f
// says, before credentials are checked; a faulted request reaches no
// handler (nothing is stored) but counts in [Server.Requests]. Op is the
// name of a [clogin.Client] method, recognized by the body's action:
// Users.Create, Users.CreateChild, Users.Login, Users.Update,
// Users.AddProduct, Users.AddEmail, Users.GetInfo, Users.SetStatus,
// Users.List (or Users.All), or Users.Do, which matches every action;
// any other Op panics. Faults on different operations add up; faults on
// one operation apply in the order injected.
func (s *Server) Inject(f Fault) { s.kit.Inject(f) }
