package diff

import (
	"math"
	"strconv"
	"strings"

	"github.com/wardley-maps/wardley/font"
	"github.com/wardley-maps/wardley/layout"
	"github.com/wardley-maps/wardley/model"
	"github.com/wardley-maps/wardley/theme"
)

// Options tune Layout.
type Options struct {
	// Layout lays the new map out: size, style, compat. The zero value
	// draws it as its author wrote it.
	Layout layout.Options
	// OldName and NewName name the two versions in the legend: file
	// names, or REV:path for git. "old" and "new" when empty.
	OldName, NewName string
}

// The roles of the diff's own groups (renderers use roles as class names).
const (
	RoleAdded   layout.Role = "diff-added"
	RoleRemoved layout.Role = "diff-removed"
	RoleMoved   layout.Role = "diff-moved"
	RoleChanged layout.Role = "diff-changed"
)

// The marks' colours: saturated enough to read over every style's page,
// light or dark. Removed things are fuchsia, not the usual red: OWM draws
// evolve arrows and evolved components in red, dashed.
var (
	addedColor   = layout.Color{R: 22, G: 163, B: 74, A: 255}
	removedColor = layout.Color{R: 192, G: 38, B: 211, A: 255}
	movedColor   = layout.Color{R: 37, G: 99, B: 235, A: 255}
	changedColor = layout.Color{R: 234, G: 88, B: 12, A: 255}
	white        = layout.Color{R: 255, G: 255, B: 255, A: 255}
)

func classColor(c Class) layout.Color {
	switch c {
	case Added:
		return addedColor
	case Removed:
		return removedColor
	case Moved:
		return movedColor
	}
	return changedColor
}

// Layout draws the new map with the changes marked on it: added things
// ringed in green with bold green labels, removed things faded and dashed
// in red where they were, moved things with a blue arrow from their old
// place, changed attributes with an orange ring and a numbered badge. A
// legend under the map explains the marks and lists every change, the
// badges' numbers beside theirs.
func Layout(r *Result, o Options) *layout.Scene {
	s := layout.Layout(r.New, o.Layout)
	p := &painter{r: r, s: s, t: theme.Lookup(s.Style), o: o, ids: layout.NewIDs(len(s.Groups)), badges: map[any]int{}}
	for _, g := range s.Groups {
		p.ids.Take(g.ID)
	}
	p.mark()
	p.insert()
	layout.Fit(s, 8)
	p.legend()
	p.describe()
	return s
}

type painter struct {
	r *Result
	s *layout.Scene
	t theme.Theme
	o Options
	// under are drawn above links, evolve arrows and pipelines but below
	// symbols and labels; over on top of everything.
	under, over []layout.Group
	ids         *layout.IDs
	// badges numbers the subjects with changed attributes, in the order
	// of their first change; badgeOf gives each change its number (0 for
	// none).
	badges  map[any]int
	badgeOf []int
	// badgeGroup is, for each badge number, its group's index in over.
	badgeGroup []int
}

// group adds a mark made of shapes. Like Layout, it leaves out a shape
// wholly beyond half the map area off the page (a maturity of 95 where
// 0.95 was meant) rather than grow the page a hundred screens wide.
func (p *painter) group(layer *[]layout.Group, c Change, role layout.Role, shapes ...layout.Shape) {
	s := p.s
	limX0, limX1 := s.MapX-layout.MarginX-s.MapWidth/2, s.MapX+s.MapWidth+layout.MarginX+s.MapWidth/2
	limY0, limY1 := s.MapY-layout.MarginY-s.MapHeight/2, s.MapY+s.MapHeight+layout.MarginY+s.MapHeight/2
	kept := shapes[:0]
	for _, sh := range shapes {
		x0, y0, x1, y1, ok := sh.Extent()
		if ok && (math.IsNaN(x0+y0+x1+y1) || x1 < limX0 || x0 > limX1 || y1 < limY0 || y0 > limY1) {
			continue
		}
		sh.Translate(0, 0)
		kept = append(kept, sh)
	}
	shapes = kept
	if len(shapes) == 0 {
		return
	}
	base := "diff-" + string(c.Kind)
	if sl := layout.Slug(c.Name); sl != "" {
		base += "-" + sl
	}
	*layer = append(*layer, layout.Group{ID: p.ids.New(base), Role: role, Title: c.String(), Shapes: shapes})
}

