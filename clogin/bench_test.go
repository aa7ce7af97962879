package clogin

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
// same payload into a plain struct (ids and counts the vendor sends as
// strings read with ",string", money kept as its string, free-form parts
// such as doc and the product lists into maps), checking the success flag.
// Both sides talk to the same loopback server, which answers each action
// with a body shaped as the fact sheet and the fake describe.
// Names are read by a script: Benchmark<Call>/sdk and Benchmark<Call>/hand;
// BenchmarkGet is GetInfo and BenchmarkList100 is one get_user_list page,
// which the vendor fixes at 50 parents (here with 63 children, the
// vendor's own example: 113 users).

func benchUserInfo(id, parent int) string {
	return `{"clogin_id":"` + strconv.Itoa(id) + `","group_id":"7770001","connected_to":"` + strconv.Itoa(parent) + `"}`
}

func benchMetaInfo(name string) string {
	return `{"u_name":"` + name + `","total_forms":"4","completed_forms":"2","total_user_forms":"4",` +
		`"total_completed_user_forms":"2","total_user_mandatory_forms":"3","total_completed_user_mandatory_forms":"1",` +
		`"total_order":"1250.00","total_paid":"250.50","total_balance":"999.50","status_id":"3","status_name":"Accepted"}`
}

func benchDoc(n int) string {
	parts := make([]string, 0, n)
	for i := range n {
		switch i % 4 {
		case 0:
			parts = append(parts, `"f_1002`+strconv.Itoa(i)+`_300400`+strconv.Itoa(i)+`":"free text answer number `+strconv.Itoa(i)+`"`)
		case 1:
			parts = append(parts, `"will_you_tour_`+strconv.Itoa(i)+`":["no","maybe"]`)
		case 2:
			parts = append(parts, `"your_instrument_`+strconv.Itoa(i)+`":"cello"`)
		default:
			parts = append(parts, `"age_`+strconv.Itoa(i)+`":"12"`)
		}
	}
	return `{` + strings.Join(parts, ",") + `}`
}

// benchGetInfoJSON answers get_info with _allfields, _family,
// _userproducts, _usercart, _userforms and _userpayments.
var benchGetInfoJSON = []byte(`{"success":true,"msg":"User info","msg_type":"success",` +
	`"user_info":` + benchUserInfo(5550001, 5550001) + `,"meta_info":` + benchMetaInfo("Ada Lovelace") +
	`,"doc":` + benchDoc(24) +
	`,"parent":` + benchMetaInfo("Ada Lovelace") + `,"children":[` + benchMetaInfo("Byron King") + `,` + benchMetaInfo("Ann King") + `]` +
	`,"userproducts":[{"p_id":"101","name":"Summer camp","price":"950.00","cart_id":"101"},{"p_id":"102","name":"Bus","price":"120.00"},` +
	`{"p_id":"103","name":"T-shirt","price":"15.00"},{"p_id":"104","name":"Lunch","price":"60.00","cart_id":"104"},{"p_id":"105","name":"Insurance","price":"25.50"}]` +
	`,"usercart":[{"p_id":"101","name":"Summer camp","q":"1","price":"950.00"},{"p_id":"104","name":"Lunch","q":"5","price":"300.00"}]` +
	`,"userforms":[],"userpayments":[]}`)

func benchListItem(id, parent int, name string) string {
	return `{"user_info":` + benchUserInfo(id, parent) + `,"meta_info":` + benchMetaInfo(name) + `,"doc":` + benchDoc(4) + `}`
}

