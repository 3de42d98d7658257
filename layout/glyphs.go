package layout

import "math"

// kappa is the control-point distance of a cubic Bézier quarter circle of
// radius 1.
const kappa = 0.5522847498

// pathBuilder collects path operations, mapping each point through a
// transform so that a glyph is written once in its own units.
type pathBuilder struct {
	ops []PathOp
	tf  func(x, y float64) (float64, float64)
}

func (p *pathBuilder) pt(x, y float64) []float64 {
	x, y = p.tf(x, y)
	return []float64{x, y}
}
func (p *pathBuilder) M(x, y float64) { p.ops = append(p.ops, PathOp{Verb: 'M', Pts: p.pt(x, y)}) }
func (p *pathBuilder) L(x, y float64) { p.ops = append(p.ops, PathOp{Verb: 'L', Pts: p.pt(x, y)}) }
func (p *pathBuilder) C(x1, y1, x2, y2, x, y float64) {
	a, b, c := p.pt(x1, y1), p.pt(x2, y2), p.pt(x, y)
	p.ops = append(p.ops, PathOp{Verb: 'C', Pts: []float64{a[0], a[1], b[0], b[1], c[0], c[1]}})
}
func (p *pathBuilder) Z() { p.ops = append(p.ops, PathOp{Verb: 'Z'}) }

// quarter draws a quarter circle around (ox, oy) of radius r, from the
// direction (d1x, d1y) to the perpendicular direction (d2x, d2y); the pen
// must be at its start.
func (p *pathBuilder) quarter(ox, oy, r, d1x, d1y, d2x, d2y float64) {
	sx, sy := ox+r*d1x, oy+r*d1y
	ex, ey := ox+r*d2x, oy+r*d2y
	p.C(sx+kappa*r*d2x, sy+kappa*r*d2y, ex+kappa*r*d1x, ey+kappa*r*d1y, ex, ey)
}

// acceleratorPath is OWM's accelerator arrow in a 50 × 50 cell centred on
// (x, y), along the middle of its 3 px outline: a shaft with rounded outer
// corners and a right-angled head. A deaccelerator is the same cell turned
// half a turn about its centre.
func acceleratorPath(x, y float64, reverse bool) *Path {
	p := &pathBuilder{tf: func(u, v float64) (float64, float64) {
		if reverse {
			return x + 25 - u, y + 25 - v
		}
		return x - 25 + u, y - 25 + v
	}}
	const r = 1.5
	p.M(25.5, 6)
	p.L(43.5, 24)
	p.L(25.5, 42)
	p.L(25.5, 33)
	p.L(9, 33)
	p.quarter(9, 31.5, r, 0, 1, -1, 0)
	p.L(7.5, 16.5)
	p.quarter(9, 16.5, r, -1, 0, 0, -1)
	p.L(25.5, 15)
	p.Z()
	return &Path{Ops: p.ops}
}

// linkIcon is the submap symbol: two chain links on the diagonal, in an
// 18 × 18 px box whose top-left is (x, y), where OWM puts its link glyph.
// It is stroked in the theme's text colour.
func (b *builder) linkIcon(x, y float64) Shape {
	const scale = 18.0 / 16
	p := &pathBuilder{tf: func(u, v float64) (float64, float64) { return x + u*scale, y + v*scale }}
	capsule(p, 5.3, 10.7, 2.2, 2.3)
	capsule(p, 10.7, 5.3, 2.2, 2.3)
	c := col(b.t.TextColor)
	if b.o.Compat {
		c = Color{0, 0, 0, 255}
	}
	return Shape{Role: RoleSymbol, Path: &Path{Ops: p.ops},
		Style: &Style{Stroke: c, StrokeWidth: 1.2 * scale, LineCap: "round"},
		Box:   &BoxHint{X: x, Y: y, W: 18, H: 18}}
}

// capsule draws a stadium centred on (cx, cy) along the up-right diagonal:
// half-length a between the centres of its round ends of radius r.
func capsule(p *pathBuilder, cx, cy, a, r float64) {
	ux, uy := 1/math.Sqrt2, -1/math.Sqrt2 // along the diagonal, up and right
	nx, ny := 1/math.Sqrt2, 1/math.Sqrt2  // across it
	ex, ey := cx+a*ux, cy+a*uy            // the far end's centre
	sx, sy := cx-a*ux, cy-a*uy            // the near end's centre
	p.M(sx+r*nx, sy+r*ny)
	p.L(ex+r*nx, ey+r*ny)
	p.quarter(ex, ey, r, nx, ny, ux, uy)
	p.quarter(ex, ey, r, ux, uy, -nx, -ny)
	p.L(sx-r*nx, sy-r*ny)
	p.quarter(sx, sy, r, -nx, -ny, -ux, -uy)
	p.quarter(sx, sy, r, -ux, -uy, nx, ny)
	p.Z()
}
