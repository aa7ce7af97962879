package classifiedstest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/userapis/sdk/classifieds"
	"github.com/userapis/sdk/internal/fakekit"
)

// textFields are a user's writable text fields, in the vendor's order.
var textFields = []string{
	"companyName", "firstName", "lastName", "gender", "dateOfBirth", "address", "houseNumber",
	"postalCode", "city", "county", "country", "email", "website", "phone", "fax", "cellular",
}

// record is one stored user.
type record struct {
	id, clientID, externalUserID int64
	text                         map[string]string

	active     bool
	token      string
	validUntil time.Time
	generated  []time.Time // GenerateActivation calls within the last hour
}

// wireUser is a user as the vendor sends it: IDs as strings.
type wireUser struct {
	UserID         string      `json:"userId"`
	ClientID       string      `json:"clientId"`
	ExternalUserID string      `json:"externalUserId"`
	CompanyName    string      `json:"companyName"`
	FirstName      string      `json:"firstName"`
	LastName       string      `json:"lastName"`
	Gender         string      `json:"gender"`
	DateOfBirth    string      `json:"dateOfBirth"`
	Address        string      `json:"address"`
	HouseNumber    string      `json:"houseNumber"`
	PostalCode     string      `json:"postalCode"`
	City           string      `json:"city"`
	County         string      `json:"county"`
	Country        string      `json:"country"`
	Email          string      `json:"email"`
	Website        string      `json:"website"`
	Phone          string      `json:"phone"`
	Fax            string      `json:"fax"`
	Cellular       string      `json:"cellular"`
	Contacts       any         `json:"contacts,omitempty"` // only with Quirks.Contacts
	Activation     *wireActive `json:"activation,omitempty"`
}

type wireActive struct {
	UserID          int64  `json:"userId,omitempty"`
	ActivationToken string `json:"activationtoken"`
	ValidUntil      string `json:"validUntil"`
}

// vendorTime is the vendor's date-time layout: no T, no zone. The fake
// writes Amsterdam wall time in it, as the Dutch vendor most likely does
// (see [Server.SetZeroValidUntil] for MySQL's zero date).
const vendorTime = "2006-01-02 15:04:05"

// amsterdam is the zone of the vendor's date-times; time/tzdata, imported
// by package classifieds, makes it load on any machine.
var amsterdam = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic("classifiedstest: " + err.Error())
	}
	return loc
}()

// formatValidUntil writes t as the vendor does. Call with s.mu held.
func (s *Server) formatValidUntil(t time.Time) string {
	if s.zeroValidUntil {
		return "0000-00-00 00:00:00"
	}
	return t.In(amsterdam).Format(vendorTime)
}

func (u *record) wire() *wireUser {
	t := u.text
	return &wireUser{
		UserID: strconv.FormatInt(u.id, 10), ClientID: strconv.FormatInt(u.clientID, 10),
		ExternalUserID: strconv.FormatInt(u.externalUserID, 10),
		CompanyName:    t["companyName"], FirstName: t["firstName"], LastName: t["lastName"], Gender: t["gender"],
		DateOfBirth: t["dateOfBirth"], Address: t["address"], HouseNumber: t["houseNumber"],
		PostalCode: t["postalCode"], City: t["city"], County: t["county"], Country: t["country"],
		Email: t["email"], Website: t["website"], Phone: t["phone"], Fax: t["fax"], Cellular: t["cellular"],
	}
}

