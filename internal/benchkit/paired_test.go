package benchkit

import (
	"errors"
	"sync/atomic"
	"testing"
)

func TestPaired_callsEachSideAlikeAndReportsTheRatio(t *testing.T) {
	var sdk, hand atomic.Int64
	r := testing.Benchmark(func(b *testing.B) {
		sdk.Store(0)
		hand.Store(0)
		Paired(b, 4, 3,
			func() error { sdk.Add(1); return nil },
			func() error { hand.Add(1); return nil })
	})
	if r.N == 0 {
		t.Fatal("the benchmark failed")
	}
	// The warm-up makes one call per goroutine; the bursts at least N.
	if got := sdk.Load(); got < int64(r.N)+4 || got != hand.Load() {
		t.Errorf("calls: sdk %d, hand %d, N %d", got, hand.Load(), r.N)
	}
	for _, unit := range []string{"sdk-ns/op", "hand-ns/op", "sdk/hand"} {
		if v, ok := r.Extra[unit]; !ok || v <= 0 {
			t.Errorf("%s: %v, %v", unit, v, ok)
		}
	}
	if ratio := r.Extra["sdk/hand"]; ratio != r.Extra["sdk-ns/op"]/r.Extra["hand-ns/op"] {
		t.Errorf("sdk/hand %v is not the ratio of the two times", ratio)
	}
}

func TestPaired_aFailingCallFailsTheBenchmark(t *testing.T) {
	r := testing.Benchmark(func(b *testing.B) {
		Paired(b, 2, 1, func() error { return nil }, func() error { return errors.New("boom") })
	})
	if r.N != 0 {
		t.Errorf("a failing call still gave a result: %+v", r)
	}
}