func strokeStyle(c layout.Color, w float64, dash ...float64) *layout.Style {
	return &layout.Style{Stroke: c, StrokeWidth: w, Dash: dash, LineCap: "round"}
}

func ring(x, y, r float64, st *layout.Style) layout.Shape {
	return layout.Shape{Circle: &layout.Circle{CX: x, CY: y, R: r}, Style: st}
}

func line(x1, y1, x2, y2 float64, st *layout.Style) layout.Shape {
	return layout.Shape{Line: &layout.Line{X1: x1, Y1: y1, X2: x2, Y2: y2}, Style: st}
}

// halo is the green mark of something added: a tinted disc with a ring.
func halo(x, y, r float64) layout.Shape {
	return layout.Shape{Circle: &layout.Circle{CX: x, CY: y, R: r},
		Style: &layout.Style{Fill: layout.Paint{Color: addedColor}, FillOpacity: 0.18, Stroke: addedColor, StrokeWidth: 2.5}}
}

// frame is a rounded rectangle around a box, grown by pad.
func frame(b *layout.BoxHint, pad float64, st *layout.Style) layout.Shape {
	return layout.Shape{Rect: &layout.Rect{X: b.X - pad, Y: b.Y - pad, W: b.W + 2*pad, H: b.H + 2*pad, RX: 4}, Style: st}
}

// arrow runs from (x1, y1) to (x2, y2), leaving gaps at both ends for
// the symbols there; nil when the two are too close for an arrow to show.
func arrow(x1, y1, x2, y2, gap1, gap2 float64, c layout.Color) []layout.Shape {
	d := math.Hypot(x2-x1, y2-y1)
	if d < gap1+gap2+10 {
		return nil
	}
	ux, uy := (x2-x1)/d, (y2-y1)/d
	sx, sy := x1+ux*gap1, y1+uy*gap1
	ex, ey := x2-ux*gap2, y2-uy*gap2
	return []layout.Shape{
		line(sx, sy, ex-ux*6, ey-uy*6, strokeStyle(c, 2)),
		{Path: layout.Arrowhead(ex, ey, ux, uy, 10, 5), Style: &layout.Style{Fill: layout.Paint{Color: c}}},
	}
}

// textArrow is the arrow of a text that moved by (dx, dy): from the
// middle of its ghost to the middle of where it is now, each end leaving
// the text's box.
func textArrow(ghost []layout.Shape, dx, dy float64) []layout.Shape {
	var b *layout.BoxHint
	for _, sh := range ghost {
		if sh.Text == nil || sh.Box == nil {
			continue
		}
		if b == nil {
			bb := *sh.Box
			b = &bb
			continue
		}
		x1, y1 := max(b.X+b.W, sh.Box.X+sh.Box.W), max(b.Y+b.H, sh.Box.Y+sh.Box.H)
		b.X, b.Y = min(b.X, sh.Box.X), min(b.Y, sh.Box.Y)
		b.W, b.H = x1-b.X, y1-b.Y
	}
	d := math.Hypot(dx, dy)
	if b == nil || d == 0 {
		return nil
	}
	gap := boxGap(b.W/2+3, b.H/2+3, dx/d, dy/d)
	cx, cy := b.X+b.W/2, b.Y+b.H/2
	return arrow(cx, cy, cx+dx, cy+dy, gap, gap, movedColor)
}

