package model

import (
	"fmt"
	"math"
	"strings"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/internal/jsnum"
	"github.com/wardley-maps/wardley/parser"
)

// OWM reads component and evolve lines with substring tests over the whole
// line (spec §2.2-§2.6), which misreads some lines: a decorator word inside
// a name applies the decorator, `inertia` anywhere gives inertia, the name
// runs to the first ` [`. We read such lines as their authors meant, and
// say where OWM would read them differently: the functions below compute
// OWM's reading of the line and compare it with ours, so that each
// difference is reported where it arises, whatever its cause.

// owmLine is a statement's line as OWM's scanners see it: from the start
// of the line to the end of the statement (comments are gone).
func (c *compiler) owmLine(n parser.Node) string {
	sp := n.Span()
	start := c.f.Lines.LineStart(c.pos(sp.Pos).Line)
	return c.f.Text(parser.Span{Pos: start, End: sp.End})
}

// owmComponent is what OWM's component scanner reads from a line.
type owmComponent struct {
	name       string
	quoted     bool
	coord      Coord
	inertia    bool
	decorators Decorators
	labelOK    bool // a `label [x, y]` was read (or none was written)
	label      Offset
}

func readOWMComponent(line, keyword string) owmComponent {
	var o owmComponent
	start := strings.Index(line, keyword)
	after := strings.TrimSpace(line[start+len(keyword):])
	switch {
	case strings.HasPrefix(after, `"`):
		o.quoted = true
	case strings.HasPrefix(after, "["):
		o.name = ""
	default:
		o.name, _, _ = strings.Cut(after, " [")
		o.name = strings.TrimSpace(o.name)
	}
	o.coord = owmLocation(line, DefaultVisibility, DefaultMaturity)
	o.inertia = strings.Contains(line, "inertia")
	open, close := strings.Index(line, "("), strings.Index(line, ")")
	within := func(w string) bool {
		i := strings.Index(line, w)
		return i > -1 && open < i && close > i
	}
	spacing := 0
	for _, m := range []Method{Build, Buy, Outsource} {
		if within(m.String()) {
			o.decorators.Method = m
			spacing = 2
			break
		}
	}
	if within("market") || strings.HasPrefix(line, "market") {
		o.decorators.Market = true
		spacing = 2
	}
	if within("ecosystem") || strings.HasPrefix(line, "ecosystem") {
		o.decorators.Ecosystem = true
		spacing = 3
	}
	o.label = defaultLabel(spacing)
	o.labelOK = true
	if strings.Contains(line, "label ") {
		_, rest, found := strings.Cut(line, "label [")
		if !found || !strings.Contains(rest, "]") {
			o.labelOK = false
		} else {
			vals := strings.Split(rest[:strings.Index(rest, "]")], ",")
			x, _, _ := parser.ParseFloat(vals[0])
			y := math.NaN()
			if len(vals) > 1 {
				y, _, _ = parser.ParseFloat(vals[1])
			}
			o.label = Offset{x, y}
		}
	}
	return o
}

// owmLocation reads the first bracket list of a line as OWM does.
func owmLocation(line string, v, m float64) Coord {
	i := strings.Index(line, "[")
	if i < 0 || !strings.Contains(line, "]") {
		return Coord{v, m}
	}
	inner, _, _ := strings.Cut(line[i+1:], "]")
	parts := strings.Split(strings.Join(strings.Fields(inner), ""), ",")
	get := func(k int, def float64) float64 {
		if k >= len(parts) {
			return def
		}
		f, ok, _ := parser.ParseFloat(parts[k])
		if !ok {
			return def
		}
		return f
	}
	return Coord{get(0, v), get(1, m)}
}

