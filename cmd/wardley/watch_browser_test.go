package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/wardley-maps/wardley/internal/browsertest"
)

// watchPage is what the preview page shows, read from its DOM.
type watchPage struct {
	PictureSeq  string   `json:"pictureSeq"`
	Picture     string   `json:"picture"` // the picture's markup, as sent
	Labels      string   `json:"labels"`  // the picture's text
	Stale       string   `json:"stale"`
	Problems    bool     `json:"problems"`
	Diagnostics []string `json:"diagnostics"`
	Status      string   `json:"status"`
	Foreign     []string `json:"foreign"`
}

const readWatchPage = `(() => {
  const pic = document.getElementById('picture');
  const svg = pic.querySelector('svg');
  return {
    pictureSeq: pic.dataset.pictureSeq,
    // The picture as the server sent it: without the size zoom gives it.
    picture: svg ? (() => { const c = svg.cloneNode(true); c.removeAttribute('style'); return c.outerHTML; })() : '',
    labels: svg ? svg.textContent : '',
    stale: pic.dataset.stale || '',
    problems: !document.getElementById('problems').hidden,
    diagnostics: [...document.querySelectorAll('#diagnostics > li')].map((li) => li.textContent),
    status: document.getElementById('status').textContent,
    foreign: performance.getEntriesByType('resource').map((e) => e.name).filter((u) => !u.startsWith(location.origin)),
  };
})()`

const teaShop = `title Tea Shop
component Customer [0.95, 0.70]
component Cup of Tea [0.80, 0.72]
component Kettle [0.45, 0.55]
Customer->Cup of Tea
Cup of Tea->Kettle
`

