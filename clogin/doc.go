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
// 50 parents and 63 children making one page of 113 users. Regpack
// documents the doc option starting_position but not whether it counts
// users or pages; the SDK treats [UserListOptions.StartingPosition] as a
// 0-based offset into the list of parents, and [UsersService.All] steps it
// by the number of parents on each page, yielding each page's parents and
// then their children, until a page has fewer than 50 parents. A server
// that would keep it going (the same page again, reordered, pages in a
// cycle, or more pages than total_users allows) ends it with an error
// matching [ErrUnexpectedResponse].
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
// The fake injects faults into one operation, in the vendor's error format:
//
//	srv.Inject(clogintest.Fault{Op: "Users.Create", Status: 429, RetryAfter: 2 * time.Second})
//	srv.Inject(clogintest.Fault{Op: "Users.GetInfo", Reset: true}) // the connection is cut after the request was read
package clogin

//go:generate go run ../internal/gen
