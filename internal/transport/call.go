package transport

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// call is the state of one Do call, carried to the retry hooks and to
// attemptTransport in the request's context: retryablehttp's hooks see
// only the request, so the context is the one way in.
type call struct {
	c      *Client
	info   CallInfo
	method string
	path   string
	safe   bool
	policy RetryPolicy
	tries  int // tries started by the retry loop
	// writes counts every time the request was written to a connection,
	// replays inside net/http included; the transport's goroutines add to
	// it, so it is atomic.
	writes atomic.Int32
	// responded counts tries that got a response: a mocked RoundTripper
	// (httpmock) answers without writing anything.
	responded int32
	triedAt   int32 // writes when the current try started
	// uncertain is set when a try may have reached the server and failed
	// (a 5xx, or a transport error after the request was written).
	uncertain bool
	spent     int           // budget tokens the retries took
	wait      time.Duration // before the next try, set by checkRetry
	status    int           // of the last response
	header    http.Header   // of the last response
	start     time.Time     // of the call
	tryStart  time.Time     // of the current try
	trace     httptrace.ClientTrace
	opts      callSettings // the call options, applied
}

// attemptCount is what APIError.Attempts reports: the writes, or the tries
// that were answered where nothing was written (a mocked transport).
func (st *call) attemptCount() int { return int(max(st.writes.Load(), st.responded)) }

// outcomeUnknown reports whether a failed call may still have been acted
// on: an unsafe request that reached the server without a clear answer.
func (st *call) outcomeUnknown() bool { return !st.safe && st.uncertain }

type callKey struct{}

func callFrom(ctx context.Context) *call { return ctx.Value(callKey{}).(*call) }

// beforeAttempt counts tries and starts the try's clock.
func beforeAttempt(_ retryablehttp.Logger, req *http.Request, i int) {
	st := callFrom(req.Context())
	st.tries = i + 1
	st.triedAt = st.writes.Load()
	if i == 0 && st.c.limiter == nil {
		st.tryStart = st.start // read a moment ago, with nothing to wait for in between
	} else {
		st.tryStart = time.Now()
	}
}

// tried records what a try brought: a response (its status and headers)
// or an error after the request was written, which leaves the outcome
// uncertain.
func (st *call) tried(resp *http.Response, err error) {
	switch {
	case resp != nil:
		st.responded++
		st.status, st.header = resp.StatusCode, resp.Header
		if resp.StatusCode >= 500 {
			st.uncertain = true
		}
	case err != nil && st.writes.Load() > st.triedAt && !connectFailure(err) && !unprocessedH2(err):
		st.uncertain = true
	}
}

// attempted reports a finished try to the logger and the OnAttempt hook.
func (st *call) attempted(ctx context.Context, resp *http.Response, err error, retry bool, why string) {
	hook := st.c.hooks.OnAttempt
	if st.c.logger == nil && hook == nil {
		return
	}
	d := time.Since(st.tryStart)
	if hook != nil {
		a := AttemptInfo{CallInfo: st.info, Attempt: st.tries, Err: err, Duration: d, RetryIn: st.wait}
		if resp != nil {
			a.StatusCode = resp.StatusCode
		}
		hook(ctx, a)
	}
	if st.c.logger == nil {
		return
	}
	attrs := make([]slog.Attr, 0, 12)
	attrs = append(attrs, slog.String("api", st.c.api.Name))
	if st.info.Operation != "" {
		attrs = append(attrs, slog.String("op", st.info.Operation))
	}
	attrs = append(attrs, slog.String("method", st.method), slog.String("route", st.info.Route),
		slog.String("path", st.path), slog.Int("attempt", st.tries), slog.Duration("duration", d))
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
		if id := requestID(resp.Header); id != "" {
			attrs = append(attrs, slog.String("request_id", id))
		}
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", printable(sanitize(err).Error())))
	}
	// sent counts the writes to a connection so far: a replay inside
	// net/http shows here even though the retry loop made one attempt.
	attrs = append(attrs, slog.Int("sent", st.attemptCount()))
	switch {
	case retry:
		attrs = append(attrs, slog.Duration("retry_in", st.wait), slog.String("retry_because", why))
	case why != "" && (err != nil || resp == nil || resp.StatusCode >= 400):
		attrs = append(attrs, slog.String("no_retry_because", why))
	}
	st.c.logger.LogAttrs(ctx, slog.LevelDebug, "userapis: request attempt", attrs...)
}

// prepareRetry runs before every retry: the backoff checkRetry chose
// (cancelled by the context at once), the limiter, and fresh credentials
// on a header copy (the previous attempt's request may still be read by
// the transport, so its header is never written again).
func prepareRetry(req *http.Request) error {
	ctx := req.Context()
	st := callFrom(ctx)
	if st.wait > 0 {
		t := time.NewTimer(st.wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
	if err := st.c.wait(ctx); err != nil {
		return err
	}
	if st.c.api.PerAttempt {
		req.Header = req.Header.Clone()
		st.c.api.Authorize(req.Header)
	}
	return nil
}

// capture fills a ResponseInfo from the finished call.
func (st *call) capture(info *ResponseInfo) {
	*info = ResponseInfo{
		StatusCode: st.status,
		Header:     st.header,
		RequestID:  requestID(st.header),
		Attempts:   st.attemptCount(),
		Duration:   time.Since(st.start),
	}
}
