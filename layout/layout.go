package layout

import (
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/wardley-maps/wardley/font"
	"github.com/wardley-maps/wardley/internal/slab"
	"github.com/wardley-maps/wardley/model"
	"github.com/wardley-maps/wardley/theme"
)

// The default map area, close to what OWM shows on a laptop screen. OWM
// itself sizes the map to the browser window; a file needs one fixed answer.
const (
	DefaultWidth  = 1100
	DefaultHeight = 750
)

// MarginX and MarginY are OWM's export margins around the map area: the
// title sits in the top one, the stage labels in the bottom one.
const (
	MarginX = 35
	MarginY = 45
)

// Options tune Layout. The zero value draws the map as its author wrote it,
// at the map's own size (or the default).
type Options struct {
	// Width and Height, when > 0, set the map area in pixels, overriding the
	// map's `size`.
	Width, Height float64
	// Style, when not empty, replaces the map's `style`.
	Style string
	// Compat reproduces OWM's drawing quirks for pixel comparisons with it:
	// black component labels and title, attitude boxes shifted by (-35,
	// -45) px, evolve arrowheads that always point right, no pipeline for a
	// single child, unnamed accelerators, labelled flows drawn twice.
	Compat bool
	// Labels is the label placement: LabelsAuto ("" too) moves every label
	// the author did not place to where it overlaps least with other
	// labels, symbols and lines; LabelsAll moves those the author placed
	// too, where something is in their way; LabelsOWM keeps OWM's fixed
	// offsets. Compat implies LabelsOWM. Layout never fails: another value places
	// labels as LabelsAuto does (KnownLabels tells them apart; the facade
	// and the command line reject them).
	Labels string
}

// Layout lays m out: every shape and text with its page pixels and colours,
// in OWM's paint order. It never fails: whatever Compile accepted is drawn.
func Layout(m *model.Map, o Options) *Scene {
	b := &builder{}
	b.layout(m, o)
	return b.s
}

// Use lays m out as Layout does and calls use with the scene. Once use
// returns, the scene's memory (its groups, shapes' geometry and styles,
// and the layout's own tables) goes to later calls of Use, which saves
// most of a layout's allocations: use must keep nothing of the scene but
// strings, which are never reused.
func Use(m *model.Map, o Options, use func(*Scene)) {
	if !poolable(m) {
		// A big map's scene is not kept for the next: it dies as soon as
		// use is done with it, leaving no memory held by the pool.
		use(Layout(m, o))
		return
	}
	b := builders.Get().(*builder)
	b.layout(m, o)
	use(b.s)
	b.reset()
	builders.Put(b)
}

// poolable reports whether the memory of m's layout is kept for the next
// one (Use's scene, the label placer): m draws at most 4,096 groups, about
// 2,000 components, as with the parser's parser.MaxPooled.
func poolable(m *model.Map) bool { return groupsEstimate(m) <= 4096 }

var builders = sync.Pool{New: func() any { return &builder{} }}

// reset empties b for another map, keeping its memory: the scene and its
// groups, the slabs' latest chunks, the id and slug tables and the label
// list. Everything else starts from zero, as in a new builder.
func (b *builder) reset() {
	clear(b.s.Groups[:cap(b.s.Groups)])
	clear(b.grads[:cap(b.grads)])
	clear(b.ids.used)
	clear(b.slugs)
	b.circles.Reset()
	b.boxes.Reset()
	b.lines.Reset()
	b.styles.Reset()
	b.texts.Reset()
	b.strs.Reset()
	b.shapes.Reset()
	clear(b.scratchBuf[:cap(b.scratchBuf)])
	*b = builder{
		s: b.s, ids: b.ids, slugs: b.slugs, grads: b.grads[:0], movable: b.movable[:0],
		circles: b.circles, boxes: b.boxes, lines: b.lines, styles: b.styles, texts: b.texts, strs: b.strs,
		shapes: b.shapes, scratchBuf: b.scratchBuf[:0],
	}
}

