package marketplacetest

import (
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/userapis/sdk/internal/fakekit"
	"github.com/userapis/sdk/internal/validate"
	"github.com/userapis/sdk/marketplace"
)

// user is a stored user: its JSON fields as the API returns them.
type user struct {
	id  string
	doc map[string]json.RawMessage
}

// userFields are the JSON names of a user's fields, in the documented
// order, read from marketplace.User so the two cannot drift apart.
var userFields = func() []string {
	var out []string
	t := reflect.TypeFor[marketplace.User]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		out = append(out, name)
	}
	return out
}()

// serverFields are set by the server and ignored in request bodies.
var serverFields = map[string]bool{"id": true, "created": true, "updated": true}

// fieldError is one item of FastAPI's 422 detail list.
type fieldError struct {
	Loc  []any  `json:"loc"`
	Msg  string `json:"msg"`
	Type string `json:"type"`
}

func writeInvalid(w http.ResponseWriter, errs []fieldError) {
	fakekit.WriteJSON(w, http.StatusUnprocessableEntity, map[string]any{"detail": errs})
}

// readBody reads a JSON object body twice: into typed (checking the field
// types the way the API's models would) and into a raw field map. It
// writes the 422 itself and returns false when the body is unusable.
func readBody(w http.ResponseWriter, r *http.Request, typed any) (map[string]json.RawMessage, bool) {
	var raw map[string]json.RawMessage
	if err := fakekit.ReadJSON(r, &raw); err != nil || raw == nil {
		writeInvalid(w, []fieldError{{Loc: []any{"body"}, Msg: "value is not a valid dict", Type: "type_error.dict"}})
		return nil, false
	}
	b, _ := json.Marshal(raw)
	if err := json.Unmarshal(b, typed); err != nil {
		loc := []any{"body"}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			loc = append(loc, te.Field)
		}
		writeInvalid(w, []fieldError{{Loc: loc, Msg: "value is not valid: " + err.Error(), Type: "type_error"}})
		return nil, false
	}
	return raw, true
}

// stringField returns raw[name] as a string, and whether it is a
// non-empty string.
func stringField(raw map[string]json.RawMessage, name string) (string, bool) {
	var s string
	if v, ok := raw[name]; !ok || json.Unmarshal(v, &s) != nil || strings.TrimSpace(s) == "" {
		return "", false
	}
	return s, true
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var errs []fieldError
	intParam := func(name string, def, least int) int {
		v := q.Get(name)
		if v == "" {
			return def
		}
		n, err := strconv.Atoi(v)
		switch {
		case err != nil:
			errs = append(errs, fieldError{Loc: []any{"query", name}, Msg: "value is not a valid integer", Type: "type_error.integer"})
		case n < least:
			errs = append(errs, fieldError{Loc: []any{"query", name}, Msg: "ensure this value is greater than or equal to " + strconv.Itoa(least), Type: "value_error.number.not_ge"})
		}
		return n
	}
	page := intParam("page", 0, 0)
	size := intParam("size", marketplace.DefaultPageSize, 1)
	if len(errs) > 0 {
		writeInvalid(w, errs)
		return
	}
	email, ids := q.Get("email"), q["ids[]"]

	s.mu.Lock()
	var match []json.RawMessage
	for _, u := range slices.Backward(s.users) {
		if email != "" {
			got, _ := stringField(u.doc, "email")
			if !strings.EqualFold(got, email) {
				continue
			}
		}
		if len(ids) > 0 && !slices.Contains(ids, u.id) {
			continue
		}
		match = append(match, s.wire(u))
	}
	s.mu.Unlock()

	total := len(match)
	from, to := fakekit.PageSpan(total, page, size)
	items := match[from:to]
	if items == nil {
		items = []json.RawMessage{}
	}
	out := map[string]any{"items": items, "total": total, "page": page, "size": size}
	if s.quirks {
		out["total"], out["page"] = nil, nil // as the seed's own example
	}
	fakekit.WriteJSON(w, http.StatusOK, out)
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	raw, ok := readBody(w, r, &marketplace.UserCreateRequest{})
	if !ok {
		return
	}
	var errs []fieldError
	for _, name := range []string{"first_name", "surname", "email"} {
		if _, ok := stringField(raw, name); !ok {
			errs = append(errs, fieldError{Loc: []any{"body", name}, Msg: "field required", Type: "value_error.missing"})
		}
	}
	if e, ok := stringField(raw, "email"); ok && !validate.IsEmail(e) {
		errs = append(errs, fieldError{Loc: []any{"body", "email"}, Msg: "value is not a valid email address", Type: "value_error.email"})
	}
	if len(errs) > 0 {
		writeInvalid(w, errs)
		return
	}

	s.mu.Lock()
	u := &user{id: s.nextUserID(), doc: map[string]json.RawMessage{}}
	for _, f := range userFields {
		u.doc[f] = json.RawMessage("null")
	}
	u.doc["meta"] = json.RawMessage("{}")
	u.set(raw)
	t, _ := json.Marshal(now())
	u.doc["id"], _ = json.Marshal(u.id)
	u.doc["created"], u.doc["updated"] = t, t
	s.users = append(s.users, u)
	s.byID[u.id] = u
	body := s.wire(u)
	s.mu.Unlock()
	fakekit.WriteJSON(w, http.StatusOK, body)
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	u, ok := s.byID[r.PathValue("user_id")]
	var body json.RawMessage
	if ok {
		body = s.wire(u)
	}
	s.mu.Unlock()
	if !ok {
		w.WriteHeader(http.StatusNotFound) // the API answers an unknown user with an empty body
		return
	}
	fakekit.WriteJSON(w, http.StatusOK, body)
}

