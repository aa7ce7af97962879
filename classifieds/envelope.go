package classifieds

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/userapis/sdk/internal/jsonx"
	"github.com/userapis/sdk/internal/transport"
)

// envelope is every GoedGeplaatst response body:
//
//	{"result": true, "errors": [], "data": ...}
//
// and, for lists, also fromCache, totalItems, totalInSet, page,
// itemsPerPage and speed. It is decoded tolerantly: numbers may arrive as
// strings, "errors" as a list, "" or absent, and "data" as an object, an
// array, [] or false, so data stays raw until the caller knows what it
// expects.
type envelope struct {
	Result       *jsonx.Bool     `json:"result"`
	Errors       json.RawMessage `json:"errors"`
	Data         json.RawMessage `json:"data"`
	FromCache    jsonx.Bool      `json:"fromCache"`
	TotalItems   jsonx.Int64     `json:"totalItems"`
	TotalInSet   jsonx.Int64     `json:"totalInSet"`
	Page         jsonx.Int64     `json:"page"`
	ItemsPerPage jsonx.Int64     `json:"itemsPerPage"`
	Speed        number          `json:"speed"`
}

// Failure reports "result": false with the server's messages, so the
// transport turns it into an *APIError whatever the HTTP status.
func (e *envelope) Failure() ([]string, bool) {
	if e.Result == nil || bool(*e.Result) {
		return nil, false
	}
	msgs := errorTexts(e.Errors)
	if len(msgs) == 0 {
		msgs = []string{"result: false"}
	}
	return msgs, true
}

// errorTexts reads "errors": a list of strings, "" or absent as the
// vendor sends it, or (defensively) objects with a message.
func errorTexts(raw json.RawMessage) []string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	var items []json.RawMessage
	isList := json.Unmarshal(raw, &items) == nil
	if raw[0] == '"' || (isList && !slices.ContainsFunc(items, isObject)) {
		var l jsonx.StringList
		if json.Unmarshal(raw, &l) == nil {
			return l
		}
	}
	return transport.Messages(append(append([]byte(`{"errors":`), raw...), '}'))
}

// number is a float that also decodes from a numeric string, "" and null.
type number float64

func (n *number) UnmarshalJSON(b []byte) error {
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
	*n = number(f)
	return nil
}

// do sends r and decodes the envelope. A body without "result" is not the
// documented envelope and is reported as ErrUnexpectedResponse.
func (s *UsersService) do(ctx context.Context, r *transport.Request) (*envelope, error) {
	var env envelope
	if err := s.t.Do(ctx, r, &env); err != nil {
		return nil, err
	}
	if env.Result == nil {
		return nil, unexpected(r, `no "result" in the response`)
	}
	return &env, nil
}

// unexpected builds an error for a 2xx envelope that cannot be used.
func unexpected(r *transport.Request, why string) error {
	return fmt.Errorf("classifieds: %s %s: %w: %s", r.Method, r.Path, ErrUnexpectedResponse, why)
}

// dataKind classifies an envelope's data: an object, an array, or
// nothing ([] , false, null, "" or absent).
func dataKind(raw json.RawMessage) byte {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 0
	}
	switch raw[0] {
	case '{':
		return '{'
	case '[':
		if isEmptyData(raw) {
			return 0
		}
		return '['
	}
	return 0
}

// decodeUsers reads data as a list of users; a single object is a list of
// one, and [] / false / null an empty list.
func decodeUsers(raw json.RawMessage) ([]*User, error) {
	switch dataKind(raw) {
	case '{':
		u := new(User)
		if err := json.Unmarshal(raw, u); err != nil {
			return nil, err
		}
		return []*User{u}, nil
	case '[':
		var us []*User
		if err := json.Unmarshal(raw, &us); err != nil {
			return nil, err
		}
		out := us[:0]
		for _, u := range us {
			if u != nil {
				out = append(out, u)
			}
		}
		return out, nil
	}
	if !isEmptyData(raw) {
		return nil, fmt.Errorf("data is neither a user nor a list: %.40s", bytes.TrimSpace(raw))
	}
	return nil, nil
}

// isEmptyData reports whether data says "nothing": absent, [], false,
// null or "".
func isEmptyData(raw json.RawMessage) bool {
	s := string(bytes.Join(bytes.Fields(raw), nil))
	return s == "" || s == "[]" || s == "false" || s == "null" || s == `""`
}

// pickUser returns the user with id among us, or the only user when id is
// 0; nil when there is none.
func pickUser(us []*User, id int64) *User {
	if id == 0 && len(us) == 1 {
		return us[0]
	}
	for _, u := range us {
		if u.UserID == id {
			return u
		}
	}
	if len(us) == 1 && us[0].UserID == 0 {
		return us[0] // the server echoed the user without its id
	}
	return nil
}
