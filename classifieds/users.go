package classifieds

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/netip"
	"strconv"
	"strings"

	"github.com/userapis/sdk/internal/paging"
	"github.com/userapis/sdk/internal/transport"
	"github.com/userapis/sdk/internal/validate"
)

// Paging limits of GET /users/.
const (
	DefaultItemsPerPage = 25  // the page size the API uses when none is asked for
	MaxItemsPerPage     = 100 // the largest page the API serves
)

// UsersService reads, creates, updates, removes and activates the users of
// the client the API key belongs to. Get it from [Client.Users].
type UsersService struct {
	tc *transport.Client
}

// UserListOptions are the search parameters of [UsersService.List]. The
// zero value (or a nil pointer) asks for the API's defaults: page 1, 25
// users, no cache preference.
type UserListOptions struct {
	// Page is the page to return, counted from 1; 0 means 1.
	Page int `url:"page,omitempty"`
	// ItemsPerPage is the page size, 1 to 100; 0 means the API's 25.
	ItemsPerPage int `url:"itemsPerPage,omitempty"`
	// UseCache, when set, asks the API to use (true) or bypass (false) its
	// caching module; it is sent as useCache=1 or useCache=0. nil sends
	// nothing and leaves the choice to the API.
	UseCache *bool `url:"useCache,omitempty,int"`
}

// UserPage is one page of users with the metadata of the list envelope.
type UserPage struct {
	Items        []*User
	Page         int     // the page number, from 1
	ItemsPerPage int     // the page size the server applied
	TotalItems   int     // "totalItems" as the server sends it (its meaning is not documented)
	TotalInSet   int     // "totalInSet" as the server sends it (its meaning is not documented)
	FromCache    bool    // the answer came from the API's cache
	Speed        float64 // the server's own processing time, in seconds
}

// List returns one page of users.
//
// API: GET /users/?page=&itemsPerPage=&useCache= (safe: retried). A nil
// opts asks for the first page of 25. A Page below 0 or an ItemsPerPage
// outside 0..100 is a *ValidationError and nothing is sent.
func (s *UsersService) List(ctx context.Context, opts *UserListOptions, callOpts ...CallOption) (*UserPage, error) {
	var o UserListOptions
	if opts != nil {
		o = *opts
	}
	if err := checkListOptions(&o); err != nil {
		return nil, err
	}
	q, err := transport.Query(&o)
	if err != nil {
		return nil, fmt.Errorf("classifieds: Users.List: %w", err)
	}
	r := &transport.Request{Method: http.MethodGet, Path: "/users/", Query: q, Op: "Users.List", Route: "/users/", Options: callOpts}
	env, err := do[users](ctx, s.tc, r)
	if err != nil {
		return nil, err
	}
	p := &UserPage{
		Items:        env.Data,
		Page:         env.Page,
		ItemsPerPage: env.ItemsPerPage,
		TotalItems:   env.TotalItems,
		TotalInSet:   env.TotalInSet,
		FromCache:    env.FromCache,
		Speed:        float64(env.Speed),
	}
	if p.Page == 0 {
		p.Page = max(o.Page, 1)
	}
	if p.ItemsPerPage == 0 {
		p.ItemsPerPage = cmpOr(o.ItemsPerPage, DefaultItemsPerPage)
	}
	return p, nil
}

