// Package classifieds is a client for the users endpoints of the
// GoedGeplaatst REST API v1 (docs.goedgeplaatst.nl): listing, reading,
// creating, updating and removing the users of a client, and activating
// new users.
//
//	c, err := classifieds.NewClient(
//		classifieds.WithBaseURL("https://host/rest/v1"),
//		classifieds.WithAPIKey(os.Getenv("CLASSIFIEDS_API_KEY")),
//	)
//	u, err := c.Users.Get(ctx, 19569)
//
// GoedGeplaatst publishes no host name, so [WithBaseURL] is required: it
// is the root the documented paths hang from (the vendor's examples show
// them under /rest/v1, e.g. "POST /rest/v1/users/").
//
// # Where GoedGeplaatst's docs are silent
//
// The SDK takes one reading of each point the vendor leaves open, and the
// fake (classifiedstest) can serve the other:
//
//   - country: required, default NL, "leave empty when user is not in the
//     Netherlands". UserCreateRequest.Country nil sends "NL", Ptr("")
//     says abroad; on update nil leaves it alone ([UserCreateRequest]).
//   - validUntil has no zone: read as Europe/Amsterdam time, the earlier
//     instant in the hour that happens twice in October; MySQL's zero
//     date is the zero Time ([Time]). The zone data is embedded.
//   - The update response is not shown: [UsersService.Update] returns the
//     user sent back, or reads it back when the server sends none
//     (classifiedstest.Quirks.UpdateWithoutUser).
//   - The status of result:false is not documented: any status. The
//     activation refusal ("maximum number of requests has exceeded")
//     matches [ErrRateLimited] at any status
//     ([UsersService.GenerateActivation]; the fake refuses at 200, or as
//     a 429 with SetGenerateRefusal).
//   - totalItems and totalInSet are not explained (the seed's example,
//     4 and 100, suggests totalInSet is the whole set): [UsersService.All]
//     trusts neither and bounds the walk by the larger
//     (classifiedstest.Quirks.SeedTotals swaps them).
//   - contacts is "an object" but PHP sends [] for an empty one; "0" ids
//     mean none: both decode (classifiedstest.Quirks.Contacts).
//   - externalUserId "required" yet editable only with internal features,
//     postalCode "not mandatory when abroad": left to the server.
//
// # Authentication
//
// GoedGeplaatst issues a pre-shared key, given with [WithAPIKey] and sent
// raw, without a scheme, in the "Authentication" header (not
// "Authorization"). The vendor also whitelists the caller's IP addresses;
// a request from an unlisted address is refused like a wrong key. The key
// never appears in errors, logs or the Client's fmt output.
//
// # Pagination
//
// [UsersService.List] returns one page: pages count from 1, ItemsPerPage is
// 1 to 100 (default 25), and UseCache is sent as useCache=1 or 0.
// [UsersService.All] walks every page lazily as an iter.Seq2 and stops at
// an empty or short page, whatever the envelope's totals say (their
// meaning is not documented). A server that would keep it going (the same
// page again, reordered, pages in a cycle, or more pages than the larger
// of totalItems and totalInSet allows) ends it with an error matching
// [ErrUnexpectedResponse].
//
// # Errors
//
// Every answer is an envelope, {"result": true|false, "errors": [...],
// "data": ...}. A "result": false is an [*APIError] whatever the HTTP
// status (often 200), with the envelope's "errors" in Messages; other
// failures map to the sentinels ([ErrNotFound], [ErrUnauthorized],
// [ErrRateLimited], ...) by status. The client checks every documented
// field constraint before sending (see [UserCreateRequest]) and returns
// all failing fields in one [*ValidationError] matching [ErrInvalidInput];
// no request is sent then. The types are plain structs; one JSON dialect
// (encoding/json/v2) reads, in a single pass, what the vendor sends
// loosely: IDs as numbers or strings, flags as true or "1", "errors" as a
// list, "" or absent, "data" as an object, an array, [] or false. A
// "result": false is reported even when another member does not decode;
// nesting past 10000 levels is refused as [ErrUnexpectedResponse].
//
// Reads, PUT and DELETE are retried on 429, 5xx and transport errors. The
// POSTs (Create, Activate, GenerateActivation) are re-sent only on 429 or
// when the connection could not be made, so a retry never creates a
// second user or burns another activation.
//
// # Call options and hooks
//
// Every method takes [CallOption] values after its arguments, for that
// call only: [WithCallRetryPolicy], [WithCallHeader], and [CaptureResponse],
// which fills a [ResponseInfo] (status, headers, request id, attempts,
// duration) on success and on error. [WithHooks] lets a tracer or a metrics
// library see every call ([CallInfo]: the operation as you type it, such as
// "Users.Create", and the route without ids) and every attempt ([AttemptInfo]).
//
// # Testing
//
// Package [github.com/userapis/sdk/classifieds/classifiedstest] is an
// in-memory fake of the API, served on loopback, for your own tests:
//
//	srv := classifiedstest.NewServer()
//	defer srv.Close()
//	c := srv.Client() // or NewClient(WithBaseURL(srv.URL), WithAPIKey(srv.APIKey))
//
// The fake injects faults into one operation, in the vendor's error format:
//
//	srv.Inject(classifiedstest.Fault{Op: "Users.Create", Status: 429, RetryAfter: 2 * time.Second})
//	srv.Inject(classifiedstest.Fault{Op: "Users.Get", Reset: true}) // the connection is cut after the request was read
//
// srv.SetQuirks, srv.SetZeroValidUntil and srv.SetGenerateRefusal make it
// answer in the vendor's other possible ways.
package classifieds

//go:generate go run ../internal/gen
//go:generate go run ../internal/gen/decoders -read string=a.String -read int=jsonx.LaxInt -read int64=jsonx.LaxInt -read bool=jsonx.LaxBool -read errorTexts=method -read number=method -read *UserContacts=readUserContacts -read *Activation=readActivation -read []*Contact=readContacts -read *jsonx.Bool=readResult -read D=jsonx.Own User UserContacts Contact Activation envelope
