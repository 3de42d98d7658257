package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/spf13/pflag"

	"github.com/wardley-maps/wardley"
	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/internal/halves"
)

// batchOptions are the flags of `wardley render` that concern many maps:
// where the images go, checking instead of writing, how many maps are
// drawn at once, and what is reported.
type batchOptions struct {
	outDir      string
	check       bool
	quiet       bool
	jobs        int
	diagnostics string
}

func (b *batchOptions) addFlags(f *pflag.FlagSet) {
	f.StringVar(&b.outDir, "out-dir", "", "write the images under `DIR`, keeping the tree below each directory argument")
	f.BoolVar(&b.check, "check", false, "write nothing; exit 1 if an image is missing or differs from what its map gives (for CI)")
	f.BoolVarP(&b.quiet, "quiet", "q", false, "no progress line and no summary; only problems are reported")
	f.IntVarP(&b.jobs, "jobs", "j", 0, "draw `N` maps at once (default: one per core)")
	f.StringVar(&b.diagnostics, "diagnostics", "", "report problems as `FORMAT`: text, or github (workflow annotations; the default when GITHUB_ACTIONS=true)")
}

// validate checks the batch flags against the rest of the command line.
func (b *batchOptions) validate(env *Env, output string) error {
	switch b.diagnostics {
	case "":
		b.diagnostics = "text"
		if env.Getenv("GITHUB_ACTIONS") == "true" {
			b.diagnostics = "github"
		}
	case "text", "github":
	default:
		return usagef("unknown diagnostics format %q (formats: text, github)", b.diagnostics)
	}
	if b.outDir != "" && output != "" {
		return usagef("-o and --out-dir do not go together")
	}
	if b.check && output == "-" {
		return usagef("--check compares images with files: -o - writes none")
	}
	if b.jobs < 0 {
		return usagef("--jobs must be positive")
	}
	return nil
}

// place moves an image path under --out-dir: below it, the tree under the
// directory argument the map was found in; a map named directly goes to
// the top of the directory.
func (b *batchOptions) place(in input, image string) string {
	if b.outDir == "" || image == "-" {
		return image
	}
	rel := filepath.Base(image)
	if in.Root != "" {
		if r, err := filepath.Rel(in.Root, image); err == nil && !strings.HasPrefix(r, "..") {
			rel = r
		}
	}
	return filepath.Join(b.outDir, rel)
}

// job is one map of a batch and the image it gives.
type job struct {
	in  input
	out string // the image's path, or "-" for standard output
}

// outcome is what happened to one map.
type outcome int

const (
	rendered  outcome = iota // the image was written
	unchanged                // the image already had these bytes: not rewritten
	failed                   // the map has errors, or reading or writing failed
	fresh                    // --check: the image is up to date
	stale                    // --check: the image differs from what the map gives
	missing                  // --check: there is no image
)

// result is a finished job: its outcome, what it has to say on stderr, and
// for standard output the image. Results are printed in input order,
// whatever order the jobs finish in, so that a batch's output is the same
// on every run.
type result struct {
	outcome  outcome
	stderr   []byte
	stdout   []byte
	internal bool // a bug in wardley (a recovered panic)
}

// errInternal makes Main exit with exitInternal after a batch in which a
// map hit a bug (already reported).
var errInternal = errors.New("internal error")

// renderBatch draws every job, env.Workers (or --jobs) at a time, and
// reports: each map's diagnostics, the stale or missing images of a check,
// a progress line on a terminal, a summary for a batch.
func renderBatch(env *Env, b batchOptions, jobs []job, f wardley.Format, opts wardley.Options, batch bool) error {
	if err := checkDistinct(jobs); err != nil {
		return err
	}
	paths := make([]string, len(jobs))
	for i, j := range jobs {
		paths[i] = j.in.Path
	}
	ins := statInputs(paths...)
	for _, j := range jobs {
		if err := overwritesInput(j.out, ins); err != nil {
			return err
		}
	}
	if b.check {
		for _, j := range jobs {
			if j.out == "-" {
				return usagef("--check compares images with files: %s has none (use -o FILE)", j.in.Name())
			}
		}
	}
	workers := b.jobs
	if workers == 0 {
		workers = env.Workers
	}
	workers = max(1, min(workers, len(jobs)))
	if len(jobs) > 1 {
		defer batchGC(env)()
	}
	var p *progress
	if batch && !b.quiet && env.StderrTTY && len(jobs) > 1 {
		p = &progress{w: env.Stderr, total: len(jobs), verb: map[bool]string{true: "checked", false: "rendered"}[b.check]}
	}
	var counts [missing + 1]int
	internal := false
	var outErr error
	if !b.check {
		// Writes files: one signal handler for the whole batch.
		defer holdTemps()()
	}
	runJobs(len(jobs), workers, func(i int) result {
		return renderJob(env, b, jobs[i], f, opts)
	}, func(i int, r result) {
		p.clear()
		counts[r.outcome]++
		internal = internal || r.internal
		env.Stderr.Write(r.stderr)
		if len(r.stdout) > 0 && outErr == nil {
			if _, err := env.Stdout.Write(r.stdout); err != nil {
				outErr = fmt.Errorf("writing standard output: %w", err)
			}
		}
		p.done()
	})
	p.clear()
	if batch && !b.quiet {
		if b.check {
			fmt.Fprintf(env.Stderr, "up to date %d, stale %d, missing %d, failed %d\n", counts[fresh], counts[stale], counts[missing], counts[failed])
		} else {
			fmt.Fprintf(env.Stderr, "rendered %d, unchanged %d, failed %d\n", counts[rendered], counts[unchanged], counts[failed])
		}
	}
	switch {
	case internal:
		return errInternal
	case outErr != nil:
		return outErr
	case counts[failed]+counts[stale]+counts[missing] > 0:
		return errFailed
	}
	return nil
}

