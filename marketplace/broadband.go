package marketplace

import (
	"context"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/userapis/sdk/internal/transport"
	"github.com/userapis/sdk/internal/validate"
)

// BroadbandService reaches the users' broadband entries,
// /users/broadband. Get one from [Client].Broadband.
type BroadbandService service

// BroadbandEntry is a user's broadband entry as the API returns it. The
// API documents no broadband fields in the response; whatever it keeps
// about the provider, price and speed comes back in Meta. The ids also
// decode from numbers (the package's dialect).
type BroadbandEntry struct {
	ID         string         `json:"id"`
	CPUserID   string         `json:"cp_user_id"`
	RootUserID string         `json:"root_user_id"`
	CPID       string         `json:"cp_id"`
	Meta       map[string]any `json:"meta"`
}

// LogValue shows the entry's ids and the names of its meta keys, never the
// meta values: meta is free-form and may hold anything the partner put in.
func (e BroadbandEntry) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("id", e.ID), slog.String("cp_user_id", e.CPUserID)}
	if len(e.Meta) > 0 {
		attrs = append(attrs, slog.String("meta_keys", strings.Join(slices.Sorted(maps.Keys(e.Meta)), ",")))
	}
	return slog.GroupValue(attrs...)
}

// BroadbandCreateRequest is the body of [BroadbandService.Create]. CPUserID
// is required; the broadband fields are sent only when set (non-nil).
type BroadbandCreateRequest struct {
	CPUserID  string  `json:"cp_user_id"`
	Provider  *string `json:"broadbandProvider,omitempty"`
	PPM       *string `json:"broadbandPpm,omitempty"`
	DownSpeed *string `json:"broadbandDownSpeed,omitempty"`
}

// BroadbandUpdateRequest is the body of [BroadbandService.Update]. Only
// the fields set (non-nil) are sent; Ptr("") sends an empty string.
type BroadbandUpdateRequest struct {
	Provider  *string `json:"broadbandProvider,omitempty"`
	PPM       *string `json:"broadbandPpm,omitempty"`
	DownSpeed *string `json:"broadbandDownSpeed,omitempty"`
}

// Create creates the broadband entry of the user req.CPUserID and returns
// it.
//
// API: POST /users/broadband. The seed prints this operation's fields
// (cp_user_id, required, then broadbandProvider, broadbandPpm,
// broadbandDownSpeed) but not its heading or path. Its renderer lists only
// body fields for POSTs (the "Update user" and "update User Broadband
// Entry" blocks leave out their path ids), so cp_user_id is a body field
// here, and the collection path is the sibling of the documented
// GET/POST /users/broadband/{cp_user_id}, as POST /users is of
// /users/{user_id}.
//
// Not safe to retry: re-sent only after a 429 or when the connection could
// not be made, never after a 5xx or a reset. A nil req, or an empty
// CPUserID, is a *[ValidationError] and nothing is sent.
func (s *BroadbandService) Create(ctx context.Context, req *BroadbandCreateRequest, opts ...CallOption) (*BroadbandEntry, error) {
	if req == nil {
		req = &BroadbandCreateRequest{}
	}
	v := validate.New("marketplace: Broadband.Create")
	v.Required("cp_user_id", req.CPUserID)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return do[BroadbandEntry](ctx, s.tc, &transport.Request{Method: http.MethodPost, Path: "/users/broadband", Body: req,
		Op: "Broadband.Create", Route: "/users/broadband", Options: opts})
}

// Get returns the broadband entry of the user cpUserID. A user without one
// is an *[APIError] matching [ErrNotFound].
//
// API: GET /users/broadband/{cp_user_id} (safe). An empty cpUserID is a
// *[ValidationError] and nothing is sent.
func (s *BroadbandService) Get(ctx context.Context, cpUserID string, opts ...CallOption) (*BroadbandEntry, error) {
	if err := checkID("marketplace: Broadband.Get", "cp_user_id", cpUserID); err != nil {
		return nil, err
	}
	return do[BroadbandEntry](ctx, s.tc, &transport.Request{Method: http.MethodGet, Path: "/users/broadband/" + transport.Segment(cpUserID),
		Op: "Broadband.Get", Route: "/users/broadband/{cp_user_id}", Options: opts})
}

// Update changes the fields of req that are set (non-nil) on the broadband
// entry of the user cpUserID and returns the entry.
//
// API: POST /users/broadband/{cp_user_id}. Safe to retry (setting the same
// values twice has the same effect). An empty cpUserID is a
// *[ValidationError] and nothing is sent; a nil req sends {}.
func (s *BroadbandService) Update(ctx context.Context, cpUserID string, req *BroadbandUpdateRequest, opts ...CallOption) (*BroadbandEntry, error) {
	if err := checkID("marketplace: Broadband.Update", "cp_user_id", cpUserID); err != nil {
		return nil, err
	}
	if req == nil {
		req = &BroadbandUpdateRequest{}
	}
	return do[BroadbandEntry](ctx, s.tc, &transport.Request{Method: http.MethodPost, Path: "/users/broadband/" + transport.Segment(cpUserID), Body: req, Safe: true,
		Op: "Broadband.Update", Route: "/users/broadband/{cp_user_id}", Options: opts})
}
