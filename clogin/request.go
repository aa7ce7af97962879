package clogin

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/userapis/sdk/internal/transport"
	"github.com/userapis/sdk/internal/validate"
)

// usersPath is the one URL every user action is posted to; the trailing
// slash is in every vendor example.
const usersPath = "/users/"

// The actions of the users endpoint.
const (
	actionCreate      = "create"
	actionCreateChild = "create_child"
	actionLogin       = "login"
	actionUpdate      = "update"
	actionAddProduct  = "add_product"
	actionAddEmail    = "add_email"
	actionGetInfo     = "get_info"
	actionSetStatus   = "set_status"
	actionGetUserList = "get_user_list"
)

// cloginRule is how an action treats clogin_id.
type cloginRule int

const (
	cloginRequired cloginRule = iota // must be > 0
	cloginOrFalse                    // 0 is sent as false: "new in this organization"
	cloginOptional                   // 0 is not sent
)

// actionRules holds what the vendor documents per action: how clogin_id
// is treated and whether the action may be re-sent after a 5xx.
var actionRules = map[string]struct {
	clogin cloginRule
	safe   bool
}{
	actionCreate:      {cloginOrFalse, false},
	actionCreateChild: {cloginOrFalse, false},
	actionLogin:       {cloginRequired, true},
	actionUpdate:      {cloginRequired, false},
	actionAddProduct:  {cloginOrFalse, false},
	actionAddEmail:    {cloginRequired, false},
	actionGetInfo:     {cloginRequired, true},
	actionSetStatus:   {cloginRequired, false},
	actionGetUserList: {cloginOptional, true},
}

// reservedKeys are the top-level keys the SDK writes itself.
var reservedKeys = []string{"action", "group_id", "clogin_id", "connected_to", "submit_forms", "disable_email_sending", "doc"}

// Request is one call of any users action, for what the typed methods do
// not cover. The known actions keep their rules (clogin_id required, or 0
// sent as false on create, create_child and add_product; login, get_info
// and get_user_list safe to retry); for any other action a zero CloginID
// is not sent.
type Request struct {
	// Action is the vendor's action name, e.g. "get_info" (required).
	Action string
	// GroupID is the project (required, > 0).
	GroupID int64
	// CloginID is the user's central login id.
	CloginID int64
	// ConnectedTo is the parent's clogin_id in a family system; 0 is not sent.
	ConnectedTo int64
	// SubmitForms false keeps the user's forms from submitting (and firing
	// the project's triggers); nil leaves the vendor's default, true.
	SubmitForms *bool
	// DisableEmailSending true suppresses the e-mails the call would send;
	// nil leaves the vendor's default, false.
	DisableEmailSending *bool
	// Doc is the action's doc: any JSON value; nil is sent as {}.
	Doc any
	// Params are further top-level keys (e.g. "status_id"), sent after the
	// common ones in key order. A key the fields above own is refused.
	Params map[string]any
	// Safe marks an action the server may see twice without harm, so it is
	// retried after a 5xx or a reset. Login, get_info and get_user_list are
	// safe whatever it says.
	Safe bool
}

// common holds the fields every typed request shares.
type common struct {
	GroupID             int64
	CloginID            int64
	ConnectedTo         int64
	SubmitForms         *bool
	DisableEmailSending *bool
	Doc                 any
}

// member is one key of a JSON object the SDK writes in a fixed order, so
// request bodies are byte-for-byte reproducible.
type member struct {
	key string
	val any
}

// call is one prepared action: validated fields and what goes in the body.
type call struct {
	op     string // "Users.Create", for hooks and logs
	v      *validate.Checker
	action string
	rule   cloginRule
	safe   bool
	c      common
	top    []member // typed top-level keys (product_list, status_id)
	doc    []member // typed doc keys, written before the caller's Doc keys
}

// newCall starts a call of action for operation op ("Users.Create").
func newCall(op, action string, c common) *call {
	r := actionRules[action]
	return &call{op: op, v: validate.New("clogin: " + op), action: action, rule: r.clogin, safe: r.safe, c: c}
}

// body validates the common fields and encodes the request body. Every
// failure is recorded in the checker; the body is nil when any failed.
func (k *call) body() []byte {
	c := k.c
	k.v.Positive("group_id", c.GroupID)
	switch {
	case k.rule == cloginRequired:
		k.v.Positive("clogin_id", c.CloginID)
	case c.CloginID < 0:
		k.v.Add("clogin_id", "must not be negative (0 means a user new to the organization)")
	}
	k.v.Check(c.ConnectedTo >= 0, "connected_to", "must not be negative")
	doc := k.encodeDoc()
	if k.v.Failed() {
		return nil
	}
	ms := []member{{"action", k.action}, {"group_id", c.GroupID}}
	switch {
	case c.CloginID > 0:
		ms = append(ms, member{"clogin_id", c.CloginID})
	case k.rule == cloginOrFalse:
		ms = append(ms, member{"clogin_id", false})
	}
	if c.ConnectedTo > 0 {
		ms = append(ms, member{"connected_to", c.ConnectedTo})
	}
	if c.SubmitForms != nil {
		ms = append(ms, member{"submit_forms", *c.SubmitForms})
	}
	if c.DisableEmailSending != nil {
		ms = append(ms, member{"disable_email_sending", *c.DisableEmailSending})
	}
	ms = append(ms, k.top...)
	ms = append(ms, member{"doc", doc})
	b, err := encodeObject(ms)
	if err != nil {
		k.v.Add("request", "cannot be encoded as JSON: "+err.Error())
		return nil
	}
	return b
}

