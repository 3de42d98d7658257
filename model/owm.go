package model

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/internal/jsnum"
)

// OWM returns the map as JSON in the shape of OnlineWardleyMaps' own parse
// (wmlandscape's UnifiedWardleyMap, spec §3.2): the same keys, nesting and
// key order, numbers printed as JavaScript prints them, so that tools built
// around OWM can read our output. Differences from OWM's output:
//
//   - line numbers (and the ids derived from them) are the real 1-based
//     source lines; OWM's are shifted by multi-line block comments;
//   - errors hold one record per line that has an error diagnostic:
//     {line (0-based, as OWM's ParseError), name "ParseError", message,
//     code}; OWM's "Decorator error" records are not reproduced;
//   - showEvolutionAxis and showValueChainAxis are present, as in current
//     OWM (wmlandscape 3.0.1 lacks them);
//   - the map is the map as we read it: where OWM misreads a line, we
//     follow the author (docs/compat.md), and so does this JSON.
//
// diags are the map's diagnostics (for errors). The output ends with a
// newline and is the same bytes for the same input.
func (m *Map) OWM(diags diag.List) []byte {
	w := &jw{}
	w.open('{')
	w.key("title").str(m.Title)
	w.key("presentation").open('{')
	w.key("style").str(m.Style)
	w.key("annotations").open('{')
	w.key("visibility").num(m.AnnotationsAt.Visibility)
	w.key("maturity").num(m.AnnotationsAt.Maturity)
	w.close('}')
	w.key("size").open('{')
	w.key("width").num(m.Size.Width)
	w.key("height").num(m.Size.Height)
	w.close('}')
	w.close('}')

	w.key("errors").open('[')
	seen := map[int]bool{}
	for _, d := range diags {
		if d.Severity != diag.Error || seen[d.Range.Start.Line] {
			continue
		}
		seen[d.Range.Start.Line] = true
		w.item().open('{')
		w.key("line").num(float64(d.Range.Start.Line - 1))
		w.key("name").str("ParseError")
		w.key("message").str(d.Message)
		w.key("code").str(d.Code)
		w.close('}')
	}
	w.close(']')

	for _, k := range []ElementKind{Component, Anchor, Submap} {
		w.key(map[ElementKind]string{Component: "components", Anchor: "anchors", Submap: "submaps"}[k]).open('[')
		for _, e := range m.Elements {
			if e.Kind == k {
				w.item()
				owmElement(w, e)
			}
		}
		w.close(']')
	}
	w.key("markets").open('[').close(']')
	w.key("ecosystems").open('[').close(']')

	w.key("evolved").open('[')
	for _, ev := range m.Evolutions {
		w.item().open('{')
		w.key("name").str(ev.Name)
		w.key("maturity").num(ev.Maturity)
		if !ev.noLabel {
			w.key("label")
			owmOffset(w, ev.Label)
		}
		override := ev.Rename
		if ev.owmOverride != "" {
			override = ev.owmOverride
		}
		w.key("override").str(override)
		w.key("line").num(float64(ev.Line))
		w.key("decorators")
		owmDecorators(w, ev.Decorators)
		w.key("increaseLabelSpacing").num(float64(ev.LabelSpacing))
		w.close('}')
	}
	w.close(']')

	w.key("pipelines").open('[')
	for _, p := range m.Pipelines {
		w.item().open('{')
		w.key("id").num(float64(p.Line))
		w.key("name").str(p.Name)
		v := 0.0
		if p.Parent != nil {
			v = p.Parent.Coord.Visibility
		}
		w.key("visibility").num(v)
		w.key("line").num(float64(p.Line))
		w.key("components").open('[')
		for _, ch := range p.Children {
			w.item().open('{')
			w.key("id").str(strconv.Itoa(p.Line) + "-" + strconv.Itoa(ch.Line-1))
			w.key("name").str(ch.Name)
			w.key("maturity").num(ch.Coord.Maturity)
			w.key("visibility").num(0)
			w.key("line").num(float64(ch.Line))
			w.key("label")
			owmOffset(w, ch.Label)
			w.close('}')
		}
		w.close(']')
		w.key("inertia").boolean(false)
		w.key("hidden").boolean(p.Hidden)
		w.key("maturity1").num(p.Maturity1)
		w.key("maturity2").num(p.Maturity2)
		w.close('}')
	}
	w.close(']')

	w.key("evolution").open('[')
	for _, st := range m.Stages {
		w.item().open('{')
		w.key("line1").str(st.Line1)
		w.key("line2").str(st.Line2)
		w.close('}')
	}
	w.close(']')
	w.key("showEvolutionAxis").boolean(!m.HideEvolutionAxis)
	w.key("showValueChainAxis").boolean(!m.HideValueChainAxis)

	w.key("links").open('[')
	for _, l := range m.Links {
		if l.broken {
			continue
		}
		future, past := l.Kind == FlowBackward, l.Kind == FlowBoth
		if l.labelledFlow {
			// OWM's labelled flows set the flags the other way round, and
			// record the link twice: with the value, then with the context.
			future, past = l.Kind != FlowBackward, l.Kind != FlowForward
			w.item().open('{')
			w.key("start").str(l.Start)
			w.key("end").str(l.End)
			w.key("flow").boolean(true)
			w.key("flowValue").str(l.FlowValue)
			w.key("future").boolean(future)
			w.key("past").boolean(past)
			w.close('}')
		}
		w.item().open('{')
		w.key("start").str(l.Start)
		w.key("end").str(l.End)
		w.key("flow").boolean(l.Flow() || l.labelledFlow)
		w.key("future").boolean(future)
		w.key("past").boolean(past)
		if l.hasContext {
			w.key("context").str(l.Context)
		}
		w.close('}')
	}
	w.close(']')

	w.key("annotations").open('[')
	for _, a := range m.Annotations {
		w.item().open('{')
		owmHead(w, a.Line)
		if a.NumberOK {
			w.key("number").num(float64(a.Number))
		} else {
			w.key("number").null()
		}
		w.key("occurances").open('[')
		for _, at := range a.At {
			w.item().open('{')
			w.key("visibility").num(at.Visibility)
			w.key("maturity").num(at.Maturity)
			w.close('}')
		}
		w.close(']')
		w.key("text").str(a.Text)
		w.close('}')
	}
	w.close(']')

	w.key("notes").open('[')
	for _, n := range m.Notes {
		w.item().open('{')
		owmHead(w, n.Line)
		w.key("text").str(n.Text)
		w.key("maturity").num(n.Coord.Maturity)
		w.key("visibility").num(n.Coord.Visibility)
		w.close('}')
	}
	w.close(']')
	w.key("methods").open('[').close(']')

	w.key("urls").open('[')
	for _, u := range m.URLs {
		w.item().open('{')
		owmHead(w, u.Line)
		w.key("name").str(u.Name)
		if u.hasAddress {
			w.key("url").str(u.Address)
		}
		w.close('}')
	}
	w.close(']')

	w.key("attitudes").open('[')
	for _, a := range m.Attitudes {
		w.item().open('{')
		owmHead(w, a.Line)
		w.key("attitude").str(a.Kind.String())
		w.key("maturity").num(a.From.Maturity)
		w.key("visibility").num(a.From.Visibility)
		w.key("maturity2").num(a.To.Maturity)
		w.key("visibility2").num(a.To.Visibility)
		if a.hasCoords {
			// OWM reads the old pixel size after the `]`: the width is
			// always there ("" when nothing follows), the height when given.
			w.key("width").str(a.Width)
			if a.Height != "" {
				w.key("height").str(a.Height)
			}
		}
		w.close('}')
	}
	w.close(']')

	w.key("accelerators").open('[')
	for _, a := range m.Accelerators {
		w.item().open('{')
		owmHead(w, a.Line)
		w.key("name").str(a.Name)
		w.key("maturity").num(a.Coord.Maturity)
		w.key("visibility").num(a.Coord.Visibility)
		w.key("deaccelerator").boolean(a.Deaccelerator)
		w.close('}')
	}
	w.close(']')
	w.close('}')
	w.b.WriteByte('\n')
	return []byte(w.b.String())
}

