package classifieds

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/userapis/sdk/internal/benchkit"
)

// The benchmarks below compare each public call with the call a careful
// user would write by hand: net/http plus encoding/json v1, decoding the
// same payload into a plain struct (IDs the vendor sends as strings read
// with ",string", the envelope's result flag checked). Both sides talk to
// the same loopback server serving payloads shaped like the seed's.
// Names are read by a script: Benchmark<Call>/sdk and Benchmark<Call>/hand.

// benchUserJSON is the seed's list user with its contacts (the issue's
// "envelope + user + 2 contacts").
func benchUserJSON(id int, contacts bool) string {
	var c string
	if contacts {
		c = `"contacts":{"numberOfContacts":2,"numberOfActiveContacts":1,"contacts":[` +
			`{"userId":` + strconv.Itoa(id) + `,"contactId":11,"active":true,"name":"Jan Jansen","address":"Dorpsstraat",` +
			`"houseNumber":"1","postalCode":"1111 AA","city":"Amsterdam","county":"NH","country":"NL","phone":"020-1234567",` +
			`"website":"www.test.nl","skype":"jan.jansen"},` +
			`{"userId":` + strconv.Itoa(id) + `,"contactId":12,"active":false,"name":"Piet Peters","address":"Kerkweg",` +
			`"houseNumber":"22b","postalCode":"2818 AA","city":"Zoetermeer","county":"ZH","country":"NL","phone":"079-1234567",` +
			`"website":"","skype":""}]},`
	}
	return `{"userId":"` + strconv.Itoa(id) + `","clientId":"1","externalUserId":"` + strconv.Itoa(100000+id) + `",` + c +
		`"companyName":"test company","firstName":"first name","lastName":"last name","gender":"M",` +
		`"dateOfBirth":"1970-06-18","address":"streetname","houseNumber":"no","postalCode":"1111 AA","city":"Amsterdam",` +
		`"county":"NH","country":"NL","email":"info@test.nl","website":"www.test.nl","phone":"020-1234567","fax":"","cellular":""}`
}

func benchListJSON(n int, contacts bool) []byte {
	items := make([]string, n)
	for i := range items {
		items[i] = benchUserJSON(i+1, contacts)
	}
	return []byte(`{"result":true,"fromCache":false,"totalItems":` + strconv.Itoa(n) + `,"totalInSet":` + strconv.Itoa(n) +
		`,"page":1,"itemsPerPage":` + strconv.Itoa(n) + `,"speed":0.0010221004486084,"data":[` + strings.Join(items, ",") + `]}`)
}

// benchCreateJSON is the seed's create response.
var benchCreateJSON = []byte(`{"result":true,"errors":"","data":{"userId":"19569","clientId":"0","externalUserId":"0",` +
	`"companyName":"Bedrijfsnaam","firstName":"Voornaam","lastName":"Achternaam","gender":"M","dateOfBirth":"1980-04-09",` +
	`"address":"Straatnaam","houseNumber":"19b","postalCode":"2818 AA","city":"Zoetermeer","county":"","country":"NL",` +
	`"email":"info@test.nl","website":"www.test.nl","phone":"079-1234567","fax":"","cellular":"06-12345678",` +
	`"activation":{"activationtoken":"24e53f0a35303b3aeb0f4c8481c9d9fea83a28aa624e53f0a35303b3aeb0f4c8","validUntil":"2021-12-02 12:05:10"}}}`)

// benchServer serves the Get, List and Create payloads.
func benchServer(b *testing.B) *httptest.Server {
	b.Helper()
	get := benchListJSON(1, true)
	list := benchListJSON(100, false)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get(authHeader) != testKey {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var body []byte
		switch {
		case r.Method == http.MethodPost:
			_, _ = bytes.NewBuffer(nil).ReadFrom(r.Body)
			body = benchCreateJSON
		case r.URL.Path == "/users/1/":
			body = get
		default:
			body = list
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

func benchClient(b *testing.B, srv *httptest.Server) *Client {
	b.Helper()
	c, err := NewClient(WithBaseURL(srv.URL), WithAPIKey(testKey))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// handUser is the plain struct a user would write for the seed's user.
type handUser struct {
	UserID         int64 `json:"userId,string"`
	ClientID       int64 `json:"clientId,string"`
	ExternalUserID int64 `json:"externalUserId,string"`
	Contacts       *struct {
		NumberOfContacts       int `json:"numberOfContacts"`
		NumberOfActiveContacts int `json:"numberOfActiveContacts"`
		Contacts               []struct {
			UserID      int64  `json:"userId"`
			ContactID   int64  `json:"contactId"`
			Active      bool   `json:"active"`
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
		} `json:"contacts"`
	} `json:"contacts"`
	CompanyName string `json:"companyName"`
	FirstName   string `json:"firstName"`
	LastName    string `json:"lastName"`
	Gender      string `json:"gender"`
	DateOfBirth string `json:"dateOfBirth"`
	Address     string `json:"address"`
	HouseNumber string `json:"houseNumber"`
	PostalCode  string `json:"postalCode"`
	City        string `json:"city"`
	County      string `json:"county"`
	Country     string `json:"country"`
	Email       string `json:"email"`
	Website     string `json:"website"`
	Phone       string `json:"phone"`
	Fax         string `json:"fax"`
	Cellular    string `json:"cellular"`
	Activation  *struct {
		ActivationToken string `json:"activationtoken"`
		ValidUntil      string `json:"validUntil"`
	} `json:"activation"`
}

// handEnvelope is the envelope a user would write: errors kept loose
// because the seed shows both [] and "".
type handEnvelope[D any] struct {
	Result       bool    `json:"result"`
	Errors       any     `json:"errors"`
	FromCache    bool    `json:"fromCache"`
	TotalItems   int     `json:"totalItems"`
	TotalInSet   int     `json:"totalInSet"`
	Page         int     `json:"page"`
	ItemsPerPage int     `json:"itemsPerPage"`
	Speed        float64 `json:"speed"`
	Data         D       `json:"data"`
}

var handHTTP = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 100}}

// handDo is the hand-written call: build the request, send it, decode the
// envelope, check the result flag.
func handDo[D any](ctx context.Context, method, url string, body any) (*handEnvelope[D], error) {
	var rd *bytes.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	var req *http.Request
	var err error
	if rd != nil {
		req, err = http.NewRequestWithContext(ctx, method, url, rd)
	} else {
		req, err = http.NewRequestWithContext(ctx, method, url, nil)
	}
	if err != nil {
		return nil, err
	}
	req.Header.Set(authHeader, testKey)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "hand/1.0")
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := handHTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	var env handEnvelope[D]
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return nil, err
	}
	if !env.Result {
		return nil, errors.New("result: false")
	}
	return &env, nil
}

