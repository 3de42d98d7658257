package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wardley-maps/wardley/internal/testshared"
)

// batchEnv is an in-process environment with captured streams.
func batchEnv(stderrTTY bool, workers int) (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv:    func(k string) string { return map[string]string{"NO_COLOR": "1"}[k] },
		StderrTTY: stderrTTY, Workers: workers,
	}, &out, &errb
}

func writeMaps(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		src := fmt.Sprintf("title Map %d\ncomponent A%d [0.5, 0.%d]\n", i, i, i+1)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("m%02d.owm", i)), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestProgress: on a terminal a batch keeps a progress line up to date
// with carriage returns and erases it before the summary; -q and a
// non-terminal stderr get none.
func TestProgress(t *testing.T) {
	dir := writeMaps(t, 5)
	env, _, stderr := batchEnv(true, 2)
	if code := Main(env, []string{"render", dir}); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	s := stderr.String()
	for _, want := range []string{"\rrendered 1/5", "\rrendered 4/5", "\r\x1b[K"} {
		if !strings.Contains(s, want) {
			t.Errorf("stderr lacks %q: %q", want, s)
		}
	}
	if !strings.HasSuffix(s, "\r\x1b[Krendered 0, unchanged 5, failed 0\n") && !strings.HasSuffix(s, "\r\x1b[Krendered 5, unchanged 0, failed 0\n") {
		t.Errorf("the progress line is not erased before the summary: %q", s)
	}
	for _, args := range [][]string{{"render", "-q", dir}, {"render", dir}} {
		env, _, stderr := batchEnv(args[1] != "-q", 2)
		if args[1] != "-q" {
			env.StderrTTY = false
		}
		Main(env, args)
		if strings.Contains(stderr.String(), "\r") {
			t.Errorf("%v: progress line where there should be none: %q", args, stderr)
		}
	}
}

// TestBatchOrder: whatever order the workers finish in, the diagnostics
// come out in input order, the same on every run.
func TestBatchOrder(t *testing.T) {
	dir := t.TempDir()
	for i := range 12 {
		src := fmt.Sprintf("title Map %d\ncomponnet A [0.5, 0.5]\n", i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("m%02d.owm", i)), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var first string
	for run := range 5 {
		env, _, stderr := batchEnv(false, 4)
		if code := Main(env, []string{"render", dir}); code != 1 {
			t.Fatalf("exit %d, want 1", code)
		}
		s := stderr.String()
		last := -1
		for i := range 12 {
			k := strings.Index(s, fmt.Sprintf("m%02d.owm:2:1", i))
			if k < last {
				t.Fatalf("m%02d reported out of order:\n%s", i, s)
			}
			last = k
		}
		if run == 0 {
			first = s
		} else if s != first {
			t.Fatalf("run %d printed something else", run)
		}
	}
}

// TestSafely: a panic while drawing one map becomes that map's failure,
// reported as a bug, and the batch exits with the internal-error code.
func TestSafely(t *testing.T) {
	r := safely(func() result { panic("boom") })
	if r.outcome != failed || !r.internal || !strings.Contains(string(r.stderr), "internal error: boom") {
		t.Errorf("got %+v", r)
	}
	var emitted []int
	runJobs(4, 2, func(i int) result {
		if i == 2 {
			panic("boom")
		}
		return result{outcome: rendered}
	}, func(i int, r result) {
		emitted = append(emitted, i)
		if (i == 2) != r.internal {
			t.Errorf("job %d: %+v", i, r)
		}
	})
	if fmt.Sprint(emitted) != "[0 1 2 3]" {
		t.Errorf("emitted %v", emitted)
	}
}

// TestRunJobs: whatever the number of workers and however long each job
// takes, every result is emitted once, in order, one emit at a time.
func TestRunJobs(t *testing.T) {
	for _, workers := range []int{1, 2, 3, 8} {
		for _, n := range []int{0, 1, 5, 60} {
			var inEmit atomic.Int32
			next := 0
			runJobs(n, workers, func(i int) result {
				time.Sleep(time.Duration((n-i)%4) * 50 * time.Microsecond)
				return result{stderr: []byte{byte(i)}}
			}, func(i int, r result) {
				if inEmit.Add(1) != 1 {
					t.Errorf("workers=%d n=%d: two emits at once", workers, n)
				}
				if i != next || len(r.stderr) != 1 || int(r.stderr[0]) != i {
					t.Errorf("workers=%d n=%d: emitted %d (result %v), want %d", workers, n, i, r.stderr, next)
				}
				next++
				inEmit.Add(-1)
			})
			if next != n {
				t.Errorf("workers=%d n=%d: %d emitted", workers, n, next)
			}
		}
	}
}

// TestRunJobsEmitPanic: a panic while emitting a result (a bug in
// wardley) comes out on the calling goroutine, where Main turns it into an
// internal error, whichever goroutine emitted.
func TestRunJobsEmitPanic(t *testing.T) {
	for _, workers := range []int{1, 2, 4} {
		func() {
			defer func() {
				if v := recover(); v != "emit" {
					t.Errorf("workers=%d: recovered %v, want the panic of emit", workers, v)
				}
			}()
			runJobs(20, workers, func(int) result { return result{} }, func(i int, _ result) {
				if i == 3 {
					panic("emit")
				}
			})
		}()
	}
}

// TestBatchSignalHandler: a batch that writes images keeps one handler
// for SIGINT and SIGTERM while it runs, and leaves the signals as they
// were when it ends.
func TestBatchSignalHandler(t *testing.T) {
	dir := writeMaps(t, 4)
	defer func() { beforeRender = nil }()
	for _, workers := range []int{1, 2} {
		// While a map is drawn, before its image is written, the handler
		// is there already: the batch holds it.
		unheld := 0
		beforeRender = func([]byte) {
			temps.Lock()
			defer temps.Unlock()
			if temps.sig == nil || temps.hold != 1 {
				unheld++
			}
		}
		env, _, _ := batchEnv(false, workers)
		if code, stderr := runMain(t, env, "render", dir); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if unheld > 0 {
			t.Errorf("workers=%d: %d maps drawn without the batch's handler", workers, unheld)
		}
		temps.Lock()
		sig, hold, files := temps.sig, temps.hold, len(temps.files)
		temps.Unlock()
		if sig != nil || hold != 0 || files != 0 {
			t.Errorf("workers=%d: after the batch, handler %v, holds %d, temporary files %d", workers, sig != nil, hold, files)
		}
	}
	release := holdTemps()
	temps.Lock()
	installed := temps.sig != nil
	temps.Unlock()
	trackTemp("x")
	untrackTemp("x")
	temps.Lock()
	kept := temps.sig != nil
	temps.Unlock()
	release()
	if !installed || !kept || temps.sig != nil {
		t.Errorf("held: installed %v, kept past a file %v, removed on release %v", installed, kept, temps.sig == nil)
	}
}

// BenchmarkCorpus draws the whole corpus as one batch, one worker and two:
//
//	go test ./cmd/wardley -run XXX -bench Corpus -benchtime 5x
func BenchmarkCorpus(b *testing.B) {
	shared := testshared.Dir(b)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			dir := b.TempDir()
			files, _ := filepath.Glob(filepath.Join(shared, "corpus", "*.owm"))
			for _, f := range files {
				src, _ := os.ReadFile(f)
				os.WriteFile(filepath.Join(dir, filepath.Base(f)), src, 0o644)
			}
			for b.Loop() {
				env, _, _ := batchEnv(false, workers)
				// --check draws every map and writes nothing, so that each
				// iteration does the same work.
				Main(env, []string{"render", "--check", "-q", dir})
			}
		})
	}
}