// listEnvelope is the answer to GET /users/ and GET /users/{id}/.
type listEnvelope struct {
	Result       bool        `json:"result"`
	FromCache    bool        `json:"fromCache"`
	TotalItems   int         `json:"totalItems"` // every user of the client
	TotalInSet   int         `json:"totalInSet"` // the users on this page
	Page         int         `json:"page"`
	ItemsPerPage int         `json:"itemsPerPage"`
	Speed        float64     `json:"speed"`
	Data         []*wireUser `json:"data"`
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var errs []string
	page, size := 1, classifieds.DefaultItemsPerPage
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			errs = append(errs, "page: must be 1 or more")
		}
		page = n
	}
	if v := q.Get("itemsPerPage"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > classifieds.MaxItemsPerPage {
			errs = append(errs, "itemsPerPage: minimum 1, maximum 100")
		}
		size = n
	}
	useCache := false
	switch v := q.Get("useCache"); v {
	case "", "0", "false":
	case "1", "true":
		useCache = true
	default:
		errs = append(errs, "useCache: must be a boolean")
	}
	if len(errs) > 0 {
		writeErrors(w, http.StatusBadRequest, errs)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	env := listEnvelope{Result: true, FromCache: useCache && len(s.order) > 0, TotalItems: len(s.order),
		Page: page, ItemsPerPage: size, Speed: 0.0010221004486084, Data: []*wireUser{}}
	from, to := fakekit.PageSpan(len(s.order), page-1, size)
	for _, id := range s.order[from:to] {
		env.Data = append(env.Data, s.withQuirks(s.users[id].wire(), id))
	}
	env.TotalInSet = len(env.Data)
	if s.quirks.SeedTotals {
		env.TotalItems, env.TotalInSet = env.TotalInSet, env.TotalItems
	}
	fakekit.WriteJSON(w, http.StatusOK, env)
}

func (s *Server) get(w http.ResponseWriter, id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[id]
	if !ok {
		writeError(w, http.StatusNotFound, "user not found")
		return
	}
	fakekit.WriteJSON(w, http.StatusOK, listEnvelope{Result: true, TotalItems: 1, TotalInSet: 1, Page: 1,
		ItemsPerPage: classifieds.DefaultItemsPerPage, Speed: 0.0004, Data: []*wireUser{s.withQuirks(u.wire(), id)}})
}

// body is a decoded request body, with the vendor's tolerance for IDs
// sent as numbers or strings.
type body map[string]json.RawMessage

func readBody(r *http.Request) (body, error) {
	var b body
	if err := fakekit.ReadJSON(r, &b); err != nil || b == nil {
		return nil, fmt.Errorf("the request body is not a JSON object")
	}
	return b, nil
}

// id reads an integer field; ok is false when it is absent or not an
// integer.
func (b body) id(name string) (int64, bool) {
	raw, ok := b[name]
	if !ok {
		return 0, false
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		s = string(bytes.TrimSpace(raw))
	}
	return parseID(s)
}

func parseID(s string) (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return n, err == nil && n >= 0
}

