package classifiedstest

import (
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/userapis/sdk/classifieds"
)

// checkUser applies the documented constraints to a whole stored user, as
// the vendor does after merging an update, and returns one "field:
// reason" message per failing field.
func checkUser(t map[string]string) []string {
	var errs []string
	add := func(field, reason string) { errs = append(errs, field+": "+reason) }
	length := func(field string, lo, hi int) {
		if v := t[field]; v != "" {
			if n := utf8.RuneCountInString(v); n < lo || n > hi {
				add(field, fmt.Sprintf("must be %d to %d characters", lo, hi))
			}
		}
	}
	if t["companyName"] == "" && t["lastName"] == "" {
		add("lastName", "either companyName or lastName is mandatory")
	}
	for _, f := range []string{"firstName", "lastName", "companyName", "address", "city"} {
		length(f, 2, 255)
	}
	length("houseNumber", 0, 20)
	if g := t["gender"]; g != "" && g != "M" && g != "F" {
		add("gender", "must be M or F")
	}
	if d := t["dateOfBirth"]; d != "" {
		if _, err := time.Parse(time.DateOnly, d); err != nil || len(d) != 10 {
			add("dateOfBirth", "must be a date as yyyy-mm-dd")
		}
	}
	switch c := t["county"]; {
	case c == "":
	case !slices.Contains(counties, c):
		add("county", "must be one of "+strings.Join(counties, ", "))
	case t["country"] == "":
		add("county", "must be empty when the user is not in the Netherlands")
	}
	if c := t["country"]; c != "" && c != "NL" {
		add("country", "must be NL, or empty when the user is abroad")
	}
	if p := t["postalCode"]; p != "" && t["country"] == "NL" && !postcode.MatchString(p) {
		add("postalCode", "must be a valid Dutch postal code")
	}
	if e := t["email"]; e == "" {
		add("email", "is mandatory")
	} else if a, err := mail.ParseAddress(e); err != nil || a.Address != e || !strings.Contains(e[strings.LastIndexByte(e, '@'):], ".") {
		add("email", "must be a valid e-mail address")
	}
	if t["phone"] == "" && t["cellular"] == "" {
		add("phone", "either a phone number or cellular number must be specified")
	}
	for _, f := range []string{"phone", "fax", "cellular"} {
		length(f, 5, 50)
	}
	return errs
}

var (
	counties = []string{"DR", "FL", "FR", "GE", "GR", "LI", "NB", "NH", "OV", "UT", "ZE", "ZH"}
	postcode = regexp.MustCompile(`^[1-9][0-9]{3} ?(?i:[A-RT-Z][A-Z]|S[B-CE-RT-Z])$`)
)

// AddUsers stores n valid users with the next free IDs (in ascending
// order) and returns their IDs. It is the quick way to give a test many
// users.
func (s *Server) AddUsers(n int) []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]int64, 0, n)
	for range n {
		id := s.nextID
		s.insert(&record{id: id, text: map[string]string{
			"companyName": "", "firstName": "Test", "lastName": fmt.Sprintf("User %d", id),
			"gender": "", "dateOfBirth": "", "address": "Straatnaam", "houseNumber": fmt.Sprint(id%200 + 1),
			"postalCode": "2818 AA", "city": "Zoetermeer", "county": "ZH", "country": "NL",
			"email": fmt.Sprintf("user%d@example.test", id), "website": "", "phone": "079-1234567",
			"fax": "", "cellular": "",
		}})
		ids = append(ids, id)
	}
	return ids
}

// Seed stores copies of users as they are (no validation), under their
// UserID or, when that is 0, the next free ID, and returns the IDs. A
// seeded user has no activation token; Activation fields are ignored.
func (s *Server) Seed(users ...classifieds.User) []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]int64, 0, len(users))
	for _, u := range users {
		r := &record{id: u.UserID, clientID: u.ClientID, externalUserID: u.ExternalUserID, text: map[string]string{
			"companyName": u.CompanyName, "firstName": u.FirstName, "lastName": u.LastName, "gender": u.Gender,
			"dateOfBirth": u.DateOfBirth, "address": u.Address, "houseNumber": u.HouseNumber,
			"postalCode": u.PostalCode, "city": u.City, "county": u.County, "country": u.Country,
			"email": u.Email, "website": u.Website, "phone": u.Phone, "fax": u.Fax, "cellular": u.Cellular,
		}}
		s.insert(r)
		ids = append(ids, r.id)
	}
	return ids
}

// User returns the stored user with the given ID (without an activation
// object), and whether there is one.
func (s *Server) User(id int64) (classifieds.User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.users[id]
	if !ok {
		return classifieds.User{}, false
	}
	return r.user(), true
}

// AddUser stores a copy of u as it is (no validation), under its UserID
// (replacing a user stored under it) or, when that is 0, the next free
// ID, and returns the ID: [Server.Seed] for one user.
func (s *Server) AddUser(u classifieds.User) int64 { return s.Seed(u)[0] }

// Users returns every stored user (without activation objects) in ID
// order, which is creation order unless a seeded user chose its ID.
func (s *Server) Users() []classifieds.User {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]classifieds.User, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, s.users[id].user())
	}
	return out
}

// user returns r as a classifieds.User, without its activation object.
// Callers hold s.mu.
func (r *record) user() classifieds.User {
	t := r.text
	return classifieds.User{
		UserID: r.id, ClientID: r.clientID, ExternalUserID: r.externalUserID,
		CompanyName: t["companyName"], FirstName: t["firstName"], LastName: t["lastName"], Gender: t["gender"],
		DateOfBirth: t["dateOfBirth"], Address: t["address"], HouseNumber: t["houseNumber"],
		PostalCode: t["postalCode"], City: t["city"], County: t["county"], Country: t["country"],
		Email: t["email"], Website: t["website"], Phone: t["phone"], Fax: t["fax"], Cellular: t["cellular"],
	}
}

// Len returns how many users are stored: len([Server.Users]()) without
// the copies.
func (s *Server) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.order)
}

// Activated reports whether the user has been activated with a valid
// token.
func (s *Server) Activated(id int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.users[id]
	return ok && r.active
}

// ActivationToken returns the user's current, unexpired and unused token,
// or "" when there is none.
func (s *Server) ActivationToken(id int64) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.users[id]
	if !ok || r.token == "" || !s.now().Before(r.validUntil) {
		return ""
	}
	return r.token
}
