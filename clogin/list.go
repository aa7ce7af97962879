package clogin

import (
	"context"
	"encoding/json"
	"iter"
	"strconv"
	"strings"

	"github.com/userapis/sdk/internal/paging"
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
	// StartingPosition ("starting_position") is the offset into the list
	// of parents, from 0; 0 is not sent. Regpack documents the option but
	// not whether it counts users or pages: the SDK uses it as an offset
	// and steps it by the number of parents on each page.
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
	// TotalUsers is "total_users", the number of users in the whole list.
	TotalUsers int `json:"total_users"`
	// RecordsPerPage is "records_per_page".
	RecordsPerPage int `json:"records_per_page"`
	// StartingPosition is the offset this page was asked for (not sent by
	// the server).
	StartingPosition int `json:"starting_position,omitzero"`
	// Totals is the project-level "totals" object, as sent (its keys are
	// not documented).
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
	// Doc is the nested doc of fields asked for with AllFields or Fields.
	Doc json.RawMessage `json:"doc,omitzero"`
	// Children are the family's children when ReturnFamilies is set.
	Children []*UserSummary `json:"children,omitzero"`
	// Raw is the item as sent.
	Raw json.RawMessage `json:"-"`
}

// IsChild reports whether the user is a child: ConnectedTo names another user.
func (u *UserSummary) IsChild() bool { return u.ConnectedTo != 0 && u.ConnectedTo != u.CloginID }

// List returns one page of the project's users: up to [PageSize] parents
// from opts.StartingPosition, and their children. A nil opts is a
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
// own children). It fetches lazily, a page at a time, stepping the offset
// by the page's number of parents, and stops after a page of fewer than
// [PageSize] parents or an empty page. A server that will not end the
// walk ends it with an error matching [ErrUnexpectedResponse]: a page
// with no user the last few pages did not bring (the same page again,
// reordered, or a cycle of pages), or more pages than total_users allows
// at records_per_page a page. An error is yielded once, with a nil user,
// and ends the walk. A nil opts yields a *ValidationError, a nil ctx an
// error.
//
// API: POST /users/ {"action": "get_user_list"}, repeated. Safe.
func (s *UsersService) All(ctx context.Context, opts *UserListOptions, callOpts ...CallOption) iter.Seq2[*UserSummary, error] {
	var o UserListOptions
	if opts != nil {
		o = *opts
	}
	return paging.All(ctx, paging.Pager[UserSummary]{
		Op:       "clogin: Users.All",
		Start:    o.StartingPosition,
		PageSize: PageSize,
		Fetch: func(ctx context.Context, pos int) (paging.Page[UserSummary], error) {
			if opts == nil {
				return paging.Page[UserSummary]{}, nilRequest("Users.All")
			}
			q := o
			q.StartingPosition = pos
			p, err := s.List(ctx, &q, callOpts...)
			if err != nil {
				return paging.Page[UserSummary]{}, err
			}
			items := make([]*UserSummary, 0, len(p.Users)+len(p.Children))
			for _, u := range p.Users {
				items = append(items, u)
				items = append(items, u.Children...)
			}
			items = append(items, p.Children...)
			// Pages count parents; a children-only listing has none, so
			// its children are what the page holds.
			n := len(p.Users)
			if n == 0 {
				n = len(p.Children)
			}
			page := paging.Page[UserSummary]{Items: items, N: n, Total: p.TotalUsers}
			if p.RecordsPerPage > 0 && p.RecordsPerPage < PageSize {
				page.Size = p.RecordsPerPage // the server pages fewer than documented
			}
			return page, nil
		},
		Next: paging.NextOffset,
		Key:  func(u *UserSummary) string { return strconv.FormatInt(u.CloginID, 10) },
	})
}
