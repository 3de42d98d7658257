package parser

import (
	"sync"
	"testing"
)

// TestConcurrentParse parses in parallel (wardley render works on many
// maps at once): run with -race, it checks that the shared grammar and
// parsers hold no per-parse state.
func TestConcurrentParse(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, l := range trickyLines {
				f, diags := Parse("race.owm", []byte(l+"\n"))
				checkDiagRanges(t, f, diags)
			}
		}()
	}
	wg.Wait()
}
