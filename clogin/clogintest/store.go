package clogintest

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/internal/jsonx"
)

// project is one group id's users, statuses and product catalogue.
type project struct {
	id          int64
	users       map[int64]*user
	order       []int64 // creation order: get_user_list's order
	statuses    map[int64]status
	nextStatus  int64
	products    map[int64]product
	nextProduct int64
	quirks      bool // answer in the vendor's looser forms (WithQuirks)
}

type status struct {
	name      string
	excluding bool
}

type product struct {
	name  string
	cents int64
}

// user is one user's record in one project.
type user struct {
	id, connectedTo int64
	fields          map[string]any
	cart            []CartLine
	emails          []clogin.Email
	statusID        int64
	tokens          []string
}

func (u *user) isParent() bool { return u.connectedTo == u.id }

// CartLine is a product in a user's cart.
type CartLine struct {
	PID                int64
	Name               string
	Q                  int
	ProductRemark      string
	RecurringStartDate string
	Cents              int64 // the unit price
}

// User is a snapshot of one user's record in one project, for tests.
type User struct {
	CloginID    int64
	GroupID     int64
	ConnectedTo int64 // the user's own id for a parent or individual
	Fields      map[string]any
	Cart        []CartLine
	Emails      []clogin.Email
	StatusID    int64
	Tokens      []string // login tokens issued, oldest first
}

// project returns the project for id, creating it on first use. The
// caller holds s.mu.
func (s *Server) project(id int64) *project {
	p := s.projects[id]
	if p == nil {
		p = &project{
			id:    id,
			users: map[int64]*user{},
			statuses: map[int64]status{
				StatusAccepted:  {"Accepted", false},
				StatusCancelled: {"Cancelled", true},
			},
			nextStatus:  3,
			products:    map[int64]product{},
			nextProduct: 101,
			quirks:      s.quirks,
		}
		s.projects[id] = p
	}
	return p
}

// newUser adds a user to p with a new clogin id (or id, when it is
// already in the organization); parent 0 makes a parent. The caller holds
// s.mu.
func (s *Server) newUser(p *project, id, parent int64, fields map[string]any) *user {
	if id == 0 {
		id = s.nextID
		s.nextID++
	}
	s.known[id] = true
	if parent == 0 {
		parent = id
	}
	u := &user{id: id, connectedTo: parent, fields: fields}
	if u.fields == nil {
		u.fields = map[string]any{}
	}
	p.users[id] = u
	p.order = append(p.order, id)
	return u
}

// AddUser adds a parent or individual user to the project with the given
// fields and returns its clogin id.
func (s *Server) AddUser(groupID int64, fields map[string]string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newUser(s.project(groupID), 0, 0, stringFields(fields)).id
}

// AddChild adds a child of parentID to the project and returns its clogin
// id. It panics if parentID is not a parent in the project.
func (s *Server) AddChild(groupID, parentID int64, fields map[string]string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.project(groupID)
	if par := p.users[parentID]; par == nil || !par.isParent() {
		panic(fmt.Sprintf("clogintest: AddChild: %d is not a parent in project %d", parentID, groupID))
	}
	return s.newUser(p, 0, parentID, stringFields(fields)).id
}

// SeedFamilies adds one family per argument to the project: a parent with
// that many children, named "Parent N" and "Child N.M". It returns the
// parents' clogin ids in order; each parent's children follow it in id
// order.
func (s *Server) SeedFamilies(groupID int64, children ...int) []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.project(groupID)
	parents := make([]int64, 0, len(children))
	for i, n := range children {
		par := s.newUser(p, 0, 0, map[string]any{"first_name": "Parent", "last_name": strconv.Itoa(i + 1)})
		parents = append(parents, par.id)
		for j := range n {
			s.newUser(p, 0, par.id, map[string]any{"first_name": "Child", "last_name": strconv.Itoa(i+1) + "." + strconv.Itoa(j+1)})
		}
	}
	return parents
}

