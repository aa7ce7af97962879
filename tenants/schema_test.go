package tenants_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/tenants"
)

// seedFields reads a schema block of the seed ("name: type," lines) into
// name -> Go kind: integers are ints, "true" is a bool, the rest strings.
func seedFields(t *testing.T, file string) map[string]reflect.Kind {
	t.Helper()
	out := map[string]reflect.Kind{}
	for _, line := range strings.Split(string(readFile(t, file)), "\n") {
		name, typ, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			continue
		}
		switch typ = strings.TrimSpace(typ); {
		case strings.HasPrefix(typ, "integer"):
			out[name] = reflect.Int
		case strings.HasPrefix(typ, "true"):
			out[name] = reflect.Bool
		case strings.HasPrefix(typ, "string"):
			out[name] = reflect.String
		default:
			t.Fatalf("%s: unknown type in %q", file, line)
		}
	}
	require.NotEmpty(t, out)
	return out
}

// structFields reads a struct's JSON names and the kinds of its fields
// (through pointers).
func structFields(v any) map[string]reflect.Kind {
	out := map[string]reflect.Kind{}
	typ := reflect.TypeOf(v)
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		out[name] = ft.Kind()
	}
	return out
}

// TestSchema_matchesSeed checks that the types carry every field the seed
// documents, under its exact JSON name and with its type, and no other.
func TestSchema_matchesSeed(t *testing.T) {
	user := seedFields(t, "seed-user-schema.txt")
	assert.Len(t, user, 42)
	assert.Equal(t, user, structFields(tenants.User{}))
	assert.Equal(t, seedFields(t, "seed-create-request-schema.txt"), structFields(tenants.UserCreateRequest{}))
	assert.Equal(t, seedFields(t, "seed-update-request-schema.txt"), structFields(tenants.UserUpdateRequest{}))
	for _, odd := range []string{"IAEnglish", "IAMath", "IAICT", "diagEnglish", "diagMath", "diagIct", "jobActiveSync"} {
		assert.Contains(t, user, odd)
	}
}

// TestSchema_optionalFieldsArePointers checks the request structs: only
// the required create fields are plain values.
func TestSchema_optionalFieldsArePointers(t *testing.T) {
	required := map[string]bool{"FirstName": true, "LastName": true, "Email": true}
	for _, v := range []any{tenants.UserCreateRequest{}, tenants.UserUpdateRequest{}} {
		typ := reflect.TypeOf(v)
		for i := range typ.NumField() {
			f := typ.Field(i)
			isPtr := f.Type.Kind() == reflect.Pointer
			if typ.Name() == "UserCreateRequest" && required[f.Name] {
				assert.False(t, isPtr, "%s.%s", typ.Name(), f.Name)
				continue
			}
			assert.True(t, isPtr, "%s.%s must be a pointer", typ.Name(), f.Name)
			assert.Contains(t, f.Tag.Get("json"), ",omitempty", "%s.%s", typ.Name(), f.Name)
		}
	}
}
