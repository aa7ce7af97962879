package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// NoRetries, as RetryPolicy.MaxRetries, turns retries off; as
// RetryPolicy.Budget, lifts the retry budget's limit.
const NoRetries = -1

// RetryPolicy says how often and how long the SDK retries a request. The
// zero value is the default policy: every zero field takes its default, so
// RetryPolicy{MaxRetryAfter: 2 * time.Minute} still retries 3 times.
type RetryPolicy struct {
	MaxRetries    int           // retries after the first attempt; 0: 3; NoRetries: none
	MinWait       time.Duration // first backoff ceiling; 0: 100ms
	MaxWait       time.Duration // largest backoff; 0: 5s
	MaxRetryAfter time.Duration // longest Retry-After slept; 0: 60s
	// Budget is the client-wide retry budget in tokens; 0: 500; NoRetries:
	// unlimited. A retry costs 5 tokens, 10 after a transport error or a
	// timeout; a call that succeeds gives back 1 (or what its retries
	// cost). With the bucket empty calls are not retried.
	Budget int
}

// Default retry settings, the values a zero field of RetryPolicy takes.
const (
	defaultMaxRetries    = 3
	defaultMinWait       = 100 * time.Millisecond
	defaultMaxWait       = 5 * time.Second
	defaultMaxRetryAfter = 60 * time.Second
	defaultBudget        = 500
)

// DefaultRetryPolicy is the policy used when none is set, RetryPolicy{}
// with its defaults written out: 3 retries, backoff from 100ms to 5s,
// Retry-After honoured up to 60s, a budget of 500 tokens.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxRetries: defaultMaxRetries, MinWait: defaultMinWait, MaxWait: defaultMaxWait,
		MaxRetryAfter: defaultMaxRetryAfter, Budget: defaultBudget}
}

// withDefaults fills zero fields and checks the rest.
func (p RetryPolicy) withDefaults(api string) (RetryPolicy, error) {
	p, problem := p.filled()
	if problem != "" {
		return p, fmt.Errorf("%s: retry policy %s", api, problem)
	}
	return p, nil
}

// filled is p with its zero fields set to the defaults, or what is wrong
// with it ("values must not be negative ...").
func (p RetryPolicy) filled() (RetryPolicy, string) {
	if p.MaxRetries < NoRetries || p.Budget < NoRetries || p.MinWait < 0 || p.MaxWait < 0 || p.MaxRetryAfter < 0 {
		return p, "values must not be negative (NoRetries aside)"
	}
	if p.MaxRetries == 0 {
		p.MaxRetries = defaultMaxRetries
	}
	if p.Budget == 0 {
		p.Budget = defaultBudget
	}
	if p.MinWait == 0 {
		p.MinWait = defaultMinWait
	}
	if p.MaxWait == 0 {
		p.MaxWait = max(defaultMaxWait, p.MinWait)
	}
	if p.MaxRetryAfter == 0 {
		p.MaxRetryAfter = defaultMaxRetryAfter
	}
	if p.MinWait > p.MaxWait {
		return p, fmt.Sprintf("MinWait %v exceeds MaxWait %v", p.MinWait, p.MaxWait)
	}
	return p, ""
}

// checkRetry runs after every try: it records what the try did, decides
// whether to send the request again and how long to wait first (the wait
// happens in prepareRetry, where the call's context is at hand), then logs
// the try and calls the OnAttempt hook.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	st := callFrom(ctx)
	st.tried(resp, err)
	retry, why := st.decide(ctx, resp, err)
	if retry && st.tries > st.policy.MaxRetries {
		retry, why = false, "no retries left"
	}
	if retry {
		cost := retryCost
		if err != nil {
			cost = retryCostTimeout
		}
		if st.c.budget.take(cost) {
			st.spent += cost
		} else {
			retry, why = false, "retry budget empty"
		}
	}
	st.wait = 0
	if retry {
		st.wait = st.policy.backoff(st.tries-1, resp)
	}
	st.attempted(ctx, resp, err, retry, why)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	return retry, nil
}

