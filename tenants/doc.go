// Package tenants is a client for the users API of Aptem, the
// apprenticeship and training platform, where every customer is a tenant
// with its own host: https://{tenant}.aptem.co.uk/api/1.0.
//
//	c, err := tenants.NewClient(tenants.WithTenant("acme"), tenants.WithToken(token))
//	if err != nil {
//		return err
//	}
//	u, err := c.Users.Search(ctx, &tenants.UserSearchOptions{Email: "ada@example.com"})
//
// [Client.Users] searches ([UsersService.Search], [UsersService.Get]),
// creates, updates and deactivates users. [Client.ForTenant] returns a
// client for another tenant that shares the first one's connections; give
// it that tenant's token with [WithToken], since an Aptem token belongs to
// one tenant.
//
// # Where Aptem's docs are silent
//
// Aptem's users page is a schema without prose. Where it leaves a point
// open the SDK takes one reading, and the fake (tenantstest) serves the
// other where it can:
//
//   - PUT: replace or merge? Unknown; the body shown is the whole record.
//     [UsersService.Update] reads the user first and PUTs the whole record
//     with the changes overlaid, which is right either way (one more GET,
//     and a window in which another writer's change can be overwritten:
//     see the method). tenantstest replaces.
//   - Required fields: the page marks none. [UsersService.Create] requires
//     none and checks only the format of what is set; Aptem's own 400
//     names any field it does insist on.
//   - Formats: ids and hours are int32 (checked); dates are strings in an
//     unstated format (sent and kept as given); e-mail fields are checked
//     as addresses. Nothing from a body goes into a URL; the tenant name
//     does, and must be a DNS label.
//   - Nulls, numbers as strings, PascalCase names: not excluded for an
//     ASP.NET API, so every user decodes from them
//     (tenantstest.Quirks sends them).
//   - Tokens: a token belongs to one tenant ([Client.ForTenant] with
//     [WithToken]); the header is not published ([WithTokenHeader]).
//   - The error body is not published: see Errors.
//
// The tenant name goes into the host and into every path
// (/tenants/{tenant}/users...), so it must be a DNS label ([ValidTenant]);
// [NewClient] and [Client.ForTenant] refuse anything else, so no name can
// point requests at another host. The shared host api.aptem.co.uk, retired
// by Aptem on 3 February 2025, is never used and is refused as a base URL.
//
// # Authentication
//
// Aptem authenticates its APIs with a service-account API token created in
// Aptem ([WithToken]). Aptem does not publish the header its REST API reads
// the token from: the SDK sends X-API-Token ([DefaultTokenHeader]), the
// header Aptem's OData feed is known to accept, and [WithTokenHeader]
// changes it. The token never appears in errors, logs or the printed
// Client.
//
// # Pagination
//
// The users endpoints return one user per call; there is nothing to page.
//
// # Errors
//
// Input that breaks a documented rule (no search criterion, an id that is
// not a positive int32, an e-mail field that is not an address) is a [*ValidationError]
// listing every failing field, before anything is sent. A response with an
// error status is an [*APIError]; errors.Is maps Aptem's documented
// statuses: 400 [ErrBadRequest], 401 [ErrUnauthorized], 403
// [ErrForbidden] (for instance a token of another tenant), 404
// [ErrNotFound]. Aptem does not publish its error body, so APIError.Body
// keeps it raw and APIError.Messages holds whatever texts could be read
// from it (a "message", an ASP.NET ModelState or errors map, plain text).
//
// GET, PUT and DELETE are retried on 429, 500, 502, 503, 504 and transport errors
// ([DefaultRetryPolicy]); Create, a POST, only on 429 or when the
// connection could not be made, so a user is never created twice.
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
// Package tenantstest is an in-memory Aptem that serves several tenants on
// one loopback server:
//
//	srv := tenantstest.NewServer()
//	defer srv.Close()
//	c := srv.Client() // a *tenants.Client for srv.Tenant with srv.Token
//
// srv.AddTenant adds a tenant and returns its token (a token used on
// another tenant answers 403), srv.AddUser stores a user directly,
// srv.SetQuirks makes it answer with nulls, numbers as strings or
// PascalCase names, and srv.FailNext and srv.Requests test retry
// behaviour. Its PUT replaces the whole record.
//
// The fake injects faults into one operation, in the vendor's error format:
//
//	srv.Inject(tenantstest.Fault{Op: "Users.Create", Status: 429, RetryAfter: 2 * time.Second})
//	srv.Inject(tenantstest.Fault{Op: "Users.Search", Reset: true}) // the connection is cut after the request was read
package tenants

//go:generate go run ../internal/gen
//go:generate go run ../internal/gen/decoders -read string=a.String -read int=jsonx.LaxInt -read bool=jsonx.LaxBool User
