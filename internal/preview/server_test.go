package preview

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/font"
	"github.com/wardley-maps/wardley/theme"
)

// failAfter bounds every wait: a failure bound, never a timing assumption.
const failAfter = 20 * time.Second

// fakeRenderer draws a source as an SVG whose text is "style:source". A
// line starting with "!" is an error there, one starting with "?" a
// warning: enough to exercise the server without the real pipeline.
type fakeRenderer struct {
	mu    sync.Mutex
	calls []string // the styles asked for
}

func (f *fakeRenderer) render(src []byte, style string) ([]byte, diag.List, error) {
	f.mu.Lock()
	f.calls = append(f.calls, style)
	f.mu.Unlock()
	lines := diag.NewLines(src)
	var list diag.List
	for n := 1; n <= lines.Count(); n++ {
		text := lines.Line(n)
		start := lines.LineStart(n)
		switch {
		case strings.HasPrefix(text, "!"):
			list.Add(diag.Errorf(lines.Range(start+1, start+len(text)), "bad-line", "cannot read %q", text[1:]).
				WithSuggestion("did you mean `component`?"))
		case strings.HasPrefix(text, "?"):
			list.Add(diag.Warningf(lines.Range(start, start+1), "odd-line", "odd line"))
		}
	}
	list.Sort()
	if list.HasErrors() {
		return nil, list, nil
	}
	return []byte(fakeSVG(style, string(src))), list, nil
}

func (f *fakeRenderer) styles() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

func fakeSVG(style, src string) string {
	return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">` +
		`<text x="10" y="50">` + html.EscapeString(style+":"+src) + `</text></svg>`
}

func newTestServer(t *testing.T) (*Server, *fakeRenderer, *httptest.Server) {
	t.Helper()
	f := &fakeRenderer{}
	s := New(Config{Name: "maps/tea.owm", Render: f.render, Host: "127.0.0.1"})
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, f, ts
}

// event is one Server-Sent Event.
type event struct {
	name, id string
	data     string
}

// stream reads the events of one /events connection.
type stream struct {
	t    *testing.T
	resp *http.Response
	ch   chan event
}

func openStream(t *testing.T, url string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("Content-Type = %q", ct)
	}
	s := &stream{t: t, resp: resp, ch: make(chan event, 100)}
	t.Cleanup(func() { cancel(); resp.Body.Close() })
	go func() {
		defer close(s.ch)
		r := bufio.NewReader(resp.Body)
		var ev event
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSuffix(line, "\n")
			switch {
			case line == "":
				if ev.name != "" || ev.data != "" {
					s.ch <- ev
				}
				ev = event{}
			case strings.HasPrefix(line, ":"), strings.HasPrefix(line, "retry:"):
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "id: "):
				ev.id = strings.TrimPrefix(line, "id: ")
			case strings.HasPrefix(line, "data: "):
				ev.data += strings.TrimPrefix(line, "data: ")
			default:
				t.Errorf("unexpected line in the event stream: %q", line)
			}
		}
	}()
	return s
}

