package transport

import (
	"net/url"
	"strings"

	"github.com/google/go-querystring/query"
)

// Segment escapes s as exactly one path segment: "/" and "?" are escaped,
// and "." or ".." become %2E forms, so an ID such as "../admin" or "a/b?c"
// can never change the route.
func Segment(s string) string {
	switch s {
	case ".":
		return "%2E"
	case "..":
		return "%2E%2E"
	}
	return url.PathEscape(s)
}

// Query encodes an options struct with go-querystring ("url" tags; a nil
// pointer encodes nothing). Keys named like "ids[]" repeat per value.
func Query(opts any) (url.Values, error) {
	v, err := query.Values(opts)
	if err != nil {
		return nil, err
	}
	for k, vs := range v {
		if len(vs) == 0 || (len(vs) == 1 && vs[0] == "" && strings.HasSuffix(k, "[]")) {
			delete(v, k)
		}
	}
	return v, nil
}

// target is the URL of a request with the escaped path (relative to the
// base URL) and the encoded query. A path and query made only of
// characters that url.Parse would keep exactly as they are (letters,
// digits, "-._~$&+,/:;=@" in the path; no "#" and no control character in
// the query) are put on a copy of the parsed base URL without parsing
// the whole again; anything else is parsed as before. Both give the same
// URL (FuzzTarget_sameAsParse).
func (c *Client) target(path, query string) (*url.URL, error) {
	if path != "" && path[0] != '/' || !plainPath(path) || !plainQuery(query) {
		raw := c.base.String() + path
		if query != "" {
			raw += "?" + query
		}
		u, err := url.Parse(raw)
		if err != nil {
			return nil, err
		}
		u.Host = withoutEmptyPort(u.Host)
		return u, nil
	}
	u := new(url.URL)
	*u = c.base
	u.Path += path
	if u.RawPath != "" {
		u.RawPath += path
	}
	u.RawQuery = query
	return u, nil
}

// withoutEmptyPort drops the empty port from host ("h:" is "h"), as
// http.NewRequest does for the URL and the Host it sends.
func withoutEmptyPort(host string) string {
	if strings.LastIndexByte(host, ':') > strings.LastIndexByte(host, ']') {
		return strings.TrimSuffix(host, ":")
	}
	return host
}

// plainPath reports whether every byte of p is one url.Parse keeps as it
// is in a path and the URL escapes to itself: no "%", "?", "#", space,
// control character, non-ASCII, nor any of "!'()*" (which are valid but
// make url.Parse keep a RawPath).
func plainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("-._~$&+,/:;=@", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// plainQuery reports whether url.Parse would keep q whole as the raw
// query: no fragment mark and no control character.
func plainQuery(q string) bool {
	for i := 0; i < len(q); i++ {
		if c := q[i]; c == '#' || c < 0x20 || c == 0x7f {
			return false
		}
	}
	return true
}
