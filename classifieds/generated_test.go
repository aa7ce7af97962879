package classifieds

import (
	"os"
	"testing"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/decodecheck"
	"github.com/userapis/sdk/internal/jsonx"
)

// reflective is the dialect without the generated decoders.
var reflective = json.JoinOptions(jsonx.Dialect(tolerance), jsontext.EscapeForJS(true))

// FuzzGenerated_sameAsReflective checks the generated decoders against
// v2's reflective reading of the same dialect: the same bodies accepted,
// the same values, for a whole envelope and for each type alone.
func FuzzGenerated_sameAsReflective(f *testing.F) {
	for _, name := range []string{"testdata/create_response.repaired.json", "testdata/list_response.repaired.json",
		"testdata/list_response.verbatim.json", "testdata/generate_response.json"} {
		b, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"userId":"19569","clientId":null,"externalUserId":"","contacts":[],"activation":false,"firstName":null,"FIRSTNAME":"a"}`))
	f.Add([]byte(`{"contacts":{"numberOfContacts":"2","contacts":[{"userId":1,"active":"1","name":7},null]},"activation":{"activationtoken":"t","validUntil":"2024-01-02 03:04:05"}}`))
	f.Add([]byte(`{"activationToken":"t","ActivationToken":"u","validUntil":"0000-00-00 00:00:00","userId":1.0}`))
	f.Add([]byte(`{"result":true,"errors":[],"data":[{"userId":1,"email":"\u00e9\ud800"}],"totalItems":"1"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		decodecheck.SameAsReflective[User](t, b, dialect, reflective)
		decodecheck.SameAsReflective[UserContacts](t, b, dialect, reflective)
		decodecheck.SameAsReflective[Contact](t, b, dialect, reflective)
		decodecheck.SameAsReflective[Activation](t, b, dialect, reflective)
		sameEnvelopeAsReflective(t, b)
	})
}

// reflectiveEnvelope is envelope without its methods: what v2 reads by
// reflection.
type reflectiveEnvelope[D any] envelope[D]

// sameEnvelopeAsReflective checks the generated envelope decoder against
// v2's reflective reading of the same struct: the same bodies accepted,
// the same values.
func sameEnvelopeAsReflective(t *testing.T, b []byte) {
	t.Helper()
	var gen envelope[users]
	var ref reflectiveEnvelope[users]
	genErr := json.Unmarshal(b, &gen, dialect)
	refErr := json.Unmarshal(b, &ref, reflective)
	require.Equal(t, refErr == nil, genErr == nil, "%q: generated: %v; reflective: %v", b, genErr, refErr)
	if refErr == nil {
		require.Equal(t, envelope[users](ref), gen, "%q", b)
	}
}
