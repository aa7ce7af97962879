package transport

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"
)

// messagesV1 is the encoding/json v1 version of Messages, kept to fuzz the
// new one against it. It decodes the error texts from a vendor error body. It knows the
// shapes the four vendors use and the common ones of the frameworks behind
// them (keys matched in any case), and returns nil for a body it cannot
// read (an empty body, an HTML page):
//
//	{"detail":[{"loc":["body","email"],"msg":"field required"}]}  -> "email: field required"
//	{"detail":"Not found"}                                         -> "Not found"
//	{"result":false,"errors":["invalid token"]}                    -> "invalid token"
//	{"success":false,"msg":"no such user"}                         -> "no such user"
//	{"Message":"invalid","ModelState":{"email":["required"]}}      -> "invalid", "email: required"
//	{"title":"...","errors":{"Email":["required"]}}                -> "...", "Email: required"
//	{"message":"..."}, {"error":"..."}, {"error":{"message":"..."}}, "text", short plain text
func messagesV1(body []byte) []string {
	var doc map[string]json.RawMessage
	if json.Unmarshal(body, &doc) != nil {
		var s string
		if json.Unmarshal(body, &s) == nil {
			return textsV1(json.RawMessage(body))
		}
		if json.Valid(body) {
			return nil
		}
		return plainTextV1(body)
	}
	keys := make([]string, 0, len(doc))
	for k := range doc {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out []string
	for _, name := range [...]string{"detail", "message", "msg", "title", "error", "exceptionmessage", "errors", "modelstate"} {
		for _, k := range keys {
			if strings.ToLower(k) != name {
				continue
			}
			var add []string
			switch name {
			case "detail":
				add = detailMessagesV1(doc[k])
			case "errors", "modelstate":
				if add = textsV1(doc[k]); add == nil {
					add = fieldMessagesV1(doc[k])
				}
			default:
				add = textsV1(doc[k])
			}
			for _, a := range add {
				if !slices.Contains(out, a) {
					out = append(out, a)
				}
			}
		}
	}
	return out
}

// fieldMessages reads {"field":["msg",...],...} as "field: msg" items, in
// field order.
func fieldMessagesV1(raw json.RawMessage) []string {
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
		for _, t := range textsV1(m[f]) {
			if f != "" {
				t = f + ": " + t
			}
			out = append(out, t)
		}
	}
	return out
}

// plainText returns a short text body (not HTML, not JSON) as one message.
func plainTextV1(body []byte) []string {
	s := strings.TrimSpace(string(body))
	if s == "" || len(s) > 500 || !utf8.ValidString(s) || strings.ContainsAny(s, "<{[\x00") {
		return nil
	}
	return []string{s}
}

// detailMessages reads FastAPI's detail: a string, or items {loc, msg}
// named by their field ("email: field required").
func detailMessagesV1(raw json.RawMessage) []string {
	var items []struct {
		Loc []json.RawMessage `json:"loc"`
		Msg string            `json:"msg"`
	}
	if json.Unmarshal(raw, &items) != nil {
		return textsV1(raw)
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		if f := locFieldV1(it.Loc); f != "" {
			out = append(out, f+": "+it.Msg)
		} else if it.Msg != "" {
			out = append(out, it.Msg)
		}
	}
	return out
}

// locField joins a FastAPI loc without its "body"/"query"/"path" root:
// ["body","email"] -> "email", ["query","ids",0] -> "ids[0]".
func locFieldV1(loc []json.RawMessage) string {
	var b strings.Builder
	for i, part := range loc {
		var s string
		if json.Unmarshal(part, &s) == nil {
			if i == 0 && len(loc) > 1 && (s == "body" || s == "query" || s == "path" || s == "header" || s == "cookie") {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s)
			continue
		}
		var n json.Number
		if json.Unmarshal(part, &n) == nil {
			b.WriteString("[" + n.String() + "]")
		}
	}
	return b.String()
}

// texts reads a string, a list of strings, an object with a message, or a
// list of such objects; empty strings are dropped.
func textsV1(raw json.RawMessage) []string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s = strings.TrimSpace(s); s != "" {
			return []string{s}
		}
		return nil
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		var out []string
		for _, item := range list {
			out = append(out, textsV1(item)...)
		}
		return out
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) == nil {
		for _, k := range [...]string{"message", "msg", "detail", "error", "description"} {
			if v, ok := obj[k]; ok {
				if t := textsV1(v); len(t) > 0 {
					if f, ok := obj["field"]; ok {
						var name string
						if json.Unmarshal(f, &name) == nil && name != "" {
							t[0] = name + ": " + t[0]
						}
					}
					return t
				}
			}
		}
	}
	return nil
}
