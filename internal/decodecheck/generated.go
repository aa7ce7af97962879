package decodecheck

import (
	"testing"

	"github.com/go-json-experiment/json"
	"github.com/stretchr/testify/require"
)

// SameAsReflective decodes b into a new T twice: with a package's dialect,
// whose generated decoders (internal/gen/decoders) read T without
// reflection, and with reflective, the same dialect without them, which
// v2 reads by reflection. Both must accept the same bodies and decode
// them to the same value: the generated code is a faster way to the same
// result, never a different reading.
func SameAsReflective[T any](t *testing.T, b []byte, dialect, reflective json.Options) {
	t.Helper()
	var gen, ref T
	genErr := json.Unmarshal(b, &gen, dialect)
	refErr := json.Unmarshal(b, &ref, reflective)
	require.Equal(t, refErr == nil, genErr == nil, "%q: generated: %v; reflective: %v", b, genErr, refErr)
	if refErr == nil {
		require.Equal(t, ref, gen, "%q", b)
	}
}