func BenchmarkGet(b *testing.B) {
	srv := benchServer(b)
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		c := benchClient(b, srv)
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			u, err := c.Users.Get(ctx, 1)
			if err != nil || u.UserID != 1 || u.Contacts == nil || len(u.Contacts.Contacts) != 2 {
				b.Fatal(err, u)
			}
		}
	})
	b.Run("hand", func(b *testing.B) {
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			env, err := handDo[[]handUser](ctx, http.MethodGet, srv.URL+"/users/1/", nil)
			if err != nil || len(env.Data) != 1 || env.Data[0].UserID != 1 || len(env.Data[0].Contacts.Contacts) != 2 {
				b.Fatal(err, env)
			}
		}
	})
}

// BenchmarkList100 reads one page of 100 users.
func BenchmarkList100(b *testing.B) {
	srv := benchServer(b)
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		c := benchClient(b, srv)
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			p, err := c.Users.List(ctx, &UserListOptions{ItemsPerPage: 100})
			if err != nil || len(p.Items) != 100 {
				b.Fatal(err)
			}
		}
	})
	b.Run("hand", func(b *testing.B) {
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			env, err := handDo[[]handUser](ctx, http.MethodGet, srv.URL+"/users/?itemsPerPage=100", nil)
			if err != nil || len(env.Data) != 100 {
				b.Fatal(err)
			}
		}
	})
}

// benchCreateRequest is the seed's create request.
func benchCreateRequest() *UserCreateRequest {
	return &UserCreateRequest{
		ClientID: Ptr[int64](1), ExternalUserID: Ptr[int64](1), CompanyName: "Bedrijfsnaam", Gender: "M",
		FirstName: "Voornaam", LastName: "Achternaam", DateOfBirth: "1980-04-09", Address: "Straatnaam",
		HouseNumber: "19b", PostalCode: "2818 AA", City: "Zoetermeer", County: "ZH", Country: Ptr("NL"),
		Email: "info@test.nl", Website: "www.test.nl", Phone: "079-1234567", Cellular: "06-12345678",
	}
}

// BenchmarkCreate creates the seed's user.
func BenchmarkCreate(b *testing.B) {
	srv := benchServer(b)
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		c := benchClient(b, srv)
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			u, err := c.Users.Create(ctx, benchCreateRequest())
			if err != nil || u.UserID != 19569 || u.Activation == nil {
				b.Fatal(err, u)
			}
		}
	})
	b.Run("hand", func(b *testing.B) {
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			env, err := handDo[handUser](ctx, http.MethodPost, srv.URL+"/users/", benchCreateRequest())
			if err != nil || env.Data.UserID != 19569 || env.Data.Activation == nil {
				b.Fatal(err, env)
			}
			if _, err := time.Parse(time.DateTime, env.Data.Activation.ValidUntil); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkGetParallel64 is Get from 64 goroutines sharing one client.
func BenchmarkGetParallel64(b *testing.B) {
	srv := benchServer(b)
	ctx := context.Background()
	par := max(1, 64/runtime.GOMAXPROCS(0))
	b.Run("sdk", func(b *testing.B) {
		c := benchClient(b, srv)
		defer benchkit.CPUPerOp(b)()
		b.SetParallelism(par)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				u, err := c.Users.Get(ctx, 1)
				if err != nil || u.UserID != 1 {
					b.Error(err)
					return
				}
			}
		})
	})
	b.Run("hand", func(b *testing.B) {
		defer benchkit.CPUPerOp(b)()
		b.SetParallelism(par)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				env, err := handDo[[]handUser](ctx, http.MethodGet, srv.URL+"/users/1/", nil)
				if err != nil || len(env.Data) != 1 || env.Data[0].UserID != 1 {
					b.Error(err)
					return
				}
			}
		})
	})
}

// BenchmarkGetParallel64Paired is BenchmarkGetParallel64's two sides in
// one process, in alternating bursts (see benchkit.Paired): its
// "sdk/hand" is the steadier ratio on a busy machine.
func BenchmarkGetParallel64Paired(b *testing.B) {
	srv := benchServer(b)
	ctx := context.Background()
	c := benchClient(b, srv)
	benchkit.Paired(b, 64, 16,
		func() error {
			u, err := c.Users.Get(ctx, 1)
			if err == nil && u.UserID != 1 {
				err = fmt.Errorf("got user %d", u.UserID)
			}
			return err
		},
		func() error {
			env, err := handDo[[]handUser](ctx, http.MethodGet, srv.URL+"/users/1/", nil)
			if err == nil && (len(env.Data) != 1 || env.Data[0].UserID != 1) {
				err = fmt.Errorf("got %+v", env.Data)
			}
			return err
		})
}
