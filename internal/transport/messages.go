package transport

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// maxMessages bounds how many texts Messages returns; maxTextDepth how deep
// it looks for them inside lists and objects. Both keep a hostile body's
// cost linear in its size and its result small.
const (
	maxMessages  = 100
	maxTextDepth = 8
)

// messageJSON reads error bodies as leniently as they come: repeated
// names and invalid UTF-8 do not lose the message.
var messageJSON = json.JoinOptions(jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))

// messageKeys are the top-level names Messages reads, in the order their
// texts are listed; names match in any case.
var messageKeys = [...]string{"detail", "message", "msg", "title", "error", "exceptionmessage", "errors", "modelstate"}

// Messages decodes the error texts from a vendor error body. It knows the
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
//
// The body is parsed once (time linear in its size, nesting refused past
// encoding/json/v2's depth limit) and at most 100 texts are returned.
func Messages(body []byte) []string {
	var doc any
	if json.Unmarshal(body, &doc, messageJSON) != nil {
		if jsontext.Value(body).IsValid() {
			return nil // JSON, but not of a shape that holds texts (a number out of range)
		}
		return plainText(body)
	}
	var m messages
	switch d := doc.(type) {
	case string:
		m.texts(d, 0)
	case map[string]any:
		m.document(d)
	}
	return m.out
}

// messages collects texts without duplicates, up to maxMessages.
type messages struct{ out []string }

func (m *messages) full() bool { return len(m.out) >= maxMessages }

func (m *messages) add(s string) {
	if s != "" && !m.full() && !slices.Contains(m.out, s) {
		m.out = append(m.out, s)
	}
}

// document reads the known top-level names, in messageKeys order and, for
// names that differ only in case, in sorted order.
func (m *messages) document(doc map[string]any) {
	var found [len(messageKeys)][]string
	for k := range doc {
		if len(k) > len("exceptionmessage") {
			continue
		}
		lk := strings.ToLower(k)
		for i, name := range messageKeys {
			if lk == name {
				found[i] = append(found[i], k)
			}
		}
	}
	for i, name := range messageKeys {
		slices.Sort(found[i])
		for _, k := range found[i] {
			switch v := doc[k]; name {
			case "detail":
				m.detail(v)
			case "errors", "modelstate":
				if n := len(m.out); !m.texts(v, 0) && len(m.out) == n {
					m.fields(v)
				}
			default:
				m.texts(v, 0)
			}
		}
	}
}

// fields reads {"field":["msg",...],...} as "field: msg" items, in field
// order.
func (m *messages) fields(v any) {
	obj, ok := v.(map[string]any)
	if !ok {
		return
	}
	names := make([]string, 0, len(obj))
	for f := range obj {
		names = append(names, f)
	}
	slices.Sort(names)
	for _, f := range names {
		var sub messages
		sub.texts(obj[f], 1)
		for _, t := range sub.out {
			if f != "" {
				t = f + ": " + t
			}
			m.add(t)
		}
		if m.full() {
			return
		}
	}
}

// detail reads FastAPI's detail: a string, or items {loc, msg} named by
// their field ("email: field required").
func (m *messages) detail(v any) {
	items, ok := v.([]any)
	for _, it := range items {
		if obj, isObj := it.(map[string]any); !isObj || !isText(obj["msg"]) {
			ok = false
		}
	}
	if !ok {
		m.texts(v, 0)
		return
	}
	for _, it := range items {
		obj := it.(map[string]any)
		msg, _ := obj["msg"].(string)
		loc, _ := obj["loc"].([]any)
		if f := locField(loc); f != "" {
			m.add(f + ": " + msg)
		} else {
			m.add(msg)
		}
		if m.full() {
			return
		}
	}
}

// isText reports whether v is a string or absent.
func isText(v any) bool {
	_, ok := v.(string)
	return ok || v == nil
}

// locField joins a FastAPI loc without its "body"/"query"/"path" root:
// ["body","email"] -> "email", ["query","ids",0] -> "ids[0]".
func locField(loc []any) string {
	var b strings.Builder
	for i, part := range loc {
		switch p := part.(type) {
		case string:
			if i == 0 && len(loc) > 1 && (p == "body" || p == "query" || p == "path" || p == "header" || p == "cookie") {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(p)
		case float64:
			b.WriteString("[" + strconv.FormatFloat(p, 'f', -1, 64) + "]")
		}
	}
	return b.String()
}

// texts adds a string, a list of strings, an object with a message, or a
// list of such objects; empty strings are dropped. It reports whether v
// had one of those shapes (a list counts even when it held nothing).
func (m *messages) texts(v any, depth int) bool {
	if depth > maxTextDepth || m.full() {
		return false
	}
	switch x := v.(type) {
	case string:
		m.add(strings.TrimSpace(x))
		return true
	case []any:
		for _, item := range x {
			m.texts(item, depth+1)
		}
		return true
	case map[string]any:
		for _, k := range [...]string{"message", "msg", "detail", "error", "description"} {
			inner, ok := x[k]
			if !ok {
				continue
			}
			var sub messages
			if sub.texts(inner, depth+1); len(sub.out) == 0 {
				continue
			}
			if name, _ := x["field"].(string); name != "" {
				sub.out[0] = name + ": " + sub.out[0]
			}
			for _, t := range sub.out {
				m.add(t)
			}
			return true
		}
	}
	return false
}

// plainText returns a short text body (not HTML, not JSON) as one message.
func plainText(body []byte) []string {
	s := strings.TrimSpace(string(body))
	if s == "" || len(s) > 500 || !utf8.ValidString(s) || strings.ContainsAny(s, "<{[\x00") {
		return nil
	}
	return []string{s}
}
