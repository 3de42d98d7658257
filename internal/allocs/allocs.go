// Package allocs counts what a function allocates, for tests that hold
// code to a budget of allocations and bytes: counts, unlike times, do not
// depend on the machine's load.
package allocs

import (
	"runtime"
	"testing"
)

// Least runs f runs times and returns the fewest allocations and bytes
// one run made (the first run also fills pools and caches). Under the race
// detector, which makes sync.Pool drop values at random, it skips the
// test: counts of pooled code would vary.
func Least(t testing.TB, runs int, f func()) (n, bytes uint64) {
	t.Helper()
	if raceEnabled {
		t.Skip("with -race, sync.Pool drops values at random")
	}
	n, bytes = ^uint64(0), ^uint64(0)
	for range runs {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		n = min(n, after.Mallocs-before.Mallocs)
		bytes = min(bytes, after.TotalAlloc-before.TotalAlloc)
	}
	return n, bytes
}