func checkListOptions(o *UserListOptions) error {
	v := validate.New("classifieds: Users.List")
	v.Check(o.Page >= 0, "page", "must be 1 or more (0 means 1)")
	v.Check(o.ItemsPerPage >= 0 && o.ItemsPerPage <= MaxItemsPerPage, "itemsPerPage",
		"must be 1 to "+strconv.Itoa(MaxItemsPerPage)+" (0 means "+strconv.Itoa(DefaultItemsPerPage)+")")
	return v.Err()
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

// All returns every user from opts' page on, fetching one page at a time
// as the loop asks for more (a break stops the requests). A request error
// is yielded once, with a nil user, and ends the loop. A nil opts starts
// at page 1 with pages of 25; ItemsPerPage 100 needs the fewest requests.
// The walk ends after an empty or short page. A server that will not end
// it ends it with an error matching [ErrUnexpectedResponse]: a page with
// no user the last few pages did not bring (the same page again,
// reordered, or a cycle of pages), or more pages than the envelope's
// count allows. The vendor does not say which of totalItems and
// totalInSet counts the whole listing, so the larger one bounds the walk.
// A nil ctx is yielded as an error.
//
// API: GET /users/ repeatedly (safe: retried).
func (s *UsersService) All(ctx context.Context, opts *UserListOptions, callOpts ...CallOption) iter.Seq2[*User, error] {
	var o UserListOptions
	if opts != nil {
		o = *opts
	}
	return paging.All(ctx, paging.Pager[User]{
		Op:       "classifieds: Users.All",
		Start:    max(o.Page, 1),
		PageSize: cmpOr(o.ItemsPerPage, DefaultItemsPerPage),
		Next:     paging.NextPage,
		Key:      func(u *User) string { return strconv.FormatInt(u.UserID, 10) },
		Fetch: func(ctx context.Context, page int) (paging.Page[User], error) {
			o.Page = page
			p, err := s.List(ctx, &o, callOpts...)
			if err != nil {
				return paging.Page[User]{}, err
			}
			return paging.Page[User]{Items: p.Items, Total: max(p.TotalItems, p.TotalInSet)}, nil
		},
	})
}

// Get returns the user with the given ID. The API answers with the list
// envelope (data is an array); Get returns its one user. A successful
// answer that does not contain the user is an error matching
// [ErrNotFound].
//
// API: GET /users/{userId}/ (safe: retried). userID must be positive.
func (s *UsersService) Get(ctx context.Context, userID int64, opts ...CallOption) (*User, error) {
	if err := checkID("classifieds: Users.Get", userID); err != nil {
		return nil, err
	}
	r := &transport.Request{Method: http.MethodGet, Path: userPath(userID), Op: "Users.Get", Route: "/users/{id}/", Options: opts}
	env, err := do[users](ctx, s.tc, r)
	if err != nil {
		return nil, err
	}
	users := env.Data
	u := pickUser(users, userID)
	switch {
	case u != nil:
		return u, nil
	case len(users) == 0:
		return nil, fmt.Errorf("classifieds: %s %s: %w: the response holds no user", r.Method, r.Path, ErrNotFound)
	}
	return nil, unexpected(r, "the response holds other users than "+strconv.FormatInt(userID, 10))
}

func userPath(id int64) string {
	return "/users/" + transport.Segment(strconv.FormatInt(id, 10)) + "/"
}

func checkID(op string, id int64) error {
	v := validate.New(op)
	v.Positive("userId", id)
	return v.Err()
}

// Create creates a user and returns it as stored, with the [Activation]
// token that unlocks it (pass it to [UsersService.Activate]). A nil
// Country sends the vendor's default "NL". The activation's zone-less
// validUntil is read as Amsterdam time, and MySQL's zero date as the zero
// Time, so a created user is never reported as a failure for its date.
//
// Every documented constraint is checked first (see [UserCreateRequest]);
// all failing fields come back in one *ValidationError and nothing is
// sent. req must not be nil.
//
// API: POST /users/ (unsafe: not re-sent after a 5xx or a dropped
// connection, so a retry never creates a second user; only a 429 or a
// failure to connect is retried).
func (s *UsersService) Create(ctx context.Context, req *UserCreateRequest, opts ...CallOption) (*User, error) {
	if err := req.validate(); err != nil {
		return nil, err
	}
	body := *req
	body.Country = req.countryOrDefault()
	r := &transport.Request{Method: http.MethodPost, Path: "/users/", Body: &body, Op: "Users.Create", Route: "/users/", Options: opts}
	env, err := do[users](ctx, s.tc, r)
	if err != nil {
		return nil, err
	}
	users := env.Data
	u := pickUser(users, 0)
	if u == nil {
		return nil, unexpected(r, "the response holds no created user")
	}
	return u, nil
}

// Update changes the fields set in req of the user with the given ID and
// returns the user as stored; it never returns a nil User with a nil
// error. Only the fields set are checked and sent (see
// [UserUpdateRequest]).
//
// The vendor shows no update response. When the server sends the user
// back, Update returns it. When it confirms without the user (data [] or
// false, as the vendor's activation confirms), Update reads the user back
// with the request of [UsersService.Get] and the same call options (one
// more request, named "Users.Get" to hooks); should that read fail, the
// error says the update itself was confirmed.
//
// API: PUT /users/ with userId in the body (safe: retried), and GET
// /users/{userId}/ when the answer holds no user. userID must be
// positive; a nil or empty req is a *ValidationError.
func (s *UsersService) Update(ctx context.Context, userID int64, req *UserUpdateRequest, opts ...CallOption) (*User, error) {
	if err := req.validate(userID); err != nil {
		return nil, err
	}
	r := &transport.Request{Method: http.MethodPut, Path: "/users/", Body: updateBody{UserID: userID, UserUpdateRequest: req},
		Op: "Users.Update", Route: "/users/", Options: opts}
	env, err := do[users](ctx, s.tc, r)
	if err != nil {
		return nil, err
	}
	users := env.Data
	if len(users) == 0 {
		u, err := s.Get(ctx, userID, opts...)
		if err != nil {
			return nil, fmt.Errorf("classifieds: Users.Update: the update was confirmed, but reading the user back failed: %w", err)
		}
		return u, nil
	}
	if u := pickUser(users, userID); u != nil {
		return u, nil
	}
	return nil, unexpected(r, "the response holds another user than "+strconv.FormatInt(userID, 10))
}

// updateBody puts the path-less PUT's userId in front of the fields.
type updateBody struct {
	UserID int64 `json:"userId"`
	*UserUpdateRequest
}

// DeleteOptions are the optional parameters of [UsersService.Delete].
type DeleteOptions struct {
	// IP, when set, is sent with the request (the vendor documents a body
	// {"userId": ..., "ip": ...} for DELETE /users/); it must be an IPv4
	// or IPv6 address. Presumably the address of the person asking for the
	// removal, kept by GoedGeplaatst as a record; the docs do not say.
	IP string
}

// Delete removes the user with the given ID. When no advertisement data is
// linked to the user the account is removed from the database; when there
// are advertisements or transactions, all the user's personal data is
// anonymised instead. Either way this cannot be undone.
//
// API: DELETE /users/{userId}/, or DELETE /users/ with the JSON body
// {"userId", "ip"} when opts.IP is set. Safe: retried after a 5xx or a
// reset; when such a lost attempt is followed by a 404, the lost attempt did
// the work and Delete returns nil. A user that was not there to begin with
// is an error matching [ErrNotFound]. userID must be
// positive; a nil opts means no IP.
func (s *UsersService) Delete(ctx context.Context, userID int64, opts *DeleteOptions, callOpts ...CallOption) error {
	v := validate.New("classifieds: Users.Delete")
	v.Positive("userId", userID)
	r := &transport.Request{Method: http.MethodDelete, Path: userPath(userID), Op: "Users.Delete", Route: "/users/{id}/", Options: callOpts}
	if opts != nil && opts.IP != "" {
		_, err := netip.ParseAddr(opts.IP)
		v.Check(err == nil && !strings.Contains(opts.IP, "%"), "ip", "must be an IPv4 or IPv6 address")
		r = &transport.Request{Method: http.MethodDelete, Path: "/users/", Body: deleteBody{UserID: userID, IP: opts.IP},
			Op: "Users.Delete", Route: "/users/", Options: callOpts}
	}
	if err := v.Err(); err != nil {
		return err
	}
	_, err := do[skipped](ctx, s.tc, r)
	return err
}

type deleteBody struct {
	UserID int64  `json:"userId"`
	IP     string `json:"ip"`
}

// Activate unlocks a new user with the activation token received from
// [UsersService.Create] or [UsersService.GenerateActivation]. A wrong,
// revoked or expired token is an *APIError carrying the server's message
// ("invalid activationtoken or token expired").
//
// API: POST /user/activate/ with {"userId", "activationtoken"} (unsafe:
// not re-sent after a 5xx). userID must be positive and token non-empty.
func (s *UsersService) Activate(ctx context.Context, userID int64, token string, opts ...CallOption) error {
	v := validate.New("classifieds: Users.Activate")
	v.Positive("userId", userID)
	v.Check(strings.TrimSpace(token) != "", "activationtoken", "is required")
	if err := v.Err(); err != nil {
		return err
	}
	_, err := do[skipped](ctx, s.tc, &transport.Request{Method: http.MethodPost, Path: "/user/activate/",
		Body: activateBody{UserID: userID, ActivationToken: token}, Op: "Users.Activate", Route: "/user/activate/", Options: opts})
	return err
}

type activateBody struct {
	UserID          int64  `json:"userId"`
	ActivationToken string `json:"activationtoken"`
}

// GenerateActivation makes a new activation token for the user and
// revokes every token generated before it (including the one Create
// returned). GoedGeplaatst allows 5 calls per hour: a sixth is refused
// with an *APIError matching [ErrRateLimited] ("maximum number of requests
// has exceeded. please try again later..."), whatever its HTTP status: the
// vendor answers result:false, at 200 as far as is known, so StatusCode
// may be 200 and RetryAfter 0. The token's ValidUntil is read as
// Amsterdam time (see [Time]).
//
// API: POST /user/activate/generate/ with {"userId"} (unsafe: not re-sent
// after a 5xx, since every call uses up the hourly allowance and revokes
// tokens). userID must be positive.
func (s *UsersService) GenerateActivation(ctx context.Context, userID int64, opts ...CallOption) (*Activation, error) {
	if err := checkID("classifieds: Users.GenerateActivation", userID); err != nil {
		return nil, err
	}
	r := &transport.Request{Method: http.MethodPost, Path: "/user/activate/generate/", Body: generateBody{UserID: userID},
		Op: "Users.GenerateActivation", Route: "/user/activate/generate/", Options: opts}
	env, err := do[activations](ctx, s.tc, r)
	if err != nil {
		return nil, err
	}
	if len(env.Data) != 1 || env.Data[0] == nil || env.Data[0].ActivationToken == "" {
		return nil, unexpected(r, "data holds no single activation token")
	}
	a := env.Data[0]
	if a.UserID == 0 {
		a.UserID = userID
	}
	return a, nil
}

type generateBody struct {
	UserID int64 `json:"userId"`
}
