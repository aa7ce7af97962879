package hostile

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// Canned returns an *http.Client whose every request is answered, without
// any network, with status, a JSON content type and body: the input of a
// fuzz target that drives a package's public methods through the whole
// transport.
func Canned(status int, body []byte) *http.Client {
	return &http.Client{Transport: cannedTransport{status: status, body: body}}
}

type cannedTransport struct {
	status int
	body   []byte
}

func (c cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	h := http.Header{"Content-Type": {"application/json"}, "Content-Length": {strconv.Itoa(len(c.body))}}
	return &http.Response{
		Status:        strconv.Itoa(c.status) + " " + http.StatusText(c.status),
		StatusCode:    c.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(c.body)),
		ContentLength: int64(len(c.body)),
		Request:       req,
	}, nil
}

// FuzzStatus maps a fuzzer's byte to an HTTP status the SDK must handle:
// mostly 200, and every class it treats differently.
func FuzzStatus(b byte) int {
	statuses := [...]int{200, 200, 200, 200, 201, 204, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503}
	return statuses[int(b)%len(statuses)]
}

// DeepArrays is n nested arrays around a string, [[["x"]]]: the shape
// that makes a decoder which re-scans each level quadratic.
func DeepArrays(n int) string {
	return strings.Repeat("[", n) + `"x"` + strings.Repeat("]", n)
}
