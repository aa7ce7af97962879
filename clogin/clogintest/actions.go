package clogintest

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/internal/fakekit"
	"github.com/userapis/sdk/internal/jsonx"
)

// pageSize is get_user_list's page, counted in parents.
const pageSize = 50

// maxQuantity is the most of one product add_product takes: the fake's
// own limit, which keeps every cart total within int64 cents.
const maxQuantity = 1_000_000

// request is a decoded users request.
type request struct {
	Action      string                     `json:"action"`
	GroupID     jsonx.Int64                `json:"group_id"`
	CloginID    jsonx.Int64                `json:"clogin_id"`
	ConnectedTo jsonx.Int64                `json:"connected_to"`
	StatusID    *jsonx.Int64               `json:"status_id"`
	ProductList json.RawMessage            `json:"product_list"`
	RawDoc      json.RawMessage            `json:"doc"`
	doc         map[string]json.RawMessage // nil when the doc was absent
}

// failed is an action's failure: 200 with success:false.
type failed string

// serveUsers runs one action.
func (s *Server) serveUsers(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/users/" {
		writeError(w, http.StatusNotFound, "not found")
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, http.StatusMethodNotAllowed, "use POST")
		return
	}
	var req request
	if err := fakekit.ReadJSON(r, &req); err != nil {
		writeError(w, http.StatusBadRequest, "request body must be a JSON object")
		return
	}
	if d := bytes.TrimSpace(req.RawDoc); len(d) > 0 && !bytes.Equal(d, []byte("null")) {
		req.doc = map[string]json.RawMessage{}
		if !bytes.Equal(d, []byte("[]")) && json.Unmarshal(d, &req.doc) != nil {
			fakekit.WriteJSON(w, http.StatusOK, failure("doc must be a JSON object"))
			return
		}
	}
	s.mu.Lock()
	out, msg := s.run(&req)
	s.mu.Unlock()
	if msg != "" {
		fakekit.WriteJSON(w, http.StatusOK, failure(string(msg)))
		return
	}
	fakekit.WriteJSON(w, http.StatusOK, out)
}

func failure(msg string) map[string]any { return map[string]any{"success": false, "msg": msg} }

// run dispatches an action; the caller holds s.mu.
func (s *Server) run(req *request) (map[string]any, failed) {
	if req.GroupID <= 0 {
		return nil, "group_id is required"
	}
	if req.doc == nil && req.Action != "create" {
		return nil, "doc is required (send {} when empty)"
	}
	p := s.project(int64(req.GroupID))
	switch req.Action {
	case "create":
		return s.create(p, req)
	case "create_child":
		return s.createChild(p, req)
	case "get_user_list":
		return s.list(p, req)
	case "add_product":
		return s.addProduct(p, req)
	case "login", "update", "add_email", "get_info", "set_status":
	case "":
		return nil, "action is required"
	default:
		return nil, failed("unknown action " + strconv.Quote(req.Action))
	}
	u := p.users[int64(req.CloginID)]
	if u == nil {
		return nil, p.userNotFound()
	}
	if req.ConnectedTo != 0 && int64(req.ConnectedTo) != u.connectedTo {
		return nil, "connected_to does not match the user's family"
	}
	switch req.Action {
	case "login":
		s.nextToken++
		tok := "5e0c1a9e-0000-4000-8000-" + leftPad(strconv.FormatInt(s.nextToken, 16), 12)
		u.tokens = append(u.tokens, tok)
		return reply(p, u, "User logged in", map[string]any{"system_action": []string{"User logged in"}, "user_token": tok}), ""
	case "update":
		return update(p, u, req)
	case "add_email":
		return addEmail(p, u, req)
	case "get_info":
		return getInfo(p, u, req)
	default:
		return setStatus(p, u, req)
	}
}