// checkElementCompat warns where OWM reads a component or submap line
// differently from us. Most lines read the same; the cheap tests come
// first, so that only lines with something unusual pay for reading them
// as OWM does.
func (c *compiler) checkElementCompat(e *Element, s *parser.Component, mods modifiers) {
	kw := c.f.Keyword(s.Keyword)
	if (kw != "component" && kw != "submap") || c.f.Recovered(s) {
		return
	}
	line := c.owmLine(s)
	lineStart := s.Span().End - len(line)
	r := c.rng(s)
	c.checkNameCompat(line, kw, kw, e.Name, e.nameRangeOr(r))
	// The position: OWM's is the first bracket list of the line, which is
	// ours unless something before our coordinates holds a `[`.
	first := strings.IndexByte(line, '[')
	sameList := (mods.coords == nil && first < 0) || (mods.coords != nil && lineStart+first == mods.coords.Span().Pos)
	if !sameList {
		if o := owmLocation(line, DefaultVisibility, DefaultMaturity); o != e.Coord && !math.IsNaN(o.Visibility) && !math.IsNaN(o.Maturity) {
			c.warn(r, "compat-label", "OWM reads the first `[...]` of the line as the coordinates: it puts `%s` at [%s, %s]", e.Name,
				jsnum.Format(o.Visibility), jsnum.Format(o.Maturity)).
				Suggestion = "write the coordinates right after the name, before `label`"
		}
	}
	if strings.Contains(line, "inertia") != e.Inertia {
		c.warn(r, "compat-inertia", "OWM gives `%s` inertia because its line contains the word `inertia`", e.Name).
			Suggestion = "rename it, or quote the name; add `inertia` after the coordinates if you want inertia"
	}
	if mods.evolve == nil && strings.Contains(line, "evolve ") {
		c.warn(e.nameRangeOr(r), "compat-evolve-word", "OWM reads the `evolve ` in this line as an inline evolve: it marks `%s` as evolving, then fails to draw the map", e.Name).
			Suggestion = "rename it: OWM finds `evolve ` anywhere in the line, even inside quotes"
	}
	if !strings.Contains(line, "(") && !strings.Contains(line, "label") && !strings.HasPrefix(line, "market") && !strings.HasPrefix(line, "ecosystem") {
		return // no decorators and no label for OWM, as for us
	}
	o := readOWMComponent(line, kw)
	if o.decorators != e.Decorators {
		c.warn(r, "compat-decorator", "OWM reads the decorators of `%s` as %s, because of the words in parentheses in the line",
			e.Name, describeDecorators(o.decorators)).
			Suggestion = "avoid build, buy, outsource, market and ecosystem inside parentheses in a name"
	}
	c.checkLabelCompat(line, o, e.Name, e.LabelSet, e.Label, r)
}

// checkNameCompat warns where OWM reads the name on a line differently
// from got (what the statement is, kw its keyword): OWM's name runs to the
// first " [", so `Kettle[0.4, 0.3]` is a name to it.
func (c *compiler) checkNameCompat(line, kw, what, got string, r diag.Range) {
	i := strings.Index(line, kw)
	if i < 0 {
		return
	}
	after := strings.TrimSpace(line[i+len(kw):])
	if strings.HasPrefix(after, `"`) {
		return
	}
	name := ""
	if !strings.HasPrefix(after, "[") {
		name, _, _ = strings.Cut(after, " [")
		name = strings.TrimSpace(name)
	}
	if name == got {
		return
	}
	name = sanitizeLikeOWM(name)
	if name == "" {
		name = parser.RecoveredName
	}
	if name != got {
		msg := fmt.Sprintf("OWM reads this %s's name as `%s`", what, name)
		if kw != "accelerator" && kw != "deaccelerator" { // OWM draws no accelerator names
			msg += fmt.Sprintf(": links to `%s` will not find it in OWM", got)
		}
		d := c.warn(r, "compat-name", "%s", msg)
		d.Suggestion = "write the coordinates right after the name, then the modifiers"
		if strings.HasPrefix(name, got+"[") {
			d.Suggestion = "write a space between the name and its `[`"
		}
	}
}

// checkLabelCompat warns where OWM reads a written `label [x, y]`
// differently (o is OWM's reading of the line): OWM finds the offset by
// the text `label [`, so a tab or a second space after `label` hides it.
func (c *compiler) checkLabelCompat(line string, o owmComponent, name string, set bool, label Offset, r diag.Range) {
	if !set {
		if !o.labelOK {
			c.warn(r, "compat-label", "OWM reads the word `label` in this line as a label offset it cannot read: it reports an error and draws the name of `%s` on its symbol", name).
				Suggestion = "rename it: OWM finds `label ` anywhere in the line, even inside quotes"
		}
		return
	}
	var d *diag.Diagnostic
	switch {
	case !o.labelOK:
		d = c.warn(r, "compat-label", "OWM cannot read this label offset: it reports an error and draws the label of `%s` on its symbol", name)
	case o.label != label && !math.IsNaN(o.label.X) && !math.IsNaN(o.label.Y):
		d = c.warn(r, "compat-label", "OWM reads the label offset of `%s` as [%s, %s]", name, jsnum.Format(o.label.X), jsnum.Format(o.label.Y))
	default:
		return
	}
	if !strings.Contains(line, "label [") {
		d.Suggestion = "write `label [x, y]` with one space after `label`"
	}
}

func (e *Element) nameRangeOr(r diag.Range) diag.Range {
	if e.NameRange.IsValid() {
		return e.NameRange
	}
	return r
}

func describeDecorators(d Decorators) string {
	var parts []string
	if d.Method != NoMethod {
		parts = append(parts, "("+d.Method.String()+")")
	}
	if d.Market {
		parts = append(parts, "(market)")
	}
	if d.Ecosystem {
		parts = append(parts, "(ecosystem)")
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " ")
}

