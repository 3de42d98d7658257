package model

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/internal/jsnum"
)

// resolve joins names to what they name and derives what OWM derives before
// drawing (spec §3.5): evolving elements and their evolved copies, label
// adjustments, pipeline parents and children, link ends, submap urls.
func (c *compiler) resolve() {
	m := c.m
	// OWM looks names up in components, then anchors, then submaps (each
	// in source order); links also reach pipeline children.
	ordered := room(c.ordered, len(m.Elements))
	for _, k := range []ElementKind{Component, Anchor, Submap} {
		for _, e := range m.Elements {
			if e.Kind == k {
				ordered = append(ordered, e)
			}
		}
	}
	c.ordered = ordered
	exact := c.exact
	if exact == nil {
		exact = make(map[string]*Element, len(ordered))
	}
	for _, e := range ordered {
		if prev, ok := exact[e.Name]; ok {
			c.warn(e.nameRangeOr(e.Range), "duplicate-name", "`%s` is already defined on line %d: links, evolves and pipelines use the first", e.Name, prev.Line).
				Suggestion = "give each element its own name"
			continue
		}
		exact[e.Name] = e
	}
	c.exact = exact

	c.resolvePipelines()
	c.legacyMethods()
	c.resolveEvolutions()
	c.adjustLabels()
	c.buildCopies()
	c.resolveLinks()
	c.resolveURLs()
}

// resolvePipelines gives each pipeline its parent (the first element of
// the same name: its visibility is the pipeline's) and its extent.
func (c *compiler) resolvePipelines() {
	names := map[string]bool{}
	for _, p := range c.m.Pipelines {
		names[p.Name] = true
		p.Parent = c.exact[p.Name]
		if p.Parent == nil {
			d := c.warn(p.nameRange, "unknown-pipeline-parent", "pipeline `%s` names no component: OWM does not draw it", p.Name)
			if s := diag.Suggest(p.Name, c.elementNames()); s != "" {
				d.Suggestion = fmt.Sprintf("did you mean `%s`?", s)
			} else {
				d.Suggestion = fmt.Sprintf("add `component %s [visibility, maturity]`", p.Name)
			}
		}
		if len(p.Children) > 0 {
			p.Maturity1, p.Maturity2 = math.Inf(1), math.Inf(-1)
			for _, ch := range p.Children {
				p.Maturity1 = min(p.Maturity1, ch.Coord.Maturity)
				p.Maturity2 = max(p.Maturity2, ch.Coord.Maturity)
			}
		}
		p.Hidden = p.Parent == nil || (len(p.Children) == 0 && !p.extent)
		v := 0.0
		if p.Parent != nil {
			v = p.Parent.Coord.Visibility
		}
		for _, ch := range p.Children {
			ch.Coord.Visibility = v
		}
	}
	for _, e := range c.m.Elements {
		if names[e.Name] {
			e.PipelineParent = true
		}
	}
}

// legacyMethods applies `build X` lines to every element named X.
func (c *compiler) legacyMethods() {
	for _, s := range c.methods {
		if s.Name == nil {
			continue
		}
		var meth Method
		switch c.f.Keyword(s.Keyword) {
		case "build":
			meth = Build
		case "buy":
			meth = Buy
		default:
			meth = Outsource
		}
		found := false
		for _, e := range c.ordered {
			if e.Name != s.Name.Value || e.Kind == Anchor {
				continue
			}
			found = true
			if e.Decorators.Method == NoMethod {
				e.Decorators.Method = meth
				e.methodLines = append(e.methodLines, c.line(s))
				if e.LabelSpacing < 2 {
					e.LabelSpacing = 2
					if !e.LabelSet {
						e.Label = defaultLabel(2)
						e.DrawLabel = e.Label
					}
				}
			}
		}
		if !found {
			c.unknownName(c.rng(s.Name), s.Name.Value, "unknown-method-target", "`%s %s` names no component", c.f.Keyword(s.Keyword), s.Name.Value)
		}
	}
}

func (c *compiler) elementNames() []string {
	names := make([]string, 0, len(c.ordered))
	for _, e := range c.ordered {
		names = append(names, e.Name)
	}
	return names
}

// unknownName reports a reference that names nothing, with the closest
// name as a suggestion.
func (c *compiler) unknownName(r diag.Range, name, code, format string, args ...any) *diag.Diagnostic {
	d := c.warn(r, code, format, args...)
	if s := c.suggestName(name); s != "" {
		d.Suggestion = fmt.Sprintf("did you mean `%s`?", s)
		d.Fix = &diag.Fix{Range: r, New: s}
	}
	return d
}