// batchGC gives the garbage collector more headroom for a batch, and
// returns what puts it back. Drawing a map allocates a few megabytes that
// die at once; with Go's default (GOGC=100) and a heap that small, the
// collector runs every few maps, and on two cores the workers spend their
// time waiting on it. More headroom is not free either: every page the
// heap grows by is a page fault, dear on a virtual machine. Twice the
// headroom is the best of 100, 150, 200, 300, 400 and 800 measured on the
// corpus (bench/batch.sh's five cases; 200 against the 400 used before:
// 148 against 168 ms for --check -j 1, 177 against 192 ms writing with two
// workers, --check with two workers equal). A soft memory limit keeps a
// batch of huge maps in bounds. A GOGC or GOMEMLIMIT set by the user wins.
func batchGC(env *Env) (restore func()) {
	if env.Getenv("GOGC") != "" || env.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	gc := debug.SetGCPercent(200)
	limit := debug.SetMemoryLimit(1 << 30)
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}
}

// checkDistinct refuses a batch in which two maps would draw the same
// image (map.owm beside map.wm, or two files named alike given to
// --out-dir): one would silently replace the other.
func checkDistinct(jobs []job) error {
	seen := map[string]string{}
	for _, j := range jobs {
		if j.out == "-" {
			continue
		}
		key := filepath.Clean(j.out)
		if prev, ok := seen[key]; ok {
			return usagef("%s and %s would both be drawn to %s", prev, j.in.Name(), j.out)
		}
		seen[key] = j.in.Name()
	}
	return nil
}

// runJobs calls do(i) for i in [0, n) on workers goroutines, and emit(i,
// result) in the order of i, one call at a time, each as soon as it and
// all before it are done. The worker that completes the next result to
// emit emits it, with every later one already done: handing each result to
// another goroutine cost two thread wake-ups a map, which on a virtual
// machine weighed as much as drawing a small map. One worker runs
// everything on the calling goroutine.
func runJobs(n, workers int, do func(int) result, emit func(int, result)) {
	if workers <= 1 {
		for i := range n {
			emit(i, safely(func() result { return do(i) }))
		}
		return
	}
	var (
		claimed atomic.Int64 // the next job to start
		mu      sync.Mutex   // guards results, ready, next, emit and panicked
		results = make([]result, n)
		ready   = make([]bool, n)
		next    = 0
		// panicked is a panic of emit (a bug in wardley), raised again
		// on the calling goroutine, where Main reports it: a panic on
		// a worker would end the process with a stack trace.
		panicked any
		wg       sync.WaitGroup
	)
	emitReady := func() {
		defer func() {
			if v := recover(); v != nil {
				panicked = v
			}
		}()
		for next < n && ready[next] {
			emit(next, results[next])
			results[next] = result{}
			next++
		}
	}
	work := func() {
		// Each worker keeps a core busy: a map's halves are then drawn
		// one after the other (halves.Do) rather than compete with the
		// other workers.
		defer halves.Working()()
		for {
			i := int(claimed.Add(1) - 1)
			if i >= n {
				return
			}
			r := safely(func() result { return do(i) })
			mu.Lock()
			results[i], ready[i] = r, true
			if panicked == nil {
				emitReady()
			}
			mu.Unlock()
		}
	}
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}

// safely runs do, turning a panic (a bug in wardley) into a failed result
// that says so, as Main does for the main goroutine: one bad map must not
// take the batch down with a stack trace.
func safely(do func() result) (r result) {
	defer func() {
		if v := recover(); v != nil {
			var b bytes.Buffer
			reportInternal(&b, v, os.Getenv("WARDLEY_DEBUG") != "")
			r = result{outcome: failed, stderr: append(r.stderr, b.Bytes()...), internal: true}
		}
	}()
	return do()
}