// updateUser validates the body first, as FastAPI does before the
// handler looks the user up.
func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) {
	raw, ok := readBody(w, r, &marketplace.UserUpdateRequest{})
	if !ok {
		return
	}
	if v, set := raw["email"]; set && string(v) != "null" {
		if e, _ := stringField(raw, "email"); !validate.IsEmail(e) {
			writeInvalid(w, []fieldError{{Loc: []any{"body", "email"}, Msg: "value is not a valid email address", Type: "value_error.email"}})
			return
		}
	}

	s.mu.Lock()
	u, ok := s.byID[r.PathValue("user_id")]
	var body json.RawMessage
	if ok {
		u.set(raw)
		u.doc["updated"], _ = json.Marshal(now())
		body = s.wire(u)
	}
	s.mu.Unlock()
	if !ok {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	fakekit.WriteJSON(w, http.StatusOK, body)
}

// set copies the documented fields of a request body onto u; others
// (anon_user_id, unknown keys, the server's own id and dates) are ignored.
func (u *user) set(raw map[string]json.RawMessage) {
	for _, f := range userFields {
		if v, ok := raw[f]; ok && !serverFields[f] {
			if f == "meta" && string(v) == "null" {
				v = json.RawMessage("{}")
			}
			u.doc[f] = v
		}
	}
}

// wire returns the user as the API answers it: with quirks,
// number_of_children as a number when it holds one (the seed calls it a
// string, MMOB's customerInfo an integer). Callers hold s.mu.
func (s *Server) wire(u *user) json.RawMessage {
	if !s.quirks {
		return u.encode()
	}
	var n string
	if v := u.doc["number_of_children"]; v != nil && json.Unmarshal(v, &n) == nil {
		if _, err := strconv.Atoi(n); err == nil {
			doc := maps.Clone(u.doc)
			doc["number_of_children"] = json.RawMessage(n)
			b, _ := json.Marshal(doc)
			return b
		}
	}
	return u.encode()
}

// encode returns the user as stored. Callers hold s.mu.
func (u *user) encode() json.RawMessage {
	b, _ := json.Marshal(u.doc)
	return b
}
