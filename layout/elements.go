package layout

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/wardley-maps/wardley/model"
	"github.com/wardley-maps/wardley/theme"
)

// symbolStyle is the fill and stroke of a component's symbols: the
// component colours, or the evolved ones for an evolved copy.
func (b *builder) symbolStyle(evolved bool) *Style {
	t := b.t
	if evolved {
		return b.styles.Put(Style{Fill: Paint{Color: col(t.EvolvedFill)}, Stroke: col(t.EvolvedStroke), StrokeWidth: t.ComponentStrokeWidth})
	}
	return b.styles.Put(Style{Fill: Paint{Color: col(t.ComponentFill)}, Stroke: col(t.ComponentStroke), StrokeWidth: t.ComponentStrokeWidth})
}

func (b *builder) circle(role Role, x, y, r float64, st *Style) Shape {
	return Shape{Role: role, Circle: b.circles.Put(Circle{CX: x, CY: y, R: r}), Style: st,
		Box: b.boxes.Put(BoxHint{X: x - r, Y: y - r, W: 2 * r, H: 2 * r})}
}

// labelColor is the colour of component labels: the theme's text colours
// (OWM reads misnamed theme keys and draws them all black).
func (b *builder) labelColor(evolved bool) Color {
	switch {
	case b.o.Compat:
		return Color{0, 0, 0, 255}
	case evolved:
		return col(b.t.EvolvedTextColor)
	}
	return col(b.t.TextColor)
}

// label is a component's name at its label offset: a single line starts at
// the offset point; several lines are centred on it, 15 px apart (§4.7).
func (b *builder) label(text string, x, y float64, off model.Offset, fill Color) Shape {
	t := txt{x: x + off.X, y: y + off.Y, s: text, face: faceOf(b.t.Font), size: b.t.FontSize,
		anchor: AnchorStart, fill: fill}
	if strings.IndexByte(text, '\n') >= 0 { // more than one line (splitLines)
		t.anchor = AnchorMiddle
	}
	return b.text(RoleLabel, t)
}

func display(e *model.Element) string {
	if e.Display != "" {
		return e.Display
	}
	return e.Name
}

// pipelines draws pipeline boxes with their end circles or children (§4.12).
func (b *builder) pipelines() {
	t := b.t
	box := &Style{Stroke: col(t.ComponentStroke), StrokeWidth: t.PipelineStrokeWidth}
	for _, p := range b.m.Pipelines {
		if p.Hidden || p.Parent == nil {
			continue
		}
		_, yv := b.px(p.Parent.Coord)
		g := Group{ID: "pipeline-" + slug(p.Name), Role: RolePipeline, Title: p.Name}
		if !p.Block || len(p.Children) == 0 {
			m1, m2 := p.Maturity1, p.Maturity2
			if math.IsNaN(m1) || math.IsNaN(m2) || m1 == m2 {
				continue
			}
			x1, x2 := m1*b.W, m2*b.W
			lo, hi := min(x1, x2), max(x1, x2)
			g.Shapes = append(g.Shapes,
				Shape{Role: RolePipeline, Rect: &Rect{X: lo - 15, Y: yv + 2, W: hi - lo + 30, H: 22}, Style: box},
				b.circle(RoleSymbol, x1, yv+13, t.ComponentRadius, b.symbolStyle(false)),
				b.circle(RoleSymbol, x2, yv+13, t.ComponentRadius, b.symbolStyle(false)))
			b.add(g)
			continue
		}
		var kids []*model.Element
		for _, c := range p.Children {
			if c.Name != "" {
				kids = append(kids, c)
			}
		}
		if len(kids) == 0 {
			continue
		}
		sort.SliceStable(kids, func(i, j int) bool { return kids[i].Coord.Maturity < kids[j].Coord.Maturity })
		xa, xb := kids[0].Coord.Maturity*b.W, kids[len(kids)-1].Coord.Maturity*b.W
		if xa == xb && b.o.Compat {
			// OWM draws nothing, not even the child, when the children do
			// not span any width.
			continue
		}
		g.Shapes = append(g.Shapes, Shape{Role: RolePipeline, Rect: &Rect{X: xa - 15, Y: yv, W: xb - xa + 30, H: 22}, Style: box})
		b.add(g)
		for _, c := range kids {
			x, y := b.pos(c)
			cg := Group{ID: elementID(c), Role: RoleSymbol, Title: c.Name, Shapes: []Shape{
				b.circle(RoleSymbol, x, y, t.ComponentRadius, b.symbolStyle(false)),
				b.label(display(c), x, y, c.DrawLabel, b.labelColor(false)),
			}}
			b.freeLabel(c, &cg, x, y)
			b.add(cg)
		}
	}
}

