package classifieds_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/classifieds"
)

// fieldNames lists a ValidationError's fields in order.
func fieldNames(t *testing.T, err error) []string {
	t.Helper()
	var ve *classifieds.ValidationError
	require.ErrorAs(t, err, &ve)
	require.ErrorIs(t, err, classifieds.ErrInvalidInput)
	var out []string
	for _, f := range ve.Fields {
		require.NotEmpty(t, f.Reason, f.Field)
		out = append(out, f.Field)
	}
	return out
}

func TestUsers_Create_validationTable(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	cases := []struct {
		name   string
		mutate func(r *classifieds.UserCreateRequest)
		bad    []string // failing fields in order; nil: valid, and the fake accepts it too
	}{
		// Valid inputs.
		{"the seed's own body", func(r *classifieds.UserCreateRequest) {}, nil},
		{"companyName without lastName", func(r *classifieds.UserCreateRequest) { r.LastName = "" }, nil},
		{"lastName without companyName", func(r *classifieds.UserCreateRequest) { r.CompanyName = "" }, nil},
		{"cellular without phone", func(r *classifieds.UserCreateRequest) { r.Phone = "" }, nil},
		{"phone without cellular", func(r *classifieds.UserCreateRequest) { r.Cellular = "" }, nil},
		{"postal code without space", func(r *classifieds.UserCreateRequest) { r.PostalCode = "2818AA" }, nil},
		{"postal code lower case", func(r *classifieds.UserCreateRequest) { r.PostalCode = "1011 ab" }, nil},
		{"postal code 9999 ZZ", func(r *classifieds.UserCreateRequest) { r.PostalCode = "9999 ZZ" }, nil},
		{"postal code SB is allowed", func(r *classifieds.UserCreateRequest) { r.PostalCode = "2818 SB" }, nil},
		{"abroad: free postal code", func(r *classifieds.UserCreateRequest) {
			r.Country, r.County, r.PostalCode = classifieds.Ptr(""), "", "SW1A 1AA"
		}, nil},
		{"county DR", func(r *classifieds.UserCreateRequest) { r.County = "DR" }, nil},
		{"country nil: the default NL, postal code checked", func(r *classifieds.UserCreateRequest) { r.Country = nil }, nil},
		{"county left empty in NL", func(r *classifieds.UserCreateRequest) { r.County = "" }, nil},
		{"gender F", func(r *classifieds.UserCreateRequest) { r.Gender = "F" }, nil},
		{"gender not given", func(r *classifieds.UserCreateRequest) { r.Gender = "" }, nil},
		{"leap day", func(r *classifieds.UserCreateRequest) { r.DateOfBirth = "2000-02-29" }, nil},
		{"no date of birth", func(r *classifieds.UserCreateRequest) { r.DateOfBirth = "" }, nil},
		{"names of 2 and 255", func(r *classifieds.UserCreateRequest) { r.FirstName, r.LastName = "Al", long(255) }, nil},
		{"2 characters counted as runes", func(r *classifieds.UserCreateRequest) { r.FirstName, r.City = "Ĳs", "Øy" }, nil},
		{"houseNumber of 20", func(r *classifieds.UserCreateRequest) { r.HouseNumber = long(20) }, nil},
		{"phone of 5 and cellular of 50", func(r *classifieds.UserCreateRequest) { r.Phone, r.Cellular = "12345", long(50) }, nil},
		{"fax of 5", func(r *classifieds.UserCreateRequest) { r.Fax = "12345" }, nil},
		{"optional text left empty", func(r *classifieds.UserCreateRequest) {
			r.FirstName, r.Address, r.HouseNumber, r.City, r.Website, r.PostalCode = "", "", "", "", "", ""
		}, nil},
		{"IDs may be sent as 0", func(r *classifieds.UserCreateRequest) {
			r.ClientID, r.ExternalUserID = classifieds.Ptr[int64](0), classifieds.Ptr[int64](0)
		}, nil},

		// Invalid inputs: one constraint each.
		{"neither companyName nor lastName", func(r *classifieds.UserCreateRequest) { r.CompanyName, r.LastName = "", "" }, []string{"lastName"}},
		{"neither phone nor cellular", func(r *classifieds.UserCreateRequest) { r.Phone, r.Cellular = "", "" }, []string{"phone"}},
		{"email missing", func(r *classifieds.UserCreateRequest) { r.Email = "" }, []string{"email"}},
		{"email without @", func(r *classifieds.UserCreateRequest) { r.Email = "info.test.nl" }, []string{"email"}},
		{"email without a dot in the domain", func(r *classifieds.UserCreateRequest) { r.Email = "info@test" }, []string{"email"}},
		{"email with a display name", func(r *classifieds.UserCreateRequest) { r.Email = "Info <info@test.nl>" }, []string{"email"}},
		{"firstName of 1", func(r *classifieds.UserCreateRequest) { r.FirstName = "A" }, []string{"firstName"}},
		{"firstName of 256", func(r *classifieds.UserCreateRequest) { r.FirstName = long(256) }, []string{"firstName"}},
		{"lastName of 1", func(r *classifieds.UserCreateRequest) { r.LastName = "X" }, []string{"lastName"}},
		{"companyName of 256", func(r *classifieds.UserCreateRequest) { r.CompanyName = long(256) }, []string{"companyName"}},
		{"address of 1", func(r *classifieds.UserCreateRequest) { r.Address = "A" }, []string{"address"}},
		{"city of 1", func(r *classifieds.UserCreateRequest) { r.City = "Z" }, []string{"city"}},
		{"city of 256", func(r *classifieds.UserCreateRequest) { r.City = long(256) }, []string{"city"}},
		{"houseNumber of 21", func(r *classifieds.UserCreateRequest) { r.HouseNumber = long(21) }, []string{"houseNumber"}},
		{"gender lower case", func(r *classifieds.UserCreateRequest) { r.Gender = "m" }, []string{"gender"}},
		{"gender X", func(r *classifieds.UserCreateRequest) { r.Gender = "X" }, []string{"gender"}},
		{"date not real", func(r *classifieds.UserCreateRequest) { r.DateOfBirth = "1980-02-30" }, []string{"dateOfBirth"}},
		{"date not a leap year", func(r *classifieds.UserCreateRequest) { r.DateOfBirth = "1900-02-29" }, []string{"dateOfBirth"}},
		{"date dd-mm-yyyy", func(r *classifieds.UserCreateRequest) { r.DateOfBirth = "09-04-1980" }, []string{"dateOfBirth"}},
		{"date without leading zeros", func(r *classifieds.UserCreateRequest) { r.DateOfBirth = "1980-4-9" }, []string{"dateOfBirth"}},
		{"date with a time", func(r *classifieds.UserCreateRequest) { r.DateOfBirth = "1980-04-09T00:00:00Z" }, []string{"dateOfBirth"}},
		{"county XX", func(r *classifieds.UserCreateRequest) { r.County = "XX" }, []string{"county"}},
		{"county lower case", func(r *classifieds.UserCreateRequest) { r.County = "zh" }, []string{"county"}},
		{"county while abroad", func(r *classifieds.UserCreateRequest) { r.Country, r.PostalCode = classifieds.Ptr(""), "B-1000" }, []string{"county"}},
		{"country nil is NL: Dutch postal code", func(r *classifieds.UserCreateRequest) { r.Country, r.PostalCode = nil, "B-1000" }, []string{"postalCode"}},
		{"country BE", func(r *classifieds.UserCreateRequest) { r.Country = classifieds.Ptr("BE") }, []string{"country"}},
		{"country lower case", func(r *classifieds.UserCreateRequest) { r.Country = classifieds.Ptr("nl") }, []string{"country"}},
		{"postal code starting with 0", func(r *classifieds.UserCreateRequest) { r.PostalCode = "0818 AA" }, []string{"postalCode"}},
		{"postal code SA", func(r *classifieds.UserCreateRequest) { r.PostalCode = "2818 SA" }, []string{"postalCode"}},
		{"postal code SD", func(r *classifieds.UserCreateRequest) { r.PostalCode = "2818SD" }, []string{"postalCode"}},
		{"postal code SS", func(r *classifieds.UserCreateRequest) { r.PostalCode = "2818 SS" }, []string{"postalCode"}},
		{"postal code one letter", func(r *classifieds.UserCreateRequest) { r.PostalCode = "2818 A" }, []string{"postalCode"}},
		{"postal code five digits", func(r *classifieds.UserCreateRequest) { r.PostalCode = "28181 AA" }, []string{"postalCode"}},
		{"postal code two spaces", func(r *classifieds.UserCreateRequest) { r.PostalCode = "2818  AA" }, []string{"postalCode"}},
		{"postal code foreign in NL", func(r *classifieds.UserCreateRequest) { r.PostalCode = "SW1A 1AA" }, []string{"postalCode"}},
		{"phone of 4", func(r *classifieds.UserCreateRequest) { r.Phone = "1234" }, []string{"phone"}},
		{"phone of 51", func(r *classifieds.UserCreateRequest) { r.Phone = long(51) }, []string{"phone"}},
		{"cellular of 4", func(r *classifieds.UserCreateRequest) { r.Cellular = "0612" }, []string{"cellular"}},
		{"fax of 3", func(r *classifieds.UserCreateRequest) { r.Fax = "123" }, []string{"fax"}},

		// Everything at once: every failing field, in one error.
		{"all wrong", func(r *classifieds.UserCreateRequest) {
			*r = classifieds.UserCreateRequest{FirstName: "A", Address: "B", City: "C", HouseNumber: long(21), Gender: "?",
				DateOfBirth: "1980-13-01", County: "XX", Country: classifieds.Ptr("NL"), PostalCode: "1234", Email: "@", Fax: "1"}
		}, []string{"lastName", "phone", "firstName", "address", "city", "houseNumber", "gender", "dateOfBirth", "county", "postalCode", "email", "fax"}},
	}
	require.GreaterOrEqual(t, len(cases), 40)

	srv := newServer(t)
	c := srv.Client()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := validCreate()
			tc.mutate(req)
			before := srv.Requests()
			u, err := c.Users.Create(ctx, req)
			if tc.bad == nil {
				require.NoError(t, err, "the fake applies the same rules")
				assert.NotZero(t, u.UserID)
				assert.Equal(t, before+1, srv.Requests())
				return
			}
			assert.Equal(t, tc.bad, fieldNames(t, err))
			assert.Nil(t, u)
			assert.Equal(t, before, srv.Requests(), "no request on invalid input")
		})
	}

	t.Run("nil request", func(t *testing.T) {
		_, err := c.Users.Create(ctx, nil)
		assert.Equal(t, []string{"request"}, fieldNames(t, err))
	})
}

