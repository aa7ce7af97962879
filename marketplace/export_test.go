package marketplace

import (
	"github.com/go-json-experiment/json"

	"github.com/userapis/sdk/internal/jsonx"
)

// Decode decodes b as the client decodes a response body into a T: with
// the package's dialect, one pass, and JSON null refused.
func Decode[T any](b []byte) (*T, error) {
	var v *T
	if err := json.Unmarshal(b, &v, dialect); err != nil {
		return nil, err
	}
	if v == nil {
		return nil, ErrUnexpectedResponse
	}
	return v, nil
}

// Reflective is the dialect without the generated decoders.
var Reflective = jsonx.Dialect(tolerance)

// Dialect is the client's dialect.
var Dialect = dialect
