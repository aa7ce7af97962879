package fakekit

import (
	"math"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSpan_neverOverflows(t *testing.T) {
	for _, tc := range []struct {
		name        string
		span        func(n, at, size int) (int, int)
		n, at, size int
		from, to    int
	}{
		{"Span", Span, 10, 0, 3, 0, 3},
		{"Span", Span, 10, 9, 3, 9, 10},
		{"Span", Span, 10, 10, 3, 10, 10},
		{"Span", Span, 10, math.MaxInt, 3, 10, 10},
		{"Span", Span, 10, 5, math.MaxInt, 5, 10},
		{"Span", Span, 10, math.MaxInt, math.MaxInt, 10, 10},
		{"Span", Span, 0, 0, 50, 0, 0},
		{"PageSpan", PageSpan, 10, 0, 3, 0, 3},
		{"PageSpan", PageSpan, 10, 3, 3, 9, 10},
		{"PageSpan", PageSpan, 10, 4, 3, 10, 10},
		{"PageSpan", PageSpan, 10, 1 << 57, 100, 10, 10}, // page*size wrapped negative before
		{"PageSpan", PageSpan, 10, math.MaxInt, math.MaxInt, 10, 10},
		{"PageSpan", PageSpan, 10, 1, math.MaxInt, 10, 10},
		{"PageSpan", PageSpan, 10, 0, math.MaxInt, 0, 10},
	} {
		from, to := tc.span(tc.n, tc.at, tc.size)
		assert.Equal(t, [2]int{tc.from, tc.to}, [2]int{from, to}, "%s(%d, %d, %d)", tc.name, tc.n, tc.at, tc.size)
	}
}

func TestKit_Serve_goesThroughTheKit(t *testing.T) {
	k := start(t)
	rec, ok := k.Serve(Probe{Method: "POST", Path: "x", Header: http.Header{"X-Key": {"k"}}, Body: []byte(`{"a":1}`)})
	require.True(t, ok)
	assert.Equal(t, 200, rec.Code)
	assert.JSONEq(t, `{"a":1}`, rec.Body.String())

	rec, _ = k.Serve(Probe{Method: "bad method", Path: "/x", Body: []byte(`{}`)})
	assert.Equal(t, 401, rec.Code, "credentials checked; an invalid method is sent as GET")

	k.FailNext(1, 503)
	rec, _ = k.Serve(Probe{Method: "GET", Path: "/x", Header: http.Header{"X-Key": {"k"}}})
	assert.Equal(t, 503, rec.Code)
	assert.Equal(t, 3, k.Requests())

	_, ok = k.Serve(Probe{Method: "GET", Path: "/x y"})
	assert.False(t, ok, "a target net/http would not parse is not served")
	assert.Equal(t, 3, k.Requests())
}

func TestKit_IsError_matchesTheWriter(t *testing.T) {
	k := start(t) // its errors: {"result": false, "errors": [...]}
	assert.True(t, k.IsError(400, []byte(`{"result":false,"errors":["x"]}`)))
	assert.True(t, k.IsError(400, []byte(`{"result":false,"errors":[],"extra":1}`)))
	assert.False(t, k.IsError(400, []byte(`{"result":false}`)))
	assert.False(t, k.IsError(400, []byte(`{"message":"x"}`)))
	assert.False(t, k.IsError(400, []byte(`Bad Request`)))
	assert.False(t, k.IsError(400, []byte(`null`)))
}

func TestCheckAnswer_statusAndFormat(t *testing.T) {
	rec := func(status int, body string) *httptest.ResponseRecorder {
		r := httptest.NewRecorder()
		r.WriteHeader(status)
		_, _ = r.WriteString(body)
		return r
	}
	vendor := func(_ int, b []byte) bool { return string(b) == `{"detail":"x"}` }
	for _, tc := range []struct {
		name     string
		rec      *httptest.ResponseRecorder
		injected int
		isError  func(int, []byte) bool
		ok       bool
	}{
		{"200", rec(200, "anything"), 0, vendor, true},
		{"301", rec(301, "<a>"), 0, vendor, true},
		{"500", rec(500, `{"detail":"x"}`), 0, vendor, false},
		{"injected 503", rec(503, `{"detail":"x"}`), 503, vendor, true},
		{"other 5xx than injected", rec(502, `{"detail":"x"}`), 503, vendor, false},
		{"vendor 4xx", rec(404, `{"detail":"x"}`), 0, vendor, true},
		{"net/http text 4xx", rec(405, "Method Not Allowed\n"), 0, vendor, false},
		{"any JSON without isError", rec(400, `{"m":1}`), 0, nil, true},
		{"text without isError", rec(400, `oops`), 0, nil, false},
	} {
		err := CheckAnswer(tc.rec, tc.injected, tc.isError)
		assert.Equal(t, tc.ok, err == nil, "%s: %v", tc.name, err)
	}
}
