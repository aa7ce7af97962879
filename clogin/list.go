package clogin

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strconv"
	"strings"
)

// PageSize is get_user_list's page: 50 parents (or individuals), with
// their children alongside.
const PageSize = 50

// UserListOptions filters get_user_list. The options go in the doc.
type UserListOptions struct {
	// GroupID is the project (required, > 0).
	GroupID int64
	// WithExcluded ("with_excluded") includes users with an excluding status.
	WithExcluded bool
	// OnlyExcluded ("only_excluded") lists only users with an excluding status.
	OnlyExcluded bool
	// OnlyParents ("only_parents") leaves the children out.
	OnlyParents bool
	// OnlyChildren ("only_children") lists the children only.
	OnlyChildren bool
	// ReturnFamilies ("return_families") nests each family's children in
	// its parent ([UserSummary.Children]) instead of the page's Children.
	ReturnFamilies bool
	// StartingPosition ("starting_position") is where in the list of
	// parents the page starts, from 0; 0 is not sent. Regpack documents the
	// option but not whether it counts parents (an offset) or pages (a page
	// number): [UsersService.List] sends it as given, so it means what the
	// server makes it mean, and [UsersService.All] works out which reading
	// the server takes and steps it accordingly.
	StartingPosition int
	// AllFields ("_allfields") adds every field to each user's Doc.
	AllFields bool
	// Fields ("fields") adds these fields, by id or mapped name, to each
	// user's Doc.
	Fields []string
	// Doc holds further doc keys, merged after the options.
	Doc any
}

// UserPage is one page of get_user_list: up to [PageSize] parents in
// Users and their children in Children.
type UserPage struct {
	// Users are the page's parents and individuals.
	Users []*UserSummary `json:"users"`
	// Children are the children of the page's parents (empty when
	// ReturnFamilies nests them in their parents).
	Children []*UserSummary `json:"children"`
	// TotalUsers is "total_users", "the total number of users in the
	// return" (Regpack does not say whether children count; a number or a
	// numeric string).
	TotalUsers int `json:"total_users"`
	// RecordsPerPage is "records_per_page", how many parents make a full
	// page (a number or a numeric string).
	RecordsPerPage int `json:"records_per_page"`
	// StartingPosition is the starting_position this page was asked for
	// (not sent by the server).
	StartingPosition int `json:"starting_position,omitzero"`
	// Totals is the project-level "totals" object, as sent (its keys are
	// not documented); nil when absent or an empty [] (PHP's empty object).
	Totals json.RawMessage `json:"totals,omitzero"`
	// Raw is the whole response body.
	Raw json.RawMessage `json:"-"`
}

// UserSummary is one user of get_user_list. Regpack does not document
// the item's shape: it decodes flat keys ("clogin_id", "u_name", ...)
// as well as nested "user_info" and "meta_info" objects, and ids and
// counts sent as strings.
type UserSummary struct {
	CloginID int64 `json:"clogin_id"`
	GroupID  int64 `json:"group_id"`
	// ConnectedTo is the parent's clogin_id for a child, the user's own
	// for a parent or individual.
	ConnectedTo int64 `json:"connected_to"`
	// MetaInfo is the user's progress snapshot.
	MetaInfo MetaInfo `json:"meta_info"`
	// Doc is the nested doc of fields asked for with AllFields or Fields;
	// nil when absent, null or an empty [] (PHP's empty object).
	Doc json.RawMessage `json:"doc,omitzero"`
	// Children are the family's children when ReturnFamilies is set.
	Children []*UserSummary `json:"children,omitzero"`
	// Raw is the item as sent.
	Raw json.RawMessage `json:"-"`
}

// IsChild reports whether the user is a child: ConnectedTo names another user.
func (u *UserSummary) IsChild() bool { return u.ConnectedTo != 0 && u.ConnectedTo != u.CloginID }

// List returns one page of the project's users: up to [PageSize] parents
// from opts.StartingPosition, and their children. StartingPosition is sent
// as given: an offset into the list of parents on a server that reads it
// as one, a page number on a server that reads it as that (Regpack does
// not say which; [UsersService.All] finds out). A nil opts is a
// *ValidationError (GroupID is required).
//
// API: POST /users/ {"action": "get_user_list"}. Safe: retried after a
// 5xx or a reset.
func (s *UsersService) List(ctx context.Context, opts *UserListOptions, callOpts ...CallOption) (*UserPage, error) {
	if opts == nil {
		return nil, nilRequest("Users.List")
	}
	k := newCall("Users.List", actionGetUserList, common{GroupID: opts.GroupID, Doc: opts.Doc})
	k.v.Check(opts.StartingPosition >= 0, "doc.starting_position", "must not be negative")
	k.v.Check(!(opts.OnlyParents && opts.OnlyChildren), "doc.only_children", "cannot be combined with only_parents")
	for i, f := range opts.Fields {
		k.v.Check(strings.TrimSpace(f) != "", "doc.fields["+strconv.Itoa(i)+"]", "is empty")
	}
	k.doc = flags(
		member{"with_excluded", opts.WithExcluded},
		member{"only_excluded", opts.OnlyExcluded},
		member{"only_parents", opts.OnlyParents},
		member{"only_children", opts.OnlyChildren},
		member{"return_families", opts.ReturnFamilies},
		member{"starting_position", opts.StartingPosition},
		member{"_allfields", opts.AllFields},
		member{"fields", opts.Fields},
	)
	var p UserPage
	if err := k.send(ctx, s.tc, &listEnvelope{p: &p}, callOpts); err != nil {
		return nil, err
	}
	p.StartingPosition = opts.StartingPosition
	return &p, nil
}

// All walks the list from opts.StartingPosition: each page's parents,
// then their children (with ReturnFamilies, each parent followed by its
// own children). It fetches lazily, a page at a time, and stops after a
// page of fewer than [PageSize] parents (or records_per_page, when the
// server pages fewer) or an empty page.
//
// Regpack says only "increment starting_position", not whether it is an
// offset or a page number, so All works it out: after a full first page it
// asks for starting_position+1. An offset server answers the first page
// shifted by one parent: All yields the one new parent (and its children)
// and steps the offset by each page's parents from there. A page-number
// server answers with none of the first page's parents: All yields that
// page and steps by one. The probe costs an offset server one request per
// walk; on a list of one page there is nothing to tell apart and no probe.
//
// A walk that cannot be trusted ends with an error matching
// [ErrUnexpectedResponse]: a page with no user the last few pages did not
// bring (a server that ignores starting_position, reorders or cycles),
// more pages than total_users allows at records_per_page a page, or a walk
// from position 0 that ends with fewer users, parents and children
// together, than the last total_users said (Regpack does not say whether
// the total counts children; counted either way, fewer is short). An error
// is yielded once, with a nil user, and ends the walk. A nil opts yields a
// *ValidationError, a nil ctx an error.
//
// API: POST /users/ {"action": "get_user_list"}, repeated. Safe.
func (s *UsersService) All(ctx context.Context, opts *UserListOptions, callOpts ...CallOption) iter.Seq2[*UserSummary, error] {
	if opts == nil {
		return func(yield func(*UserSummary, error) bool) {
			if ctx == nil {
				yield(nil, fmt.Errorf("clogin: Users.All: %w: nil context", ErrInvalidInput))
				return
			}
			yield(nil, nilRequest("Users.All"))
		}
	}
	w := &walk{s: s, opts: *opts, callOpts: callOpts}
	return w.all(ctx, opts.StartingPosition)
}
