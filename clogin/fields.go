package clogin

import (
	"bytes"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/userapis/sdk/internal/transport"
	"github.com/userapis/sdk/internal/validate"
)

// FieldValue is the value of one form field: a single string ([Text]) or
// the chosen options of a multi-choice field ([Choices]), which Regpack
// takes as a list even when one option is chosen. The zero FieldValue is
// the empty text "".
type FieldValue struct {
	text    string
	choices []string
	multi   bool
}

// Text is a single-valued field's value.
func Text(s string) FieldValue { return FieldValue{text: s} }

// Choices is a multi-choice field's value, sent as a JSON list.
func Choices(values ...string) FieldValue {
	return FieldValue{choices: append([]string{}, values...), multi: true}
}

// IsChoices reports whether v is a list of choices.
func (v FieldValue) IsChoices() bool { return v.multi }

// Values returns the choices, or the text as a one-element list.
func (v FieldValue) Values() []string {
	if v.multi {
		return slices.Clone(v.choices)
	}
	return []string{v.text}
}

// String returns the text, or the choices joined with ", ".
func (v FieldValue) String() string {
	if v.multi {
		return strings.Join(v.choices, ", ")
	}
	return v.text
}

// MarshalJSONTo writes a string, or a list for [Choices] ([] when none):
// the encoding/json/v2 form of [FieldValue.MarshalJSON].
func (v FieldValue) MarshalJSONTo(enc *jsontext.Encoder) error {
	if !v.multi {
		return enc.WriteToken(jsontext.String(v.text))
	}
	if err := enc.WriteToken(jsontext.BeginArray); err != nil {
		return err
	}
	for _, c := range v.choices {
		if err := enc.WriteToken(jsontext.String(c)); err != nil {
			return err
		}
	}
	return enc.WriteToken(jsontext.EndArray)
}

// MarshalJSON encodes a string, or a list for [Choices] ([] when none).
func (v FieldValue) MarshalJSON() ([]byte, error) { return jsonv2.Marshal(v, transport.V1JSON) }

// UnmarshalJSON reads a string, a number (as its text) or a list of strings.
func (v *FieldValue) UnmarshalJSON(b []byte) error {
	var list []string
	if len(b) > 0 && b[0] == '[' && jsonv2.Unmarshal(b, &list, transport.V1JSON) == nil {
		*v = FieldValue{choices: list, multi: true}
		if list == nil {
			v.choices = []string{}
		}
		return nil
	}
	var s string
	if err := jsonv2.Unmarshal(b, &s, transport.V1JSON); err == nil {
		*v = Text(s)
		return nil
	}
	if n := jsontext.Value(bytes.TrimSpace(b)); n.Kind() == '0' && n.IsValid() {
		*v = Text(string(n))
		return nil
	}
	return fmt.Errorf("clogin: field value must be a string or a list of strings, got %s", b)
}

// UserFields is the doc of a new user for [UsersService.Create] and
// [UsersService.CreateChild]: the documented system fields, and any form
// field by mapped name or "f_<n>_<n>" id in Fields. Empty strings are not
// sent. Its String, GoString and LogValue never show Password.
type UserFields struct {
	// Username is the login name; the project wants an e-mail unless its
	// login widget says otherwise. Left empty, Regpack uses MainEmail.
	Username string `json:"username,omitempty"`
	// Password is at least 6 characters.
	Password string `json:"password,omitempty"`
	// MainEmail is checked by Regpack, also against DNS.
	MainEmail string `json:"main_email,omitempty"`
	// FirstName and LastName make the name shown in the Users tab.
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	// OrgName is for family and group structures only.
	OrgName string `json:"org_name,omitempty"`
	// ApplicationDate (a child's "_application_date") defaults to the
	// creation date.
	ApplicationDate string `json:"_application_date,omitempty"`
	// Fields are further form fields, written after the ones above in key
	// order; a key the fields above own is refused.
	Fields map[string]FieldValue `json:"-"`
}

// userFieldKeys are the JSON names UserFields writes itself.
var userFieldKeys = []string{"username", "password", "main_email", "first_name", "last_name", "org_name", "_application_date"}

// MarshalJSONTo writes the set fields, then Fields in key order: the
// encoding/json/v2 form of [UserFields.MarshalJSON].
func (u UserFields) MarshalJSONTo(enc *jsontext.Encoder) error {
	var buf [16]member
	ms := buf[:0]
	for _, kv := range [...]member{
		{"username", u.Username}, {"password", u.Password}, {"main_email", u.MainEmail},
		{"first_name", u.FirstName}, {"last_name", u.LastName}, {"org_name", u.OrgName},
		{"_application_date", u.ApplicationDate},
	} {
		if kv.val.(string) != "" {
			ms = append(ms, kv)
		}
	}
	for _, key := range sortedKeys(u.Fields) {
		if slices.Contains(userFieldKeys, key) {
			return fmt.Errorf("clogin: UserFields.Fields[%q] repeats a typed field", key)
		}
		ms = append(ms, member{key, u.Fields[key]})
	}
	return object(ms).MarshalJSONTo(enc)
}

// MarshalJSON writes the set fields, then Fields in key order.
func (u UserFields) MarshalJSON() ([]byte, error) { return jsonv2.Marshal(u, transport.V1JSON) }

// String describes u without its password.
func (u UserFields) String() string {
	pw := ""
	if u.Password != "" {
		pw = "[REDACTED]"
	}
	return fmt.Sprintf("clogin.UserFields{Username: %q, Password: %q, MainEmail: %q, FirstName: %q, LastName: %q, OrgName: %q, ApplicationDate: %q, Fields: %d}",
		u.Username, pw, u.MainEmail, u.FirstName, u.LastName, u.OrgName, u.ApplicationDate, len(u.Fields))
}

// GoString is String, so %#v does not print the password either.
func (u UserFields) GoString() string { return u.String() }

// LogValue logs the fields, with the password hidden and Fields counted
// rather than shown.
func (u UserFields) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("username", u.Username), slog.String("main_email", u.MainEmail),
		slog.String("first_name", u.FirstName), slog.String("last_name", u.LastName),
	}
	if u.Password != "" {
		attrs = append(attrs, slog.String("password", "[REDACTED]"))
	}
	attrs = append(attrs, slog.Int("fields", len(u.Fields)))
	return slog.GroupValue(attrs...)
}

// check records UserFields' documented constraints.
func (u *UserFields) check(v *validate.Checker) {
	if u == nil {
		return
	}
	if u.Password != "" {
		v.Length("doc.password", u.Password, 6, 0)
	}
	if u.MainEmail != "" {
		v.Email("doc.main_email", u.MainEmail)
	}
	for _, key := range sortedKeys(u.Fields) {
		switch {
		case strings.TrimSpace(key) == "":
			v.Add("doc", "has an empty field name")
		case slices.Contains(userFieldKeys, key):
			v.Add("doc."+key, "is set both as a typed field and in Fields")
		}
	}
}

// checkUserDoc applies UserFields' rules when doc is one.
func checkUserDoc(v *validate.Checker, doc any) {
	switch d := doc.(type) {
	case UserFields:
		d.check(v)
	case *UserFields:
		d.check(v)
	}
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
