package clogin

import (
	"bytes"
	"errors"
	"slices"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/userapis/sdk/internal/jsonx"
)

// dialect is Regpack's JSON, the transport.API.JSON of the client:
// encoding/json/v2 with the tolerance the vendor needs, written once for
// every type of the package, whose structs stay plain.
//
//   - ids, counts and status ids arrive as strings ("5550001"), numbers,
//     "", null or false (0); money as "1,250.00" or any number of decimals,
//     kept exact ([Amount]);
//   - booleans as true, "1", 1 or "true";
//   - a text (msg, u_name, status_name, user_token) as a string, a number
//     or boolean (its JSON text), or a list or object of messages (joined
//     with "; ");
//   - system_action as a list or one string; PHP's [] for an empty
//     user_info or meta_info;
//   - get_info's family parts (parent, children), described but never
//     shown by the vendor, are decoded when they match and otherwise left
//     to Raw without failing the call.
//
// The bodies themselves are read by [resultEnvelope] and [listEnvelope],
// in one pass each.
var dialect = jsonx.Dialect(
	jsonx.Ints,
	jsonx.Bools,
	jsonx.StringLists,
	texts,
	jsonx.EmptyArrayAsObject[UserInfo](),
	jsonx.EmptyArrayAsObject[MetaInfo](),
	json.UnmarshalFromFunc(func(dec *jsontext.Decoder, p **MetaInfo) error {
		*p = nil
		if dec.PeekKind() != '{' {
			return dec.SkipValue()
		}
		var m MetaInfo
		if ok, err := lenient(dec, (*metaFields)(&m)); !ok {
			return err
		}
		*p = &m
		return nil
	}),
	json.UnmarshalFromFunc(func(dec *jsontext.Decoder, p *[]MetaInfo) error {
		*p = nil
		var ms []metaFields
		if ok, err := lenient(dec, &ms); !ok {
			return err
		}
		if ms != nil {
			*p = make([]MetaInfo, len(ms))
			for i, m := range ms {
				(*p)[i] = MetaInfo(m)
			}
		}
		return nil
	}),
)

// metaFields is MetaInfo for decoding into directly: a pointer to it is
// not the *MetaInfo the dialect reads leniently.
type metaFields MetaInfo

// texts reads a text that may arrive as something else than a string: a
// number or a boolean as its JSON text, null as "", and a list or object
// as the messages it holds (joined with "; "), or its JSON text when it
// holds none.
var texts = json.UnmarshalFromFunc(func(dec *jsontext.Decoder, p *string) error {
	switch dec.PeekKind() {
	case '"':
		return errors.ErrUnsupported // v2's own path
	case 'n':
		*p = ""
		return dec.SkipValue()
	}
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	switch v.Kind() {
	case '[', '{':
		if msgs := messages(v); len(msgs) > 0 {
			*p = strings.Join(msgs, "; ")
			return nil
		}
	}
	*p = string(v)
	return nil
})

// messages reads the texts an error body would give for v as its "msg"
// ([transport.Messages]: strings, lists of them, objects with a
// "message", "msg", "detail", "error" or "description", prefixed by their
// "field"), each once, in one pass over v whatever its nesting.
func messages(v []byte) []string {
	dec := jsontext.NewDecoder(bytes.NewReader(v), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	var out []string
	for _, t := range messageTexts(dec) {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// messageKeys are the members of an object that hold its message, in the
// order they are looked for.
var messageKeys = [...]string{"message", "msg", "detail", "error", "description"}

// messageTexts reads the next value's texts; nil when it holds none or
// is not valid.
func messageTexts(dec *jsontext.Decoder) []string {
	switch dec.PeekKind() {
	case '"':
		tok, err := dec.ReadToken()
		if s := strings.TrimSpace(tok.String()); err == nil && s != "" {
			return []string{s}
		}
		return nil
	case '[':
		if _, err := dec.ReadToken(); err != nil {
			return nil
		}
		var out []string
		for dec.PeekKind() != ']' && dec.PeekKind() != 0 {
			out = append(out, messageTexts(dec)...)
		}
		if _, err := dec.ReadToken(); err != nil {
			return nil
		}
		return out
	case '{':
	default:
		_ = dec.SkipValue()
		return nil
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil
	}
	var found [len(messageKeys)][]string
	var field string
	for dec.PeekKind() == '"' {
		tok, err := dec.ReadToken()
		if err != nil {
			return nil
		}
		name := tok.String()
		if i := slices.Index(messageKeys[:], name); i >= 0 {
			found[i] = messageTexts(dec)
			continue
		}
		if name == "field" {
			field = ""
			if dec.PeekKind() == '"' {
				f, err := dec.ReadToken()
				if err != nil {
					return nil
				}
				field = f.String()
				continue
			}
		}
		if dec.SkipValue() != nil {
			return nil
		}
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil
	}
	for _, t := range found {
		if len(t) > 0 {
			if field != "" {
				t[0] = field + ": " + t[0]
			}
			return t
		}
	}
	return nil
}

// lenient decodes the next value into v. When it does not decode, it
// reads the rest of the value and reports ok false with no error: the
// caller leaves the part unset. err is set only when the body itself is
// broken.
func lenient(dec *jsontext.Decoder, v any) (ok bool, err error) {
	var failed error
	return lenientErr(dec, v, &failed)
}

// readOut reads tokens until the decoder is back at depth, after a value
// that failed part-way.
func readOut(dec *jsontext.Decoder, depth int) error {
	for dec.StackDepth() > depth {
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
	}
	return nil
}

// errNotObject is returned for a body or list item that is not a JSON
// object.
var errNotObject = errors.New("clogin: response is not a JSON object")

// source is the body being decoded, copied once: every Raw, Doc and
// Totals of the result is a slice of this copy, never a copy of its own,
// so a body's nesting never multiplies what is copied.
type source struct {
	raw  []byte // the rest of the input from base on
	base int64  // the input offset of raw[0]
}

// newSource copies what the decoder has not read yet: the body, when the
// decoder reads a whole []byte (as the transport's does).
func newSource(dec *jsontext.Decoder) *source {
	return &source{raw: bytes.Clone(dec.UnreadBuffer()), base: dec.InputOffset()}
}

// slice returns the JSON value between the input offsets from and to
// (from may stand before the value's separator and white space), capped
// so an append cannot overwrite what follows; nil when the decoder did
// not read from one buffer.
func (s *source) slice(from, to int64) []byte {
	a, b := from-s.base, to-s.base
	if a < 0 || b > int64(len(s.raw)) || a > b {
		return nil
	}
	v := s.raw[a:b]
	for len(v) > 0 && (v[0] == ',' || v[0] == ':' || v[0] == ' ' || v[0] == '\t' || v[0] == '\n' || v[0] == '\r') {
		v = v[1:]
	}
	return v[:len(v):len(v)]
}

// value reads the next value and returns it as a slice of the source.
func (s *source) value(dec *jsontext.Decoder) ([]byte, error) {
	from := dec.InputOffset()
	v, err := dec.ReadValue()
	if err != nil {
		return nil, err
	}
	if r := s.slice(from, dec.InputOffset()); len(r) == len(v) {
		return r, nil
	}
	return bytes.Clone(v), nil
}
