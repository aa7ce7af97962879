package marketplace

import (
	"log/slog"

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
// User is a plain struct: the tolerance lives in the package's JSON
// dialect (dialect.go), so the counts also decode from numeric strings,
// "" and null, terms_conditions also from "true"/"1", and every string
// field, the ids and number_of_children among them, also from a number
// (MMOB's own pages call number_of_children both a string and an
// integer).
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

// LogValue shows the user's id, timestamps and visit count only. Names,
// contact details, addresses, dates of birth, national insurance and
// passport numbers are personal data and never reach a log; the sensitive
// identifiers that are set are marked "[redacted]" so a log still tells
// whether they were present.
//
// The receiver is a value, so a User logs the same way as a *User (a
// range variable, slog.Any("u", *u)); a nil *User has no value to show,
// and slog reports the nil dereference instead of any field.
func (u User) LogValue() slog.Value {
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
