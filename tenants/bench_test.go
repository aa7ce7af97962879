package tenants_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/userapis/sdk/internal/benchkit"
	"github.com/userapis/sdk/tenants"
)

// The benchmarks compare each public call with the one a careful user
// would write by hand against the same loopback server: net/http with a
// pooled client and encoding/json (v1) into a plain struct. The server
// answers every call with the seed's user (testdata/user.json). Aptem has
// no list endpoint, so there is no BenchmarkList100 here. .ci/bench
// prints the sdk/hand ratios.

func benchServer(b *testing.B) *httptest.Server {
	b.Helper()
	user, err := os.ReadFile("testdata/user.json")
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(user)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// handUser is the struct a user would write from Aptem's schema.
type handUser struct {
	ID                 int    `json:"id"`
	FirstName          string `json:"firstName"`
	LastName           string `json:"lastName"`
	CaseOwnerID        int    `json:"caseOwnerId"`
	MentorID           int    `json:"mentorId"`
	Phone              string `json:"phone"`
	ReferenceNumber    string `json:"referenceNumber"`
	GroupID            int    `json:"groupId"`
	JobActiveSync      bool   `json:"jobActiveSync"`
	Email              string `json:"email"`
	Username           string `json:"username"`
	Status             string `json:"status"`
	DateOfBirth        string `json:"dateOfBirth"`
	CaseOwnerFirstName string `json:"caseOwnerFirstName"`
	CaseOwnerLastName  string `json:"caseOwnerLastName"`
	PostCode           string `json:"postCode"`
	Address1           string `json:"address1"`
	Address2           string `json:"address2"`
	TownCity           string `json:"townCity"`
	CountyState        string `json:"countyState"`
	ProgrammeID        int    `json:"programmeId"`
	ProgrammeStartDate string `json:"programmeStartDate"`
	EmployerID         int    `json:"employerId"`
	EmployerAddressID  int    `json:"employerAddressId"`
	ManagerFirstName   string `json:"managerFirstName"`
	ManagerLastName    string `json:"managerLastName"`
	ManagerEmail       string `json:"managerEmail"`
	ManagerPhone       string `json:"managerPhone"`
	IAEnglish          string `json:"IAEnglish"`
	IAMath             string `json:"IAMath"`
	IAICT              string `json:"IAICT"`
	DiagEnglish        string `json:"diagEnglish"`
	DiagMath           string `json:"diagMath"`
	DiagICT            string `json:"diagIct"`
	Title              string `json:"title"`
	PreferredName      string `json:"preferredName"`
	PersonalEmail      string `json:"personalEmail"`
	Gender             string `json:"gender"`
	AuthenticationType string `json:"authenticationType"`
	PlannedHours       int    `json:"plannedHours"`
	WeeklyHours        int    `json:"weeklyHours"`
	ManagerID          int    `json:"managerId"`
}

// handGet and handCreate are the two hand-written calls.
func handGet(ctx context.Context, hc *http.Client, base string, id int) (*handUser, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/tenants/acme/users/search?userId="+strconv.Itoa(id), nil)
	if err != nil {
		return nil, err
	}
	return handSend(hc, req)
}

func handCreate(ctx context.Context, hc *http.Client, base string, in map[string]any) (*handUser, error) {
	b, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/tenants/acme/users", bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return handSend(hc, req)
}

func handSend(hc *http.Client, req *http.Request) (*handUser, error) {
	req.Header.Set("X-API-Token", "bench-token")
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	var u handUser
	if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
		return nil, err
	}
	return &u, nil
}

func benchClients(b *testing.B) (*tenants.Client, *http.Client, string) {
	b.Helper()
	srv := benchServer(b)
	c, err := tenants.NewClient(tenants.WithTenant("acme"), tenants.WithToken("bench-token"), tenants.WithBaseURL(srv.URL))
	if err != nil {
		b.Fatal(err)
	}
	return c, &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 100}}, srv.URL
}

func BenchmarkGet(b *testing.B) {
	c, hc, base := benchClients(b)
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			if u, err := c.Users.Get(ctx, 4021); err != nil || u.ID != 4021 {
				b.Fatal(err)
			}
		}
	})
	b.Run("hand", func(b *testing.B) {
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			if u, err := handGet(ctx, hc, base, 4021); err != nil || u.ID != 4021 {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkCreate(b *testing.B) {
	c, hc, base := benchClients(b)
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			req := &tenants.UserCreateRequest{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com",
				GroupID: tenants.Ptr(5), JobActiveSync: tenants.Ptr(true)}
			if u, err := c.Users.Create(ctx, req); err != nil || u.ID != 4021 {
				b.Fatal(err)
			}
		}
	})
	b.Run("hand", func(b *testing.B) {
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			req := map[string]any{"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com", "groupId": 5, "jobActiveSync": true}
			if u, err := handCreate(ctx, hc, base, req); err != nil || u.ID != 4021 {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkGetParallel64 is 64 goroutines sharing one client.
func BenchmarkGetParallel64(b *testing.B) {
	c, hc, base := benchClients(b)
	ctx := context.Background()
	par := (64 + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0)
	b.Run("sdk", func(b *testing.B) {
		defer benchkit.CPUPerOp(b)()
		b.SetParallelism(par)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if u, err := c.Users.Get(ctx, 4021); err != nil || u.ID != 4021 {
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
				if u, err := handGet(ctx, hc, base, 4021); err != nil || u.ID != 4021 {
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
	c, hc, base := benchClients(b)
	ctx := context.Background()
	benchkit.Paired(b, 64, 16,
		func() error {
			u, err := c.Users.Get(ctx, 4021)
			if err != nil {
				return err
			}
			return wantUser(u.ID)
		},
		handPairedSide(ctx, hc, base))
}

// BenchmarkGetParallel64PairedHandHand is BenchmarkGetParallel64Paired
// with the hand-written call on both sides, each with a client of its
// own: what the harness gives for two equal calls, 1 give or take its own
// spread, against which a paired ratio (or a change to one) can be read.
func BenchmarkGetParallel64PairedHandHand(b *testing.B) {
	_, hc, base := benchClients(b)
	hc2 := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 100}}
	b.Cleanup(hc2.CloseIdleConnections)
	ctx := context.Background()
	benchkit.Paired(b, 64, 16, handPairedSide(ctx, hc, base), handPairedSide(ctx, hc2, base))
}

// handPairedSide is the hand-written get as a side of benchkit.Paired.
func handPairedSide(ctx context.Context, hc *http.Client, base string) func() error {
	return func() error {
		u, err := handGet(ctx, hc, base, 4021)
		if err != nil {
			return err
		}
		return wantUser(u.ID)
	}
}

// wantUser fails a paired call that did not return the user asked for.
func wantUser(id int) error {
	if id != 4021 {
		return fmt.Errorf("got user %d", id)
	}
	return nil
}
