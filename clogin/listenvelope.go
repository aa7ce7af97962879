package clogin

import (
	"bytes"
	"errors"
	"reflect"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/userapis/sdk/internal/jsonx"
	"github.com/userapis/sdk/internal/transport"
)

// listEnvelope reads a get_user_list body into a UserPage in one pass.
// Regpack does not document an item's shape, so items are read member by
// member: ids flat or in "user_info", the snapshot in "meta_info" or as
// flat keys, a "doc", and (return_families) nested "children". The body
// is copied once; Raw, Totals, every item's Raw and Doc are slices of
// that copy, so the cost stays linear in the body whatever its nesting.
type listEnvelope struct {
	p      *UserPage
	failed bool // the body carried "success": false
}

var _ transport.Failer = (*listEnvelope)(nil)

// Failure reports a body with "success": false, carrying its msg.
func (e *listEnvelope) Failure() ([]string, bool) { return failure(e.failed, e.p.Raw) }

// UnmarshalJSONFrom decodes the body into the page. When a member does not
// decode, it reads on to the end of the body for "success", so a failure
// the body reports still reaches the caller with its messages.
func (e *listEnvelope) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	if dec.PeekKind() != '{' {
		return errNotObject
	}
	src := newSource(dec)
	p := e.p
	p.Raw = bytes.TrimSpace(src.raw)
	depth := dec.StackDepth()
	var success *jsonx.Bool
	err := readObject(dec, func(name string) error {
		switch {
		case strings.EqualFold(name, "users"):
			return src.summaries(dec, &p.Users)
		case strings.EqualFold(name, "children"):
			return src.summaries(dec, &p.Children)
		case strings.EqualFold(name, "total_users"):
			return json.UnmarshalDecode(dec, &p.TotalUsers)
		case strings.EqualFold(name, "records_per_page"):
			return json.UnmarshalDecode(dec, &p.RecordsPerPage)
		case strings.EqualFold(name, "totals"):
			v, err := src.value(dec)
			if isEmptyList(v) {
				v = nil // PHP's [] for an empty object
			}
			p.Totals = v
			return err
		case strings.EqualFold(name, "success"):
			success = nil
			return json.UnmarshalDecode(dec, &success)
		}
		return dec.SkipValue()
	})
	if err != nil {
		jsonx.ReadRest(dec, depth, func(name string) (bool, error) {
			if !strings.EqualFold(name, "success") {
				return false, nil
			}
			success = nil
			return true, json.UnmarshalDecode(dec, &success)
		})
	}
	e.failed = success != nil && !bool(*success)
	// A parent's connected_to is its own id; fill it when the item leaves
	// it out, so ConnectedTo always names the family.
	for _, u := range p.Users {
		if u.ConnectedTo == 0 {
			u.ConnectedTo = u.CloginID
		}
		for _, c := range u.Children {
			if c.ConnectedTo == 0 {
				c.ConnectedTo = u.CloginID
			}
		}
	}
	return err
}

// readObject reads the object that comes next, handing each member's name
// to member, which must read the value.
func readObject(dec *jsontext.Decoder, member func(name string) error) error {
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	for dec.PeekKind() == '"' {
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		if err := member(tok.String()); err != nil {
			return err
		}
	}
	_, err := dec.ReadToken() // '}', or the syntax error that stands there
	return err
}

