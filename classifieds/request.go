package classifieds

import (
	"strings"

	"github.com/userapis/sdk/internal/validate"
)

// UserCreateRequest is the body of [UsersService.Create].
//
// Its text fields are plain strings and every one of them is sent, "" for
// those left unset, the way the vendor's own example does ("fax": ""): the
// API reads "" as "not given". Country is the exception, a pointer,
// because the vendor gives "" a meaning of its own ("leave empty when user
// is not in the Netherlands"): nil sends the vendor's default "NL",
// Ptr("") says the user is abroad, Ptr("NL") says it outright. ClientID
// and ExternalUserID are pointers: nil leaves them out, so 0 can be sent.
//
// Checked before sending, every failure reported at once:
//   - email is required and must be a valid address;
//   - companyName or lastName is required;
//   - phone or cellular is required; phone, cellular and fax 5-50 characters;
//   - firstName, lastName, companyName, address and city 2-255 characters;
//   - houseNumber at most 20 characters;
//   - gender "M" or "F"; dateOfBirth a real date as yyyy-mm-dd;
//   - country nil (sent as "NL"), "NL" or "" (abroad); county one of DR FL
//     FR GE GR LI NB NH OV UT ZE ZH, or "" (it must be "" when country is
//     "", abroad);
//   - postalCode a Dutch postal code ("2818 AA" or "2818AA") when country is
//     "NL" or nil, free text when abroad.
//
// An optional field left "" is not checked. Constraints the vendor's docs
// contradict (externalUserId "required" yet editable only with internal
// features; postalCode "not mandatory when abroad" yet optional) are left
// to the server.
type UserCreateRequest struct {
	ClientID       *int64  `json:"clientId,omitzero"`       // editable only for clients with internal features
	ExternalUserID *int64  `json:"externalUserId,omitzero"` // the user's ID in your own backend
	CompanyName    string  `json:"companyName"`
	Gender         string  `json:"gender"`
	FirstName      string  `json:"firstName"`
	LastName       string  `json:"lastName"`
	DateOfBirth    string  `json:"dateOfBirth"`
	Address        string  `json:"address"`
	HouseNumber    string  `json:"houseNumber"`
	PostalCode     string  `json:"postalCode"`
	City           string  `json:"city"`
	County         string  `json:"county"`
	Country        *string `json:"country"` // nil: the vendor's default "NL"; Ptr(""): the user is abroad
	Email          string  `json:"email"`
	Website        string  `json:"website"`
	Phone          string  `json:"phone"`
	Fax            string  `json:"fax"`
	Cellular       string  `json:"cellular"`
}

func (r *UserCreateRequest) validate() error {
	v := validate.New("classifieds: Users.Create")
	if r == nil {
		v.Add("request", "is required")
		return v.Err()
	}
	f := fields{
		companyName: &r.CompanyName, gender: &r.Gender, firstName: &r.FirstName, lastName: &r.LastName,
		dateOfBirth: &r.DateOfBirth, address: &r.Address, houseNumber: &r.HouseNumber, postalCode: &r.PostalCode,
		city: &r.City, county: &r.County, country: r.countryOrDefault(), email: &r.Email, phone: &r.Phone, fax: &r.Fax,
		cellular: &r.Cellular,
	}
	f.check(v, true)
	return v.Err()
}

// DefaultCountry is the country the vendor documents as the default, sent
// by [UsersService.Create] when UserCreateRequest.Country is nil.
const DefaultCountry = "NL"

// countryOrDefault is the country Create sends.
func (r *UserCreateRequest) countryOrDefault() *string {
	if r.Country == nil {
		return Ptr(DefaultCountry)
	}
	return r.Country
}

// UserUpdateRequest is the body of [UsersService.Update]. Every field is a
// pointer: nil leaves the stored value alone and is not sent (a nil
// Country leaves the country as it is: the create default does not
// apply); a set field is sent, even as "" (which the API reads as "not
// given", and for Country as "abroad"). Only the set
// fields are checked, by the rules of [UserCreateRequest], with these
// differences: email may not be set to ""; companyName and lastName may
// not both be set to "", nor phone and cellular; a postalCode is checked
// as Dutch only when Country is set to "NL" too (the stored country is
// unknown to the client).
type UserUpdateRequest struct {
	ClientID       *int64  `json:"clientId,omitzero"`
	ExternalUserID *int64  `json:"externalUserId,omitzero"`
	CompanyName    *string `json:"companyName,omitzero"`
	Gender         *string `json:"gender,omitzero"`
	FirstName      *string `json:"firstName,omitzero"`
	LastName       *string `json:"lastName,omitzero"`
	DateOfBirth    *string `json:"dateOfBirth,omitzero"`
	Address        *string `json:"address,omitzero"`
	HouseNumber    *string `json:"houseNumber,omitzero"`
	PostalCode     *string `json:"postalCode,omitzero"`
	City           *string `json:"city,omitzero"`
	County         *string `json:"county,omitzero"`
	Country        *string `json:"country,omitzero"`
	Email          *string `json:"email,omitzero"`
	Website        *string `json:"website,omitzero"`
	Phone          *string `json:"phone,omitzero"`
	Fax            *string `json:"fax,omitzero"`
	Cellular       *string `json:"cellular,omitzero"`
}

