package diff

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/wardley-maps/wardley/model"
	"github.com/wardley-maps/wardley/theme"
)

// Result is what Compare found: the two maps and every change between
// them.
type Result struct {
	Old *model.Map `json:"-"`
	New *model.Map `json:"-"`
	// Changes are in a fixed order: map settings first, then the changes
	// to what the new map holds in its source order, then what was removed
	// in the old map's source order.
	Changes []Change `json:"changes"`

	// match maps each old element to the new one it matched.
	match map[*model.Element]*model.Element
}

// Empty reports whether the two maps mean the same.
func (r *Result) Empty() bool { return len(r.Changes) == 0 }

// Count returns how many changes fall in each class.
func (r *Result) Count() (added, removed, moved, changed int) {
	for _, c := range r.Changes {
		switch c.Kind.Class() {
		case Added:
			added++
		case Removed:
			removed++
		case Moved:
			moved++
		default:
			changed++
		}
	}
	return
}

// The rename rule. An element of the old map left without a match (by
// name, exactly or loosely) is taken to be renamed to an unmatched element
// of the new map when both are the same kind, they lie within
// RenameDistance of each other (in map units, both axes together), and
// either they share links (RenameLinks or more of the elements linked to
// either, by Jaccard index over matched names; a pipeline's parent and
// children count as linked, and unmatched neighbours on both sides count
// as shared, so that two linked elements renamed together are found) or
// neither has any link and they lie within RenameDistanceAlone. The pairs
// with the most links in common go first, then the closest.
const (
	RenameDistance      = 0.15
	RenameLinks         = 0.5
	RenameDistanceAlone = 0.05
	// noteDistance is how near an edited note must stay to be the same
	// note with new text.
	noteDistance = 0.05
)

// Compare lists the changes in meaning from old to new. A nil map is an
// empty one (a file being added or deleted).
//
// Elements (components, anchors, submaps, pipeline components) are matched
// by name: exactly first, the i-th of a repeated name with the i-th; then
// ignoring case and spacing, as OWM matches link ends; then by the rename
// rule (see RenameDistance). Links, evolves and pipelines follow their
// elements, so renaming an element does not add and remove its links.
// Notes match by text, then by place; annotations by number; attitudes by
// kind and box; accelerators and urls by name.
//
// Only meaning counts: comments, blank lines, spacing, quoting, the
// spelling of numbers and the order of statements change nothing. Order
// counts where it changes the picture: the annotations box lists
// annotations in source order, and of several elements with one name,
// links and evolves attach to the first.
func Compare(old, new *model.Map) *Result {
	if old == nil {
		old = emptyMap()
	}
	if new == nil {
		new = emptyMap()
	}
	c := &comparer{r: &Result{Old: old, New: new}}
	c.oldEls, c.newEls = elementsOf(old), elementsOf(new)
	c.fwd = make(map[*model.Element]*model.Element, len(c.oldEls))
	c.back = make(map[*model.Element]*model.Element, len(c.newEls))
	c.oldAdj, c.newAdj = adjacency(old), adjacency(new)
	c.matchElements()
	c.r.match = c.fwd
	c.settings()
	c.elements()
	c.evolutions()
	c.links()
	c.pipelines()
	c.notes()
	c.annotations()
	c.attitudes()
	c.accelerators()
	c.urls()
	sort.SliceStable(c.keys, func(i, j int) bool { return c.keys[i].less(c.keys[j]) })
	for _, k := range c.keys {
		c.r.Changes = append(c.r.Changes, c.pending[k.seq])
	}
	return c.r
}

func emptyMap() *model.Map {
	m, _ := model.CompileSource("", nil)
	return m
}

type comparer struct {
	r              *Result
	oldEls, newEls []*model.Element
	oldAdj, newAdj map[*model.Element][]*model.Element
	// fwd maps old elements to the new elements they matched; back is the
	// reverse.
	fwd, back map[*model.Element]*model.Element
	pending   []Change
	keys      []orderKey
}

// orderKey places a change: settings (group 0), then what the new map
// holds by its line (group 1), then removals by their old line (group 2);
// seq keeps the order of discovery within a line.
type orderKey struct {
	group, line, seq int
}

func (a orderKey) less(b orderKey) bool {
	if a.group != b.group {
		return a.group < b.group
	}
	if a.line != b.line {
		return a.line < b.line
	}
	return a.seq < b.seq
}

