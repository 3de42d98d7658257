package layout

import "math"

// itemKind sorts what a scene draws into what labels must keep clear of.
type itemKind uint8

const (
	kindLabel    itemKind = iota // the name of something: component labels, anchors, flow values, attitude and accelerator names
	kindSymbol                   // a component's circle or square, its market, ecosystem or method glyph, a submap icon, an accelerator, an annotation circle, an evolve arrowhead
	kindInertia                  // an inertia bar
	kindLink                     // a link's line
	kindFlow                     // a flow's band
	kindEvolve                   // an evolve arrow
	kindPipeline                 // a side of a pipeline box
	kindContext                  // a link's context text, along its link
	kindNote                     // a note, the annotations box
	kindText                     // the title and the axis labels
	kindLeader                   // a leader line from a symbol to its label
)

// item is one thing a label may overlap: a box, a disc or a thick segment.
// r is its bounding box in every case. A segment runs from (x1, y1) to
// (x2, y2), hw on each side; a disc is centred on (x1, y1), of radius hw.
type item struct {
	r              rect
	x1, y1, x2, y2 float64
	hw             float64
	kind           itemKind
	circle, seg    bool
}

// meets reports whether the item meets box b, and how much of it lies in
// b: the area for boxes and discs (of the disc's box), the length for
// segments.
func (it *item) meets(b rect) (bool, float64) {
	if it.r.x1 <= b.x0 || it.r.x0 >= b.x1 || it.r.y1 <= b.y0 || it.r.y0 >= b.y1 {
		return false, 0
	}
	switch {
	case it.seg:
		if it.hw > 1 {
			// A thick segment (a flow band, a context text, an inertia
			// bar) meets b when its centre line meets b grown by the
			// half-width.
			l, ok := clipSegment(it.x1, it.y1, it.x2, it.y2, b.grow(it.hw))
			return ok, l
		}
		l, ok := clipSegment(it.x1, it.y1, it.x2, it.y2, b)
		return ok, l
	case it.circle:
		if !circleMeets(it.x1, it.y1, it.hw, b) {
			return false, 0
		}
		w, h := overlap(it.r, b)
		return true, w * h
	}
	w, h := overlap(it.r, b)
	return w > 0, w * h
}

func boxItem(k itemKind, r rect) item { return item{kind: k, r: r} }

func segItem(k itemKind, x1, y1, x2, y2, hw float64) item {
	return item{kind: k, r: segmentBox(x1, y1, x2, y2, hw), seg: true, x1: x1, y1: y1, x2: x2, y2: y2, hw: hw}
}

func circleItem(k itemKind, c *Circle) item {
	return item{kind: k, r: rect{c.CX - c.R, c.CY - c.R, c.CX + c.R, c.CY + c.R}, circle: true, x1: c.CX, y1: c.CY, hw: c.R}
}

// items calls fn with each thing in the scene's groups that a label must
// keep clear of, and the group and shape it comes from. Shapes that lie
// inside another item of the same glyph (a market's triangle, an
// annotation's number, the lines of the annotations box) and decoration
// labels may cross (the map area, attitude boxes, the axes and stage
// separators) give none.
//
// With labelsOnly, fn sees only the labels.
func items(groups []Group, labelsOnly bool, fn func(gi, si int, it item)) {
	for gi := range groups {
		g := &groups[gi]
		for si := range g.Shapes {
			sh := &g.Shapes[si]
			if labelsOnly {
				switch sh.Role {
				case RoleLabel, RoleAnchor, RoleFlowValue:
				default:
					continue
				}
			}
			sw := 0.0
			if sh.Style != nil {
				sw = sh.Style.StrokeWidth / 2
			}
			switch sh.Role {
			case RoleLabel, RoleAnchor, RoleFlowValue:
				if sh.Text != nil && sh.Box != nil {
					fn(gi, si, boxItem(kindLabel, boxRect(sh.Box)))
				}
			case RoleNote:
				if sh.Box != nil {
					fn(gi, si, boxItem(kindNote, boxRect(sh.Box)))
				}
			case RoleAnnotations:
				if sh.Rect != nil {
					fn(gi, si, boxItem(kindNote, rect{sh.Rect.X, sh.Rect.Y, sh.Rect.X + sh.Rect.W, sh.Rect.Y + sh.Rect.H}))
				}
			case RoleTitle, RoleAxisLabel:
				if sh.Text != nil && sh.Box != nil && len(sh.Text.Lines) > 0 && sh.Text.Lines[0] != "" {
					fn(gi, si, boxItem(kindText, boxRect(sh.Box)))
				}
			case RoleSymbol, RoleMethod, RoleAccelerator, RoleAnnotation:
				switch {
				case sh.Circle != nil:
					c := *sh.Circle
					c.R += sw
					fn(gi, si, circleItem(kindSymbol, &c))
				case sh.Text != nil:
					// An annotation's number sits inside its circle.
				case sh.Box != nil:
					fn(gi, si, boxItem(kindSymbol, boxRect(sh.Box).grow(sw)))
				case sh.Rect != nil:
					r := sh.Rect
					fn(gi, si, boxItem(kindSymbol, rect{r.X, r.Y, r.X + r.W, r.Y + r.H}.grow(sw)))
				}
			case RoleInertia:
				if l := sh.Line; l != nil {
					fn(gi, si, segItem(kindInertia, l.X1, l.Y1, l.X2, l.Y2, sw))
				}
			case RoleLink, RoleFlow, RoleEvolve, RoleLeader:
				k := kindLink
				switch sh.Role {
				case RoleFlow:
					k = kindFlow
				case RoleEvolve:
					k = kindEvolve
				case RoleLeader:
					k = kindLeader
				}
				switch {
				case sh.Line != nil:
					l := sh.Line
					fn(gi, si, segItem(k, l.X1, l.Y1, l.X2, l.Y2, sw))
				case sh.Path != nil:
					// An arrowhead: a solid glyph, as bad to hide as a
					// symbol.
					if x0, y0, x1, y1, ok := extent(sh); ok {
						fn(gi, si, boxItem(kindSymbol, rect{x0, y0, x1, y1}))
					}
				}
			case RolePipeline:
				if r := sh.Rect; r != nil {
					x0, y0, x1, y1 := r.X, r.Y, r.X+r.W, r.Y+r.H
					fn(gi, si, segItem(kindPipeline, x0, y0, x1, y0, sw))
					fn(gi, si, segItem(kindPipeline, x1, y0, x1, y1, sw))
					fn(gi, si, segItem(kindPipeline, x1, y1, x0, y1, sw))
					fn(gi, si, segItem(kindPipeline, x0, y1, x0, y0, sw))
				}
			case RoleContext:
				if t := sh.Text; t != nil {
					fn(gi, si, contextItem(t))
				}
			}
		}
	}
}

// contextItem is a link's context text as a thick segment along its middle:
// the text is turned with its link, and its turned box would cover a wide
// square where the text covers a thin strip.
func contextItem(t *Text) item {
	flat := *t
	flat.Rotate = 0
	b := measure(&flat)
	// The strip's ends and half-height, turned about (X, Y).
	mid := b.Y + b.H/2 - t.Y
	sin, cos := math.Sincos(t.Rotate * math.Pi / 180)
	turn := func(dx, dy float64) (float64, float64) { return t.X + dx*cos - dy*sin, t.Y + dx*sin + dy*cos }
	x1, y1 := turn(b.X-t.X, mid)
	x2, y2 := turn(b.X+b.W-t.X, mid)
	return segItem(kindContext, x1, y1, x2, y2, b.H/2)
}
