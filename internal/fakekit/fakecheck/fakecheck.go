// Package fakecheck is the test suite every fake server passes for
// [fakekit.Fault]: one table of checks, run by each fake's own tests
// through its SDK client, so the four fakes are held to the same
// behaviour.
package fakecheck

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/userapis/sdk/internal/fakekit"
	"github.com/userapis/sdk/internal/transport"
)

// Policy is the retry policy a Fake's clients use: the default three
// retries with short waits, and a Retry-After over 100ms returned at once
// rather than slept, so no check waits for long.
var Policy = transport.RetryPolicy{MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond, MaxRetryAfter: 100 * time.Millisecond}

// Fake is one fake server, driven through its SDK. Its clients come from
// the fake's own Client with [Policy].
type Fake struct {
	Inject   func(fakekit.Fault)
	FailNext func(n, status int)
	Requests func() int
	// Stored returns how many users the fake holds.
	Stored func() int
	// CreateOp names Create, a call that is not safe to retry and stores
	// a new user (a fresh one on every call).
	CreateOp string
	Create   func(ctx context.Context) error
	// GetOp names Get, a safe call that reads a user the fake was seeded
	// with; a non-nil hc goes to the client with WithHTTPClient, after
	// the fake's own options.
	GetOp string
	Get   func(ctx context.Context, hc *http.Client) error
}

// get is f.Get through the fake's client with Policy.
func (f Fake) get(ctx context.Context) error { return f.Get(ctx, nil) }

// Run runs every check on fakes from start, a fresh one per check,
// closed by start's own t.Cleanup.
func Run(t *testing.T, start func(t *testing.T) Fake) {
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.run(t, start(t))
		})
	}
}

var checks = []struct {
	name string
	run  func(t *testing.T, f Fake)
}{
	{"ResetOnUnsafeCallIsNotRetried", resetOnUnsafeCall},
	{"ResetOnSafeCallIsRetried", resetOnSafeCall},
	{"StatusAnswersInVendorFormatAndStoresNothing", statusStoresNothing},
	{"RetryAfterRoundedUpToWholeSeconds", retryAfterRoundedUp},
	{"FaultsOnDifferentOpsAddUp", differentOpsAddUp},
	{"TimesCountsRequests", timesCountsRequests},
	{"UnknownOpPanics", unknownOpPanics},
	{"DelayBeforeTheAnswer", delayBeforeTheAnswer},
	{"DelayEndsWithTheCallersContext", delayEndsWithContext},
	{"FailNextStillWorks", failNextStillWorks},
	{"CallersOptionsWin", callersOptionsWin},
}

// counted runs call and returns its error and how many requests it made.
func counted(f Fake, call func(context.Context) error) (int, error) {
	before := f.Requests()
	err := call(context.Background())
	return f.Requests() - before, err
}

func resetOnUnsafeCall(t *testing.T, f Fake) {
	stored := f.Stored()
	f.Inject(fakekit.Fault{Op: f.CreateOp, Reset: true})
	n, err := counted(f, f.Create)
	var ue *url.Error
	require.ErrorAs(t, err, &ue, "a reset is a transport error")
	assert.ErrorIs(t, err, transport.ErrOutcomeUnknown, "the request was written: the server may have acted")
	assert.Equal(t, 1, n, "an unsafe call is not sent again after a reset")
	assert.Equal(t, stored, f.Stored(), "nothing stored")

	n, err = counted(f, f.Create)
	require.NoError(t, err, "the fault is used up")
	assert.Equal(t, 1, n)
	assert.Equal(t, stored+1, f.Stored())
}

func resetOnSafeCall(t *testing.T, f Fake) {
	f.Inject(fakekit.Fault{Op: f.GetOp, Reset: true})
	n, err := counted(f, f.get)
	require.NoError(t, err, "a safe call is retried after a reset")
	assert.Equal(t, 2, n, "the reset try and the one that succeeded")
}

func statusStoresNothing(t *testing.T, f Fake) {
	stored := f.Stored()
	f.Inject(fakekit.Fault{Op: f.CreateOp, Status: http.StatusInternalServerError})
	n, err := counted(f, f.Create)
	var ae *transport.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, http.StatusInternalServerError, ae.StatusCode)
	assert.Equal(t, []string{"Internal Server Error (injected for " + f.CreateOp + ")"}, ae.Messages,
		"the SDK read the vendor's error format")
	assert.ErrorIs(t, err, transport.ErrServer)
	assert.ErrorIs(t, err, transport.ErrOutcomeUnknown)
	assert.Equal(t, 1, n, "a 500 on an unsafe call is not retried")
	assert.Equal(t, stored, f.Stored(), "the handler did not run")
}

func retryAfterRoundedUp(t *testing.T, f Fake) {
	stored := f.Stored()
	f.Inject(fakekit.Fault{Op: f.CreateOp, Status: http.StatusTooManyRequests, RetryAfter: 1500 * time.Millisecond})
	n, err := counted(f, f.Create)
	var ae *transport.APIError
	require.ErrorAs(t, err, &ae)
	assert.ErrorIs(t, err, transport.ErrRateLimited)
	assert.Equal(t, 2*time.Second, ae.RetryAfter, `1.5s goes on the wire as "2"`)
	assert.Equal(t, 1, n, "longer than Policy.MaxRetryAfter: returned at once, not slept")
	assert.Equal(t, stored, f.Stored())

	f.Inject(fakekit.Fault{Op: f.CreateOp, Status: http.StatusTooManyRequests, RetryAfter: time.Millisecond})
	n, err = counted(f, f.Create)
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, time.Second, ae.RetryAfter, `1ms goes on the wire as "1"`)
	assert.Equal(t, 1, n)

	f.Inject(fakekit.Fault{Op: f.CreateOp, Status: http.StatusTooManyRequests})
	n, err = counted(f, f.Create)
	require.NoError(t, err, "a 429 without Retry-After is retried after a backoff, even on an unsafe call")
	assert.Equal(t, 2, n)
	assert.Equal(t, stored+1, f.Stored())
}

