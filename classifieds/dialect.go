package classifieds

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/userapis/sdk/internal/jsonx"
	"github.com/userapis/sdk/internal/transport"
)

// dialect is GoedGeplaatst's JSON, the transport.API.JSON of the client:
// encoding/json/v2 with the tolerance the vendor needs, written once for
// every type of the package, whose structs stay plain.
//
//   - IDs and counts arrive as 1 or "1" (also "", null, false: 0);
//   - booleans as true, "1", 1 or "true";
//   - an object the user may not have (contacts, activation) as the
//     object, or [], false, null or "" for none;
//   - a list (a user's contacts) as the list, or anything else for none;
//   - a date-time without a zone as Amsterdam time, and MySQL's zero date
//     as the zero Time (time.go).
//
// The envelope around every body ({"result", "errors", "data", ...}) is
// read by [envelope], in the same single pass. Request bodies are written
// byte for byte as encoding/json v1 wrote them: U+2028 and U+2029 escaped
// (v2 leaves them raw), "<" and "&" not.
//
// The generated decoders (json_gen.go) read User, UserContacts, Contact
// and Activation in that same way without reflection, and call the
// readers below for the pointers and lists between them; tolerance is
// what v2 applies to every other value, and (with those readers written
// v2's reflective way) what a fuzz test checks them against.
var dialect = json.JoinOptions(jsonx.Dialect(decoders, tolerance), jsontext.EscapeForJS(true))

var tolerance = json.JoinUnmarshalers(
	jsonx.Ints,
	jsonx.Bools,
	json.UnmarshalFromFunc(readUserContacts),
	json.UnmarshalFromFunc(readActivation),
	json.UnmarshalFromFunc(readContacts),
	vendorTime(),
)

// readUserContacts reads a user's contacts: the object, or PHP's [],
// false, null or "" for none. The generated decoders call it (and the
// readers below) directly, and the dialect has it for every other path.
func readUserContacts(dec *jsontext.Decoder, p **UserContacts) error {
	return jsonx.ObjectOrNil(dec, p, decodeUserContacts)
}

// readActivation reads a user's activation: the object, or anything else
// for none.
func readActivation(dec *jsontext.Decoder, p **Activation) error {
	return jsonx.ObjectOrNil(dec, p, decodeActivation)
}

// readContacts reads a list of contacts: the array, or anything else for
// none.
func readContacts(dec *jsontext.Decoder, p *[]*Contact) error {
	return jsonx.ListOrNil(dec, p, readContact)
}

// readContact reads one contact of a list, as v2 reads a pointer.
func readContact(dec *jsontext.Decoder, p **Contact) error {
	return jsonx.Element(dec, p, decodeContact)
}

// readUser reads one user of data, as v2 reads a pointer.
func readUser(dec *jsontext.Decoder, p **User) error { return jsonx.Element(dec, p, decodeUser) }

// readResult reads the envelope's "result" flag; null leaves it nil.
func readResult(dec *jsontext.Decoder, p **jsonx.Bool) error {
	return jsonx.Element(dec, p, jsonx.From[jsonx.Bool])
}

// envelope is every GoedGeplaatst response body:
//
//	{"result": true, "errors": [], "data": ...}
//
// and, for lists, also fromCache, totalItems, totalInSet, page,
// itemsPerPage and speed. D reads data: the users, the activation, or
// nothing ([skipped]).
type envelope[D any] struct {
	Result       *jsonx.Bool `json:"result"`
	Errors       errorTexts  `json:"errors"`
	Data         D           `json:"data"`
	FromCache    bool        `json:"fromCache"`
	TotalItems   int         `json:"totalItems"`
	TotalInSet   int         `json:"totalInSet"`
	Page         int         `json:"page"`
	ItemsPerPage int         `json:"itemsPerPage"`
	Speed        number      `json:"speed"`
}

// UnmarshalJSONFrom decodes the envelope in one pass. When a member does
// not decode (a user of an unexpected shape), it reads on to the end of
// the body for "result" and "errors", so that a failure the body reports
// still reaches the caller with the vendor's messages.
func (e *envelope[D]) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	depth := dec.StackDepth()
	err := decodeEnvelope(dec, e) // generated (json_gen.go)
	if err != nil {
		jsonx.ReadRest(dec, depth, func(name string) (bool, error) {
			switch {
			case strings.EqualFold(name, "result"):
				e.Result = nil
				return true, json.UnmarshalDecode(dec, &e.Result)
			case strings.EqualFold(name, "errors"):
				return true, json.UnmarshalDecode(dec, &e.Errors)
			}
			return false, nil
		})
	}
	return err
}

// Failure reports "result": false with the server's messages, so the
// transport turns it into an *APIError whatever the HTTP status. It works
// on an envelope whose decoding failed part-way.
func (e *envelope[D]) Failure() ([]string, bool) {
	if e.Result == nil || bool(*e.Result) {
		return nil, false
	}
	if len(e.Errors) == 0 {
		return []string{"result: false"}, true
	}
	return e.Errors, true
}