// apply copies the body's user fields onto u, collecting type errors.
func (b body) apply(u *record) []string {
	var errs []string
	for _, f := range textFields {
		raw, ok := b[f]
		if !ok {
			continue
		}
		var v string
		if json.Unmarshal(raw, &v) != nil {
			errs = append(errs, f+": must be a string")
			continue
		}
		u.text[f] = v
	}
	for f, dst := range map[string]*int64{"clientId": &u.clientID, "externalUserId": &u.externalUserID} {
		if _, ok := b[f]; !ok {
			continue
		}
		if n, ok := b.id(f); ok {
			*dst = n
		} else {
			errs = append(errs, f+": must be an integer")
		}
	}
	slices.Sort(errs)
	return errs
}

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	b, err := readBody(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	u := &record{text: map[string]string{"country": "NL"}} // the vendor's default country
	errs := b.apply(u)
	if len(errs) == 0 {
		errs = checkUser(u.text)
	}
	if len(errs) > 0 {
		writeErrors(w, http.StatusBadRequest, errs)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.insert(u)
	u.token, u.validUntil = newToken(), s.now().Add(ActivationLifetime)
	out := u.wire()
	out.Activation = &wireActive{ActivationToken: u.token, ValidUntil: s.formatValidUntil(u.validUntil)}
	// The vendor's create example answers "errors" as "" rather than [].
	fakekit.WriteJSON(w, http.StatusOK, envelope{Result: true, Errors: "", Data: out})
}

// insert stores u under the next free ID; s.mu must be held.
func (s *Server) insert(u *record) {
	if u.id == 0 {
		u.id = s.nextID
	}
	if u.text == nil {
		u.text = map[string]string{}
	}
	s.nextID = max(s.nextID, u.id+1)
	if _, dup := s.users[u.id]; !dup {
		i, _ := slices.BinarySearch(s.order, u.id)
		s.order = slices.Insert(s.order, i, u.id)
	}
	s.users[u.id] = u
}

func (s *Server) update(w http.ResponseWriter, r *http.Request) {
	b, id, ok := readUserBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.users[id]
	if !ok {
		writeError(w, http.StatusNotFound, "user not found")
		return
	}
	u := *old
	u.text = make(map[string]string, len(old.text))
	for k, v := range old.text {
		u.text[k] = v
	}
	errs := b.apply(&u)
	if len(errs) == 0 {
		errs = checkUser(u.text)
	}
	if len(errs) > 0 {
		writeErrors(w, http.StatusBadRequest, errs)
		return
	}
	*old = u
	if s.quirks.UpdateWithoutUser {
		fakekit.WriteJSON(w, http.StatusOK, envelope{Result: true, Errors: []string{}, Data: []any{}})
		return
	}
	fakekit.WriteJSON(w, http.StatusOK, envelope{Result: true, Errors: []string{}, Data: s.withQuirks(u.wire(), id)})
}

func (s *Server) delete(w http.ResponseWriter, id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.users[id]; !ok {
		writeError(w, http.StatusNotFound, "user not found")
		return
	}
	delete(s.users, id)
	i, _ := slices.BinarySearch(s.order, id)
	s.order = slices.Delete(s.order, i, i+1)
	fakekit.WriteJSON(w, http.StatusOK, envelope{Result: true, Errors: []string{}, Data: false})
}

func (s *Server) deleteByBody(w http.ResponseWriter, r *http.Request) {
	_, id, ok := readUserBody(w, r)
	if !ok {
		return
	}
	s.delete(w, id)
}

func (s *Server) activate(w http.ResponseWriter, r *http.Request) {
	b, err := readBody(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	id, ok := b.id("userId")
	var token string
	if raw, has := b["activationtoken"]; !has || json.Unmarshal(raw, &token) != nil || token == "" || !ok || id == 0 {
		writeError(w, http.StatusBadRequest, "userId and activationtoken are required")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[id]
	if !ok {
		writeError(w, http.StatusNotFound, "user not found")
		return
	}
	if u.token == "" || token != u.token || !s.now().Before(u.validUntil) {
		writeError(w, http.StatusBadRequest, "invalid activationtoken or token expired")
		return
	}
	u.active, u.token = true, ""
	fakekit.WriteJSON(w, http.StatusOK, envelope{Result: true, Errors: []string{}, Data: []any{}})
}

func (s *Server) generate(w http.ResponseWriter, r *http.Request) {
	_, id, ok := readUserBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[id]
	if !ok {
		writeError(w, http.StatusNotFound, "user not found")
		return
	}
	now := s.now()
	u.generated = slices.DeleteFunc(u.generated, func(t time.Time) bool { return !now.Before(t.Add(time.Hour)) })
	if len(u.generated) >= GenerateLimit {
		if s.refusal != http.StatusOK {
			wait := u.generated[0].Add(time.Hour).Sub(now)
			w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
		}
		writeError(w, s.refusal, "maximum number of requests has exceeded. please try again later...")
		return
	}
	u.generated = append(u.generated, now)
	u.token, u.validUntil = newToken(), now.Add(ActivationLifetime) // older tokens are revoked
	fakekit.WriteJSON(w, http.StatusOK, envelope{Result: true, Errors: []string{},
		Data: wireActive{UserID: id, ActivationToken: u.token, ValidUntil: s.formatValidUntil(u.validUntil)}})
}

// readUserBody reads a JSON body that must name a userId, answering 400
// itself when it does not.
func readUserBody(w http.ResponseWriter, r *http.Request) (body, int64, bool) {
	b, err := readBody(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return nil, 0, false
	}
	id, ok := b.id("userId")
	if !ok || id == 0 {
		writeError(w, http.StatusBadRequest, "userId: is required")
		return nil, 0, false
	}
	return b, id, true
}