// benchListJSON is a full get_user_list page: 50 parents, 63 children.
func benchListJSON() []byte {
	var users, children []string
	for i := range 50 {
		id := 5550001 + i*10
		users = append(users, benchListItem(id, id, "Parent "+strconv.Itoa(i)))
		for j := range 1 + boolInt(i < 13) {
			children = append(children, benchListItem(id+1+j, id, "Child "+strconv.Itoa(j)))
		}
	}
	return []byte(`{"success":true,"msg":"User list","total_users":113,"records_per_page":50,` +
		`"totals":{"parents":"50","children":"63"},"users":[` + strings.Join(users, ",") + `],"children":[` + strings.Join(children, ",") + `]}`)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

var benchCreateJSON = []byte(`{"success":true,"msg":"User created","msg_type":"success","system_action":["User registered"],` +
	`"user_info":` + benchUserInfo(5550099, 5550099) + `,"meta_info":` + benchMetaInfo("Ada Lovelace") + `}`)

// benchServer answers by action; it reads the body as a server would.
func benchServer(b *testing.B) *httptest.Server {
	b.Helper()
	list := benchListJSON()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(r.Body)
		if r.Header.Get("Api-Token") != testCreds.APIToken {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var body []byte
		switch in := buf.Bytes(); {
		case bytes.HasPrefix(in, []byte(`{"action":"get_info"`)):
			body = benchGetInfoJSON
		case bytes.HasPrefix(in, []byte(`{"action":"get_user_list"`)):
			body = list
		case bytes.HasPrefix(in, []byte(`{"action":"create"`)):
			body = benchCreateJSON
		default:
			w.WriteHeader(http.StatusBadRequest)
			return
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
	c, err := NewClient(WithBaseURL(srv.URL), WithCredentials(testCreds))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// The hand-written types.
type (
	handUserInfo struct {
		CloginID    int64 `json:"clogin_id,string"`
		GroupID     int64 `json:"group_id,string"`
		ConnectedTo int64 `json:"connected_to,string"`
	}
	handMetaInfo struct {
		UName                            string  `json:"u_name"`
		TotalForms                       int     `json:"total_forms,string"`
		CompletedForms                   int     `json:"completed_forms,string"`
		TotalUserForms                   int     `json:"total_user_forms,string"`
		TotalCompletedUserForms          int     `json:"total_completed_user_forms,string"`
		TotalUserMandatoryForms          int     `json:"total_user_mandatory_forms,string"`
		TotalCompletedUserMandatoryForms int     `json:"total_completed_user_mandatory_forms,string"`
		TotalOrder                       string  `json:"total_order"`
		TotalPaid                        string  `json:"total_paid"`
		TotalBalance                     string  `json:"total_balance"`
		StatusID                         int64   `json:"status_id,string"`
		StatusName                       *string `json:"status_name"`
	}
	handResult struct {
		Success      bool             `json:"success"`
		Message      string           `json:"msg"`
		MessageType  string           `json:"msg_type"`
		SystemAction []string         `json:"system_action"`
		UserToken    string           `json:"user_token"`
		UserInfo     handUserInfo     `json:"user_info"`
		MetaInfo     handMetaInfo     `json:"meta_info"`
		Doc          map[string]any   `json:"doc"`
		Parent       *handMetaInfo    `json:"parent"`
		Children     []handMetaInfo   `json:"children"`
		UserProducts []map[string]any `json:"userproducts"`
		UserCart     []map[string]any `json:"usercart"`
		UserForms    []any            `json:"userforms"`
		UserPayments []any            `json:"userpayments"`
	}
	handSummary struct {
		UserInfo handUserInfo   `json:"user_info"`
		MetaInfo handMetaInfo   `json:"meta_info"`
		Doc      map[string]any `json:"doc"`
	}
	handPage struct {
		Success        *bool          `json:"success"`
		Message        string         `json:"msg"`
		TotalUsers     int            `json:"total_users"`
		RecordsPerPage int            `json:"records_per_page"`
		Totals         map[string]any `json:"totals"`
		Users          []handSummary  `json:"users"`
		Children       []handSummary  `json:"children"`
	}
	handRequest struct {
		Action              string         `json:"action"`
		GroupID             int64          `json:"group_id"`
		CloginID            any            `json:"clogin_id,omitempty"`
		SubmitForms         *bool          `json:"submit_forms,omitempty"`
		DisableEmailSending *bool          `json:"disable_email_sending,omitempty"`
		Doc                 map[string]any `json:"doc"`
	}
)

var handHTTP = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 100}}

// handDo is the hand-written call: encode the body, set the four
// credential headers, post, decode, check the success flag.
func handDo(ctx context.Context, url string, body *handRequest, out any, failed func() bool) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/users/", bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Api-User", testCreds.APIUser)
	req.Header.Set("Api-Token", testCreds.APIToken)
	req.Header.Set("Api-Id", strconv.FormatInt(testCreds.APIID, 10))
	req.Header.Set("Timestamp", strconv.FormatInt(time.Now().Unix(), 10))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := handHTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return err
	}
	if failed() {
		return errors.New("success: false")
	}
	return nil
}

func benchGetInfoRequest() *GetInfoRequest {
	return &GetInfoRequest{GroupID: 7770001, CloginID: 5550001, AllFields: true, Family: true, UserProducts: true,
		UserCart: true, UserForms: true, UserPayments: true}
}

