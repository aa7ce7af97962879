package classifieds

import (
	"log/slog"

	"github.com/userapis/sdk/internal/jsonx"
)

// Time is a date-time as GoedGeplaatst sends it, "2021-12-02 12:05:10"
// with no zone. The vendor does not say which zone it means; it is a
// Dutch service, so the SDK reads it as Europe/Amsterdam time (CET or
// CEST as the date falls; the zone data is embedded in the package, so
// this holds on a machine without a zone database). MySQL's zero date
// "0000-00-00 00:00:00" decodes as the zero Time. It embeds time.Time,
// also decodes RFC 3339 (its zone kept), a date alone, "" and null (the
// zero Time), and encodes as RFC 3339.
type Time = jsonx.Time

// User is a GoedGeplaatst user as the API returns it. IDs arrive as numbers
// or strings ("19569") and decode either way; optional text the user never
// gave arrives as "".
//
// User implements [slog.LogValuer]: logging a User hides its date of birth
// and activation token.
type User struct {
	UserID         int64         `json:"userId"`
	ClientID       int64         `json:"clientId"`       // the client that created the user; 0: created manually
	ExternalUserID int64         `json:"externalUserId"` // the user's ID in the client's own backend
	Contacts       *UserContacts `json:"contacts,omitzero"`
	CompanyName    string        `json:"companyName"`
	FirstName      string        `json:"firstName"`
	LastName       string        `json:"lastName"`
	Gender         string        `json:"gender"`      // "M", "F" or ""
	DateOfBirth    string        `json:"dateOfBirth"` // yyyy-mm-dd or ""
	Address        string        `json:"address"`
	HouseNumber    string        `json:"houseNumber"`
	PostalCode     string        `json:"postalCode"`
	City           string        `json:"city"`
	County         string        `json:"county"`  // province code such as "ZH"; "" outside the Netherlands
	Country        string        `json:"country"` // "NL", or "" for a user abroad
	Email          string        `json:"email"`
	Website        string        `json:"website"`
	Phone          string        `json:"phone"`
	Fax            string        `json:"fax"`
	Cellular       string        `json:"cellular"`
	// Activation is set on a newly created user: the token [UsersService.Activate]
	// needs to unlock the account.
	Activation *Activation `json:"activation,omitzero"`
}

// LogValue logs the user's IDs, names, e-mail and place, and hides the
// date of birth and the activation token.
func (u User) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.Int64("userId", u.UserID),
		slog.Int64("clientId", u.ClientID),
		slog.Int64("externalUserId", u.ExternalUserID),
		slog.String("companyName", u.CompanyName),
		slog.String("firstName", u.FirstName),
		slog.String("lastName", u.LastName),
		slog.String("email", u.Email),
		slog.String("city", u.City),
		slog.String("country", u.Country),
	}
	if u.DateOfBirth != "" {
		attrs = append(attrs, slog.String("dateOfBirth", redacted))
	}
	if u.Activation != nil {
		attrs = append(attrs, slog.Any("activation", u.Activation))
	}
	return slog.GroupValue(attrs...)
}

// UserContacts is the read-only summary of a user's contacts.
type UserContacts struct {
	NumberOfContacts       int        `json:"numberOfContacts"`
	NumberOfActiveContacts int        `json:"numberOfActiveContacts"` // contacts used in active advertisements
	Contacts               []*Contact `json:"contacts"`
}

// Contact is one of a user's contact persons, as GoedGeplaatst's contacts
// endpoint describes it.
type Contact struct {
	UserID      int64  `json:"userId"`
	ContactID   int64  `json:"contactId"`
	Active      bool   `json:"active"` // used in one or more active advertisements
	Name        string `json:"name"`
	Address     string `json:"address"`
	HouseNumber string `json:"houseNumber"`
	PostalCode  string `json:"postalCode"`
	City        string `json:"city"`
	County      string `json:"county"`
	Country     string `json:"country"`
	Phone       string `json:"phone"`
	Website     string `json:"website"`
	Skype       string `json:"skype"`
}

// Activation is the token that unlocks a new user, returned by
// [UsersService.Create] and [UsersService.GenerateActivation]. It is valid
// until ValidUntil and only the newest one generated for a user works.
//
// Activation implements [slog.LogValuer] and hides the token.
type Activation struct {
	UserID          int64  `json:"userId,omitzero"` // set by GenerateActivation
	ActivationToken string `json:"activationtoken"` // the vendor's all-lower-case key
	ValidUntil      Time   `json:"validUntil"`
}

// LogValue logs when the token expires, never the token itself.
func (a Activation) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("validUntil", a.ValidUntil.String())}
	if a.UserID != 0 {
		attrs = append(attrs, slog.Int64("userId", a.UserID))
	}
	if a.ActivationToken != "" {
		attrs = append(attrs, slog.String("activationtoken", redacted))
	}
	return slog.GroupValue(attrs...)
}
