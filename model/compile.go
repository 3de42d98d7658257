package model

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/internal/jsnum"
	"github.com/wardley-maps/wardley/parser"
)

// OWM's defaults (spec §2).
const (
	DefaultVisibility    = 0.9
	DefaultMaturity      = 0.1
	DefaultEvolve        = 0.85
	DefaultChildMaturity = 0.2
	DefaultPipelineM1    = 0.2
	DefaultPipelineM2    = 0.8
	DefaultVisibility2   = 0.8
	DefaultMaturity2     = 0.2
	UntitledMap          = "Untitled Map"
)

// DefaultLabel is the label offset of an element without decorators.
var DefaultLabel = Offset{X: 5, Y: -10}

// CompileSource parses and compiles a map in one call. The diagnostics of
// both stages come sorted by position. The syntax tree lives only for the
// call (parser.Use): a Map keeps strings of it, never its nodes.
func CompileSource(name string, src []byte) (*Map, diag.List) {
	return (&compiler{}).compileSource(name, src)
}

// compileSource parses src in the parser's pooled memory and compiles it
// with c; the tree dies (or goes back to the parser's pool) once compiled.
func (c *compiler) compileSource(name string, src []byte) (m *Map, diags diag.List) {
	parser.Use(name, src, func(f *parser.File, parsed diag.List) {
		diags = parsed
		var more diag.List
		m, more = c.compile(f)
		diags.Append(more)
	})
	diags.Sort()
	return m, diags
}

// Compile turns a parsed file into a Map. It never fails: the Map holds
// everything that could be read (with OWM's defaults where something is
// missing), and the diagnostics say what is wrong or suspicious. Compile
// does not repeat the parser's diagnostics.
func Compile(f *parser.File) (*Map, diag.List) {
	return (&compiler{}).compile(f)
}

// Use compiles src as CompileSource does and calls use with the Map and
// the diagnostics. Once use returns, the memory of the Map (its elements,
// links and lists) and of its syntax tree goes to later calls of Use,
// which saves most of a compile's allocations: use must keep nothing of
// the Map but strings, which are never reused. The diagnostics are the
// caller's to keep.
func Use(name string, src []byte, use func(*Map, diag.List)) {
	if len(src) > parser.MaxPooled {
		// A big map's compiler is not kept: the Map can die as soon as
		// use is done with it, before use returns.
		use(CompileSource(name, src))
		return
	}
	c := compilers.Get().(*compiler)
	use(c.compileSource(name, src))
	c.reset()
	compilers.Put(c)
}

var compilers = sync.Pool{New: func() any { return &compiler{} }}

// reset empties c for another file, keeping its memory: the Map and its
// lists, the blocks of elements and links, the lookup tables and the
// lists of settings. Everything else starts from zero, as in a new
// compiler; the diagnostics went to the caller and are not kept.
func (c *compiler) reset() {
	m := c.m
	clear(m.Elements[:cap(m.Elements)])
	clear(m.Evolutions[:cap(m.Evolutions)])
	clear(m.Links[:cap(m.Links)])
	clear(m.Pipelines[:cap(m.Pipelines)])
	clear(m.Notes[:cap(m.Notes)])
	clear(m.Annotations[:cap(m.Annotations)])
	clear(m.Attitudes[:cap(m.Attitudes)])
	clear(m.Accelerators[:cap(m.Accelerators)])
	clear(m.URLs[:cap(m.URLs)])
	*m = Map{Elements: m.Elements[:0], Evolutions: m.Evolutions[:0], Links: m.Links[:0],
		Pipelines: m.Pipelines[:0], Notes: m.Notes[:0], Annotations: m.Annotations[:0],
		Attitudes: m.Attitudes[:0], Accelerators: m.Accelerators[:0], URLs: m.URLs[:0]}
	clear(c.ids)
	clear(c.used)
	clear(c.exact)
	clear(c.ordered[:cap(c.ordered)])
	clear(c.titles[:cap(c.titles)])
	clear(c.styles[:cap(c.styles)])
	clear(c.sizes[:cap(c.sizes)])
	clear(c.annotations[:cap(c.annotations)])
	clear(c.evolutions[:cap(c.evolutions)])
	clear(c.methods[:cap(c.methods)])
	clear(c.attitudes[:cap(c.attitudes)])
	clear(c.accelerators[:cap(c.accelerators)])
	clear(c.elementBlock[:cap(c.elementBlock)])
	clear(c.linkBlock[:cap(c.linkBlock)])
	*c = compiler{
		m: m, ids: c.ids, used: c.used, exact: c.exact, ordered: c.ordered[:0],
		titles: c.titles[:0], styles: c.styles[:0], sizes: c.sizes[:0], annotations: c.annotations[:0],
		evolutions: c.evolutions[:0], methods: c.methods[:0],
		attitudes: c.attitudes[:0], accelerators: c.accelerators[:0],
		elementBlock: c.elementBlock[:0], linkBlock: c.linkBlock[:0],
	}
}

// compile compiles f with c, a new compiler or one reset.
func (c *compiler) compile(f *parser.File) (*Map, diag.List) {
	c.f = f
	if c.m == nil {
		c.m = &Map{}
	}
	c.m.Title, c.m.Style, c.m.AnnotationsAt = UntitledMap, "plain", Coord{DefaultVisibility, DefaultMaturity}
	c.m.Stages = DefaultStages
	if c.ids == nil {
		c.ids = map[string]int{}
	}
	c.presize(f.Stmts)
	c.checkCount(f.Stmts)
	for _, st := range f.Stmts {
		c.stmt(st, nil)
	}
	c.finishSettings()
	c.groupOWMOrder()
	c.resolve()
	c.assignIDs()
	c.diags.Sort()
	c.f = nil // the tree may be reused once compiled (parser.Use)
	return c.m, c.diags
}