func (c *compiler) suggestName(name string) string {
	if c.nameList == nil {
		c.nameList = c.elementNames()
		for _, p := range c.m.Pipelines {
			for _, ch := range p.Children {
				c.nameList = append(c.nameList, ch.Name)
			}
		}
	}
	return diag.Suggest(name, c.nameList)
}

// resolveEvolutions marks every element an evolve names as evolving (the
// first evolve of a name wins, as in OWM) and builds the evolved copies.
func (c *compiler) resolveEvolutions() {
	first := map[string]*Evolution{}
	for _, ev := range c.m.Evolutions {
		if prev, ok := first[ev.Name]; ok {
			c.warn(ev.Range, "duplicate-evolve", "`%s` already evolves on line %d: OWM draws only the first", ev.Name, prev.Line)
			continue
		}
		first[ev.Name] = ev
	}
	for _, e := range c.ordered {
		ev := first[e.Name]
		if ev == nil {
			continue
		}
		e.Evolution = ev
		if ev.Element == nil {
			ev.Element = e
		}
		if e.Kind == Anchor {
			c.warn(ev.Range, "evolve-anchor", "`%s` is an anchor: OWM draws the evolve arrow but no evolved anchor", e.Name)
		}
	}
	for _, ev := range c.m.Evolutions {
		if ev.Element != nil || first[ev.Name] != ev {
			continue
		}
		if c.isChild(ev.Name) {
			c.warn(ev.nameRange, "unknown-evolve-target", "`%s` is a pipeline child: OWM cannot evolve pipeline children", ev.Name)
			continue
		}
		if c.isRename(ev.Name) {
			c.warn(ev.nameRange, "unknown-evolve-target", "`%s` is the new name of an evolved component: evolve the original component", ev.Name)
			continue
		}
		c.unknownName(ev.nameRange, ev.Name, "unknown-evolve-target", "evolve names no component `%s`: OWM draws nothing", ev.Name)
	}
}

// buildCopies builds the evolved copies, in OWM's order (components,
// anchors, submaps), once the labels of their elements are final.
func (c *compiler) buildCopies() {
	for _, e := range c.ordered {
		ev := e.Evolution
		if ev == nil || e.Kind == Anchor {
			continue
		}
		cp := c.newElement()
		*cp = Element{
			Kind: EvolvedCopy, Name: e.Name, Display: e.Name,
			Coord:        Coord{Visibility: e.Coord.Visibility, Maturity: ev.Maturity},
			Label:        ev.Label,
			LabelSet:     ev.LabelSet,
			LabelSpacing: max(ev.LabelSpacing, e.LabelSpacing, 2),
			Inertia:      e.Inertia, Decorators: e.Decorators, PipelineParent: e.PipelineParent,
			Evolution: ev, URL: e.URL, URLName: e.URLName,
			Line: ev.Line, Range: ev.Range, NameRange: ev.nameRange,
			source: e,
		}
		if ev.Rename != "" {
			cp.Display = ev.Rename
		}
		if ev.noLabel {
			// OWM falls back to the element's (adjusted) label.
			cp.Label = e.DrawLabel
		}
		cp.DrawLabel = cp.Label
		if ev.Rename != "" && (cp.DrawLabel.X == 0 || math.Abs(cp.DrawLabel.X) <= 10) {
			cp.DrawLabel.X = 16
		}
		e.Copy = cp
		if ev.Copy == nil {
			ev.Copy = cp
		}
		if e.Inertia {
			ev.HasInertia = true
			w := c.m.Size.Width
			if w <= 0 {
				w = DefaultWidth
			}
			ev.InertiaAt = InertiaAt(e.Coord.Maturity, ev.Maturity, w)
		}
		if ev.Maturity < e.Coord.Maturity {
			c.warn(ev.Range, "evolve-backwards", "`%s` evolves backwards, from %s to %s: OWM's arrowhead still points right",
				e.Name, jsnum.Format(e.Coord.Maturity), jsnum.Format(ev.Maturity))
		}
	}
}

func (c *compiler) isChild(name string) bool {
	for _, p := range c.m.Pipelines {
		for _, ch := range p.Children {
			if ch.Name == name {
				return true
			}
		}
	}
	return false
}

func (c *compiler) isRename(name string) bool {
	for _, ev := range c.m.Evolutions {
		if ev.Rename == name && ev.Element != nil {
			return true
		}
	}
	return false
}

// DefaultWidth is the map width used for Evolution.InertiaAt when the map
// has no `size`; layout may recompute it for its own width with InertiaAt.
const DefaultWidth = 1100

// Stage boundaries on the evolution axis, in twentieths of the width.
const (
	customOffset    = 3.5
	productOffset   = 8
	commodityOffset = 14
)

