package layout

import (
	"math"

	"github.com/wardley-maps/wardley/model"
)

// links draws links and flows in OWM's groups (spec §4.15): links between
// plain elements, links into an evolving element, links between two
// evolving elements, the extra line from an anchor to the evolved copy of
// what it needs, and links out of an evolving element.
func (b *builder) links() {
	var groups [5][]*model.Link
	for _, l := range b.m.Links {
		if l.From == nil || l.To == nil {
			continue
		}
		fv, tv := l.From.Evolving(), l.To.Evolving()
		switch {
		case !fv && !tv:
			groups[0] = append(groups[0], l)
		case !fv && tv:
			groups[1] = append(groups[1], l)
			if l.From.Kind == model.Anchor && l.To.Evolution.Copy != nil {
				groups[3] = append(groups[3], l)
			}
		case fv && tv:
			groups[2] = append(groups[2], l)
		default:
			groups[4] = append(groups[4], l)
		}
	}
	for gi, g := range groups {
		for _, l := range g {
			b.link(l, gi == 3)
		}
	}
}

func elementID(e *model.Element) string {
	if e.ID != "" {
		return e.ID
	}
	return e.Kind.String() + "-" + slug(e.Name)
}

// link draws one link: the line, its flow band, the flow value at the end
// element and the context text along the middle.
func (b *builder) link(l *model.Link, toCopy bool) {
	t := b.t
	from, to := l.From, l.To
	if toCopy {
		to = l.To.Evolution.Copy
	}
	x1, y1 := b.pos(from)
	x2, y2 := b.pos(to)
	fs, ts := b.slug(from.Name), b.slug(to.Name)
	g := Group{ID: "link-" + fs + "-to-" + ts, Role: RoleLink, Shapes: b.scratch()}
	st := Style{Stroke: col(t.LinkStroke), StrokeWidth: t.LinkStrokeWidth}
	if toCopy {
		g.ID = "evolved-link-" + fs + "-to-" + ts
		st = Style{Stroke: col(t.EvolvedLinkStroke), StrokeWidth: t.EvolvedLinkWidth}
	}
	line := Line{X1: x1, Y1: y1, X2: x2, Y2: y2}
	g.Shapes = append(g.Shapes, Shape{Role: RoleLink, Line: b.lines.Put(line), Style: b.styles.Put(st)})
	if l.Flow() {
		g.Role = RoleFlow
		band := Shape{Role: RoleFlow, Line: b.lines.Put(line),
			Style: b.styles.Put(Style{Stroke: col(t.FlowStroke), StrokeWidth: t.FlowStrokeWidth})}
		g.Shapes = append(g.Shapes, band)
		if b.o.Compat && l.FlowValue != "" {
			// OWM makes two link records of a labelled flow and draws both
			// bands, one over the other.
			again := band
			again.Line = &Line{X1: x1, Y1: y1, X2: x2, Y2: y2}
			again.Style = &Style{Stroke: col(t.FlowStroke), StrokeWidth: t.FlowStrokeWidth}
			g.Shapes = append(g.Shapes, again)
		}
	}
	if l.FlowValue != "" && !toCopy {
		v := b.text(RoleFlowValue, txt{x: x2, y: y2, s: l.FlowValue, face: faceOf(t.Font),
			size: 14, anchor: AnchorStart, fill: col(t.TextColor)})
		v.Box.Free = true
		g.Shapes = append(g.Shapes, v)
		if b.o.autoLabels() {
			// OWM writes the value at the end element's centre, over its
			// label; the placer moves it along the link.
			b.movable = append(b.movable, movable{gi: len(b.s.Groups), si: len(g.Shapes) - 1,
				cx: x2, cy: y2, r: b.clearance(to), flow: true, fx: x1, fy: y1})
		}
	}
	if l.Context != "" && !toCopy {
		cx, cy := (x1+x2)/2, (y1+y2)/2
		th := math.Atan2(y2-y1, x2-x1) * 180 / math.Pi
		// Turned half a turn when it would read upside down (OWM adds
		// 180°; subtracting it where that passes 180° is the same turn).
		switch {
		case th > 90:
			th -= 180
		case th < -90:
			th += 180
		}
		sin, cos := math.Sincos(th * math.Pi / 180)
		g.Shapes = append(g.Shapes, b.text(RoleContext, txt{x: cx + 5*sin, y: cy - 5*cos, s: l.Context,
			face: faceOf(t.Font), size: t.ContextFontSize, anchor: AnchorMiddle, fill: col(t.ContextText), rotate: th}))
	}
	b.add(g)
}