// decide says whether the try may be repeated and why. Safe requests are
// retried on 429, 500, 502, 503, 504 and transport errors; unsafe ones (a
// POST that may create something) only on 429 or when the request
// certainly did not reach the server. A Retry-After longer than the policy
// allows, or one that would outlast the context's deadline, stops the
// retries so the caller gets the error (with its RetryAfter) at once.
func (st *call) decide(ctx context.Context, resp *http.Response, err error) (bool, string) {
	if err != nil {
		switch {
		case permanent(err):
			return false, "not retryable"
		case connectFailure(err):
			return true, "connection failed before sending"
		case unprocessedH2(err):
			return true, "stream refused before processing"
		case st.safe:
			return true, "transport error"
		}
		return false, "written before it failed: not safe to repeat"
	}
	code := resp.StatusCode
	if code < 429 || code == 501 || code > 504 || (code > 429 && code < 500) {
		return false, "" // nothing to retry: the common case costs nothing
	}
	why := "status " + strconv.Itoa(code)
	switch code {
	case http.StatusTooManyRequests:
		if !st.retryAfterFits(ctx, resp) {
			return false, "Retry-After too long"
		}
		return true, why
	case http.StatusServiceUnavailable:
		if !st.safe {
			return false, why + ": not safe to repeat"
		}
		if !st.retryAfterFits(ctx, resp) {
			return false, "Retry-After too long"
		}
		return true, why
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout:
		if !st.safe {
			return false, why + ": not safe to repeat"
		}
		return true, why
	}
	return false, ""
}

// retryAfterFits reports whether the response's Retry-After (if any) is
// short enough to sleep: within the policy's cap and the ctx deadline.
func (st *call) retryAfterFits(ctx context.Context, resp *http.Response) bool {
	ra, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	if !ok {
		return true
	}
	if ra > st.policy.MaxRetryAfter {
		return false
	}
	if dl, has := ctx.Deadline(); has && time.Now().Add(ra).After(dl) {
		return false
	}
	return true
}

// backoff is exponential with full jitter between MinWait and the capped
// ceiling, or the server's Retry-After on 429 and 503 (checkRetry has
// already refused one that is too long).
func (p RetryPolicy) backoff(attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if ra, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return ra
		}
	}
	ceil := p.MinWait
	for i := 0; i < attempt && ceil < p.MaxWait; i++ {
		ceil *= 2
	}
	ceil = min(ceil, p.MaxWait)
	if ceil <= p.MinWait {
		return p.MinWait
	}
	return p.MinWait + rand.N(ceil-p.MinWait+1)
}

// noBackoff is retryablehttp's Backoff: the SDK waits in prepareRetry
// instead, where the call's own policy and context are known.
func noBackoff(time.Duration, time.Duration, int, *http.Response) time.Duration { return 0 }

// parseRetryAfter reads a Retry-After header in delta-seconds or HTTP-date
// form. A date in the past means "now" (0, true).
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if isDigits(v) {
		// Delta-seconds. One too large for any integer type still means
		// "not soon": it is capped at a year, far above any MaxRetryAfter,
		// so the call returns at once with RetryAfter set.
		const maxSecs = int64(365 * 24 * time.Hour / time.Second)
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil || secs > maxSecs {
			secs = maxSecs
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0).Round(time.Second), true
}

// isDigits reports whether v is one or more ASCII digits: the only form of
// delta-seconds (a sign, a fraction or a space makes it garbage).
func isDigits(v string) bool {
	if v == "" {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

// connectFailure reports whether err happened before the request could
// reach the server: dialing, DNS, or the TLS handshake.
func connectFailure(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	var recErr tls.RecordHeaderError
	if errors.As(err, &recErr) {
		return true
	}
	var alert tls.AlertError
	return errors.As(err, &alert)
}

// permanent reports errors no retry can mend: a refused redirect, a
// certificate the system does not trust, a rate-limiter wait that cannot
// fit the deadline, a request that cannot be built.
func permanent(err error) bool {
	if errors.Is(err, ErrRedirectRefused) || errors.Is(err, errRateWait) {
		return true
	}
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	return errors.As(err, &certErr) || errors.As(err, &unknownAuth) || errors.As(err, &hostErr) || errors.As(err, &invalid)
}

// errRateWait marks a client-side rate-limit wait that failed.
var errRateWait = errors.New("client-side rate limit")