// InertiaAt is the maturity at which OWM draws the inertia bar on the
// evolve arrow of an element with inertia that evolves from start to end on
// a map w pixels wide: the first stage boundary between them, or start+0.05
// when there is none. OWM rounds the boundaries to two decimals through
// pixels, so the first one is 0.18 for most widths but 0.17 for some.
func InertiaAt(start, end, w float64) float64 {
	for _, off := range []float64{customOffset, productOffset, commodityOffset} {
		edge := toFixed2((1 / w) * ((w / 20) * off))
		if start <= edge && end >= edge {
			return edge
		}
	}
	return start + 0.05
}

// toFixed2 is JavaScript's parseFloat(x.toFixed(2)): rounding the exact
// binary value half away from zero.
func toFixed2(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	b := new(big.Float).SetPrec(256).SetFloat64(math.Abs(x))
	b.Mul(b, big.NewFloat(100))
	b.Add(b, big.NewFloat(0.5))
	n, _ := b.Int(nil)
	s := n.String()
	for len(s) < 3 {
		s = "0" + s
	}
	v, _ := strconv.ParseFloat(s[:len(s)-2]+"."+s[len(s)-2:], 64)
	if x < 0 {
		v = -v
	}
	return v
}

// adjustLabels computes DrawLabel as OWM's renderer does (spec §3.5):
// evolving elements and elements with a method get their label moved
// below the symbol unless the author placed it well away.
func (c *compiler) adjustLabels() {
	methods := map[string]bool{}
	for _, e := range c.ordered {
		if e.Decorators.Method != NoMethod {
			methods[e.Name] = true
		}
	}
	for _, e := range c.m.Elements {
		label := e.Label
		switch {
		case e.Evolution != nil:
			ev := e.Evolution
			s := max(e.LabelSpacing, ev.LabelSpacing, 2)
			if label.Y == 0 || math.Abs(label.Y) <= 10 {
				label.Y = float64(10 * s)
			}
			if label.X == 0 || math.Abs(label.X) <= 10 {
				label.X = 5
				if ev.Rename != "" {
					label.X = 16
				}
			}
		case methods[e.Name]:
			s := max(e.LabelSpacing, 2)
			if label.Y == 0 || math.Abs(label.Y) <= 10 {
				label.Y = float64(10 * s)
			}
			if label.X == 0 || math.Abs(label.X) <= 10 {
				label.X = 5
			}
		}
		e.DrawLabel = label
	}
}

// resolveLinks joins link ends to elements: the exact name first, then the
// name compared without case and extra spaces (as OWM does), pipeline
// children last.
func (c *compiler) resolveLinks() {
	if len(c.m.Links) == 0 {
		return
	}
	// The loose index is built on first need: most maps name their link
	// ends exactly.
	var loose map[string]*Element
	looseFind := func(name string) *Element {
		if loose == nil {
			loose = map[string]*Element{}
			for _, e := range c.ordered {
				k := normName(e.Name)
				if _, ok := loose[k]; !ok {
					loose[k] = e
				}
			}
		}
		return loose[normName(name)]
	}
	children := map[string]*Element{}
	for _, p := range c.m.Pipelines {
		for _, ch := range p.Children {
			if _, ok := children[ch.Name]; !ok {
				children[ch.Name] = ch
			}
		}
	}
	find := func(name string, r diag.Range) *Element {
		if e := c.exact[name]; e != nil {
			return e
		}
		if e := children[name]; e != nil {
			return e
		}
		if e := looseFind(name); e != nil {
			c.warn(r, "inexact-link-end", "`%s` matches `%s` only when case and spaces are ignored", name, e.Name).
				Suggestion = fmt.Sprintf("write `%s`", e.Name)
			return e
		}
		switch {
		case c.isRename(name):
			orig := ""
			for _, ev := range c.m.Evolutions {
				if ev.Rename == name {
					orig = ev.Name
					break
				}
			}
			d := c.warn(r, "link-to-rename", "`%s` is the new name of evolved `%s`: OWM does not draw links to it", name, orig)
			d.Suggestion = fmt.Sprintf("link to `%s`: the link follows it", orig)
			d.Fix = &diag.Fix{Range: r, New: orig}
		default:
			c.unknownName(r, name, "unknown-link-end", "link end `%s` names no component: the link is not drawn", name)
		}
		return nil
	}
	for _, l := range c.m.Links {
		if l.broken {
			continue
		}
		l.From = find(l.Start, l.StartRange)
		l.To = find(l.End, l.EndRange)
	}
}

// normName is the loose form of a name OWM falls back to for links: newlines
// as spaces, runs of whitespace collapsed, trimmed, lower case.
func normName(s string) string {
	return strings.ToLower(strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " "))
}