// renderJob draws one map and writes its image, or with --check compares
// it with the image on disk.
func renderJob(env *Env, b batchOptions, j job, f wardley.Format, opts wardley.Options) result {
	var stderr bytes.Buffer
	img, ok := renderMap(env, j.in, f, opts, &stderr, b.diagnostics)
	r := result{outcome: failed}
	switch {
	case !ok:
	case b.check:
		r.outcome = checkImage(&stderr, b.diagnostics, j, img)
	case j.out == "-":
		r.outcome, r.stdout = rendered, img
	default:
		r.outcome = writeImage(&stderr, j.out, img)
	}
	r.stderr = stderr.Bytes()
	return r
}

// sameFile reports whether path is a regular file holding exactly data.
// Anything else (a device, a named pipe) is not read: reading /dev/stdout
// or a pipe would wait for input that never comes.
func sameFile(path string, data []byte) bool {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(path)
	return err == nil && bytes.Equal(old, data)
}

// writeImage writes an image unless the file already holds exactly these
// bytes: then it is left alone, modification time included, so that
// build tools and git see nothing new.
func writeImage(stderr io.Writer, path string, img []byte) outcome {
	if sameFile(path, img) {
		return unchanged
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fmt.Fprintf(stderr, "wardley: %v\n", err)
			return failed
		}
	}
	if err := writeFileAtomic(path, img); err != nil {
		fmt.Fprintf(stderr, "wardley: %v\n", err)
		return failed
	}
	return rendered
}

// checkImage compares the image a map gives with the file that `wardley
// render` would write, and says what is wrong.
func checkImage(stderr io.Writer, diagnostics string, j job, img []byte) outcome {
	if st, err := os.Stat(j.out); err == nil && !st.Mode().IsRegular() {
		// Nothing to compare with: a pipe would wait for input forever.
		fmt.Fprintf(stderr, "wardley: %s: not a regular file: --check compares images on disk\n", j.out)
		return failed
	}
	old, err := os.ReadFile(j.out)
	var what string
	o := fresh
	switch {
	case errors.Is(err, fs.ErrNotExist):
		o, what = missing, "missing"
	case err != nil:
		fmt.Fprintf(stderr, "wardley: %v\n", err)
		return failed
	case !bytes.Equal(old, img):
		o, what = stale, "stale"
	default:
		return fresh
	}
	checkProblem(stderr, diagnostics, what, j.out, j.in.Name(), 0)
	return o
}

// checkProblem reports an image (or a file of links) that a check found
// missing or stale: as "stale: FILE (from SOURCE:LINE)", or as a GitHub
// annotation on the source that says how to bring it up to date.
func checkProblem(w io.Writer, diagnostics, what, file, source string, line int) {
	at := source
	if line > 0 {
		at = fmt.Sprintf("%s:%d", source, line)
	}
	if diagnostics != "github" {
		fmt.Fprintf(w, "%s: %s (from %s)\n", what, file, at)
		return
	}
	props := "file=" + ghProperty(source)
	if line > 0 {
		props += fmt.Sprintf(",line=%d", line)
	}
	state := map[string]string{"stale": "out of date", "missing": "missing"}[what]
	msg := fmt.Sprintf("%s is %s: run the same command without --check, and commit the result", file, state)
	fmt.Fprintf(w, "::error %s,title=%s image::%s\n", props, what, ghData(msg))
}

var (
	ghDataEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghPropEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func ghData(s string) string     { return ghDataEscaper.Replace(s) }
func ghProperty(s string) string { return ghPropEscaper.Replace(s) }

// writeDiagnostics writes a map's diagnostics as text (file:line:col, the
// source line and a caret) or as GitHub workflow annotations.
func writeDiagnostics(w io.Writer, env *Env, name string, src []byte, list diag.List, format string) {
	if len(list) == 0 {
		return
	}
	r := diag.Report{File: diag.NewFile(name, src), List: list}
	if format == "github" {
		_ = diag.WriteGitHub(w, []diag.Report{r})
		return
	}
	_ = diag.WriteText(w, r, diag.TextOptions{Color: env.color()})
}

// progress is the line a batch keeps up to date on a terminal:
// "rendered 37/144". It is erased before anything else is printed, and at
// the end.
type progress struct {
	w        io.Writer
	total, n int
	verb     string
	shown    bool
}

func (p *progress) done() {
	if p == nil {
		return
	}
	p.n++
	if p.n < p.total {
		fmt.Fprintf(p.w, "\r%s %d/%d", p.verb, p.n, p.total)
		p.shown = true
	}
}

func (p *progress) clear() {
	if p == nil || !p.shown {
		return
	}
	// Back to the start of the line, and erase it.
	fmt.Fprint(p.w, "\r\x1b[K")
	p.shown = false
}