func (r *UserUpdateRequest) validate(userID int64) error {
	v := validate.New("classifieds: Users.Update")
	v.Positive("userId", userID)
	if r == nil || *r == (UserUpdateRequest{}) {
		v.Add("request", "must set at least one field")
		return v.Err()
	}
	f := fields{
		companyName: r.CompanyName, gender: r.Gender, firstName: r.FirstName, lastName: r.LastName,
		dateOfBirth: r.DateOfBirth, address: r.Address, houseNumber: r.HouseNumber, postalCode: r.PostalCode,
		city: r.City, county: r.County, country: r.Country, email: r.Email, phone: r.Phone, fax: r.Fax,
		cellular: r.Cellular,
	}
	f.check(v, false)
	return v.Err()
}

// fields are the checked user fields; nil means not set (update only).
type fields struct {
	companyName, gender, firstName, lastName, dateOfBirth, address, houseNumber, postalCode,
	city, county, country, email, phone, fax, cellular *string
}

// Counties are the province codes the API accepts in county.
var counties = []string{"DR", "FL", "FR", "GE", "GR", "LI", "NB", "NH", "OV", "UT", "ZE", "ZH"}

// check applies the documented constraints. On create every field is set
// (possibly ""); on update nil fields are unknown and skipped.
func (f *fields) check(v *validate.Checker, create bool) {
	set := func(p *string) bool { return p != nil && *p != "" }
	cleared := func(p *string) bool { return p != nil && *p == "" }
	val := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}

	if create {
		v.Check(set(f.companyName) || set(f.lastName), "lastName", "is required when companyName is empty")
		v.Check(set(f.phone) || set(f.cellular), "phone", "phone or cellular is required")
		v.Required("email", val(f.email))
	} else {
		v.Check(!(cleared(f.companyName) && cleared(f.lastName)), "lastName", "cannot be cleared together with companyName")
		v.Check(!(cleared(f.phone) && cleared(f.cellular)), "phone", "cannot be cleared together with cellular")
		v.Check(!cleared(f.email), "email", "cannot be cleared")
	}
	for _, n := range []struct {
		name string
		p    *string
	}{{"firstName", f.firstName}, {"lastName", f.lastName}, {"companyName", f.companyName}, {"address", f.address}, {"city", f.city}} {
		if set(n.p) {
			v.Length(n.name, *n.p, 2, 255)
		}
	}
	if set(f.houseNumber) {
		v.Length("houseNumber", *f.houseNumber, 0, 20)
	}
	if set(f.gender) {
		v.OneOf("gender", *f.gender, "M", "F")
	}
	if set(f.dateOfBirth) {
		v.Date("dateOfBirth", *f.dateOfBirth)
	}
	if set(f.county) {
		v.OneOf("county", *f.county, counties...)
	}
	if set(f.country) {
		v.OneOf("country", *f.country, "NL")
	}
	if cleared(f.country) && set(f.county) {
		v.Add("county", "must be empty when country is empty (abroad)")
	}
	if set(f.postalCode) && val(f.country) == "NL" {
		v.Check(IsDutchPostalCode(*f.postalCode), "postalCode", `must be a Dutch postal code such as "2818 AA"`)
	}
	if set(f.email) {
		v.Email("email", *f.email)
	}
	for _, n := range []struct {
		name string
		p    *string
	}{{"phone", f.phone}, {"fax", f.fax}, {"cellular", f.cellular}} {
		if set(n.p) {
			v.Length(n.name, *n.p, 5, 50)
		}
	}
}

// IsDutchPostalCode reports whether s is a Dutch postal code: four digits
// not starting with 0, an optional space, and two letters other than SA,
// SD and SS ("2818 AA", "2818AA"; letters in either case).
func IsDutchPostalCode(s string) bool {
	if len(s) == 7 && s[4] == ' ' {
		s = s[:4] + s[5:]
	}
	if len(s) != 6 || s[0] < '1' || s[0] > '9' {
		return false
	}
	for _, c := range s[1:4] {
		if c < '0' || c > '9' {
			return false
		}
	}
	l := strings.ToUpper(s[4:])
	if l[0] < 'A' || l[0] > 'Z' || l[1] < 'A' || l[1] > 'Z' {
		return false
	}
	return l != "SA" && l != "SD" && l != "SS"
}
