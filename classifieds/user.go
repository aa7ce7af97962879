package classifieds

import (
	"bytes"
	"encoding/json"
	"log/slog"

	"github.com/userapis/sdk/internal/jsonx"
)

// Time is a date-time as GoedGeplaatst sends it, "2021-12-02 12:05:10"
// with no zone (read as UTC; the vendor does not say which zone it means,
// most likely Europe/Amsterdam). It embeds time.Time, also decodes RFC 3339,
// a date alone, "" and null (the zero Time), and encodes as RFC 3339.
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
	Contacts       *UserContacts `json:"contacts,omitempty"`
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
	Activation *Activation `json:"activation,omitempty"`
}

// UnmarshalJSON decodes a user whose IDs are numbers or strings and whose
// contacts or activation may be missing, [], false or null.
func (u *User) UnmarshalJSON(b []byte) error {
	type plain User
	aux := struct {
		*plain
		UserID         jsonx.Int64     `json:"userId"`
		ClientID       jsonx.Int64     `json:"clientId"`
		ExternalUserID jsonx.Int64     `json:"externalUserId"`
		Contacts       json.RawMessage `json:"contacts"`
		Activation     json.RawMessage `json:"activation"`
	}{plain: (*plain)(u)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	u.UserID, u.ClientID, u.ExternalUserID = int64(aux.UserID), int64(aux.ClientID), int64(aux.ExternalUserID)
	u.Contacts, u.Activation = nil, nil
	if isObject(aux.Contacts) {
		u.Contacts = new(UserContacts)
		if err := json.Unmarshal(aux.Contacts, u.Contacts); err != nil {
			return err
		}
	}
	if isObject(aux.Activation) {
		u.Activation = new(Activation)
		if err := json.Unmarshal(aux.Activation, u.Activation); err != nil {
			return err
		}
	}
	return nil
}

// isObject reports whether raw is a JSON object (not [], false or null).
func isObject(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == '{'
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

// UnmarshalJSON decodes counts sent as numbers or strings and a contacts
// list that may be [], false or null.
func (c *UserContacts) UnmarshalJSON(b []byte) error {
	var aux struct {
		NumberOfContacts       jsonx.Int64     `json:"numberOfContacts"`
		NumberOfActiveContacts jsonx.Int64     `json:"numberOfActiveContacts"`
		Contacts               json.RawMessage `json:"contacts"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*c = UserContacts{NumberOfContacts: int(aux.NumberOfContacts), NumberOfActiveContacts: int(aux.NumberOfActiveContacts)}
	if raw := bytes.TrimSpace(aux.Contacts); len(raw) > 0 && raw[0] == '[' {
		return json.Unmarshal(raw, &c.Contacts)
	}
	return nil
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

// UnmarshalJSON decodes IDs and the active flag sent as numbers, strings
// or booleans.
func (c *Contact) UnmarshalJSON(b []byte) error {
	type plain Contact
	aux := struct {
		*plain
		UserID    jsonx.Int64 `json:"userId"`
		ContactID jsonx.Int64 `json:"contactId"`
		Active    jsonx.Bool  `json:"active"`
	}{plain: (*plain)(c)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	c.UserID, c.ContactID, c.Active = int64(aux.UserID), int64(aux.ContactID), bool(aux.Active)
	return nil
}

// Activation is the token that unlocks a new user, returned by
// [UsersService.Create] and [UsersService.GenerateActivation]. It is valid
// until ValidUntil and only the newest one generated for a user works.
//
// Activation implements [slog.LogValuer] and hides the token.
type Activation struct {
	UserID          int64  `json:"userId,omitempty"` // set by GenerateActivation
	ActivationToken string `json:"activationtoken"`  // the vendor's all-lower-case key
	ValidUntil      Time   `json:"validUntil"`
}

// UnmarshalJSON decodes a userId sent as a number or a string.
func (a *Activation) UnmarshalJSON(b []byte) error {
	type plain Activation
	aux := struct {
		*plain
		UserID jsonx.Int64 `json:"userId"`
	}{plain: (*plain)(a)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	a.UserID = int64(aux.UserID)
	return nil
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
