package transport

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Many goroutines taking and giving never overdraw the bucket nor fill it
// past its size, and what was taken comes back.
func TestBudget_concurrentTakeAndGive(t *testing.T) {
	b := newBudget(50)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				if b.take(5) {
					assert.GreaterOrEqual(t, b.tokens.Load(), int64(0))
					b.give(5)
				}
				b.give(1) // a success on a full bucket changes nothing
				assert.LessOrEqual(t, b.tokens.Load(), int64(50))
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int64(50), b.tokens.Load())

	for b.take(5) {
	}
	assert.False(t, b.take(1), "empty: no retry")
	for range 49 {
		b.give(1)
	}
	assert.Equal(t, int64(49), b.tokens.Load())
	b.give(10)
	assert.Equal(t, int64(50), b.tokens.Load(), "given back up to the bucket's size")
	assert.True(t, (*budget)(nil).take(1000), "a nil budget is unlimited")
}