func (s *stream) next() event {
	s.t.Helper()
	select {
	case ev, ok := <-s.ch:
		if !ok {
			s.t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(failAfter):
		s.t.Fatal("no event")
	}
	return event{}
}

func (s *stream) message() Message {
	s.t.Helper()
	ev := s.next()
	if ev.name != "map" {
		s.t.Fatalf("event %q, want map", ev.name)
	}
	var m Message
	if err := json.Unmarshal([]byte(ev.data), &m); err != nil {
		s.t.Fatalf("event data %q: %v", ev.data, err)
	}
	if ev.id != fmt.Sprint(m.Seq) {
		s.t.Errorf("event id %q, seq %d", ev.id, m.Seq)
	}
	return m
}

func TestEventsKeepTheLastGoodPicture(t *testing.T) {
	s, _, ts := newTestServer(t)
	good := "component Tea\n"
	if r := s.Update([]byte(good), nil); !r.Changed || !r.Picture || r.Err != nil {
		t.Fatalf("first update: %+v", r)
	}
	st := openStream(t, ts.URL+"/events")
	m := st.message()
	if m.SVG == nil || *m.SVG != fakeSVG("", good) || m.PictureSeq != 1 || m.Stale || m.Errors != 0 ||
		len(m.Diagnostics) != 0 || m.File != "maps/tea.owm" {
		t.Fatalf("first message: %+v", m)
	}

	// The map breaks: diagnostics, no new picture, the old one is stale.
	bad := "component Tea\n!componnet Cup\n"
	r := s.Update([]byte(bad), nil)
	if !r.Changed || r.Picture || !r.Diags.HasErrors() {
		t.Fatalf("bad update: %+v", r)
	}
	m = st.message()
	if m.SVG != nil {
		t.Error("a map with errors replaced the picture")
	}
	if m.Seq != 2 || m.PictureSeq != 1 || !m.Stale || m.Errors != 1 || len(m.Diagnostics) != 1 {
		t.Fatalf("bad message: %+v", m)
	}
	d := m.Diagnostics[0]
	want := PageDiagnostic{
		Location: "maps/tea.owm:2:2", Line: 2, Column: 2, Severity: "error", Code: "bad-line",
		Message: `cannot read "componnet Cup"`, Suggestion: "did you mean `component`?",
		Before: "!", Span: "componnet Cup",
	}
	if d != want {
		t.Errorf("diagnostic\n got %+v\nwant %+v", d, want)
	}

	// A page that connects now sees the last good picture and the errors.
	late := openStream(t, ts.URL+"/events").message()
	if late.SVG == nil || *late.SVG != fakeSVG("", good) || !late.Stale || late.Errors != 1 {
		t.Fatalf("late page: %+v", late)
	}

	// Fixed, with a warning: a new picture, and the warning shown.
	fixed := "component Tea\n?component Cup\n"
	s.Update([]byte(fixed), nil)
	m = st.message()
	if m.SVG == nil || *m.SVG != fakeSVG("", fixed) || m.PictureSeq != 3 || m.Stale || m.Errors != 0 || m.Warnings != 1 {
		t.Fatalf("fixed message: %+v", m)
	}

	// Saving the same bytes again changes nothing, and tells nobody.
	if r := s.Update([]byte(fixed), nil); r.Changed {
		t.Errorf("unchanged source: %+v", r)
	}

	// The file disappears (an editor's delete and re-create): the problem
	// is shown, the picture stays.
	s.Update(nil, errors.New("maps/tea.owm: no such file or directory"))
	m = st.message()
	if m.Seq != 4 {
		t.Errorf("seq %d after an unchanged save, want 4: the unchanged save was announced", m.Seq)
	}
	if m.SVG != nil || !m.Stale || m.Problem != "maps/tea.owm: no such file or directory" || len(m.Diagnostics) != 0 {
		t.Fatalf("missing file: %+v", m)
	}
	// It comes back: the picture is current again.
	s.Update([]byte(fixed), nil)
	m = st.message()
	if m.Stale || m.Problem != "" || m.PictureSeq != 5 || m.SVG == nil || *m.SVG != fakeSVG("", fixed) {
		t.Fatalf("file back: %+v", m)
	}
}

func TestEventsStyles(t *testing.T) {
	s, f, ts := newTestServer(t)
	src := "component Tea\n"
	s.Update([]byte(src), nil)
	m := openStream(t, ts.URL+"/events?style=dark").message()
	if m.SVG == nil || *m.SVG != fakeSVG("dark", src) || m.Style != "dark" {
		t.Fatalf("dark: %+v", m)
	}
	// A second page in the same style uses the same render.
	openStream(t, ts.URL+"/events?style=dark").message()
	if got := strings.Join(f.styles(), ","); got != ",dark" {
		t.Errorf("renders: %q, want the map's own style then dark once", got)
	}
	// OWM's other spelling.
	m = openStream(t, ts.URL+"/events?style=color").message()
	if m.SVG == nil || *m.SVG != fakeSVG("colour", src) {
		t.Fatalf("color: %+v", m)
	}
	for _, bad := range []string{"neon", "Dark", "dark%00"} {
		resp, err := http.Get(ts.URL + "/events?style=" + bad)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("style %q: %s, want 400", bad, resp.Status)
		}
	}
}

func TestMapSVG(t *testing.T) {
	s, _, ts := newTestServer(t)
	s.Update([]byte("!oops\n"), nil)
	resp, err := http.Get(ts.URL + "/map.svg")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("no good picture yet: %s, want 404", resp.Status)
	}
	s.Update([]byte("component Tea\n"), nil)
	resp, err = http.Get(ts.URL + "/map.svg?style=handwritten")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != fakeSVG("handwritten", "component Tea\n") {
		t.Errorf("map.svg = %q", body)
	}
	h := resp.Header
	if h.Get("Content-Type") != "image/svg+xml" || h.Get("X-Content-Type-Options") != "nosniff" ||
		!strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Errorf("headers: %v", h)
	}
}