// owmHead writes the id, line and increaseLabelSpacing that OWM's records
// of notes, annotations, urls, attitudes and accelerators start with.
func owmHead(w *jw, line int) {
	w.key("id").num(float64(line))
	w.key("line").num(float64(line))
	w.key("increaseLabelSpacing").num(0)
}

// owmElement writes a component, anchor or submap as OWM's
// UnifiedComponent, as its parser reports it (before the render model).
func owmElement(w *jw, e *Element) {
	w.open('{')
	w.key("maturity").num(e.Coord.Maturity)
	w.key("visibility").num(e.Coord.Visibility)
	if e.Kind != Anchor && !e.noLabel {
		w.key("label")
		owmOffset(w, e.Label)
	}
	w.key("evolving").boolean(e.InlineEvolve != "")
	w.key("evolved").boolean(false)
	w.key("inertia").boolean(e.Inertia)
	w.key("pseudoComponent").boolean(false)
	w.key("offsetY").num(0)
	w.key("increaseLabelSpacing").num(float64(e.LabelSpacing))
	w.key("pipeline").boolean(false)
	w.key("id").num(float64(e.Line))
	w.key("name").str(e.Name)
	w.key("type").str(e.Kind.String())
	w.key("line").num(float64(e.Line))
	if e.Kind != Anchor {
		if e.InlineEvolve != "" {
			w.key("evolveMaturity").str(e.InlineEvolve)
		} else {
			w.key("evolveMaturity").null()
		}
	}
	w.key("decorators")
	owmDecorators(w, e.Decorators)
	if e.Kind == Submap && e.URLName != "" {
		w.key("url").str(e.URLName)
	}
	w.close('}')
}

