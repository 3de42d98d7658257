package halves

import (
	"bytes"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// TestConcurrentDo: each half runs once, on the goroutine By asks for, and
// Do returns only once both have run. .ci/run runs it with -race too.
func TestConcurrentDo(t *testing.T) {
	for _, who := range []string{"", "helper", "self"} {
		for range 50 {
			var undo func()
			if who != "" {
				undo = By(who)
			}
			var calls [2]atomic.Int32
			var sameG [2]bool
			id := goroutineMark()
			Do(func() {
				calls[0].Add(1)
				sameG[0] = goroutineMark() == id
			}, func() {
				calls[1].Add(1)
				sameG[1] = goroutineMark() == id
			})
			if undo != nil {
				undo()
			}
			if calls[0].Load() != 1 || calls[1].Load() != 1 {
				t.Fatalf("%q: halves ran %d and %d times, want once each", who, calls[0].Load(), calls[1].Load())
			}
			if !sameG[0] {
				t.Fatalf("%q: the first half ran on another goroutine", who)
			}
			if who == "helper" && sameG[1] || who == "self" && !sameG[1] {
				t.Fatalf("%q: the second half ran on the calling goroutine: %v", who, sameG[1])
			}
		}
	}
}

// goroutineMark is the calling goroutine's header line from its stack
// trace ("goroutine 7 [running]:"), to tell goroutines apart in a test.
func goroutineMark() string {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	if i := bytes.IndexByte(buf, '['); i > 0 {
		return string(buf[:i])
	}
	return string(buf)
}

// TestWorking: while the goroutines Working marks take every core, Free
// is false and Do runs both halves itself.
func TestWorking(t *testing.T) {
	// Helpers that earlier tests held back may still be ending.
	for deadline := time.Now().Add(5 * time.Second); busy.Load() != 0 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	if !Free() {
		t.Fatal("no core free before any work")
	}
	var dones []func()
	for range runtime.GOMAXPROCS(0) {
		dones = append(dones, Working())
	}
	if Free() {
		t.Error("a core free while every other is working")
	}
	id := goroutineMark()
	var where string
	Do(func() {}, func() { where = goroutineMark() })
	if where != id {
		t.Error("the second half ran on another goroutine while no core was free")
	}
	for _, done := range dones {
		done()
	}
	if !Free() {
		t.Error("no core free once the work is done")
	}
}
