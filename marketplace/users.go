package marketplace

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"strings"

	"github.com/userapis/sdk/internal/paging"
	"github.com/userapis/sdk/internal/transport"
	"github.com/userapis/sdk/internal/validate"
)

// DefaultPageSize is the page size [UsersService.List] asks for when
// [UserListOptions].Size is 0; it is also the API's own default.
const DefaultPageSize = 50

// UsersService reaches the /users endpoints. Get one from [Client].Users.
type UsersService service

// UserListOptions filters and pages [UsersService.List] and
// [UsersService.All]. A nil *UserListOptions means no filter, the first
// page and [DefaultPageSize].
type UserListOptions struct {
	// Email returns only the user with this e-mail address; "" does not
	// filter.
	Email string `url:"email,omitempty"`
	// IDs returns only the users with these ids, sent as ids[]=a&ids[]=b;
	// empty does not filter.
	IDs []string `url:"ids[],omitempty"`
	// Page is the page number, counted from 0.
	Page int `url:"page"`
	// Size is the page size; 0 means [DefaultPageSize].
	Size int `url:"size"`
}

// UserPage is one page of users, newest first. The API documents Total
// and Page as nullable, so they are nil when it sends null; they and Size
// also decode from numeric strings (the package's dialect).
type UserPage struct {
	Items []*User `json:"items"`
	Total *int    `json:"total"`
	Page  *int    `json:"page"`
	Size  int     `json:"size"`
}

// LogValue shows the page's counts and its users' ids, never their
// personal data.
func (p UserPage) LogValue() slog.Value {
	ids := make([]string, 0, len(p.Items))
	for _, u := range p.Items {
		if u != nil {
			ids = append(ids, u.ID)
		}
	}
	attrs := []slog.Attr{slog.Int("items", len(p.Items)), slog.String("ids", strings.Join(ids, ",")), slog.Int("size", p.Size)}
	if p.Total != nil {
		attrs = append(attrs, slog.Int("total", *p.Total))
	}
	if p.Page != nil {
		attrs = append(attrs, slog.Int("page", *p.Page))
	}
	return slog.GroupValue(attrs...)
}

// LogValue shows the options without the e-mail address they filter on:
// it is personal data.
func (o UserListOptions) LogValue() slog.Value {
	attrs := []slog.Attr{slog.Int("page", o.Page), slog.Int("size", o.Size), slog.Int("ids", len(o.IDs))}
	if o.Email != "" {
		attrs = append(attrs, slog.String("email", "[redacted]"))
	}
	return slog.GroupValue(attrs...)
}

