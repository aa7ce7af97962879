package marketplace_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/userapis/sdk/internal/benchkit"
	"github.com/userapis/sdk/marketplace"
)

// The benchmarks compare each public call with the call a careful user
// would write by hand: net/http with a pooled client, encoding/json
// (v1) decoding the same payload into a plain struct, date-times into
// time.Time and the free-form meta into a map. Both sides talk to the
// same loopback server, which answers with a realistic user from the
// seed's schema. .ci/bench prints the sdk/hand ratios.

// benchUserJSON is user i as the API answers it.
func benchUserJSON(i int) string {
	return fmt.Sprintf(`{"meta":{"source":"partner-web","campaign":"spring-%d","consent":{"email":true,"sms":false},"score":%d},`+
		`"first_name":"Ada","surname":"Lovelace","preferred_name":"Ada","dob":"1985-12-10T00:00:00Z","title":"Ms",`+
		`"postcode":"SW1A 1AA","building_number":"12","address_1":"St James's Square","address_2":"Flat %d","address_3":"",`+
		`"town_city":"London","county":"Greater London","country_of_residence":"GB","nationality":"British","gender":"female",`+
		`"relationship_status":"married","number_of_children":"2","ages_of_children":"8,5","partner_first_name":"William",`+
		`"partner_dob":"1983-02-21T00:00:00Z","partner_surname":"King","partner_sex":"male","relationship_to_partner":"husband",`+
		`"smoker":"no","number_of_cigarettes_per_week":0,"drinker":"yes","number_of_units_per_week":4,`+
		`"national_insurance_number":"QQ123456C","passport_number":"123456789","phone_number":"02079460000",`+
		`"mobile_number":"07700900123","last_visited":"2024-03-01T09:15:00Z","visits":%d,"terms_conditions":true,`+
		`"associated_cp_user":"cp_%d","email":"ada%d@example.com","id":"u_%d","created":"2023-06-07T17:32:28Z",`+
		`"updated":"2024-03-01T09:15:00Z"}`, i, i, i, i, i, i, i)
}

// benchServer answers GET /users/{id} and POST /users with one user and
// GET /users with a page of 100.
func benchServer(b *testing.B) *httptest.Server {
	b.Helper()
	user := []byte(benchUserJSON(1))
	items := make([]string, 100)
	for i := range items {
		items[i] = benchUserJSON(i)
	}
	page := []byte(`{"items":[` + strings.Join(items, ",") + `],"total":1000,"page":0,"size":100}`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/users" && r.Method == http.MethodGet {
			_, _ = w.Write(page)
			return
		}
		_, _ = w.Write(user)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// handUser is the plain struct a user would write for the response.
type handUser struct {
	Meta                      map[string]any `json:"meta"`
	FirstName                 string         `json:"first_name"`
	Surname                   string         `json:"surname"`
	PreferredName             string         `json:"preferred_name"`
	DOB                       time.Time      `json:"dob"`
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
	PartnerDOB                time.Time      `json:"partner_dob"`
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
	LastVisited               time.Time      `json:"last_visited"`
	Visits                    int            `json:"visits"`
	TermsConditions           bool           `json:"terms_conditions"`
	AssociatedCPUser          string         `json:"associated_cp_user"`
	Email                     string         `json:"email"`
	ID                        string         `json:"id"`
	Created                   time.Time      `json:"created"`
	Updated                   time.Time      `json:"updated"`
}

type handPage struct {
	Items []*handUser `json:"items"`
	Total *int        `json:"total"`
	Page  *int        `json:"page"`
	Size  int         `json:"size"`
}

type handCreate struct {
	FirstName string `json:"first_name"`
	Surname   string `json:"surname"`
	Email     string `json:"email"`
	Postcode  string `json:"postcode,omitempty"`
	Visits    *int   `json:"visits,omitempty"`
}

// hand is the hand-written client: a pooled http.Client, the key header,
// encoding/json both ways, a status check.
type hand struct {
	hc   *http.Client
	base string
}

func newHand(srv *httptest.Server) *hand {
	return &hand{hc: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 100}}, base: srv.URL}
}

