package preview

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wardley-maps/wardley/internal/browsertest"
)

// pageState is what the page shows, read from its DOM.
type pageState struct {
	Seq         string   `json:"seq"`
	PictureSeq  string   `json:"pictureSeq"`
	Text        string   `json:"text"` // the picture's text (the fake renderer writes "style:source")
	Stale       string   `json:"stale"`
	Problems    bool     `json:"problems"` // the panel is shown
	Summary     string   `json:"summary"`
	Diagnostics []string `json:"diagnostics"`
	Marked      []string `json:"marked"`
	Elements    int      `json:"elements"` // elements inside the panel's list items beyond ours
	Scale       float64  `json:"scale,string"`
	Width       string   `json:"width"`
	Status      string   `json:"status"`
	Title       string   `json:"title"`
	Style       string   `json:"style"`
	Foreign     []string `json:"foreign"` // resources loaded from another origin
	Fits        bool     `json:"fits"`    // the picture fits in the space it has
}

const readPage = `(() => {
  const pic = document.getElementById('picture');
  const svg = pic.querySelector('svg');
  const items = [...document.querySelectorAll('#diagnostics > li')];
  return {
    seq: document.body.dataset.seq || '',
    pictureSeq: pic.dataset.pictureSeq,
    text: svg ? svg.textContent : '',
    stale: pic.dataset.stale || '',
    problems: !document.getElementById('problems').hidden,
    summary: document.getElementById('summary').textContent,
    diagnostics: items.map((li) => li.textContent),
    marked: items.map((li) => { const m = li.querySelector('mark'); return m ? m.textContent : ''; }),
    elements: document.querySelectorAll('#diagnostics b, #diagnostics img, #diagnostics script').length,
    scale: pic.dataset.scale || '0',
    width: svg ? svg.style.width : '',
    status: document.getElementById('status').textContent,
    title: document.title,
    style: new URLSearchParams(location.search).get('style') || '',
    fits: svg ? (() => { const r = svg.getBoundingClientRect(), st = document.getElementById('stage');
      return r.width <= st.clientWidth && r.height <= st.clientHeight; })() : false,
    foreign: performance.getEntriesByType('resource').map((e) => e.name).filter((u) => !u.startsWith(location.origin)),
  };
})()`

