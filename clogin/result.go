package clogin

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"

	"github.com/userapis/sdk/internal/jsonx"
	"github.com/userapis/sdk/internal/transport"
)

// Amount is a sum of money with two decimals, as Regpack sends it ("0.00"),
// held as integer cents and never as a float. String gives "12.50", Cents
// the integer; it encodes back as the string "12.50".
type Amount = jsonx.Money

// ParseAmount reads an amount such as "12.50" (at most two decimals).
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

	failed bool // the body carried "success": false
}

// UnmarshalJSON decodes a users response: numbers that arrive as
// strings, a boolean success in any common form, a "msg" that is not a
// string, and Raw.
func (r *Result) UnmarshalJSON(b []byte) error {
	if err := requireObject(b); err != nil {
		return err
	}
	type plain Result
	aux := struct {
		*plain
		Message       json.RawMessage  `json:"msg"`
		Success       *jsonx.Bool      `json:"success"`
		SystemAction  jsonx.StringList `json:"system_action"`
		UserToken     json.RawMessage  `json:"user_token"`
		Users         []jsonx.Int64    `json:"users"`
		EffectedUsers jsonx.Int64      `json:"effected_users"`
		Parent        json.RawMessage  `json:"parent"`
		Children      json.RawMessage  `json:"children"`
	}{plain: (*plain)(r)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	r.Message = text(aux.Message)
	r.UserToken = text(aux.UserToken)
	r.Success = aux.Success != nil && bool(*aux.Success)
	r.failed = aux.Success != nil && !bool(*aux.Success)
	r.SystemAction = aux.SystemAction
	r.Users = nil
	for _, u := range aux.Users {
		r.Users = append(r.Users, int64(u))
	}
	r.EffectedUsers = int(aux.EffectedUsers)
	// The family shapes are only described, never shown: decode what
	// matches and leave the rest to Raw rather than fail the call.
	r.Parent, r.Children = nil, nil
	var parent MetaInfo
	if isObject(aux.Parent) && json.Unmarshal(aux.Parent, &parent) == nil {
		r.Parent = &parent
	}
	var children []MetaInfo
	if json.Unmarshal(aux.Children, &children) == nil {
		r.Children = children
	}
	r.Raw = bytes.Clone(b)
	return nil
}

// resultEnvelope makes a Result report success:false to the transport.
type resultEnvelope struct{ r *Result }

// UnmarshalJSON decodes into the result.
func (e *resultEnvelope) UnmarshalJSON(b []byte) error { return e.r.UnmarshalJSON(b) }

// Failure reports a body with "success": false, carrying its msg.
func (e *resultEnvelope) Failure() ([]string, bool) { return failure(e.r.failed, e.r.Raw) }

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

// UnmarshalJSON accepts the ids as numbers, numeric strings, "" or null.
func (u *UserInfo) UnmarshalJSON(b []byte) error {
	var aux struct {
		CloginID    jsonx.Int64 `json:"clogin_id"`
		GroupID     jsonx.Int64 `json:"group_id"`
		ConnectedTo jsonx.Int64 `json:"connected_to"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*u = UserInfo{int64(aux.CloginID), int64(aux.GroupID), int64(aux.ConnectedTo)}
	return nil
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

// UnmarshalJSON accepts counts and ids as numbers or numeric strings.
func (m *MetaInfo) UnmarshalJSON(b []byte) error {
	type plain MetaInfo
	aux := struct {
		*plain
		UName                            json.RawMessage `json:"u_name"`
		TotalForms                       jsonx.Int64     `json:"total_forms"`
		CompletedForms                   jsonx.Int64     `json:"completed_forms"`
		TotalUserForms                   jsonx.Int64     `json:"total_user_forms"`
		TotalCompletedUserForms          jsonx.Int64     `json:"total_completed_user_forms"`
		TotalUserMandatoryForms          jsonx.Int64     `json:"total_user_mandatory_forms"`
		TotalCompletedUserMandatoryForms jsonx.Int64     `json:"total_completed_user_mandatory_forms"`
		StatusID                         jsonx.Int64     `json:"status_id"`
		StatusName                       json.RawMessage `json:"status_name"`
	}{plain: (*plain)(m)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	m.UName = text(aux.UName)
	m.TotalForms = int(aux.TotalForms)
	m.CompletedForms = int(aux.CompletedForms)
	m.TotalUserForms = int(aux.TotalUserForms)
	m.TotalCompletedUserForms = int(aux.TotalCompletedUserForms)
	m.TotalUserMandatoryForms = int(aux.TotalUserMandatoryForms)
	m.TotalCompletedUserMandatoryForms = int(aux.TotalCompletedUserMandatoryForms)
	m.StatusID = int64(aux.StatusID)
	m.StatusName = nil
	if s := bytes.TrimSpace(aux.StatusName); len(s) > 0 && !bytes.Equal(s, []byte("null")) {
		name := text(s)
		m.StatusName = &name
	}
	return nil
}

// text returns a JSON string's value, a number's or boolean's text, and
// "" for null or nothing.
func text(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	if msgs := transport.Messages(append([]byte(`{"msg":`), append(raw, '}')...)); len(msgs) > 0 {
		return strings.Join(msgs, "; ")
	}
	return string(raw)
}

// errNotObject is returned for a body that is not a JSON object.
var errNotObject = errors.New("clogin: response is not a JSON object")

func isObject(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && b[0] == '{'
}

// requireObject refuses null, arrays and scalars where an object is due.
func requireObject(b []byte) error {
	if !isObject(b) {
		return errNotObject
	}
	return nil
}
