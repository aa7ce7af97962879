package tenants

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/userapis/sdk/internal/transport"
	"github.com/userapis/sdk/internal/validate"
)

// UsersService is the users API of one tenant, reached as Client.Users.
type UsersService struct {
	client *Client
}

// UserSearchOptions are the criteria of [UsersService.Search]. At least one
// must be set; when several are, the user must match all of them. Zero
// values mean "not a criterion".
type UserSearchOptions struct {
	UserID int    `url:"userId,omitempty"` // the user's id
	RefNum string `url:"refNum,omitempty"` // the user's referenceNumber
	Email  string `url:"email,omitempty"`  // the user's e-mail address
}

// LogValue shows the criteria without the e-mail address: it is personal
// data.
func (o UserSearchOptions) LogValue() slog.Value {
	attrs := []slog.Attr{slog.Int("userId", o.UserID), slog.String("refNum", o.RefNum)}
	if o.Email != "" {
		attrs = append(attrs, slog.String("email", "[redacted]"))
	}
	return slog.GroupValue(attrs...)
}

// usersPath is /tenants/{tenant}/users, with the tenant escaped.
// Routes of the users endpoints, without ids, for hooks and logs.
const (
	searchRoute = "/tenants/{tenant}/users/search"
	userRoute   = "/tenants/{tenant}/users/{user_id}"
)

func (s *UsersService) usersPath() string {
	return "/tenants/" + transport.Segment(s.client.tenant) + "/users"
}

func (s *UsersService) userPath(userID int) string {
	return s.usersPath() + "/" + transport.Segment(strconv.Itoa(userID))
}

// Search returns the user matching every criterion set in opts, or an
// error matching [ErrNotFound]. A nil opts, or one with no criterion set,
// is a *ValidationError and sends nothing. Safe to retry.
//
// API: GET /tenants/{tenantName}/users/search?userId=&refNum=&email=
func (s *UsersService) Search(ctx context.Context, opts *UserSearchOptions, callOpts ...CallOption) (*User, error) {
	v := validate.New("tenants: Users.Search")
	var o UserSearchOptions
	if opts != nil {
		o = UserSearchOptions{UserID: opts.UserID, RefNum: strings.TrimSpace(opts.RefNum), Email: strings.TrimSpace(opts.Email)}
	}
	if o.UserID == 0 && o.RefNum == "" && o.Email == "" {
		v.Add("userId", "one of userId, refNum or email is required")
	}
	v.Check(o.UserID >= 0 && o.UserID <= math.MaxInt32, "userId", "must be a positive int32 id")
	if err := v.Err(); err != nil {
		return nil, err
	}
	q, err := transport.Query(o)
	if err != nil {
		return nil, fmt.Errorf("tenants: Users.Search: encoding query: %w", err)
	}
	return s.do(ctx, &transport.Request{Method: http.MethodGet, Path: s.usersPath() + "/search", Query: q,
		Op: "Users.Search", Route: searchRoute, Options: callOpts})
}

// Get returns the user with the given id, or an error matching
// [ErrNotFound]. It is [UsersService.Search] by userId; Aptem documents no
// GET by id. A userID that is not a positive int32 is a *ValidationError.
// Safe to retry.
//
// API: GET /tenants/{tenantName}/users/search?userId={userID}
func (s *UsersService) Get(ctx context.Context, userID int, opts ...CallOption) (*User, error) {
	if err := checkUserID("tenants: Users.Get", userID); err != nil {
		return nil, err
	}
	q := url.Values{"userId": {strconv.Itoa(userID)}}
	return s.do(ctx, &transport.Request{Method: http.MethodGet, Path: s.usersPath() + "/search", Query: q,
		Op: "Users.Get", Route: searchRoute, Options: opts})
}

// Create creates a user and returns it as Aptem stored it, with its new
// id. FirstName and LastName are required and Email must be an e-mail
// address; a nil req, or one breaking a rule, is a *ValidationError and
// sends nothing. Not safe to retry: it is re-sent only on 429 or when the
// connection could not be made, never after a 500, so it cannot create
// the user twice.
//
// API: POST /tenants/{tenantName}/users
func (s *UsersService) Create(ctx context.Context, req *UserCreateRequest, opts ...CallOption) (*User, error) {
	v := validate.New("tenants: Users.Create")
	if req == nil {
		v.Add("body", "a UserCreateRequest is required")
		return nil, v.Err()
	}
	v.Required("firstName", req.FirstName)
	v.Required("lastName", req.LastName)
	if strings.TrimSpace(req.Email) == "" {
		v.Add("email", "is required")
	} else {
		v.Email("email", req.Email)
	}
	checkCommon(v, req.PersonalEmail, req.ManagerEmail, []namedInt{
		{"caseOwnerId", req.CaseOwnerID, true}, {"mentorId", req.MentorID, true},
		{"groupId", req.GroupID, true}, {"programmeId", req.ProgrammeID, true},
		{"employerId", req.EmployerID, true}, {"employerAddressId", req.EmployerAddressID, true},
		{"managerId", req.ManagerID, true},
		{"plannedHours", req.PlannedHours, false}, {"weeklyHours", req.WeeklyHours, false},
	})
	if err := v.Err(); err != nil {
		return nil, err
	}
	return s.do(ctx, &transport.Request{Method: http.MethodPost, Path: s.usersPath(), Body: req,
		Op: "Users.Create", Route: "/tenants/{tenant}/users", Options: opts})
}