// evolutions draws each evolve arrow, dashed from the element to its evolved
// copy, with the inertia bar where the element's inertia resists (§4.13,
// §4.14): one per evolving element, so each element of a repeated name gets
// its own. The arrowhead points the way the evolution goes; OWM's marker
// always points right.
func (b *builder) evolutions() {
	t := b.t
	for _, e := range b.evolving() {
		ev := e.Evolution
		src := e
		if b.o.Compat {
			// OWM finds an arrow's ends by name: every arrow of a repeated
			// name runs from the first element to its copy, and the later
			// copies have none.
			src = ev.Element
		}
		x1, y1 := b.pos(src)
		x2 := ev.Maturity * b.W
		y2 := y1
		if src.Copy != nil {
			x2, y2 = b.pos(src.Copy)
		}
		s := t.EvolvedLinkWidth
		st := &Style{Stroke: col(t.EvolvedLinkStroke), StrokeWidth: s, Dash: []float64{5, 5}}
		g := Group{ID: "evolve-" + slug(elementID(e)), Role: RoleEvolve, Shapes: append(b.scratch(),
			Shape{Role: RoleEvolve, Line: &Line{X1: x1, Y1: y1, X2: x2, Y2: y2}, Style: st})}
		// OWM's marker: 12 × 12 (scaled by the stroke width), its tip 6s
		// before the line's end, its base 18s before.
		ux, uy := 1.0, 0.0
		if d := math.Hypot(x2-x1, y2-y1); !b.o.Compat && d > 0 {
			ux, uy = (x2-x1)/d, (y2-y1)/d
		}
		back := 6 * s
		if r := glyphRadius(src.Copy); !b.o.Compat && r > 0 {
			// OWM's tip hides under a method, market or ecosystem
			// glyph; ours stops just short of it.
			back = max(back, r+2)
		}
		if x1 != x2 || y1 != y2 {
			g.Shapes = append(g.Shapes, Shape{Role: RoleEvolve, Path: triangle(x2-back*ux, y2-back*uy, ux, uy, 12*s, 6*s),
				Style: &Style{Fill: Paint{Color: col(t.EvolvedLinkStroke)}}})
		}
		if src.Inertia {
			// The stage boundaries are rounded through this map's width,
			// not the one the model was compiled for (--width may differ).
			g.Shapes = append(g.Shapes, b.inertia(model.InertiaAt(src.Coord.Maturity, ev.Maturity, b.W)*b.W, y1))
		}
		b.add(g)
	}
}

// glyphRadius is the radius of the largest glyph drawn around an element
// beyond its plain symbol: ecosystem 30, market 18, method 15; 0 for none.
func glyphRadius(e *model.Element) float64 {
	switch {
	case e == nil:
		return 0
	case e.Decorators.Ecosystem:
		return 30
	case e.Decorators.Market:
		return 18
	case e.Decorators.Method != model.NoMethod:
		return 15
	}
	return 0
}

// inertia is the bar that marks resistance to change: 6 px wide, 20 px
// high, centred on y.
func (b *builder) inertia(x, y float64) Shape {
	return Shape{Role: RoleInertia, Line: &Line{X1: x, Y1: y - 10, X2: x, Y2: y + 10},
		Style: &Style{Stroke: col(b.t.InertiaStroke), StrokeWidth: 6}}
}
