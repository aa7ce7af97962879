package tenants

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestMessages(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"empty", ``, nil},
		{"html", `<html><body>Bad gateway</body></html>`, nil},
		{"plain text", "  Permission denied\n", []string{"Permission denied"}},
		{"web api", `{"Message":"Authorization has been denied for this request."}`,
			[]string{"Authorization has been denied for this request."}},
		{"model state", `{"Message":"The request is invalid.","ModelState":{"user.lastName":["The LastName field is required."],"user.email":["The Email field is required.","Bad e-mail."]}}`,
			[]string{"The request is invalid.", "user.email: The Email field is required.", "user.email: Bad e-mail.",
				"user.lastName: The LastName field is required."}},
		{"problem details", `{"type":"https://tools.ietf.org/html/rfc7231#section-6.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"Email":["The Email field is required."]}}`,
			[]string{"One or more validation errors occurred.", "Email: The Email field is required."}},
		{"lower-case message", `{"message":"User not found"}`, []string{"User not found"}},
		{"errors list", `{"errors":["a","b"]}`, []string{"a", "b"}},
		{"exception", `{"Message":"An error has occurred.","ExceptionMessage":"Object reference not set"}`,
			[]string{"An error has occurred.", "Object reference not set"}},
		{"no duplicates", `{"message":"x","Message":"x"}`, []string{"x"}},
		{"unknown json", `{"code":7}`, nil},
		{"json string", `"Not found"`, []string{"Not found"}},
		{"json number", `404`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, messages([]byte(tt.body)))
		})
	}
}

// FuzzMessages checks the error-body decoder never panics and returns
// only non-empty, valid UTF-8 texts.
func FuzzMessages(f *testing.F) {
	f.Add([]byte(`{"Message":"m","ModelState":{"a":["x"],"":["y"]}}`))
	f.Add([]byte(`{"errors":{"Email":["e"]},"title":"t"}`))
	f.Add([]byte(`{"detail":[{"loc":["body","email"],"msg":"required"}]}`))
	f.Add([]byte("Permission denied"))
	f.Add([]byte(`{"ERRORS":{"x":"not a list"},"MESSAGE":5}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, m := range messages(b) {
			if m == "" {
				t.Fatalf("empty message from %q", b)
			}
			if utf8.ValidString(string(b)) && !utf8.ValidString(m) {
				t.Fatalf("invalid UTF-8 message %q from %q", m, b)
			}
		}
	})
}
