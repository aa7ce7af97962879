package marketplace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/userapis/sdk/internal/jsonx"
)

// Time is a date-time as the API sends it. It embeds time.Time and decodes
// RFC 3339 (with or without a zone), "2006-01-02 15:04:05", a date alone,
// "" and null (the last two as the zero Time); it encodes as RFC 3339, and
// the zero Time as null.
type Time = jsonx.Time

// User is one of the partner's users, with every field the API documents.
// Fields the API leaves null decode as their zero values.
//
// Counts and flags are decoded tolerantly: visits and the weekly counts
// also from numeric strings, terms_conditions also from "true"/"1",
// number_of_children and the ids also from numbers (MMOB's own pages call
// number_of_children both a string and an integer).
//
// User implements [slog.LogValuer]: logging a User shows its id and
// timestamps only, never its personal data.
type User struct {
	Meta                      map[string]any `json:"meta"`
	FirstName                 string         `json:"first_name"`
	Surname                   string         `json:"surname"`
	PreferredName             string         `json:"preferred_name"`
	DOB                       Time           `json:"dob"`
	Title                     string         `json:"title"`
	Postcode                  string         `json:"postcode"`
	BuildingNumber            string         `json:"building_number"`
	Address1                  string         `json:"address_1"`
	Address2                  string         `json:"address_2"`
	Address3                  string         `json:"address_3"`
	TownCity                  string         `json:"town_city"`
	County                    string         `json:"county"`
	CountryOfResidence        string         `json:"country_of_residence"`
	Nationality               string         `json:"nationality"`
	Gender                    string         `json:"gender"`
	RelationshipStatus        string         `json:"relationship_status"`
	NumberOfChildren          string         `json:"number_of_children"`
	AgesOfChildren            string         `json:"ages_of_children"`
	PartnerFirstName          string         `json:"partner_first_name"`
	PartnerDOB                Time           `json:"partner_dob"`
	PartnerSurname            string         `json:"partner_surname"`
	PartnerSex                string         `json:"partner_sex"`
	RelationshipToPartner     string         `json:"relationship_to_partner"`
	Smoker                    string         `json:"smoker"`
	NumberOfCigarettesPerWeek int            `json:"number_of_cigarettes_per_week"`
	Drinker                   string         `json:"drinker"`
	NumberOfUnitsPerWeek      int            `json:"number_of_units_per_week"`
	NationalInsuranceNumber   string         `json:"national_insurance_number"`
	PassportNumber            string         `json:"passport_number"`
	PhoneNumber               string         `json:"phone_number"`
	MobileNumber              string         `json:"mobile_number"`
	LastVisited               Time           `json:"last_visited"`
	Visits                    int            `json:"visits"`
	TermsConditions           bool           `json:"terms_conditions"`
	AssociatedCPUser          string         `json:"associated_cp_user"`
	Email                     string         `json:"email"`
	ID                        string         `json:"id"`
	Created                   Time           `json:"created"`
	Updated                   Time           `json:"updated"`
}

// UnmarshalJSON decodes a user, accepting the tolerant forms listed on
// [User]. A body that is not a JSON object is an error.
func (u *User) UnmarshalJSON(b []byte) error {
	type plain User
	aux := struct {
		*plain
		NumberOfChildren          flexString  `json:"number_of_children"`
		NumberOfCigarettesPerWeek jsonx.Int64 `json:"number_of_cigarettes_per_week"`
		NumberOfUnitsPerWeek      jsonx.Int64 `json:"number_of_units_per_week"`
		Visits                    jsonx.Int64 `json:"visits"`
		TermsConditions           jsonx.Bool  `json:"terms_conditions"`
		AssociatedCPUser          flexString  `json:"associated_cp_user"`
		ID                        flexString  `json:"id"`
	}{plain: (*plain)(u)}
	if err := decodeObject(b, &aux); err != nil {
		return fmt.Errorf("marketplace: decoding user: %w", err)
	}
	u.NumberOfChildren = string(aux.NumberOfChildren)
	u.NumberOfCigarettesPerWeek = int(aux.NumberOfCigarettesPerWeek)
	u.NumberOfUnitsPerWeek = int(aux.NumberOfUnitsPerWeek)
	u.Visits = int(aux.Visits)
	u.TermsConditions = bool(aux.TermsConditions)
	u.AssociatedCPUser = string(aux.AssociatedCPUser)
	u.ID = string(aux.ID)
	return nil
}

// LogValue shows the user's id, timestamps and visit count only. Names,
// contact details, addresses, dates of birth, national insurance and
// passport numbers are personal data and never reach a log; the sensitive
// identifiers that are set are marked "[redacted]" so a log still tells
// whether they were present.
func (u *User) LogValue() slog.Value {
	if u == nil {
		return slog.StringValue("<nil>")
	}
	attrs := []slog.Attr{slog.String("id", u.ID)}
	if !u.Created.IsZero() {
		attrs = append(attrs, slog.String("created", u.Created.String()))
	}
	if !u.Updated.IsZero() {
		attrs = append(attrs, slog.String("updated", u.Updated.String()))
	}
	attrs = append(attrs, slog.Int("visits", u.Visits))
	for _, f := range [...]struct {
		name string
		set  bool
	}{
		{"national_insurance_number", u.NationalInsuranceNumber != ""},
		{"passport_number", u.PassportNumber != ""},
		{"dob", !u.DOB.IsZero()},
		{"partner_dob", !u.PartnerDOB.IsZero()},
	} {
		if f.set {
			attrs = append(attrs, slog.String(f.name, "[redacted]"))
		}
	}
	return slog.GroupValue(attrs...)
}

// flexString decodes from a JSON string, a number (kept as written), a
// boolean (as "true"/"false") or null (""). The MMOB docs disagree on
// whether some fields are strings or integers.
type flexString string

// UnmarshalJSON accepts the forms listed on flexString.
func (s *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
		return fmt.Errorf("empty value")
	case b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = flexString(v)
	case string(b) == "null":
		*s = ""
	case string(b) == "true" || string(b) == "false":
		*s = flexString(b)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("want a string or a number, got %.20s", b)
		}
		if _, err := strconv.ParseFloat(n.String(), 64); err != nil {
			return fmt.Errorf("want a string or a number, got %.20s", b)
		}
		*s = flexString(n)
	}
	return nil
}

// decodeObject unmarshals b into v, refusing anything but a JSON object
// (null, a list or a string would leave v half filled or empty).
func decodeObject(b []byte, v any) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return fmt.Errorf("want a JSON object, got %.20q", b)
	}
	return json.Unmarshal(b, v)
}
