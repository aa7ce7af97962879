package marketplace

import (
	"log/slog"
	"strings"

	"github.com/userapis/sdk/internal/jsonx"
	"github.com/userapis/sdk/internal/validate"
)

// UserCreateRequest is the body of [UsersService.Create]. FirstName,
// Surname and Email are required; every other field is optional and sent
// only when set (non-nil), so [Ptr] builds them: Visits: Ptr(0). A Meta
// that is nil is not sent; an empty non-nil map sends {}.
//
// AnonUserID (anon_user_id) is accepted on create only and is not part of
// the returned [User]; the seed does not say more about it. MMOB suggests
// sending as much as is known, so that users are not asked for it again
// later in their journey.
type UserCreateRequest struct {
	Meta                      map[string]any `json:"meta,omitzero"`
	FirstName                 string         `json:"first_name"`
	Surname                   string         `json:"surname"`
	PreferredName             *string        `json:"preferred_name,omitempty"`
	DOB                       *Time          `json:"dob,omitempty"`
	Title                     *string        `json:"title,omitempty"`
	Postcode                  *string        `json:"postcode,omitempty"`
	BuildingNumber            *string        `json:"building_number,omitempty"`
	Address1                  *string        `json:"address_1,omitempty"`
	Address2                  *string        `json:"address_2,omitempty"`
	Address3                  *string        `json:"address_3,omitempty"`
	TownCity                  *string        `json:"town_city,omitempty"`
	County                    *string        `json:"county,omitempty"`
	CountryOfResidence        *string        `json:"country_of_residence,omitempty"`
	Nationality               *string        `json:"nationality,omitempty"`
	Gender                    *string        `json:"gender,omitempty"`
	RelationshipStatus        *string        `json:"relationship_status,omitempty"`
	NumberOfChildren          *string        `json:"number_of_children,omitempty"`
	AgesOfChildren            *string        `json:"ages_of_children,omitempty"`
	PartnerFirstName          *string        `json:"partner_first_name,omitempty"`
	PartnerDOB                *Time          `json:"partner_dob,omitempty"`
	PartnerSurname            *string        `json:"partner_surname,omitempty"`
	PartnerSex                *string        `json:"partner_sex,omitempty"`
	RelationshipToPartner     *string        `json:"relationship_to_partner,omitempty"`
	Smoker                    *string        `json:"smoker,omitempty"`
	NumberOfCigarettesPerWeek *int           `json:"number_of_cigarettes_per_week,omitempty"`
	Drinker                   *string        `json:"drinker,omitempty"`
	NumberOfUnitsPerWeek      *int           `json:"number_of_units_per_week,omitempty"`
	NationalInsuranceNumber   *string        `json:"national_insurance_number,omitempty"`
	PassportNumber            *string        `json:"passport_number,omitempty"`
	PhoneNumber               *string        `json:"phone_number,omitempty"`
	MobileNumber              *string        `json:"mobile_number,omitempty"`
	LastVisited               *Time          `json:"last_visited,omitempty"`
	Visits                    *int           `json:"visits,omitempty"`
	TermsConditions           *bool          `json:"terms_conditions,omitempty"`
	AssociatedCPUser          *string        `json:"associated_cp_user,omitempty"`
	Email                     string         `json:"email"`
	AnonUserID                *string        `json:"anon_user_id,omitempty"`
}

// validate checks the documented rules: the three required fields and the
// e-mail's syntax, all failures at once.
func (r *UserCreateRequest) validate() error {
	v := validate.New("marketplace: Users.Create")
	v.Required("first_name", r.FirstName)
	v.Required("surname", r.Surname)
	if r.Email == "" {
		v.Required("email", r.Email)
	} else {
		v.Email("email", r.Email)
	}
	return v.Err()
}

// UserUpdateRequest is the body of [UsersService.Update]. Every field is a
// pointer and only the fields set (non-nil) are sent, so a zero value can
// be sent on purpose: TermsConditions: Ptr(false), Visits: Ptr(0). A Meta
// that is nil is not sent; an empty non-nil map sends {}.
type UserUpdateRequest struct {
	Meta                      map[string]any `json:"meta,omitzero"`
	FirstName                 *string        `json:"first_name,omitempty"`
	Surname                   *string        `json:"surname,omitempty"`
	PreferredName             *string        `json:"preferred_name,omitempty"`
	DOB                       *Time          `json:"dob,omitempty"`
	Title                     *string        `json:"title,omitempty"`
	Postcode                  *string        `json:"postcode,omitempty"`
	BuildingNumber            *string        `json:"building_number,omitempty"`
	Address1                  *string        `json:"address_1,omitempty"`
	Address2                  *string        `json:"address_2,omitempty"`
	Address3                  *string        `json:"address_3,omitempty"`
	TownCity                  *string        `json:"town_city,omitempty"`
	County                    *string        `json:"county,omitempty"`
	CountryOfResidence        *string        `json:"country_of_residence,omitempty"`
	Nationality               *string        `json:"nationality,omitempty"`
	Gender                    *string        `json:"gender,omitempty"`
	RelationshipStatus        *string        `json:"relationship_status,omitempty"`
	NumberOfChildren          *string        `json:"number_of_children,omitempty"`
	AgesOfChildren            *string        `json:"ages_of_children,omitempty"`
	PartnerFirstName          *string        `json:"partner_first_name,omitempty"`
	PartnerDOB                *Time          `json:"partner_dob,omitempty"`
	PartnerSurname            *string        `json:"partner_surname,omitempty"`
	PartnerSex                *string        `json:"partner_sex,omitempty"`
	RelationshipToPartner     *string        `json:"relationship_to_partner,omitempty"`
	Smoker                    *string        `json:"smoker,omitempty"`
	NumberOfCigarettesPerWeek *int           `json:"number_of_cigarettes_per_week,omitempty"`
	Drinker                   *string        `json:"drinker,omitempty"`
	NumberOfUnitsPerWeek      *int           `json:"number_of_units_per_week,omitempty"`
	NationalInsuranceNumber   *string        `json:"national_insurance_number,omitempty"`
	PassportNumber            *string        `json:"passport_number,omitempty"`
	PhoneNumber               *string        `json:"phone_number,omitempty"`
	MobileNumber              *string        `json:"mobile_number,omitempty"`
	LastVisited               *Time          `json:"last_visited,omitempty"`
	Visits                    *int           `json:"visits,omitempty"`
	TermsConditions           *bool          `json:"terms_conditions,omitempty"`
	AssociatedCPUser          *string        `json:"associated_cp_user,omitempty"`
	Email                     *string        `json:"email,omitempty"`
}

// LogValue shows only which fields are set, never their values: a request
// carries the same personal data as a [User]. The receiver is a value, so
// a request logs the same way by value and by pointer.
func (r UserCreateRequest) LogValue() slog.Value { return setFieldsValue(r) }

// LogValue shows only which fields are set, never their values.
func (r UserUpdateRequest) LogValue() slog.Value { return setFieldsValue(r) }

// setFieldsValue lists the JSON names of the fields of a request that are
// set (non-nil pointers and maps, non-empty strings).
func setFieldsValue(r any) slog.Value {
	return slog.GroupValue(slog.String("fields", strings.Join(jsonx.SetFields(r), ",")))
}
