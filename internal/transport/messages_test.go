package transport

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestMessages_vendorShapes(t *testing.T) {
	cases := []struct {
		name, body string
		want       []string
	}{
		{"fastapi list", `{"detail":[{"loc":["body","email"],"msg":"field required","type":"value_error.missing"},{"loc":["query","page",0],"msg":"value is not a valid integer","type":"type_error.integer"}]}`,
			[]string{"email: field required", "page[0]: value is not a valid integer"}},
		{"fastapi loc only root", `{"detail":[{"loc":["body"],"msg":"invalid json"}]}`, []string{"body: invalid json"}},
		{"fastapi string", `{"detail":"Not found"}`, []string{"Not found"}},
		{"classifieds", `{"result":false,"errors":["invalid activationtoken or token expired"]}`, []string{"invalid activationtoken or token expired"}},
		{"classifieds empty errors", `{"result":false,"errors":""}`, nil},
		{"regpack", `{"success":false,"msg":"User not found"}`, []string{"User not found"}},
		{"message", `{"message":"Invalid token"}`, []string{"Invalid token"}},
		{"error object", `{"error":{"code":7,"message":"Quota"}}`, []string{"Quota"}},
		{"errors objects with field", `{"errors":[{"field":"email","message":"taken"}]}`, []string{"email: taken"}},
		{"problem json", `{"title":"Forbidden","status":403}`, []string{"Forbidden"}},
		{"empty", ``, nil},
		{"html", `<html>oops</html>`, nil},
		{"array", `["a"]`, nil},
		{"plain text", "  Permission denied\n", []string{"Permission denied"}},
		{"web api", `{"Message":"Authorization has been denied for this request."}`,
			[]string{"Authorization has been denied for this request."}},
		{"model state", `{"Message":"The request is invalid.","ModelState":{"user.lastName":["The LastName field is required."],"user.email":["The Email field is required.","Bad e-mail."]}}`,
			[]string{"The request is invalid.", "user.email: The Email field is required.", "user.email: Bad e-mail.",
				"user.lastName: The LastName field is required."}},
		{"problem details", `{"type":"https://tools.ietf.org/html/rfc7231#section-6.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"Email":["The Email field is required."]}}`,
			[]string{"One or more validation errors occurred.", "Email: The Email field is required."}},
		{"exception", `{"Message":"An error has occurred.","ExceptionMessage":"Object reference not set"}`,
			[]string{"An error has occurred.", "Object reference not set"}},
		{"no duplicates", `{"message":"x","Message":"x"}`, []string{"x"}},
		{"unknown json", `{"code":7}`, nil},
		{"json string", `"Not found"`, []string{"Not found"}},
		{"json number", `404`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Messages([]byte(tc.body)))
		})
	}
}

func FuzzMessages(f *testing.F) {
	for _, s := range []string{`{"detail":[{"loc":["body",1],"msg":"x"}]}`, `{"errors":[["a"],{"message":"b"}]}`, `{"msg":null}`, `{"detail":{}}`,
		`{"Message":"m","ModelState":{"a":["x"],"":["y"]}}`, `{"ERRORS":{"x":"not a list"},"MESSAGE":5}`, "Permission denied"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, m := range Messages(b) {
			if m == "" {
				t.Fatalf("empty message from %q", b)
			}
			if utf8.ValidString(string(b)) && !utf8.ValidString(m) {
				t.Fatalf("invalid UTF-8 message %q from %q", m, b)
			}
		}
	})
}
