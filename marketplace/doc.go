// Package marketplace is a client for the users endpoints of the MMOB
// partner/provider API: a partner's users (/users) and their broadband
// entries (/users/broadband).
//
//	c, err := marketplace.NewClient(
//		marketplace.WithBaseURL("https://api.example.com"),
//		marketplace.WithAPIKey(os.Getenv("MARKETPLACE_API_KEY")),
//	)
//	u, err := c.Users.Create(ctx, &marketplace.UserCreateRequest{
//		FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com",
//		TermsConditions: marketplace.Ptr(true),
//	})
//	e, err := c.Broadband.Update(ctx, u.ID, &marketplace.BroadbandUpdateRequest{PPM: marketplace.Ptr("29.99")})
//
// MMOB publishes no API host, so [WithBaseURL] is required: the root the
// documented paths hang from.
//
// # Authentication
//
// Every request carries the API key given with [WithAPIKey]. MMOB names
// its scheme "ApiKey" but does not publish the header it is sent in; the
// SDK uses [DefaultAPIKeyHeader] (X-API-Key), and [WithAPIKeyHeader]
// changes it once MMOB tells you another. The key is sent only to the base
// URL's host and never appears in errors or logs. Creating users is for
// partners only; providers may read and update the users who shared their
// data with them.
//
// # Pagination
//
// [UsersService.List] returns one [UserPage], newest users first. Pages
// count from 0 and hold [DefaultPageSize] (50) users unless
// [UserListOptions].Size says otherwise. [UserPage].Total and Page may be
// null (nil). [UsersService.All] walks the pages lazily from the options'
// Page:
//
//	for u, err := range c.Users.All(ctx, &marketplace.UserListOptions{Size: 100}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(u.ID)
//	}
//
// It stops at an empty or short page, whatever the server's total says
// (the seed's own example sends "total": null and "page": null). A
// server that would keep it going (the same page again, reordered, pages
// in a cycle, or more pages than a non-null total allows) ends it with an
// error matching [ErrUnexpectedResponse].
//
// # Errors
//
// Input that breaks a documented rule (a missing first_name, surname or
// email on create, a malformed e-mail, an empty id) is a *[ValidationError]
// listing every failing field, matching [ErrInvalidInput]; nothing is
// sent. A response with an error status is an *[APIError] that matches
// the sentinel for its status with errors.Is: [ErrNotFound] for 404 (the
// API may answer an unknown user with an empty body), [ErrBadRequest] for
// 400 and 422, [ErrUnauthorized] for a wrong key. MMOB documents no error
// body; its responses have the shapes of a FastAPI service, so the SDK
// reads FastAPI's {"detail": "..."} and, on 422,
// {"detail": [{"loc": ["body", "email"], "msg": "field required"}]}:
// [APIError].Messages holds one entry per detail item, named by its field,
// "email: field required".
//
// Reads ([UsersService.Get], List, All, [BroadbandService.Get]) and the
// updates ([UsersService.Update], [BroadbandService.Update]) are retried
// on 429, 5xx and transport errors. The creates are retried only after a
// 429 or when the connection could not be made, never after a 500 or a
// reset, so a retry cannot create a second user. See [WithRetryPolicy].
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
// Package [github.com/userapis/sdk/marketplace/marketplacetest] is an
// in-memory fake of this API on a loopback port, for your own tests:
//
//	srv := marketplacetest.NewServer()
//	defer srv.Close()
//	c := srv.Client() // or NewClient(WithBaseURL(srv.URL), WithAPIKey(srv.APIKey))
//	srv.FailNext(1, http.StatusServiceUnavailable)
//
// marketplacetest.NewServer(marketplacetest.WithQuirks()) answers in the
// seed's other forms: lists with "total": null and "page": null, and
// number_of_children as a number.
//
// The fake injects faults into one operation, in the vendor's error format:
//
//	srv.Inject(marketplacetest.Fault{Op: "Users.Create", Status: 429, RetryAfter: 2 * time.Second})
//	srv.Inject(marketplacetest.Fault{Op: "Users.Get", Reset: true}) // the connection is cut after the request was read
package marketplace

//go:generate go run ../internal/gen
//go:generate go run ../internal/gen/decoders -read string=a.LaxString -read int=jsonx.LaxInt -read bool=jsonx.LaxBool -read Time=method -read map[string]any=jsonx.Object User UserPage BroadbandEntry