type compiler struct {
	f     *parser.File
	m     *Map
	diags diag.List
	ids   map[string]int

	// settings: every statement of each kind, for first/last-wins rules
	// and duplicate warnings.
	titles      []*parser.Title
	styles      []*parser.Style
	sizes       []*parser.Size
	annotations []*parser.Annotations
	evolutions  []*parser.Evolution
	methods     []*parser.Method
	// attitudes and accelerators in source order, grouped later.
	attitudes    []*Attitude
	accelerators []*Accelerator
	// ordered are the elements in OWM's lookup order (components, anchors,
	// submaps); exact maps each name to the first of them; nameList is
	// every name, for suggestions.
	ordered  []*Element
	exact    map[string]*Element
	nameList []string
	used     map[string]bool
	idText   strings.Builder // see idString
	hintLine int             // see pos
	// elementBlock and linkBlock hold the elements and links (presize).
	elementBlock []Element
	linkBlock    []Link
}

func (c *compiler) warn(r diag.Range, code, format string, args ...any) *diag.Diagnostic {
	c.diags.Add(diag.Warningf(r, code, format, args...))
	return &c.diags[len(c.diags)-1]
}

func (c *compiler) errorf(r diag.Range, code, format string, args ...any) *diag.Diagnostic {
	c.diags.Add(diag.Errorf(r, code, format, args...))
	return &c.diags[len(c.diags)-1]
}

// MaxMapSize is the largest `size` a side, in pixels: a hundred times
// OWM's default, as far as a picture is of any use; beyond it, numbers
// like 1e308 overflow into an empty page.
const MaxMapSize = 100_000

// MaxElements is the most statements (components, links, notes and every
// other line that draws or sets something) a map may have: far more than
// anyone draws (the largest corpus map has a few hundred), few enough that
// layout and rendering stay within seconds and the SVG within a hundred
// megabytes.
const MaxElements = 100_000

// checkCount reports a map with more than MaxElements statements, at the
// first one beyond the limit. The map is still compiled (compiling is
// linear), but the error keeps it from being laid out and drawn.
func (c *compiler) checkCount(stmts []parser.Stmt) {
	n := 0
	var first parser.Stmt
	count := func(ss []parser.Stmt) {
		for _, st := range ss {
			switch st.(type) {
			case *parser.CommentLine, *parser.BadStmt:
				continue
			}
			if n++; n == MaxElements+1 {
				first = st
			}
		}
	}
	count(stmts)
	for _, st := range stmts {
		if p, ok := st.(*parser.Pipeline); ok && p.Block != nil {
			count(p.Block.Stmts)
		}
	}
	if first != nil {
		c.diags.Add(diag.Errorf(c.rng(first), "too-many-elements",
			"the map has %d statements, more than the %d wardley draws", n, MaxElements).
			WithSuggestion("split the map into several maps, linked with `submap`"))
	}
}

// presize sizes the map's slices, the blocks its elements and links come
// from, and the set of ids, for the statements of f: a large map then
// grows nothing.
func (c *compiler) presize(stmts []parser.Stmt) {
	elements, links, evolves, pipelines, notes := 0, 0, 0, 0, 0
	for _, st := range stmts {
		switch st.(type) {
		case *parser.Component:
			elements++
		case *parser.Link:
			links++
		case *parser.Evolve:
			evolves++
		case *parser.Pipeline:
			pipelines++
		case *parser.Note:
			notes++
		}
	}
	// Empty lists are [] in JSON, not null.
	c.m.Elements = room(c.m.Elements, elements)
	c.m.Links = room(c.m.Links, links)
	c.m.Evolutions = room(c.m.Evolutions, evolves)
	c.m.Pipelines = room(c.m.Pipelines, pipelines)
	c.m.Notes = room(c.m.Notes, notes)
	c.m.Annotations, c.m.Attitudes = room(c.m.Annotations, 0), room(c.m.Attitudes, 0)
	c.m.Accelerators, c.m.URLs = room(c.m.Accelerators, 0), room(c.m.URLs, 0)
	// Evolved copies come from the block too: at most one an evolve.
	c.elementBlock = room(c.elementBlock, elements+evolves)
	c.linkBlock = room(c.linkBlock, links)
	// Every element and evolved copy takes an id (pipeline children too,
	// which are not counted: the map grows for them).
	if c.used == nil {
		c.used = make(map[string]bool, elements+evolves)
	}
}

// room returns an empty, non-nil slice with room for n values: s emptied,
// when it has the room (a reset compiler's), or a new one.
func room[T any](s []T, n int) []T {
	if s != nil && cap(s) >= n {
		return s[:0]
	}
	return make([]T, 0, n)
}

// newElement and newLink allocate from the blocks presize made.
func (c *compiler) newElement() *Element {
	if len(c.elementBlock) == cap(c.elementBlock) {
		return &Element{}
	}
	c.elementBlock = c.elementBlock[:len(c.elementBlock)+1]
	return &c.elementBlock[len(c.elementBlock)-1]
}

func (c *compiler) newLink() *Link {
	if len(c.linkBlock) == cap(c.linkBlock) {
		return &Link{}
	}
	c.linkBlock = c.linkBlock[:len(c.linkBlock)+1]
	return &c.linkBlock[len(c.linkBlock)-1]
}

// rng is the range of a node.
func (c *compiler) rng(n parser.Node) diag.Range {
	sp := n.Span()
	return diag.Range{Start: c.pos(sp.Pos), End: c.pos(sp.End)}
}

// line is the 1-based line on which a node starts.
func (c *compiler) line(n parser.Node) int { return c.pos(n.Span().Pos).Line }

