package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wardley-maps/wardley/internal/safetest"
)

const teaMap = "title Tea\ncomponent Tea [0.8, 0.5]\ncomponent Cup [0.6, 0.7]\nTea->Cup\n"

// runMain runs wardley in-process and returns its exit code and stderr.
func runMain(t *testing.T, env *Env, args ...string) (int, string) {
	t.Helper()
	errb := env.Stderr.(*bytes.Buffer)
	errb.Reset()
	return Main(env, args), errb.String()
}

// noTemps fails if dir holds a temporary file of writeFileAtomic.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// TestInputLimit: inputs over --max-input (16 MiB by default) are refused
// before they are read, with the size, the limit and the flag to raise it;
// the flag raises it, from any command.
func TestInputLimit(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.owm")
	f, err := os.Create(big)
	must(t, err)
	// Sparse: 20 MiB on paper, nothing on disk.
	must(t, f.Truncate(20<<20))
	f.Close()
	env, _, _ := batchEnv(false, 1)
	for _, cmd := range [][]string{{"check"}, {"render", "-o", filepath.Join(dir, "big.svg")}, {"export"}, {"fmt"}, {"outline"}, {"diff", big}} {
		code, stderr := runMain(t, env, append(cmd, big)...)
		want := big + ": the map is 20 MiB, more than the limit of 16 MiB (--max-input to raise it)"
		if code != exitFailed || !strings.Contains(stderr, want) {
			t.Errorf("%s: exit %d, stderr %q\nwant exit 1 and %q", cmd[0], code, stderr, want)
		}
	}
	noTemps(t, dir)

	small := filepath.Join(dir, "tea.owm")
	must(t, os.WriteFile(small, []byte(teaMap), 0o644))
	if code, stderr := runMain(t, env, "check", "--max-input", "50", small); code != exitFailed ||
		!strings.Contains(stderr, "the map is 69 bytes, more than the limit of 50 bytes") {
		t.Errorf("--max-input 50: exit %d, %q", code, stderr)
	}
	if code, stderr := runMain(t, env, "check", "--max-input", "1KiB", small); code != exitOK {
		t.Errorf("--max-input 1KiB: exit %d, %q", code, stderr)
	}
	if code, stderr := runMain(t, env, "check", "--max-input", "lots", small); code != exitUsage || !strings.Contains(stderr, "--max-input") {
		t.Errorf("--max-input lots: exit %d, %q", code, stderr)
	}
	// Standard input is read up to the limit only.
	env.Stdin = strings.NewReader(strings.Repeat("component A [0.5, 0.5]\n", 10))
	if code, stderr := runMain(t, env, "check", "--max-input", "100", "-"); code != exitFailed ||
		!strings.Contains(stderr, "<stdin>: the map is more than the limit of 100 bytes") {
		t.Errorf("stdin: exit %d, %q", code, stderr)
	}
}

// TestFailedWriteKeepsOldFile: a write that fails half-way (a full disk)
// leaves the old file as it was and no temporary file, for every command
// that writes: render (one map and a batch), fmt -w and md.
func TestFailedWriteKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "tea.owm")
	md := filepath.Join(dir, "doc.md")
	out := filepath.Join(dir, "tea.svg")
	old := []byte("<svg>the good old image</svg>\n")
	must(t, os.WriteFile(src, []byte("title   Tea\ncomponent Tea [0.8,0.5]\n"), 0o644))
	must(t, os.WriteFile(out, old, 0o644))
	must(t, os.WriteFile(md, []byte("# Doc\n\n```owm\ntitle Tea\ncomponent Tea [0.8, 0.5]\n```\n"), 0o644))
	mdBefore, _ := os.ReadFile(md)
	srcBefore, _ := os.ReadFile(src)

	defer func(w func(*os.File, []byte) error) { writeTemp = w }(writeTemp)
	writeTemp = func(f *os.File, data []byte) error {
		f.Write(data[:len(data)/2])
		return &os.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
	}
	env, _, _ := batchEnv(false, 2)
	for _, args := range [][]string{
		{"render", src, "-o", out},
		{"render", dir},
		{"fmt", "-w", src},
		{"md", md},
	} {
		code, stderr := runMain(t, env, args...)
		if code != exitFailed || !strings.Contains(stderr, "no space left on device") {
			t.Errorf("%v: exit %d, stderr %q; want 1 and the disk error", args, code, stderr)
		}
		if b, _ := os.ReadFile(out); !bytes.Equal(b, old) {
			t.Errorf("%v: the old image was changed", args)
		}
		if b, _ := os.ReadFile(src); !bytes.Equal(b, srcBefore) {
			t.Errorf("%v: the map was changed", args)
		}
		if b, _ := os.ReadFile(md); !bytes.Equal(b, mdBefore) {
			t.Errorf("%v: the Markdown file was changed", args)
		}
		noTemps(t, dir)
	}
}