// TestWatchInBrowser is the end-to-end test of `wardley watch`: the real
// binary on a real map, the page in headless Chromium, edits made to the
// file the way editors make them. It checks that each save changes the
// picture in the page, that a broken map shows its diagnostics above the
// last good picture, that fixing it clears them, and that SIGINT stops
// the command with exit code 0 and tells the page.
func TestWatchInBrowser(t *testing.T) {
	chromium := browsertest.Chromium(t)
	if runtime.GOOS == "windows" {
		t.Skip("sends SIGINT")
	}
	// testscript.Main put this test binary on PATH as `wardley`.
	wardley, err := exec.LookPath("wardley")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	dir := t.TempDir()
	path := filepath.Join(dir, "tea.owm")
	must(t, os.WriteFile(path, []byte(teaShop), 0o644))
	stderr := &syncBuffer{}
	cmd := exec.Command(wardley, "watch", path)
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	cmd.Stdout, cmd.Stderr = stderr, stderr
	must(t, cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-exited
		}
	}()
	url := stderr.waitFor(t, `Watching .+ at (http://127\.0\.0\.1:\d+/)\n`)[1]

	start := time.Now()
	b := browsertest.Start(t, chromium, url)
	p := b.Page(ctx, t)
	wait := func(what string, ok func(watchPage) bool) watchPage {
		t.Helper()
		st, err := browsertest.WaitEval(ctx, p, readWatchPage, ok)
		if err != nil {
			t.Fatalf("%s: %v\nthe page shows: %+v\nwatch said:\n%s\nbrowser log:\n%s", what, err, st, stderr, b.Log())
		}
		return st
	}
	first := wait("the first picture", func(st watchPage) bool { return strings.Contains(st.Labels, "Kettle") })
	t.Logf("browser up and first picture shown in %v", time.Since(start).Round(time.Millisecond))
	if first.Problems || first.Stale != "false" || first.Status != "live" {
		t.Errorf("first picture: problems %v, stale %q, status %q", first.Problems, first.Stale, first.Status)
	}
	if !strings.HasPrefix(first.Picture, "<svg") {
		t.Fatalf("the picture is not inline SVG: %.80q", first.Picture)
	}

	// Saves the way editors make them; each must change the picture. The
	// time from the save to the new picture in the page is logged.
	saves := []struct {
		how  string
		save func(string) error
	}{
		{"rename over (VS Code, vim, sed -i)", func(s string) error { return writeFileAtomic(path, []byte(s)) }},
		{"write in place", func(s string) error { return os.WriteFile(path, []byte(s), 0o644) }},
		{"delete and re-create", func(s string) error {
			if err := os.Remove(path); err != nil {
				return err
			}
			return os.WriteFile(path, []byte(s), 0o644)
		}},
	}
	var latencies []time.Duration
	prev := first.Picture
	for i := 0; i < 6; i++ {
		s := saves[i%len(saves)]
		name := []string{"Teapot", "Water", "Milk", "Sugar", "Cups", "Hot Water"}[i]
		src := teaShop + "component " + name + " [0.30, 0.40]\nKettle->" + name + "\n"
		t0 := time.Now()
		must(t, s.save(src))
		st := wait(s.how, func(st watchPage) bool { return strings.Contains(st.Labels, name) && st.Stale == "false" })
		latencies = append(latencies, time.Since(t0))
		if st.Picture == prev {
			t.Errorf("%s: the picture did not change", s.how)
		}
		prev = st.Picture
	}
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	t.Logf("save to picture in the page: min %v, median %v, max %v (debounce 75 ms included)",
		latencies[0].Round(time.Millisecond), latencies[len(latencies)/2].Round(time.Millisecond),
		latencies[len(latencies)-1].Round(time.Millisecond))

	// Break the map: the diagnostics appear, the last good picture stays.
	good := prev
	broken := strings.Replace(teaShop, "component Kettle [0.45, 0.55]", "componnet Kettle [0.45, 0.55]", 1)
	must(t, writeFileAtomic(path, []byte(broken)))
	st := wait("diagnostics", func(st watchPage) bool { return st.Problems && len(st.Diagnostics) > 0 })
	if st.Picture != good || st.Stale != "true" {
		t.Errorf("the last good picture is gone (stale %q)", st.Stale)
	}
	loc := regexp.MustCompile(`^` + regexp.QuoteMeta(path) + `:4:1: error: .*componnet`)
	if !loc.MatchString(st.Diagnostics[0]) {
		t.Errorf("diagnostic %q, want an error at %s:4:1 about `componnet`", st.Diagnostics[0], path)
	}
	stderr.waitFor(t, regexp.QuoteMeta(path)+`:4:1: error: `)

	// Fix it: the diagnostics go, a current picture comes back.
	must(t, writeFileAtomic(path, []byte(teaShop)))
	st = wait("fixed", func(st watchPage) bool { return !st.Problems && st.Stale == "false" })
	if strings.Contains(st.Labels, "Hot Water") || !strings.Contains(st.Labels, "Kettle") {
		t.Errorf("after the fix the picture is not of the file: %q", st.Labels)
	}
	if len(st.Foreign) != 0 {
		t.Errorf("the page loaded from elsewhere: %q", st.Foreign)
	}
	if errs := p.Errors(); len(errs) != 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(errs, "\n"))
	}

	// Ctrl-C.
	sigint := time.Now()
	must(t, cmd.Process.Signal(os.Interrupt))
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("watch exited with %v after SIGINT, want 0\n%s", err, stderr)
		}
	case <-time.After(watchDeadline):
		t.Fatalf("watch did not stop on SIGINT\n%s", stderr)
	}
	t.Logf("stopped %v after SIGINT", time.Since(sigint).Round(time.Millisecond))
	wait("stopped", func(st watchPage) bool { return strings.HasPrefix(st.Status, "stopped") })
	if strings.Contains(stderr.String(), "panic") || strings.Contains(stderr.String(), "internal error") {
		t.Errorf("watch's stderr:\n%s", stderr)
	}
	t.Logf("end to end in %v", time.Since(start).Round(time.Millisecond))
}
