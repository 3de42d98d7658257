package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Chromium returns the path of a Chromium or Chrome to drive:
// $WARDLEY_CHROMIUM if set, else the first of the usual names on PATH. When
// there is none the test is skipped, or fails when WARDLEY_REQUIRE_SHARED=1
// (CI installs Chromium and must run the browser tests).
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("WARDLEY_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("WARDLEY_REQUIRE_SHARED") == "1" {
		t.Fatal("no Chromium on PATH (chromium, chromium-browser, google-chrome), and WARDLEY_REQUIRE_SHARED=1: install it (apt-get install chromium)")
	}
	t.Skip("no Chromium on PATH: install it (apt-get install chromium) to run the browser tests")
	return ""
}

// Browser is a headless Chromium showing one page.
type Browser struct {
	cmd    *exec.Cmd
	dir    string
	stderr *lockedBuffer
	exited chan struct{}
	port   int
}

// Start launches exe headless on pageURL, with a fresh profile under a
// temporary directory of t, and waits until its DevTools endpoint answers.
// The browser is stopped when the test ends.
func Start(t testing.TB, exe, pageURL string) *Browser {
	t.Helper()
	dir := t.TempDir()
	b := &Browser{dir: dir, stderr: &lockedBuffer{}, exited: make(chan struct{})}
	args := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--user-data-dir=" + filepath.Join(dir, "profile"), "--remote-debugging-port=0",
		"--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
		"--disable-component-update", "--disable-default-apps", "--disable-breakpad", "--no-pings",
		"--mute-audio", "--window-size=1280,900",
		// Whatever Chromium might still fetch on its own goes to a closed
		// port on this machine; loopback addresses bypass proxies.
		"--proxy-server=http://127.0.0.1:9",
		pageURL,
	}
	b.cmd = exec.Command(exe, args...)
	b.cmd.Stdout = b.stderr
	b.cmd.Stderr = b.stderr
	if err := b.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	go func() { _ = b.cmd.Wait(); close(b.exited) }()
	t.Cleanup(b.close)

	// Chromium writes the port it chose into the profile once it listens.
	portFile := filepath.Join(dir, "profile", "DevToolsActivePort")
	deadline := time.Now().Add(60 * time.Second)
	for {
		if data, err := os.ReadFile(portFile); err == nil {
			first, _, _ := strings.Cut(string(data), "\n")
			if p, err := strconv.Atoi(strings.TrimSpace(first)); err == nil && p > 0 {
				b.port = p
				break
			}
		}
		select {
		case <-b.exited:
			t.Fatalf("%s exited early:\n%s", exe, b.stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not open its DevTools port within a minute:\n%s", exe, b.stderr.String())
		}
	}
	return b
}

func (b *Browser) close() {
	if b.cmd.Process != nil {
		_ = b.cmd.Process.Kill()
		<-b.exited
	}
}

// Log is what the browser printed, for failure messages.
func (b *Browser) Log() string { return b.stderr.String() }