func handGetInfo(ctx context.Context, url string) (*handResult, error) {
	var r handResult
	err := handDo(ctx, url, &handRequest{Action: "get_info", GroupID: 7770001, CloginID: 5550001, Doc: map[string]any{
		"_allfields": true, "_family": true, "_userproducts": true, "_userforms": true, "_usercart": true, "_userpayments": true,
	}}, &r, func() bool { return !r.Success })
	return &r, err
}

// BenchmarkGet is GetInfo with every doc flag set.
func BenchmarkGet(b *testing.B) {
	srv := benchServer(b)
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		c := benchClient(b, srv)
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			r, err := c.Users.GetInfo(ctx, benchGetInfoRequest())
			if err != nil || r.UserInfo.CloginID != 5550001 || len(r.Children) != 2 {
				b.Fatal(err, r)
			}
		}
	})
	b.Run("hand", func(b *testing.B) {
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			r, err := handGetInfo(ctx, srv.URL)
			if err != nil || r.UserInfo.CloginID != 5550001 || len(r.Children) != 2 {
				b.Fatal(err, r)
			}
		}
	})
}

// BenchmarkList100 reads one get_user_list page: the vendor's page is 50
// parents (here with 63 children), not 100 users.
func BenchmarkList100(b *testing.B) {
	srv := benchServer(b)
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		c := benchClient(b, srv)
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			p, err := c.Users.List(ctx, &UserListOptions{GroupID: 7770001, AllFields: true})
			if err != nil || len(p.Users) != 50 || len(p.Children) != 63 {
				b.Fatal(err)
			}
		}
	})
	b.Run("hand", func(b *testing.B) {
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			var p handPage
			err := handDo(ctx, srv.URL, &handRequest{Action: "get_user_list", GroupID: 7770001, Doc: map[string]any{"_allfields": true}},
				&p, func() bool { return p.Success != nil && !*p.Success })
			if err != nil || len(p.Users) != 50 || len(p.Children) != 63 {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCreate creates a user with the documented system fields and two
// form fields.
func BenchmarkCreate(b *testing.B) {
	srv := benchServer(b)
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		c := benchClient(b, srv)
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			r, err := c.Users.Create(ctx, &CreateRequest{
				GroupID: 7770001, SubmitForms: Ptr(false), DisableEmailSending: Ptr(true),
				Doc: UserFields{
					Username: "ada@example.com", Password: "analytical", MainEmail: "ada@example.com",
					FirstName: "Ada", LastName: "Lovelace",
					Fields: map[string]FieldValue{"your_instrument": Text("cello"), "will_you_tour": Choices("no")},
				},
			})
			if err != nil || r.UserInfo.CloginID != 5550099 {
				b.Fatal(err, r)
			}
		}
	})
	b.Run("hand", func(b *testing.B) {
		defer benchkit.CPUPerOp(b)()
		for b.Loop() {
			var r handResult
			f, t := false, true
			err := handDo(ctx, srv.URL, &handRequest{
				Action: "create", GroupID: 7770001, CloginID: false, SubmitForms: &f, DisableEmailSending: &t,
				Doc: map[string]any{
					"username": "ada@example.com", "password": "analytical", "main_email": "ada@example.com",
					"first_name": "Ada", "last_name": "Lovelace", "your_instrument": "cello", "will_you_tour": []string{"no"},
				},
			}, &r, func() bool { return !r.Success })
			if err != nil || r.UserInfo.CloginID != 5550099 {
				b.Fatal(err, r)
			}
		}
	})
}

// BenchmarkGetParallel64 is GetInfo from 64 goroutines sharing one client.
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
				r, err := c.Users.GetInfo(ctx, benchGetInfoRequest())
				if err != nil || r.UserInfo.CloginID != 5550001 {
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
				r, err := handGetInfo(ctx, srv.URL)
				if err != nil || r.UserInfo.CloginID != 5550001 {
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
			r, err := c.Users.GetInfo(ctx, benchGetInfoRequest())
			if err == nil && r.UserInfo.CloginID != 5550001 {
				err = fmt.Errorf("got clogin_id %d", r.UserInfo.CloginID)
			}
			return err
		},
		func() error {
			r, err := handGetInfo(ctx, srv.URL)
			if err == nil && r.UserInfo.CloginID != 5550001 {
				err = fmt.Errorf("got clogin_id %d", r.UserInfo.CloginID)
			}
			return err
		})
}
