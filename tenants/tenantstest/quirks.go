package tenantstest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/userapis/sdk/internal/fakekit"
	"github.com/userapis/sdk/tenants"
)

// Quirks are liberties an ASP.NET API such as Aptem's may take in the
// users it sends back, which the seed's schema (int32 ids, a boolean
// jobActiveSync, camelCase names) does not rule out. The zero Quirks, the
// default, answers exactly in the seed's shape; set them with
// [Server.SetQuirks] to check that code copes with the other forms.
type Quirks struct {
	// Nulls sends an empty string and a zero id or count as null, the
	// way .NET writes an unset nullable field.
	Nulls bool
	// StringNumbers sends ids and hours as numeric strings ("17") and
	// jobActiveSync as "true" or "false".
	StringNumbers bool
	// PascalCase sends member names with a capital first letter
	// ("FirstName"), as ASP.NET's default serializer writes them.
	PascalCase bool
}

// SetQuirks makes the users the server sends from now on take the
// liberties q names; Quirks{} restores the seed's shape. What the server
// stores and accepts does not change.
func (s *Server) SetQuirks(q Quirks) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.quirks = q
}

// writeUser answers 200 with u in the seed's shape, or with the quirks
// set. Call with s.mu held.
func (s *Server) writeUser(w http.ResponseWriter, u *tenants.User) {
	q := s.quirks
	if q == (Quirks{}) {
		fakekit.WriteJSON(w, http.StatusOK, u)
		return
	}
	b, _ := json.Marshal(u)
	var fields map[string]any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	_ = d.Decode(&fields)
	out := make(map[string]any, len(fields))
	for k, v := range fields {
		switch x := v.(type) {
		case string:
			if q.Nulls && x == "" {
				v = nil
			}
		case json.Number:
			if q.Nulls && x == "0" {
				v = nil
			} else if q.StringNumbers {
				v = string(x)
			}
		case bool:
			if q.StringNumbers {
				v = strconv.FormatBool(x)
			}
		}
		if q.PascalCase {
			r, n := utf8.DecodeRuneInString(k)
			k = string(unicode.ToUpper(r)) + k[n:]
		}
		out[k] = v
	}
	fakekit.WriteJSON(w, http.StatusOK, out)
}
