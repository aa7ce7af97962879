package clogin

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/userapis/sdk/internal/redacttest"
)

// The secrets seeded in the values below: none may reach a log line.
var logSecrets = []string{"0f1e2d3c-user-token", "pa55-secret-word", testCreds.APIToken, "doc-secret-value", "mail-secret-body",
	"secret-to@example.com"}

const secretRaw = `{"success":true,"user_token":"0f1e2d3c-user-token","doc":{"f_1_2":"doc-secret-value"}}`

// loggedValues holds a value of every exported type, seeded with secrets.
func loggedValues(t *testing.T) map[string]any {
	t.Helper()
	name := "Accepted"
	meta := MetaInfo{UName: "Ada", TotalForms: 2, StatusName: &name}
	child := &UserSummary{CloginID: 2, ConnectedTo: 1, MetaInfo: meta, Doc: []byte(`{"f_1_2":"doc-secret-value"}`), Raw: []byte(secretRaw)}
	summary := UserSummary{CloginID: 1, ConnectedTo: 1, MetaInfo: meta, Doc: []byte(`{"f_1_2":"doc-secret-value"}`),
		Raw: []byte(secretRaw), Children: []*UserSummary{child}}
	fields := UserFields{Username: "ada@example.com", Password: "pa55-secret-word",
		Fields: map[string]FieldValue{"f_1_2": Text("doc-secret-value")}}
	secretDoc := map[string]any{"password": "pa55-secret-word", "f_1_2": "doc-secret-value"}
	email := Email{From: "a@example.com", To: "secret-to@example.com", Subject: "Hi", Body: "mail-secret-body"}
	c, err := NewClient(WithCredentials(testCreds))
	require.NoError(t, err)
	return map[string]any{
		"Credentials":  testCreds,
		"Client":       *c,
		"UsersService": *c.Users,
		"Option":       WithCredentials(testCreds),
		"Result": Result{Message: "User logged in", Success: true, UserToken: "0f1e2d3c-user-token", MetaInfo: meta,
			Parent: &meta, Children: []MetaInfo{meta}, Raw: []byte(secretRaw)},
		"UserInfo":           UserInfo{CloginID: 1, GroupID: 2, ConnectedTo: 1},
		"MetaInfo":           meta,
		"UserSummary":        summary,
		"UserPage":           UserPage{Users: []*UserSummary{&summary}, Children: []*UserSummary{child}, Raw: []byte(secretRaw), Totals: []byte(secretRaw)},
		"UserFields":         fields,
		"FieldValue":         Choices("cello"),
		"CreateRequest":      CreateRequest{GroupID: 1, Doc: fields},
		"CreateChildRequest": CreateChildRequest{GroupID: 1, ConnectedTo: 1, Doc: &fields},
		"LoginRequest":       LoginRequest{GroupID: 1, CloginID: 1, Doc: secretDoc},
		"UpdateRequest":      UpdateRequest{GroupID: 1, CloginID: 1, Fields: fields.Fields, Doc: secretDoc},
		"Product":            Product{PID: 101, Q: 1},
		"AddProductRequest":  AddProductRequest{GroupID: 1, ProductList: []Product{{PID: 101, Q: 1}}, Doc: secretDoc},
		"Email":              email,
		"AddEmailRequest":    AddEmailRequest{GroupID: 1, CloginID: 1, EmailList: []Email{email}, Doc: secretDoc},
		"GetInfoRequest":     GetInfoRequest{GroupID: 1, CloginID: 1, Doc: secretDoc},
		"SetStatusRequest":   SetStatusRequest{GroupID: 1, CloginID: 1, StatusID: 3, Doc: secretDoc},
		"Request":            Request{Action: "x", GroupID: 1, Doc: secretDoc, Params: map[string]any{"k": "doc-secret-value"}},
		"UserListOptions":    UserListOptions{GroupID: 1, Doc: secretDoc},
	}
}

// exemptFromLogTest are exported names that are not data: aliases of the
// shared error and money types (tested where they are defined).
var exemptFromLogTest = []string{"APIError", "ValidationError", "FieldError", "RetryPolicy", "Amount"}

func TestRedaction_LogValue_everyExportedTypeHidesSecrets(t *testing.T) {
	redacttest.Check(t, ".", loggedValues(t), logSecrets, exemptFromLogTest...)
}

func TestRedaction_LogValue_showsWhatIsSafe(t *testing.T) {
	values := loggedValues(t)
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "r", values["Result"], "s", values["UserSummary"], "c", values["CreateRequest"])
	out := buf.String()
	assert.Contains(t, out, `"msg":"User logged in"`)
	assert.Contains(t, out, `"user_token":"[REDACTED]"`)
	assert.Contains(t, out, `"u_name":"Ada"`)
	assert.Contains(t, out, `"raw":"`+fmt.Sprint(len(secretRaw))+` bytes"`)
	assert.Contains(t, out, `"password":"[REDACTED]"`)
	assert.Contains(t, out, `"status_name":"Accepted"`)
}
