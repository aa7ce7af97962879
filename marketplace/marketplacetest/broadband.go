package marketplacetest

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/userapis/sdk/internal/fakekit"
	"github.com/userapis/sdk/marketplace"
)

// entry is a stored broadband entry. The API documents no broadband
// fields in its response, so the fake keeps broadbandProvider,
// broadbandPpm and broadbandDownSpeed in meta under those names.
type entry struct {
	ID         string         `json:"id"`
	CPUserID   string         `json:"cp_user_id"`
	RootUserID string         `json:"root_user_id"`
	CPID       string         `json:"cp_id"`
	Meta       map[string]any `json:"meta"`
}

// broadbandFields are the request fields kept in an entry's meta.
var broadbandFields = []string{"broadbandProvider", "broadbandPpm", "broadbandDownSpeed"}

// set copies the broadband fields of a request body into e's meta.
func (e *entry) set(raw map[string]json.RawMessage) {
	for _, f := range broadbandFields {
		if v, ok := raw[f]; ok {
			var s *string
			_ = json.Unmarshal(v, &s) // typed already by readBody
			if s == nil {
				delete(e.Meta, f)
			} else {
				e.Meta[f] = *s
			}
		}
	}
}

func (e *entry) clone() entry {
	c := *e
	c.Meta = make(map[string]any, len(e.Meta))
	for k, v := range e.Meta {
		c.Meta[k] = v
	}
	return c
}

func (s *Server) createBroadband(w http.ResponseWriter, r *http.Request) {
	raw, ok := readBody(w, r, &marketplace.BroadbandCreateRequest{})
	if !ok {
		return
	}
	cpUserID, ok := stringField(raw, "cp_user_id")
	if !ok {
		writeInvalid(w, []fieldError{{Loc: []any{"body", "cp_user_id"}, Msg: "field required", Type: "value_error.missing"}})
		return
	}
	s.mu.Lock()
	if _, dup := s.broadband[cpUserID]; dup {
		s.mu.Unlock()
		writeDetail(w, http.StatusConflict, "Broadband entry already exists for this user")
		return
	}
	s.lastEntry++
	e := &entry{ID: "bb_" + strconv.Itoa(s.lastEntry), CPUserID: cpUserID, CPID: CPID, Meta: map[string]any{}}
	if _, known := s.byID[cpUserID]; known {
		e.RootUserID = cpUserID
	}
	e.set(raw)
	s.broadband[cpUserID] = e
	out := e.clone()
	s.mu.Unlock()
	fakekit.WriteJSON(w, http.StatusOK, out)
}

func (s *Server) getBroadband(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	e, ok := s.broadband[r.PathValue("cp_user_id")]
	var out entry
	if ok {
		out = e.clone()
	}
	s.mu.Unlock()
	if !ok {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	fakekit.WriteJSON(w, http.StatusOK, out)
}

func (s *Server) updateBroadband(w http.ResponseWriter, r *http.Request) {
	raw, ok := readBody(w, r, &marketplace.BroadbandUpdateRequest{})
	if !ok {
		return
	}
	s.mu.Lock()
	e, ok := s.broadband[r.PathValue("cp_user_id")]
	var out entry
	if ok {
		e.set(raw)
		out = e.clone()
	}
	s.mu.Unlock()
	if !ok {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	fakekit.WriteJSON(w, http.StatusOK, out)
}