// boxGap is how far a line along (ux, uy) from the centre of a box of
// half-sizes hw × hh runs before it leaves the box.
func boxGap(hw, hh, ux, uy float64) float64 {
	g := math.Inf(1)
	if ux != 0 {
		g = hw / math.Abs(ux)
	}
	if uy != 0 {
		g = min(g, hh/math.Abs(uy))
	}
	return g
}

// glyph is the radius of what is drawn at an element: its symbol, or the
// market, ecosystem or method circle around it.
func (p *painter) glyph(e *model.Element) float64 {
	r := p.t.ComponentRadius
	switch {
	case e.Decorators.Ecosystem:
		r = 30
	case e.Decorators.Market:
		r = 18
	case e.Decorators.Method != model.NoMethod:
		r = 15
	}
	return r
}

func (p *painter) at(c model.Coord) (float64, float64) { return layout.PagePoint(p.s, c) }

func (p *painter) el(e *model.Element) (float64, float64) { return layout.ElementPoint(p.s, e) }

// find returns the new scene's group with id, or nil.
func (p *painter) find(id string) *layout.Group {
	for i := range p.s.Groups {
		if p.s.Groups[i].ID == id {
			return &p.s.Groups[i]
		}
	}
	return nil
}

// embolden makes the labels of an added thing bold and green.
func (p *painter) embolden(id string) *layout.BoxHint {
	g := p.find(id)
	if g == nil {
		return nil
	}
	var box *layout.BoxHint
	for i := range g.Shapes {
		sh := &g.Shapes[i]
		if sh.Text == nil || sh.Role != layout.RoleLabel && sh.Role != layout.RoleAnchor {
			continue
		}
		t := *sh.Text
		t.Bold, t.Fill = true, addedColor
		*sh = layout.TextShape(sh.Role, t)
		sh.Translate(0, 0)
		box = sh.Box
	}
	return box
}

// ghostText is a removed or moved thing's text, faded, where it was; a
// removed one is struck through.
func (p *painter) ghostText(s string, x, y float64, anchor layout.Anchor, size float64, bold bool, c layout.Color, strike bool) []layout.Shape {
	var out []layout.Shape
	for i, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l == "" {
			continue
		}
		sh := layout.TextShape(layout.RoleLabel, layout.Text{X: x, Y: y + float64(i)*15, Lines: []string{l}, Anchor: anchor,
			Face: layout.FontFace(p.t.Font), Size: size, Bold: bold, Fill: c})
		sh.Opacity = 0.75
		out = append(out, sh)
		if strike {
			b := sh.Box
			mid := y + float64(i)*15 - size*0.3
			out = append(out, line(b.X-1, mid, b.X+b.W+1, mid, &layout.Style{Stroke: c, StrokeWidth: 1.2, StrokeOpacity: 0.75}))
		}
	}
	return out
}

// elementGhost is a removed (or moved) element drawn where it was: its
// symbol dashed and its label faded.
func (p *painter) elementGhost(e *model.Element, c layout.Color, strike bool) []layout.Shape {
	x, y := p.el(e)
	text := e.Display
	if text == "" {
		text = e.Name
	}
	if e.Kind == model.Anchor {
		return p.ghostText(text, x, y-10, layout.AnchorMiddle, p.t.FontSize, false, c, strike)
	}
	out := []layout.Shape{ring(x, y, p.t.ComponentRadius+1, strokeStyle(c, 1.5, 3, 2))}
	if g := p.glyph(e); g > p.t.ComponentRadius {
		out = append(out, ring(x, y, g, strokeStyle(c, 1, 3, 3)))
	}
	anchor := layout.AnchorStart
	if strings.Contains(text, "\n") {
		anchor = layout.AnchorMiddle
	}
	return append(out, p.ghostText(text, x+e.DrawLabel.X, y+e.DrawLabel.Y, anchor, p.t.FontSize, false, c, strike)...)
}