func TestUsers_Update_validationTable(t *testing.T) {
	s := classifieds.Ptr[string]
	cases := []struct {
		name string
		id   int64
		req  *classifieds.UserUpdateRequest
		bad  []string // nil: valid
		// serverRefuses: valid for the client, which cannot know the stored
		// country, but refused by the fake with result:false.
		serverRefuses bool
	}{
		{"one field", 0, &classifieds.UserUpdateRequest{City: s("Delft")}, nil, false},
		{"optional text cleared", 0, &classifieds.UserUpdateRequest{Fax: s(""), Website: s("")}, nil, false},
		{"lastName cleared, companyName kept", 0, &classifieds.UserUpdateRequest{LastName: s(""), CompanyName: s("Acme")}, nil, false},
		{"moved abroad", 0, &classifieds.UserUpdateRequest{Country: s(""), County: s(""), PostalCode: s("B-1000")}, nil, false},
		{"postal code checked with country NL", 0, &classifieds.UserUpdateRequest{Country: s("NL"), PostalCode: s("2818AB")}, nil, false},
		{"postal code alone is left to the server", 0, &classifieds.UserUpdateRequest{PostalCode: s("B-1000")}, nil, true},
		{"county alone is left to the server", 0, &classifieds.UserUpdateRequest{Country: s("")}, nil, true},

		{"nil request", 0, nil, []string{"request"}, false},
		{"empty request", 0, &classifieds.UserUpdateRequest{}, []string{"request"}, false},
		{"bad id", -1, &classifieds.UserUpdateRequest{City: s("Delft")}, []string{"userId"}, false},
		{"email cleared", 0, &classifieds.UserUpdateRequest{Email: s("")}, []string{"email"}, false},
		{"email invalid", 0, &classifieds.UserUpdateRequest{Email: s("x@")}, []string{"email"}, false},
		{"both names cleared", 0, &classifieds.UserUpdateRequest{LastName: s(""), CompanyName: s("")}, []string{"lastName"}, false},
		{"both numbers cleared", 0, &classifieds.UserUpdateRequest{Phone: s(""), Cellular: s("")}, []string{"phone"}, false},
		{"city of 1", 0, &classifieds.UserUpdateRequest{City: s("D")}, []string{"city"}, false},
		{"gender", 0, &classifieds.UserUpdateRequest{Gender: s("V")}, []string{"gender"}, false},
		{"date", 0, &classifieds.UserUpdateRequest{DateOfBirth: s("2001-02-29")}, []string{"dateOfBirth"}, false},
		{"postal code with country NL", 0, &classifieds.UserUpdateRequest{Country: s("NL"), PostalCode: s("2818 SS")}, []string{"postalCode"}, false},
		{"county while abroad", 0, &classifieds.UserUpdateRequest{Country: s(""), County: s("ZH")}, []string{"county"}, false},
		{"several", 0, &classifieds.UserUpdateRequest{FirstName: s("A"), Phone: s("1"), County: s("AB")},
			[]string{"firstName", "county", "phone"}, false},
	}
	srv := newServer(t)
	c := srv.Client()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			id := tc.id
			if id == 0 {
				id = srv.AddUsers(1)[0]
			}
			before := srv.Requests()
			_, err := c.Users.Update(ctx, id, tc.req)
			switch {
			case tc.bad != nil:
				assert.Equal(t, tc.bad, fieldNames(t, err))
				assert.Equal(t, before, srv.Requests(), "no request on invalid input")
			case tc.serverRefuses:
				var ae *classifieds.APIError
				require.ErrorAs(t, err, &ae)
				assert.ErrorIs(t, err, classifieds.ErrBadRequest)
				assert.NotEmpty(t, ae.Messages)
			default:
				require.NoError(t, err)
				assert.Equal(t, before+1, srv.Requests())
			}
		})
	}
}

func TestIsDutchPostalCode(t *testing.T) {
	for s, want := range map[string]bool{
		"2818 AA": true, "2818AA": true, "1000 aa": true, "9999ZZ": true, "2818 SB": true,
		"": false, "0818 AA": false, "2818 SA": false, "2818 SD": false, "2818 ss": false, "2818-AA": false,
		"2818 A1": false, "281 AA": false, "2818 AAA": false, "２８１８ AA": false, " 2818 AA": false,
	} {
		assert.Equal(t, want, classifieds.IsDutchPostalCode(s), "%q", s)
	}
}
