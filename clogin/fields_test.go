package clogin

import (
	"encoding/json"
	"fmt"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/transport"
)

// oldFieldValueUnmarshal is FieldValue.UnmarshalJSON as it was on
// encoding/json v1, kept to fuzz the v2 one against.
func oldFieldValueUnmarshal(v *FieldValue, b []byte) error {
	var list []string
	if json.Unmarshal(b, &list) == nil && len(b) > 0 && b[0] == '[' {
		*v = FieldValue{choices: list, multi: true}
		if list == nil {
			v.choices = []string{}
		}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*v = Text(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("clogin: field value must be a string or a list of strings, got %s", b)
	}
	*v = Text(n.String())
	return nil
}

// FuzzFieldValue_UnmarshalJSON_sameAsV1: every JSON value the v1 method
// was handed decodes to the same FieldValue, and the same ones fail.
func FuzzFieldValue_UnmarshalJSON_sameAsV1(f *testing.F) {
	for _, s := range []string{`"cello"`, `""`, `null`, `12`, `-1.5e3`, `["a","b"]`, `[]`, `[1]`, `["a",null]`,
		`true`, `{"a":1}`, `"\u00e9\ud800"`, "\"\xff\"", `[  "x" ]`, `0x1`, `01`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !json.Valid(b) {
			return // a method is only ever handed one whole JSON value
		}
		var old, got FieldValue
		oldErr := oldFieldValueUnmarshal(&old, b)
		err := got.UnmarshalJSON(b)
		require.Equal(t, oldErr == nil, err == nil, "%q: v1 %v, v2 %v", b, oldErr, err)
		assert.Equal(t, old, got, "%q", b)
	})
}

// The doc of a create goes out as encoding/json v1 and v2 both write it,
// the typed fields first and Fields in key order, and, like every other
// request string, without HTML escaping.
func TestUserFields_encodesTheSameInV1AndV2(t *testing.T) {
	u := UserFields{
		Username: "ada@example.com", Password: "analytical", FirstName: "Ada <&>",
		Fields: map[string]FieldValue{"zeta": Text("z"), "a<b>&c": Choices("<p>", "x\u2028y"), "f_1_2": Text("é\xff")},
	}
	want := `{"username":"ada@example.com","password":"analytical","first_name":"Ada <&>",` +
		`"a<b>&c":["<p>","x\u2028y"],"f_1_2":"é` + "\ufffd" + `","zeta":"z"}`
	v2, err := jsonv2.Marshal(u, transport.V1JSON)
	require.NoError(t, err)
	assert.Equal(t, want, string(v2))
	v1, err := u.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, want, string(v1))
	viaV1, err := json.Marshal(u) // a v1 user caching the type: v1 escapes HTML in what a method returns
	require.NoError(t, err)
	var back map[string]any
	require.NoError(t, json.Unmarshal(viaV1, &back))
	assert.Equal(t, map[string]any{"username": "ada@example.com", "password": "analytical", "first_name": "Ada <&>",
		"a<b>&c": []any{"<p>", "x\u2028y"}, "f_1_2": "é\ufffd", "zeta": "z"}, back)

	_, err = UserFields{Fields: map[string]FieldValue{"username": Text("x")}}.MarshalJSON()
	assert.ErrorContains(t, err, `UserFields.Fields["username"] repeats a typed field`)
}