func TestPage(t *testing.T) {
	_, _, ts := newTestServer(t)
	resp, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	body := string(b)
	h := resp.Header
	if h.Get("Content-Type") != "text/html; charset=utf-8" || h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("headers: %v", h)
	}
	// The policy admits exactly the page's one script, by its hash.
	script := regexp.MustCompile(`(?s)<script>(.*)</script>`).FindStringSubmatch(body)
	if script == nil {
		t.Fatal("no script in the page")
	}
	sum := sha256.Sum256([]byte(script[1]))
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{
		"default-src 'none'", "script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "';",
		"connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'",
	} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline'; img") && strings.Contains(csp, "script-src 'unsafe") {
		t.Errorf("CSP allows any inline script: %q", csp)
	}
	// Nothing from the network: no external URL anywhere but the XLink
	// namespace name (an identifier, never fetched).
	rest := strings.ReplaceAll(body, "http://www.w3.org/1999/xlink", "")
	if m := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`).FindString(rest); m != "" {
		t.Errorf("the page names an external resource: %q", m)
	}
	if m := regexp.MustCompile(`@import|<link rel="stylesheet"|<script src|<img|<iframe`).FindString(rest); m != "" {
		t.Errorf("the page loads something: %q", m)
	}
	// CSS loads only the embedded fonts (TestFonts), by relative URL.
	for _, m := range regexp.MustCompile(`[^L]url\(([^)]*)\)`).FindAllStringSubmatch(rest, -1) {
		if !regexp.MustCompile(`^"fonts/[A-Za-z-]+\.ttf"$`).MatchString(m[1]) {
			t.Errorf("the page's CSS loads %s", m[1])
		}
	}
	// Server data reaches the page as text only.
	for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
		if strings.Contains(script[1], sink) {
			t.Errorf("the script uses %s", sink)
		}
	}
	// The style switcher offers the map's own style and every theme.
	var options []string
	for _, m := range regexp.MustCompile(`<option value="([^"]*)">`).FindAllStringSubmatch(body, -1) {
		options = append(options, m[1])
	}
	if got, want := strings.Join(options, ","), ","+strings.Join(theme.Names, ","); got != want {
		t.Errorf("style options %q, want %q", got, want)
	}
	// Only the root is the page.
	resp, err = http.Get(ts.URL + "/nope")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("/nope: %s", resp.Status)
	}
	req, _ := http.NewRequest("POST", ts.URL+"/", nil)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %s", resp.Status)
	}
}

func TestFonts(t *testing.T) {
	_, _, ts := newTestServer(t)
	rule := regexp.MustCompile(`@font-face \{ font-family: "([^"]+)";( font-weight: bold;)?( font-style: italic;)? src: url\("([^"]+)"\)`)
	declared := map[string]bool{}
	for _, m := range rule.FindAllStringSubmatch(page, -1) {
		family, bold, italic, url := m[1], m[2] != "", m[3] != "", m[4]
		var face *font.Face
		for _, f := range font.Faces() {
			if "fonts/"+f.Name+".ttf" == url {
				face = f
			}
		}
		if face == nil {
			t.Errorf("@font-face %s: no embedded face", url)
			continue
		}
		declared[face.Name] = true
		if family != fontFamilies[face.Family] || bold != face.Bold || italic != face.Italic {
			t.Errorf("@font-face %s: family %q bold %v italic %v; the face is %q bold %v italic %v",
				url, family, bold, italic, fontFamilies[face.Family], face.Bold, face.Italic)
		}
		resp, err := http.Get(ts.URL + "/" + url)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "font/ttf" || !bytes.Equal(body, face.Data) {
			t.Errorf("GET %s: %s %s, %d bytes", url, resp.Status, resp.Header.Get("Content-Type"), len(body))
		}
	}
	for _, f := range font.Faces() {
		if !declared[f.Name] {
			t.Errorf("the page declares no @font-face for %s", f.Name)
		}
	}
	for _, bad := range []string{"/fonts/nope.ttf", "/fonts/LiberationSans-Regular", "/fonts/"} {
		resp, err := http.Get(ts.URL + bad)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %s, want 404", bad, resp.Status)
		}
	}
}

func TestHostCheck(t *testing.T) {
	s := New(Config{Name: "m.owm", Render: (&fakeRenderer{}).render, Host: "mybox.lan"})
	cases := map[string]int{
		"127.0.0.1:8080": 200, "localhost:8080": 200, "LOCALHOST": 200, "[::1]:80": 200, "app.localhost:1": 200,
		"192.168.1.7:3000": 200, "mybox.lan:3000": 200, "MyBox.LAN": 200,
		"evil.example:8080": 403, "localhost.evil.example": 403, "": 403, "mybox.lan.evil.example": 403,
	}
	for host, want := range cases {
		req := httptest.NewRequest("GET", "/", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %q: %d, want %d", host, rec.Code, want)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("Host %q: no nosniff", host)
		}
	}
}

