// Package benchkit holds what the packages' public-call benchmarks share.
package benchkit

import "testing"

// CPUPerOp reports allocations and, when the returned func runs, the
// process's CPU time per operation (client and loopback server alike, for
// both sides of a comparison) as "cpu-ns/op": on a loaded machine a
// steadier figure than wall time.
func CPUPerOp(b *testing.B) func() {
	b.ReportAllocs()
	start := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op") }
}
