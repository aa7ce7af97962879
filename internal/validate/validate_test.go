package validate

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/userapis/sdk/internal/transport"
)

func TestChecker_collectsEveryFailingField(t *testing.T) {
	v := New("classifieds: Users.Create")
	v.Required("email", " ")
	v.Length("firstName", "A", 2, 255)
	v.Length("houseNumber", "123456789012345678901", 0, 20)
	v.Length("phone", "1234", 5, 0)
	v.Length("city", "Zoetermeer", 2, 255)
	v.OneOf("gender", "X", "M", "F")
	v.OneOf("county", "ZH", "ZH", "NH")
	v.Date("dateOfBirth", "1980-02-30")
	v.Date("other", "1980-02-29")
	v.Positive("userId", 0)
	v.Email("email", "not-an-email")
	require.True(t, v.Failed())
	err := v.Err()
	var ve *transport.ValidationError
	require.True(t, errors.As(err, &ve))
	assert.ErrorIs(t, err, transport.ErrInvalidInput)
	assert.Equal(t, "classifieds: Users.Create", ve.Op)
	assert.Equal(t, []transport.FieldError{
		{Field: "email", Reason: "is required"},
		{Field: "firstName", Reason: "must be 2 to 255 characters"},
		{Field: "houseNumber", Reason: "must be at most 20 characters"},
		{Field: "phone", Reason: "must be at least 5 characters"},
		{Field: "gender", Reason: "must be one of M, F"},
		{Field: "dateOfBirth", Reason: "must be a date as yyyy-mm-dd"},
		{Field: "userId", Reason: "must be a positive id"},
		{Field: "email", Reason: "must be a valid e-mail address"},
	}, ve.Fields)
}

func TestChecker_nilWhenAllPass(t *testing.T) {
	v := New("x")
	v.Length("name", "Zoë", 3, 3) // three characters, four bytes
	v.Email("email", "info@test.nl")
	assert.NoError(t, v.Err())
	assert.False(t, v.Failed())
}

func TestIsEmail(t *testing.T) {
	good := []string{"info@test.nl", "a.b+c@sub.example.co.uk", "x_y@d-e.io"}
	bad := []string{"", "plain", "@test.nl", "a@", "a@b", "Ada <ada@x.io>", "a b@x.io", "a@x..io", "a@.x.io", "a@x.io.", "a@@x.io", "a@x.io\n"}
	for _, s := range good {
		assert.True(t, IsEmail(s), s)
	}
	for _, s := range bad {
		assert.False(t, IsEmail(s), s)
	}
}
