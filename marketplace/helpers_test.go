package marketplace_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/marketplace"
)

const (
	testBase = "https://api.mmob.test/v1"
	testKey  = "key-0123456789"
)

// fastRetries keeps retry tests quick.
var fastRetries = marketplace.RetryPolicy{MaxRetries: 2, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond}

// captured is one request the mock received.
type captured struct {
	Method string
	Path   string // escaped path, as sent
	Query  map[string][]string
	Header http.Header
	Body   []byte
}

// mockAPI answers every request with one canned response and records it.
type mockAPI struct {
	mu     sync.Mutex
	reqs   []captured
	status int
	body   string
	err    error
}

func (m *mockAPI) respond(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reqs = append(m.reqs, captured{
		Method: req.Method,
		Path:   req.URL.EscapedPath(),
		Query:  req.URL.Query(),
		Header: req.Header.Clone(),
		Body:   body,
	})
	if m.err != nil {
		return nil, m.err
	}
	resp := httpmock.NewStringResponse(m.status, m.body)
	resp.Header.Set("Content-Type", "application/json")
	return resp, nil
}

// only returns the single request the mock received.
func (m *mockAPI) only(t *testing.T) captured {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	require.Len(t, m.reqs, 1, "requests sent")
	return m.reqs[0]
}

func (m *mockAPI) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.reqs)
}

// newMock returns a client whose every request gets status and body.
func newMock(t *testing.T, status int, body string, opts ...marketplace.Option) (*marketplace.Client, *mockAPI) {
	t.Helper()
	m := &mockAPI{status: status, body: body}
	return mockClient(t, m, opts...), m
}

// newFailingMock returns a client whose every request fails with err
// before any response, as a reset connection would.
func newFailingMock(t *testing.T, err error, opts ...marketplace.Option) (*marketplace.Client, *mockAPI) {
	t.Helper()
	m := &mockAPI{err: err}
	return mockClient(t, m, opts...), m
}

func mockClient(t *testing.T, m *mockAPI, opts ...marketplace.Option) *marketplace.Client {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(m.respond)
	all := append([]marketplace.Option{
		marketplace.WithBaseURL(testBase),
		marketplace.WithAPIKey(testKey),
		marketplace.WithHTTPClient(&http.Client{Transport: mt}),
		marketplace.WithRetryPolicy(fastRetries),
	}, opts...)
	c, err := marketplace.NewClient(all...)
	require.NoError(t, err)
	return c
}

// readFile returns testdata/name.
func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return string(b)
}

// seedTime is the one date-time the seed's examples use.
var seedTime = marketplace.Time{Time: time.Date(2023, 6, 7, 17, 32, 28, 0, time.UTC)}

// seedUser is what the seed's example user decodes to, field by field.
func seedUser() *marketplace.User {
	return &marketplace.User{
		Meta:                      map[string]any{},
		FirstName:                 "string",
		Surname:                   "string",
		PreferredName:             "string",
		DOB:                       seedTime,
		Title:                     "string",
		Postcode:                  "string",
		BuildingNumber:            "string",
		Address1:                  "string",
		Address2:                  "string",
		Address3:                  "string",
		TownCity:                  "string",
		County:                    "string",
		CountryOfResidence:        "string",
		Nationality:               "string",
		Gender:                    "string",
		RelationshipStatus:        "string",
		NumberOfChildren:          "string",
		AgesOfChildren:            "string",
		PartnerFirstName:          "string",
		PartnerDOB:                seedTime,
		PartnerSurname:            "string",
		PartnerSex:                "string",
		RelationshipToPartner:     "string",
		Smoker:                    "string",
		NumberOfCigarettesPerWeek: 123,
		Drinker:                   "string",
		NumberOfUnitsPerWeek:      123,
		NationalInsuranceNumber:   "string",
		PassportNumber:            "string",
		PhoneNumber:               "string",
		MobileNumber:              "string",
		LastVisited:               seedTime,
		Visits:                    123,
		TermsConditions:           true,
		AssociatedCPUser:          "string",
		Email:                     "alice@example.com",
		ID:                        "string",
		Created:                   seedTime,
		Updated:                   seedTime,
	}
}

// op is one SDK operation, for tests that run against every method.
type op struct {
	name, method, path string
	call               func(ctx context.Context, c *marketplace.Client) error
}

// ops lists the seven operations with valid arguments; path is the
// request path under testBase.
func ops() []op {
	return []op{
		{"Users.List", "GET", "/v1/users", func(ctx context.Context, c *marketplace.Client) error {
			_, err := c.Users.List(ctx, nil)
			return err
		}},
		{"Users.All", "GET", "/v1/users", func(ctx context.Context, c *marketplace.Client) error {
			for _, err := range c.Users.All(ctx, nil) {
				if err != nil {
					return err
				}
			}
			return nil
		}},
		{"Users.Create", "POST", "/v1/users", func(ctx context.Context, c *marketplace.Client) error {
			_, err := c.Users.Create(ctx, &marketplace.UserCreateRequest{FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com"})
			return err
		}},
		{"Users.Get", "GET", "/v1/users/u_1", func(ctx context.Context, c *marketplace.Client) error {
			_, err := c.Users.Get(ctx, "u_1")
			return err
		}},
		{"Users.Update", "POST", "/v1/users/u_1", func(ctx context.Context, c *marketplace.Client) error {
			_, err := c.Users.Update(ctx, "u_1", &marketplace.UserUpdateRequest{Visits: marketplace.Ptr(1)})
			return err
		}},
		{"Broadband.Create", "POST", "/v1/users/broadband", func(ctx context.Context, c *marketplace.Client) error {
			_, err := c.Broadband.Create(ctx, &marketplace.BroadbandCreateRequest{CPUserID: "u_1"})
			return err
		}},
		{"Broadband.Get", "GET", "/v1/users/broadband/u_1", func(ctx context.Context, c *marketplace.Client) error {
			_, err := c.Broadband.Get(ctx, "u_1")
			return err
		}},
		{"Broadband.Update", "POST", "/v1/users/broadband/u_1", func(ctx context.Context, c *marketplace.Client) error {
			_, err := c.Broadband.Update(ctx, "u_1", &marketplace.BroadbandUpdateRequest{PPM: marketplace.Ptr("30")})
			return err
		}},
	}
}

// safe reports whether the operation may be retried after a 5xx.
func (o op) safe() bool { return !strings.HasSuffix(o.name, ".Create") }

// newJSONLogger logs every level to w as JSON.
func newJSONLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// jsonFields returns the JSON names of a struct's fields.
func jsonFields(t *testing.T, v any) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	typ := reflect.TypeOf(v)
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		require.NotEmpty(t, name, "%s.%s has no json name", typ, typ.Field(i).Name)
		out[name] = true
	}
	return out
}

// fillPointers sets every pointer field of *p to a new zero value and
// every map field to an empty map, and returns p.
func fillPointers(p any) any {
	v := reflect.ValueOf(p).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.Pointer:
			f.Set(reflect.New(f.Type().Elem()))
		case reflect.Map:
			f.Set(reflect.MakeMap(f.Type()))
		}
	}
	return p
}
