package transport

import (
	"testing"

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
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Messages([]byte(tc.body)))
		})
	}
}

func FuzzMessages(f *testing.F) {
	for _, s := range []string{`{"detail":[{"loc":["body",1],"msg":"x"}]}`, `{"errors":[["a"],{"message":"b"}]}`, `{"msg":null}`, `{"detail":{}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, m := range Messages(b) {
			if m == "" {
				t.Fatalf("empty message from %q", b)
			}
		}
	})
}