// layout lays m out into b, a new builder or one reset.
func (b *builder) layout(m *model.Map, o Options) {
	style := m.Style
	if o.Style != "" {
		style = o.Style
	}
	t := theme.Lookup(style)
	if o.Compat {
		t = t.Compat()
	}
	w, h := float64(DefaultWidth), float64(DefaultHeight)
	if m.Size.Width > 0 {
		w = m.Size.Width
	}
	if m.Size.Height > 0 {
		h = m.Size.Height
	}
	if o.Width > 0 {
		w = o.Width
	}
	if o.Height > 0 {
		h = o.Height
	}
	groups := groupsEstimate(m)
	b.m, b.o, b.t, b.W, b.H = m, o, t, w, h
	if b.ids == nil {
		b.ids = NewIDs(groups)
	}
	b.reserve()
	if b.s == nil {
		b.s = &Scene{}
	}
	gs := b.s.Groups[:0]
	if cap(gs) < groups {
		gs = make([]Group, 0, groups)
	}
	*b.s = Scene{Title: m.Title, Style: t.Name, Background: col(t.Page), MapWidth: w, MapHeight: h, Groups: gs}
	b.build()
	b.placeLabels()
	b.finish()
}

// reserve sizes the slabs' first chunks for about what m draws, so that a
// small map's shapes take one allocation of each kind, not a run of
// doubling chunks that leaves up to half of its slots unused. An estimate
// that falls short only costs another chunk.
func (b *builder) reserve() {
	m := b.m
	symbols := len(m.Elements) + len(m.Evolutions) + len(m.Annotations)
	texts := symbols + len(m.Notes) + 16 // 16: title, axes, legends
	lines := len(m.Links)
	for _, p := range m.Pipelines {
		symbols += 2 + len(p.Children)
		texts += len(p.Children)
	}
	for _, l := range m.Links {
		if l.Flow() {
			lines++
		}
		if l.FlowValue != "" {
			texts++
		}
		if l.Context != "" {
			texts++
		}
	}
	b.circles.Reserve(symbols)
	b.texts.Reserve(texts)
	b.strs.Reserve(texts)
	b.boxes.Reserve(symbols + texts)
	b.lines.Reserve(lines)
	b.styles.Reserve(symbols + lines)
}

// groupsEstimate is about how many groups m's scene has: one for each
// thing drawn, and a few for the grid and legends. Sizing the scene once
// saves copying a growing slice of tens of thousands of groups.
func groupsEstimate(m *model.Map) int {
	n := len(m.Elements) + len(m.Evolutions) + len(m.Links) + len(m.Pipelines) + len(m.Notes) +
		len(m.Annotations) + len(m.Attitudes) + len(m.Accelerators) + 32
	for _, p := range m.Pipelines {
		n += len(p.Children)
	}
	return n
}

// builder lays one map out. Shapes are placed in map-area coordinates
// (origin at the grid's top-left) and moved onto the page by finish, once
// the extent of everything is known.
type builder struct {
	m    *model.Map
	o    Options
	t    theme.Theme
	W, H float64
	s    *Scene
	ids  *IDs
	// grads records which gradients are in use, so that only those are
	// defined.
	grads []Gradient
	// movable lists the labels the placer may move.
	movable []movable
	// slugs caches slug of element names: a name is slugged once for
	// each link it ends, thousands of times on big maps.
	slugs map[string]string
	// The scene's small values, in chunks (internal/slab): a big map's
	// shapes took most of layout's allocations one by one.
	circles slab.Slab[Circle]
	boxes   slab.Slab[BoxHint]
	lines   slab.Slab[Line]
	styles  slab.Slab[Style]
	texts   slab.Slab[Text]
	strs    slab.Slab[string]
	// shapes holds the shapes of the groups built in scratch (see
	// scratch and add).
	shapes     slab.Slab[Shape]
	scratchBuf []Shape
}

func (b *builder) slug(name string) string {
	s, ok := b.slugs[name]
	if !ok {
		if b.slugs == nil {
			b.slugs = make(map[string]string, len(b.m.Elements))
		}
		s = slug(name)
		b.slugs[name] = s
	}
	return s
}

func col(c theme.Color) Color { return Color(c) }

// px converts a map coordinate to map-area pixels.
func (b *builder) px(c model.Coord) (x, y float64) {
	return c.Maturity * b.W, (1 - c.Visibility) * b.H
}

// pos is where an element's symbol is centred. Pipeline children sit on
// their pipeline's line, 11 px below the parent's centre.
func (b *builder) pos(e *model.Element) (x, y float64) {
	if e.Kind == model.PipelineChild {
		v := e.Coord.Visibility
		if e.Pipeline != nil && e.Pipeline.Parent != nil {
			v = e.Pipeline.Parent.Coord.Visibility
		}
		return e.Coord.Maturity * b.W, (1-v)*b.H + childDrop
	}
	return b.px(e.Coord)
}

