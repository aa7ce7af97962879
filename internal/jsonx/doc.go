// Package jsonx holds the tolerant JSON pieces the vendor APIs need, on
// encoding/json/v2 (github.com/go-json-experiment/json): numbers that
// arrive as strings, booleans as "1", money kept as exact decimal text,
// date-times in several layouts, lists that arrive as "" when empty and
// PHP's [] where an object is expected.
//
// Each piece is written once and comes in the form its use needs:
//
//   - Type-level unmarshalers ([Ints], [Bools], [Strings], [StringLists],
//     [EmptyArrayAsObject]) for the builtin kinds a public struct keeps
//     plain (int, bool, string, []string, maps). A vendor's dialect joins
//     the ones it needs with [Dialect] and hands the result to the
//     transport, so its public types stay plain structs with JSON tags.
//   - Named types ([Int64], [Bool], [StringList], [Time], [Money]) with an
//     UnmarshalJSONFrom method, for a field whose type is ours anyway.
//     They also implement encoding/json v1's UnmarshalJSON (through the
//     same code), so a user's cache decoding them with the standard
//     library sees the same values.
//
// Why both: a type-level unmarshaler costs a cache lookup on every value
// the decoder meets, a method on a named type costs nothing extra
// (BenchmarkDialect in this package measures both on a page of 100
// users). The lookup is paid once a struct field is decoded under a
// dialect with any unmarshaler at all, so the dialects register only the
// kinds they need, and every function returns errors.ErrUnsupported at
// once for a value the default decoder already reads the same way (a
// JSON string into a string), leaving the common case on v2's fast path.
//
// Every piece reads its value once from the decoder: no piece re-scans
// the bytes of a value, so decoding stays linear in the size of the body
// whatever its nesting.
package jsonx
