package classifieds

// The encoding/json v1 decoders the package used before its dialect,
// kept here as they were (renamed, decoding into the same public types)
// so FuzzDecode_v1VersusDialect can hold the dialect to them: whatever
// they accepted, the dialect must accept and decode to the same value.
// Only the scalar types of internal/jsonx are shared with the package;
// that package compares its own old and new forms.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/userapis/sdk/internal/jsonx"
	"github.com/userapis/sdk/internal/transport"
)

type v1Envelope struct {
	Result       *jsonx.Bool     `json:"result"`
	Errors       json.RawMessage `json:"errors"`
	Data         json.RawMessage `json:"data"`
	FromCache    jsonx.Bool      `json:"fromCache"`
	TotalItems   jsonx.Int64     `json:"totalItems"`
	TotalInSet   jsonx.Int64     `json:"totalInSet"`
	Page         jsonx.Int64     `json:"page"`
	ItemsPerPage jsonx.Int64     `json:"itemsPerPage"`
	Speed        v1Number        `json:"speed"`
}

func (e *v1Envelope) Failure() ([]string, bool) {
	if e.Result == nil || bool(*e.Result) {
		return nil, false
	}
	msgs := v1ErrorTexts(e.Errors)
	if len(msgs) == 0 {
		msgs = []string{"result: false"}
	}
	return msgs, true
}

func v1ErrorTexts(raw json.RawMessage) []string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	var items []json.RawMessage
	isList := json.Unmarshal(raw, &items) == nil
	if raw[0] == '"' || (isList && !slices.ContainsFunc(items, v1IsObject)) {
		var l jsonx.StringList
		if json.Unmarshal(raw, &l) == nil {
			return l
		}
	}
	return transport.Messages(append(append([]byte(`{"errors":`), raw...), '}'))
}

type v1Number float64

func (n *v1Number) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	if u, err := strconv.Unquote(s); err == nil {
		s = strings.TrimSpace(u)
	}
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("classifieds: invalid number %s", b)
	}
	*n = v1Number(f)
	return nil
}

func v1DataKind(raw json.RawMessage) byte {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 0
	}
	switch raw[0] {
	case '{':
		return '{'
	case '[':
		if v1IsEmptyData(raw) {
			return 0
		}
		return '['
	}
	return 0
}

func v1DecodeUsers(raw json.RawMessage) ([]*User, error) {
	switch v1DataKind(raw) {
	case '{':
		u := new(v1User)
		if err := json.Unmarshal(raw, u); err != nil {
			return nil, err
		}
		return []*User{(*User)(u)}, nil
	case '[':
		var us []*v1User
		if err := json.Unmarshal(raw, &us); err != nil {
			return nil, err
		}
		var out []*User
		for _, u := range us {
			if u != nil {
				out = append(out, (*User)(u))
			}
		}
		return out, nil
	}
	if !v1IsEmptyData(raw) {
		return nil, fmt.Errorf("data is neither a user nor a list: %.40s", bytes.TrimSpace(raw))
	}
	return nil, nil
}

func v1IsEmptyData(raw json.RawMessage) bool {
	s := string(bytes.Join(bytes.Fields(raw), nil))
	return s == "" || s == "[]" || s == "false" || s == "null" || s == `""`
}

func v1IsObject(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == '{'
}

type v1User User

