package classifiedstest

import "net/http"

// Quirks are forms the vendor's own examples show, which the fake does
// not send unless asked, so that code can be tested against them. (IDs
// as strings, "0" for a user created manually and "errors": "" on create
// are always sent, as the seed does.)
type Quirks struct {
	// Contacts gives every user a "contacts" member, as the seed lists
	// it: an object with the counts as strings ("0") and an empty list
	// for users with an even ID, PHP's [] (an empty array for an empty
	// object) for the others.
	Contacts bool
	// SeedTotals counts a list the way the seed's example seems to
	// ("totalItems": 4, "totalInSet": 100 on a page of 10): totalItems is
	// the users on the page and totalInSet all of them. Without it the
	// fake sends the reverse.
	SeedTotals bool
	// UpdateWithoutUser confirms an update without sending the user back
	// ("data": [], as the vendor's activation confirms): the seed shows no
	// update response.
	UpdateWithoutUser bool
}

// SetQuirks makes the responses from now on take the forms q names;
// Quirks{} restores the default.
func (s *Server) SetQuirks(q Quirks) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.quirks = q
}

// SetZeroValidUntil makes the activation objects sent from now on carry
// MySQL's zero date, "0000-00-00 00:00:00", as validUntil (on) or the
// token's expiry in Amsterdam time (off, the default). The tokens keep
// their real expiry.
func (s *Server) SetZeroValidUntil(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.zeroValidUntil = on
}

// SetGenerateRefusal sets the HTTP status of the answer to a
// GenerateActivation beyond [GenerateLimit] in an hour. The vendor
// answers {"result": false, "errors": ["maximum number of requests has
// exceeded. please try again later..."]} at HTTP 200, the default
// (status 0 or 200); any other status, such as 429, is sent with the same
// body and a Retry-After header.
func (s *Server) SetGenerateRefusal(status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if status == 0 {
		status = http.StatusOK
	}
	s.refusal = status
}

// wireContacts is the contacts object of [Quirks.Contacts].
type wireContacts struct {
	NumberOfContacts       string `json:"numberOfContacts"`
	NumberOfActiveContacts string `json:"numberOfActiveContacts"`
	Contacts               []any  `json:"contacts"`
}

// withQuirks returns the wire form of u with the quirks set. Call with
// s.mu held.
func (s *Server) withQuirks(u *wireUser, id int64) *wireUser {
	if s.quirks.Contacts {
		if id%2 == 0 {
			u.Contacts = wireContacts{NumberOfContacts: "0", NumberOfActiveContacts: "0", Contacts: []any{}}
		} else {
			u.Contacts = []any{}
		}
	}
	return u
}
