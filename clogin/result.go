package clogin

import (
	"bytes"
	"encoding/json"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/userapis/sdk/internal/jsonx"
	"github.com/userapis/sdk/internal/transport"
)

// Amount is a sum of money as Regpack sends it ("0.00"), kept as its exact
// decimal text and never as a float: "1,250.00" and "0.125" decode too and
// keep their value. String gives "12.50", Cents the integer (rounded when
// there are more decimals); it encodes back as the string "12.50".
type Amount = jsonx.Money

// ParseAmount reads an amount such as "12.50", "1,250.00" or "0.125".
func ParseAmount(s string) (Amount, error) { return jsonx.ParseMoney(s) }

// Result is what every users action answers: the message, the success
// flag, the user's ids and progress snapshot, and the whole body in Raw
// for the parts the vendor does not document.
type Result struct {
	// Message is the vendor's "msg", e.g. "User logged in".
	Message string `json:"msg"`
	// MessageType is "msg_type": "success", "info", ...
	MessageType string `json:"msg_type"`
	// Success is the body's "success" flag; a false one is returned as an
	// *APIError instead of a Result.
	Success bool `json:"success"`
	// SystemAction lists what the system did, e.g. ["User registered"].
	SystemAction []string `json:"system_action"`
	// UserToken is login's per-project, single-use login token.
	UserToken string `json:"user_token"`
	// UserInfo identifies the user the action touched.
	UserInfo UserInfo `json:"user_info"`
	// MetaInfo is the user's progress snapshot.
	MetaInfo MetaInfo `json:"meta_info"`
	// Users are the clogin ids set_status changed.
	Users []int64 `json:"users"`
	// EffectedUsers is set_status's count of changed users (the vendor's
	// spelling, "effected_users").
	EffectedUsers int `json:"effected_users"`
	// Parent is get_info's family parent (doc flag _family), nil otherwise.
	Parent *MetaInfo `json:"parent"`
	// Children are get_info's family children (doc flag _family).
	Children []MetaInfo `json:"children"`
	// Raw is the whole response body, for keys this type does not model
	// (get_info's fields, products, forms, cart and payments).
	Raw json.RawMessage `json:"-"`
}

// resultEnvelope reads a users response into a Result in one pass: Raw
// is the body copied once, and the "success" flag is noted where it
// stands, so a success:false body is reported as an *APIError with the
// vendor's messages even when another member does not decode.
type resultEnvelope struct {
	r      *Result
	failed bool // the body carried "success": false
}

// resultMembers is what v2 decodes: the Result, whose "success" member is
// read here instead, to tell a false flag from none at all.
type resultMembers struct {
	*Result `json:",inline"`
	Success *jsonx.Bool `json:"success"`
}

// UnmarshalJSONFrom decodes the body into the result.
func (e *resultEnvelope) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	if dec.PeekKind() != '{' {
		return errNotObject
	}
	src := newSource(dec)
	depth := dec.StackDepth()
	m := resultMembers{Result: e.r}
	err := jsonv2.UnmarshalDecode(dec, &m)
	if err != nil {
		jsonx.ReadRest(dec, depth, func(name string) (bool, error) {
			if !strings.EqualFold(name, "success") {
				return false, nil
			}
			m.Success = nil
			return true, jsonv2.UnmarshalDecode(dec, &m.Success)
		})
	}
	r := e.r
	r.Raw = bytes.TrimSpace(src.raw)
	r.Success = m.Success != nil && bool(*m.Success)
	e.failed = m.Success != nil && !bool(*m.Success)
	if len(r.Users) == 0 {
		r.Users = nil
	}
	return err
}

// Failure reports a body with "success": false, carrying its msg.
func (e *resultEnvelope) Failure() ([]string, bool) { return failure(e.failed, e.r.Raw) }

var _ transport.Failer = (*resultEnvelope)(nil)

// failure turns a body whose success flag was present and false into its
// messages (get_user_list documents no flag at all: absent is success).
func failure(failed bool, body []byte) ([]string, bool) {
	if !failed {
		return nil, false
	}
	msgs := transport.Messages(body)
	if len(msgs) == 0 {
		msgs = []string{"the server answered success: false"}
	}
	return msgs, true
}

// UserInfo identifies a user. Regpack sends the ids as strings; they
// decode into numbers. For a parent or an individual ConnectedTo equals
// CloginID; for a child it is the parent's CloginID.
type UserInfo struct {
	CloginID    int64 `json:"clogin_id"`
	GroupID     int64 `json:"group_id"`
	ConnectedTo int64 `json:"connected_to"`
}

// IsChild reports whether the user is a child in a family system: its
// ConnectedTo names another user.
func (u UserInfo) IsChild() bool { return u.ConnectedTo != 0 && u.ConnectedTo != u.CloginID }

// MetaInfo is a user's progress snapshot. Regpack sends the counts and
// the status id as strings and the money as "0.00"; they decode into
// numbers and [Amount]s. StatusName is nil when the user has no status.
type MetaInfo struct {
	UName                            string  `json:"u_name"`
	TotalForms                       int     `json:"total_forms"`
	CompletedForms                   int     `json:"completed_forms"`
	TotalUserForms                   int     `json:"total_user_forms"`
	TotalCompletedUserForms          int     `json:"total_completed_user_forms"`
	TotalUserMandatoryForms          int     `json:"total_user_mandatory_forms"`
	TotalCompletedUserMandatoryForms int     `json:"total_completed_user_mandatory_forms"`
	TotalOrder                       Amount  `json:"total_order"`
	TotalPaid                        Amount  `json:"total_paid"`
	TotalBalance                     Amount  `json:"total_balance"`
	StatusID                         int64   `json:"status_id"`
	StatusName                       *string `json:"status_name"`
}
