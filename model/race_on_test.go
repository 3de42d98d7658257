//go:build race

package model

// raceOn: the race detector is on, and sync.Pool drops a random share of
// what is put in it, so allocation counts of pooled code vary.
const raceOn = true
