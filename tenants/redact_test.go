package tenants_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/redacttest"
	"github.com/userapis/sdk/tenants"
)

// TestUser_LogValue_everyTypeByValueAndPointer logs every exported type
// that carries a date of birth, contact details or the token, by value
// and by pointer, through slog's JSON and text handlers (and fmt for the
// Client), and finds none of the planted secrets.
func TestUser_LogValue_everyTypeByValueAndPointer(t *testing.T) {
	secrets := []string{"1990-12-10", "+44 20 7946 0001", "ada.home@example.org", "ada@example.com", "12 Analytical Row", "SW1A 1AA", testToken}
	u := tenants.User{ID: 4021, DateOfBirth: "1990-12-10", Phone: "+44 20 7946 0001", PersonalEmail: "ada.home@example.org",
		Email: "ada@example.com", Address1: "12 Analytical Row", PostCode: "SW1A 1AA"}
	create := tenants.UserCreateRequest{FirstName: "Ada", LastName: "L", Email: "ada@example.com", DateOfBirth: tenants.Ptr("1990-12-10"),
		Phone: tenants.Ptr("+44 20 7946 0001"), PostCode: tenants.Ptr("SW1A 1AA")}
	update := tenants.UserUpdateRequest{PersonalEmail: tenants.Ptr("ada.home@example.org"), Address1: tenants.Ptr("12 Analytical Row")}
	search := tenants.UserSearchOptions{Email: "ada@example.com", RefNum: "REF-1"}
	c, err := tenants.NewClient(tenants.WithTenant("acme"), tenants.WithToken(testToken))
	require.NoError(t, err)
	redacttest.Check(t, ".", map[string]any{
		"User": u, "UserCreateRequest": create, "UserUpdateRequest": update, "UserSearchOptions": search,
		"Client": *c, "UsersService": *c.Users, "Option": tenants.WithToken(testToken),
	}, secrets)
	assert.NotContains(t, fmt.Sprintf("%v %+v %#v", c, *c, *c), testToken)
	for _, v := range []any{u, create, update, search} {
		_, ok := v.(slog.LogValuer)
		assert.True(t, ok, "%T implements slog.LogValuer on a value receiver", v)
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "create", create, "search", search)
	assert.Contains(t, buf.String(), `"create":{"fields":"firstName,lastName,email,phone,dateOfBirth,postCode"}`)
	assert.Contains(t, buf.String(), `"email":"[redacted]"`)
}
