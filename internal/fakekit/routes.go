package fakekit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
)

// Route names the SDK operations one kind of request is. A fake lists
// its routes in a table; the kit finds a request's operations with it,
// to fire the faults injected for them.
type Route struct {
	// Method and Pattern are matched as by [http.ServeMux]: "GET" and
	// "/users/{user_id}" (end a pattern in "{$}" to match that path
	// only, not the tree below it).
	Method, Pattern string
	// Action, when set, must equal the JSON request body's "action"
	// field, for APIs that send every operation to one path.
	Action string
	// Ops are the SDK method names that send this request, e.g.
	// "Users.Get" and "Users.Search" when both do.
	Ops []string
}

// Routes recognizes a request's operations from a fake's route table.
type Routes struct {
	mux   *http.ServeMux
	byKey map[string][]Route // "METHOD pattern" -> its routes, one per action
	known map[string]bool    // every op name in the table
}

// NewRoutes builds the matcher for table. It panics on a malformed
// pattern or a route without operations: the table is the fake's code.
func NewRoutes(table []Route) *Routes {
	rt := &Routes{mux: http.NewServeMux(), byKey: map[string][]Route{}, known: map[string]bool{}}
	for _, r := range table {
		if len(r.Ops) == 0 {
			panic(fmt.Sprintf("fakekit: route %s %s has no operations", r.Method, r.Pattern))
		}
		key := r.Method + " " + r.Pattern
		if _, seen := rt.byKey[key]; !seen {
			rt.mux.HandleFunc(key, func(http.ResponseWriter, *http.Request) {})
		}
		rt.byKey[key] = append(rt.byKey[key], r)
		for _, op := range r.Ops {
			rt.known[op] = true
		}
	}
	return rt
}

// Known reports whether op is an operation of the table.
func (rt *Routes) Known(op string) bool { return rt.known[op] }

// Names returns the table's operation names, sorted.
func (rt *Routes) Names() []string {
	out := make([]string, 0, len(rt.known))
	for op := range rt.known {
		out = append(out, op)
	}
	sort.Strings(out)
	return out
}

// Match returns the operations r is, or nil when no route matches: the
// union of the Ops of every route that matches, so a route without an
// Action (a generic call such as "Users.Do") matches every action. When
// the table routes by action, Match reads the body's first
// MaxRequestBody bytes and puts them back, so the fake's handler reads
// the same body.
func (rt *Routes) Match(r *http.Request) []string {
	_, pattern := rt.mux.Handler(r)
	routes := rt.byKey[pattern]
	var action string
	if slices.ContainsFunc(routes, func(x Route) bool { return x.Action != "" }) {
		action = peekAction(r)
	}
	var ops []string
	for _, x := range routes {
		if x.Action == "" || x.Action == action {
			ops = append(ops, x.Ops...)
		}
	}
	return ops
}

// peekAction returns the body's "action" string ("" when there is none)
// and leaves r.Body as it was.
func peekAction(r *http.Request) string {
	if r.Body == nil {
		return ""
	}
	head, _ := io.ReadAll(io.LimitReader(r.Body, MaxRequestBody+1))
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(head), r.Body), r.Body}
	var v struct {
		Action string `json:"action"`
	}
	_ = json.Unmarshal(head, &v)
	return v.Action
}
