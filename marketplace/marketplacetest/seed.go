package marketplacetest

import (
	"encoding/json"
	"strconv"

	"github.com/userapis/sdk/marketplace"
)

// AddUser stores a copy of u as if Users.Create had made it, bypassing the
// API's checks, and returns its id: u.ID when set and free, else the next
// "u_N". Zero Created and Updated become the current time.
func (s *Server) AddUser(u marketplace.User) string {
	b, err := json.Marshal(u)
	if err != nil {
		panic("marketplacetest: AddUser: " + err.Error())
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		panic("marketplacetest: AddUser: " + err.Error())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := u.ID
	if _, taken := s.byID[id]; id == "" || taken {
		id = s.nextUserID()
	}
	rec := &user{id: id, doc: map[string]json.RawMessage{}}
	for _, f := range userFields {
		rec.doc[f] = json.RawMessage("null")
	}
	rec.doc["meta"] = json.RawMessage("{}")
	rec.set(raw)
	rec.doc["id"], _ = json.Marshal(id)
	t, _ := json.Marshal(now())
	for _, f := range []string{"created", "updated"} {
		rec.doc[f] = t
		if v := raw[f]; v != nil && string(v) != "null" {
			rec.doc[f] = v
		}
	}
	s.users = append(s.users, rec)
	s.byID[id] = rec
	return id
}

// nextUserID returns the next free id of the form "u_N". Callers hold s.mu.
func (s *Server) nextUserID() string {
	for {
		s.lastUser++
		id := "u_" + strconv.Itoa(s.lastUser)
		if _, taken := s.byID[id]; !taken {
			return id
		}
	}
}

// User returns the stored user with the given id as the API would send
// it, and whether there is one.
func (s *Server) User(id string) (marketplace.User, bool) {
	s.mu.Lock()
	rec, ok := s.byID[id]
	var body json.RawMessage
	if ok {
		body = rec.encode()
	}
	s.mu.Unlock()
	if !ok {
		return marketplace.User{}, false
	}
	return decodeUser(body), true
}

// Users returns every stored user, oldest first.
func (s *Server) Users() []marketplace.User {
	s.mu.Lock()
	bodies := make([]json.RawMessage, len(s.users))
	for i, rec := range s.users {
		bodies[i] = rec.encode()
	}
	s.mu.Unlock()
	out := make([]marketplace.User, len(bodies))
	for i, b := range bodies {
		out[i] = decodeUser(b)
	}
	return out
}

// decodeUser decodes a stored user's body, which the fake wrote itself.
func decodeUser(b json.RawMessage) marketplace.User {
	var u marketplace.User
	if err := json.Unmarshal(b, &u); err != nil {
		panic("marketplacetest: a stored user does not decode: " + err.Error())
	}
	return u
}