// TestPageInBrowser drives the page in headless Chromium against a server
// fed by hand with a fake renderer: pictures swap without reloading,
// diagnostics appear as text above the last good picture, styles and zoom
// work, and the page reports no error and loads nothing from elsewhere.
func TestPageInBrowser(t *testing.T) {
	exe := browsertest.Chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	f := &fakeRenderer{}
	s := New(Config{Name: "maps/tea.owm", Render: f.render, Host: "127.0.0.1"})
	s.Update([]byte("component Tea\n"), nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- s.Serve(sctx, ln) }()
	defer func() { stop(); <-served }()

	b := browsertest.Start(t, exe, "http://"+ln.Addr().String()+"/")
	p := b.Page(ctx, t)
	wait := func(what string, ok func(pageState) bool) pageState {
		t.Helper()
		st, err := browsertest.WaitEval(ctx, p, readPage, ok)
		if err != nil {
			t.Fatalf("%s: %v\nthe page shows: %+v\nbrowser log:\n%s", what, err, st, b.Log())
		}
		return st
	}
	defer func() {
		if t.Failed() {
			if png, err := p.Screenshot(context.Background()); err == nil {
				// Kept after the test, to be looked at.
				if dir, err := os.MkdirTemp("", "wardley-preview-"); err == nil {
					out := filepath.Join(dir, "page.png")
					_ = os.WriteFile(out, png, 0o644)
					t.Logf("screenshot: %s", out)
				}
			}
		}
	}()

	st := wait("first picture", func(st pageState) bool { return st.Text == ":component Tea\n" })
	if st.Problems || st.Stale != "false" || st.Status != "live" || st.Title != "maps/tea.owm — wardley watch" {
		t.Errorf("first picture: %+v", st)
	}
	// The page's own document stays: a marker set now survives updates.
	if err := p.Eval(ctx, `window.sameDocument = true`, nil); err != nil {
		t.Fatal(err)
	}

	s.Update([]byte("component Tea\ncomponent Cup\n"), nil)
	wait("second picture", func(st pageState) bool { return st.Text == ":component Tea\ncomponent Cup\n" })

	// Broken, with markup in the message and the source line.
	s.Update([]byte("component Tea\n!<b>bold</b><img src=x>\n"), nil)
	st = wait("diagnostics", func(st pageState) bool { return st.Problems && len(st.Diagnostics) == 1 })
	if st.Text != ":component Tea\ncomponent Cup\n" || st.Stale != "true" {
		t.Errorf("the last good picture is gone: %+v", st)
	}
	if !strings.HasPrefix(st.Diagnostics[0], `maps/tea.owm:2:2: error: cannot read "<b>bold</b><img src=x>" [bad-line]`) {
		t.Errorf("diagnostic text: %q", st.Diagnostics[0])
	}
	if st.Marked[0] != "<b>bold</b><img src=x>" || st.Elements != 0 {
		t.Errorf("diagnostic markup was not shown as text: marked %q, %d elements", st.Marked[0], st.Elements)
	}
	if !strings.Contains(st.Summary, "1 error") || !strings.Contains(st.Summary, "last good picture") ||
		!strings.HasPrefix(st.Title, "✗ ") {
		t.Errorf("summary %q, title %q", st.Summary, st.Title)
	}

	// Many diagnostics: the panel grows, and the fitted picture shrinks
	// to the space left.
	s.Update([]byte("component Tea\n"+strings.Repeat("!nope\n", 12)), nil)
	st = wait("many diagnostics", func(st pageState) bool { return len(st.Diagnostics) == 12 })
	if !st.Fits {
		wait("picture refitted", func(st pageState) bool { return st.Fits })
	}

	// Fixed: the diagnostics go, the new picture comes.
	s.Update([]byte("component Tea\ncomponent Kettle\n"), nil)
	st = wait("fixed", func(st pageState) bool { return st.Text == ":component Tea\ncomponent Kettle\n" })
	if st.Problems || st.Stale != "false" || len(st.Diagnostics) != 0 {
		t.Errorf("after the fix: %+v", st)
	}

	// The style switcher asks for another style, and remembers it in the URL.
	if err := p.Eval(ctx, `(() => { const s = document.getElementById('style'); s.value = 'dark';
		s.dispatchEvent(new Event('change')); })()`, nil); err != nil {
		t.Fatal(err)
	}
	st = wait("dark style", func(st pageState) bool { return strings.HasPrefix(st.Text, "dark:") })
	if st.Style != "dark" {
		t.Errorf("style not in the URL: %+v", st)
	}
	s.Update([]byte("component Tea\n"), nil)
	wait("dark update", func(st pageState) bool { return st.Text == "dark:component Tea\n" })

	// Zoom: keys and buttons.
	fit := wait("fitted", func(st pageState) bool { return st.Scale > 0 })
	key := func(k string) {
		t.Helper()
		if err := p.Eval(ctx, `document.dispatchEvent(new KeyboardEvent('keydown', {key: '`+k+`', bubbles: true}))`, nil); err != nil {
			t.Fatal(err)
		}
	}
	key("+")
	in := wait("zoom in", func(st pageState) bool { return st.Scale > fit.Scale*1.2 })
	key("-")
	key("-")
	wait("zoom out", func(st pageState) bool { return st.Scale < in.Scale*0.7 })
	if err := p.Eval(ctx, `document.getElementById('zoom-actual').click()`, nil); err != nil {
		t.Fatal(err)
	}
	st = wait("actual size", func(st pageState) bool { return st.Scale == 1 })
	if st.Width != "200px" {
		t.Errorf("at 100%% the 200-px picture is %q wide", st.Width)
	}
	// A new picture keeps the zoom the user chose.
	s.Update([]byte("component Mug\n"), nil)
	st = wait("zoom kept", func(st pageState) bool { return st.Text == "dark:component Mug\n" })
	if st.Scale != 1 {
		t.Errorf("zoom reset by an update: %v", st.Scale)
	}
	key("0")
	wait("fit again", func(st pageState) bool { return st.Scale == fit.Scale })

	var same bool
	if err := p.Eval(ctx, `window.sameDocument === true`, &same); err != nil || !same {
		t.Errorf("the page reloaded (%v)", err)
	}
	if len(st.Foreign) != 0 {
		t.Errorf("the page loaded from elsewhere: %q", st.Foreign)
	}
	if errs := p.Errors(); len(errs) != 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(errs, "\n"))
	}

	// Stopping the server tells the page.
	stop()
	wait("stopped", func(st pageState) bool { return strings.HasPrefix(st.Status, "stopped") })
}
