package classifieds

import (
	"bytes"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/userapis/sdk/internal/redacttest"
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
	redacttest.Check(t, ".", loggedValues(t), logSecrets, exemptFromLogTest...)
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
