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
//   - The run-time half of the generated struct decoders ([OpenObject],
//     [More], [ReadName], [AppendFold], [FieldError], [Arena],
//     [LaxString], [LaxInt], [LaxBool], [Object], and for a pointer to
//     a generated struct or a list of them [Element], [Elements],
//     [ObjectOrNil], [ListOrNil]). internal/gen/decoders
//     writes, for each response struct of a package, a function that
//     reads the object member by member with a switch on the name and
//     calls these readers directly; the dialect registers it first, as
//     the type's type-level unmarshaler. The readers are the same
//     tolerance as the unmarshalers above (the same code where it can
//     be), and each package fuzzes its generated decoders against v2's
//     reflective reading of its dialect.
//
// Why all three, as BenchmarkDialect measured it (a page of 100 40-field
// users, 2-core machine under load, medians of 6 interleaved runs):
//
//	encoding/json v1 (the old decoders' engine)      4.8 ms  6509 allocs
//	v2 defaults (refuses a repeated member name)     1.8 ms  2032 allocs
//	v2 with Base, no unmarshalers                    1.8 ms  2632 allocs
//	Base, tolerant fields as named types             1.9 ms  2632 allocs
//	Base + Ints, Bools (plain structs)               2.2 ms  2632 allocs
//	Base + Ints, Bools, Strings, EmptyArrayAsObject  2.5 ms  2632 allocs
//
// A method on a named type costs next to nothing; a type-level
// unmarshaler costs a cache lookup for every value once a dialect has
// any, and a call for every value of its kind (Strings sees every
// string). The public structs must stay plain, so their builtin kinds
// take type-level unmarshalers, still about half v1's time; a dialect
// registers only the kinds its vendor needs, and every function returns
// errors.ErrUnsupported at once for a value the default decoder already
// reads the same way (a JSON string into a string), leaving that case on
// v2's own path. Where the field's type is ours anyway ([Time], [Money],
// a package's internal types) it is a named type.
//
// A generated decoder pays neither: no reflection and no lookup for the
// fields it reads, one call per value, and the strings of a struct in one
// [Arena] instead of an allocation each. On marketplace's page of 100
// users (BenchmarkDecodePage in that package, medians of 6 runs under
// load) the generated decoders take 1.3 ms and 1,710 allocations, the
// same dialect by v2's reflection 2.4 ms and 3,002, and encoding/json v1
// into plain structs with no tolerance at all 3.0 ms and 5,008.
//
// Every piece reads its value once from the decoder: no piece re-scans
// the bytes of a value, so decoding stays linear in the size of the body
// whatever its nesting.
package jsonx