// id returns a scene-unique id derived from base (see IDs.New).
func (b *builder) id(base string) string { return b.ids.New(base) }

// scratch is an empty slice to build a group's shapes in: add copies them
// into the shapes slab, in one run with the other groups' shapes, instead
// of each group growing its own slice. One group at a time: a group built
// in scratch must be added (or dropped) before the next one starts.
func (b *builder) scratch() []Shape {
	if cap(b.scratchBuf) == 0 {
		b.scratchBuf = make([]Shape, 0, 16)
	}
	return b.scratchBuf[:0]
}

func (b *builder) add(g Group) {
	if len(g.Shapes) == 0 {
		return
	}
	if cap(b.scratchBuf) > 0 && &g.Shapes[0] == &b.scratchBuf[:1][0] {
		g.Shapes = b.shapes.Copy(g.Shapes)
	}
	g.ID = b.id(g.ID)
	b.s.Groups = append(b.s.Groups, g)
}

func (b *builder) useGradient(g Gradient) string {
	for _, have := range b.grads {
		if have.ID == g.ID {
			return g.ID
		}
	}
	b.grads = append(b.grads, g)
	return g.ID
}

// build emits every group in OWM's paint order (spec §4.3).
func (b *builder) build() {
	b.grid()
	b.attitudes()
	b.links()
	b.evolutions()
	b.pipelines()
	b.anchors()
	b.accelerators()
	b.methods()
	b.elements()
	b.annotationsBox()
	b.notes()
	b.annotationCircles()
	b.s.Desc = b.describe()
}

// describe is the accessible description of the map: what it holds.
func (b *builder) describe() string {
	var comps, anchors, submaps int
	for _, e := range b.m.Elements {
		switch e.Kind {
		case model.Anchor:
			anchors++
		case model.Submap:
			submaps++
		default:
			comps++
		}
	}
	for _, p := range b.m.Pipelines {
		comps += len(p.Children)
	}
	parts := []string{}
	count := func(n int, one, many string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else if n > 1 {
			parts = append(parts, strconv.Itoa(n)+" "+many)
		}
	}
	count(anchors, "anchor", "anchors")
	count(comps, "component", "components")
	count(submaps, "submap", "submaps")
	count(len(b.m.Links), "link", "links")
	count(len(b.m.Evolutions), "evolution", "evolutions")
	count(len(b.m.Pipelines), "pipeline", "pipelines")
	count(len(b.m.Notes), "note", "notes")
	count(len(b.m.Annotations), "annotation", "annotations")
	count(len(b.m.Attitudes), "attitude", "attitudes")
	count(len(b.m.Accelerators), "accelerator", "accelerators")
	d := "Wardley map in the " + b.t.Name + " style"
	if len(parts) > 0 {
		d += ": " + strings.Join(parts, ", ")
	}
	return d + "."
}

// finish moves everything onto the page. The page is OWM's export page (the
// map area with 35 px and 45 px margins), grown wherever something would
// otherwise be cut off: off-grid coordinates and long labels stay visible.
// The page grows by at most half the map area on each side: a shape wholly
// beyond that (a coordinate of 95 where 0.95 was meant) is left out rather
// than turning the page into a strip a hundred screens wide; Compile warns
// about such coordinates.
func (b *builder) finish() {
	minX, minY := -float64(MarginX), -float64(MarginY)
	maxX, maxY := b.W+MarginX, b.H+MarginY
	limX0, limY0 := minX-b.W/2, minY-b.H/2
	limX1, limY1 := maxX+b.W/2, maxY+b.H/2
	const pad = 8
	groups := b.s.Groups[:0]
	for _, g := range b.s.Groups {
		shapes := g.Shapes[:0]
		for si := range g.Shapes {
			x0, y0, x1, y1, ok := extent(&g.Shapes[si])
			if ok && (math.IsNaN(x0+y0+x1+y1) || x1 < limX0 || x0 > limX1 || y1 < limY0 || y0 > limY1) {
				continue
			}
			shapes = append(shapes, g.Shapes[si])
			if !ok {
				continue
			}
			minX, minY = max(limX0, min(minX, x0-pad)), max(limY0, min(minY, y0-pad))
			maxX, maxY = min(limX1, max(maxX, x1+pad)), min(limY1, max(maxY, y1+pad))
		}
		if len(shapes) > 0 {
			g.Shapes = shapes
			groups = append(groups, g)
		}
	}
	b.s.Groups = groups
	dx, dy := math.Ceil(-minX), math.Ceil(-minY)
	b.s.Width = r2(math.Ceil(maxX) + dx)
	b.s.Height = r2(math.Ceil(maxY) + dy)
	b.s.MapX, b.s.MapY = dx, dy
	b.s.MapWidth, b.s.MapHeight = r2(b.W), r2(b.H)
	for gi := range b.s.Groups {
		for si := range b.s.Groups[gi].Shapes {
			move(&b.s.Groups[gi].Shapes[si], dx, dy)
		}
	}
	b.s.Gradients = b.grads
}