// List returns one page of the partner's users, the most recently created
// first.
//
// Where the seed is silent the SDK reads it so: page counts from 0 (its
// default is 0); no maximum size is published, so Size is sent as given
// and a server that caps it answers with fewer users and its own size
// ([UsersService.All] follows that); Email is sent as given, and whether
// the match ignores case is the server's; IDs go as repeated ids[]
// parameters, the seed's name for an array; Total and Page may be null
// (the seed's own example) and are then nil.
//
// API: GET /users?email=&ids[]=&page=&size= (safe: retried on 429, 5xx and
// transport errors). A nil opts means no filter, page 0 and a page of
// [DefaultPageSize]. A negative Page or Size, or an empty id in IDs, is a
// *[ValidationError] and nothing is sent.
func (s *UsersService) List(ctx context.Context, opts *UserListOptions, callOpts ...CallOption) (*UserPage, error) {
	q := listOptions(opts)
	v := validate.New("marketplace: Users.List")
	v.Check(q.Page >= 0, "page", "must not be negative")
	v.Check(q.Size > 0, "size", "must not be negative")
	for i, id := range q.IDs {
		v.Check(strings.TrimSpace(id) != "", fmt.Sprintf("ids[%d]", i), "must not be empty")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	query, err := transport.Query(q)
	if err != nil {
		return nil, fmt.Errorf("marketplace: Users.List: encoding query: %w", err)
	}
	page, err := do[UserPage](ctx, s.tc, &transport.Request{Method: http.MethodGet, Path: "/users", Query: query,
		Op: "Users.List", Route: "/users", Options: callOpts})
	if err != nil {
		return nil, err
	}
	for i, u := range page.Items {
		if u == nil {
			return nil, fmt.Errorf("marketplace: GET /users: %w: items[%d] is null", ErrUnexpectedResponse, i)
		}
	}
	return page, nil
}

// listOptions copies opts with the defaults filled in.
func listOptions(opts *UserListOptions) UserListOptions {
	var q UserListOptions
	if opts != nil {
		q = *opts
	}
	if q.Size == 0 {
		q.Size = DefaultPageSize
	}
	return q
}

// All walks every page of users from opts.Page on, newest first, yielding
// each user once. It fetches lazily (a break stops all requests), holds
// one page at a time, and yields an error at most once, with a nil user,
// and then stops. The walk ends on an empty or short page, whatever the
// server's total says. A page is full when it holds Size users, or as
// many as the size the server reports when it caps Size. A server that
// will not end the walk ends it with an error matching
// [ErrUnexpectedResponse]: a page with no user the last few pages did not
// bring (the same page again, reordered, or a cycle of pages), or more
// pages than a non-null Total allows (ceil(Total/size), plus the empty
// page after a full last one).
//
// API: GET /users, once per page (safe). A nil opts walks all users from
// page 0 in pages of [DefaultPageSize]; invalid options are yielded as a
// *[ValidationError] before any request, and a nil ctx as an error.
func (s *UsersService) All(ctx context.Context, opts *UserListOptions, callOpts ...CallOption) iter.Seq2[*User, error] {
	q := listOptions(opts)
	return paging.All(ctx, paging.Pager[User]{
		Op:       "marketplace: Users.All",
		Start:    q.Page,
		PageSize: q.Size,
		Fetch: func(ctx context.Context, pos int) (paging.Page[User], error) {
			p := q
			p.Page = pos
			page, err := s.List(ctx, &p, callOpts...)
			if err != nil {
				return paging.Page[User]{}, err
			}
			out := paging.Page[User]{Items: page.Items}
			if page.Size > 0 && page.Size < q.Size {
				// The server capped the page size; a page as full as the
				// server says it is, is not the last.
				out.Size = page.Size
			}
			if page.Total != nil {
				out.Total = *page.Total
			}
			return out, nil
		},
		Next: paging.NextPage,
		Key:  func(u *User) string { return u.ID },
	})
}

// Get returns the user with the given id. An unknown id is an *[APIError]
// matching [ErrNotFound] (the API answers 404, sometimes with an empty
// body).
//
// API: GET /users/{user_id} (safe). An empty userID is a
// *[ValidationError] and nothing is sent.
func (s *UsersService) Get(ctx context.Context, userID string, opts ...CallOption) (*User, error) {
	if err := checkID("marketplace: Users.Get", "user_id", userID); err != nil {
		return nil, err
	}
	return do[User](ctx, s.tc, &transport.Request{Method: http.MethodGet, Path: "/users/" + transport.Segment(userID),
		Op: "Users.Get", Route: "/users/{user_id}", Options: opts})
}

// Create creates a user and returns it as stored, with its new id. Only
// partners may call it. FirstName, Surname and Email are required and
// Email must be an e-mail address: every failing field is listed in one
// *[ValidationError] and nothing is sent. Of the optional fields only
// those set (non-nil) are sent.
//
// API: POST /users. Not safe to retry: it is re-sent only after a 429 or
// when the connection could not be made, never after a 5xx or a reset, so
// a retry cannot create a second user. A nil req is a *[ValidationError].
func (s *UsersService) Create(ctx context.Context, req *UserCreateRequest, opts ...CallOption) (*User, error) {
	if req == nil {
		req = &UserCreateRequest{}
	}
	if err := req.validate(); err != nil {
		return nil, err
	}
	return do[User](ctx, s.tc, &transport.Request{Method: http.MethodPost, Path: "/users", Body: req,
		Op: "Users.Create", Route: "/users", Options: opts})
}

// Update changes the fields of req that are set (non-nil) on the user and
// returns the user as stored. Because every field is a pointer, false, 0
// and "" are sent when set: Ptr(false) for TermsConditions, Ptr(0) for
// Visits.
//
// The seed says only "Updates user details", with every field optional:
// the SDK reads that as a merge, the fields not sent kept as they are,
// and sends only the fields set. Meta is one field: when set it is sent
// whole, and whether MMOB merges its keys or replaces the object is not
// published; send every key you want kept.
//
// API: POST /users/{user_id}. Safe to retry (setting the same fields twice
// has the same effect), so it is retried on 429, 5xx and transport errors.
// An empty userID, or an Email that is set but not an e-mail address, is a
// *[ValidationError] and nothing is sent. A nil req sends {} and returns
// the user unchanged.
func (s *UsersService) Update(ctx context.Context, userID string, req *UserUpdateRequest, opts ...CallOption) (*User, error) {
	if req == nil {
		req = &UserUpdateRequest{}
	}
	v := validate.New("marketplace: Users.Update")
	v.Check(strings.TrimSpace(userID) != "", "user_id", "is required")
	if req.Email != nil {
		v.Email("email", *req.Email)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return do[User](ctx, s.tc, &transport.Request{Method: http.MethodPost, Path: "/users/" + transport.Segment(userID), Body: req, Safe: true,
		Op: "Users.Update", Route: "/users/{user_id}", Options: opts})
}

// checkID refuses an empty or blank path id.
func checkID(op, field, id string) error {
	v := validate.New(op)
	v.Check(strings.TrimSpace(id) != "", field, "is required")
	return v.Err()
}