// sanitizeLikeOWM cleans a name as OWM does.
func sanitizeLikeOWM(s string) string {
	clean, _ := parser.CleanName(s)
	return clean
}

// owmMaturity finds the maturity of an evolve line where OWM's regular
// expression /\s[0-9]?\.[0-9]+/ does: the first white space followed by
// at most one digit, a point and digits. It returns the match's bounds,
// white space included, or ok false. (Written out rather than as a
// regexp.Regexp, whose backtracking took a tenth of the compile time of
// a map with evolve lines; TestOWMMaturity checks both agree.)
func owmMaturity(line string) (start, end int, ok bool) {
	digit := func(i int) bool { return i < len(line) && line[i] >= '0' && line[i] <= '9' }
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case ' ', '\t', '\n', '\f', '\r': // RE2's \s
		default:
			continue
		}
		j := i + 1
		if digit(j) {
			j++
		}
		if j >= len(line) || line[j] != '.' || !digit(j+1) {
			continue
		}
		j += 2
		for digit(j) {
			j++
		}
		return i, j, true
	}
	return 0, 0, false
}

// checkEvolveCompat warns where OWM reads an evolve line differently.
func (c *compiler) checkEvolveCompat(s *parser.Evolve, ev *Evolution) {
	if c.f.Recovered(s) {
		return
	}
	line := c.owmLine(s)
	_, section, _ := strings.Cut(line, "evolve ")
	section = strings.TrimSpace(section)
	if section == "" || strings.HasPrefix(section, `"`) {
		// OWM's quoted path: only its maturity rule differs from ours.
		if strings.HasPrefix(section, `"`) && s.Arrow == nil && len(s.Items) > 0 {
			c.warn(c.rng(s), "compat-evolve-maturity", "OWM ignores the maturity of an evolve with a quoted name followed by anything: it evolves `%s` to 0.85", ev.Name).
				Suggestion = "OWM wants nothing after the maturity of a quoted name: unquote the name, or drop what follows"
		}
		return
	}
	name, override, maturity := section, "", DefaultEvolve
	if start, end, ok := owmMaturity(line); ok {
		maturity, _, _ = parser.ParseFloat(line[start:end])
		name, _, _ = strings.Cut(name, jsnum.Format(maturity))
		if a, b, ok := strings.Cut(name, "->"); ok {
			if b2, _, ok2 := strings.Cut(b, "->"); ok2 {
				b = b2
			}
			name, override = strings.TrimSpace(a), strings.TrimSpace(b)
		} else {
			name = strings.TrimSpace(name)
		}
	}
	name = sanitizeLikeOWM(name)
	if name == "" {
		name = parser.RecoveredName
	}
	if d := readOWMComponent(line, "evolve").decorators; d != ev.Decorators {
		c.warn(c.rng(s), "compat-decorator", "OWM reads the decorators of this evolve as %s, because of the words in parentheses in the line",
			describeDecorators(d)).
			Suggestion = "avoid build, buy, outsource, market and ecosystem inside parentheses in a name"
	}
	if s.From != nil {
		return // reported by the parser (compat-evolve-range)
	}
	if name != ev.Name || maturity != ev.Maturity {
		d := c.warn(c.rng(s), "compat-evolve-maturity", "OWM reads this line as evolving `%s` to %s", name, jsnum.Format(maturity))
		switch {
		case s.Maturity == nil:
			d.Suggestion = "give the target maturity, with a decimal point: OWM then reads the line as wardley does"
		case !strings.Contains(c.tokText(*s.Maturity), "."):
			d.Suggestion = fmt.Sprintf("OWM needs a decimal point: write `%s.0`", c.tokText(*s.Maturity))
		case strings.HasPrefix(c.tokText(*s.Maturity), "."):
			d.Suggestion = fmt.Sprintf("write `0%s`", c.tokText(*s.Maturity))
		default:
			d.Suggestion = "quote the name, as in `evolve \"Web 2.0\" 0.8`"
		}
	} else if override != ev.Rename && !(s.Target != nil && s.Target.Quoted) {
		c.warn(c.rng(s), "compat-evolve-maturity", "OWM reads the new name as `%s`", override)
	}
}

// owmAnnotationText is the text OWM reads from an annotation line (spec
// §2.13): after the last `]` of a `[[...]]` list, else between the first
// `]` and the next one.
func owmAnnotationText(line string) string {
	t := strings.TrimSpace(line)
	i := strings.Index(t, "]")
	if i < 0 || i == len(t)-1 {
		return ""
	}
	if strings.Contains(strings.Join(strings.Fields(line), ""), "]]") {
		return strings.TrimSpace(line[strings.LastIndex(line, "]")+1:])
	}
	parts := strings.Split(line, "]")
	return strings.TrimSpace(parts[1])
}