func (h *hand) do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, h.base+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", "bench-key")
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := h.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func benchSDK(b *testing.B, srv *httptest.Server) *marketplace.Client {
	b.Helper()
	c, err := marketplace.NewClient(marketplace.WithBaseURL(srv.URL), marketplace.WithAPIKey("bench-key"))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func BenchmarkGet(b *testing.B) {
	srv, ctx := benchServer(b), context.Background()
	b.Run("sdk", func(b *testing.B) {
		c := benchSDK(b, srv)
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			if u, err := c.Users.Get(ctx, "u_1"); err != nil || u.ID != "u_1" {
				b.Fatal(err)
			}
		}
	})
	b.Run("hand", func(b *testing.B) {
		h := newHand(srv)
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			var u handUser
			if err := h.do(ctx, http.MethodGet, "/users/u_1", nil, &u); err != nil || u.ID != "u_1" {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkList100(b *testing.B) {
	srv, ctx := benchServer(b), context.Background()
	b.Run("sdk", func(b *testing.B) {
		c := benchSDK(b, srv)
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			if p, err := c.Users.List(ctx, &marketplace.UserListOptions{Size: 100}); err != nil || len(p.Items) != 100 {
				b.Fatal(err)
			}
		}
	})
	b.Run("hand", func(b *testing.B) {
		h := newHand(srv)
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			var p handPage
			if err := h.do(ctx, http.MethodGet, "/users?page=0&size=100", nil, &p); err != nil || len(p.Items) != 100 {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkCreate(b *testing.B) {
	srv, ctx := benchServer(b), context.Background()
	b.Run("sdk", func(b *testing.B) {
		c := benchSDK(b, srv)
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			req := &marketplace.UserCreateRequest{FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com",
				Postcode: marketplace.Ptr("SW1A 1AA"), Visits: marketplace.Ptr(0)}
			if u, err := c.Users.Create(ctx, req); err != nil || u.ID != "u_1" {
				b.Fatal(err)
			}
		}
	})
	b.Run("hand", func(b *testing.B) {
		h := newHand(srv)
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			req := &handCreate{FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com", Postcode: "SW1A 1AA", Visits: new(int)}
			var u handUser
			if err := h.do(ctx, http.MethodPost, "/users", req, &u); err != nil || u.ID != "u_1" {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkGetParallel64 is 64 goroutines sharing one client.
func BenchmarkGetParallel64(b *testing.B) {
	srv, ctx := benchServer(b), context.Background()
	par := (64 + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0)
	b.Run("sdk", func(b *testing.B) {
		c := benchSDK(b, srv)
		defer benchkit.CPUPerOp(b)()
		b.SetParallelism(par)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if u, err := c.Users.Get(ctx, "u_1"); err != nil || u.ID != "u_1" {
					b.Error(err)
					return
				}
			}
		})
	})
	b.Run("hand", func(b *testing.B) {
		h := newHand(srv)
		defer benchkit.CPUPerOp(b)()
		b.SetParallelism(par)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				var u handUser
				if err := h.do(ctx, http.MethodGet, "/users/u_1", nil, &u); err != nil || u.ID != "u_1" {
					b.Error(err)
					return
				}
			}
		})
	})
}

// BenchmarkDecodePage decodes the benchmark server's page of 100 users
// alone, no HTTP: encoding/json v1 into the hand-written structs (v1),
// the package's dialect by v2's reflection (reflective), and the
// dialect with its generated decoders, as the client decodes (generated).
func BenchmarkDecodePage(b *testing.B) {
	items := make([]string, 100)
	for i := range items {
		items[i] = benchUserJSON(i)
	}
	page := []byte(`{"items":[` + strings.Join(items, ",") + `],"total":1000,"page":0,"size":100}`)
	run := func(name string, decode func() (int, error)) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				if n, err := decode(); err != nil || n != 100 {
					b.Fatal(n, err)
				}
			}
		})
	}
	run("v1", func() (int, error) { var p handPage; err := json.Unmarshal(page, &p); return len(p.Items), err })
	run("reflective", func() (int, error) {
		var p marketplace.UserPage
		err := jsonv2.Unmarshal(page, &p, marketplace.Reflective)
		return len(p.Items), err
	})
	run("generated", func() (int, error) {
		var p marketplace.UserPage
		err := jsonv2.Unmarshal(page, &p, marketplace.Dialect)
		return len(p.Items), err
	})
}

// BenchmarkGetParallel64Paired is BenchmarkGetParallel64's two sides in
// one process, in alternating bursts (see benchkit.Paired): its
// "sdk/hand" is the steadier ratio on a busy machine.
func BenchmarkGetParallel64Paired(b *testing.B) {
	srv, ctx := benchServer(b), context.Background()
	c, h := benchSDK(b, srv), newHand(srv)
	benchkit.Paired(b, 64, 16,
		func() error {
			u, err := c.Users.Get(ctx, "u_1")
			if err == nil && u.ID != "u_1" {
				err = fmt.Errorf("got user %q", u.ID)
			}
			return err
		},
		func() error {
			var u handUser
			err := h.do(ctx, http.MethodGet, "/users/u_1", nil, &u)
			if err == nil && u.ID != "u_1" {
				err = fmt.Errorf("got user %q", u.ID)
			}
			return err
		})
}
