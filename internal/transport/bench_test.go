package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// benchUser is a ~40-field user, the size of the vendors' user objects.
const benchUser = `{"meta":{},"first_name":"Ada","surname":"Lovelace","preferred_name":"Ada","dob":"1815-12-10T00:00:00Z",
"title":"Countess","postcode":"W1 1AA","building_number":"12","address_1":"St James's Square","address_2":"","address_3":"",
"town_city":"London","county":"Greater London","country_of_residence":"GB","nationality":"British","gender":"female",
"relationship_status":"married","number_of_children":"3","ages_of_children":"10,8,5","partner_first_name":"William",
"partner_dob":"1805-02-21T00:00:00Z","partner_surname":"King","partner_sex":"male","relationship_to_partner":"husband",
"smoker":"no","number_of_cigarettes_per_week":0,"drinker":"yes","number_of_units_per_week":4,
"national_insurance_number":"QQ123456C","passport_number":"123456789","phone_number":"02070000000",
"mobile_number":"07700900000","last_visited":"2023-06-07T17:32:28Z","visits":12,"terms_conditions":true,
"associated_cp_user":"cp_1","email":"ada@example.com","id":"u_1","created":"2023-06-07T17:32:28Z","updated":"2023-06-07T17:32:28Z"}`

type benchUserT struct {
	Meta                      map[string]any `json:"meta"`
	FirstName                 string         `json:"first_name"`
	Surname                   string         `json:"surname"`
	PreferredName             string         `json:"preferred_name"`
	DOB                       string         `json:"dob"`
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
	PartnerDOB                string         `json:"partner_dob"`
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
	LastVisited               string         `json:"last_visited"`
	Visits                    int            `json:"visits"`
	TermsConditions           bool           `json:"terms_conditions"`
	AssociatedCPUser          string         `json:"associated_cp_user"`
	Email                     string         `json:"email"`
	ID                        string         `json:"id"`
	Created                   string         `json:"created"`
	Updated                   string         `json:"updated"`
}

func benchServer(b *testing.B) *httptest.Server {
	b.Helper()
	body := []byte(benchUser)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// BenchmarkTransport_Get is one GET through the whole SDK core: request
// building, credentials, retry wrapper, size limit, JSON decoding.
func BenchmarkTransport_Get(b *testing.B) {
	srv := benchServer(b)
	c, err := New(testAPI, Settings{BaseURL: srv.URL})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	req := &Request{Method: http.MethodGet, Path: "/users/" + Segment("u_1")}
	b.ReportAllocs()
	for b.Loop() {
		var u benchUserT
		if err := c.Do(ctx, req, &u); err != nil || u.ID != "u_1" {
			b.Fatal(err, u.ID)
		}
	}
}

// BenchmarkBareNetHTTP_Get is the same call with a bare http.Client and
// json.Decoder: the baseline the SDK's cost is measured against.
func BenchmarkBareNetHTTP_Get(b *testing.B) {
	srv := benchServer(b)
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 100}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		var u benchUserT
		if err := bareGet(ctx, hc, srv.URL+"/users/u_1", &u); err != nil || u.ID != "u_1" {
			b.Fatal(err, u.ID)
		}
	}
}

// bareGet is the hand-written GET the SDK is compared with: a request
// with the key and Accept headers, the status checked, the body decoded
// by encoding/json into out.
func bareGet(ctx context.Context, hc *http.Client, url string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", "sekret-key-123")
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// memTransport answers every request at once with body, without a
// network: what BenchmarkTransport_Overhead measures is the code above it.
type memTransport struct{ body []byte }

func (m memTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(m.body)), ContentLength: int64(len(m.body)), Request: r}, nil
}

// BenchmarkTransport_Overhead is one GET of a tiny body through the SDK
// core (sdk: with the attempt and header timeouts of the SDK's own
// client) and through a bare http.Client (bare), both over memTransport:
// the SDK's own cost per call, with the network taken out.
func BenchmarkTransport_Overhead(b *testing.B) {
	rt := memTransport{[]byte(`{"id":"u_1"}`)}
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		c, err := New(testAPI, Settings{BaseURL: "http://127.0.0.1:1", HTTPClient: &http.Client{Transport: rt, Timeout: time.Minute}})
		if err != nil {
			b.Fatal(err)
		}
		at := c.rc.HTTPClient.Transport.(attemptTransport)
		at.header = newDeadlines(defaultHeaderTimeout, timeoutCause("no response headers within %v", defaultHeaderTimeout))
		c.rc.HTTPClient.Transport = at
		req := &Request{Method: http.MethodGet, Path: "/tenants/acme/users/search", RawQuery: "userId=4021", Op: "Users.Get", Route: "/x"}
		b.ReportAllocs()
		for b.Loop() {
			var u struct {
				ID string `json:"id"`
			}
			if err := c.Do(ctx, req, &u); err != nil || u.ID != "u_1" {
				b.Fatal(err)
			}
		}
	})
	b.Run("bare", func(b *testing.B) {
		hc := &http.Client{Transport: rt}
		b.ReportAllocs()
		for b.Loop() {
			var u struct {
				ID string `json:"id"`
			}
			if err := bareGet(ctx, hc, "http://127.0.0.1:1/tenants/acme/users/search?userId=4021", &u); err != nil || u.ID != "u_1" {
				b.Fatal(err, u.ID)
			}
		}
	})
}
