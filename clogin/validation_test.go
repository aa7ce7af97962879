package clogin_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/clogin/clogintest"
)

// Invalid input is refused with every failing field, and nothing is sent.
func TestUsers_validation_table(t *testing.T) {
	srv := clogintest.NewServer()
	defer srv.Close()
	c, ctx := srv.Client(), context.Background()
	long := map[string]clogin.FieldValue{"": clogin.Text("x"), "_system": clogin.Text("x")}
	tests := []struct {
		name string
		call func() error
		want []string // failing fields, in order
	}{
		{"create nil", func() error { _, err := c.Users.Create(ctx, nil); return err }, []string{"request"}},
		{"create no group, negative ids", func() error {
			_, err := c.Users.Create(ctx, &clogin.CreateRequest{CloginID: -1, ConnectedTo: -2})
			return err
		}, []string{"group_id", "clogin_id", "connected_to"}},
		{"create bad user fields", func() error {
			_, err := c.Users.Create(ctx, &clogin.CreateRequest{GroupID: 1, Doc: &clogin.UserFields{
				Password: "short", MainEmail: "not-an-email", Fields: map[string]clogin.FieldValue{"username": clogin.Text("x"), " ": clogin.Text("y")}}})
			return err
		}, []string{"doc.password", "doc.main_email", "doc", "doc.username"}},
		{"create doc not encodable", func() error {
			_, err := c.Users.Create(ctx, &clogin.CreateRequest{GroupID: 1, Doc: map[string]any{"c": make(chan int)}})
			return err
		}, []string{"doc"}},
		{"create_child without parent", func() error {
			_, err := c.Users.CreateChild(ctx, &clogin.CreateChildRequest{GroupID: 1})
			return err
		}, []string{"connected_to"}},
		{"create_child nil", func() error { _, err := c.Users.CreateChild(ctx, nil); return err }, []string{"request"}},
		{"login without ids", func() error { _, err := c.Users.Login(ctx, &clogin.LoginRequest{}); return err }, []string{"group_id", "clogin_id"}},
		{"login nil", func() error { _, err := c.Users.Login(ctx, nil); return err }, []string{"request"}},
		{"update nothing", func() error {
			_, err := c.Users.Update(ctx, &clogin.UpdateRequest{GroupID: 1, CloginID: 1})
			return err
		}, []string{"doc"}},
		{"update bad keys", func() error {
			_, err := c.Users.Update(ctx, &clogin.UpdateRequest{GroupID: 1, CloginID: 1, Fields: long})
			return err
		}, []string{"doc", "doc._system"}},
		{"update key in Fields and Doc", func() error {
			_, err := c.Users.Update(ctx, &clogin.UpdateRequest{GroupID: 1, CloginID: 1,
				Fields: map[string]clogin.FieldValue{"a": clogin.Text("x")}, Doc: map[string]string{"a": "y"}})
			return err
		}, []string{"doc.a"}},
		{"update Doc not an object", func() error {
			_, err := c.Users.Update(ctx, &clogin.UpdateRequest{GroupID: 1, CloginID: 1,
				Fields: map[string]clogin.FieldValue{"a": clogin.Text("x")}, Doc: []string{"a"}})
			return err
		}, []string{"doc"}},
		{"update nil", func() error { _, err := c.Users.Update(ctx, nil); return err }, []string{"request"}},
		{"add_product entries", func() error {
			_, err := c.Users.AddProduct(ctx, &clogin.AddProductRequest{GroupID: 1, ProductList: []clogin.Product{
				{PID: 1, Q: 1}, {Q: 1}, {PID: -3, Q: 0}, {Name: "private", Q: -1}}})
			return err
		}, []string{"product_list[1].p_id", "product_list[2].p_id", "product_list[2].q", "product_list[3].q"}},
		{"add_product empty", func() error {
			_, err := c.Users.AddProduct(ctx, &clogin.AddProductRequest{})
			return err
		}, []string{"product_list", "group_id"}},
		{"add_product nil", func() error { _, err := c.Users.AddProduct(ctx, nil); return err }, []string{"request"}},
		{"add_email entries", func() error {
			_, err := c.Users.AddEmail(ctx, &clogin.AddEmailRequest{GroupID: 1, CloginID: 1, EmailList: []clogin.Email{
				{From: "a", To: "b", Subject: "c", Body: "d"}, {Subject: " ", AdminID: -1}}})
			return err
		}, []string{"doc.email_list[1].from", "doc.email_list[1].to", "doc.email_list[1].subject", "doc.email_list[1].body", "doc.email_list[1].admin_id"}},
		{"add_email none", func() error {
			_, err := c.Users.AddEmail(ctx, &clogin.AddEmailRequest{GroupID: 1, CloginID: 1})
			return err
		}, []string{"doc.email_list"}},
		{"add_email email_list also in Doc", func() error {
			_, err := c.Users.AddEmail(ctx, &clogin.AddEmailRequest{GroupID: 1, CloginID: 1,
				EmailList: []clogin.Email{{From: "a", To: "b", Subject: "c", Body: "d"}}, Doc: map[string]any{"email_list": 1}})
			return err
		}, []string{"doc.email_list"}},
		{"add_email nil", func() error { _, err := c.Users.AddEmail(ctx, nil); return err }, []string{"request"}},
		{"get_info", func() error {
			_, err := c.Users.GetInfo(ctx, &clogin.GetInfoRequest{GroupID: 1, Fields: []string{"ok", ""}})
			return err
		}, []string{"doc.fields[1]", "clogin_id"}},
		{"get_info nil", func() error { _, err := c.Users.GetInfo(ctx, nil); return err }, []string{"request"}},
		{"set_status negative", func() error {
			_, err := c.Users.SetStatus(ctx, &clogin.SetStatusRequest{GroupID: 1, CloginID: 1, StatusID: -1})
			return err
		}, []string{"status_id"}},
		{"set_status nil", func() error { _, err := c.Users.SetStatus(ctx, nil); return err }, []string{"request"}},
		{"list", func() error {
			_, err := c.Users.List(ctx, &clogin.UserListOptions{StartingPosition: -1, OnlyParents: true, OnlyChildren: true, Fields: []string{" "}})
			return err
		}, []string{"doc.starting_position", "doc.only_children", "doc.fields[0]", "group_id"}},
		{"list nil", func() error { _, err := c.Users.List(ctx, nil); return err }, []string{"request"}},
		{"do", func() error {
			_, err := c.Users.Do(ctx, &clogin.Request{Action: " ", Params: map[string]any{"doc": 1, "group_id": 2, "": 3}})
			return err
		}, []string{"action", "params", "params.doc", "params.group_id", "group_id"}},
		{"do known action keeps its rule", func() error {
			_, err := c.Users.Do(ctx, &clogin.Request{Action: "login", GroupID: 1})
			return err
		}, []string{"clogin_id"}},
		{"do nil", func() error { _, err := c.Users.Do(ctx, nil); return err }, []string{"request"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			require.ErrorIs(t, err, clogin.ErrInvalidInput)
			var ve *clogin.ValidationError
			require.ErrorAs(t, err, &ve)
			var got []string
			for _, f := range ve.Fields {
				got = append(got, f.Field)
			}
			assert.Equal(t, tc.want, got)
			assert.Regexp(t, `^clogin: Users\.\w+: invalid input`, err.Error())
		})
	}
	assert.Zero(t, srv.Requests(), "no request is sent for invalid input")
}