func differentOpsAddUp(t *testing.T, f Fake) {
	stored := f.Stored()
	f.Inject(fakekit.Fault{Op: f.CreateOp, Status: http.StatusServiceUnavailable})
	f.Inject(fakekit.Fault{Op: f.GetOp, Status: http.StatusBadGateway})
	n, err := counted(f, f.get)
	require.NoError(t, err)
	assert.Equal(t, 2, n, "the Get fault fired and the retry succeeded")
	n, err = counted(f, f.Create)
	assert.ErrorIs(t, err, transport.ErrServer, "the Create fault waited for its own operation")
	assert.Equal(t, 1, n)
	assert.Equal(t, stored, f.Stored())
	n, err = counted(f, f.get)
	require.NoError(t, err)
	assert.Equal(t, 1, n, "both faults are used up")
}

func timesCountsRequests(t *testing.T, f Fake) {
	f.Inject(fakekit.Fault{Op: f.GetOp, Status: http.StatusServiceUnavailable, Times: 4})
	n, err := counted(f, f.get)
	assert.ErrorIs(t, err, transport.ErrServer, "four 503s outlast three retries")
	assert.Equal(t, 4, n)
	n, err = counted(f, f.get)
	require.NoError(t, err)
	assert.Equal(t, 1, n)

	f.Inject(fakekit.Fault{Op: f.GetOp, Status: http.StatusServiceUnavailable, Times: 2})
	n, err = counted(f, f.get)
	require.NoError(t, err)
	assert.Equal(t, 3, n)
}

func unknownOpPanics(t *testing.T, f Fake) {
	assert.Panics(t, func() { f.Inject(fakekit.Fault{Op: "Users.Frobnicate", Status: 500}) })
	assert.Panics(t, func() { f.Inject(fakekit.Fault{Op: "", Status: 500}) })
	assert.NotPanics(t, func() { f.Inject(fakekit.Fault{Op: f.GetOp, Status: 200, Times: 1}) })
}

func delayBeforeTheAnswer(t *testing.T, f Fake) {
	const delay = 200 * time.Millisecond
	f.Inject(fakekit.Fault{Op: f.GetOp, Delay: delay})
	start := time.Now()
	n, err := counted(f, f.get)
	require.NoError(t, err, "a delay alone answers normally")
	assert.GreaterOrEqual(t, time.Since(start), delay)
	assert.Equal(t, 1, n)

	stored := f.Stored()
	f.Inject(fakekit.Fault{Op: f.CreateOp, Delay: delay, Status: http.StatusBadGateway})
	start = time.Now()
	_, err = counted(f, f.Create)
	assert.ErrorIs(t, err, transport.ErrServer)
	assert.GreaterOrEqual(t, time.Since(start), delay, "a faulted answer waits too")
	assert.Equal(t, stored, f.Stored())
}

func delayEndsWithContext(t *testing.T, f Fake) {
	f.Inject(fakekit.Fault{Op: f.GetOp, Delay: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := f.get(ctx)
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "got %v", err)
	assert.Less(t, time.Since(start), 30*time.Second)
}

func failNextStillWorks(t *testing.T, f Fake) {
	f.FailNext(1, http.StatusServiceUnavailable)
	n, err := counted(f, f.get)
	require.NoError(t, err)
	assert.Equal(t, 2, n)
}

// countingTransport counts the requests it carries.
type countingTransport struct{ n atomic.Int64 }

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return http.DefaultTransport.RoundTrip(r)
}

func callersOptionsWin(t *testing.T, f Fake) {
	ct := &countingTransport{}
	require.NoError(t, f.Get(context.Background(), &http.Client{Transport: ct}))
	assert.Equal(t, int64(1), ct.n.Load(), "the caller's *http.Client carried the request")
}

// Call is one SDK method called against a fake.
type Call struct {
	// Op is the method's name, e.g. "Users.Get".
	Op string
	// Shares lists the other Ops that send the same request (a fault on
	// one hits the others).
	Shares []string
	// Do calls the method through a client that does not retry.
	Do func() error
}

// Operations checks a fake's route table against its SDK: for each
// call, a fault named after it answers its request (in the vendor's
// format, as the SDK decodes it), leaves every call not sharing the
// request alone, and is used up after one request.
func Operations(t *testing.T, inject func(fakekit.Fault), calls []Call) {
	t.Helper()
	for _, c := range calls {
		inject(fakekit.Fault{Op: c.Op, Status: http.StatusTeapot})
		for _, other := range calls {
			if other.Op != c.Op && !slices.Contains(c.Shares, other.Op) && !slices.Contains(other.Shares, c.Op) {
				require.NoError(t, other.Do(), "a fault on %s leaves %s alone", c.Op, other.Op)
			}
		}
		var ae *transport.APIError
		require.ErrorAs(t, c.Do(), &ae, c.Op)
		assert.Equal(t, http.StatusTeapot, ae.StatusCode, c.Op)
		assert.Equal(t, []string{"I'm a teapot (injected for " + c.Op + ")"}, ae.Messages, c.Op)
		assert.NoError(t, c.Do(), "%s: once, then served", c.Op)
	}
}
