package filewatch

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// failAfter bounds every wait of these tests: a failure, not a timing
// assumption (nothing here waits for the wall clock to pass).
const failAfter = 10 * time.Second

// fakeClock hands out timer channels that fire only when the test says so.
type fakeClock struct {
	t     *testing.T
	calls chan timer
}

type timer struct {
	d  time.Duration
	ch chan time.Time
}

func newFakeClock(t *testing.T) *fakeClock {
	return &fakeClock{t: t, calls: make(chan timer, 64)}
}

func (c *fakeClock) after(d time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	c.calls <- timer{d, ch}
	return ch
}

// next returns the next timer the debouncer asked for.
func (c *fakeClock) next() timer {
	c.t.Helper()
	select {
	case tm := <-c.calls:
		return tm
	case <-time.After(failAfter):
		c.t.Fatal("the debouncer asked for no timer")
	}
	return timer{}
}

func (tm timer) fire() { tm.ch <- time.Time{} }

func send(t *testing.T, in chan<- int, v int) {
	t.Helper()
	select {
	case in <- v:
	case <-time.After(failAfter):
		t.Fatal("the debouncer does not read its input")
	}
}

func receive(t *testing.T, out <-chan struct{}) {
	t.Helper()
	select {
	case _, ok := <-out:
		if !ok {
			t.Fatal("output closed, want a signal")
		}
	case <-time.After(failAfter):
		t.Fatal("no signal")
	}
}

func TestDebounceOneSignalPerBurst(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock := newFakeClock(t)
	in := make(chan int)
	out := Debounce(ctx, in, 75*time.Millisecond, time.Second, clock.after)

	send(t, in, 1)
	q1, max := clock.next(), clock.next()
	if q1.d != 75*time.Millisecond || max.d != time.Second {
		t.Fatalf("timers %v, %v; want the quiet period then the limit", q1.d, max.d)
	}
	send(t, in, 2)
	q2 := clock.next()
	send(t, in, 3)
	q3 := clock.next()

	// Deadlines superseded by a later event must not fire a reload.
	q1.fire()
	q2.fire()
	send(t, in, 4) // the debouncer has looked at its channels since
	q4 := clock.next()
	if len(out) != 0 {
		t.Fatal("a superseded quiet period signalled")
	}
	_ = q3

	q4.fire()
	receive(t, out)
	if len(out) != 0 {
		t.Fatal("one burst signalled twice")
	}

	// The limit of the finished burst is forgotten: a new burst asks for a
	// new one, and the old one firing does nothing.
	max.fire()
	send(t, in, 5)
	q5, max2 := clock.next(), clock.next()
	if max2.d != time.Second {
		t.Fatalf("new burst: want a new limit, got a %v timer", max2.d)
	}
	if len(out) != 0 {
		t.Fatal("the previous burst's limit signalled")
	}
	q5.fire()
	receive(t, out)
}

func TestDebounceMaxWaitUnderContinuousEvents(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock := newFakeClock(t)
	in := make(chan int)
	out := Debounce(ctx, in, 75*time.Millisecond, 500*time.Millisecond, clock.after)

	send(t, in, 0)
	clock.next()
	max := clock.next()
	for i := 1; i < 20; i++ { // a writer that never pauses long enough
		send(t, in, i)
		clock.next()
	}
	max.fire()
	receive(t, out)

	// The next event starts a new burst with its own limit.
	send(t, in, 99)
	clock.next()
	if tm := clock.next(); tm.d != 500*time.Millisecond {
		t.Fatalf("want a new limit, got a %v timer", tm.d)
	}
}

func TestDebounceCoalescesWhileTheReceiverIsBusy(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock := newFakeClock(t)
	in := make(chan int)
	out := Debounce(ctx, in, time.Millisecond, 0, clock.after)

	for i := 0; i < 3; i++ { // three bursts, nobody reading
		send(t, in, i)
		clock.next().fire() // no limit timer when maxWait is 0
	}
	send(t, in, 9) // the third signal has been handled once this is read
	clock.next()
	receive(t, out)
	if len(out) != 0 {
		t.Fatal("bursts seen while the receiver was busy must collapse into one signal")
	}
}

func TestDebounceCloses(t *testing.T) {
	t.Run("input closed with a pending burst", func(t *testing.T) {
		clock := newFakeClock(t)
		in := make(chan int)
		out := Debounce(context.Background(), in, time.Millisecond, 0, clock.after)
		send(t, in, 1)
		clock.next()
		close(in)
		receive(t, out)
		if _, ok := <-out; ok {
			t.Fatal("output not closed")
		}
	})
	t.Run("context cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		out := Debounce(ctx, make(chan int), time.Millisecond, 0, newFakeClock(t).after)
		cancel()
		select {
		case _, ok := <-out:
			if ok {
				t.Fatal("a signal without events")
			}
		case <-time.After(failAfter):
			t.Fatal("output not closed after cancel")
		}
	})
}

func TestDebounceRealClock(t *testing.T) {
	// With time.After: a burst yields a signal (no assertion on timing).
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in := make(chan int)
	out := Debounce(ctx, in, 20*time.Millisecond, time.Second, time.After)
	for i := 0; i < 5; i++ {
		send(t, in, i)
	}
	receive(t, out)
}

func TestFilter(t *testing.T) {
	dir := filepath.Join("/home", "me", "maps")
	f := NewFilter(filepath.Join(dir, "tea.owm"), filepath.Join("/srv", "real", "tea.owm"))
	match := []string{
		filepath.Join(dir, "tea.owm"),
		dir + "/./tea.owm",
		filepath.Join("/srv", "real", "tea.owm"),
	}
	for _, p := range match {
		if !f.Match(p) {
			t.Errorf("Match(%q) = false", p)
		}
	}
	ignore := []string{
		"tea.owm~", ".tea.owm.swp", ".tea.owm.swx", ".#tea.owm", "4913", "tea.owm.tmp",
		".tea.owm.tmp-123456", "tea.owm___jb_tmp___", "tea.owm___jb_old___", "tea.owm.orig",
		"tea.owmx", "other.owm", "",
	}
	for _, name := range ignore {
		if p := filepath.Join(dir, name); f.Match(p) {
			t.Errorf("Match(%q) = true", p)
		}
	}
	if f.Match(filepath.Join("/elsewhere", "tea.owm")) {
		t.Error("a file of the same name in another directory matched")
	}
}
