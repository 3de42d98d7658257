package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/internal/preview"
)

// syncBuffer is a stderr that tests can read while the command writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor polls the buffer until re matches, and returns the submatches.
func (s *syncBuffer) waitFor(t *testing.T, re string) []string {
	t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(watchDeadline)
	for time.Now().Before(deadline) {
		if m := rx.FindStringSubmatch(s.String()); m != nil {
			return m
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("stderr never matched %q:\n%s", re, s.String())
	return nil
}

func testEnv(stderr io.Writer) *Env {
	return &Env{
		Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: stderr,
		Getenv: func(string) string { return "" }, Workers: 1,
	}
}

// fakeMapRender draws a source as an SVG of its text; a line starting with
// "!" is an error. The command's tests need no real pipeline.
func fakeMapRender(src []byte, style string) ([]byte, diag.List, error) {
	lines := diag.NewLines(src)
	var list diag.List
	for n := 1; n <= lines.Count(); n++ {
		if text := lines.Line(n); strings.HasPrefix(text, "!") {
			start := lines.LineStart(n)
			list.Add(diag.Errorf(lines.Range(start, start+len(text)), "bad", "bad line"))
		}
	}
	if list.HasErrors() {
		return nil, list, nil
	}
	return []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>` +
		html.EscapeString(style+":"+string(src)) + `</text></svg>`), nil, nil
}

// sseClient reads the "map" messages of one event stream.
type sseClient struct {
	t    *testing.T
	msgs chan preview.Message
	bye  chan struct{}
}

func openEvents(t *testing.T, url string) *sseClient {
	t.Helper()
	resp, err := http.Get(url + "events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	c := &sseClient{t: t, msgs: make(chan preview.Message, 100), bye: make(chan struct{})}
	go func() {
		defer close(c.msgs)
		r := bufio.NewReader(resp.Body)
		name := ""
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSuffix(line, "\n")
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
				if name == "bye" {
					close(c.bye)
				}
			case strings.HasPrefix(line, "data: ") && name == "map":
				var m preview.Message
				if err := json.Unmarshal([]byte(line[len("data: "):]), &m); err != nil {
					t.Errorf("bad message %q: %v", line, err)
				}
				c.msgs <- m
			}
		}
	}()
	return c
}

// until returns the first message that satisfies ok.
func (c *sseClient) until(what string, ok func(preview.Message) bool) preview.Message {
	c.t.Helper()
	deadline := time.After(watchDeadline)
	var seen []preview.Message
	for {
		select {
		case m, open := <-c.msgs:
			if !open {
				c.t.Fatalf("%s: the stream ended", what)
			}
			if ok(m) {
				return m
			}
			seen = append(seen, m)
		case <-deadline:
			c.t.Fatalf("%s: never came; saw %+v", what, seen)
		}
	}
}

func svgText(m preview.Message) string {
	if m.SVG == nil {
		return ""
	}
	s := *m.SVG
	i, j := strings.Index(s, "<text>"), strings.Index(s, "</text>")
	if i < 0 || j < i {
		return ""
	}
	return html.UnescapeString(s[i+len("<text>") : j])
}

// watchRun is `wardley watch` running in-process on a map of its own.
type watchRun struct {
	path, url string
	stderr    *syncBuffer
	cancel    func()
	stopped   chan struct{}
	err       error // valid once stopped is closed
}

// wait returns the command's result once it has stopped.
func (w *watchRun) wait(t *testing.T) error {
	t.Helper()
	select {
	case <-w.stopped:
		return w.err
	case <-time.After(watchDeadline):
		t.Fatal("watch did not stop")
	}
	return nil
}

// startWatch runs `wardley watch` in-process on a new map, waits for its
// address, and stops it when the test ends.
func startWatch(t *testing.T, initial string, args ...string) *watchRun {
	t.Helper()
	dir := t.TempDir()
	w := &watchRun{path: filepath.Join(dir, "tea.owm"), stderr: &syncBuffer{}, stopped: make(chan struct{})}
	must(t, os.WriteFile(w.path, []byte(initial), 0o644))
	env := testEnv(w.stderr)
	o := defaultWatchOptions(env, fakeMapRender)
	o.open = func(string) error { return errors.New("no browser in tests") }
	cmd := newWatchCmdWith(env, o)
	cmd.SetArgs(append(args, w.path))
	cmd.SetOut(io.Discard)
	cmd.SetErr(w.stderr)
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	go func() { w.err = cmd.ExecuteContext(ctx); close(w.stopped) }()
	t.Cleanup(func() { cancel(); w.wait(t) })
	m := w.stderr.waitFor(t, `Watching (.+) at (http://127\.0\.0\.1:\d+/)\n`)
	if m[1] != w.path {
		t.Errorf("watching %q, want %q", m[1], w.path)
	}
	w.url = m[2]
	return w
}

func TestWatchCommand(t *testing.T) {
	w := startWatch(t, "component Tea\n")
	path, stderr := w.path, w.stderr
	ev := openEvents(t, w.url)
	ev.until("first picture", func(m preview.Message) bool { return svgText(m) == ":component Tea\n" })

	// An atomic save (temporary file renamed over the map).
	must(t, writeFileAtomic(path, []byte("component Tea\ncomponent Cup\n")))
	ev.until("picture after a rename-over save", func(m preview.Message) bool {
		return svgText(m) == ":component Tea\ncomponent Cup\n"
	})

	// A save that breaks the map: diagnostics, picture kept.
	must(t, os.WriteFile(path, []byte("component Tea\n!oops\n"), 0o644))
	m := ev.until("diagnostics", func(m preview.Message) bool { return m.Errors == 1 })
	if m.SVG != nil || !m.Stale || m.Diagnostics[0].Location != path+":2:1" {
		t.Errorf("broken map: %+v", m)
	}
	stderr.waitFor(t, regexp.QuoteMeta(path)+`:2:1: error: bad line \[bad\]\n 2 \| !oops\n`)
	stderr.waitFor(t, regexp.QuoteMeta(path)+`: 1 error \(the page keeps the last good picture\)`)

	// Removed, then back.
	must(t, os.Remove(path))
	m = ev.until("removal", func(m preview.Message) bool { return m.Problem != "" })
	if !strings.Contains(m.Problem, "no such file") || !m.Stale {
		t.Errorf("removed map: %+v", m)
	}
	must(t, os.WriteFile(path, []byte("component Kettle\n"), 0o644))
	ev.until("picture after re-creation", func(m preview.Message) bool {
		return svgText(m) == ":component Kettle\n" && m.Problem == "" && !m.Stale
	})

	// A burst of writes ends on the last content.
	for i := 0; i < 10; i++ {
		must(t, os.WriteFile(path, []byte("component Step"+strings.Repeat("+", i)+"\n"), 0o644))
	}
	ev.until("last of a burst", func(m preview.Message) bool { return svgText(m) == ":component Step+++++++++\n" })

	// Ctrl-C: the page is told, the command returns without error.
	w.cancel()
	select {
	case <-ev.bye:
	case <-time.After(watchDeadline):
		t.Error("the page was not told that watch stopped")
	}
	if err := w.wait(t); err != nil {
		t.Errorf("watch returned %v after cancel", err)
	}
	if strings.Contains(stderr.String(), "warning") {
		t.Errorf("unexpected warnings:\n%s", stderr)
	}
}

func TestWatchInvalidMapAtStart(t *testing.T) {
	w := startWatch(t, "!nope\n")
	m := openEvents(t, w.url).until("diagnostics", func(m preview.Message) bool { return m.Errors == 1 })
	if m.SVG != nil || m.PictureSeq != 0 || m.Stale {
		t.Errorf("no picture was ever good: %+v", m)
	}
	w.stderr.waitFor(t, `1 error`)
}

func TestWatchBrowserFlag(t *testing.T) {
	w := startWatch(t, "component Tea\n", "--browser")
	w.stderr.waitFor(t, `warning: cannot open a browser \(no browser in tests\); open `+regexp.QuoteMeta(w.url)+` yourself`)
}

func TestWatchErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "tea.owm")
	must(t, os.WriteFile(file, []byte("component Tea\n"), 0o644))
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	busyPort := busy.Addr().(*net.TCPAddr).Port
	cases := []struct {
		args  []string
		usage bool
		want  string
	}{
		{[]string{"-"}, true, "standard input cannot be watched"},
		{[]string{filepath.Join(dir, "nope.owm")}, false, "nope.owm: no such file or directory"},
		{[]string{dir}, false, "not a map file"},
		{[]string{"--port", "70000", file}, true, "--port 70000"},
		{[]string{"--port", strconv.Itoa(busyPort), file}, false, "cannot serve the preview"},
	}
	for _, c := range cases {
		stderr := &syncBuffer{}
		env := testEnv(stderr)
		cmd := newWatchCmdWith(env, defaultWatchOptions(env, fakeMapRender))
		cmd.SetArgs(c.args)
		cmd.SetOut(io.Discard)
		cmd.SetErr(io.Discard)
		err := cmd.ExecuteContext(context.Background())
		var ue usageError
		if err == nil || !strings.Contains(err.Error(), c.want) || errors.As(err, &ue) != c.usage {
			t.Errorf("watch %q: err = %v, want %q (usage error: %v)", c.args, err, c.want, c.usage)
		}
	}
}

func TestPreviewURL(t *testing.T) {
	addr := &net.TCPAddr{IP: net.IPv4(0, 0, 0, 0), Port: 8080}
	cases := map[string]string{
		"127.0.0.1": "http://127.0.0.1:8080/", "0.0.0.0": "http://127.0.0.1:8080/", "": "http://127.0.0.1:8080/",
		"::": "http://[::1]:8080/", "::1": "http://[::1]:8080/", "localhost": "http://localhost:8080/",
		"192.168.1.5": "http://192.168.1.5:8080/",
	}
	for host, want := range cases {
		if got := previewURL(host, addr); got != want {
			t.Errorf("previewURL(%q) = %q, want %q", host, got, want)
		}
	}
	for host, want := range map[string]bool{"127.0.0.1": true, "127.1.2.3": true, "::1": true, "LocalHost": true,
		"0.0.0.0": false, "": false, "192.168.1.5": false, "example.org": false} {
		if got := isLoopbackHost(host); got != want {
			t.Errorf("isLoopbackHost(%q) = %v", host, got)
		}
	}
}

func TestWatchPortAndHost(t *testing.T) {
	// A port that was free a moment ago.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	w := startWatch(t, "component Tea\n", "--port", port)
	if w.url != "http://127.0.0.1:"+port+"/" {
		t.Errorf("--port %s: serving at %s", port, w.url)
	}
	openEvents(t, w.url).until("picture", func(m preview.Message) bool { return m.SVG != nil })

	// Every interface: a warning, and the address printed is loopback's.
	w = startWatch(t, "component Tea\n", "--host", "0.0.0.0")
	w.stderr.waitFor(t, `wardley: warning: serving on 0\.0\.0\.0: other machines can see `)
	openEvents(t, w.url).until("picture", func(m preview.Message) bool { return m.SVG != nil })
}