// pos converts an offset to a position. Statements are compiled in source
// order, so the line of the previous lookup is tried first: most lookups
// then cost no search at all.
func (c *compiler) pos(off int) diag.Pos {
	l := c.f.Lines
	if n := c.hintLine; n > 0 && off >= l.LineStart(n) && (n == l.Count() || off < l.LineStart(n+1)) {
		return diag.Pos{Offset: off, Line: n, Column: off - l.LineStart(n) + 1}
	}
	p := l.Pos(off)
	c.hintLine = p.Line
	return p
}

// text is the source text of a node.
func (c *compiler) text(n parser.Node) string { return c.f.Text(n.Span()) }

// tokText is the source text of a token. Passed to text, a Tok (a value,
// not a pointer) would be copied to the heap to make the Node interface:
// one allocation for each link's operator.
func (c *compiler) tokText(t parser.Tok) string { return c.f.Text(t.Span()) }

// stmt compiles one statement; pl is the pipeline whose block holds it.
func (c *compiler) stmt(st parser.Stmt, pl *Pipeline) {
	if parser.Bare(st) {
		switch kw, _ := parser.KeywordOf(st); c.f.Keyword(kw) {
		case "title", "style", "valuechain":
		default:
			return // OWM ignores a keyword alone (the parser warned)
		}
	}
	switch s := st.(type) {
	case *parser.Component:
		if pl != nil && c.f.Keyword(s.Keyword) == "component" {
			c.child(s, pl)
			return
		}
		c.element(s)
	case *parser.Evolve:
		c.evolve(s)
	case *parser.Pipeline:
		p := c.pipeline(s)
		if s.Block != nil {
			if p != nil {
				p.Block = true
			}
			for _, inner := range s.Block.Stmts {
				c.stmt(inner, p)
			}
			if p != nil && len(p.Children) == 0 {
				c.warn(c.rng(s.Block.Open), "empty-pipeline", "pipeline block has no children").
					Suggestion = "add children as `component Name [maturity]` lines"
			}
		}
	case *parser.Link:
		c.link(s)
	case *parser.URL:
		c.url(s)
	case *parser.Note:
		c.note(s)
	case *parser.Annotation:
		c.annotation(s)
	case *parser.Annotations:
		c.annotations = append(c.annotations, s)
	case *parser.Attitude:
		c.attitude(s)
	case *parser.Accelerator:
		c.accelerator(s)
	case *parser.Evolution:
		c.evolutions = append(c.evolutions, s)
	case *parser.ValueChain:
		if s.Text != nil && strings.HasPrefix(s.Text.Raw, "--hide") {
			c.m.HideValueChainAxis = true
		}
	case *parser.Style:
		c.styles = append(c.styles, s)
	case *parser.Size:
		c.sizes = append(c.sizes, s)
	case *parser.Title:
		c.titles = append(c.titles, s)
	case *parser.Method:
		c.methods = append(c.methods, s)
		c.legacyMethod(s)
	}
}

// num returns element i of a list as a number, or def when it is missing
// or not a number (OWM's NaN-then-default).
func num(l *parser.List, i int, def float64) float64 {
	if l == nil || i >= len(l.Elems) || !l.Elems[i].NumOK || l.Elems[i].Sub != nil || math.IsInf(l.Elems[i].Num, 0) {
		return def
	}
	return l.Elems[i].Num
}

// numOr0 is num for values OWM leaves as NaN (JSON null): label offsets,
// pipeline extents. We use 0, which is how OWM's renderer treats them.
func numOr0(l *parser.List, i int) float64 { return num(l, i, 0) }

// modifiers is what follows a component's name.
type modifiers struct {
	coords     *parser.List
	label      *parser.Label
	decorators []*parser.DecoratorSet
	inertia    *parser.Tok
	evolve     *parser.InlineEvolve
	url        *parser.Tok
	// order of the first coordinates among the items (0 = first).
	coordsIndex int
}

func (c *compiler) modifiers(items []*parser.Item) modifiers {
	var mods modifiers
	for i, it := range items {
		switch {
		case it.Coords != nil:
			switch {
			case mods.coords == nil:
				mods.coords = it.Coords
				mods.coordsIndex = i
			case i > 0 && items[i-1].Junk != nil:
				// `lable [1, 2]`: reported with the word before it.
			default:
				c.warn(c.rng(it.Coords), "ignored-text", "second coordinates: OWM uses the first ones")
			}
		case it.Label != nil:
			if mods.label == nil {
				mods.label = it.Label
			} else {
				c.warn(c.rng(it.Label), "ignored-text", "second label offset: OWM uses the first one")
			}
		case it.Decorators != nil:
			mods.decorators = append(mods.decorators, it.Decorators)
		case it.Inertia != nil:
			mods.inertia = it.Inertia
		case it.Evolve != nil:
			mods.evolve = it.Evolve
		case it.URL != nil:
			mods.url = it.URL
		}
	}
	return mods
}

// ignoredModifiers warns about the modifiers OWM ignores on anchors and
// pipeline children (what names which).
func (c *compiler) ignoredModifiers(mods modifiers, what string) {
	for _, ds := range mods.decorators {
		c.warn(c.rng(ds), "ignored-modifier", "OWM ignores decorators on %s", what)
	}
	if mods.inertia != nil {
		c.warn(c.rng(mods.inertia), "ignored-modifier", "OWM ignores inertia on %s", what)
	}
	if mods.evolve != nil {
		c.warn(c.rng(mods.evolve), "ignored-modifier", "OWM ignores `evolve` on %s", what)
	}
	if mods.url != nil {
		c.warn(c.rng(mods.url), "ignored-modifier", "url(...) only means something on a submap")
	}
}

