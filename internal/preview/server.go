package preview

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/theme"
)

// RenderFunc draws a map's source as SVG in a style ("" means the style the
// map asks for). When diags holds an error, svg is nil; err is a failure
// that is not the map's fault.
type RenderFunc func(src []byte, style string) (svg []byte, diags diag.List, err error)

// validStyle reports whether a page may ask for style: the map's own (""),
// or one of the themes ("color" is OWM's other spelling of "colour").
func validStyle(style string) bool { return style == "" || theme.Known(style) }

// Config says what a Server shows and how.
type Config struct {
	// Name is the map's name in titles and diagnostics, as the user gave it.
	Name string
	// Render draws the map.
	Render RenderFunc
	// Host is the host the server was asked to listen on. Requests must name
	// it, localhost or an IP address in their Host header: a page on another
	// site that points its own domain name at 127.0.0.1 (DNS rebinding) is
	// refused.
	Host string
	// Logf reports what goes wrong in serving (nil: nothing is reported).
	Logf func(format string, args ...any)
	// KeepAlive is how often an idle event stream sends a comment, so that a
	// dead connection is noticed (0: every 20 seconds).
	KeepAlive time.Duration
}

// Server serves the preview of one map. Create it with New; it is safe for
// concurrent use.
type Server struct {
	cfg   Config
	mux   *http.ServeMux
	close chan struct{} // closed when Serve stops: event streams say goodbye
	once  sync.Once

	mu   sync.Mutex
	st   state
	subs map[chan struct{}]bool
}

// state is what the page shows. seq numbers every change the page should
// see; pictures caches the renders of good by style.
type state struct {
	seq      int
	read     bool // a first Update happened
	src      []byte
	readErr  error
	diags    diag.List
	problem  string
	good     []byte
	goodSeq  int
	pictures map[string][]byte
}

// New returns a Server that shows nothing until the first Update.
func New(cfg Config) *Server {
	if cfg.KeepAlive <= 0 {
		cfg.KeepAlive = 20 * time.Second
	}
	s := &Server{cfg: cfg, close: make(chan struct{}), subs: map[chan struct{}]bool{}}
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /{$}", s.servePage)
	s.mux.HandleFunc("GET /events", s.serveEvents)
	s.mux.HandleFunc("GET /map.svg", s.serveSVG)
	s.mux.HandleFunc("GET /fonts/{file}", s.serveFont)
	return s
}

// Result says what an Update did, for the command to report.
type Result struct {
	// Changed is false when the file was as it was last time: nothing was
	// rendered and the page was not told.
	Changed bool
	// Picture is true when a new picture replaced the old one.
	Picture bool
	// Diags are the diagnostics of the source (nil when it could not be read).
	Diags diag.List
	// Err is a failure to read or to render the map.
	Err error
	// Took is how long rendering took.
	Took time.Duration
}

// Update gives the server the map's source as just read (or the error
// reading it), renders it in the map's own style, and tells every page.
// A source with errors keeps the last good picture on screen.
func (s *Server) Update(src []byte, readErr error) Result {
	s.mu.Lock()
	same := s.st.read && readErr == nil && s.st.readErr == nil && bytes.Equal(src, s.st.src)
	s.mu.Unlock()
	if same {
		// Editors touch files without changing them (chmod events, saves
		// of an unmodified buffer): redrawing would only flicker.
		return Result{}
	}
	res := Result{Changed: true, Err: readErr}
	var svg []byte
	if readErr == nil {
		start := time.Now()
		var err error
		svg, res.Diags, err = s.render(src, "")
		res.Took = time.Since(start)
		if err != nil {
			res.Err = err
		}
	}
	s.mu.Lock()
	st := &s.st
	st.seq++
	st.read = true
	st.src, st.readErr, st.diags, st.problem = src, readErr, res.Diags, ""
	if res.Err != nil {
		st.problem = res.Err.Error()
	}
	if res.Err == nil && !res.Diags.HasErrors() && svg != nil {
		st.good, st.goodSeq = src, st.seq
		st.pictures = map[string][]byte{"": svg}
		res.Picture = true
	}
	s.notifyLocked()
	s.mu.Unlock()
	return res
}

func (s *Server) notifyLocked() {
	for ch := range s.subs {
		select {
		case ch <- struct{}{}:
		default: // already told; it will read the latest state
		}
	}
}

func (s *Server) subscribe() chan struct{} {
	ch := make(chan struct{}, 1)
	s.mu.Lock()
	s.subs[ch] = true
	s.mu.Unlock()
	return ch
}

