package benchkit

import (
	"sync"
	"testing"
	"time"
)

// Paired measures two calls doing the same work, sdk and hand, each from
// goroutines goroutines at once, in one process and in alternating bursts
// (sdk, hand, hand, sdk, ...; each burst is every goroutine making burst
// calls), so that a change in the machine's load hits both sides alike.
// b.N is the number of calls per side. It reports the wall time per call
// of each side ("sdk-ns/op", "hand-ns/op"), their ratio ("sdk/hand") and
// the ratio of process CPU time ("cpu-sdk/hand"). A call that fails
// fails the benchmark.
//
// Both sides' connections stay open for the whole run, and the garbage
// collector's work falls on whichever side is running: what separate
// processes would keep apart. So does work a side leaves to goroutines of
// its own that finish after its calls return: a change that defers work
// that way (a goroutine per request that net/http wakes at its end) can
// look faster paired than alone, so check such a change in separate
// processes too. It is the steadier measure on a busy machine, where a
// 1 s run of one side alone moves by ±15%.
func Paired(b *testing.B, goroutines, burst int, sdk, hand func() error) {
	b.Helper()
	// run makes at least calls calls, the same number from each goroutine,
	// and says how many it made.
	run := func(call func() error, calls int) (made int, wall, cpu time.Duration, err error) {
		per := (calls + goroutines - 1) / goroutines
		var wg sync.WaitGroup
		var once sync.Once
		c0, t0 := cpuTime(), time.Now()
		for range goroutines {
			wg.Go(func() {
				for range per {
					if e := call(); e != nil {
						once.Do(func() { err = e })
						return
					}
				}
			})
		}
		wg.Wait()
		return per * goroutines, time.Since(t0), cpuTime() - c0, err
	}
	// Warm both sides up (connections, pools), untimed.
	for _, call := range []func() error{sdk, hand} {
		if _, _, _, err := run(call, goroutines); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	var wall, cpu [2]time.Duration
	var made [2]int
	for round := 0; made[0] < b.N; round++ {
		n := min(goroutines*burst, b.N-made[0])
		for i := range 2 {
			side := (i + round) % 2 // sdk first in even rounds, hand first in odd
			call := sdk
			if side == 1 {
				call = hand
			}
			m, w, c, err := run(call, n)
			if err != nil {
				b.Fatal(err)
			}
			made[side] += m
			wall[side] += w
			cpu[side] += c
		}
	}
	b.StopTimer()
	sdkPer, handPer := float64(wall[0])/float64(made[0]), float64(wall[1])/float64(made[1])
	b.ReportMetric(sdkPer, "sdk-ns/op")
	b.ReportMetric(handPer, "hand-ns/op")
	b.ReportMetric(sdkPer/handPer, "sdk/hand")
	if cpu[0] > 0 && cpu[1] > 0 {
		b.ReportMetric(float64(cpu[0])/float64(made[0])/(float64(cpu[1])/float64(made[1])), "cpu-sdk/hand")
	}
}