// decorate reads decorator lists as OWM does: one method (build, then buy,
// then outsource), market, ecosystem; (inertia) is inertia. It returns
// the label spacing OWM derives (2 for a method or market, 3 for
// ecosystem).
func (c *compiler) decorate(sets []*parser.DecoratorSet) (d Decorators, spacing int, inertia bool) {
	var build, buy, outsource bool
	var methodWords []parser.Decorator
	for _, s := range sets {
		for _, w := range s.Words {
			switch w.Word {
			case "build":
				build = true
				methodWords = append(methodWords, w)
			case "buy":
				buy = true
				methodWords = append(methodWords, w)
			case "outsource":
				outsource = true
				methodWords = append(methodWords, w)
			case "market":
				d.Market = true
			case "ecosystem":
				d.Ecosystem = true
			case "inertia":
				inertia = true
			}
		}
	}
	switch {
	case build:
		d.Method = Build
	case buy:
		d.Method = Buy
	case outsource:
		d.Method = Outsource
	}
	if len(methodWords) > 1 {
		distinct := map[string]bool{}
		for _, w := range methodWords {
			distinct[w.Word] = true
		}
		if len(distinct) > 1 {
			r := diag.Range{Start: c.rng(methodWords[0]).Start, End: c.rng(methodWords[len(methodWords)-1]).End}
			c.warn(r, "conflicting-methods", "a component has one method: OWM keeps `%s`", d.Method).
				Suggestion = "keep only one of (build), (buy), (outsource)"
		}
	}
	if d.Method != NoMethod || d.Market {
		spacing = 2
	}
	if d.Ecosystem {
		spacing = 3
	}
	return d, spacing, inertia
}

// defaultLabel is OWM's label offset for a label spacing.
func defaultLabel(spacing int) Offset {
	if spacing == 0 {
		return DefaultLabel
	}
	s := float64(spacing)
	return Offset{X: DefaultLabel.X * s, Y: DefaultLabel.Y * s}
}

func labelOffset(l *parser.Label) Offset {
	return Offset{X: numOr0(l.Offset, 0), Y: numOr0(l.Offset, 1)}
}

// element compiles a component, submap or anchor line, or a legacy market
// or ecosystem line.
func (c *compiler) element(s *parser.Component) {
	kw := c.f.Keyword(s.Keyword)
	e := c.newElement()
	e.Kind, e.Line, e.Range = Component, c.line(s), c.rng(s)
	switch kw {
	case "anchor":
		e.Kind = Anchor
	case "submap":
		e.Kind = Submap
	}
	c.name(e, s.Name)
	mods := c.modifiers(s.Items)
	e.Coord = c.coord(mods.coords, kw, e.Name, s)
	d, spacing, decoInertia := c.decorate(mods.decorators)
	switch kw {
	case "market", "ecosystem":
		if kw == "market" {
			d.Market = true
			spacing = max(spacing, 2)
		} else {
			d.Ecosystem = true
			spacing = 3
		}
		c.warn(c.rng(s.Keyword), "legacy-statement", "`%s %s` is a legacy form that OWM no longer draws", kw, e.Name).
			Suggestion = fmt.Sprintf("write `component %s [%s, %s] (%s)`", e.Name, jsnum.Format(e.Coord.Visibility), jsnum.Format(e.Coord.Maturity), kw)
	}
	if e.Kind == Anchor {
		// OWM reads only the name and position of an anchor.
		if !c.f.Recovered(s) {
			c.checkNameCompat(c.owmLine(s), kw, kw, e.Name, e.nameRangeOr(c.rng(s)))
		}
		if mods.label != nil {
			c.warn(c.rng(mods.label), "ignored-modifier", "OWM ignores a label offset on an anchor: the name is drawn centred above the point")
		}
		c.ignoredModifiers(mods, "an anchor")
		c.m.Elements = append(c.m.Elements, e)
		return
	}
	e.Decorators = d
	e.LabelSpacing = spacing
	e.Inertia = mods.inertia != nil || decoInertia
	e.Label = defaultLabel(spacing)
	if mods.label != nil {
		e.Label = labelOffset(mods.label)
		e.LabelSet = true
	} else if c.labelWithoutList(s.Items) {
		e.Label, e.noLabel = Offset{}, true
	}
	e.DrawLabel = e.Label
	if mods.url != nil {
		name := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(c.tokText(*mods.url), "url("), ")"))
		if e.Kind == Submap {
			e.URLName = name
			e.urlRange = c.rng(mods.url)
		} else {
			c.warn(c.rng(mods.url), "ignored-modifier", "url(...) only means something on a submap").
				Suggestion = "write `submap` instead of `" + kw + "`"
		}
	}
	if mods.evolve != nil {
		e.InlineEvolve = c.inlineEvolveText(s)
		c.inlineEvolve(e, mods.evolve)
	}
	c.checkElementCompat(e, s, mods)
	c.m.Elements = append(c.m.Elements, e)
}

// labelWithoutList reports a `label` word not followed by `[...]` after
// the name: OWM fails to read it and reports no label at all, which we
// follow (the parser warned).
func (c *compiler) labelWithoutList(items []*parser.Item) bool {
	for _, it := range items {
		if it.Junk != nil && c.tokText(*it.Junk) == "label" {
			return true
		}
	}
	return false
}

// name sets an element's name from the AST, with OWM's fallback.
func (c *compiler) name(e *Element, n *parser.Name) {
	if n == nil || n.Value == "" {
		e.Name = parser.RecoveredName
		if n != nil {
			e.NameRange = c.rng(n)
		}
	} else {
		e.Name = n.Value
		e.NameRange = c.rng(n)
	}
	e.Display = e.Name
}

