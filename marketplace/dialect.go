package marketplace

import (
	"context"
	"fmt"
	"github.com/go-json-experiment/json"

	"github.com/userapis/sdk/internal/jsonx"
	"github.com/userapis/sdk/internal/transport"
)

// dialect is MMOB's JSON, read in one pass into the plain public structs:
// integers also from numeric strings, "" and null (jsonx.Ints); booleans
// also from "true", "1" and 1 (jsonx.Bools); strings also from numbers
// and booleans, since the docs call the ids and number_of_children
// strings in one place and integers in another (jsonx.Strings); and meta
// also from PHP's [] for an empty object. Date-times are [Time], which
// decodes itself. Request bodies are written as encoding/json v1 wrote
// them.
//
// The generated decoders (json_gen.go) read User, UserPage and
// BroadbandEntry in that same way without reflection; tolerance is what
// v2 applies to every other value, and what a fuzz test checks them
// against.
var dialect = jsonx.Dialect(decoders, tolerance)

var tolerance = json.JoinUnmarshalers(jsonx.Ints, jsonx.Bools, jsonx.Strings, jsonx.EmptyArrayAsObject[map[string]any]())

// do sends r and decodes its answer into a new T. A body that is JSON null
// is not a T: it is an error matching [ErrUnexpectedResponse], never a
// zero T.
func do[T any](ctx context.Context, tc *transport.Client, r *transport.Request) (*T, error) {
	var v *T
	if err := tc.Do(ctx, r, &v); err != nil {
		return nil, err
	}
	if v == nil {
		return nil, fmt.Errorf("marketplace: %s %s: %w: the body is null", r.Method, r.Path, ErrUnexpectedResponse)
	}
	return v, nil
}