// summaries reads a list of items into *list: null is none, null items are
// dropped.
func (s *source) summaries(dec *jsontext.Decoder, list *[]*UserSummary) error {
	*list = nil
	switch dec.PeekKind() {
	case 'n':
		return dec.SkipValue()
	case '[':
	default:
		_, err := dec.ReadValue()
		if err == nil {
			err = errNotList
		}
		return err
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	var out []*UserSummary
	for dec.PeekKind() != ']' {
		if dec.PeekKind() == 'n' {
			if _, err := dec.ReadToken(); err != nil {
				return err
			}
			continue
		}
		u, err := s.summary(dec)
		if err != nil {
			return err
		}
		out = append(out, u)
	}
	_, err := dec.ReadToken()
	*list = out
	return err
}

// errNotList is returned for users or children that are not a list.
var errNotList = errors.New("clogin: users and children must be lists")

// summary reads one item. The last of a repeated member counts; meta_info
// and children that do not decode fail the item only when they are the
// last of their name (a later one replaces them).
func (s *source) summary(dec *jsontext.Decoder) (*UserSummary, error) {
	if dec.PeekKind() != '{' {
		if _, err := dec.ReadValue(); err != nil {
			return nil, err
		}
		return nil, errNotObject
	}
	from := dec.InputOffset()
	u := new(UserSummary)
	var (
		info              *UserInfo
		meta              *MetaInfo // the last meta_info object
		metaErr, childErr error
		flat              []byte // the members that may be flat meta keys, as an object's inside
	)
	err := readObject(dec, func(name string) error {
		switch {
		case strings.EqualFold(name, "clogin_id"):
			return json.UnmarshalDecode(dec, &u.CloginID)
		case strings.EqualFold(name, "group_id"):
			return json.UnmarshalDecode(dec, &u.GroupID)
		case strings.EqualFold(name, "connected_to"):
			return json.UnmarshalDecode(dec, &u.ConnectedTo)
		case strings.EqualFold(name, "user_info"):
			info = nil
			return json.UnmarshalDecode(dec, &info)
		case strings.EqualFold(name, "meta_info"):
			meta, metaErr = nil, nil
			if dec.PeekKind() != '{' {
				return dec.SkipValue()
			}
			m := new(MetaInfo)
			ok, err := lenientErr(dec, (*metaFields)(m), &metaErr)
			if ok {
				meta = m
			}
			return err
		case strings.EqualFold(name, "doc"):
			v, err := s.value(dec)
			if bytes.Equal(v, []byte("null")) || isEmptyList(v) {
				v = nil // none, or PHP's [] for an empty object
			}
			u.Doc = v
			return err
		case strings.EqualFold(name, "children"):
			u.Children, childErr = nil, nil
			if dec.PeekKind() != '[' {
				return dec.SkipValue()
			}
			depth := dec.StackDepth()
			if err := s.summaries(dec, &u.Children); err != nil {
				if isSyntactic(err) {
					return err // the body is broken: nothing more to read
				}
				u.Children, childErr = nil, err
				return readOut(dec, depth)
			}
			return nil
		case isMetaKey(name):
			v, err := s.value(dec)
			if err != nil {
				return err
			}
			if len(flat) > 0 {
				flat = append(flat, ',')
			}
			flat, _ = jsontext.AppendQuote(flat, name)
			flat = append(append(flat, ':'), v...)
			return nil
		}
		return dec.SkipValue()
	})
	if err == nil {
		err = childErr
	}
	if err == nil && meta == nil {
		if metaErr != nil {
			err = metaErr
		} else if len(flat) > 0 {
			// No meta_info object: the snapshot is in the item's own keys.
			err = json.Unmarshal(append(append([]byte{'{'}, flat...), '}'), (*metaFields)(&u.MetaInfo), dec.Options())
		}
	} else if meta != nil {
		u.MetaInfo = *meta
	}
	if err != nil {
		return nil, err
	}
	if info != nil {
		u.CloginID = cmp(info.CloginID, u.CloginID)
		u.GroupID = cmp(info.GroupID, u.GroupID)
		u.ConnectedTo = cmp(info.ConnectedTo, u.ConnectedTo)
	}
	u.Raw = s.slice(from, dec.InputOffset())
	return u, nil
}

// lenientErr is lenient, keeping the decoding error in *failed.
func lenientErr(dec *jsontext.Decoder, v any, failed *error) (bool, error) {
	depth, start := dec.StackDepth(), dec.InputOffset()
	err := json.UnmarshalDecode(dec, v)
	if err == nil {
		return true, nil
	}
	*failed = err
	if isSyntactic(err) {
		return false, err
	}
	if dec.StackDepth() == depth && dec.InputOffset() == start {
		return false, dec.SkipValue()
	}
	return false, readOut(dec, depth)
}

// isSyntactic reports whether err is broken JSON (the decoder can read
// no further), rather than a value of an unexpected shape.
func isSyntactic(err error) bool {
	var se *jsontext.SyntacticError
	return errors.As(err, &se)
}

// isEmptyList reports whether v is [] (spaces allowed inside).
func isEmptyList(v []byte) bool {
	return len(v) >= 2 && v[0] == '[' && len(bytes.TrimSpace(v[1:len(v)-1])) == 0
}

// cmp returns a when it is set, else b.
func cmp(a, b int64) int64 {
	if a != 0 {
		return a
	}
	return b
}

// metaKeys are MetaInfo's JSON names: the flat keys of an item that may
// hold its snapshot.
var metaKeys = func() []string {
	t := reflect.TypeFor[MetaInfo]()
	keys := make([]string, t.NumField())
	for i := range keys {
		keys[i], _, _ = strings.Cut(t.Field(i).Tag.Get("json"), ",")
	}
	return keys
}()

func isMetaKey(name string) bool {
	for _, k := range metaKeys {
		if strings.EqualFold(name, k) {
			return true
		}
	}
	return false
}