// coord reads a component's coordinates [visibility, maturity].
func (c *compiler) coord(l *parser.List, kw, name string, s parser.Node) Coord {
	if l == nil {
		r := c.rng(s)
		c.warn(diag.Range{Start: r.End, End: r.End}, "missing-coordinates", "%s `%s` has no coordinates: OWM draws it at [0.9, 0.1]", kw, name).
			Suggestion = "add `[visibility, maturity]` after the name"
		return Coord{DefaultVisibility, DefaultMaturity}
	}
	if len(l.Elems) != 2 && !l.Malformed {
		c.errorf(c.rng(l), "wrong-count", "coordinates need two numbers, [visibility, maturity], got %d", len(l.Elems))
	}
	co := Coord{Visibility: num(l, 0, DefaultVisibility), Maturity: num(l, 1, DefaultMaturity)}
	c.checkRange(l, co.Visibility, co.Maturity)
	return co
}

// checkRange warns about coordinates off the map (OWM draws them off the
// grid). vals are the list's values in order: visibility, maturity, ...
func (c *compiler) checkRange(l *parser.List, vals ...float64) {
	for i, v := range vals {
		what := "visibility"
		if i%2 == 1 {
			what = "maturity"
		}
		r := c.rng(l)
		if i < len(l.Elems) {
			r = c.rng(l.Elems[i])
		}
		c.checkValue(r, what, v)
	}
}

func (c *compiler) checkValue(r diag.Range, what string, v float64) {
	if v < 0 || v > 1 {
		c.warn(r, "out-of-range", "%s %s is outside the map: coordinates go from 0 to 1", what, jsnum.Format(v))
	}
}

// inlineEvolveText is OWM's evolveMaturity for the legacy `component X [v,
// m] evolve 0.8`: the text after `evolve `, without the word inertia.
func (c *compiler) inlineEvolveText(s *parser.Component) string {
	line := c.text(s)
	_, after, _ := strings.Cut(line, "evolve ")
	return strings.TrimSpace(strings.Replace(after, "inertia", "", 1))
}

// inlineEvolve turns the legacy inline evolve into an evolution, as the
// author meant: OWM marks the component as evolving but draws nothing (it
// fails to render the map).
func (c *compiler) inlineEvolve(e *Element, ie *parser.InlineEvolve) {
	r := c.rng(ie)
	d := c.warn(r, "legacy-inline-evolve", "OWM no longer draws an inline `evolve`: it fails to render this map")
	if ie.Maturity == nil {
		d.Suggestion = fmt.Sprintf("write `evolve %s 0.85` on a line of its own", e.Name)
		c.warn(r, "missing-maturity", "inline evolve has no maturity: OWM's text for it is empty")
		return
	}
	m, _, _ := parser.ParseFloat(c.tokText(*ie.Maturity))
	if math.IsInf(m, 0) {
		m = DefaultEvolve
	}
	d.Suggestion = fmt.Sprintf("write `evolve %s %s` on a line of its own", e.Name, c.tokText(*ie.Maturity))
	ev := &Evolution{
		Name: e.Name, Maturity: m, Label: DefaultLabel, Line: e.Line, Range: r,
	}
	c.m.Evolutions = append(c.m.Evolutions, ev)
}

// child compiles a component line inside a pipeline block.
func (c *compiler) child(s *parser.Component, pl *Pipeline) {
	e := &Element{Kind: PipelineChild, Line: c.line(s), Range: c.rng(s), Pipeline: pl}
	c.name(e, s.Name)
	mods := c.modifiers(s.Items)
	e.Coord.Maturity = DefaultChildMaturity
	if mods.coords == nil {
		r := c.rng(s)
		c.warn(diag.Range{Start: r.End, End: r.End}, "missing-coordinates", "pipeline child `%s` has no maturity: OWM puts it at 0.2", e.Name).
			Suggestion = "add `[maturity]` after the name"
	} else {
		e.Coord.Maturity = num(mods.coords, 0, DefaultChildMaturity)
		if len(mods.coords.Elems) > 1 {
			c.warn(c.rng(mods.coords), "child-coordinates", "a pipeline child takes only a maturity: OWM reads %s as the maturity and ignores the rest",
				jsnum.Format(e.Coord.Maturity)).Suggestion = "the child sits on its pipeline's line: write `[maturity]`"
		}
		if len(mods.coords.Elems) > 0 {
			c.checkValue(c.rng(mods.coords.Elems[0]), "maturity", e.Coord.Maturity)
		}
	}
	e.Label = DefaultLabel
	if mods.label != nil {
		e.Label = labelOffset(mods.label)
		e.LabelSet = true
	}
	e.DrawLabel = e.Label
	if !c.f.Recovered(s) {
		line := c.owmLine(s)
		c.checkNameCompat(line, c.f.Keyword(s.Keyword), "pipeline child", e.Name, e.nameRangeOr(c.rng(s)))
		if e.LabelSet {
			c.checkLabelCompat(line, readOWMComponent(line, "component"), e.Name, true, e.Label, c.rng(s))
		}
	}
	c.ignoredModifiers(mods, "a pipeline child")
	if pl != nil {
		pl.Children = append(pl.Children, e)
	}
}