// reply is a successful users response with the user's user_info and
// meta_info, plus extra keys.
func reply(p *project, u *user, msg string, extra map[string]any) map[string]any {
	out := map[string]any{
		"success":   true,
		"msg":       msg,
		"msg_type":  "success",
		"user_info": userInfo(p.id, u),
		"meta_info": metaInfo(p, u),
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

// userDoc decodes a create doc into stored fields.
func userDoc(req *request) (map[string]any, failed) {
	fields := map[string]any{}
	for k, raw := range req.doc {
		var v any
		if json.Unmarshal(raw, &v) != nil {
			return nil, failed("doc." + k + " is not valid JSON")
		}
		fields[k] = v
	}
	if pw, ok := fields["password"].(string); ok && len([]rune(pw)) < 6 {
		return nil, "password must be at least 6 characters"
	}
	if e, ok := fields["main_email"].(string); ok && !strings.Contains(e, "@") {
		return nil, "main_email is not a valid e-mail address"
	}
	return fields, ""
}

func (s *Server) create(p *project, req *request) (map[string]any, failed) {
	fields, msg := userDoc(req)
	if msg != "" {
		return nil, msg
	}
	id := int64(req.CloginID)
	if id != 0 {
		if !s.known[id] {
			return nil, p.unknownCloginID()
		}
		if p.users[id] != nil {
			return nil, "user already exists in this project"
		}
	}
	name := str(fields["username"])
	if name == "" {
		name = str(fields["main_email"])
	}
	if name != "" {
		for _, other := range p.users {
			if str(other.fields["username"]) == name || (str(other.fields["username"]) == "" && str(other.fields["main_email"]) == name) {
				return nil, "username already exists"
			}
		}
		fields["username"] = name
	}
	u := s.newUser(p, id, 0, fields)
	return reply(p, u, "User created", map[string]any{"system_action": []string{"User registered"}}), ""
}

func (s *Server) createChild(p *project, req *request) (map[string]any, failed) {
	parent := p.users[int64(req.ConnectedTo)]
	if req.ConnectedTo <= 0 || parent == nil || !parent.isParent() {
		return nil, "connected_to must be the clogin_id of a parent in this project"
	}
	fields, msg := userDoc(req)
	if msg != "" {
		return nil, msg
	}
	id := int64(req.CloginID)
	switch {
	case id != 0 && !s.known[id]:
		return nil, p.unknownCloginID()
	case id != 0 && p.users[id] != nil:
		return nil, "user already exists in this project"
	}
	u := s.newUser(p, id, parent.id, fields)
	return reply(p, u, "Child created", map[string]any{"system_action": []string{"User registered"}}), ""
}

func update(p *project, u *user, req *request) (map[string]any, failed) {
	if len(req.doc) == 0 {
		return nil, "doc must name at least one field"
	}
	values := map[string]any{}
	for k, raw := range req.doc {
		if strings.HasPrefix(k, "_") {
			return nil, failed("system field " + k + " cannot be updated")
		}
		var s string
		var list []string
		switch {
		case json.Unmarshal(raw, &s) == nil:
			values[k] = s
		case json.Unmarshal(raw, &list) == nil && list != nil:
			values[k] = list
		default:
			return nil, failed("field " + k + " must be a string or a list of strings")
		}
	}
	for k, v := range values {
		u.fields[k] = v
	}
	return reply(p, u, "User updated", nil), ""
}

// oneOrMany decodes a list of T or a single T (the vendor's examples send
// both).
func oneOrMany[T any](raw json.RawMessage) ([]T, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, false
	}
	if raw[0] == '[' {
		var list []T
		return list, json.Unmarshal(raw, &list) == nil
	}
	var one T
	if json.Unmarshal(raw, &one) != nil {
		return nil, false
	}
	return []T{one}, true
}

func (s *Server) addProduct(p *project, req *request) (map[string]any, failed) {
	type entry struct {
		PID                jsonx.Int64 `json:"p_id"`
		Name               string      `json:"name"`
		Q                  jsonx.Int64 `json:"q"`
		ProductRemark      string      `json:"product_remark"`
		RecurringStartDate string      `json:"recurring_start_date"`
	}
	entries, ok := oneOrMany[entry](req.ProductList)
	if !ok || len(entries) == 0 {
		return nil, "product_list is required"
	}
	lines := make([]CartLine, 0, len(entries))
	for _, e := range entries {
		if e.Q < 1 {
			return nil, "q must be at least 1"
		}
		if e.Q > maxQuantity {
			return nil, "q must be at most 1000000"
		}
		l := CartLine{PID: int64(e.PID), Name: e.Name, Q: int(e.Q), ProductRemark: e.ProductRemark, RecurringStartDate: e.RecurringStartDate}
		switch {
		case e.PID > 0:
			prod, ok := p.products[int64(e.PID)]
			if !ok {
				return nil, failed("product " + ids(int64(e.PID)) + " not found")
			}
			l.Name, l.Cents = prod.name, prod.cents
		case e.Name != "":
			// A private product, created on the spot at no cost.
		default:
			return nil, "p_id or name is required"
		}
		lines = append(lines, l)
	}
	u := p.users[int64(req.CloginID)]
	switch {
	case req.CloginID == 0:
		u = s.newUser(p, 0, 0, nil)
	case u == nil:
		return nil, p.userNotFound()
	}
	if _, ok := cartTotal(append(slices.Clone(u.cart), lines...)); !ok {
		return nil, "the cart total is too large"
	}
	u.cart = append(u.cart, lines...)
	return reply(p, u, "Products added", nil), ""
}

func addEmail(p *project, u *user, req *request) (map[string]any, failed) {
	emails, ok := oneOrMany[clogin.Email](req.doc["email_list"])
	if !ok || len(emails) == 0 {
		return nil, "doc.email_list is required"
	}
	for _, e := range emails {
		if e.From == "" || e.To == "" || e.Subject == "" || e.Body == "" {
			return nil, "each e-mail needs from, to, subject and body"
		}
	}
	u.emails = append(u.emails, emails...)
	return reply(p, u, "Emails added", nil), ""
}

// flag reads a doc flag: true, "true", 1, ...
func flag(doc map[string]json.RawMessage, key string) bool {
	var b jsonx.Bool
	return doc[key] != nil && json.Unmarshal(doc[key], &b) == nil && bool(b)
}

// selected returns the doc fields asked for with _allfields or fields.
func selected(u *user, doc map[string]json.RawMessage) (map[string]any, bool) {
	if flag(doc, "_allfields") {
		out := make(map[string]any, len(u.fields))
		for k, v := range u.fields {
			if k != "password" {
				out[k] = v
			}
		}
		return out, true
	}
	var names jsonx.StringList
	if doc["fields"] == nil || json.Unmarshal(doc["fields"], &names) != nil || len(names) == 0 {
		return nil, false
	}
	out := map[string]any{}
	for _, n := range names {
		if v, ok := u.fields[n]; ok && n != "password" {
			out[n] = v
		}
	}
	return out, true
}

func getInfo(p *project, u *user, req *request) (map[string]any, failed) {
	extra := map[string]any{}
	if d, ok := selected(u, req.doc); ok {
		extra["doc"] = p.object(d)
	}
	if flag(req.doc, "_family") {
		parent := p.users[u.connectedTo]
		extra["parent"] = metaInfo(p, parent)
		children := []any{}
		for _, id := range p.order {
			if c := p.users[id]; !c.isParent() && c.connectedTo == parent.id {
				children = append(children, metaInfo(p, c))
			}
		}
		extra["children"] = children
	}
	if flag(req.doc, "_userproducts") {
		list := []any{}
		for id := int64(101); id < p.nextProduct; id++ {
			prod := p.products[id]
			item := map[string]any{"p_id": ids(id), "name": prod.name, "price": p.money(prod.cents)}
			for _, l := range u.cart {
				if l.PID == id {
					item["cart_id"] = ids(id)
				}
			}
			list = append(list, item)
		}
		extra["userproducts"] = list
	}
	if flag(req.doc, "_usercart") {
		cart := []any{}
		for _, l := range u.cart {
			cart = append(cart, map[string]any{"p_id": ids(l.PID), "name": l.Name, "q": strconv.Itoa(l.Q), "price": p.money(l.Cents)})
		}
		extra["usercart"] = cart
	}
	if flag(req.doc, "_userforms") {
		extra["userforms"] = []any{}
	}
	if flag(req.doc, "_userpayments") {
		extra["userpayments"] = []any{}
	}
	return reply(p, u, "User info", extra), ""
}

func setStatus(p *project, u *user, req *request) (map[string]any, failed) {
	if req.StatusID == nil {
		return nil, "status_id is required"
	}
	id := int64(*req.StatusID)
	if _, ok := p.statuses[id]; id != 0 && !ok {
		return nil, "status not found"
	}
	u.statusID = id
	return reply(p, u, "User status updated successfully.", map[string]any{"users": []int64{u.id}, "effected_users": 1}), ""
}

// list answers get_user_list: 50 parents (WithRecordsPerPage) from
// starting_position, an offset or a page number (WithPaging), their
// children alongside (or nested with return_families).
func (s *Server) list(p *project, req *request) (map[string]any, failed) {
	var start jsonx.Int64
	if raw := req.doc["starting_position"]; raw != nil && json.Unmarshal(raw, &start) != nil {
		return nil, "starting_position must be a number"
	}
	if start < 0 {
		return nil, "starting_position must not be negative"
	}
	withExcl, onlyExcl := flag(req.doc, "with_excluded"), flag(req.doc, "only_excluded")
	onlyParents, onlyChildren := flag(req.doc, "only_parents"), flag(req.doc, "only_children")
	families := flag(req.doc, "return_families")
	keep := func(u *user) bool {
		excl := p.statuses[u.statusID].excluding && u.statusID != 0
		switch {
		case onlyExcl:
			return excl
		case withExcl:
			return true
		}
		return !excl
	}
	var parents []*user
	children := map[int64][]*user{}
	var allChildren []*user
	total := 0
	for _, id := range p.order {
		u := p.users[id]
		if !keep(u) {
			continue
		}
		if u.isParent() {
			if !onlyChildren {
				parents = append(parents, u)
				total++
			}
			continue
		}
		if onlyParents {
			continue
		}
		children[u.connectedTo] = append(children[u.connectedTo], u)
		allChildren = append(allChildren, u)
		total++
	}
	n := 0
	item := func(u *user) map[string]any {
		var it map[string]any
		if n++; p.quirks && n%2 == 0 {
			// Regpack does not document an item's shape: every other one
			// is flat, with numeric ids, and a parent without connected_to.
			it = metaInfo(p, u)
			it["clogin_id"], it["group_id"] = u.id, p.id
			if !u.isParent() {
				it["connected_to"] = u.connectedTo
			}
		} else {
			it = map[string]any{"user_info": userInfo(p.id, u), "meta_info": metaInfo(p, u)}
		}
		if d, ok := selected(u, req.doc); ok {
			it["doc"] = p.object(d)
		}
		return it
	}
	offset := int(start)
	if s.paging == PagingPageIndex {
		offset = -1 // past the end, unless the page is in the list
		if int(start) <= max(len(parents), len(allChildren))/s.pageSize {
			offset = int(start) * s.pageSize
		}
	}
	users, kids := []any{}, []any{}
	if onlyChildren {
		// Children only: they are what the page counts.
		for _, c := range s.window(allChildren, offset) {
			kids = append(kids, item(c))
		}
	} else {
		for _, par := range s.window(parents, offset) {
			it := item(par)
			var nested []any
			for _, c := range children[par.id] {
				if families {
					nested = append(nested, item(c))
				} else {
					kids = append(kids, item(c))
				}
			}
			if families {
				it["children"] = append([]any{}, nested...)
			}
			users = append(users, it)
		}
	}
	if s.totalUsers != nil {
		total = s.totalUsers(total)
	}
	totals := map[string]any{}
	if len(parents)+len(allChildren) > 0 {
		totals = map[string]any{"parents": ids(int64(len(parents))), "children": ids(int64(len(allChildren)))}
	}
	out := map[string]any{
		"success":          true,
		"msg":              "User list",
		"total_users":      total,
		"records_per_page": s.pageSize,
		"totals":           p.object(totals),
		"users":            users,
		"children":         kids,
	}
	if p.quirks {
		out["total_users"], out["records_per_page"] = strconv.Itoa(total), strconv.Itoa(s.pageSize)
	}
	return out, ""
}

// window returns the page of list at offset start; a negative start is
// past the end.
func (s *Server) window(list []*user, start int) []*user {
	if start < 0 {
		return nil
	}
	from, to := fakekit.Span(len(list), start, s.pageSize)
	return list[from:to]
}

func leftPad(s string, n int) string {
	for len(s) < n {
		s = "0" + s
	}
	return s
}

// cartTotal returns the cart's total in cents, and false when it does not
// fit in an int64.
func cartTotal(cart []CartLine) (int64, bool) {
	var total int64
	for _, l := range cart {
		if l.Cents < 0 || (l.Cents > 0 && int64(l.Q) > (math.MaxInt64-total)/l.Cents) {
			return 0, false
		}
		total += l.Cents * int64(l.Q)
	}
	return total, true
}
