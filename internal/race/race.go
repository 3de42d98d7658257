//go:build race

// Package race says whether the race detector is on. With it, sync.Pool
// drops a random share of what is put in it, so tests that count the
// allocations of pooled code skip.
package race

// Enabled is true when the race detector is on.
const Enabled = true
