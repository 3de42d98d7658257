// Package halves runs a job's two halves at once when a core is free, and
// one after the other when none is, at the cost of a goroutine either way.
// render/svg draws a big scene's groups, and render/raster compresses a
// PNG's rows, in two halves this way; each half's result must not depend
// on which goroutine made it, so that the bytes are the same on one core
// or two.
package halves

import "sync/atomic"

// TestHook, when set, runs in each of Do's goroutines just before it
// claims the second half (helper: the other goroutine; done closes when
// that one ends). Tests use it to make either goroutine run it.
var TestHook func(helper bool, done <-chan struct{})

// Do runs first on this goroutine and second on another, and returns when
// both have run. If this goroutine finishes first before the other has
// started (a busy machine, or every core drawing a map of its own), it
// runs second itself: halving then costs the hand-over only, never a wait
// for a goroutine that has yet to start.
func Do(first, second func()) {
	var (
		claimed atomic.Bool
		done    = make(chan struct{})
		hook    = TestHook
	)
	go func() {
		defer close(done)
		if hook != nil {
			hook(true, done)
		}
		if claimed.CompareAndSwap(false, true) {
			second()
		}
	}()
	first()
	if hook != nil {
		hook(false, done)
	}
	if claimed.CompareAndSwap(false, true) {
		second()
		return
	}
	<-done
}

// By makes Do's second half run on the helper goroutine ("helper") or on
// the calling one ("self") until the returned function is called: tests
// run both ways and compare. It must not be used by tests that run in
// parallel.
func By(who string) (undo func()) {
	release := make(chan struct{})
	saved := TestHook
	switch who {
	case "helper":
		TestHook = func(helper bool, done <-chan struct{}) {
			if !helper {
				<-done
			}
		}
	case "self":
		TestHook = func(helper bool, _ <-chan struct{}) {
			if helper {
				<-release
			}
		}
	default:
		panic("halves.By: " + who)
	}
	return func() {
		close(release)
		TestHook = saved
	}
}
