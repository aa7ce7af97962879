package tenants

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/userapis/sdk/internal/transport"
)

// messages decodes an Aptem error body, whose format Aptem does not
// publish. Beyond the shapes [transport.Messages] knows, it reads the two
// ASP.NET forms such an API most likely sends:
//
//	{"Message":"The request is invalid.","ModelState":{"user.email":["The Email field is required."]}}
//	{"title":"One or more validation errors occurred.","errors":{"Email":["The Email field is required."]}}
//
// (keys matched in any case, field maps read as "field: message" in key
// order), a bare JSON string, and a short plain-text body as one message.
func messages(body []byte) []string {
	out := transport.Messages(body)
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(body, &doc); err != nil {
		if len(out) > 0 {
			return out
		}
		if json.Valid(body) { // a bare JSON string, or nothing to read
			return texts(body)
		}
		return plainText(body)
	}
	keys := make([]string, 0, len(doc))
	for k := range doc {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, name := range [...]string{"message", "title", "detail", "error", "exceptionmessage", "modelstate", "errors"} {
		for _, k := range keys {
			switch lk := strings.ToLower(k); {
			case lk != name:
			case lk == "modelstate" || lk == "errors":
				out = appendUnique(out, fieldMessages(doc[k])...)
			case lk != k || lk == "exceptionmessage":
				// transport.Messages matched only the lower-case keys.
				out = appendUnique(out, texts(doc[k])...)
			}
		}
	}
	return out
}

// fieldMessages reads {"field":["msg",...],...} as "field: msg" items.
func fieldMessages(raw json.RawMessage) []string {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	fields := make([]string, 0, len(m))
	for f := range m {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	var out []string
	for _, f := range fields {
		for _, t := range texts(m[f]) {
			if f == "" {
				out = append(out, t)
			} else {
				out = append(out, f+": "+t)
			}
		}
	}
	return out
}

// texts reads a string or a list of strings; empty strings are dropped.
func texts(raw json.RawMessage) []string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s = strings.TrimSpace(s); s != "" {
			return []string{s}
		}
		return nil
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		var out []string
		for _, s := range list {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// plainText returns a short text body (not HTML) as one message.
func plainText(body []byte) []string {
	s := strings.TrimSpace(string(body))
	if s == "" || len(s) > 500 || !utf8.ValidString(s) || strings.ContainsAny(s, "<{[\x00") {
		return nil
	}
	return []string{s}
}

func appendUnique(out []string, add ...string) []string {
	for _, a := range add {
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}
