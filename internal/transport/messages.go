package transport

import (
	"encoding/json"
	"strings"
)

// Messages decodes the error texts from a vendor error body. It knows the
// shapes the four vendors use and a few common ones, and returns nil for a
// body it cannot read (an empty body, an HTML page):
//
//	{"detail":[{"loc":["body","email"],"msg":"field required"}]}  -> "email: field required"
//	{"detail":"Not found"}                                         -> "Not found"
//	{"result":false,"errors":["invalid token"]}                    -> "invalid token"
//	{"success":false,"msg":"no such user"}                         -> "no such user"
//	{"message":"..."}, {"error":"..."}, {"error":{"message":"..."}}, {"title":"..."}
func Messages(body []byte) []string {
	var doc map[string]json.RawMessage
	if json.Unmarshal(body, &doc) != nil {
		return nil
	}
	var out []string
	if raw, ok := doc["detail"]; ok {
		out = append(out, detailMessages(raw)...)
	}
	for _, k := range [...]string{"errors", "error", "message", "msg", "title"} {
		if raw, ok := doc[k]; ok {
			out = append(out, texts(raw)...)
		}
	}
	return out
}

// detailMessages reads FastAPI's detail: a string, or items {loc, msg}
// named by their field ("email: field required").
func detailMessages(raw json.RawMessage) []string {
	var items []struct {
		Loc []json.RawMessage `json:"loc"`
		Msg string            `json:"msg"`
	}
	if json.Unmarshal(raw, &items) != nil {
		return texts(raw)
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		if f := locField(it.Loc); f != "" {
			out = append(out, f+": "+it.Msg)
		} else if it.Msg != "" {
			out = append(out, it.Msg)
		}
	}
	return out
}

// locField joins a FastAPI loc without its "body"/"query"/"path" root:
// ["body","email"] -> "email", ["query","ids",0] -> "ids[0]".
func locField(loc []json.RawMessage) string {
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
func texts(raw json.RawMessage) []string {
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
			out = append(out, texts(item)...)
		}
		return out
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) == nil {
		for _, k := range [...]string{"message", "msg", "detail", "error", "description"} {
			if v, ok := obj[k]; ok {
				if t := texts(v); len(t) > 0 {
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