// NewProduct adds a product to the project's catalogue at price (e.g.
// "250.00") and returns its p_id. It panics on a malformed price.
func (s *Server) NewProduct(groupID int64, name, price string) int64 {
	a, err := clogin.ParseAmount(price)
	if err != nil {
		panic("clogintest: NewProduct: " + err.Error())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.project(groupID)
	id := p.nextProduct
	p.nextProduct++
	p.products[id] = product{name: name, cents: a.Cents()}
	return id
}

// AddStatus adds a status to the project and returns its id. An
// excluding status hides its users from get_user_list unless with_excluded.
func (s *Server) AddStatus(groupID int64, name string, excluding bool) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.project(groupID)
	id := p.nextStatus
	p.nextStatus++
	p.statuses[id] = status{name, excluding}
	return id
}

// User returns a snapshot of a user's record in the project.
func (s *Server) User(groupID, cloginID int64) (User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.projects[groupID]
	if p == nil || p.users[cloginID] == nil {
		return User{}, false
	}
	return p.users[cloginID].snapshot(groupID), true
}

// snapshot copies u for a test to read. Callers hold s.mu.
func (u *user) snapshot(groupID int64) User {
	return User{
		CloginID:    u.id,
		GroupID:     groupID,
		ConnectedTo: u.connectedTo,
		Fields:      maps.Clone(u.fields),
		Cart:        slices.Clone(u.cart),
		Emails:      slices.Clone(u.emails),
		StatusID:    u.statusID,
		Tokens:      slices.Clone(u.tokens),
	}
}

// Users returns snapshots of the project's users in creation order (a
// family's children after their parent when seeded by SeedFamilies); none
// for a group id never used.
func (s *Server) Users(groupID int64) []User {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.projects[groupID]
	if p == nil {
		return nil
	}
	out := make([]User, 0, len(p.order))
	for _, id := range p.order {
		out = append(out, p.users[id].snapshot(groupID))
	}
	return out
}

func stringFields(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// ids formats an id as the vendor does in user_info and meta_info.
func ids(n int64) string { return strconv.FormatInt(n, 10) }

// money formats cents as "12.50", or with quirks as PHP's number_format
// does, "1,250.00".
func (p *project) money(c int64) string {
	out := jsonx.Cents(c).String()
	if !p.quirks {
		return out
	}
	whole, frac, _ := strings.Cut(out, ".")
	sign := ""
	if strings.HasPrefix(whole, "-") {
		sign, whole = "-", whole[1:]
	}
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	return sign + whole + "." + frac
}

// object is v, or PHP's [] for an empty object when quirks are on.
func (p *project) object(v map[string]any) any {
	if p.quirks && len(v) == 0 {
		return []any{}
	}
	return v
}

// Messages of "not found" answers, in the fake's wording and, with quirks,
// the other wording the SDK recognises.
func (p *project) userNotFound() failed {
	if p.quirks {
		return "User does not exist"
	}
	return "user not found in this project"
}

func (p *project) unknownCloginID() failed {
	if p.quirks {
		return "Clogin ID not found"
	}
	return "clogin_id is not a user of this organization"
}

// userInfo is the vendor's user_info: ids as strings.
func userInfo(g int64, u *user) map[string]any {
	return map[string]any{"clogin_id": ids(u.id), "group_id": ids(g), "connected_to": ids(u.connectedTo)}
}

// metaInfo is the vendor's meta_info: counts as strings, money "0.00",
// status_name null without a status.
func metaInfo(p *project, u *user) map[string]any {
	order, _ := cartTotal(u.cart) // add_product keeps it in range
	name := strings.TrimSpace(fmt.Sprint(str(u.fields["first_name"]), " ", str(u.fields["last_name"])))
	if name == "" {
		name = str(u.fields["username"])
	}
	completed := "0"
	if len(u.fields) > 0 {
		completed = "1"
	}
	var statusName any
	if st, ok := p.statuses[u.statusID]; ok && u.statusID != 0 {
		statusName = st.name
	}
	return map[string]any{
		"u_name":                               name,
		"total_forms":                          "2",
		"completed_forms":                      completed,
		"total_user_forms":                     "2",
		"total_completed_user_forms":           completed,
		"total_user_mandatory_forms":           "2",
		"total_completed_user_mandatory_forms": completed,
		"total_order":                          p.money(order),
		"total_paid":                           "0.00",
		"total_balance":                        p.money(order),
		"status_id":                            ids(u.statusID),
		"status_name":                          statusName,
	}
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
