package jsonx

import (
	stdjson "encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/go-json-experiment/json"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// benchPage is a page of 100 realistic 40-field users with meta objects,
// in the shape every vendor's list answers with.
var benchPage = func() []byte {
	var b strings.Builder
	b.WriteString(`{"items":[`)
	for i := range 100 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"meta":{"source":"partner-web","campaign":"spring-%d","score":%d,"tags":["a","b"]},`+
			`"first_name":"Ada%d","surname":"Lovelace","preferred_name":"Ada","dob":"1815-12-10T00:00:00Z","title":"Ms",`+
			`"postcode":"W1 1AA","building_number":"12","address_1":"St James's Square","address_2":"Flat %d","address_3":"",`+
			`"town_city":"London","county":"Greater London","country_of_residence":"GB","nationality":"British","gender":"female",`+
			`"relationship_status":"married","number_of_children":"3","ages_of_children":"10,8,5","partner_first_name":"William",`+
			`"partner_dob":"1805-02-21T00:00:00Z","partner_surname":"King","partner_sex":"male","relationship_to_partner":"husband",`+
			`"smoker":"no","number_of_cigarettes_per_week":0,"drinker":"yes","number_of_units_per_week":4,`+
			`"national_insurance_number":"QQ123456C","passport_number":"123456789","phone_number":"02070000000",`+
			`"mobile_number":"07700900000","last_visited":"2023-06-07T17:32:28Z","visits":%d,"terms_conditions":true,`+
			`"associated_cp_user":"cp_%d","email":"ada%d@example.com","id":"u_%d","created":"2023-06-07T17:32:28Z","updated":"2023-06-07T17:32:28Z"}`,
			i, i, i, i, i, i, i, i)
	}
	b.WriteString(`],"total":100,"page":0,"size":100}`)
	return []byte(b.String())
}()

// plainUser has builtin field types only: tolerance must come from
// type-level unmarshalers.
type plainUser struct {
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

// namedUser is the same user with the tolerant fields as named types:
// the outer fields take the JSON names from the embedded ones.
type namedUser struct {
	plainUser
	NumberOfCigarettesPerWeek Int64 `json:"number_of_cigarettes_per_week"`
	NumberOfUnitsPerWeek      Int64 `json:"number_of_units_per_week"`
	Visits                    Int64 `json:"visits"`
	TermsConditions           Bool  `json:"terms_conditions"`
}

type page[U any] struct {
	Items []U  `json:"items"`
	Total *int `json:"total"`
	Page  *int `json:"page"`
	Size  int  `json:"size"`
}

// BenchmarkDialect decodes one page of 100 users in the ways a dialect
// could be built, and is what chose the design in the package comment:
//
//	v1           encoding/json v1, the old decoders' engine
//	v2           encoding/json/v2 defaults, no tolerance at all
//	v2-v1opts    v2 with every v1 option (transport.V1JSON)
//	base         v2 with Base: no unmarshalers
//	named        Base, tolerant fields as named types (UnmarshalJSONFrom)
//	typelevel    Base + Ints, Bools, Strings, EmptyArrayAsObject: plain structs
//	typelevel-3  Base + Ints, Bools, Strings only
//	ints-bools   Base + Ints, Bools: no string goes through a function
func BenchmarkDialect(b *testing.B) {
	typeLevel := Dialect(Ints, Bools, Strings, EmptyArrayAsObject[map[string]any]())
	typeLevel3 := Dialect(Ints, Bools, Strings)
	intsBools := Dialect(Ints, Bools)
	v1opts := json.JoinOptions(jsonv1.DefaultOptionsV1())
	run := func(name string, dec func() error) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(benchPage)))
			for b.Loop() {
				if err := dec(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	run("v1", func() error { var p page[plainUser]; return stdjson.Unmarshal(benchPage, &p) })
	run("v2", func() error { var p page[plainUser]; return json.Unmarshal(benchPage, &p) })
	run("v2-v1opts", func() error { var p page[plainUser]; return json.Unmarshal(benchPage, &p, v1opts) })
	run("base", func() error { var p page[plainUser]; return json.Unmarshal(benchPage, &p, Base) })
	run("named", func() error { var p page[namedUser]; return json.Unmarshal(benchPage, &p, Base) })
	run("typelevel", func() error { var p page[plainUser]; return json.Unmarshal(benchPage, &p, typeLevel) })
	run("typelevel-3", func() error { var p page[plainUser]; return json.Unmarshal(benchPage, &p, typeLevel3) })
	run("ints-bools", func() error { var p page[plainUser]; return json.Unmarshal(benchPage, &p, intsBools) })
}