// anchors draws anchors: their name, centred 10 px above the point, in the
// theme's text colour (§4.8).
func (b *builder) anchors() {
	for _, e := range b.m.Elements {
		if e.Kind != model.Anchor {
			continue
		}
		x, y := b.px(e.Coord)
		b.add(Group{ID: elementID(e), Role: RoleAnchor, Title: e.Name, Shapes: []Shape{
			b.text(RoleAnchor, txt{x: x, y: y - 10, s: display(e), face: faceOf(b.t.Font), size: b.t.FontSize,
				anchor: AnchorMiddle, fill: col(b.t.TextColor)}),
		}})
	}
}

var accelGradient = Gradient{ID: "accelerator-gradient", X1: 0, X2: 1, Stops: []Stop{
	{0, Color{255, 255, 255, 255}}, {0.4, Color{128, 128, 128, 255}}, {1, Color{128, 128, 128, 255}},
}}

// The deaccelerator is the accelerator turned half a turn, gradient
// included.
var deaccelGradient = Gradient{ID: "deaccelerator-gradient", X1: 1, X2: 0, Stops: accelGradient.Stops}

// accelerators draws the block arrows of accelerators (right) and
// deaccelerators (left), 50 × 50 px centred on their point (§4.19). OWM
// draws no name; we write it under the arrow.
func (b *builder) accelerators() {
	for _, a := range b.m.Accelerators {
		x, y := b.px(a.Coord)
		grad, id := accelGradient, "accelerator-"
		if a.Deaccelerator {
			grad, id = deaccelGradient, "deaccelerator-"
		}
		body := acceleratorPath(x, y, a.Deaccelerator)
		g := Group{ID: id + slug(a.Name), Role: RoleAccelerator, Title: a.Name, Shapes: []Shape{
			{Role: RoleAccelerator, Path: body, Opacity: 0.8, Style: &Style{Fill: Paint{Gradient: b.useGradient(grad)}}},
			{Role: RoleAccelerator, Path: acceleratorPath(x, y, a.Deaccelerator),
				Style: &Style{Stroke: col(b.t.AcceleratorOutline), StrokeWidth: 3, LineJoin: "round"},
				Box:   &BoxHint{X: x - 20, Y: y - 20, W: 40, H: 40}},
		}}
		if !b.o.Compat && a.Name != "" {
			g.Shapes = append(g.Shapes, b.text(RoleLabel, txt{x: x, y: y + 22 + b.t.FontSize, s: a.Name,
				face: faceOf(b.t.Font), size: b.t.FontSize, anchor: AnchorMiddle, fill: col(b.t.TextColor)}))
			// Below the arrow, clear of its 3 px outline. OWM writes no
			// name, so no author placed it: the placer may move it,
			// keeping clear of the 40 × 40 px arrow.
			b.freeText(&g, x, y, 20*math.Sqrt2)
		}
		b.add(g)
	}
}

// methodStyle is the fill and stroke of a build, buy or outsource circle.
func methodStyle(m model.Method) *Style {
	switch m {
	case model.Buy:
		return &Style{Fill: Paint{Color: col(theme.BuyFill)}, Stroke: col(theme.BuyStroke), StrokeWidth: 1}
	case model.Outsource:
		return &Style{Fill: Paint{Color: col(theme.OutsourceFill)}, Stroke: col(theme.OutsourceStroke), StrokeWidth: 1}
	}
	return &Style{Fill: Paint{Color: col(theme.BuildFill)}, Stroke: col(theme.BuildStroke), StrokeWidth: 1}
}

// evolving lists the evolving elements in OWM's order: components, anchors,
// then submaps, each in source order. When several elements share an
// evolving name, each is there.
func (b *builder) evolving() []*model.Element {
	var out []*model.Element
	for _, kind := range []model.ElementKind{model.Component, model.Anchor, model.Submap} {
		for _, e := range b.m.Elements {
			if e.Kind == kind && e.Evolving() {
				out = append(out, e)
			}
		}
	}
	return out
}

// drawn lists the elements drawn as components, in OWM's order: components,
// then submaps, then evolved copies (§4.3).
func (b *builder) drawn() []*model.Element {
	var out []*model.Element
	for _, kind := range []model.ElementKind{model.Component, model.Submap} {
		for _, e := range b.m.Elements {
			if e.Kind == kind {
				out = append(out, e)
			}
		}
	}
	// Every element of an evolving name has its copy, in element order,
	// as OWM draws them (§3.5 step 5).
	for _, e := range b.evolving() {
		if e.Copy != nil {
			out = append(out, e.Copy)
		}
	}
	return out
}

