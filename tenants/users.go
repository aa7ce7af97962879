package tenants

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

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
	return s.client.users
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
	return s.do(ctx, s.getRequest(userID, opts))
}

// getRequest is the request of [UsersService.Get]; Update reads the
// current record with it too, so hooks and faults see a Users.Get.
func (s *UsersService) getRequest(userID int, opts []CallOption) *transport.Request {
	return &transport.Request{Method: http.MethodGet, Path: s.usersPath() + "/search",
		RawQuery: "userId=" + strconv.Itoa(userID), Op: "Users.Get", Route: searchRoute, Options: opts}
}

// Create creates a user and returns it as Aptem stored it, with its new
// id. Aptem marks no field required, so neither does Create: what is set
// is checked against the seed's types and formats (e-mail addresses whose
// domain is a DNS name, ids positive int32, hours non-negative int32) and
// a nil req, or one breaking a rule, is a *ValidationError listing every
// failing field; nothing is sent. A field
// Aptem itself insists on comes back as its 400 ([ErrBadRequest]). Not
// safe to retry: it is re-sent only on 429 or when the connection could
// not be made, never after a 500, so it cannot create the user twice.
//
// API: POST /tenants/{tenantName}/users
func (s *UsersService) Create(ctx context.Context, req *UserCreateRequest, opts ...CallOption) (*User, error) {
	v := validate.New("tenants: Users.Create")
	if req == nil {
		v.Add("body", "a UserCreateRequest is required")
		return nil, v.Err()
	}
	if req.Email != "" {
		checkEmail(v, "email", req.Email)
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
// Aptem does not say whether its PUT replaces the whole record or only
// the fields the body carries, and the seed's body is the whole record.
// So that a replacing PUT cannot clear what the caller did not set, Update
// first reads the user (the request of [UsersService.Get], with the same
// call options; hooks see it as "Users.Get"), overlays the fields set in
// req, and PUTs the complete record in the seed's shape. Fields the
// current record has as null or does not carry stay out of the body. The
// extra GET costs one request per Update, and the read and the write are
// not atomic: a change another writer makes to a field this call did not
// set, between Update's GET and its PUT, is overwritten with the value
// the GET saw. Aptem offers no version or ETag to detect that.
//
// API: GET /tenants/{tenantName}/users/search?userId={userID}, then
// PUT /tenants/{tenantName}/users/{userId}
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
		checkEmail(v, "email", *req.Email)
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
	full, err := s.current(ctx, userID, opts)
	if err != nil {
		return nil, err
	}
	overlay(full, req)
	return s.do(ctx, &transport.Request{Method: http.MethodPut, Path: s.userPath(userID), Body: full,
		Op: "Users.Update", Route: userRoute, Options: opts})
}

// current reads the user as [UsersService.Get] does and returns it as an
// update body that sets every field the record carries non-null.
func (s *UsersService) current(ctx context.Context, userID int, opts []CallOption) (*UserUpdateRequest, error) {
	r := s.getRequest(userID, opts)
	var raw jsontext.Value
	if err := s.client.tc.Do(ctx, r, &raw); err != nil {
		return nil, err
	}
	var u *User
	if err := json.Unmarshal(raw, &u, dialect); err != nil || u == nil {
		why := "the body is null, not a user"
		if err != nil {
			why = err.Error()
		}
		return nil, fmt.Errorf("tenants: %s %s: %w: reading the user before the update: %s", r.Method, r.Path, ErrUnexpectedResponse, why)
	}
	present, err := nonNullMembers(raw)
	if err != nil {
		return nil, fmt.Errorf("tenants: %s %s: %w: %v", r.Method, r.Path, ErrUnexpectedResponse, err)
	}
	full := new(UserUpdateRequest)
	dst, src := reflect.ValueOf(full).Elem(), reflect.ValueOf(u).Elem()
	for i, f := range updateFields() {
		if present[strings.ToLower(f.json)] {
			p := reflect.New(dst.Field(i).Type().Elem())
			p.Elem().Set(src.FieldByIndex(f.user))
			dst.Field(i).Set(p)
		}
	}
	return full, nil
}

// overlay sets on full every field req sets.
func overlay(full, req *UserUpdateRequest) {
	dst, src := reflect.ValueOf(full).Elem(), reflect.ValueOf(req).Elem()
	for i := range src.NumField() {
		if !src.Field(i).IsNil() {
			dst.Field(i).Set(src.Field(i))
		}
	}
}

// updateField maps a field of UserUpdateRequest to its JSON name and to
// the same field of User.
type updateField struct {
	json string
	user []int
}

// updateFields lists UserUpdateRequest's fields in order.
var updateFields = sync.OnceValue(func() []updateField {
	rt, ut := reflect.TypeFor[UserUpdateRequest](), reflect.TypeFor[User]()
	out := make([]updateField, rt.NumField())
	for i := range rt.NumField() {
		f := rt.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		uf, ok := ut.FieldByName(f.Name)
		if !ok || uf.Type != f.Type.Elem() {
			panic("tenants: UserUpdateRequest." + f.Name + " has no matching User field")
		}
		out[i] = updateField{json: name, user: uf.Index}
	}
	return out
})

// nonNullMembers returns the lower-cased names of the members of the JSON
// object b whose value is not null (the dialect matches names in any
// case).
func nonNullMembers(b jsontext.Value) (map[string]bool, error) {
	dec := jsontext.NewDecoder(bytes.NewReader(b), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return nil, errors.New("the user is not a JSON object")
	}
	out := map[string]bool{}
	for dec.PeekKind() != '}' {
		tok, err := dec.ReadToken()
		if err != nil {
			return nil, err
		}
		name := strings.ToLower(tok.String())
		if dec.PeekKind() != 'n' {
			out[name] = true
		}
		if err := dec.SkipValue(); err != nil {
			return nil, err
		}
	}
	return out, nil
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
		checkEmail(v, "personalEmail", *personalEmail)
	}
	if managerEmail != nil && *managerEmail != "" {
		checkEmail(v, "managerEmail", *managerEmail)
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

// checkEmail records field unless s is a bare e-mail address whose domain
// is a DNS name: labels of 1 to 63 letters, digits and hyphens (or
// non-ASCII, for internationalised names), none starting or ending with a
// hyphen.
func checkEmail(v *validate.Checker, field, s string) {
	ok := validate.IsEmail(s)
	if ok {
		domain := s[strings.LastIndexByte(s, '@')+1:]
		for label := range strings.SplitSeq(domain, ".") {
			ok = ok && len(label) >= 1 && len(label) <= 63 && label[0] != '-' && label[len(label)-1] != '-' &&
				strings.IndexFunc(label, func(r rune) bool {
					return r < 0x80 && r != '-' && !('0' <= r && r <= '9') && !('a' <= r && r <= 'z') && !('A' <= r && r <= 'Z')
				}) < 0
		}
	}
	v.Check(ok, field, "must be a valid e-mail address (a@b.example, the domain a DNS name)")
}
