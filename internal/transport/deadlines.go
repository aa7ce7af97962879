package transport

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// deadlines ends the attempts of a client that outlive one duration, with
// one runtime timer for all of them instead of one each. Every attempt in
// a deadlines waits the same duration, so the queue is in deadline order:
// an attempt joins at the back, and the timer waits for the front.
//
// The timer is left running when the queue empties: the next attempt
// finds it armed for an earlier time and needs no timer operation, and
// when it fires it re-arms for the front of the queue, if any. A call
// then costs a lock and two pointer updates. A timer of its own per
// attempt (context.WithTimeout) costs a timer heap operation to start and
// another to stop, and in a process with no other timer each start wakes
// the network poller: on BenchmarkGet that was 5% of a call.
type deadlines struct {
	d     time.Duration
	cause error // the cancelled attempts' cause; matches context.DeadlineExceeded

	mu         sync.Mutex
	head, tail *waiter
	timer      *time.Timer
	armed      bool // the timer will fire at or before the head's deadline
}

func newDeadlines(d time.Duration, cause error) *deadlines {
	return &deadlines{d: d, cause: cause}
}

// waiter is one attempt in a deadlines queue.
type waiter struct {
	prev, next *waiter
	at         time.Time // the deadline
	queued     bool
	cancel     context.CancelCauseFunc
	fired      atomic.Bool // the deadline passed and cancel was called
}

// add queues w, which cancel ends when d has passed since now (the
// caller's clock reading, one for all the queues an attempt joins). An
// attempt whose clock was read before the one queued last gets the later
// deadline of the two, so the queue stays in order: at most a few
// microseconds late, never early.
func (q *deadlines) add(w *waiter, cancel context.CancelCauseFunc, now time.Time) {
	w.cancel = cancel
	w.at = now.Add(q.d)
	q.mu.Lock()
	if q.tail != nil && w.at.Before(q.tail.at) {
		w.at = q.tail.at
	}
	w.prev, w.next, w.queued = q.tail, nil, true
	if q.tail != nil {
		q.tail.next = w
	} else {
		q.head = w
	}
	q.tail = w
	if !q.armed {
		q.armed = true
		if q.timer == nil {
			q.timer = time.AfterFunc(q.d, q.fire)
		} else {
			q.timer.Reset(q.d)
		}
	}
	q.mu.Unlock()
}

// remove takes w out of the queue, if it is still there.
func (q *deadlines) remove(w *waiter) {
	q.mu.Lock()
	if w.queued {
		q.unlink(w)
	}
	q.mu.Unlock()
}

func (q *deadlines) unlink(w *waiter) {
	if w.prev != nil {
		w.prev.next = w.next
	} else {
		q.head = w.next
	}
	if w.next != nil {
		w.next.prev = w.prev
	} else {
		q.tail = w.prev
	}
	w.prev, w.next, w.queued = nil, nil, false
}

// fire cancels every attempt whose deadline has passed and re-arms the
// timer for the next one.
func (q *deadlines) fire() {
	var due []*waiter
	q.mu.Lock()
	now := time.Now()
	for w := q.head; w != nil && !w.at.After(now); w = q.head {
		q.unlink(w)
		due = append(due, w)
	}
	if q.head != nil {
		q.timer.Reset(q.head.at.Sub(now))
	} else {
		q.armed = false
	}
	q.mu.Unlock()
	for _, w := range due {
		w.fired.Store(true)
		w.cancel(q.cause)
	}
}

// timeoutCause is the error an attempt's context is cancelled with when
// one of its deadlines passes.
func timeoutCause(format string, d time.Duration) error {
	return fmt.Errorf(format+": %w", d, context.DeadlineExceeded)
}