// TestErrorsKeepImage: a map with errors draws nothing, so the image of
// the last good version stays byte for byte, in every format.
func TestErrorsKeepImage(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "tea.owm")
	env, _, _ := batchEnv(false, 1)
	for _, ext := range []string{"svg", "png", "pdf"} {
		out := filepath.Join(dir, "tea."+ext)
		must(t, os.WriteFile(src, []byte(teaMap), 0o644))
		if code, stderr := runMain(t, env, "render", src, "-o", out); code != exitOK {
			t.Fatalf("good map: exit %d: %s", code, stderr)
		}
		good, _ := os.ReadFile(out)
		must(t, os.WriteFile(src, []byte(teaMap+"componnet Kettle [0.4, 0.3]\n"), 0o644))
		if code, _ := runMain(t, env, "render", src, "-o", out); code != exitFailed {
			t.Errorf("%s: map with errors: exit %d, want 1", ext, code)
		}
		if code, _ := runMain(t, env, "render", dir); code != exitFailed {
			t.Errorf("%s: batch with errors: exit %d, want 1", ext, code)
		}
		if b, _ := os.ReadFile(out); !bytes.Equal(b, good) {
			t.Errorf("%s: the good image was replaced", ext)
		}
	}
	noTemps(t, dir)
}

// TestInterruptMidWrite runs wardley as a process, stops it while its
// image is written but not yet in place, and interrupts it as Ctrl-C
// does: the old image is intact, the temporary file removed, the exit
// code 130.
func TestInterruptMidWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a process")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "tea.owm")
	out := filepath.Join(dir, "tea.svg")
	ready := filepath.Join(dir, "ready")
	old := []byte("<svg>the good old image</svg>\n")
	must(t, os.WriteFile(src, []byte(teaMap), 0o644))
	must(t, os.WriteFile(out, old, 0o644))
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		os.Remove(ready)
		// TestMain runs the test binary as wardley when called by that
		// name; the variable makes it stop before the rename (stallRename).
		cmd := &exec.Cmd{Path: os.Args[0], Args: []string{"wardley", "render", src, "-o", out},
			Env: append(os.Environ(), "WARDLEY_TEST_STALL_RENAME="+ready)}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		must(t, cmd.Start())
		var tmp []byte
		for deadline := time.Now().Add(30 * time.Second); len(tmp) == 0; time.Sleep(10 * time.Millisecond) {
			tmp, _ = os.ReadFile(ready)
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatalf("the write did not start: %s", stderr.String())
			}
		}
		if st, err := os.Stat(string(tmp)); err != nil || st.Size() == 0 || filepath.Dir(string(tmp)) != dir {
			t.Errorf("mid-write, the temporary file %s is not a full file beside the image: %v", tmp, err)
		}
		must(t, cmd.Process.Signal(sig))
		err := cmd.Wait()
		var ee *exec.ExitError
		want := 130
		if sig == syscall.SIGTERM {
			want = 143
		}
		if !errors.As(err, &ee) || ee.ExitCode() != want {
			t.Errorf("%v: %v, want exit %d; stderr %s", sig, err, want, stderr.String())
		}
		if b, _ := os.ReadFile(out); !bytes.Equal(b, old) {
			t.Errorf("%v: the old image was changed", sig)
		}
		os.Remove(ready)
		noTemps(t, dir)
	}
}

// stallRename, set up by TestMain for TestInterruptMidWrite, writes the
// temporary file's name to file and waits to be interrupted.
func stallRename(file string) {
	beforeRename = func(tmp string) error {
		os.WriteFile(file, []byte(tmp), 0o644)
		time.Sleep(time.Minute)
		return errors.New("not interrupted")
	}
}