func (c *compiler) evolve(s *parser.Evolve) {
	ev := &Evolution{Maturity: DefaultEvolve, Line: c.line(s), Range: c.rng(s)}
	if s.Source != nil && s.Source.Value != "" {
		ev.Name = s.Source.Value
		ev.nameRange = c.rng(s.Source)
	} else {
		ev.Name = parser.RecoveredName
		ev.nameRange = c.rng(s)
	}
	if s.Target != nil {
		ev.Rename = s.Target.Value
		if s.Target.Quoted && (s.Source == nil || !s.Source.Quoted) {
			// OWM keeps the quotes there (and strips them when drawing).
			ev.owmOverride = s.Target.Raw
		}
	}
	if s.Maturity != nil {
		ev.Maturity, _, _ = parser.ParseFloat(c.tokText(*s.Maturity))
		if math.IsInf(ev.Maturity, 0) {
			c.errorf(c.rng(*s.Maturity), "invalid-number", "`%s` is not a finite number", c.tokText(*s.Maturity))
			ev.Maturity = DefaultEvolve
		}
		if ev.Maturity < 0 || ev.Maturity > 1 {
			c.warn(c.rng(s.Maturity), "out-of-range", "maturity %s is outside the map: coordinates go from 0 to 1", jsnum.Format(ev.Maturity))
		}
	}
	mods := c.modifiers(s.Items)
	d, spacing, _ := c.decorate(mods.decorators)
	ev.Decorators, ev.LabelSpacing = d, spacing
	c.checkEvolveCompat(s, ev)
	ev.Label = defaultLabel(spacing)
	if mods.label != nil {
		ev.Label = labelOffset(mods.label)
		ev.LabelSet = true
	} else if c.labelWithoutList(s.Items) {
		ev.noLabel = true
	}
	if ev.LabelSet && !c.f.Recovered(s) {
		line := c.owmLine(s)
		c.checkLabelCompat(line, readOWMComponent(line, "evolve"), ev.Name, true, ev.Label, c.rng(s))
	}
	if mods.inertia != nil {
		c.warn(c.rng(mods.inertia), "ignored-modifier", "OWM ignores inertia on an evolve line").
			Suggestion = "put `inertia` on the component's line"
	}
	c.m.Evolutions = append(c.m.Evolutions, ev)
}

func (c *compiler) pipeline(s *parser.Pipeline) *Pipeline {
	p := &Pipeline{Line: c.line(s), Range: c.rng(s), Maturity1: DefaultPipelineM1, Maturity2: DefaultPipelineM2}
	if s.Name != nil && s.Name.Value != "" {
		p.Name = s.Name.Value
		p.nameRange = c.rng(s.Name)
	} else {
		p.Name = parser.RecoveredName
		p.nameRange = c.rng(s)
	}
	if s.Extent != nil {
		if len(s.Extent.Elems) < 2 {
			// OWM drops the pipeline (the parser reported it).
			return nil
		}
		p.Maturity1, p.Maturity2 = numOr0(s.Extent, 0), numOr0(s.Extent, 1)
		p.extent = true
		c.checkValue(c.rng(s.Extent.Elems[0]), "maturity", p.Maturity1)
		c.checkValue(c.rng(s.Extent.Elems[1]), "maturity", p.Maturity2)
		if s.Block != nil {
			c.warn(c.rng(s.Extent), "ignored-text", "a pipeline with children takes its extent from them: OWM ignores `%s`", extentText(s.Extent))
		}
	}
	c.m.Pipelines = append(c.m.Pipelines, p)
	return p
}

func extentText(l *parser.List) string {
	var parts []string
	for _, e := range l.Elems {
		parts = append(parts, e.Text)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func (c *compiler) link(s *parser.Link) {
	l := c.newLink()
	l.Line, l.Range = c.line(s), c.rng(s)
	if s.Start != nil {
		l.Start, l.StartRange = s.Start.Value, c.rng(s.Start)
	}
	if s.End != nil {
		l.End, l.EndRange = s.End.Value, c.rng(s.End)
	}
	op := c.tokText(s.Op)
	switch {
	case op == "->":
		l.Kind = Plain
	case op == "+>":
		l.Kind = FlowForward
	case op == "+<":
		l.Kind = FlowBackward
	case op == "+<>":
		l.Kind = FlowBoth
	case strings.HasSuffix(op, "'<>"):
		l.Kind = FlowBoth
	case strings.HasSuffix(op, "'<"):
		l.Kind = FlowBackward
	default:
		l.Kind = FlowForward
	}
	l.FlowValue = s.FlowValue
	l.labelledFlow = strings.HasPrefix(op, "+'")
	l.hasContext = s.Semi != nil
	if s.Context != nil {
		ctx := s.Context.Raw
		if i := strings.IndexByte(ctx, ';'); i >= 0 {
			c.warn(c.rng(s.Context), "ignored-text", "OWM shows the context only up to the next `;`: it ignores `%s`", strings.TrimSpace(ctx[i:]))
			ctx = strings.TrimSpace(ctx[:i])
		}
		l.Context = ctx
	}
	if s.Start == nil || s.End == nil {
		// Reported by the parser; nothing can be drawn.
		l.broken = true
	}
	c.m.Links = append(c.m.Links, l)
}

func (c *compiler) url(s *parser.URL) {
	u := &URL{Line: c.line(s), Range: c.rng(s)}
	if s.Name != nil {
		u.Name = s.Name.Value
	}
	if s.Address != nil {
		addr := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(c.tokText(*s.Address), "["), "]"))
		u.Address = addr
		u.hasAddress = true
		u.Safe = SafeURL(addr)
		if !u.Safe {
			c.warn(c.rng(s.Address), "unsafe-url", "url `%s` is not an http, https, mailto or relative address: it will not be a link", addr)
		}
	}
	c.m.URLs = append(c.m.URLs, u)
}

