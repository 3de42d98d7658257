package outline

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/wardley-maps/wardley/internal/jsnum"
	"github.com/wardley-maps/wardley/model"
)

// Map returns the outline of m: the map's settings first, then its
// elements, links, pipelines, evolutions, notes, annotations, attitudes,
// accelerators and urls, each kind sorted by name (then by position) so
// that the order of the source does not matter.
func Map(m *model.Map) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "title %s\n", q(m.Title))
	fmt.Fprintf(&b, "style %s\n", m.Style)
	if m.Size.Width > 0 || m.Size.Height > 0 {
		fmt.Fprintf(&b, "size %s x %s\n", n(m.Size.Width), n(m.Size.Height))
	}
	if m.Stages != model.DefaultStages {
		var s []string
		for _, st := range m.Stages {
			s = append(s, q(strings.TrimSpace(st.Line1+" "+st.Line2)))
		}
		fmt.Fprintf(&b, "evolution axis %s\n", strings.Join(s, " -> "))
	}
	if m.HideEvolutionAxis {
		b.WriteString("evolution axis hidden\n")
	}
	if m.HideValueChainAxis {
		b.WriteString("value chain axis hidden\n")
	}

	var lines []string
	flush := func() {
		slices.Sort(lines)
		for _, l := range lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
		lines = lines[:0]
	}
	for _, e := range m.Elements {
		lines = append(lines, element(e))
	}
	flush()
	for _, l := range m.Links {
		lines = append(lines, link(l))
	}
	flush()
	for _, p := range m.Pipelines {
		lines = append(lines, pipeline(p))
	}
	flush()
	for _, ev := range m.Evolutions {
		s := fmt.Sprintf("evolve %s to %s", q(ev.Name), n(ev.Maturity))
		if ev.Rename != "" {
			s += " as " + q(ev.Rename)
		}
		s += decorators(ev.Decorators, false)
		if ev.LabelSet {
			s += " label " + offset(ev.Label)
		}
		lines = append(lines, s)
	}
	flush()
	for _, nt := range m.Notes {
		lines = append(lines, fmt.Sprintf("note %s at %s", q(nt.Text), coord(nt.Coord)))
	}
	flush()
	for _, a := range m.Annotations {
		num := "?"
		if a.NumberOK {
			num = strconv.Itoa(a.Number)
		}
		var at []string
		for _, c := range a.At {
			at = append(at, coord(c))
		}
		lines = append(lines, fmt.Sprintf("annotation %s %s at %s", num, q(a.Text), strings.Join(at, ", ")))
	}
	flush()
	if len(m.Annotations) > 0 {
		fmt.Fprintf(&b, "annotations box at %s\n", coord(m.AnnotationsAt))
	}
	for _, a := range m.Attitudes {
		lines = append(lines, fmt.Sprintf("%s from %s to %s", a.Kind, coord(a.From), coord(a.To)))
	}
	flush()
	for _, a := range m.Accelerators {
		kind := "accelerator"
		if a.Deaccelerator {
			kind = "deaccelerator"
		}
		lines = append(lines, fmt.Sprintf("%s %s at %s", kind, q(a.Name), coord(a.Coord)))
	}
	flush()
	for _, u := range m.URLs {
		lines = append(lines, fmt.Sprintf("url %s %s", q(u.Name), q(u.Address)))
	}
	flush()
	return b.Bytes()
}

func element(e *model.Element) string {
	s := fmt.Sprintf("%s %s at %s", e.Kind, q(e.Name), coord(e.Coord))
	if e.Kind == model.Anchor {
		return s
	}
	s += decorators(e.Decorators, e.Inertia)
	if e.LabelSet {
		s += " label " + offset(e.Label)
	}
	if e.URLName != "" {
		s += " url " + q(e.URLName)
	}
	return s
}

func decorators(d model.Decorators, inertia bool) string {
	var w []string
	if d.Method != model.NoMethod {
		w = append(w, d.Method.String())
	}
	if d.Market {
		w = append(w, "market")
	}
	if d.Ecosystem {
		w = append(w, "ecosystem")
	}
	if inertia {
		w = append(w, "inertia")
	}
	if len(w) == 0 {
		return ""
	}
	return " (" + strings.Join(w, ", ") + ")"
}

func link(l *model.Link) string {
	s := fmt.Sprintf("%s %s %s", q(l.Start), l.Kind, q(l.End))
	kind := "link"
	if l.Flow() {
		kind = "flow"
	}
	s = kind + " " + s
	if l.FlowValue != "" {
		s += " value " + q(l.FlowValue)
	}
	if l.Context != "" {
		s += " context " + q(l.Context)
	}
	return s
}

func pipeline(p *model.Pipeline) string {
	s := fmt.Sprintf("pipeline %s from %s to %s", q(p.Name), n(p.Maturity1), n(p.Maturity2))
	if p.Hidden {
		s += " (hidden)"
	}
	var kids []string
	for _, c := range p.Children {
		k := fmt.Sprintf("%s at %s", q(c.Name), n(c.Coord.Maturity))
		if c.LabelSet {
			k += " label " + offset(c.Label)
		}
		kids = append(kids, k)
	}
	slices.Sort(kids)
	if len(kids) > 0 {
		s += ": " + strings.Join(kids, ", ")
	}
	return s
}

func coord(c model.Coord) string { return "[" + n(c.Visibility) + ", " + n(c.Maturity) + "]" }

func offset(o model.Offset) string { return "[" + n(o.X) + ", " + n(o.Y) + "]" }

func n(f float64) string { return jsnum.Format(f) }

// q quotes a name so that spaces, quotes and line breaks in it are
// unambiguous.
func q(s string) string { return strconv.Quote(s) }
