package classifieds

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log/slog"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The secrets seeded in the values below: none may reach a log line.
var logSecrets = []string{"1980-04-09", "TOKEN-9f2c17e1", "203.0.113.77", "079-SECRET-1", "Geheimstraat", "skype-secret", testKey}

// loggedValues holds a value of every exported type, seeded with secrets.
func loggedValues(t *testing.T) map[string]any {
	t.Helper()
	contact := Contact{UserID: 1, ContactID: 2, Name: "Jan", Address: "Geheimstraat", Phone: "079-SECRET-1", Skype: "skype-secret"}
	activation := Activation{UserID: 1, ActivationToken: "TOKEN-9f2c17e1"}
	contacts := UserContacts{NumberOfContacts: 1, Contacts: []*Contact{&contact}}
	user := User{UserID: 1, LastName: "Achternaam", DateOfBirth: "1980-04-09", Address: "Geheimstraat", Phone: "079-SECRET-1",
		Cellular: "079-SECRET-1", Contacts: &contacts, Activation: &activation}
	c, err := NewClient(WithBaseURL(testBase), WithAPIKey(testKey))
	require.NoError(t, err)
	return map[string]any{
		"User":         user,
		"UserContacts": contacts,
		"Contact":      contact,
		"Activation":   activation,
		"UserPage":     UserPage{Items: []*User{&user}, Page: 1},
		"UserCreateRequest": UserCreateRequest{LastName: "Achternaam", DateOfBirth: "1980-04-09", Address: "Geheimstraat",
			Phone: "079-SECRET-1", Fax: "079-SECRET-1", Cellular: "079-SECRET-1"},
		"UserUpdateRequest": UserUpdateRequest{DateOfBirth: Ptr("1980-04-09"), Address: Ptr("Geheimstraat"), Phone: Ptr("079-SECRET-1")},
		"DeleteOptions":     DeleteOptions{IP: "203.0.113.77"},
		"UserListOptions":   UserListOptions{Page: 2},
		"Client":            *c,
		"UsersService":      *c.Users,
		"Option":            WithAPIKey(testKey),
	}
}

// exemptFromLogTest are exported names that are not data: aliases of the
// shared error and time types (tested where they are defined).
var exemptFromLogTest = []string{"APIError", "ValidationError", "FieldError", "RetryPolicy", "Time"}

func TestRedaction_LogValue_everyExportedTypeHidesSecrets(t *testing.T) {
	values := loggedValues(t)
	for _, name := range exportedTypes(t) {
		assert.Contains(t, values, name, "add a seeded %s to loggedValues", name)
	}
	for name, v := range values {
		ptr := pointerTo(v)
		for _, h := range []struct {
			name string
			new  func(*bytes.Buffer) slog.Handler
		}{
			{"json", func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) }},
			{"text", func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) }},
		} {
			var buf bytes.Buffer
			slog.New(h.new(&buf)).Info("x", "value", v, "pointer", ptr, slog.Group("g", "nested", v))
			for _, s := range logSecrets {
				assert.NotContains(t, buf.String(), s, "%s through the %s handler", name, h.name)
			}
		}
		if _, ok := v.(fmt.Stringer); ok {
			for _, verb := range []string{"%v", "%+v"} {
				out := fmt.Sprintf(verb, v) + fmt.Sprintf(verb, ptr)
				for _, s := range logSecrets {
					assert.NotContains(t, out, s, "%s through %s", name, verb)
				}
			}
		}
	}
}

func TestRedaction_LogValue_showsWhatIsSafe(t *testing.T) {
	values := loggedValues(t)
	var buf bytes.Buffer
	l := slog.New(slog.NewJSONHandler(&buf, nil))
	u := values["User"].(User)
	l.Info("x", "u", u, "c", values["Contact"], "p", values["UserPage"], "d", values["DeleteOptions"])
	out := buf.String()
	assert.Contains(t, out, `"lastName":"Achternaam"`)
	assert.Contains(t, out, `"dateOfBirth":"[redacted]"`)
	assert.Contains(t, out, `"phone":"[redacted]"`)
	assert.Contains(t, out, `"userIds":[1]`)
	assert.Contains(t, out, `"ip":"[redacted]"`)
}

// exportedTypes lists the exported type names declared in the package's
// non-test files.
func exportedTypes(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	require.NoError(t, err)
	var names []string
	for _, p := range pkgs {
		for _, f := range p.Files {
			for _, d := range f.Decls {
				g, ok := d.(*ast.GenDecl)
				if !ok || g.Tok != token.TYPE {
					continue
				}
				for _, s := range g.Specs {
					ts := s.(*ast.TypeSpec)
					if ts.Name.IsExported() && !ts.Assign.IsValid() && !slices.Contains(exemptFromLogTest, ts.Name.Name) { // aliases name transport types, tested there
						names = append(names, ts.Name.Name)
					}
				}
			}
		}
	}
	require.NotEmpty(t, names)
	return names
}

// pointerTo returns a pointer to a copy of v.
func pointerTo(v any) any {
	p := reflect.New(reflect.TypeOf(v))
	p.Elem().Set(reflect.ValueOf(v))
	return p.Interface()
}
