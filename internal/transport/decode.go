package transport

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/go-json-experiment/json"
)

// bodyBuf is a success body read whole, with the limit on its reader: one
// pooled value, so reading a body allocates nothing once warm.
type bodyBuf struct {
	bytes.Buffer
	limit io.LimitedReader
}

var bufPool = sync.Pool{New: func() any { return new(bodyBuf) }}

// preallocMax bounds the buffer reserved from a declared Content-Length:
// beyond it the buffer grows with the bytes that actually arrive, so a
// server declaring 32 MiB and sending nothing costs nothing.
const preallocMax = 256 << 10

// decode reads a 2xx body (at most MaxBody) and unmarshals it into out in
// the API's dialect. A body whose envelope reports failure is an
// *APIError, even when the rest of it did not decode.
func (c *Client) decode(st *call, resp *http.Response, out any) error {
	if out == nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
		return nil
	}
	buf := bufPool.Get().(*bodyBuf)
	buf.Reset()
	buf.limit = io.LimitedReader{R: resp.Body, N: MaxBody + 1}
	defer func() {
		buf.limit.R = nil // not the body: the pool keeps no connection alive
		if buf.Cap() <= 1<<20 {
			bufPool.Put(buf)
		}
	}()
	if resp.ContentLength > 0 {
		buf.Grow(int(min(resp.ContentLength+1, preallocMax)))
	}
	if _, err := buf.ReadFrom(&buf.limit); err != nil {
		st.uncertain = true // the server answered 2xx: it acted, but how is lost
		return c.requestErr(st, fmt.Errorf("reading response body: %w", err))
	}
	if buf.Len() > MaxBody {
		return c.responseErr(st, resp, fmt.Errorf("body exceeds %d MiB", MaxBody>>20))
	}
	err := json.Unmarshal(buf.Bytes(), out, c.api.JSON)
	if f, ok := out.(Failer); ok {
		if msgs, failed := f.Failure(); failed {
			e := c.newAPIError(st, resp, buf.Bytes())
			e.Messages = Printable(msgs)
			if fc, ok := out.(FailureClassifier); ok {
				e.kind = fc.FailureKind()
			}
			return e
		}
	}
	if err != nil {
		return c.responseErr(st, resp, fmt.Errorf("decoding %s: %w", contentKind(resp), err))
	}
	return nil
}

// responseErr is a 2xx response the SDK cannot use. For an unsafe call the
// server acted on the request, but its result is lost: the outcome is
// unknown.
func (c *Client) responseErr(st *call, resp *http.Response, err error) error {
	return &responseError{api: c.api.Name, method: st.method, path: st.path, status: resp.StatusCode,
		unknown: !st.safe, err: err}
}

func contentKind(resp *http.Response) string {
	ct := resp.Header.Get("Content-Type")
	if ct == "" {
		return "body"
	}
	return ct + " body"
}

// apiError reads at most MaxErrorBody of a non-2xx body into an APIError.
func (c *Client) apiError(st *call, resp *http.Response) error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, MaxErrorBody))
	e := c.newAPIError(st, resp, body)
	e.Messages = Printable(c.api.Messages(body))
	return e
}

func (c *Client) newAPIError(st *call, resp *http.Response, body []byte) *APIError {
	if len(body) > MaxErrorBody {
		body = body[:MaxErrorBody]
	}
	e := &APIError{
		api:        c.api.Name,
		StatusCode: resp.StatusCode,
		Method:     st.method,
		Path:       st.path,
		Body:       bytes.Clone(body),
		RequestID:  requestID(resp.Header),
		Attempts:   st.attemptCount(),
		unknown:    !st.safe && resp.StatusCode >= 500,
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		e.RetryAfter, _ = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	return e
}

// maxRequestID is the longest request id an APIError keeps.
const maxRequestID = 256

// requestID returns the first request-id header the server sent, with only
// its printable ASCII bytes and at most maxRequestID of them.
func requestID(h http.Header) string {
	for _, k := range [...]string{"X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-Requestid"} {
		if v := h.Get(k); v != "" {
			return printableID(v)
		}
	}
	return ""
}

func printableID(v string) string {
	clean := true
	for i := 0; i < len(v); i++ {
		if v[i] <= ' ' || v[i] >= 0x7f {
			clean = false
			break
		}
	}
	if clean && len(v) <= maxRequestID {
		return v
	}
	b := make([]byte, 0, min(len(v), maxRequestID))
	for i := 0; i < len(v) && len(b) < maxRequestID; i++ {
		if v[i] > ' ' && v[i] < 0x7f {
			b = append(b, v[i])
		}
	}
	return string(b)
}