// badge is the numbered orange mark of changed attributes, centred on
// (x, y).
func badge(n int, x, y float64) []layout.Shape {
	s := strconv.Itoa(n)
	f, _, _ := font.Lookup(font.Sans, true, false)
	w := max(16, f.Width(s, 11)+8)
	return []layout.Shape{
		{Rect: &layout.Rect{X: x - w/2, Y: y - 8, W: w, H: 16, RX: 8},
			Style: &layout.Style{Fill: layout.Paint{Color: changedColor}, Stroke: white, StrokeWidth: 1.5}},
		layout.TextShape(RoleChanged, layout.Text{X: x, Y: y, Lines: []string{s}, Anchor: layout.AnchorMiddle, Middle: true,
			Face: layout.FontSans, Size: 11, Bold: true, Fill: white}),
	}
}

// changed marks a subject with changed attributes, once: an orange ring
// (when r > 0) and a numbered badge at (bx, by).
// Every change of the subject is in the badge's title (a tooltip in SVG).
func (p *painter) changed(i int, c Change, subject any, x, y, r, bx, by float64) {
	n, ok := p.badges[subject]
	if !ok {
		n = len(p.badges) + 1
		p.badges[subject] = n
		if r > 0 {
			p.group(&p.under, c, RoleChanged, ring(x, y, r, strokeStyle(changedColor, 2)))
		}
		before := len(p.over)
		p.group(&p.over, c, RoleChanged, badge(n, bx, by)...)
		at := -1 // no badge: it lies far off the map
		if len(p.over) > before {
			at = before
		}
		p.badgeGroup = append(p.badgeGroup, at)
	} else if at := p.badgeGroup[n-1]; at >= 0 {
		p.over[at].Title += "; " + c.String()
	}
	p.badgeOf[i] = n
}

// elementChanged marks an element with changed attributes.
func (p *painter) elementChanged(i int, c Change, e *model.Element) {
	x, y := p.el(e)
	if e.Kind == model.Anchor {
		if g := p.find(e.ID); g != nil && len(g.Shapes) > 0 && g.Shapes[0].Box != nil {
			b := g.Shapes[0].Box
			if _, ok := p.badges[e]; !ok {
				p.group(&p.under, c, RoleChanged, frame(b, 4, strokeStyle(changedColor, 2)))
			}
			p.changed(i, c, e, x, y, 0, b.X-12, b.Y+b.H/2)
			return
		}
	}
	r := p.glyph(e) + 5
	p.changed(i, c, e, x, y, r, x-r*0.75-6, y-r*0.75-6)
}

// mark draws every change.
func (p *painter) mark() {
	p.badgeOf = make([]int, len(p.r.Changes))
	for i, c := range p.r.Changes {
		p.markOne(i, c)
	}
}