// methods draws the build/buy/outsource circles, beneath every symbol
// (§4.10).
func (b *builder) methods() {
	for _, e := range b.drawn() {
		if e.Decorators.Method == model.NoMethod {
			continue
		}
		x, y := b.px(e.Coord)
		b.add(Group{ID: "method-" + elementID(e), Role: RoleMethod, Title: e.Decorators.Method.String(), Shapes: []Shape{
			b.circle(RoleMethod, x, y, 15, methodStyle(e.Decorators.Method)),
		}})
	}
}

// elements draws each component, submap and evolved copy: its symbol, its
// market or ecosystem glyph, its inertia bar and its label (§4.7–§4.13).
func (b *builder) elements() {
	t := b.t
	for _, e := range b.drawn() {
		evolved := e.Kind == model.EvolvedCopy
		x, y := b.px(e.Coord)
		st := b.symbolStyle(evolved)
		g := Group{ID: elementID(e), Role: RoleSymbol, Title: e.Name, Shapes: b.scratch()}
		sub := e.Kind == model.Submap || evolved && e.Evolution != nil && e.Evolution.Element != nil && e.Evolution.Element.Kind == model.Submap
		if sub {
			g.Shapes = append(g.Shapes, b.linkIcon(x-23, y-8))
			src := e
			if evolved {
				src = e.Evolution.Element
			}
			if src.URL != nil && src.URL.Safe {
				g.Href = src.URL.Address
			}
		}
		if e.PipelineParent {
			g.Shapes = append(g.Shapes, Shape{Role: RoleSymbol, Rect: &Rect{X: x - 5, Y: y - 5, W: 10, H: 10},
				Style: &Style{Fill: st.Fill, Stroke: st.Stroke, StrokeWidth: t.PipelineStrokeWidth},
				Box:   &BoxHint{X: x - 5, Y: y - 5, W: 10, H: 10}})
		} else {
			g.Shapes = append(g.Shapes, b.circle(RoleSymbol, x, y, t.ComponentRadius, st))
		}
		if e.Decorators.Ecosystem {
			g.Shapes = append(g.Shapes, b.ecosystem(x, y, evolved)...)
		}
		if e.Decorators.Market {
			g.Shapes = append(g.Shapes, b.market(x, y, st)...)
		}
		if e.Inertia && !evolved && !e.Evolving() {
			g.Shapes = append(g.Shapes, b.inertia((e.Coord.Maturity+0.02)*b.W, y))
		}
		g.Shapes = append(g.Shapes, b.label(display(e), x, y, e.DrawLabel, b.labelColor(evolved)))
		b.freeLabel(e, &g, x, y)
		b.add(g)
	}
}

// market is the market glyph: a circle holding a triangle with a small
// circle at each corner (§4.9).
func (b *builder) market(x, y float64, st *Style) []Shape {
	thin := *st
	thin.StrokeWidth = 1
	thick := *st
	thick.StrokeWidth = 3
	out := []Shape{b.circle(RoleSymbol, x, y, 18, &thin)}
	// The vertices are round(10·cos θ), round(10·sin θ) for θ = 30°, 150°, 270°.
	vx := []float64{9, -9, 0}
	vy := []float64{5, 5, -10}
	out = append(out, Shape{Role: RoleSymbol, Opacity: 0.8, Path: &Path{Ops: []PathOp{
		{Verb: 'M', Pts: []float64{x + vx[0], y + vy[0]}}, {Verb: 'L', Pts: []float64{x + vx[1], y + vy[1]}},
		{Verb: 'L', Pts: []float64{x + vx[2], y + vy[2]}}, {Verb: 'Z'},
	}}, Style: &Style{Stroke: Color{0, 0, 0, 255}, StrokeWidth: 2}})
	for i := range vx {
		out = append(out, b.circle(RoleSymbol, x+vx[i], y+vy[i], 5, &thick))
	}
	return out
}

