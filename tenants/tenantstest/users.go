package tenantstest

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/userapis/sdk/tenants"
)

// lookup returns the tenant in the request's path; authorize has already
// checked that the token belongs to it. Call with s.mu held.
func (s *Server) lookup(r *http.Request) *tenant { return s.tenants[r.PathValue("tenant")] }

// search answers the user matching every criterion given.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var id int
	if v := q.Get("userId"); v != "" {
		n, err := strconv.ParseInt(v, 10, 32)
		if err != nil || n <= 0 {
			writeInvalid(w, map[string][]string{"userId": {"The value '" + v + "' is not valid."}})
			return
		}
		id = int(n)
	}
	refNum, email := q.Get("refNum"), q.Get("email")
	if id == 0 && refNum == "" && email == "" {
		writeInvalid(w, map[string][]string{"": {"One of userId, refNum or email is required."}})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.lookup(r)
	for _, uid := range slices.Sorted(maps.Keys(t.users)) {
		u := t.users[uid]
		if (id == 0 || u.ID == id) && (refNum == "" || u.ReferenceNumber == refNum) &&
			(email == "" || strings.EqualFold(u.Email, email)) {
			s.writeUser(w, u)
			return
		}
	}
	writeError(w, http.StatusNotFound, "User not found.")
}

// create stores a new user under the tenant's next id.
func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.lookup(r)
	u := &tenants.User{Status: StatusActive}
	if !merge(w, u, body) || !t.valid(w, u) {
		return
	}
	u.ID = t.nextID
	t.nextID++
	t.users[u.ID] = u
	s.writeUser(w, u)
}

// update replaces the user with the body: a field the body leaves out is
// cleared, the reading of Aptem's PUT that loses most when a client sends
// only what changed (Aptem does not say which it does).
func (s *Server) update(w http.ResponseWriter, r *http.Request) {
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.user(w, r)
	if !ok {
		return
	}
	next := tenants.User{ID: u.ID}
	if !merge(w, &next, body) || !s.lookup(r).valid(w, &next) {
		return
	}
	*u = next
	s.writeUser(w, u)
}

// deactivate changes the user's status; the user stays searchable.
// Deactivating twice is not an error, so a retried DELETE succeeds.
func (s *Server) deactivate(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.user(w, r)
	if !ok {
		return
	}
	u.Status = StatusDeactivated
	w.WriteHeader(http.StatusOK)
}

// user finds the user named by the {id} path value, or answers 404.
// Call with s.mu held.
func (s *Server) user(w http.ResponseWriter, r *http.Request) (*tenants.User, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 32)
	if u, ok := s.lookup(r).users[int(id)]; err == nil && ok {
		return u, true
	}
	writeError(w, http.StatusNotFound, "User not found.")
	return nil, false
}

func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	b, err := io.ReadAll(r.Body)
	if err != nil || !json.Valid(b) || len(b) == 0 || b[0] != '{' {
		writeInvalid(w, map[string][]string{"": {"The request body must be a JSON object."}})
		return nil, false
	}
	return b, true
}

// merge overlays the documented fields present in body on u (id is never
// taken from a body), answering 400 when a value has the wrong type.
func merge(w http.ResponseWriter, u *tenants.User, body []byte) bool {
	cur, _ := json.Marshal(u)
	var fields, patch map[string]json.RawMessage
	_ = json.Unmarshal(cur, &fields)
	_ = json.Unmarshal(body, &patch)
	for k, v := range patch {
		if _, known := fields[k]; known && k != "id" {
			fields[k] = v
		}
	}
	merged, _ := json.Marshal(fields)
	var next tenants.User
	if err := json.Unmarshal(merged, &next); err != nil {
		writeInvalid(w, map[string][]string{"": {"The request body is invalid: " + err.Error()}})
		return false
	}
	*u = next
	return true
}

// valid answers 400 unless u's e-mail address, when it has one, looks
// like one and no other user of the tenant has it. Aptem marks no field
// required, so neither does the fake. Call with s.mu held.
func (t *tenant) valid(w http.ResponseWriter, u *tenants.User) bool {
	bad := map[string][]string{}
	at := strings.LastIndexByte(u.Email, '@')
	if u.Email != "" && (at <= 0 || at == len(u.Email)-1) {
		bad["email"] = append(bad["email"], "The Email field is not a valid e-mail address.")
	}
	for _, other := range t.users {
		if u.Email != "" && other.ID != u.ID && strings.EqualFold(other.Email, u.Email) {
			bad["email"] = append(bad["email"], "The e-mail address is already in use.")
			break
		}
	}
	if len(bad) > 0 {
		writeInvalid(w, bad)
		return false
	}
	return true
}