func (p *painter) markOne(i int, c Change) {
	ref := c.ref
	switch c.Kind {
	case ElementAdded:
		e := ref.newEl
		x, y := p.el(e)
		if e.Kind == model.Anchor {
			if b := p.embolden(e.ID); b != nil {
				p.group(&p.under, c, RoleAdded, frame(b, 4, &layout.Style{Fill: layout.Paint{Color: addedColor}, FillOpacity: 0.15,
					Stroke: addedColor, StrokeWidth: 2}))
			}
			return
		}
		p.embolden(e.ID)
		p.group(&p.under, c, RoleAdded, halo(x, y, p.glyph(e)+5))
	case ElementRemoved:
		p.group(&p.under, c, RoleRemoved, p.elementGhost(ref.oldEl, removedColor, true)...)
	case ElementMoved:
		o, n := ref.oldEl, ref.newEl
		x1, y1 := p.el(o)
		x2, y2 := p.el(n)
		if o.Kind == model.Anchor {
			// An anchor is only its name, centred above its point.
			shapes := p.ghostText(o.Name, x1, y1-10, layout.AnchorMiddle, p.t.FontSize, false, movedColor, false)
			for j := range shapes {
				shapes[j].Opacity = 0.45
			}
			shapes = append(shapes, textArrow(shapes, x2-x1, y2-y1)...)
			p.group(&p.under, c, RoleMoved, shapes...)
			return
		}
		// The ghost is as big as what was drawn there: a method or market
		// circle, not only the symbol.
		rg := max(p.glyph(o), p.t.ComponentRadius+1)
		shapes := []layout.Shape{ring(x1, y1, rg, &layout.Style{Stroke: movedColor, StrokeWidth: 1.5,
			Dash: []float64{2, 2}, StrokeOpacity: 0.8})}
		shapes = append(shapes, arrow(x1, y1, x2, y2, rg+3, p.glyph(n)+4, movedColor)...)
		p.group(&p.under, c, RoleMoved, shapes...)
	case ElementRenamed, ElementKind, ElementLabel, ElementInertia, ElementDecorators, ElementURL, ElementPipeline:
		p.elementChanged(i, c, ref.newEl)

	case EvolveAdded:
		ev := ref.newEv
		if ev.Element == nil {
			return
		}
		x1, y1 := p.el(ev.Element)
		x2, y2 := p.at(model.Coord{Visibility: ev.Element.Coord.Visibility, Maturity: ev.Maturity})
		shapes := []layout.Shape{line(x1, y1, x2, y2, &layout.Style{Stroke: addedColor, StrokeWidth: 6, StrokeOpacity: 0.35, LineCap: "round"})}
		if cp := ev.Copy; cp != nil {
			x2, y2 = p.el(cp)
			shapes = append(shapes, halo(x2, y2, p.glyph(cp)+5))
			p.embolden(cp.ID)
		}
		p.group(&p.under, c, RoleAdded, shapes...)
	case EvolveRemoved:
		ev := ref.oldEv
		if ev.Element == nil {
			return
		}
		x1, y1 := p.el(ev.Element)
		x2, y2 := p.at(model.Coord{Visibility: ev.Element.Coord.Visibility, Maturity: ev.Maturity})
		shapes := []layout.Shape{line(x1, y1, x2, y2, &layout.Style{Stroke: removedColor, StrokeWidth: 2, Dash: []float64{1, 5},
			StrokeOpacity: 0.8, LineCap: "round"})}
		if cp := ev.Copy; cp != nil {
			shapes = append(shapes, p.elementGhost(cp, removedColor, true)...)
		}
		p.group(&p.under, c, RoleRemoved, shapes...)
	case EvolveTarget:
		o, n := ref.oldEv, ref.newEv
		if o.Element == nil || n.Element == nil {
			return
		}
		x1, y1 := p.at(model.Coord{Visibility: n.Element.Coord.Visibility, Maturity: o.Maturity})
		x2, y2 := p.at(model.Coord{Visibility: n.Element.Coord.Visibility, Maturity: n.Maturity})
		if n.Element.Kind == model.PipelineChild {
			x1, y1 = p.el(n.Element)
		}
		r := p.t.ComponentRadius
		if n.Copy != nil {
			x2, y2 = p.el(n.Copy)
			r = p.glyph(n.Copy)
		}
		y1 = y2
		rg := p.t.ComponentRadius + 1
		if o.Copy != nil {
			rg = max(rg, p.glyph(o.Copy))
		}
		shapes := []layout.Shape{ring(x1, y1, rg, &layout.Style{Stroke: movedColor, StrokeWidth: 1.5,
			Dash: []float64{2, 2}, StrokeOpacity: 0.8})}
		// The evolve arrow runs along the same line: the move arrow goes
		// just above it.
		shapes = append(shapes, arrow(x1, y1-9, x2, y2-9, 4, r+2, movedColor)...)
		p.group(&p.under, c, RoleMoved, shapes...)
	case EvolveName, EvolveLabel, EvolveDecorators:
		ev := ref.newEv
		switch {
		case ev.Copy != nil:
			p.elementChanged(i, c, ev.Copy)
		case ev.Element != nil:
			p.elementChanged(i, c, ev.Element)
		}

	case LinkAdded:
		l := ref.newLink
		if l.From == nil || l.To == nil {
			return
		}
		x1, y1 := p.el(l.From)
		x2, y2 := p.el(l.To)
		p.group(&p.under, c, RoleAdded, line(x1, y1, x2, y2, &layout.Style{Stroke: addedColor, StrokeWidth: 6,
			StrokeOpacity: 0.45, LineCap: "round"}))
	case LinkRemoved:
		l := ref.oldLink
		if l.From == nil || l.To == nil {
			return
		}
		x1, y1 := p.oldEnd(l.From)
		x2, y2 := p.oldEnd(l.To)
		p.group(&p.under, c, RoleRemoved, line(x1, y1, x2, y2, &layout.Style{Stroke: removedColor, StrokeWidth: 1.5,
			Dash: []float64{6, 4}, StrokeOpacity: 0.8}))
	case LinkOperator, LinkReversed, LinkContext:
		l := ref.newLink
		if l.From == nil || l.To == nil {
			return
		}
		x1, y1 := p.el(l.From)
		x2, y2 := p.el(l.To)
		if _, ok := p.badges[l]; !ok {
			p.group(&p.under, c, RoleChanged, line(x1, y1, x2, y2, &layout.Style{Stroke: changedColor, StrokeWidth: 5,
				StrokeOpacity: 0.4, LineCap: "round"}))
		}
		// A third of the way along: the context text sits in the middle.
		p.changed(i, c, l, 0, 0, 0, x1+(x2-x1)/3, y1+(y2-y1)/3)

	case PipelineAdded:
		if b, ok := p.pipelineBox(ref.newPipe, ref.newPipe.Maturity1, ref.newPipe.Maturity2); ok {
			p.group(&p.under, c, RoleAdded, frame(b, 3, &layout.Style{Fill: layout.Paint{Color: addedColor}, FillOpacity: 0.12,
				Stroke: addedColor, StrokeWidth: 2.5}))
		}
	case PipelineRemoved:
		if b, ok := p.pipelineBox(ref.oldPipe, ref.oldPipe.Maturity1, ref.oldPipe.Maturity2); ok {
			p.group(&p.under, c, RoleRemoved, frame(b, 0, &layout.Style{Stroke: removedColor, StrokeWidth: 1.5,
				Dash: []float64{6, 4}, StrokeOpacity: 0.8}))
		}
	case PipelineExtent:
		o, n := ref.oldPipe, ref.newPipe
		if b, ok := p.pipelineBox(n, o.Maturity1, o.Maturity2); ok {
			p.group(&p.under, c, RoleChanged, frame(b, 0, &layout.Style{Stroke: changedColor, StrokeWidth: 1.5,
				Dash: []float64{6, 4}, StrokeOpacity: 0.8}))
		}
		if b, ok := p.pipelineBox(n, n.Maturity1, n.Maturity2); ok {
			p.changed(i, c, n, 0, 0, 0, b.X-4, b.Y+b.H/2)
		}

	case NoteAdded:
		sh := p.noteText(ref.newNote.Text, ref.newNote.Coord, p.t.NoteText)
		if sh.Box != nil {
			p.group(&p.under, c, RoleAdded, frame(sh.Box, 4, &layout.Style{Fill: layout.Paint{Color: addedColor}, FillOpacity: 0.15,
				Stroke: addedColor, StrokeWidth: 2}))
		}
	case NoteRemoved:
		x, y := p.at(ref.oldNote.Coord)
		p.group(&p.under, c, RoleRemoved, p.ghostText(ref.oldNote.Text, x, y, layout.AnchorStart, p.t.NoteFontSize, true, removedColor, true)...)
	case NoteMoved:
		x1, y1 := p.at(ref.oldNote.Coord)
		x2, y2 := p.at(ref.newNote.Coord)
		shapes := p.ghostText(ref.oldNote.Text, x1, y1, layout.AnchorStart, p.t.NoteFontSize, true, movedColor, false)
		for j := range shapes {
			shapes[j].Opacity = 0.45
		}
		shapes = append(shapes, textArrow(shapes, x2-x1, y2-y1)...)
		p.group(&p.under, c, RoleMoved, shapes...)
	case NoteText:
		sh := p.noteText(ref.newNote.Text, ref.newNote.Coord, p.t.NoteText)
		if sh.Box != nil {
			p.changed(i, c, ref.newNote, 0, 0, 0, sh.Box.X-12, sh.Box.Y+7)
		}

	case AnnotationAdded:
		var shapes []layout.Shape
		for _, at := range ref.newAnn.At {
			x, y := p.at(at)
			shapes = append(shapes, halo(x, y, 20))
		}
		p.group(&p.under, c, RoleAdded, shapes...)
	case AnnotationRemoved:
		var shapes []layout.Shape
		for _, at := range ref.oldAnn.At {
			x, y := p.at(at)
			shapes = append(shapes, ring(x, y, 15, strokeStyle(removedColor, 1.5, 4, 3)))
			shapes = append(shapes, p.ghostText(c.Name, x, y+5, layout.AnchorMiddle, 14, false, removedColor, true)...)
		}
		p.group(&p.under, c, RoleRemoved, shapes...)
	case AnnotationMoved:
		o, n := ref.oldAnn.At, ref.newAnn.At
		var shapes []layout.Shape
		for j, at := range o {
			if j < len(n) && sameCoord(at, n[j]) {
				continue
			}
			x1, y1 := p.at(at)
			shapes = append(shapes, ring(x1, y1, 15, &layout.Style{Stroke: movedColor, StrokeWidth: 1.5, Dash: []float64{2, 2}, StrokeOpacity: 0.8}))
			if len(o) == len(n) {
				x2, y2 := p.at(n[j])
				shapes = append(shapes, arrow(x1, y1, x2, y2, 17, 19, movedColor)...)
			}
		}
		p.group(&p.under, c, RoleMoved, shapes...)
	case AnnotationText:
		if len(ref.newAnn.At) > 0 {
			x, y := p.at(ref.newAnn.At[0])
			p.changed(i, c, ref.newAnn, x, y, 20, x-17, y-17)
		}
	case AnnotationsOrder, AnnotationsBox:
		x, y := p.at(p.r.New.AnnotationsAt)
		p.changed(i, c, "annotations", 0, 0, 0, x-12, y-5)

	case AttitudeAdded:
		b := p.attitudeBox(ref.newAtt)
		p.group(&p.under, c, RoleAdded, frame(b, 3, strokeStyle(addedColor, 3)))
	case AttitudeRemoved:
		b := p.attitudeBox(ref.oldAtt)
		p.group(&p.under, c, RoleRemoved, frame(b, 0, strokeStyle(removedColor, 2, 8, 5)))
	case AttitudeMoved:
		a, b := p.attitudeBox(ref.oldAtt), p.attitudeBox(ref.newAtt)
		shapes := []layout.Shape{frame(a, 0, &layout.Style{Stroke: movedColor, StrokeWidth: 2, Dash: []float64{4, 4}, StrokeOpacity: 0.8})}
		shapes = append(shapes, arrow(a.X+a.W/2, a.Y+a.H/2, b.X+b.W/2, b.Y+b.H/2, 0, 0, movedColor)...)
		p.group(&p.under, c, RoleMoved, shapes...)

	case AcceleratorAdded:
		x, y := p.at(ref.newAcc.Coord)
		p.group(&p.under, c, RoleAdded, halo(x, y, 30))
	case AcceleratorRemoved:
		a := ref.oldAcc
		x, y := p.at(a.Coord)
		shapes := []layout.Shape{ring(x, y, 25, strokeStyle(removedColor, 1.5, 4, 3))}
		shapes = append(shapes, p.ghostText(a.Name, x, y+20+p.t.FontSize, layout.AnchorMiddle, p.t.FontSize, false, removedColor, true)...)
		p.group(&p.under, c, RoleRemoved, shapes...)
	case AcceleratorMoved:
		x1, y1 := p.at(ref.oldAcc.Coord)
		x2, y2 := p.at(ref.newAcc.Coord)
		shapes := []layout.Shape{ring(x1, y1, 25, &layout.Style{Stroke: movedColor, StrokeWidth: 1.5, Dash: []float64{2, 2}, StrokeOpacity: 0.8})}
		shapes = append(shapes, arrow(x1, y1, x2, y2, 27, 29, movedColor)...)
		p.group(&p.under, c, RoleMoved, shapes...)
	case AcceleratorKind, AcceleratorRenamed:
		x, y := p.at(ref.newAcc.Coord)
		p.changed(i, c, ref.newAcc, x, y, 30, x-27, y-27)

	case Title:
		if g := p.find("title"); g != nil && len(g.Shapes) > 0 && g.Shapes[0].Box != nil {
			b := g.Shapes[0].Box
			p.changed(i, c, "title", 0, 0, 0, b.X+b.W+14, b.Y+b.H/2)
		}
	}
}