// ecosystem is the ecosystem glyph: a grey ring, a hatched disc and a small
// white centre (§4.9). OWM hatches with a pattern; we draw the pattern's
// lines (x − y = 4k in map-area pixels) cut to the disc, so that every
// renderer draws the same hatch.
func (b *builder) ecosystem(x, y float64, evolved bool) []Shape {
	t := b.t
	outer := &Style{Fill: Paint{Color: Color{0xd7, 0xd7, 0xd7, 255}}, Stroke: col(t.ComponentStroke), StrokeWidth: 1}
	if evolved {
		outer = &Style{Fill: Paint{Color: col(t.EvolvedFill)}, Stroke: col(t.EvolvedStroke), StrokeWidth: 1}
	}
	const r = 25
	var hatch []PathOp
	c0 := x - y
	for k := math.Ceil((c0 - r*math.Sqrt2) / 4); 4*k <= c0+r*math.Sqrt2; k++ {
		s := (c0 - 4*k) / math.Sqrt2 // signed distance from the centre to the line
		if math.Abs(s) >= r {
			continue
		}
		h := math.Sqrt(r*r-s*s) / math.Sqrt2
		fx, fy := x-s/math.Sqrt2, y+s/math.Sqrt2
		hatch = append(hatch, PathOp{Verb: 'M', Pts: []float64{fx - h, fy - h}}, PathOp{Verb: 'L', Pts: []float64{fx + h, fy + h}})
	}
	return []Shape{
		b.circle(RoleSymbol, x, y, 30, outer),
		b.circle(RoleSymbol, x, y, r, &Style{Fill: Paint{Color: Color{255, 255, 255, 255}}, Stroke: Color{0x9e, 0x9b, 0x9e, 255}, StrokeWidth: 1}),
		{Role: RoleSymbol, Path: &Path{Ops: hatch}, Opacity: 0.5, Style: &Style{Stroke: Color{128, 128, 128, 255}, StrokeWidth: 1}},
		b.circle(RoleSymbol, x, y, 10, &Style{Fill: Paint{Color: Color{255, 255, 255, 255}}, Stroke: Color{0x6e, 0x6e, 0x6e, 255}, StrokeWidth: 1}),
	}
}

// annotationsBox draws the list of annotations in its framed box (§4.17).
func (b *builder) annotationsBox() {
	if len(b.m.Annotations) == 0 {
		return
	}
	t := b.t
	x, y := b.px(b.m.AnnotationsAt)
	face := faceOf(t.Font)
	head := b.text(RoleAnnotations, txt{x: x + 2, y: y, s: "Annotations:", face: face, size: 14, anchor: AnchorStart,
		fill: col(t.AnnotationHeader), under: true})
	lines := ""
	for i, a := range b.m.Annotations {
		if i > 0 {
			lines += "\n"
		}
		lines += "\u00a0" + b.number(a) + ". " + a.Text + "\u00a0"
	}
	body := b.text(RoleAnnotations, txt{x: x, y: y + 18, s: lines, face: face, size: 14, anchor: AnchorStart,
		fill: col(t.AnnotationBoxText), lh: 18})
	x0, y0 := min(head.Box.X, body.Box.X), min(head.Box.Y, body.Box.Y)
	x1 := max(head.Box.X+head.Box.W, body.Box.X+body.Box.W)
	y1 := max(head.Box.Y+head.Box.H, body.Box.Y+body.Box.H)
	frame := Shape{Role: RoleAnnotations, Rect: &Rect{X: x0 - 2, Y: y0 - 2, W: x1 - x0 + 4, H: y1 - y0 + 4},
		Style: &Style{Fill: Paint{Color: col(t.AnnotationBoxFill)}, Stroke: col(t.AnnotationBoxStroke), StrokeWidth: t.AnnotationBoxWidth}}
	b.add(Group{ID: "annotations", Role: RoleAnnotations, Shapes: []Shape{frame, head, body}})
}

func (b *builder) number(a *model.Annotation) string {
	switch {
	case a.NumberOK:
		return strconv.Itoa(a.Number)
	case b.o.Compat:
		return "NaN"
	}
	return "?"
}

// notes draws the notes: bold text whose first baseline is at the point.
func (b *builder) notes() {
	t := b.t
	for _, n := range b.m.Notes {
		x, y := b.px(n.Coord)
		b.add(Group{ID: "note-" + slug(n.Text), Role: RoleNote, Shapes: []Shape{
			b.text(RoleNote, txt{x: x, y: y, s: n.Text, face: faceOf(t.Font), size: t.NoteFontSize, bold: true,
				anchor: AnchorStart, fill: col(t.NoteText)}),
		}})
	}
}

// annotationCircles draws each annotation's numbered circles, on top of
// everything (§4.17).
func (b *builder) annotationCircles() {
	t := b.t
	st := &Style{Fill: Paint{Color: col(t.AnnotationFill)}, Stroke: col(t.AnnotationStroke), StrokeWidth: t.AnnotationStrokeWidth}
	for _, a := range b.m.Annotations {
		num := b.number(a)
		g := Group{ID: "annotation-" + slug(num), Role: RoleAnnotation, Title: a.Text}
		for _, at := range a.At {
			x, y := b.px(at)
			g.Shapes = append(g.Shapes, b.circle(RoleAnnotation, x, y, 15, st),
				b.text(RoleAnnotation, txt{x: x, y: y, s: num, face: faceOf(t.Font), size: 14, anchor: AnchorMiddle,
					middle: true, fill: col(t.AnnotationNumber)}))
		}
		b.add(g)
	}
}