// FailureKind makes a failure the vendor reports at HTTP 200 match the
// sentinel it means (see transport.FailureClassifier): GoedGeplaatst
// refuses the sixth GenerateActivation within an hour with result:false
// and "maximum number of requests has exceeded. please try again
// later..." (API-FACTS: its HTTP status is not documented), which matches
// [ErrRateLimited] at any status. The text is matched loosely (case,
// spacing and punctuation aside, "maximum number of requests" or "too
// many requests", or "exceeded" with "request"), since the vendor words
// it carelessly and may reword it.
func (e *envelope[D]) FailureKind() error {
	for _, m := range e.Errors {
		if isRateLimitText(m) {
			return ErrRateLimited
		}
	}
	return nil
}

// isRateLimitText reports whether a vendor error text says too many
// requests were made.
func isRateLimitText(m string) bool {
	m = strings.Join(strings.FieldsFunc(strings.ToLower(m), func(r rune) bool {
		return !('a' <= r && r <= 'z') && !('0' <= r && r <= '9')
	}), " ")
	return strings.Contains(m, "maximum number of requests") || strings.Contains(m, "too many requests") ||
		(strings.Contains(m, "exceeded") && strings.Contains(m, "request"))
}

// errorTexts reads "errors": a list of strings, "" or absent as the vendor
// sends it, or (defensively) objects with a message, or one such object.
type errorTexts []string

// UnmarshalJSONFrom reads the messages as they stream by. A list of
// strings keeps each non-empty item (numbers as their text); a list with
// an object, or an object, is read as an error body
// ([transport.Messages]).
func (t *errorTexts) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	*t = nil
	switch dec.PeekKind() {
	case '"':
		tok, err := dec.ReadToken()
		if s := tok.String(); err == nil && s != "" {
			*t = errorTexts{s}
		}
		return err
	case '{':
		v, err := dec.ReadValue()
		if err == nil {
			*t = messagesOf(v)
		}
		return err
	case '[':
	default:
		return dec.SkipValue()
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	// plain are the items as a list of strings; rich as an error body's
	// messages. Which one applies is known at the end: rich when an item is
	// an object.
	var plain, rich []string
	hasObject := false
	for dec.PeekKind() != ']' {
		switch dec.PeekKind() {
		case '"':
			tok, err := dec.ReadToken()
			if err != nil {
				return err
			}
			s := tok.String()
			if s != "" && s != "null" {
				plain = append(plain, s)
			}
			if s = strings.TrimSpace(s); s != "" {
				rich = append(rich, s)
			}
		case 'n':
			if _, err := dec.ReadToken(); err != nil {
				return err
			}
		default:
			k := dec.PeekKind()
			v, err := dec.ReadValue()
			if err != nil {
				return err
			}
			switch k {
			case '{', '[':
				hasObject = hasObject || k == '{'
				rich = append(rich, messagesOf(append(append([]byte{'['}, v...), ']'))...)
			}
			plain = append(plain, string(v))
		}
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	if !hasObject {
		*t = plain
		return nil
	}
	out := rich[:0]
	for _, s := range rich {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	*t = out
	return nil
}

// messagesOf reads v, the value of "errors", as an error body does.
func messagesOf(v []byte) []string {
	return transport.Messages(append(append([]byte(`{"errors":`), v...), '}'))
}

// number is a float that also decodes from a numeric string, "" and null.
type number float64

// UnmarshalJSONFrom accepts a number, a numeric string, "" or null.
func (n *number) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	s := string(v)
	if v.Kind() == '"' {
		tok, _ := jsontext.AppendUnquote(nil, v)
		s = strings.TrimSpace(string(tok))
	}
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("classifieds: invalid number %s", v)
	}
	*n = number(f)
	return nil
}

// users reads data as a list of users: an object is a list of one, an
// array its users (null items dropped), and [], false, null or "" none.
type users []*User

// UnmarshalJSONFrom reads the users data holds.
func (u *users) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	var list []*User
	if err := readData(dec, &list, readUser); err != nil {
		return err
	}
	out := list[:0]
	for _, x := range list {
		if x != nil {
			out = append(out, x)
		}
	}
	*u = out
	if len(out) == 0 {
		*u = nil
	}
	return nil
}

// activations reads data as activations: an object is a list of one.
type activations []*Activation

// UnmarshalJSONFrom reads the activations data holds.
func (a *activations) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	return readData(dec, (*[]*Activation)(a), readActivation)
}

// readData reads data into *list, each item with read: an object as a
// list of one, an array item by item, and the vendor's "nothing" ([],
// false, null, "") as none. Anything else is an error. read is what v2
// would do for a *T: null items are nil (users) or, for a type the
// dialect reads as "object or nothing" (activations), anything but an
// object is.
func readData[T any](dec *jsontext.Decoder, list *[]*T, read func(*jsontext.Decoder, **T) error) error {
	*list = nil
	switch k := dec.PeekKind(); k {
	case '{':
		var x *T
		if err := read(dec, &x); err != nil {
			return err
		}
		*list = []*T{x}
		return nil
	case '[':
		return jsonx.Elements(dec, list, read)
	case 'n', 'f':
		return dec.SkipValue()
	default:
		v, err := dec.ReadValue()
		if err != nil {
			return err
		}
		if k == '"' && len(v) == 2 {
			return nil // ""
		}
		return fmt.Errorf("data is neither an object nor a list: %.40s", bytes.TrimSpace(v))
	}
}

// skipped reads a data the call has no use for (Delete, Activate).
type skipped struct{}

// UnmarshalJSONFrom skips the value.
func (skipped) UnmarshalJSONFrom(dec *jsontext.Decoder) error { return dec.SkipValue() }