// SafeURL reports whether an address may become a link: http, https,
// mailto, or a relative reference (no scheme).
func SafeURL(addr string) bool {
	a := strings.TrimSpace(addr)
	// Control characters and spaces inside a scheme are tricks browsers
	// ignore: reject them outright.
	for _, r := range a {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	colon := strings.IndexByte(a, ':')
	if colon < 0 {
		return true
	}
	// A colon after a path or query character is not a scheme separator.
	if i := strings.IndexAny(a, "/?#"); i >= 0 && i < colon {
		return true
	}
	switch strings.ToLower(a[:colon]) {
	case "http", "https", "mailto":
		return true
	}
	return false
}

func (c *compiler) note(s *parser.Note) {
	n := &Note{Line: c.line(s), Range: c.rng(s), Coord: Coord{DefaultVisibility, DefaultMaturity}}
	if s.Text != nil {
		n.Text = s.Text.Value
	}
	if s.Coords != nil {
		n.Coord = Coord{num(s.Coords, 0, DefaultVisibility), num(s.Coords, 1, DefaultMaturity)}
		if len(s.Coords.Elems) != 2 && !s.Coords.Malformed {
			c.errorf(c.rng(s.Coords), "wrong-count", "coordinates need two numbers, [visibility, maturity], got %d", len(s.Coords.Elems))
		}
		c.checkRange(s.Coords, n.Coord.Visibility, n.Coord.Maturity)
	}
	if n.Text == "" {
		c.warn(c.rng(s), "empty-note", "note has no text")
	}
	c.m.Notes = append(c.m.Notes, n)
}

func (c *compiler) annotation(s *parser.Annotation) {
	a := &Annotation{Line: c.line(s), Range: c.rng(s)}
	if s.Number != nil {
		a.Number, a.NumberOK, _ = parser.ParseInt(s.Number.Raw)
	}
	if s.Text != nil {
		a.Text = s.Text.Raw
		if owm := owmAnnotationText(c.owmLine(s)); owm != a.Text {
			c.warn(c.rng(s.Text), "compat-annotation-text", "OWM cuts this annotation's text at its `]`: it shows `%s`", owm).
				Suggestion = "avoid `]` in annotation text"
		}
	}
	if s.Coords == nil {
		// OWM drops an annotation without coordinates (the parser warned).
		return
	}
	if len(s.Coords.Elems) > 0 && s.Coords.Elems[0].Sub != nil {
		for _, e := range s.Coords.Elems {
			if e.Sub == nil {
				continue
			}
			co := Coord{num(e.Sub, 0, DefaultVisibility), num(e.Sub, 1, DefaultMaturity)}
			c.checkRange(e.Sub, co.Visibility, co.Maturity)
			a.At = append(a.At, co)
		}
	} else {
		if len(s.Coords.Elems) != 2 && !s.Coords.Malformed {
			c.errorf(c.rng(s.Coords), "wrong-count", "coordinates need two numbers, [visibility, maturity], got %d", len(s.Coords.Elems))
		}
		co := Coord{num(s.Coords, 0, DefaultVisibility), num(s.Coords, 1, DefaultMaturity)}
		c.checkRange(s.Coords, co.Visibility, co.Maturity)
		a.At = append(a.At, co)
	}
	c.m.Annotations = append(c.m.Annotations, a)
}

func (c *compiler) attitude(s *parser.Attitude) {
	a := &Attitude{Line: c.line(s), Range: c.rng(s)}
	switch c.f.Keyword(s.Keyword) {
	case "settlers":
		a.Kind = Settlers
	case "townplanners":
		a.Kind = TownPlanners
	}
	l := s.Coords
	a.From = Coord{num(l, 0, DefaultVisibility), num(l, 1, DefaultMaturity)}
	a.To = Coord{num(l, 2, DefaultVisibility2), num(l, 3, DefaultMaturity2)}
	if l != nil {
		a.hasCoords = true
		c.checkRange(l, a.From.Visibility, a.From.Maturity, a.To.Visibility, a.To.Maturity)
		var words []string
		for _, t := range s.Rest {
			words = append(words, c.text(t))
		}
		switch {
		case len(l.Elems) == 2 && len(words) > 0:
			a.Width = words[0]
			if len(words) > 1 {
				a.Height = words[1]
			}
			c.warn(c.rng(s.Rest[0]), "legacy-attitude-size", "OWM ignores the pixel size of the old `%s [v, m] width height` form: it draws to [%s, %s]",
				c.f.Keyword(s.Keyword), jsnum.Format(a.To.Visibility), jsnum.Format(a.To.Maturity)).
				Suggestion = fmt.Sprintf("give both corners: `%s [%s, %s, v2, m2]`", c.f.Keyword(s.Keyword), jsnum.Format(a.From.Visibility), jsnum.Format(a.From.Maturity))
		case len(l.Elems) != 4:
			c.errorf(c.rng(l), "wrong-count", "`%s` needs two corners, [visibility1, maturity1, visibility2, maturity2], got %d numbers", c.f.Keyword(s.Keyword), len(l.Elems))
		default:
			if len(words) > 0 {
				c.warn(c.rng(s.Rest[0]), "ignored-text", "OWM ignores the text after the corners")
			}
			if len(words) > 0 {
				a.Width = words[0]
				if len(words) > 1 {
					a.Height = words[1]
				}
			}
		}
	}
	c.attitudes = append(c.attitudes, a)
}

func (c *compiler) accelerator(s *parser.Accelerator) {
	a := &Accelerator{Line: c.line(s), Range: c.rng(s), Deaccelerator: c.f.Keyword(s.Keyword) == "deaccelerator",
		Coord: Coord{DefaultVisibility, DefaultMaturity}}
	if s.Name != nil {
		a.Name = s.Name.Value
	}
	if a.Name == "" {
		a.Name = parser.RecoveredName
	} else if !c.f.Recovered(s) {
		kw := c.f.Keyword(s.Keyword)
		c.checkNameCompat(c.owmLine(s), kw, kw, a.Name, c.rng(s.Name))
	}
	if s.Coords != nil {
		a.Coord = Coord{num(s.Coords, 0, DefaultVisibility), num(s.Coords, 1, DefaultMaturity)}
		if len(s.Coords.Elems) != 2 && !s.Coords.Malformed {
			c.errorf(c.rng(s.Coords), "wrong-count", "coordinates need two numbers, [visibility, maturity], got %d", len(s.Coords.Elems))
		}
		c.checkRange(s.Coords, a.Coord.Visibility, a.Coord.Maturity)
	}
	c.accelerators = append(c.accelerators, a)
}

// legacyMethod handles `build X`, `buy X`, `outsource X`: older OWM gave
// the component X that method; we still do, and say how to write it now.
func (c *compiler) legacyMethod(s *parser.Method) {
	if s.Name == nil {
		return
	}
	name := s.Name.Value
	c.warn(c.rng(s.Keyword), "legacy-statement", "`%s %s` is a legacy form that OWM no longer reads", c.f.Keyword(s.Keyword), name).
		Suggestion = fmt.Sprintf("add `(%s)` to the line of component `%s`", c.f.Keyword(s.Keyword), name)
}

// finishSettings applies the single-valued settings: title (first wins),
// style, size and annotations (last wins), evolution labels.
func (c *compiler) finishSettings() {
	m := c.m
	for i, t := range c.titles {
		if t.Text == nil {
			continue
		}
		if m.Title == UntitledMap && i == firstWithText(c.titles) {
			m.Title = t.Text.Raw
			continue
		}
		c.warn(c.rng(t), "duplicate-setting", "the map already has a title (line %d): OWM uses the first", c.line(c.titles[firstWithText(c.titles)]))
	}
	for i, s := range c.styles {
		if i < len(c.styles)-1 {
			c.warn(c.rng(s), "duplicate-setting", "`style` is set again on line %d: the last one wins", c.line(c.styles[len(c.styles)-1]))
		}
	}
	if n := len(c.styles); n > 0 && c.styles[n-1].Value != nil {
		s := c.styles[n-1]
		m.Style = s.Value.Raw
		if !KnownStyle(m.Style) {
			d := c.warn(c.rng(s.Value), "unknown-style", "unknown style `%s`: OWM draws the map in the plain style", m.Style)
			if sug := diag.Suggest(m.Style, Styles); sug != "" {
				d.Suggestion = fmt.Sprintf("did you mean `%s`?", sug)
				d.Fix = &diag.Fix{Range: c.rng(s.Value), New: sug}
			} else {
				d.Suggestion = "styles are " + strings.Join(Styles, ", ")
			}
		}
	}
	for i, s := range c.sizes {
		if i < len(c.sizes)-1 {
			c.warn(c.rng(s), "duplicate-setting", "`size` is set again on line %d: the last one wins", c.line(c.sizes[len(c.sizes)-1]))
		}
	}
	if n := len(c.sizes); n > 0 && c.sizes[n-1].Coords != nil {
		l := c.sizes[n-1].Coords
		m.Size = Size{Width: num(l, 0, 0), Height: num(l, 1, 0)}
		if len(l.Elems) != 2 && !l.Malformed {
			c.errorf(c.rng(l), "wrong-count", "`size` needs two numbers, [width, height], got %d", len(l.Elems))
		} else if !(m.Size.Width <= MaxMapSize && m.Size.Height <= MaxMapSize) {
			c.errorf(c.rng(l), "size-too-large", "`size` %s × %s is more than the %d pixels a side wardley draws",
				c.text(l.Elems[0]), c.text(l.Elems[len(l.Elems)-1]), MaxMapSize)
			m.Size = Size{}
		}
	}
	for i, a := range c.annotations {
		if i < len(c.annotations)-1 {
			c.warn(c.rng(a), "duplicate-setting", "`annotations` is set again on line %d: the last one wins", c.line(c.annotations[len(c.annotations)-1]))
		}
	}
	if n := len(c.annotations); n > 0 && c.annotations[n-1].Coords != nil {
		l := c.annotations[n-1].Coords
		m.AnnotationsAt = Coord{num(l, 0, DefaultVisibility), num(l, 1, DefaultMaturity)}
		c.checkRange(l, m.AnnotationsAt.Visibility, m.AnnotationsAt.Maturity)
	}
	// Evolution labels: the last valid line wins (OWM's current rule);
	// `--hide` anywhere hides the axis.
	var valid []*parser.Evolution
	for _, e := range c.evolutions {
		if e.Hide {
			m.HideEvolutionAxis = true
		}
		if len(e.Stages) == 4 {
			valid = append(valid, e)
		}
	}
	for i, e := range valid {
		if i < len(valid)-1 {
			c.warn(c.rng(e), "duplicate-setting", "the evolution labels are set again on line %d: the last one wins", c.line(valid[len(valid)-1]))
		}
	}
	if n := len(valid); n > 0 {
		for i, st := range valid[n-1].Stages {
			m.Stages[i] = Stage{Line1: st.Text}
		}
	}
}

func firstWithText(ts []*parser.Title) int {
	for i, t := range ts {
		if t.Text != nil {
			return i
		}
	}
	return -1
}

// Styles are the styles OWM draws; any other value draws as plain.
var Styles = []string{"plain", "wardley", "colour", "color", "handwritten", "dark"}

// KnownStyle reports whether OWM has a theme for s.
func KnownStyle(s string) bool {
	for _, k := range Styles {
		if s == k {
			return true
		}
	}
	return false
}

// groupOWMOrder puts attitudes and accelerators in OWM's order: all
// pioneers, then settlers, then town planners; all accelerators, then all
// deaccelerators.
func (c *compiler) groupOWMOrder() {
	for _, k := range []AttitudeKind{Pioneers, Settlers, TownPlanners} {
		for _, a := range c.attitudes {
			if a.Kind == k {
				c.m.Attitudes = append(c.m.Attitudes, a)
			}
		}
	}
	for _, deacc := range []bool{false, true} {
		for _, a := range c.accelerators {
			if a.Deaccelerator == deacc {
				c.m.Accelerators = append(c.m.Accelerators, a)
			}
		}
	}
}
