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

// RetryPolicy says how often and how long the SDK retries a request.
// Zero durations take the defaults; MaxRetries 0 turns retries off.
type RetryPolicy struct {
	MaxRetries    int           // retries after the first attempt; 0: none
	MinWait       time.Duration // first backoff ceiling; default 100ms
	MaxWait       time.Duration // largest backoff; default 5s
	MaxRetryAfter time.Duration // longest Retry-After slept; default 60s
}

// DefaultRetryPolicy is the policy used when none is set: 3 retries,
// backoff from 100ms to 5s, Retry-After honoured up to 60s.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxRetries: 3, MinWait: 100 * time.Millisecond, MaxWait: 5 * time.Second, MaxRetryAfter: 60 * time.Second}
}

// withDefaults fills zero durations and checks the rest.
func (p RetryPolicy) withDefaults(api string) (RetryPolicy, error) {
	d := DefaultRetryPolicy()
	if p.MaxRetries < 0 || p.MinWait < 0 || p.MaxWait < 0 || p.MaxRetryAfter < 0 {
		return p, fmt.Errorf("%s: retry policy values must not be negative", api)
	}
	if p.MinWait == 0 {
		p.MinWait = d.MinWait
	}
	if p.MaxWait == 0 {
		p.MaxWait = max(d.MaxWait, p.MinWait)
	}
	if p.MaxRetryAfter == 0 {
		p.MaxRetryAfter = d.MaxRetryAfter
	}
	if p.MinWait > p.MaxWait {
		return p, fmt.Errorf("%s: retry policy MinWait %v exceeds MaxWait %v", api, p.MinWait, p.MaxWait)
	}
	return p, nil
}

// checkRetry decides, after every attempt, whether to send the request
// again. Safe requests are retried on 429, 500, 502, 503, 504 and transport
// errors; unsafe ones (a POST that may create something) only on 429 or
// when the connection was never made, so the server cannot have acted.
// A Retry-After longer than the policy allows, or one that would outlast
// the context's deadline, stops the retries so the caller gets the error
// (with its RetryAfter) at once.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	st := callFrom(ctx)
	notProcessed := err != nil && (connectFailure(err) || unprocessedH2(err))
	switch {
	case resp != nil:
		st.responded++
		if resp.StatusCode >= 500 {
			st.uncertain = true
		}
	case err != nil && !notProcessed && st.writes.Load() > st.triedAt:
		st.uncertain = true
	}
	st.logAttempt(ctx, resp, err)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	if err != nil {
		if permanent(err) {
			return false, nil
		}
		return st.safe || notProcessed, nil
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return st.retryAfterFits(ctx, resp), nil
	case http.StatusServiceUnavailable:
		return st.safe && st.retryAfterFits(ctx, resp), nil
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout:
		return st.safe, nil
	}
	return false, nil
}

// retryAfterFits reports whether the response's Retry-After (if any) is
// short enough to sleep: within the policy's cap and the ctx deadline.
func (st *call) retryAfterFits(ctx context.Context, resp *http.Response) bool {
	ra, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	if !ok {
		return true
	}
	if ra > st.c.policy.MaxRetryAfter {
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
func backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if ra, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return ra
		}
	}
	ceil := minWait
	for i := 0; i < attempt && ceil < maxWait; i++ {
		ceil *= 2
	}
	ceil = min(ceil, maxWait)
	if ceil <= minWait {
		return minWait
	}
	return minWait + rand.N(ceil-minWait+1)
}

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