func (u *v1User) UnmarshalJSON(b []byte) error {
	type plain User
	aux := struct {
		*plain
		UserID         jsonx.Int64     `json:"userId"`
		ClientID       jsonx.Int64     `json:"clientId"`
		ExternalUserID jsonx.Int64     `json:"externalUserId"`
		Contacts       json.RawMessage `json:"contacts"`
		Activation     json.RawMessage `json:"activation"`
	}{plain: (*plain)(u)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	u.UserID, u.ClientID, u.ExternalUserID = int64(aux.UserID), int64(aux.ClientID), int64(aux.ExternalUserID)
	u.Contacts, u.Activation = nil, nil
	if v1IsObject(aux.Contacts) {
		c := new(v1UserContacts)
		if err := json.Unmarshal(aux.Contacts, c); err != nil {
			return err
		}
		u.Contacts = (*UserContacts)(c)
	}
	if v1IsObject(aux.Activation) {
		a := new(v1Activation)
		if err := json.Unmarshal(aux.Activation, a); err != nil {
			return err
		}
		u.Activation = (*Activation)(a)
	}
	return nil
}

type v1UserContacts UserContacts

func (c *v1UserContacts) UnmarshalJSON(b []byte) error {
	var aux struct {
		NumberOfContacts       jsonx.Int64     `json:"numberOfContacts"`
		NumberOfActiveContacts jsonx.Int64     `json:"numberOfActiveContacts"`
		Contacts               json.RawMessage `json:"contacts"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*c = v1UserContacts{NumberOfContacts: int(aux.NumberOfContacts), NumberOfActiveContacts: int(aux.NumberOfActiveContacts)}
	if raw := bytes.TrimSpace(aux.Contacts); len(raw) > 0 && raw[0] == '[' {
		var cs []*v1Contact
		if err := json.Unmarshal(raw, &cs); err != nil {
			return err
		}
		c.Contacts = make([]*Contact, len(cs))
		for i, x := range cs {
			c.Contacts[i] = (*Contact)(x)
		}
		if cs == nil {
			c.Contacts = nil
		}
	}
	return nil
}

type v1Contact Contact

func (c *v1Contact) UnmarshalJSON(b []byte) error {
	type plain Contact
	aux := struct {
		*plain
		UserID    jsonx.Int64 `json:"userId"`
		ContactID jsonx.Int64 `json:"contactId"`
		Active    jsonx.Bool  `json:"active"`
	}{plain: (*plain)(c)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	c.UserID, c.ContactID, c.Active = int64(aux.UserID), int64(aux.ContactID), bool(aux.Active)
	return nil
}

type v1Activation Activation

func (a *v1Activation) UnmarshalJSON(b []byte) error {
	type plain Activation
	aux := struct {
		*plain
		UserID jsonx.Int64 `json:"userId"`
	}{plain: (*plain)(a)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	a.UserID = int64(aux.UserID)
	// The reading changed since: a zone-less date-time is Amsterdam time.
	var raw struct {
		ValidUntil any `json:"validUntil"`
	}
	_ = json.Unmarshal(b, &raw)
	if s, ok := raw.ValidUntil.(string); ok && v1Zoneless(s) {
		t := a.ValidUntil.Time
		ams, err := time.LoadLocation("Europe/Amsterdam")
		if err != nil {
			return err
		}
		at := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), ams)
		if _, off := at.Zone(); off == 3600 && at.Add(-time.Hour).In(ams).Hour() == at.Hour() {
			at = at.Add(-time.Hour) // the hour that happens twice: the earlier
		}
		a.ValidUntil.Time = at.UTC()
	}
	return nil
}

// v1Zoneless reports whether s is a date and a time of day with no zone.
func v1Zoneless(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) > 10 && !strings.HasSuffix(s, "Z") && !strings.HasSuffix(s, "z") && !strings.ContainsAny(s[10:], "+-")
}

func v1DecodeActivation(raw json.RawMessage) (*Activation, error) {
	var a v1Activation
	switch v1DataKind(raw) {
	case '{':
		if err := json.Unmarshal(raw, &a); err != nil {
			return nil, err
		}
	case '[':
		var as []*v1Activation
		if err := json.Unmarshal(raw, &as); err != nil {
			return nil, err
		}
		if len(as) != 1 || as[0] == nil {
			return nil, errors.New("data holds no single activation")
		}
		a = *as[0]
	}
	if a.ActivationToken == "" {
		return nil, errors.New("data holds no activation token")
	}
	return (*Activation)(&a), nil
}