// Page connects to the browser's first page, waiting for it to appear.
func (b *Browser) Page(ctx context.Context, t testing.TB) *Page {
	t.Helper()
	for {
		ws, err := b.pageWebSocket(ctx)
		if err == nil {
			p, err := connectPage(ctx, ws)
			if err != nil {
				t.Fatalf("connect to the page: %v", err)
			}
			t.Cleanup(func() { p.ws.Close() })
			return p
		}
		select {
		case <-ctx.Done():
			t.Fatalf("no page in the browser: %v\n%s", err, b.Log())
		case <-b.exited:
			t.Fatalf("the browser exited:\n%s", b.Log())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (b *Browser) pageWebSocket(ctx context.Context) (string, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("http://127.0.0.1:%d/json/list", b.port), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var targets []struct {
		Type, URL            string
		WebSocketDebuggerURL string `json:"webSocketDebuggerUrl"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&targets); err != nil {
		return "", err
	}
	for _, tg := range targets {
		if tg.Type == "page" && tg.WebSocketDebuggerURL != "" {
			return tg.WebSocketDebuggerURL, nil
		}
	}
	return "", errors.New("no page target yet")
}

// Page is one tab, driven over the DevTools protocol.
type Page struct {
	ws      *wsConn
	mu      sync.Mutex
	nextID  int
	pending map[int]chan rpcReply
	errs    []string // exceptions, console errors and log errors of the page
	readErr error
}

type rpcReply struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func connectPage(ctx context.Context, wsURL string) (*Page, error) {
	u, err := url.Parse(wsURL)
	if err != nil {
		return nil, err
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return nil, err
	}
	ws, err := dialWebSocket(conn, wsURL)
	if err != nil {
		conn.Close()
		return nil, err
	}
	p := &Page{ws: ws, pending: map[int]chan rpcReply{}}
	go p.read()
	for _, m := range []string{"Runtime.enable", "Log.enable", "Page.enable"} {
		if err := p.Call(ctx, m, nil, nil); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// read dispatches replies to their callers and keeps the page's errors.
func (p *Page) read() {
	for {
		data, err := p.ws.ReadMessage()
		if err != nil {
			p.mu.Lock()
			p.readErr = err
			for id, ch := range p.pending {
				close(ch)
				delete(p.pending, id)
			}
			p.mu.Unlock()
			return
		}
		var msg struct {
			ID     int             `json:"id"`
			Method string          `json:"method"`
			Params json.RawMessage `json:"params"`
			rpcReply
		}
		if json.Unmarshal(data, &msg) != nil {
			continue
		}
		if msg.Method != "" {
			if e := pageError(msg.Method, msg.Params); e != "" {
				p.mu.Lock()
				p.errs = append(p.errs, e)
				p.mu.Unlock()
			}
			continue
		}
		p.mu.Lock()
		ch := p.pending[msg.ID]
		delete(p.pending, msg.ID)
		p.mu.Unlock()
		if ch != nil {
			ch <- msg.rpcReply
		}
	}
}

// pageError describes an event that reports a problem in the page: an
// uncaught exception, console.error, or a browser log entry of level error
// (a refused load, a Content-Security-Policy violation).
func pageError(method string, params json.RawMessage) string {
	switch method {
	case "Runtime.exceptionThrown":
		var e struct {
			ExceptionDetails struct {
				Text      string `json:"text"`
				Exception struct {
					Description string `json:"description"`
				} `json:"exception"`
			} `json:"exceptionDetails"`
		}
		_ = json.Unmarshal(params, &e)
		return "exception: " + e.ExceptionDetails.Text + " " + e.ExceptionDetails.Exception.Description
	case "Runtime.consoleAPICalled":
		var e struct {
			Type string            `json:"type"`
			Args []json.RawMessage `json:"args"`
		}
		_ = json.Unmarshal(params, &e)
		if e.Type == "error" || e.Type == "assert" {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, string(a))
			}
			return "console." + e.Type + ": " + strings.Join(parts, " ")
		}
	case "Log.entryAdded":
		var e struct {
			Entry struct {
				Level, Source, Text, URL string
			} `json:"entry"`
		}
		_ = json.Unmarshal(params, &e)
		if e.Entry.Level == "error" {
			return "log (" + e.Entry.Source + "): " + e.Entry.Text + " " + e.Entry.URL
		}
	}
	return ""
}

// Errors returns the problems the page reported so far.
func (p *Page) Errors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errs...)
}

// Call invokes a DevTools method and decodes its result into result (which
// may be nil).
func (p *Page) Call(ctx context.Context, method string, params, result any) error {
	p.mu.Lock()
	if p.readErr != nil {
		p.mu.Unlock()
		return p.readErr
	}
	p.nextID++
	id := p.nextID
	ch := make(chan rpcReply, 1)
	p.pending[id] = ch
	p.mu.Unlock()
	req := map[string]any{"id": id, "method": method}
	if params != nil {
		req["params"] = params
	}
	data, err := json.Marshal(req)
	if err != nil {
		return err
	}
	if err := p.ws.WriteText(data); err != nil {
		return err
	}
	select {
	case r, ok := <-ch:
		if !ok {
			return fmt.Errorf("%s: connection to the browser lost", method)
		}
		if r.Error != nil {
			return fmt.Errorf("%s: %s (%d)", method, r.Error.Message, r.Error.Code)
		}
		if result != nil {
			return json.Unmarshal(r.Result, result)
		}
		return nil
	case <-ctx.Done():
		p.mu.Lock()
		delete(p.pending, id)
		p.mu.Unlock()
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// Eval evaluates a JavaScript expression in the page (awaiting it if it is
// a promise) and decodes its JSON value into out (which may be nil).
func (p *Page) Eval(ctx context.Context, expr string, out any) error {
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	err := p.Call(ctx, "Runtime.evaluate", map[string]any{
		"expression": expr, "returnByValue": true, "awaitPromise": true,
	}, &r)
	if err != nil {
		return err
	}
	if e := r.ExceptionDetails; e != nil {
		return fmt.Errorf("evaluate %q: %s %s", expr, e.Text, e.Exception.Description)
	}
	if out != nil && len(r.Result.Value) > 0 {
		return json.Unmarshal(r.Result.Value, out)
	}
	return nil
}

// Screenshot returns a PNG of the page as it is shown.
func (p *Page) Screenshot(ctx context.Context) ([]byte, error) {
	var r struct {
		Data []byte `json:"data"` // base64 in JSON, decoded by encoding/json
	}
	err := p.Call(ctx, "Page.captureScreenshot", map[string]any{"format": "png"}, &r)
	return r.Data, err
}

// lockedBuffer collects a process's output safely while it runs.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// WaitEval evaluates expr every 25 ms until ok accepts its value, and
// returns that value; when ctx ends first, it returns the last value seen
// and the reason. Tests poll the page this way instead of sleeping: a
// loaded machine only makes them slower, never wrong.
func WaitEval[T any](ctx context.Context, p *Page, expr string, ok func(T) bool) (T, error) {
	var last T
	for {
		var v T
		err := p.Eval(ctx, expr, &v)
		if err == nil {
			last = v
			if ok(v) {
				return v, nil
			}
		}
		select {
		case <-ctx.Done():
			if err != nil {
				return last, err
			}
			return last, ctx.Err()
		case <-time.After(25 * time.Millisecond):
		}
	}
}