func owmOffset(w *jw, o Offset) {
	w.open('{')
	w.key("x").num(o.X)
	w.key("y").num(o.Y)
	w.close('}')
}

func owmDecorators(w *jw, d Decorators) {
	w.open('{')
	w.key("ecosystem").boolean(d.Ecosystem)
	w.key("market").boolean(d.Market)
	w.key("buy").boolean(d.Method == Buy)
	w.key("build").boolean(d.Method == Build)
	w.key("outsource").boolean(d.Method == Outsource)
	w.close('}')
}

// jw writes JSON as JavaScript's JSON.stringify(value, null, 2) does: keys
// in the order written, two-space indentation, numbers in JavaScript's
// notation (NaN and the infinities as null), strings escaped the same way.
type jw struct {
	b     strings.Builder
	depth int
	// first is true when the current object or array has no member yet.
	first bool
	// empty[i] records, per open level, whether it is still empty (so that
	// `{}` and `[]` stay on one line).
	empty []bool
	// afterKey is set between a key and its value.
	afterKey bool
}

func (w *jw) newline() {
	w.b.WriteByte('\n')
	for i := 0; i < w.depth; i++ {
		w.b.WriteString("  ")
	}
}

// member starts a new member of the current object or array.
func (w *jw) member() {
	if w.afterKey {
		w.afterKey = false
		return
	}
	if len(w.empty) > 0 {
		if !w.empty[len(w.empty)-1] {
			w.b.WriteByte(',')
		}
		w.empty[len(w.empty)-1] = false
		w.newline()
	}
}

func (w *jw) key(k string) *jw {
	w.member()
	w.quote(k)
	w.b.WriteString(": ")
	w.afterKey = true
	return w
}

// item starts an array element.
func (w *jw) item() *jw {
	w.member()
	w.afterKey = true
	return w
}

func (w *jw) open(c byte) *jw {
	w.member()
	w.b.WriteByte(c)
	w.depth++
	w.empty = append(w.empty, true)
	return w
}

func (w *jw) close(c byte) *jw {
	w.depth--
	empty := w.empty[len(w.empty)-1]
	w.empty = w.empty[:len(w.empty)-1]
	if !empty {
		w.newline()
	}
	w.b.WriteByte(c)
	return w
}

func (w *jw) str(s string) *jw {
	w.member()
	w.quote(s)
	return w
}

func (w *jw) num(f float64) *jw {
	w.member()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		w.b.WriteString("null")
		return w
	}
	w.b.WriteString(jsnum.Format(f))
	return w
}

func (w *jw) boolean(v bool) *jw {
	w.member()
	if v {
		w.b.WriteString("true")
	} else {
		w.b.WriteString("false")
	}
	return w
}

func (w *jw) null() *jw {
	w.member()
	w.b.WriteString("null")
	return w
}

// quote writes s as JSON.stringify does: `"` and `\` escaped, control
// characters as \b \f \n \r \t or \u00XX, everything else as is.
func (w *jw) quote(s string) {
	const hex = "0123456789abcdef"
	b := &w.b
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			b.WriteByte(c)
			i++
			continue
		}
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if c < 0x20 {
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xf])
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				// Invalid UTF-8: JavaScript strings hold UTF-16, so OWM
				// would have seen U+FFFD here.
				b.WriteString("\uFFFD")
			} else {
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		}
		i++
	}
	b.WriteByte('"')
}
