package transport

import (
	"bytes"
	stdjson "encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

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

// FuzzMessages_sameAsV1 checks the one-pass Messages against the v1
// version it replaced: the same texts for every body, except where the new
// one is deliberately bounded (100 texts, 8 levels of nesting) or reads a
// number in a FastAPI loc in its shortest form.
func FuzzMessages_sameAsV1(f *testing.F) {
	for _, s := range []string{`{"detail":[{"loc":["body",1],"msg":"x"}]}`, `{"errors":[["a"],{"message":"b"}]}`, `{"msg":null}`, `{"detail":{}}`,
		`{"Message":"m","ModelState":{"a":["x"],"":["y"]}}`, `{"ERRORS":{"x":"not a list"},"MESSAGE":5}`, "Permission denied",
		`{"detail":["a",{"msg":"b"}]}`, `{"error":{"field":"email","message":"taken"}}`, `"x"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !utf8.Valid(b) || bytes.Contains(b, []byte(`"loc"`)) || bytes.Count(b, []byte("[")) > maxTextDepth {
			return // invalid UTF-8 and duplicate names: v1 gave up where the new one reads on
		}
		var probe map[string]any
		if stdjson.Unmarshal(b, &probe) == nil && hasFoldedDuplicates(b) {
			return
		}
		old, got := messagesV1(b), Messages(b)
		if len(old) > maxMessages {
			old = old[:maxMessages]
		}
		assert.Equal(t, old, got, "body %q", b)
	})
}

// hasFoldedDuplicates reports whether an object repeats a name exactly,
// which v1 resolves as last-wins and the new parser keeps both of.
func hasFoldedDuplicates(b []byte) bool {
	dec := jsontext.NewDecoder(bytes.NewReader(b), jsontext.AllowDuplicateNames(false))
	for {
		if _, err := dec.ReadToken(); err != nil {
			return err != io.EOF
		}
	}
}

func TestMessages_linearInNesting(t *testing.T) {
	for _, body := range hostileErrorBodies(64 << 10) {
		start := time.Now()
		_ = Messages(body)
		assert.Less(t, time.Since(start), 2*time.Second, "a 64 KiB body must not take seconds (%.40q)", body)
	}
}

// hostileErrorBodies returns error bodies of about n bytes built to make a
// naive walker quadratic: deep lists, deep objects, lists of lists under
// every message key, and many keys.
func hostileErrorBodies(n int) [][]byte {
	depth := n / 2
	deepList := strings.Repeat("[", depth) + strings.Repeat("]", depth)
	deepObj := strings.Repeat(`{"message":`, n/12) + `"x"` + strings.Repeat("}", n/12)
	nested := `{"errors":` + strings.Repeat(`[`, 4000) + `"x"` + strings.Repeat(`]`, 4000) + `}`
	var wide strings.Builder
	wide.WriteString(`{"errors":{`)
	for i := 0; wide.Len() < n; i++ {
		fmt.Fprintf(&wide, `"f%d":[[["a"]]],`, i)
	}
	wide.WriteString(`"z":"y"}}`)
	detail := `{"detail":[` + strings.Repeat(`{"loc":["body","a","b"],"msg":"m"},`, n/36) + `{"msg":"end"}]}`
	return [][]byte{[]byte(deepList), []byte(`{"detail":` + deepList + `}`), []byte(deepObj), []byte(nested), []byte(wide.String()), []byte(detail)}
}

func BenchmarkMessages_worst64KiB(b *testing.B) {
	bodies := hostileErrorBodies(64 << 10)
	b.ReportAllocs()
	for b.Loop() {
		for _, body := range bodies {
			_ = Messages(body)
		}
	}
}
