package transport

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Attempts end at their own deadlines, in order, with the queue's cause;
// one taken out of the queue in time is never cancelled; and the queue
// keeps working after it ran empty.
func TestDeadlines_cancelEachAtItsDeadline(t *testing.T) {
	q := newDeadlines(150*time.Millisecond, timeoutCause("attempt timed out after %v", 150*time.Millisecond))
	type att struct {
		ctx   context.Context
		w     waiter
		start time.Time
	}
	start := func() *att {
		a := &att{start: time.Now()}
		var cancel context.CancelCauseFunc
		a.ctx, cancel = context.WithCancelCause(context.Background())
		q.add(&a.w, cancel, a.start)
		return a
	}
	first := start()
	time.Sleep(50 * time.Millisecond)
	second := start()
	third := start()
	q.remove(&second.w) // finished in time

	for _, a := range []*att{first, third} {
		<-a.ctx.Done()
		assert.GreaterOrEqual(t, time.Since(a.start), 150*time.Millisecond, "each ends at its own deadline, never before")
		assert.True(t, a.w.fired.Load())
		err := context.Cause(a.ctx)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.EqualError(t, err, "attempt timed out after 150ms: context deadline exceeded")
	}
	time.Sleep(200 * time.Millisecond)
	assert.NoError(t, second.ctx.Err(), "an attempt out of the queue is never cancelled")
	assert.False(t, second.w.fired.Load())

	// The queue ran empty; a new attempt still gets its deadline.
	fourth := start()
	select {
	case <-fourth.ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the attempt after an empty queue was never ended")
	}
}

// An attempt whose clock was read before that of the attempt queued last
// (two goroutines racing to the lock) queues behind it with its deadline:
// late by that moment, never early, and the queue stays in order.
func TestDeadlines_anEarlierClockQueuesBehind(t *testing.T) {
	q := newDeadlines(100*time.Millisecond, errors.New("late"))
	t0 := time.Now()
	var a, b waiter
	actx, acancel := context.WithCancelCause(context.Background())
	bctx, bcancel := context.WithCancelCause(context.Background())
	q.add(&a, acancel, t0.Add(30*time.Millisecond))
	q.add(&b, bcancel, t0)
	assert.Equal(t, a.at, b.at, "b takes a's later deadline")
	q.mu.Lock()
	assert.Same(t, &a, q.head)
	assert.Same(t, &b, q.tail)
	q.mu.Unlock()
	<-bctx.Done()
	assert.GreaterOrEqual(t, time.Since(t0), 130*time.Millisecond, "never before its own deadline")
	<-actx.Done()
}

// Many goroutines adding and removing leave the queue empty and
// consistent, and cancel nothing that finished in time.
func TestDeadlines_concurrentAddRemove(t *testing.T) {
	q := newDeadlines(time.Minute, errors.New("late"))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 2000 {
				var w waiter
				ctx, cancel := context.WithCancelCause(context.Background())
				q.add(&w, cancel, time.Now())
				q.remove(&w)
				q.remove(&w) // twice is harmless
				assert.NoError(t, ctx.Err())
				cancel(nil)
			}
		})
	}
	wg.Wait()
	q.mu.Lock()
	defer q.mu.Unlock()
	require.Nil(t, q.head)
	require.Nil(t, q.tail)
	assert.True(t, q.armed, "the timer stays armed for the next attempt")
}
