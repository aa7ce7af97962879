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