// encodeDoc writes the typed doc keys, then the caller's Doc keys in key
// order. The caller's Doc must then be an object and must not repeat a
// typed key. Without typed keys Doc is sent as it is, nil as {}.
func (k *call) encodeDoc() jsontext.Value {
	var user jsontext.Value
	if k.c.Doc != nil {
		b, err := transport.EncodeJSON(k.c.Doc)
		if err != nil {
			// A UserFields that failed its checks fails to encode too:
			// report it once.
			if !k.v.Failed() {
				k.v.Add("doc", "cannot be encoded as JSON: "+err.Error())
			}
			return nil
		}
		if !bytes.Equal(b, []byte("null")) {
			user = b
		}
	}
	if len(k.doc) == 0 {
		if user == nil {
			return jsontext.Value("{}")
		}
		return user
	}
	ms := slices.Clone(k.doc)
	if user != nil {
		var obj map[string]jsontext.Value
		if err := jsonv2.Unmarshal(user, &obj, transport.V1JSON); err != nil {
			k.v.Add("doc", "must be a JSON object when combined with typed fields")
			return nil
		}
		for _, key := range sortedKeys(obj) {
			if slices.ContainsFunc(k.doc, func(m member) bool { return m.key == key }) {
				k.v.Add("doc."+key, "is set both in Doc and by a typed field")
				continue
			}
			ms = append(ms, member{key, obj[key]})
		}
	}
	b, err := encodeObject(ms)
	if err != nil {
		k.v.Add("doc", "cannot be encoded as JSON: "+err.Error())
		return nil
	}
	return b
}

// encodeObject writes ms as one JSON object, in order: the keys and the
// values as [transport.EncodeJSON] writes them, in one pass of one
// encoder.
func encodeObject(ms []member) ([]byte, error) {
	return jsonv2.Marshal(object(ms), transport.V1JSON)
}

// object is members written in order as one JSON object.
type object []member

// MarshalJSONTo writes o with enc's options; a value that fails names its
// key.
func (o object) MarshalJSONTo(enc *jsontext.Encoder) error {
	if err := enc.WriteToken(jsontext.BeginObject); err != nil {
		return err
	}
	for _, m := range o {
		if err := enc.WriteToken(jsontext.String(m.key)); err != nil {
			return err
		}
		if err := jsonv2.MarshalEncode(enc, m.val); err != nil {
			return fmt.Errorf("%s: %w", m.key, err)
		}
	}
	return enc.WriteToken(jsontext.EndObject)
}

// send validates, then posts the call and decodes the reply into out.
func (k *call) send(ctx context.Context, tc *transport.Client, out any, opts []CallOption) error {
	b := k.body()
	if err := k.v.Err(); err != nil {
		return err
	}
	return tc.Do(ctx, &transport.Request{
		Method:  http.MethodPost,
		Path:    usersPath,
		Body:    jsontext.Value(b),
		Safe:    k.safe,
		Op:      k.op,
		Route:   usersPath,
		Options: opts,
	}, out)
}

// result sends the call and returns its decoded Result.
func (k *call) result(ctx context.Context, tc *transport.Client, opts []CallOption) (*Result, error) {
	var r Result
	if err := k.send(ctx, tc, &resultEnvelope{r: &r}, opts); err != nil {
		return nil, err
	}
	return &r, nil
}

// Do runs any users action: the escape hatch for what the typed methods
// do not cover. A nil r is a *ValidationError.
//
// API: POST /users/ with {"action": r.Action, ...}. Retried after a 5xx or
// a reset only for login, get_info, get_user_list or when r.Safe is set;
// any other action is re-sent only on 429 or a failure to connect.
func (s *UsersService) Do(ctx context.Context, r *Request, opts ...CallOption) (*Result, error) {
	if r == nil {
		return nil, nilRequest("Users.Do")
	}
	k := newCall("Users.Do", strings.TrimSpace(r.Action), common{r.GroupID, r.CloginID, r.ConnectedTo, r.SubmitForms, r.DisableEmailSending, r.Doc})
	if _, known := actionRules[k.action]; !known {
		k.rule = cloginOptional
	}
	k.safe = k.safe || r.Safe
	k.v.Required("action", k.action)
	for _, key := range sortedKeys(r.Params) {
		switch {
		case key == "":
			k.v.Add("params", "has an empty key")
		case slices.Contains(reservedKeys, key):
			k.v.Add("params."+key, "is set through its Request field")
		default:
			k.top = append(k.top, member{key, r.Params[key]})
		}
	}
	return k.result(ctx, s.tc, opts)
}

// nilRequest is the error for a nil request pointer.
func nilRequest(op string) error {
	v := validate.New("clogin: " + op)
	v.Add("request", "is required")
	return v.Err()
}
