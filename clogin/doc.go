// Package clogin is a client for the users endpoint of the Regpack API v2
// ("clogin" after Regpack's central login id, the clogin_id that names a
// user across the projects of an organization).
//
// Every user action is one POST to https://www.regpack.com/reg/api2/users/
// with the action in the JSON body. [UsersService] has a typed method per
// documented action — [UsersService.Create], [UsersService.CreateChild],
// [UsersService.Login], [UsersService.Update], [UsersService.AddProduct],
// [UsersService.AddEmail], [UsersService.GetInfo], [UsersService.SetStatus],
// [UsersService.List] and [UsersService.All] — and [UsersService.Do] for
// any other:
//
//	c, err := clogin.NewClient(clogin.WithCredentials(clogin.Credentials{
//		APIUser: "admin@example.com", APIToken: token, APIID: 23218,
//	}))
//	res, err := c.Users.Create(ctx, &clogin.CreateRequest{
//		GroupID: 7770001,
//		Doc:     clogin.UserFields{FirstName: "Ada", LastName: "Lovelace", MainEmail: "ada@example.com"},
//	})
//	parent := res.UserInfo.CloginID
//
// Every request names its project in GroupID. CloginID is required except
// on create, create_child and add_product, which send "clogin_id": false
// when it is 0 (the vendor's "new in this organization"), and on
// get_user_list. The doc is always sent, as {} when there is nothing in
// it. Responses carry the user's [UserInfo] and [MetaInfo]; Regpack sends
// their ids and counts as strings and money as "0.00", which decode into
// int64, int and [Amount] (the exact decimal, never a float: "1,250.00"
// and "0.125" keep their value). [Result.Raw] keeps the whole body for
// what the vendor does not document. The types are plain structs; the
// vendor's looseness is read by one JSON dialect (encoding/json/v2) in a
// single pass, linear in the body whatever its nesting, and nesting past
// 10000 levels is refused as [ErrUnexpectedResponse].
//
// # Authentication
//
// [WithCredentials] sets the API admin's e-mail, token and id, sent in the
// Api-user, Api-token and Api-id headers. Regpack also wants a Timestamp
// header in Unix seconds that is current "if you are iterating through
// calls": the SDK sets a fresh one on every attempt, retries included. The
// token never appears in errors, logs or the String of [Credentials].
//
// # Pagination
//
// get_user_list pages by parents: up to 50 parents (or individuals) a
// page in [UserPage.Users], with their children in [UserPage.Children],
// 50 parents and 63 children making one page of 113 users. Regpack says
// to "increment starting_position" but not whether it counts parents (an
// offset) or pages (a page number). [UsersService.List] sends
// [UserListOptions.StartingPosition] as given, so it means what the server
// makes it mean. [UsersService.All] finds out: after a full first page it
// asks for starting_position+1, which an offset server answers with the
// first page shifted by one parent and a page-number server with the next
// page, and it walks on in that reading, yielding each page's parents and
// then their children, until a page has fewer parents than
// records_per_page (50) or none. A walk that cannot be trusted ends with
// an error matching [ErrUnexpectedResponse]: a page with nothing new (a
// server that ignores starting_position, or cycles), more pages than
// total_users allows, or a walk from position 0 that brings fewer users
// than total_users said.
//
// # Errors
//
// Input that breaks a documented rule (a missing GroupID or CloginID, a
// child without ConnectedTo, a product without p_id or name or with q < 1,
// an e-mail without from, to, subject or body) is a *[ValidationError]
// listing every failing field, and no request is sent. A body with
// "success": false is an *[APIError] with StatusCode 200 and the vendor's
// msg in Messages; other error statuses map onto the sentinels
// ([ErrUnauthorized], [ErrServer], ...). Regpack documents no error body
// or status; the SDK reads msg, message and errors wherever they appear.
//
// A success:false answer keeps StatusCode 200 and the vendor's message,
// and also matches a sentinel when its message says what went wrong.
// Regpack publishes none of its messages, so the SDK matches phrases,
// case-insensitively, anywhere in a message:
//
//   - [ErrNotFound]: "not found", "does not exist", "doesn't exist", "no
//     such user", "unknown user", "unknown clogin", "not a user of" (a
//     user not in the project, a clogin id the organization does not
//     know, an unknown product or status);
//   - [ErrConflict]: "already exists", "already exist", "already in this
//     project", "already registered", "already taken" (the user is in the
//     project already, the username is taken).
//
// Any other message matches no sentinel but its status's: test for the
// sentinel, and read [APIError].Messages only to show them.
//
// Only login, get_info and get_user_list are safe to repeat, so only
// [UsersService.Login], [UsersService.GetInfo], [UsersService.List] and
// [UsersService.All] are retried after a 5xx or a reset. The others create
// users, fire form triggers and e-mails or change carts: they are re-sent
// only on 429 or when the connection was never made.
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
// Package [github.com/userapis/sdk/clogin/clogintest] is an in-memory fake
// of the users endpoint on loopback, with projects, families, login
// tokens, products, e-mails, statuses and get_user_list paging:
//
//	srv := clogintest.NewServer()
//	defer srv.Close()
//	srv.SeedFamilies(srv.GroupID, 2, 0, 1)
//	for u, err := range srv.Client().Users.All(ctx, &clogin.UserListOptions{GroupID: srv.GroupID}) { ... }
//
// Options on clogintest.NewServer make it behave the vendor's other
// possible ways: starting_position read as a page number (WithPaging),
// smaller pages, a wrong total_users, and the looser forms (WithQuirks:
// counts as strings, PHP's [] for an empty object, flat items, the other
// "not found" wording).
//
// The fake injects faults into one operation, in the vendor's error format:
//
//	srv.Inject(clogintest.Fault{Op: "Users.Create", Status: 429, RetryAfter: 2 * time.Second})
//	srv.Inject(clogintest.Fault{Op: "Users.GetInfo", Reset: true}) // the connection is cut after the request was read
package clogin

//go:generate go run ../internal/gen
