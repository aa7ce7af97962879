package tenants

import (
	"github.com/go-json-experiment/json"

	"github.com/userapis/sdk/internal/jsonx"
)

// dialect is Aptem's JSON, read in one pass into the plain public
// structs: the int32 ids and hours also from numeric strings, "" and null
// (jsonx.Ints), jobActiveSync also from "true", "1", 1 and null
// (jsonx.Bools), as a .NET API sends nullable fields. Strings stay
// strict: Aptem types every other field as a string. Request bodies are
// written as encoding/json v1 wrote them.
//
// The generated decoder (json_gen.go) reads a User in that same way
// without reflection; tolerance is what v2 applies to every other value,
// and what a fuzz test checks the decoder against.
var dialect = jsonx.Dialect(decoders, tolerance)

var tolerance = json.JoinUnmarshalers(jsonx.Ints, jsonx.Bools)
