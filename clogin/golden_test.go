package clogin

import (
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden request bodies in testdata/golden")

// goldenCalls are one call per action (and variant) whose exact request
// body is kept in testdata/golden/<name>.json.
var goldenCalls = []struct {
	name string
	call func(ctx context.Context, u *UsersService) error
}{
	{"create", func(ctx context.Context, u *UsersService) error {
		_, err := u.Create(ctx, &CreateRequest{
			GroupID:             7770001,
			SubmitForms:         Ptr(false),
			DisableEmailSending: Ptr(true),
			Doc: UserFields{
				Username: "ada@example.com", Password: "analytical", MainEmail: "ada@example.com",
				FirstName: "Ada", LastName: "Lovelace", OrgName: "Lovelace family",
				Fields: map[string]FieldValue{"your_instrument": Text("cello"), "f_100200_3004005": Choices("a", "b")},
			},
		})
		return err
	}},
	{"create_existing", func(ctx context.Context, u *UsersService) error {
		_, err := u.Create(ctx, &CreateRequest{GroupID: 7770002, CloginID: 5550001})
		return err
	}},
	{"create_child", func(ctx context.Context, u *UsersService) error {
		_, err := u.CreateChild(ctx, &CreateChildRequest{
			GroupID: 7770001, ConnectedTo: 5550001,
			Doc: &UserFields{FirstName: "Byron", LastName: "King", ApplicationDate: "2024-07-31"},
		})
		return err
	}},
	{"create_child_empty_doc", func(ctx context.Context, u *UsersService) error {
		_, err := u.CreateChild(ctx, &CreateChildRequest{GroupID: 7770001, ConnectedTo: 5550001})
		return err
	}},
	{"login", func(ctx context.Context, u *UsersService) error {
		_, err := u.Login(ctx, &LoginRequest{GroupID: 7770001, CloginID: 5550001})
		return err
	}},
	{"update", func(ctx context.Context, u *UsersService) error {
		_, err := u.Update(ctx, &UpdateRequest{
			GroupID: 7770001, CloginID: 5550002, ConnectedTo: 5550001, SubmitForms: Ptr(false),
			Fields: map[string]FieldValue{
				"your_instrument":  Text("cello"),
				"will_you_tour":    Choices("no"),
				"f_100200_3004005": Text("free text"),
			},
		})
		return err
	}},
	{"add_product", func(ctx context.Context, u *UsersService) error {
		_, err := u.AddProduct(ctx, &AddProductRequest{
			GroupID: 7770001, CloginID: 5550001,
			ProductList: []Product{
				{PID: 101, Q: 2, ProductRemark: "two weeks"},
				{Name: "Private lesson", Q: 1, RecurringStartDate: "09 01 2024"},
			},
		})
		return err
	}},
	{"add_product_new_user", func(ctx context.Context, u *UsersService) error {
		_, err := u.AddProduct(ctx, &AddProductRequest{GroupID: 7770001, ProductList: []Product{{PID: 101, Q: 1}}})
		return err
	}},
	{"add_email", func(ctx context.Context, u *UsersService) error {
		_, err := u.AddEmail(ctx, &AddEmailRequest{
			GroupID: 7770001, CloginID: 5550001,
			EmailList: []Email{{
				From: "office@example.com", To: "ada@example.com, byron@example.com", Subject: "Welcome",
				Body: "<p>See you at camp</p>", CC: "coach@example.com", AdminID: 23218,
			}},
		})
		return err
	}},
	{"get_info", func(ctx context.Context, u *UsersService) error {
		_, err := u.GetInfo(ctx, &GetInfoRequest{
			GroupID: 7770001, CloginID: 5550001,
			AllFields: true, Fields: []string{"your_instrument", "f_100200_3004005"},
			Family: true, UserProducts: true, UserForms: true, UserCart: true, UserPayments: true,
		})
		return err
	}},
	{"get_info_metadata", func(ctx context.Context, u *UsersService) error {
		_, err := u.GetInfo(ctx, &GetInfoRequest{GroupID: 7770001, CloginID: 5550001})
		return err
	}},
	{"set_status", func(ctx context.Context, u *UsersService) error {
		_, err := u.SetStatus(ctx, &SetStatusRequest{GroupID: 7770001, CloginID: 5550001, StatusID: 4})
		return err
	}},
	{"set_status_clear", func(ctx context.Context, u *UsersService) error {
		_, err := u.SetStatus(ctx, &SetStatusRequest{GroupID: 7770001, CloginID: 5550001})
		return err
	}},
	{"get_user_list", func(ctx context.Context, u *UsersService) error {
		_, err := u.List(ctx, &UserListOptions{
			GroupID: 7770001, WithExcluded: true, OnlyParents: true, ReturnFamilies: true,
			StartingPosition: 50, Fields: []string{"your_instrument"},
		})
		return err
	}},
	{"get_user_list_first", func(ctx context.Context, u *UsersService) error {
		_, err := u.List(ctx, &UserListOptions{GroupID: 7770001})
		return err
	}},
	{"do", func(ctx context.Context, u *UsersService) error {
		_, err := u.Do(ctx, &Request{
			Action: "get_info", GroupID: 7770001, CloginID: 5550001,
			Doc:    map[string]any{"utm": true},
			Params: map[string]any{"z_extra": 1, "a_extra": "x"},
		})
		return err
	}},
}

func TestUsers_RequestBodies_golden(t *testing.T) {
	for _, tc := range goldenCalls {
		t.Run(tc.name, func(t *testing.T) {
			rec := newRecorder(t)
			c := rec.client(t)
			require.NoError(t, tc.call(context.Background(), c.Users))
			reqs := rec.requests()
			require.Len(t, reqs, 1)
			r := reqs[0]
			assert.Equal(t, http.MethodPost, r.Method)
			assert.Equal(t, "/users/", r.Path)
			assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
			assert.Equal(t, "application/json", r.Header.Get("Accept"))
			assert.Equal(t, testCreds.APIUser, r.Header.Get("Api-user"))
			assert.Equal(t, testCreds.APIToken, r.Header.Get("Api-token"))
			assert.Equal(t, "23218", r.Header.Get("Api-id"))
			assert.Equal(t, "1722427200", r.Header.Get("Timestamp"))
			assert.True(t, json.Valid(r.Body), "body is JSON: %s", r.Body)

			path := filepath.Join("testdata", "golden", tc.name+".json")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, append(r.Body, '\n'), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -run RequestBodies -update to create it")
			assert.Equal(t, string(want), string(r.Body)+"\n")
		})
	}
}

// The body the SDK writes for update matches the fact sheet's example,
// key order aside.
func TestUsersService_Update_matchesDocumentedExample(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("testdata", "update-request.json"))
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join("testdata", "golden", "update.json"))
	require.NoError(t, err)
	var w, g map[string]any
	require.NoError(t, json.Unmarshal(want, &w))
	require.NoError(t, json.Unmarshal(got, &g))
	delete(g, "submit_forms") // the golden call also turns the forms off
	assert.Equal(t, w, g)
}
