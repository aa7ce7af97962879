package classifieds

import (
	"errors"
	"os"
	"testing"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/decodecheck"
	"github.com/userapis/sdk/internal/jsonx"
)

// reflective is the dialect without the generated decoders, read by v2's
// reflection: the dialect's readers of a user's contacts, its activation
// and a list of contacts call the generated decoders, so here they are
// written the reflective way, returning errors.ErrUnsupported for v2's own
// path.
var reflective = json.JoinOptions(jsonx.Dialect(json.JoinUnmarshalers(
	jsonx.Ints,
	jsonx.Bools,
	objectOrNil[UserContacts](),
	objectOrNil[Activation](),
	listOrNil[*Contact](),
	vendorTime(),
)), jsontext.EscapeForJS(true))

// objectOrNil decodes a *T from a JSON object by v2's own path, and from
// anything else (PHP's [], false, null, "") as nil.
func objectOrNil[T any]() *json.Unmarshalers {
	return json.UnmarshalFromFunc(func(dec *jsontext.Decoder, p **T) error {
		if dec.PeekKind() == '{' {
			return errors.ErrUnsupported // v2's own path
		}
		*p = nil
		return dec.SkipValue()
	})
}

// listOrNil decodes a []T from a JSON array by v2's own path, and from
// anything else as nil.
func listOrNil[T any]() *json.Unmarshalers {
	return json.UnmarshalFromFunc(func(dec *jsontext.Decoder, p *[]T) error {
		if dec.PeekKind() == '[' {
			return errors.ErrUnsupported
		}
		*p = nil
		return dec.SkipValue()
	})
}

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
	f.Add([]byte(`{"result":true,"data":[{"activationtoken":"t","userId":1},1,null,[],{"contacts":[null,{"name":"n"}]}]}`))
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

// reflectiveData reads data as readData does, but an object and an array
// through v2's own pointer and slice path: the reference for readData's
// readers.
type reflectiveData[T any] []*T

func (d *reflectiveData[T]) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	*d = nil
	switch k := dec.PeekKind(); k {
	case '{':
		x := new(T)
		if err := json.UnmarshalDecode(dec, x); err != nil {
			return err
		}
		*d = []*T{x}
		return nil
	case '[':
		return json.UnmarshalDecode(dec, (*[]*T)(d))
	default:
		var list []*T
		return readData(dec, &list, nil) // the vendor's "nothing" or an error; no item is read
	}
}

// sameEnvelopeAsReflective checks the generated envelope decoder, and the
// readers of its users and activations, against v2's reflective reading
// of the same struct: the same bodies accepted, the same values.
func sameEnvelopeAsReflective(t *testing.T, b []byte) {
	t.Helper()
	var gen envelope[users]
	var ref reflectiveEnvelope[reflectiveData[User]]
	genErr := json.Unmarshal(b, &gen, dialect)
	refErr := json.Unmarshal(b, &ref, reflective)
	require.Equal(t, refErr == nil, genErr == nil, "%q: generated: %v; reflective: %v", b, genErr, refErr)
	if refErr == nil {
		var want users
		for _, u := range ref.Data {
			if u != nil { // users drops the null items
				want = append(want, u)
			}
		}
		require.Equal(t, envelope[users]{ref.Result, ref.Errors, want, ref.FromCache, ref.TotalItems, ref.TotalInSet,
			ref.Page, ref.ItemsPerPage, ref.Speed}, gen, "%q", b)
	}

	var genA envelope[activations]
	var refA reflectiveEnvelope[reflectiveData[Activation]]
	genErr = json.Unmarshal(b, &genA, dialect)
	refErr = json.Unmarshal(b, &refA, reflective)
	require.Equal(t, refErr == nil, genErr == nil, "%q: activations: generated: %v; reflective: %v", b, genErr, refErr)
	if refErr == nil {
		require.Equal(t, []*Activation(refA.Data), []*Activation(genA.Data), "%q", b)
	}
}
