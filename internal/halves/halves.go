// Package halves runs a job's two halves at once when a core is free,
// and one after the other, on the calling goroutine, when none is.
// render/svg draws a big scene's groups, and render/raster draws a PNG's
// rows and compresses them, in two halves this way; each half's result
// must not depend on which goroutine made it, so that the bytes are the
// same on one core or two.
package halves

import (
	"runtime"
	"sync/atomic"
)

// TestHook, when set, runs in each of Do's goroutines just before it
// claims the second half (helper: the other goroutine; done closes when
// that one ends). Tests use it to make either goroutine run it.
var TestHook func(helper bool, done <-chan struct{})

// busy counts the goroutines that keep a core busy drawing: the
// goroutines Working marks, and Do's helpers while they run.
var busy atomic.Int32

// Working marks the calling goroutine as one that keeps a core busy (one
// of a batch's workers) until done is called, so that Do does not start
// helpers for cores that have none free, where they would only take
// turns with the workers, and so that jobs whose halves cost more than
// the whole (Free) are done whole.
func Working() (done func()) {
	busy.Add(1)
	return func() { busy.Add(-1) }
}

// Free reports whether a core is free for a helper now: Do would hand it
// its second half. A job whose halves cost more than the whole (a PNG's
// drawing, where each half prepares every shape that reaches it) asks
// before splitting; one whose result depends on the split (a PNG's
// compression) splits whatever the answer.
func Free() bool {
	// A batch's worker counts itself: the last one left may halve. A
	// caller that is no worker does not, and may halve while one helper
	// of another runs.
	return TestHook != nil || int(busy.Load()) < runtime.GOMAXPROCS(0)
}

// Do runs first on this goroutine and second on another, and returns when
// both have run. It runs both itself when no core is free for another
// (see Working), and when it finishes first before the other goroutine
// has started (a busy machine): halving then costs the hand-over only,
// never a wait for a goroutine that has yet to start.
func Do(first, second func()) {
	hook := TestHook
	if !Free() {
		first()
		second()
		return
	}
	var (
		claimed atomic.Bool
		done    = make(chan struct{})
	)
	busy.Add(1)
	go func() {
		defer busy.Add(-1)
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