func (s *Server) unsubscribe(ch chan struct{}) {
	s.mu.Lock()
	delete(s.subs, ch)
	s.mu.Unlock()
}

// picture returns the last good picture in style, rendering it on first
// demand; goodSeq says which version of the source it shows (0: there is
// no good version yet).
func (s *Server) picture(style string) (svg []byte, goodSeq int, err error) {
	if style == "color" {
		style = "colour"
	}
	s.mu.Lock()
	good, goodSeq := s.st.good, s.st.goodSeq
	svg = s.st.pictures[style]
	s.mu.Unlock()
	if good == nil || svg != nil {
		return svg, goodSeq, nil
	}
	// Rendered outside the lock, so that pages asking for another style
	// never hold up the others.
	svg, diags, err := s.render(good, style)
	if err == nil && svg == nil {
		err = fmt.Errorf("cannot draw the map in the %s style: %v", style, diags.Err())
	}
	if err != nil {
		return nil, goodSeq, err
	}
	s.mu.Lock()
	if s.st.goodSeq == goodSeq {
		s.st.pictures[style] = svg
	}
	s.mu.Unlock()
	return svg, goodSeq, nil
}

// render calls the renderer, turning a panic (a bug in wardley) into an
// error: a preview that has run for an hour should say so on the page and
// keep running, not die with a stack trace.
func (s *Server) render(src []byte, style string) (svg []byte, diags diag.List, err error) {
	defer func() {
		if r := recover(); r != nil {
			svg, diags = nil, nil
			err = fmt.Errorf("internal error drawing the map: %v (this is a bug in wardley; please report it with the map)", r)
		}
	}()
	return s.cfg.Render(src, style)
}

// Serve answers requests on ln until ctx is done, then closes the event
// streams (pages are told the preview stopped), waits briefly for requests
// in flight and returns nil. An error means ln failed.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
		// No WriteTimeout: event streams live as long as the page; each
		// write sets its own deadline instead.
		ErrorLog: log.New(logWriter{s.cfg.Logf}, "", 0),
	}
	// Browsers open connections ahead of need; one that never carried a
	// request would hold Shutdown for five seconds, so Serve closes them.
	var mu sync.Mutex
	fresh := map[net.Conn]bool{}
	hs.ConnState = func(c net.Conn, st http.ConnState) {
		mu.Lock()
		defer mu.Unlock()
		if st == http.StateNew {
			fresh[c] = true
		} else {
			delete(fresh, c)
		}
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.once.Do(func() { close(s.close) }) // event streams say goodbye and end
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	shut := make(chan error, 1)
	go func() { shut <- hs.Shutdown(sctx) }()
	mu.Lock()
	for c := range fresh {
		c.Close()
	}
	mu.Unlock()
	if err := <-shut; err != nil {
		hs.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

type logWriter struct{ logf func(string, ...any) }

func (w logWriter) Write(p []byte) (int, error) {
	if w.logf != nil {
		w.logf("%s", bytes.TrimRight(p, "\n"))
	}
	return len(p), nil
}

// ServeHTTP serves the page (/), its event stream (/events), the current
// picture (/map.svg) and the embedded fonts (/fonts/).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
	if !s.allowedHost(r.Host) {
		http.Error(w, "wardley watch answers only requests for localhost, an IP address or the --host name", http.StatusForbidden)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// allowedHost accepts IP literals, localhost and the configured host.
// DNS rebinding needs a domain name that resolves to us, so refusing other
// names keeps other sites' pages from reading the map.
func (s *Server) allowedHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	if len(host) > 1 && host[0] == '[' && host[len(host)-1] == ']' {
		host = host[1 : len(host)-1]
	}
	switch {
	case host == "":
		return false
	case net.ParseIP(host) != nil:
		return true
	case strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost"):
		return true
	}
	return s.cfg.Host != "" && strings.EqualFold(host, s.cfg.Host)
}

func (s *Server) servePage(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", pageCSP())
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	_, _ = io.WriteString(w, page)
}

// svgCSP is for the picture opened on its own: it has no scripts, and may
// load nothing but what it embeds.
const svgCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; sandbox"

func (s *Server) serveSVG(w http.ResponseWriter, r *http.Request) {
	style := r.URL.Query().Get("style")
	if !validStyle(style) {
		http.Error(w, fmt.Sprintf("unknown style %q", style), http.StatusBadRequest)
		return
	}
	svg, _, err := s.picture(style)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if svg == nil {
		http.Error(w, "the map has not been drawn yet: it has errors", http.StatusNotFound)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "image/svg+xml")
	h.Set("Content-Security-Policy", svgCSP)
	_, _ = w.Write(svg)
}