// TestInternalErrors: a panic, in the main goroutine or in a batch
// worker, is reported as a bug with exit code 3 and no stack trace,
// unless WARDLEY_DEBUG=1.
func TestInternalErrors(t *testing.T) {
	dir := writeMaps(t, 3)
	defer func() { beforeRender = nil }()
	beforeRender = func(src []byte) {
		if bytes.Contains(src, []byte("A1")) {
			panic("boom")
		}
	}
	for _, debug := range []bool{false, true} {
		env, _, _ := batchEnv(false, 2)
		if debug {
			env.Getenv = func(k string) string { return map[string]string{"NO_COLOR": "1", "WARDLEY_DEBUG": "1"}[k] }
			t.Setenv("WARDLEY_DEBUG", "1") // the workers read the process's environment
		}
		for _, args := range [][]string{{"render", dir}, {"render", filepath.Join(dir, "m01.owm"), "-o", filepath.Join(dir, "x.svg")}} {
			code, stderr := runMain(t, env, args...)
			if code != exitInternal {
				t.Errorf("%v: exit %d, want 3", args, code)
			}
			for _, want := range []string{"wardley: internal error: boom", "This is a bug in wardley. Please report it", "https://github.com/wardley-maps/wardley/issues"} {
				if !strings.Contains(stderr, want) {
					t.Errorf("%v: stderr lacks %q:\n%s", args, want, stderr)
				}
			}
			if stack := strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, ".go:"); stack != debug {
				t.Errorf("%v (WARDLEY_DEBUG %v): stack trace shown: %v\n%s", args, debug, stack, stderr)
			}
		}
	}
}

// TestHostileMarkdown: `wardley md` on a block whose title is hostile
// writes an image reference whose alt text is escaped (no raw markup, no
// link syntax, no control or bidi characters) and whose path comes from
// the slug, and an image that is safe.
func TestHostileMarkdown(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "doc.md")
	title := "<script>alert(1)</script>](javascript:alert(1)) <img src=x onerror=alert(1)> &amp; \u202eevil\x01"
	must(t, os.WriteFile(md, []byte("# Doc\n\n```owm\ntitle "+title+"\ncomponent A [0.5, 0.5]\nsubmap S [0.3, 0.3] url(u)\nurl u [javascript:alert(1)]\n```\n"), 0o644))
	env, _, _ := batchEnv(false, 1)
	if code, stderr := runMain(t, env, "md", md); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(md)
	out := string(b)
	i := strings.Index(out, "![")
	if i < 0 {
		t.Fatalf("no image reference in:\n%s", out)
	}
	ref := out[i:]
	ref = ref[:strings.IndexByte(ref, '\n')]
	want := `![\<script\>alert(1)\</script\>\](javascript:alert(1)) \<img src=x onerror=alert(1)\> \&amp; evil](`
	if !strings.HasPrefix(ref, want) {
		t.Errorf("image reference\n%s\nwant it to start with\n%s", ref, want)
	}
	path := strings.TrimSuffix(ref[len(want):], ")")
	if strings.ContainsAny(path, "()<>\"' :") || !strings.HasSuffix(path, ".svg") {
		t.Errorf("image path %q is not a plain file name", path)
	}
	img, err := os.ReadFile(filepath.Join(dir, path))
	if err != nil {
		t.Fatal(err)
	}
	if err := safetest.SVG(img); err != nil {
		t.Error(err)
	}
	if bytes.Contains(img, []byte("<a ")) {
		t.Error("the javascript: url became a link")
	}
}