func (c *comparer) add(ch Change) {
	k := orderKey{seq: len(c.pending)}
	switch {
	case ch.Line > 0:
		k.group, k.line = 1, ch.Line
	case ch.OldLine > 0:
		k.group, k.line = 2, ch.OldLine
	}
	c.pending = append(c.pending, ch)
	c.keys = append(c.keys, k)
}

// elementsOf lists a map's elements, pipeline components included, in
// source order.
func elementsOf(m *model.Map) []*model.Element {
	out := append([]*model.Element(nil), m.Elements...)
	for _, p := range m.Pipelines {
		out = append(out, p.Children...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}

// adjacency lists, for each element, the elements it is linked with
// (either way) and, for pipelines, the parent and its components.
func adjacency(m *model.Map) map[*model.Element][]*model.Element {
	adj := map[*model.Element][]*model.Element{}
	join := func(a, b *model.Element) {
		if a == nil || b == nil || a == b {
			return
		}
		adj[a] = append(adj[a], b)
		adj[b] = append(adj[b], a)
	}
	for _, l := range m.Links {
		join(l.From, l.To)
	}
	for _, p := range m.Pipelines {
		for _, ch := range p.Children {
			join(p.Parent, ch)
		}
	}
	return adj
}

// normName is the loose form of a name, as OWM compares link ends:
// newlines as spaces, whitespace runs collapsed, trimmed, lower case.
func normName(s string) string {
	return strings.ToLower(strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " "))
}

func (c *comparer) pair(o, n *model.Element) {
	c.fwd[o], c.back[n] = n, o
}

// matchElements pairs old and new elements: by exact name, by loose name,
// then by the rename rule.
func (c *comparer) matchElements() {
	byName := func(key func(string) string) {
		queue := map[string][]*model.Element{}
		for _, n := range c.newEls {
			if c.back[n] == nil {
				k := key(n.Name)
				queue[k] = append(queue[k], n)
			}
		}
		for _, o := range c.oldEls {
			if c.fwd[o] != nil {
				continue
			}
			k := key(o.Name)
			if q := queue[k]; len(q) > 0 {
				c.pair(o, q[0])
				queue[k] = q[1:]
			}
		}
	}
	byName(func(s string) string { return s })
	byName(normName)
	c.renames()
}

type candidate struct {
	o, n   *model.Element
	j, d   float64
	oi, ni int
}

func (c *comparer) renames() {
	type indexed struct {
		e *model.Element
		i int
	}
	for {
		var olds, news []indexed
		for i, o := range c.oldEls {
			if c.fwd[o] == nil {
				olds = append(olds, indexed{o, i})
			}
		}
		for i, n := range c.newEls {
			if c.back[n] == nil {
				news = append(news, indexed{n, i})
			}
		}
		var cands []candidate
		for _, ox := range olds {
			o, oi := ox.e, ox.i
			for _, nx := range news {
				n, ni := nx.e, nx.i
				if o.Kind != n.Kind {
					continue
				}
				d := math.Hypot(o.Coord.Visibility-n.Coord.Visibility, o.Coord.Maturity-n.Coord.Maturity)
				if d > RenameDistance+1e-9 {
					continue
				}
				j, linked := c.linkSimilarity(o, n)
				if linked && j < RenameLinks || !linked && d > RenameDistanceAlone+1e-9 {
					continue
				}
				cands = append(cands, candidate{o, n, j, d, oi, ni})
			}
		}
		sort.SliceStable(cands, func(a, b int) bool {
			x, y := cands[a], cands[b]
			switch {
			case x.j != y.j:
				return x.j > y.j
			case x.d != y.d:
				return x.d < y.d
			case x.oi != y.oi:
				return x.oi < y.oi
			}
			return x.ni < y.ni
		})
		progress := false
		for _, cd := range cands {
			if c.fwd[cd.o] == nil && c.back[cd.n] == nil {
				c.pair(cd.o, cd.n)
				progress = true
			}
		}
		// A match can make two more elements' links agree: try again
		// until nothing new pairs up.
		if !progress {
			return
		}
	}
}

// oldOnly stands for an old element with no match, in sets of new-map
// identities.
type oldOnly struct{ e *model.Element }

// id is an old element's identity in the new map's terms.
func (c *comparer) id(o *model.Element) any {
	if n := c.fwd[o]; n != nil {
		return n
	}
	return oldOnly{o}
}

// linkSimilarity is the Jaccard index of the elements o and n are linked
// with, old ones by their matches; linked is false when neither has any.
// Neighbours that have no match yet on either side may be one another
// under new names (two linked elements renamed together): they count as
// shared, as many as pair up.
func (c *comparer) linkSimilarity(o, n *model.Element) (j float64, linked bool) {
	set := map[any]int{}
	for _, x := range c.oldAdj[o] {
		set[c.id(x)] |= 1
	}
	for _, x := range c.newAdj[n] {
		if c.back[x] == nil {
			set[any(x)] |= 4
		} else {
			set[any(x)] |= 2
		}
	}
	if len(set) == 0 {
		return 0, false
	}
	both, oldFree, newFree := 0, 0, 0
	for k, v := range set {
		switch {
		case v == 3:
			both++
		case v == 1:
			if _, free := k.(oldOnly); free {
				oldFree++
			}
		case v == 4:
			newFree++
		}
	}
	maybe := min(oldFree, newFree)
	return float64(both+maybe) / float64(len(set)-maybe), true
}

func (c *comparer) settings() {
	o, n := c.r.Old, c.r.New
	if o.Title != n.Title {
		c.add(Change{Kind: Title, Old: o.Title, New: n.Title})
	}
	if a, b := theme.Lookup(o.Style).Name, theme.Lookup(n.Style).Name; a != b {
		c.add(Change{Kind: Style, Old: a, New: b})
	}
	if a, b := cleanSize(o.Size), cleanSize(n.Size); a != b {
		c.add(Change{Kind: Size, Old: a, New: b})
	}
	if o.Stages != n.Stages {
		c.add(Change{Kind: Stages, Old: o.Stages, New: n.Stages})
	}
	if o.HideEvolutionAxis != n.HideEvolutionAxis {
		c.add(Change{Kind: EvolutionAxis, Old: !o.HideEvolutionAxis, New: !n.HideEvolutionAxis})
	}
	if o.HideValueChainAxis != n.HideValueChainAxis {
		c.add(Change{Kind: ValueChainAxis, Old: !o.HideValueChainAxis, New: !n.HideValueChainAxis})
	}
	if (len(o.Annotations) > 0 || len(n.Annotations) > 0) && !sameCoord(o.AnnotationsAt, n.AnnotationsAt) {
		c.add(Change{Kind: AnnotationsBox, Old: o.AnnotationsAt, New: n.AnnotationsAt})
	}
}

// cleanSize writes "the default" one way: a size of 0 or less.
func cleanSize(s model.Size) model.Size {
	if !(s.Width > 0) {
		s.Width = 0
	}
	if !(s.Height > 0) {
		s.Height = 0
	}
	return s
}

// same compares two numbers of the model; NaN (a number OWM could not
// read) equals NaN.
func same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

func sameCoord(a, b model.Coord) bool {
	return same(a.Visibility, b.Visibility) && same(a.Maturity, b.Maturity)
}

func sameOffset(a, b *model.Offset) bool {
	if a == nil || b == nil {
		return a == b
	}
	return same(a.X, b.X) && same(a.Y, b.Y)
}

// labelOf is the label offset the author wrote, or nil for OWM's default
// (which follows the decorators, reported on their own).
func labelOf(set bool, o model.Offset) *model.Offset {
	if !set {
		return nil
	}
	return &o
}

func (c *comparer) elements() {
	for _, n := range c.newEls {
		kind := n.Kind.String()
		o := c.back[n]
		if o == nil {
			c.add(Change{Kind: ElementAdded, Name: n.Name, Element: kind, Pipeline: pipeName(n.Pipeline), New: n.Coord,
				Line: n.Line, ref: ref{newEl: n}})
			continue
		}
		base := Change{Name: n.Name, Element: kind, OldLine: o.Line, Line: n.Line, ref: ref{oldEl: o, newEl: n}}
		with := func(k Kind, old, new any) {
			ch := base
			ch.Kind, ch.Old, ch.New = k, old, new
			c.add(ch)
		}
		if o.Name != n.Name {
			with(ElementRenamed, o.Name, n.Name)
		}
		if o.Kind != n.Kind {
			with(ElementKind, o.Kind.String(), kind)
		}
		child := o.Kind == model.PipelineChild && n.Kind == model.PipelineChild
		if child && !same(o.Coord.Maturity, n.Coord.Maturity) || !child && !sameCoord(o.Coord, n.Coord) {
			with(ElementMoved, o.Coord, n.Coord)
		}
		if child && !c.samePipeline(o.Pipeline, n.Pipeline) {
			with(ElementPipeline, pipeName(o.Pipeline), pipeName(n.Pipeline))
		}
		if o.Kind != model.Anchor && n.Kind != model.Anchor {
			if a, b := labelOf(o.LabelSet, o.Label), labelOf(n.LabelSet, n.Label); !sameOffset(a, b) {
				with(ElementLabel, a, b)
			}
		}
		if o.Inertia != n.Inertia {
			with(ElementInertia, o.Inertia, n.Inertia)
		}
		if o.Decorators != n.Decorators {
			with(ElementDecorators, o.Decorators, n.Decorators)
		}
		if o.URLName != n.URLName {
			with(ElementURL, o.URLName, n.URLName)
		}
	}
	for _, o := range c.oldEls {
		if c.fwd[o] == nil {
			c.add(Change{Kind: ElementRemoved, Name: o.Name, Element: o.Kind.String(), Pipeline: pipeName(o.Pipeline),
				Old: o.Coord, OldLine: o.Line, ref: ref{oldEl: o}})
		}
	}
}

func pipeName(p *model.Pipeline) string {
	if p == nil {
		return ""
	}
	return p.Name
}

// samePipeline reports whether an old and a new pipeline are the same one:
// their parents match, or, without parents, their names do.
func (c *comparer) samePipeline(o, n *model.Pipeline) bool {
	if o == nil || n == nil {
		return o == n
	}
	if o.Parent != nil && n.Parent != nil {
		return c.fwd[o.Parent] == n.Parent
	}
	return normName(o.Name) == normName(n.Name)
}

// pairUp matches old and new items with equal keys, the i-th of a key with
// the i-th, skipping items already taken by an earlier pass. It marks the
// pairs taken and returns, for each new item matched, its old item.
func pairUp[T comparable](olds, news []T, oldKey, newKey func(T) any, taken map[T]bool) map[T]T {
	queue := map[any][]T{}
	for _, n := range news {
		if taken[n] {
			continue
		}
		k := newKey(n)
		queue[k] = append(queue[k], n)
	}
	out := map[T]T{}
	for _, o := range olds {
		if taken[o] {
			continue
		}
		k := oldKey(o)
		if q := queue[k]; len(q) > 0 {
			out[q[0]] = o
			taken[o], taken[q[0]] = true, true
			queue[k] = q[1:]
		}
	}
	return out
}

// endID is a link end's identity in the new map's terms: the element it
// resolves to, else its loose name.
func (c *comparer) endID(e *model.Element, written string, old bool) any {
	switch {
	case e == nil:
		return "?" + normName(written)
	case old:
		return c.id(e)
	}
	return e
}

type linkKey struct{ from, to any }

func (c *comparer) evolutions() {
	oldKey := func(ev *model.Evolution) any { return c.endID(ev.Element, ev.Name, true) }
	newKey := func(ev *model.Evolution) any { return c.endID(ev.Element, ev.Name, false) }
	taken := map[*model.Evolution]bool{}
	match := pairUp(c.r.Old.Evolutions, c.r.New.Evolutions, oldKey, newKey, taken)
	for _, n := range c.r.New.Evolutions {
		name := evolveName(n)
		o := match[n]
		if o == nil {
			c.add(Change{Kind: EvolveAdded, Name: name, New: n.Maturity, Line: n.Line, ref: ref{newEv: n}})
			continue
		}
		base := Change{Name: name, OldLine: o.Line, Line: n.Line, ref: ref{oldEv: o, newEv: n}}
		with := func(k Kind, old, new any) {
			ch := base
			ch.Kind, ch.Old, ch.New = k, old, new
			c.add(ch)
		}
		if !same(o.Maturity, n.Maturity) {
			with(EvolveTarget, o.Maturity, n.Maturity)
		}
		if o.Rename != n.Rename {
			with(EvolveName, o.Rename, n.Rename)
		}
		if a, b := labelOf(o.LabelSet, o.Label), labelOf(n.LabelSet, n.Label); !sameOffset(a, b) {
			with(EvolveLabel, a, b)
		}
		if o.Decorators != n.Decorators {
			with(EvolveDecorators, o.Decorators, n.Decorators)
		}
	}
	for _, o := range c.r.Old.Evolutions {
		if !taken[o] {
			c.add(Change{Kind: EvolveRemoved, Name: evolveName(o), Old: o.Maturity, OldLine: o.Line, ref: ref{oldEv: o}})
		}
	}
}

func evolveName(ev *model.Evolution) string {
	if ev.Element != nil {
		return ev.Element.Name
	}
	return ev.Name
}

// linkOf is a link as the summary shows it.
func linkOf(l *model.Link) Link {
	from, to := l.Start, l.End
	if l.From != nil {
		from = l.From.Name
	}
	if l.To != nil {
		to = l.To.Name
	}
	op := l.Kind.String()
	if l.FlowValue != "" {
		op = "+'" + l.FlowValue + "'" + strings.TrimPrefix(op, "+")
	}
	return Link{From: from, To: to, Op: op, Context: l.Context}
}

func (c *comparer) links() {
	oldKey := func(l *model.Link) any {
		return linkKey{c.endID(l.From, l.Start, true), c.endID(l.To, l.End, true)}
	}
	newKey := func(l *model.Link) any {
		return linkKey{c.endID(l.From, l.Start, false), c.endID(l.To, l.End, false)}
	}
	taken := map[*model.Link]bool{}
	match := pairUp(c.r.Old.Links, c.r.New.Links, oldKey, newKey, taken)
	reversed := pairUp(c.r.Old.Links, c.r.New.Links, func(l *model.Link) any {
		k := oldKey(l).(linkKey)
		return linkKey{k.to, k.from}
	}, newKey, taken)
	for _, n := range c.r.New.Links {
		nl := linkOf(n)
		if o := reversed[n]; o != nil {
			c.add(Change{Kind: LinkReversed, Name: nl.String(), Old: linkOf(o), New: nl, OldLine: o.Line, Line: n.Line,
				ref: ref{oldLink: o, newLink: n}})
			continue
		}
		o := match[n]
		if o == nil {
			c.add(Change{Kind: LinkAdded, Name: nl.String(), New: nl, Line: n.Line, ref: ref{newLink: n}})
			continue
		}
		ol := linkOf(o)
		r := ref{oldLink: o, newLink: n}
		if ol.Op != nl.Op {
			c.add(Change{Kind: LinkOperator, Name: nl.String(), Old: ol, New: nl, OldLine: o.Line, Line: n.Line, ref: r})
		}
		if ol.Context != nl.Context {
			c.add(Change{Kind: LinkContext, Name: nl.String(), Old: ol.Context, New: nl.Context, OldLine: o.Line, Line: n.Line, ref: r})
		}
	}
	for _, o := range c.r.Old.Links {
		if !taken[o] {
			ol := linkOf(o)
			c.add(Change{Kind: LinkRemoved, Name: ol.String(), Old: ol, OldLine: o.Line, ref: ref{oldLink: o}})
		}
	}
}

func extentOf(p *model.Pipeline) Extent {
	return Extent{From: p.Maturity1, To: p.Maturity2, Components: p.Block && len(p.Children) > 0}
}

func (c *comparer) pipelines() {
	oldKey := func(p *model.Pipeline) any { return c.endID(p.Parent, p.Name, true) }
	newKey := func(p *model.Pipeline) any { return c.endID(p.Parent, p.Name, false) }
	taken := map[*model.Pipeline]bool{}
	match := pairUp(c.r.Old.Pipelines, c.r.New.Pipelines, oldKey, newKey, taken)
	for _, n := range c.r.New.Pipelines {
		o := match[n]
		if o == nil {
			c.add(Change{Kind: PipelineAdded, Name: n.Name, New: extentOf(n), Line: n.Line, ref: ref{newPipe: n}})
			continue
		}
		a, b := extentOf(o), extentOf(n)
		// A span that follows the components changes with them, and they
		// are reported one by one.
		if !(a.Components && b.Components) && (!same(a.From, b.From) || !same(a.To, b.To) || a.Components != b.Components) {
			c.add(Change{Kind: PipelineExtent, Name: n.Name, Old: a, New: b, OldLine: o.Line, Line: n.Line,
				ref: ref{oldPipe: o, newPipe: n}})
		}
	}
	for _, o := range c.r.Old.Pipelines {
		if !taken[o] {
			c.add(Change{Kind: PipelineRemoved, Name: o.Name, Old: extentOf(o), OldLine: o.Line, ref: ref{oldPipe: o}})
		}
	}
}

func (c *comparer) notes() {
	olds, news := c.r.Old.Notes, c.r.New.Notes
	taken := map[*model.Note]bool{}
	match := pairUp(olds, news, func(n *model.Note) any { return n.Text }, func(n *model.Note) any { return n.Text }, taken)
	for k, v := range pairUp(olds, news, func(n *model.Note) any { return n.Coord }, func(n *model.Note) any { return n.Coord }, taken) {
		match[k] = v
	}
	// An edited note that also moved a little is still the same note.
	type cand struct {
		o, n   *model.Note
		d      float64
		oi, ni int
	}
	var cands []cand
	for oi, o := range olds {
		for ni, n := range news {
			if taken[o] || taken[n] {
				continue
			}
			if d := math.Hypot(o.Coord.Visibility-n.Coord.Visibility, o.Coord.Maturity-n.Coord.Maturity); d <= noteDistance {
				cands = append(cands, cand{o, n, d, oi, ni})
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool {
		if cands[a].d != cands[b].d {
			return cands[a].d < cands[b].d
		}
		if cands[a].oi != cands[b].oi {
			return cands[a].oi < cands[b].oi
		}
		return cands[a].ni < cands[b].ni
	})
	for _, cd := range cands {
		if !taken[cd.o] && !taken[cd.n] {
			match[cd.n] = cd.o
			taken[cd.o], taken[cd.n] = true, true
		}
	}
	for _, n := range news {
		o := match[n]
		if o == nil {
			c.add(Change{Kind: NoteAdded, Name: n.Text, New: n.Coord, Line: n.Line, ref: ref{newNote: n}})
			continue
		}
		r := ref{oldNote: o, newNote: n}
		if o.Text != n.Text {
			c.add(Change{Kind: NoteText, Name: n.Text, Old: o.Text, New: n.Text, OldLine: o.Line, Line: n.Line, ref: r})
		}
		if !sameCoord(o.Coord, n.Coord) {
			c.add(Change{Kind: NoteMoved, Name: n.Text, Old: o.Coord, New: n.Coord, OldLine: o.Line, Line: n.Line, ref: r})
		}
	}
	for _, o := range olds {
		if !taken[o] {
			c.add(Change{Kind: NoteRemoved, Name: o.Text, Old: o.Coord, OldLine: o.Line, ref: ref{oldNote: o}})
		}
	}
}

func annotationNumber(a *model.Annotation) string {
	if !a.NumberOK {
		return "?"
	}
	return strconv.Itoa(a.Number)
}

func sameCoords(a, b []model.Coord) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameCoord(a[i], b[i]) {
			return false
		}
	}
	return true
}

func (c *comparer) annotations() {
	olds, news := c.r.Old.Annotations, c.r.New.Annotations
	key := func(a *model.Annotation) any { return annotationNumber(a) }
	taken := map[*model.Annotation]bool{}
	match := pairUp(olds, news, key, key, taken)
	oldIndex := map[*model.Annotation]int{}
	for i, o := range olds {
		oldIndex[o] = i
	}
	last, reordered := -1, false
	for _, n := range news {
		num := annotationNumber(n)
		o := match[n]
		if o == nil {
			c.add(Change{Kind: AnnotationAdded, Name: num, New: Annotation{At: n.At, Text: n.Text}, Line: n.Line,
				ref: ref{newAnn: n}})
			continue
		}
		if i := oldIndex[o]; i < last {
			reordered = true
		} else {
			last = i
		}
		r := ref{oldAnn: o, newAnn: n}
		if !sameCoords(o.At, n.At) {
			c.add(Change{Kind: AnnotationMoved, Name: num, Old: o.At, New: n.At, OldLine: o.Line, Line: n.Line, ref: r})
		}
		if o.Text != n.Text {
			c.add(Change{Kind: AnnotationText, Name: num, Old: o.Text, New: n.Text, OldLine: o.Line, Line: n.Line, ref: r})
		}
	}
	if reordered {
		numbers := func(as []*model.Annotation) []string {
			out := make([]string, len(as))
			for i, a := range as {
				out[i] = annotationNumber(a)
			}
			return out
		}
		c.add(Change{Kind: AnnotationsOrder, Old: numbers(olds), New: numbers(news)})
	}
	for _, o := range olds {
		if !taken[o] {
			c.add(Change{Kind: AnnotationRemoved, Name: annotationNumber(o), Old: Annotation{At: o.At, Text: o.Text},
				OldLine: o.Line, ref: ref{oldAnn: o}})
		}
	}
}

// boxOf is an attitude's box whichever corners it names.
func boxOf(a *model.Attitude) Box {
	return Box{
		Top: max(a.From.Visibility, a.To.Visibility), Left: min(a.From.Maturity, a.To.Maturity),
		Bottom: min(a.From.Visibility, a.To.Visibility), Right: max(a.From.Maturity, a.To.Maturity),
	}
}

func (c *comparer) attitudes() {
	olds, news := c.r.Old.Attitudes, c.r.New.Attitudes
	type kb struct {
		k model.AttitudeKind
		b Box
	}
	taken := map[*model.Attitude]bool{}
	exact := func(a *model.Attitude) any { return kb{a.Kind, boxOf(a)} }
	match := pairUp(olds, news, exact, exact, taken)
	byKind := func(a *model.Attitude) any { return a.Kind }
	moved := pairUp(olds, news, byKind, byKind, taken)
	for _, n := range news {
		name := n.Kind.String()
		if o := moved[n]; o != nil {
			c.add(Change{Kind: AttitudeMoved, Name: name, Old: boxOf(o), New: boxOf(n), OldLine: o.Line, Line: n.Line,
				ref: ref{oldAtt: o, newAtt: n}})
			continue
		}
		if match[n] == nil {
			c.add(Change{Kind: AttitudeAdded, Name: name, New: boxOf(n), Line: n.Line, ref: ref{newAtt: n}})
		}
	}
	for _, o := range olds {
		if !taken[o] {
			c.add(Change{Kind: AttitudeRemoved, Name: o.Kind.String(), Old: boxOf(o), OldLine: o.Line, ref: ref{oldAtt: o}})
		}
	}
}

func accelWord(a *model.Accelerator) string {
	if a.Deaccelerator {
		return "deaccelerator"
	}
	return "accelerator"
}

func (c *comparer) accelerators() {
	olds, news := c.r.Old.Accelerators, c.r.New.Accelerators
	taken := map[*model.Accelerator]bool{}
	exact := func(a *model.Accelerator) any { return a.Name }
	loose := func(a *model.Accelerator) any { return normName(a.Name) }
	match := pairUp(olds, news, exact, exact, taken)
	for k, v := range pairUp(olds, news, loose, loose, taken) {
		match[k] = v
	}
	for _, n := range news {
		o := match[n]
		if o == nil {
			c.add(Change{Kind: AcceleratorAdded, Name: n.Name, Element: accelWord(n), New: n.Coord, Line: n.Line,
				ref: ref{newAcc: n}})
			continue
		}
		base := Change{Name: n.Name, Element: accelWord(n), OldLine: o.Line, Line: n.Line, ref: ref{oldAcc: o, newAcc: n}}
		if o.Name != n.Name {
			ch := base
			ch.Kind, ch.Old, ch.New = AcceleratorRenamed, o.Name, n.Name
			c.add(ch)
		}
		if o.Deaccelerator != n.Deaccelerator {
			ch := base
			ch.Kind, ch.Old, ch.New = AcceleratorKind, accelWord(o), accelWord(n)
			c.add(ch)
		}
		if !sameCoord(o.Coord, n.Coord) {
			ch := base
			ch.Kind, ch.Old, ch.New = AcceleratorMoved, o.Coord, n.Coord
			c.add(ch)
		}
	}
	for _, o := range olds {
		if !taken[o] {
			c.add(Change{Kind: AcceleratorRemoved, Name: o.Name, Element: accelWord(o), Old: o.Coord, OldLine: o.Line,
				ref: ref{oldAcc: o}})
		}
	}
}

func (c *comparer) urls() {
	olds, news := c.r.Old.URLs, c.r.New.URLs
	taken := map[*model.URL]bool{}
	key := func(u *model.URL) any { return u.Name }
	match := pairUp(olds, news, key, key, taken)
	for _, n := range news {
		o := match[n]
		switch {
		case o == nil:
			c.add(Change{Kind: URLAdded, Name: n.Name, New: n.Address, Line: n.Line})
		case o.Address != n.Address:
			c.add(Change{Kind: URLAddress, Name: n.Name, Old: o.Address, New: n.Address, OldLine: o.Line, Line: n.Line})
		}
	}
	for _, o := range olds {
		if !taken[o] {
			c.add(Change{Kind: URLRemoved, Name: o.Name, Old: o.Address, OldLine: o.Line})
		}
	}
}
