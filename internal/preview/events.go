package preview

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wardley-maps/wardley/diag"
)

// Message is what a page receives on each change, as the JSON data of a
// "map" event.
type Message struct {
	// Seq numbers the changes of the file the server has seen.
	Seq  int    `json:"seq"`
	File string `json:"file"`
	// Style is the style this stream asked for ("" = the map's own).
	Style string `json:"style"`
	// SVG is the picture, sent only when it differs from the one this
	// stream sent last: a broken map keeps the page's picture.
	SVG *string `json:"svg,omitempty"`
	// PictureSeq is the Seq of the source the picture shows (0: there is no
	// picture yet, the map has had errors from the start).
	PictureSeq int `json:"pictureSeq"`
	// Stale is true when the picture is not of the file as it is now.
	Stale bool `json:"stale"`
	// Problem is a failure that is not a diagnostic: the file cannot be
	// read, or drawing failed.
	Problem     string           `json:"problem,omitempty"`
	Errors      int              `json:"errors"`
	Warnings    int              `json:"warnings"`
	Diagnostics []PageDiagnostic `json:"diagnostics"`
}

// PageDiagnostic is one diagnostic as the page shows it. The source line is
// split at the diagnostic's range (Before, Span, After) so that the page
// can mark the span without counting bytes; the parts are valid UTF-8 with
// control and bidi-override characters replaced, and the page puts them in
// the document as text, never as markup.
type PageDiagnostic struct {
	Location   string `json:"location"` // "map.owm:3:5"
	Line       int    `json:"line,omitempty"`
	Column     int    `json:"column,omitempty"`
	Severity   string `json:"severity"`
	Code       string `json:"code,omitempty"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion,omitempty"`
	Before     string `json:"before,omitempty"`
	Span       string `json:"span,omitempty"`
	After      string `json:"after,omitempty"`
}

// message builds what a stream for style is sent now; sentSeq is the
// PictureSeq it sent last (-1: none), so that the picture travels only
// when it changed.
func (s *Server) message(style string, sentSeq int) (Message, error) {
	svg, goodSeq, perr := s.picture(style)
	s.mu.Lock()
	st := s.st
	s.mu.Unlock()
	m := Message{
		Seq: st.seq, File: s.cfg.Name, Style: style, PictureSeq: goodSeq,
		Stale: goodSeq != 0 && goodSeq != st.seq, Problem: st.problem,
		Diagnostics: pageDiagnostics(s.cfg.Name, st.src, st.diags),
	}
	m.Errors, m.Warnings = st.diags.Count()
	if perr != nil && m.Problem == "" {
		m.Problem = perr.Error()
	}
	if svg != nil && goodSeq != sentSeq {
		str := string(svg)
		m.SVG = &str
	}
	return m, perr
}

func pageDiagnostics(name string, src []byte, list diag.List) []PageDiagnostic {
	out := make([]PageDiagnostic, 0, len(list))
	lines := diag.NewLines(src)
	for _, d := range list {
		pd := PageDiagnostic{
			Location: name, Severity: d.Severity.String(), Code: d.Code,
			Message: clean(d.Message), Suggestion: clean(d.Suggestion),
		}
		if r := d.Range; r.IsValid() && r.Start.Line <= lines.Count() {
			pd.Line, pd.Column = r.Start.Line, r.Start.Column
			pd.Location = fmt.Sprintf("%s:%d:%d", name, pd.Line, pd.Column)
			start := lines.LineStart(r.Start.Line)
			end := len(src)
			if r.Start.Line < lines.Count() {
				end = lines.LineStart(r.Start.Line+1) - 1
			}
			text := strings.TrimSuffix(string(src[start:end]), "\r")
			from := clampInt(r.Start.Column-1, 0, len(text))
			to := len(text)
			if r.End.Line == r.Start.Line {
				to = clampInt(r.End.Column-1, from, len(text))
			}
			pd.Before, pd.Span, pd.After = clean(text[:from]), clean(text[from:to]), clean(text[to:])
		}
		out = append(out, pd)
	}
	return out
}

func clampInt(v, lo, hi int) int { return max(lo, min(v, hi)) }

// clean makes text safe to show: valid UTF-8, with control characters
// (but tabs) and the bidi overrides and isolates that could make a line
// read differently from what it is ("Trojan Source") shown as U+FFFD.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return r
		case r == utf8.RuneError, r < 0x20, r >= 0x7f && r < 0xa0,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
			r == 0x200e, r == 0x200f, r == 0x061c:
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// serveEvents streams Messages to one page until the page goes away or the
// server stops.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	style := r.URL.Query().Get("style")
	if !validStyle(style) {
		http.Error(w, fmt.Sprintf("unknown style %q", style), http.StatusBadRequest)
		return
	}
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)

	ch := s.subscribe()
	defer s.unsubscribe(ch)
	// A page that stops reading must not hold a handler (and so the
	// shutdown) forever.
	write := func(text string) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if _, err := io.WriteString(w, text); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	sent := -1
	send := func() bool {
		m, err := s.message(style, sent)
		if err != nil && s.cfg.Logf != nil {
			s.cfg.Logf("%v", err)
		}
		if m.SVG != nil {
			sent = m.PictureSeq
		}
		data, err := json.Marshal(m)
		if err != nil {
			return false
		}
		// JSON has no raw newlines, so one data line holds the message.
		return write(fmt.Sprintf("id: %d\nevent: map\ndata: %s\n\n", m.Seq, data))
	}
	// retry: how soon a page reconnects when the stream breaks.
	if !write("retry: 500\n\n") {
		return
	}
	s.mu.Lock()
	ready := s.st.read
	s.mu.Unlock()
	if ready && !send() {
		return
	}
	keepAlive := time.NewTicker(s.cfg.KeepAlive)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.close:
			write("event: bye\ndata: {}\n\n")
			return
		case <-ch:
			if !send() {
				return
			}
		case <-keepAlive.C:
			if !write(": keep-alive\n\n") {
				return
			}
		}
	}
}
