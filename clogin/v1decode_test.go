package clogin

// The encoding/json v1 decoders the package used before its dialect,
// kept here as they were (renamed, decoding into the same public types)
// so the FuzzDecode_v1VersusDialect targets can hold the dialect to them:
// whatever they accepted, the dialect must accept and decode to the same
// value. Only the scalar types of internal/jsonx are shared with the
// package; that package compares its own old and new forms.

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"

	"github.com/userapis/sdk/internal/jsonx"
	"github.com/userapis/sdk/internal/transport"
)

// v1Result decodes a Result the old way; failed is the old success:false.
type v1Result struct {
	r      Result
	failed bool
}

func (e *v1Result) UnmarshalJSON(b []byte) error {
	if !v1IsObject(b) {
		return errNotObjectV1
	}
	r := &e.r
	type plain Result
	aux := struct {
		*plain
		Message       json.RawMessage  `json:"msg"`
		Success       *jsonx.Bool      `json:"success"`
		SystemAction  jsonx.StringList `json:"system_action"`
		UserToken     json.RawMessage  `json:"user_token"`
		UserInfo      v1UserInfo       `json:"user_info"`
		MetaInfo      v1MetaInfo       `json:"meta_info"`
		Users         []jsonx.Int64    `json:"users"`
		EffectedUsers jsonx.Int64      `json:"effected_users"`
		Parent        json.RawMessage  `json:"parent"`
		Children      json.RawMessage  `json:"children"`
	}{plain: (*plain)(r)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	r.UserInfo, r.MetaInfo = UserInfo(aux.UserInfo), MetaInfo(aux.MetaInfo)
	r.Message = v1Text(aux.Message)
	r.UserToken = v1Text(aux.UserToken)
	r.Success = aux.Success != nil && bool(*aux.Success)
	e.failed = aux.Success != nil && !bool(*aux.Success)
	r.SystemAction = aux.SystemAction
	r.Users = nil
	for _, u := range aux.Users {
		r.Users = append(r.Users, int64(u))
	}
	r.EffectedUsers = int(aux.EffectedUsers)
	r.Parent, r.Children = nil, nil
	var parent v1MetaInfo
	if v1IsObject(aux.Parent) && json.Unmarshal(aux.Parent, &parent) == nil {
		p := MetaInfo(parent)
		r.Parent = &p
	}
	var children []v1MetaInfo
	if json.Unmarshal(aux.Children, &children) == nil && children != nil {
		r.Children = make([]MetaInfo, len(children))
		for i, c := range children {
			r.Children[i] = MetaInfo(c)
		}
	}
	r.Raw = bytes.Clone(b)
	return nil
}

// Failure is the old resultEnvelope's.
func (e *v1Result) Failure() ([]string, bool) { return v1Failure(e.failed, e.r.Raw) }

func v1Failure(failed bool, body []byte) ([]string, bool) {
	if !failed {
		return nil, false
	}
	msgs := transport.Messages(body)
	if len(msgs) == 0 {
		msgs = []string{"the server answered success: false"}
	}
	return msgs, true
}

type v1UserInfo UserInfo

func (u *v1UserInfo) UnmarshalJSON(b []byte) error {
	var aux struct {
		CloginID    jsonx.Int64 `json:"clogin_id"`
		GroupID     jsonx.Int64 `json:"group_id"`
		ConnectedTo jsonx.Int64 `json:"connected_to"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*u = v1UserInfo{int64(aux.CloginID), int64(aux.GroupID), int64(aux.ConnectedTo)}
	return nil
}

type v1MetaInfo MetaInfo

func (m *v1MetaInfo) UnmarshalJSON(b []byte) error {
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
	m.UName = v1Text(aux.UName)
	m.TotalForms = int(aux.TotalForms)
	m.CompletedForms = int(aux.CompletedForms)
	m.TotalUserForms = int(aux.TotalUserForms)
	m.TotalCompletedUserForms = int(aux.TotalCompletedUserForms)
	m.TotalUserMandatoryForms = int(aux.TotalUserMandatoryForms)
	m.TotalCompletedUserMandatoryForms = int(aux.TotalCompletedUserMandatoryForms)
	m.StatusID = int64(aux.StatusID)
	m.StatusName = nil
	if s := bytes.TrimSpace(aux.StatusName); len(s) > 0 && !bytes.Equal(s, []byte("null")) {
		name := v1Text(s)
		m.StatusName = &name
	}
	return nil
}

func v1Text(raw json.RawMessage) string {
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

var errNotObjectV1 = errors.New("clogin: response is not a JSON object")

func v1IsObject(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && b[0] == '{'
}

// v1UserPage decodes a UserPage the old way.
type v1UserPage struct {
	p      UserPage
	failed bool
}

func (e *v1UserPage) UnmarshalJSON(b []byte) error {
	if !v1IsObject(b) {
		return errNotObjectV1
	}
	var aux struct {
		Users          []*v1UserSummary `json:"users"`
		Children       []*v1UserSummary `json:"children"`
		TotalUsers     jsonx.Int64      `json:"total_users"`
		RecordsPerPage jsonx.Int64      `json:"records_per_page"`
		Totals         json.RawMessage  `json:"totals"`
		Success        *jsonx.Bool      `json:"success"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	e.p = UserPage{
		Users:          v1Compact(aux.Users),
		Children:       v1Compact(aux.Children),
		TotalUsers:     int(aux.TotalUsers),
		RecordsPerPage: int(aux.RecordsPerPage),
		Totals:         bytes.Clone(aux.Totals),
		Raw:            bytes.Clone(b),
	}
	e.failed = aux.Success != nil && !bool(*aux.Success)
	for _, u := range e.p.Users {
		if u.ConnectedTo == 0 {
			u.ConnectedTo = u.CloginID
		}
		for _, c := range u.Children {
			if c.ConnectedTo == 0 {
				c.ConnectedTo = u.CloginID
			}
		}
	}
	return nil
}

// Failure is the old listEnvelope's.
func (e *v1UserPage) Failure() ([]string, bool) { return v1Failure(e.failed, e.p.Raw) }

func v1Compact(us []*v1UserSummary) []*UserSummary {
	var out []*UserSummary
	for _, u := range us {
		if u != nil {
			out = append(out, (*UserSummary)(u))
		}
	}
	return out
}

type v1UserSummary UserSummary

func (u *v1UserSummary) UnmarshalJSON(b []byte) error {
	if !v1IsObject(b) {
		return errNotObjectV1
	}
	var aux struct {
		CloginID    jsonx.Int64     `json:"clogin_id"`
		GroupID     jsonx.Int64     `json:"group_id"`
		ConnectedTo jsonx.Int64     `json:"connected_to"`
		UserInfo    *v1UserInfo     `json:"user_info"`
		MetaInfo    json.RawMessage `json:"meta_info"`
		Doc         json.RawMessage `json:"doc"`
		Children    json.RawMessage `json:"children"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*u = v1UserSummary{CloginID: int64(aux.CloginID), GroupID: int64(aux.GroupID), ConnectedTo: int64(aux.ConnectedTo)}
	if ui := aux.UserInfo; ui != nil {
		u.CloginID = v1Cmp(ui.CloginID, u.CloginID)
		u.GroupID = v1Cmp(ui.GroupID, u.GroupID)
		u.ConnectedTo = v1Cmp(ui.ConnectedTo, u.ConnectedTo)
	}
	meta := b
	if v1IsObject(aux.MetaInfo) {
		meta = aux.MetaInfo
	}
	if err := json.Unmarshal(meta, (*v1MetaInfo)(&u.MetaInfo)); err != nil {
		return err
	}
	if d := bytes.TrimSpace(aux.Doc); len(d) > 0 && !bytes.Equal(d, []byte("null")) {
		u.Doc = bytes.Clone(d)
	}
	if c := bytes.TrimSpace(aux.Children); len(c) > 0 && c[0] == '[' {
		var cs []*v1UserSummary
		if err := json.Unmarshal(c, &cs); err != nil {
			return err
		}
		u.Children = v1Compact(cs)
	}
	u.Raw = bytes.Clone(b)
	return nil
}

func v1Cmp(a, b int64) int64 {
	if a != 0 {
		return a
	}
	return b
}