// Update changes the fields set in req on the user with the given id and
// returns the user as stored, or an error matching [ErrNotFound]. userID
// must be a positive int32 and req must set at least one field; set
// fields must be valid (names not empty, e-mails addresses, ids positive);
// otherwise a *ValidationError is returned and nothing is sent. Safe to
// retry.
//
// API: PUT /tenants/{tenantName}/users/{userId}
func (s *UsersService) Update(ctx context.Context, userID int, req *UserUpdateRequest, opts ...CallOption) (*User, error) {
	v := validate.New("tenants: Users.Update")
	v.Check(userID > 0 && userID <= math.MaxInt32, "userId", "must be a positive int32 id")
	if req == nil || *req == (UserUpdateRequest{}) {
		v.Add("body", "at least one field must be set")
		return nil, v.Err()
	}
	if req.FirstName != nil {
		v.Required("firstName", *req.FirstName)
	}
	if req.LastName != nil {
		v.Required("lastName", *req.LastName)
	}
	if req.Email != nil {
		v.Email("email", *req.Email)
	}
	checkCommon(v, req.PersonalEmail, req.ManagerEmail, []namedInt{
		{"caseOwnerId", req.CaseOwnerID, true}, {"mentorId", req.MentorID, true},
		{"groupId", req.GroupID, true}, {"programmeId", req.ProgrammeID, true},
		{"employerId", req.EmployerID, true}, {"employerAddressId", req.EmployerAddressID, true},
		{"managerId", req.ManagerID, true},
		{"plannedHours", req.PlannedHours, false}, {"weeklyHours", req.WeeklyHours, false},
	})
	if err := v.Err(); err != nil {
		return nil, err
	}
	return s.do(ctx, &transport.Request{Method: http.MethodPut, Path: s.userPath(userID), Body: req,
		Op: "Users.Update", Route: userRoute, Options: opts})
}

// Deactivate deactivates the user with the given id; Aptem keeps the user,
// with a changed status, and Search still finds it. A user that does not
// exist is an error matching [ErrNotFound], except when an earlier attempt
// of this call was sent and lost (a 5xx or a reset) and the retry finds no
// user: that attempt did the work, and Deactivate returns nil. userID must
// be a positive int32, else a *ValidationError and nothing is sent. Safe to
// retry.
//
// API: DELETE /tenants/{tenantName}/users/{userId}
func (s *UsersService) Deactivate(ctx context.Context, userID int, opts ...CallOption) error {
	if err := checkUserID("tenants: Users.Deactivate", userID); err != nil {
		return err
	}
	return s.client.tc.Do(ctx, &transport.Request{Method: http.MethodDelete, Path: s.userPath(userID),
		Op: "Users.Deactivate", Route: userRoute, Options: opts}, nil)
}

// do sends r and decodes the single User every users endpoint answers
// with. A 2xx whose body is JSON null is not a user.
func (s *UsersService) do(ctx context.Context, r *transport.Request) (*User, error) {
	var u *User
	if err := s.client.tc.Do(ctx, r, &u); err != nil {
		return nil, err
	}
	if u == nil {
		return nil, fmt.Errorf("tenants: %s %s: %w: the body is null, not a user", r.Method, r.Path, ErrUnexpectedResponse)
	}
	return u, nil
}

func checkUserID(op string, userID int) error {
	v := validate.New(op)
	v.Check(userID > 0 && userID <= math.MaxInt32, "userId", "must be a positive int32 id")
	return v.Err()
}

// namedInt is an optional int32 field of a request: an id must be
// positive, a count not negative.
type namedInt struct {
	name string
	p    *int
	id   bool
}

// checkCommon checks the optional fields both request bodies share.
func checkCommon(v *validate.Checker, personalEmail, managerEmail *string, ints []namedInt) {
	if personalEmail != nil && *personalEmail != "" {
		v.Email("personalEmail", *personalEmail)
	}
	if managerEmail != nil && *managerEmail != "" {
		v.Email("managerEmail", *managerEmail)
	}
	for _, f := range ints {
		switch {
		case f.p == nil:
		case *f.p > math.MaxInt32:
			v.Add(f.name, "must fit in an int32")
		case f.id && *f.p <= 0:
			v.Add(f.name, "must be a positive id")
		case *f.p < 0:
			v.Add(f.name, "must not be negative")
		}
	}
}