// TestOutputIsNotInput: no command but fmt -w and md writes over one of
// its inputs, named alike or through a link.
func TestOutputIsNotInput(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "tea.owm")
	link := filepath.Join(dir, "link.svg")
	must(t, os.WriteFile(src, []byte(teaMap), 0o644))
	must(t, os.Symlink(src, link))
	env, _, _ := batchEnv(false, 1)
	for _, args := range [][]string{
		{"render", src, "-o", src, "--format", "svg"},
		{"render", src, "-o", link},
		{"export", src, "-o", src},
		{"diff", src, src, "-o", src, "--format", "svg"},
	} {
		code, stderr := runMain(t, env, args...)
		if code != exitUsage || !strings.Contains(stderr, "is an input: writing to it would replace the map") {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
		if b, _ := os.ReadFile(src); string(b) != teaMap {
			t.Fatalf("%v: the map was overwritten", args)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{
		"16MiB": 16 << 20, "16M": 16 << 20, "16 mb": 16 << 20, "512K": 512 << 10, "1.5GiB": 3 << 29,
		"1048576": 1 << 20, "100b": 100, "0": 0,
	} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "lots", "16XB", "-1", "1e9", "99999999G"} {
		if got, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) = %d, want an error", in, got)
		}
	}
	for n, want := range map[int64]string{100: "100 bytes", 16 << 20: "16 MiB", 20<<20 + 1<<19: "20.5 MiB", 1 << 30: "1 GiB"} {
		if got := formatSize(n); got != want {
			t.Errorf("formatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestWriteToDevice: an output that is a device or a named pipe is written
// to, not replaced (a device cannot be renamed over) and not read first
// (a pipe would wait for input forever); --check refuses one at once; a
// directory is refused with what it is.
func TestWriteToDevice(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "tea.owm")
	must(t, os.WriteFile(src, []byte(teaMap), 0o644))
	env, _, _ := batchEnv(false, 1)
	if code, stderr := runMain(t, env, "render", src, "-o", os.DevNull, "--format", "svg"); code != 0 {
		t.Errorf("-o %s: exit %d: %s", os.DevNull, code, stderr)
	}
	if code, stderr := runMain(t, env, "render", src, "-o", dir, "--format", "svg"); code != 1 || !strings.Contains(stderr, dir+": is a directory") {
		t.Errorf("-o DIR: exit %d: %s", code, stderr)
	}
	fifo := filepath.Join(dir, "pipe")
	must(t, syscall.Mkfifo(fifo, 0o600))
	got := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	done := make(chan int)
	go func() {
		code, _ := runMain(t, env, "render", src, "-o", fifo, "--format", "svg")
		done <- code
	}()
	select {
	case code := <-done:
		if b := <-got; code != 0 || !bytes.HasPrefix(b, []byte("<?xml")) {
			t.Errorf("-o PIPE: exit %d, the reader got %q", code, b[:min(len(b), 40)])
		}
	case <-time.After(20 * time.Second):
		t.Fatal("-o PIPE: still running after 20 s (reading the pipe before writing it?)")
	}
	env2, _, _ := batchEnv(false, 1)
	code, stderr := runMain(t, env2, "render", "--check", src, "-o", fifo, "--format", "svg")
	if code != 1 || !strings.Contains(stderr, "not a regular file") {
		t.Errorf("--check -o PIPE: exit %d: %s", code, stderr)
	}
	noTemps(t, dir)
}

// TestWriteThroughLink: an output, or a map that fmt -w rewrites, that is
// a symbolic link stays a link, and the file it leads to gets the new
// bytes; a link that leads nowhere is refused.
func TestWriteThroughLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	must(t, os.Mkdir(real, 0o755))
	src := filepath.Join(real, "tea.owm")
	must(t, os.WriteFile(src, []byte("title   Tea\ncomponent Tea [0.8,0.5]\n"), 0o644))
	img := filepath.Join(real, "tea.svg")
	must(t, os.WriteFile(img, []byte("<svg>old</svg>\n"), 0o644))
	srcLink, imgLink := filepath.Join(dir, "tea.owm"), filepath.Join(dir, "tea.svg")
	must(t, os.Symlink("real/tea.owm", srcLink))
	must(t, os.Symlink("real/tea.svg", imgLink))
	env, _, _ := batchEnv(false, 1)
	isLink := func(p string) bool {
		st, err := os.Lstat(p)
		return err == nil && st.Mode()&os.ModeSymlink != 0
	}
	if code, stderr := runMain(t, env, "render", srcLink, "-o", imgLink); code != 0 {
		t.Fatalf("render -o LINK: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(img); !isLink(imgLink) || !bytes.HasPrefix(b, []byte("<?xml")) {
		t.Errorf("render -o LINK: link kept %v, the file it leads to begins %q", isLink(imgLink), b[:min(len(b), 20)])
	}
	if code, stderr := runMain(t, env, "fmt", "-w", srcLink); code != 0 {
		t.Fatalf("fmt -w LINK: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(src); !isLink(srcLink) || !bytes.HasPrefix(b, []byte("title Tea\n")) {
		t.Errorf("fmt -w LINK: link kept %v, the map now %q", isLink(srcLink), b)
	}
	noTemps(t, dir)
	noTemps(t, real)
	dangling := filepath.Join(dir, "gone.svg")
	must(t, os.Symlink("real/nothing/gone.svg", dangling))
	if code, stderr := runMain(t, env, "render", src, "-o", dangling); code != 1 || !strings.Contains(stderr, "leads to no file") {
		t.Errorf("render -o DANGLING: exit %d: %s", code, stderr)
	}
}