// oldEnd is where a removed link's end is drawn: where its element is now,
// or where it was when it is gone.
func (p *painter) oldEnd(e *model.Element) (float64, float64) {
	if n := p.r.match[e]; n != nil {
		return p.el(n)
	}
	return p.el(e)
}

// pipelineBox is the box of a pipeline between two maturities, on its
// parent's line, around both of Layout's pipeline forms.
func (p *painter) pipelineBox(pl *model.Pipeline, m1, m2 float64) (*layout.BoxHint, bool) {
	if pl.Parent == nil {
		return nil, false
	}
	_, y := p.el(pl.Parent)
	x1, _ := p.at(model.Coord{Maturity: min(m1, m2)})
	x2, _ := p.at(model.Coord{Maturity: max(m1, m2)})
	return &layout.BoxHint{X: x1 - 17, Y: y - 1, W: x2 - x1 + 34, H: 26}, true
}

func (p *painter) attitudeBox(a *model.Attitude) *layout.BoxHint {
	x1, y1 := p.at(a.From)
	x2, y2 := p.at(a.To)
	return &layout.BoxHint{X: min(x1, x2), Y: min(y1, y2), W: math.Abs(x2 - x1), H: math.Abs(y2 - y1)}
}

// noteText measures a note as Layout draws it: bold, its first baseline on
// the point.
func (p *painter) noteText(text string, at model.Coord, fill theme.Color) layout.Shape {
	x, y := p.at(at)
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	lh := 0.0
	if len(lines) > 1 {
		lh = 15
	}
	return layout.TextShape(layout.RoleNote, layout.Text{X: x, Y: y, Lines: lines, LineHeight: lh, Anchor: layout.AnchorStart,
		Face: layout.FontFace(p.t.Font), Size: p.t.NoteFontSize, Bold: true, Fill: layout.Color(fill)})
}

// insert puts the marks into the scene: under ones above the last link,
// evolve arrow or pipeline, over ones on top.
func (p *painter) insert() {
	at := 0
	for i, g := range p.s.Groups {
		switch g.Role {
		case layout.RoleBackground, layout.RoleTitle, layout.RoleAxis, layout.RoleAttitude, layout.RoleLink, layout.RoleFlow,
			layout.RoleEvolve, layout.RolePipeline:
			at = i + 1
		}
	}
	groups := make([]layout.Group, 0, len(p.s.Groups)+len(p.under)+len(p.over))
	groups = append(groups, p.s.Groups[:at]...)
	groups = append(groups, p.under...)
	groups = append(groups, p.s.Groups[at:]...)
	groups = append(groups, p.over...)
	p.s.Groups = groups
}