// r2 rounds to 1/100 px, the precision every renderer writes, so that the
// scene is the same on every platform and -0 never appears.
func r2(v float64) float64 {
	v = math.Round(v*100) / 100
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// extent is the page box a shape may paint, strokes included.
func extent(sh *Shape) (x0, y0, x1, y1 float64, ok bool) {
	sw := 0.0
	if sh.Style != nil {
		sw = sh.Style.StrokeWidth / 2
	}
	switch {
	case sh.Box != nil:
		bx := sh.Box
		return bx.X - sw, bx.Y - sw, bx.X + bx.W + sw, bx.Y + bx.H + sw, true
	case sh.Rect != nil:
		r := sh.Rect
		return r.X - sw, r.Y - sw, r.X + r.W + sw, r.Y + r.H + sw, true
	case sh.Circle != nil:
		c := sh.Circle
		return c.CX - c.R - sw, c.CY - c.R - sw, c.CX + c.R + sw, c.CY + c.R + sw, true
	case sh.Line != nil:
		l := sh.Line
		return min(l.X1, l.X2) - sw, min(l.Y1, l.Y2) - sw, max(l.X1, l.X2) + sw, max(l.Y1, l.Y2) + sw, true
	case sh.Path != nil:
		first := true
		for _, op := range sh.Path.Ops {
			for i := 0; i+1 < len(op.Pts); i += 2 {
				x, y := op.Pts[i], op.Pts[i+1]
				if first {
					x0, y0, x1, y1, first = x, y, x, y, false
					continue
				}
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			}
		}
		return x0 - sw, y0 - sw, x1 + sw, y1 + sw, !first
	}
	return 0, 0, 0, 0, false
}

// move translates a shape by (dx, dy) and rounds its numbers.
func move(sh *Shape, dx, dy float64) {
	if bx := sh.Box; bx != nil {
		bx.X, bx.Y, bx.W, bx.H = r2(bx.X+dx), r2(bx.Y+dy), r2(bx.W), r2(bx.H)
	}
	switch {
	case sh.Rect != nil:
		r := sh.Rect
		r.X, r.Y, r.W, r.H, r.RX = r2(r.X+dx), r2(r.Y+dy), r2(r.W), r2(r.H), r2(r.RX)
	case sh.Circle != nil:
		c := sh.Circle
		c.CX, c.CY, c.R = r2(c.CX+dx), r2(c.CY+dy), r2(c.R)
	case sh.Line != nil:
		l := sh.Line
		l.X1, l.Y1, l.X2, l.Y2 = r2(l.X1+dx), r2(l.Y1+dy), r2(l.X2+dx), r2(l.Y2+dy)
	case sh.Path != nil:
		for _, op := range sh.Path.Ops {
			for i := 0; i+1 < len(op.Pts); i += 2 {
				op.Pts[i], op.Pts[i+1] = r2(op.Pts[i]+dx), r2(op.Pts[i+1]+dy)
			}
		}
	case sh.Text != nil:
		t := sh.Text
		t.X, t.Y = r2(t.X+dx), r2(t.Y+dy)
		t.Size, t.LineHeight, t.Rotate, t.HaloWidth = r2(t.Size), r2(t.LineHeight), r2(t.Rotate), r2(t.HaloWidth)
	}
	if st := sh.Style; st != nil {
		st.StrokeWidth = r2(st.StrokeWidth)
	}
}

// faceOf maps a font family to the scene's face names (they are the same
// words).
func faceOf(f font.Family) FontFace { return FontFace(f) }
