package tenants

import "github.com/go-json-experiment/json"

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