// resolveURLs joins submaps to their url statements.
func (c *compiler) resolveURLs() {
	if len(c.m.URLs) == 0 && !c.hasSubmapURL() {
		return
	}
	byName := map[string]*URL{}
	var names []string
	for _, u := range c.m.URLs {
		if _, ok := byName[u.Name]; !ok {
			byName[u.Name] = u
			names = append(names, u.Name)
		}
	}
	for _, e := range c.m.Elements {
		if e.URLName == "" {
			continue
		}
		e.URL = byName[e.URLName]
		if e.URL == nil {
			d := c.warn(e.urlRange, "unknown-url", "no `url %s [...]` statement: the submap links nowhere", e.URLName)
			if s := diag.Suggest(e.URLName, names); s != "" {
				d.Suggestion = fmt.Sprintf("did you mean `%s`?", s)
			} else {
				d.Suggestion = fmt.Sprintf("add `url %s [https://...]`", e.URLName)
			}
		}
		if e.Copy != nil {
			e.Copy.URL = e.URL
		}
	}
}

func (c *compiler) hasSubmapURL() bool {
	for _, e := range c.m.Elements {
		if e.URLName != "" {
			return true
		}
	}
	return false
}

// assignIDs gives every element a stable id derived from its kind and
// name: "component-kettle", "component-kettle-2" for a repeated name,
// "evolved-kettle" for an evolved copy.
func (c *compiler) assignIDs() {
	for _, e := range c.m.Elements {
		e.ID = c.id(e.Kind, e.Name)
	}
	for _, p := range c.m.Pipelines {
		if p.Parent != nil {
			p.ParentID = p.Parent.ID
		}
		for _, ch := range p.Children {
			ch.ID = c.id(PipelineChild, ch.Name)
		}
	}
	for _, e := range c.ordered {
		if e.Copy != nil {
			e.Copy.ID = c.id(EvolvedCopy, e.Name)
		}
	}
	for _, ev := range c.m.Evolutions {
		if ev.Element != nil {
			ev.ElementID = ev.Element.ID
		}
		if ev.Copy != nil {
			ev.CopyID = ev.Copy.ID
		}
	}
	for _, l := range c.m.Links {
		if l.From != nil {
			l.FromID = l.From.ID
		}
		if l.To != nil {
			l.ToID = l.To.ID
		}
	}
}

func (c *compiler) id(k ElementKind, name string) string {
	// The kind, a hyphen and the slug are written into one buffer (on the
	// stack for names of usual length) and then copied to idText.
	var buf [64]byte
	kind := k.String()
	b := appendSlug(append(append(buf[:0], kind...), '-'), name)
	base := kind
	if len(b) > len(kind)+1 {
		base = c.idString(b)
	}
	id := base
	if c.used[id] {
		n := max(c.ids[base], 2)
		for c.used[base+"-"+strconv.Itoa(n)] {
			n++
		}
		id = base + "-" + strconv.Itoa(n)
		c.ids[base] = n + 1
	}
	c.used[id] = true
	return id
}

// idString returns b as a string that is a slice of idText, which holds
// the ids made so far back to back: a map's ids then take an allocation
// per chunk of idText rather than one each. A strings.Builder never
// changes the bytes it has written, so the slices stay valid after a new
// chunk replaces it.
func (c *compiler) idString(b []byte) string {
	if c.idText.Cap()-c.idText.Len() < len(b) {
		// Chunks double from 256 bytes up to 16 KiB: a small map does not
		// pay for a large one, and a large one takes few chunks.
		size := max(len(b), min(2*c.idText.Cap(), 16<<10), 256)
		c.idText = strings.Builder{}
		c.idText.Grow(size)
	}
	start := c.idText.Len()
	c.idText.Write(b)
	return c.idText.String()[start:]
}

// slug lower-cases a name and joins its letters and digits with hyphens.
func slug(s string) string {
	if isSlug(s) {
		return s
	}
	return string(appendSlug(make([]byte, 0, len(s)), s))
}

// appendSlug appends the slug of s to b.
func appendSlug(b []byte, s string) []byte {
	if isSlug(s) {
		return append(b, s...)
	}
	start := len(b)
	dash := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			default:
				dash = true
				continue
			}
			if dash && len(b) > start {
				b = append(b, '-')
			}
			dash = false
			b = append(b, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			dash = true
			continue
		}
		if dash && len(b) > start {
			b = append(b, '-')
		}
		dash = false
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return b
}

// isSlug reports whether s is already a slug: lower-case ASCII letters and
// digits joined by single hyphens.
func isSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}