func TestPageDiagnosticsAreSafeText(t *testing.T) {
	// Markup, a bidi override, a tab, a carriage return and multi-byte text.
	src := "title T\r\n\tcomponent <b>Tée</b> \u202e[0.5, 0.5]\r\nlast"
	lines := diag.NewLines([]byte(src))
	start := strings.Index(src, "<b>")
	end := strings.Index(src, "</b>") + len("</b>")
	list := diag.List{
		diag.Errorf(lines.Range(start, end), "x", "unknown name `<img src=x onerror=alert(1)>`\n\u202e"),
		// A range that runs past its line marks to the end of the line.
		diag.Warningf(lines.Range(strings.Index(src, "\u202e"), len(src)), "y", "w"),
		// No position at all.
		{Severity: diag.Warning, Code: "z", Message: "whole file"},
		// A point at the end of the file.
		diag.Errorf(lines.Range(len(src), len(src)), "eof", "missing `]`"),
	}
	got := pageDiagnostics("<m>.owm", []byte(src), list)
	want := []PageDiagnostic{
		{Location: "<m>.owm:2:12", Line: 2, Column: 12, Severity: "error", Code: "x",
			Message: "unknown name `<img src=x onerror=alert(1)>`\uFFFD\uFFFD",
			Before:  "\tcomponent ", Span: "<b>Tée</b>", After: " \uFFFD[0.5, 0.5]"},
		{Location: "<m>.owm:2:24", Line: 2, Column: 24, Severity: "warning", Code: "y", Message: "w",
			Before: "\tcomponent <b>Tée</b> ", Span: "\uFFFD[0.5, 0.5]"},
		{Location: "<m>.owm", Severity: "warning", Code: "z", Message: "whole file"},
		{Location: "<m>.owm:3:5", Line: 3, Column: 5, Severity: "error", Code: "eof", Message: "missing `]`",
			Before: "last"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics", len(got))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("diagnostic %d\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	// On the wire, markup characters travel escaped inside JSON strings.
	data, err := json.Marshal(Message{Diagnostics: got})
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(string(data), "<>\n\u202e") {
		t.Errorf("raw markup or controls on the wire: %s", data)
	}
}

func TestServeStopsStreams(t *testing.T) {
	s := New(Config{Name: "m.owm", Render: (&fakeRenderer{}).render})
	s.Update([]byte("component A\n"), nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	st := openStream(t, "http://"+ln.Addr().String()+"/events")
	st.message()
	cancel()
	if ev := st.next(); ev.name != "bye" {
		t.Errorf("last event %q, want bye", ev.name)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve = %v", err)
		}
	case <-time.After(failAfter):
		t.Fatal("Serve did not return after cancel")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/"); err == nil {
		t.Error("the server still answers after stopping")
	}
}

func TestServeDoesNotWaitForUnusedConnections(t *testing.T) {
	s := New(Config{Name: "m.owm", Render: (&fakeRenderer{}).render})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	// A browser's preconnection: open, no request.
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// Let the server see it (any request on another connection will do).
	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	start := time.Now()
	cancel()
	<-done
	// net/http waits 5 s for a connection that never sent a request;
	// 4 s leaves a loaded machine 4 s for what takes microseconds.
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("Serve took %v to stop: it waited for an unused connection", d)
	}
}

func TestRendererPanics(t *testing.T) {
	f := &fakeRenderer{}
	s := New(Config{Name: "m.owm", Render: func(src []byte, style string) ([]byte, diag.List, error) {
		if strings.Contains(string(src), "boom") || style == "dark" {
			panic("boom")
		}
		return f.render(src, style)
	}})
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close) // after the streams' cleanups: Close waits for them
	s.Update([]byte("component A\n"), nil)
	r := s.Update([]byte("boom\n"), nil)
	if r.Err == nil || !strings.Contains(r.Err.Error(), "internal error drawing the map: boom") {
		t.Fatalf("Update = %+v", r)
	}
	m := openStream(t, ts.URL+"/events").message()
	if m.SVG == nil || !m.Stale || !strings.Contains(m.Problem, "bug in wardley") {
		t.Errorf("after a panic: %+v", m)
	}
	// A panic while drawing another style is the page's problem too.
	m = openStream(t, ts.URL+"/events?style=dark").message()
	if m.SVG != nil || !strings.Contains(m.Problem, "internal error") {
		t.Errorf("dark: %+v", m)
	}
}

func TestStreamWaitsForTheFirstUpdate(t *testing.T) {
	s, _, ts := newTestServer(t)
	st := openStream(t, ts.URL+"/events")
	s.Update([]byte("component A\n"), nil)
	if m := st.message(); m.Seq != 1 || m.SVG == nil {
		t.Fatalf("first message: %+v", m)
	}
}

func TestKeepAlive(t *testing.T) {
	f := &fakeRenderer{}
	s := New(Config{Name: "m.owm", Render: f.render, KeepAlive: time.Millisecond})
	ts := httptest.NewServer(s)
	defer ts.Close()
	s.Update([]byte("a\n"), nil)
	resp, err := http.Get(ts.URL + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if line == ": keep-alive\n" {
			return
		}
	}
}
