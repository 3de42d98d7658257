package filewatch

import (
	"context"
	"time"
)

// Debounce turns bursts of events on in into single signals: the returned
// channel receives once quiet has passed without a new event, or once
// maxWait has passed since the burst's first event (0: no limit), so that a
// file rewritten continuously still refreshes. after is time.After in
// production; tests pass a fake clock.
//
// The output holds at most one pending signal: bursts that arrive while the
// receiver is busy collapse into one, which is what a reload wants (it reads
// the latest content anyway). The output is closed when ctx is done, or
// when in is closed (after signalling a pending burst).
func Debounce[T any](ctx context.Context, in <-chan T, quiet, maxWait time.Duration, after func(time.Duration) <-chan time.Time) <-chan struct{} {
	out := make(chan struct{}, 1)
	go func() {
		defer close(out)
		// A fresh timer channel per event, rather than one reset timer:
		// a superseded deadline can then never fire, as nothing selects on
		// its channel any more.
		var quietC, maxC <-chan time.Time
		fire := func() {
			quietC, maxC = nil, nil
			select {
			case out <- struct{}{}:
			default: // a signal is already pending; it covers this burst
			}
		}
		for {
			select {
			case <-ctx.Done():
				return
			case _, ok := <-in:
				if !ok {
					if quietC != nil {
						fire()
					}
					return
				}
				quietC = after(quiet)
				if maxC == nil && maxWait > 0 {
					maxC = after(maxWait)
				}
			case <-quietC:
				fire()
			case <-maxC:
				fire()
			}
		}
	}()
	return out
}
