package raster

import "math"

// pt is a point in scene pixels (or device pixels, after a transform).
type pt struct{ X, Y float64 }

func (p pt) add(q pt) pt         { return pt{p.X + q.X, p.Y + q.Y} }
func (p pt) sub(q pt) pt         { return pt{p.X - q.X, p.Y - q.Y} }
func (p pt) mul(k float64) pt    { return pt{p.X * k, p.Y * k} }
func (p pt) dot(q pt) float64    { return p.X*q.X + p.Y*q.Y }
func (p pt) cross(q pt) float64  { return p.X*q.Y - p.Y*q.X }
func (p pt) len() float64        { return math.Hypot(p.X, p.Y) }
func lerp(p, q pt, t float64) pt { return pt{p.X + (q.X-p.X)*t, p.Y + (q.Y-p.Y)*t} }
func (p pt) near(q pt, eps float64) bool {
	return math.Abs(p.X-q.X) <= eps && math.Abs(p.Y-q.Y) <= eps
}

// affine is a 2D affine transform in PDF's order: (x, y) maps to
// (A*x + C*y + E, B*x + D*y + F).
type affine struct{ A, B, C, D, E, F float64 }

var identity = affine{A: 1, D: 1}

func (m affine) apply(p pt) pt {
	return pt{m.A*p.X + m.C*p.Y + m.E, m.B*p.X + m.D*p.Y + m.F}
}

// then returns the transform that applies m first and n second.
func (m affine) then(n affine) affine {
	return affine{
		A: n.A*m.A + n.C*m.B, B: n.B*m.A + n.D*m.B,
		C: n.A*m.C + n.C*m.D, D: n.B*m.C + n.D*m.D,
		E: n.A*m.E + n.C*m.F + n.E, F: n.B*m.E + n.D*m.F + n.F,
	}
}

func translate(x, y float64) affine { return affine{A: 1, D: 1, E: x, F: y} }
func scaling(sx, sy float64) affine { return affine{A: sx, D: sy} }

// rotation turns by deg degrees clockwise on a y-down page, as SVG's
// rotate() does.
func rotation(deg float64) affine {
	s, c := math.Sincos(deg * math.Pi / 180)
	return affine{A: c, B: s, C: -s, D: c}
}

// scaleFactor is how much m stretches lengths (the geometric mean of its
// axes), for stroke widths and flattening tolerances.
func (m affine) scaleFactor() float64 { return math.Sqrt(math.Abs(m.A*m.D - m.B*m.C)) }

// Path verbs, as in layout.PathOp.
const (
	moveTo  = 'M'
	lineTo  = 'L'
	quadTo  = 'Q' // only glyph outlines use quadratics
	cubeTo  = 'C'
	closeOp = 'Z'
)

// path is a sequence of subpaths: verbs with their points in pts (1 for M
// and L, 2 for Q, 3 for C, 0 for Z).
type path struct {
	verbs []byte
	pts   []pt
}

func (p *path) reset()            { p.verbs, p.pts = p.verbs[:0], p.pts[:0] }
func (p *path) empty() bool       { return len(p.verbs) == 0 }
func (p *path) moveTo(a pt)       { p.verbs = append(p.verbs, moveTo); p.pts = append(p.pts, a) }
func (p *path) lineTo(a pt)       { p.verbs = append(p.verbs, lineTo); p.pts = append(p.pts, a) }
func (p *path) quadTo(a, b pt)    { p.verbs = append(p.verbs, quadTo); p.pts = append(p.pts, a, b) }
func (p *path) cubeTo(a, b, c pt) { p.verbs = append(p.verbs, cubeTo); p.pts = append(p.pts, a, b, c) }
func (p *path) close()            { p.verbs = append(p.verbs, closeOp) }
func nPts(verb byte) int {
	switch verb {
	case moveTo, lineTo:
		return 1
	case quadTo:
		return 2
	case cubeTo:
		return 3
	}
	return 0
}

// kappa places the control points of a cubic quarter circle.
const kappa = 0.5522847498307936

// rectPath is SVG's rect: from (x+rx, y) clockwise on the page, so that
// dashes start where a browser starts them. rx is clamped to half the
// width and height (ry = rx, as SVG does when only rx is given).
func rectPath(p *path, x, y, w, h, rx float64) {
	if rx > w/2 {
		rx = w / 2
	}
	ry := rx
	if ry > h/2 {
		ry = h / 2
	}
	if rx <= 0 || ry <= 0 {
		p.moveTo(pt{x, y})
		p.lineTo(pt{x + w, y})
		p.lineTo(pt{x + w, y + h})
		p.lineTo(pt{x, y + h})
		p.close()
		return
	}
	kx, ky := rx*kappa, ry*kappa
	p.moveTo(pt{x + rx, y})
	p.lineTo(pt{x + w - rx, y})
	p.cubeTo(pt{x + w - rx + kx, y}, pt{x + w, y + ry - ky}, pt{x + w, y + ry})
	p.lineTo(pt{x + w, y + h - ry})
	p.cubeTo(pt{x + w, y + h - ry + ky}, pt{x + w - rx + kx, y + h}, pt{x + w - rx, y + h})
	p.lineTo(pt{x + rx, y + h})
	p.cubeTo(pt{x + rx - kx, y + h}, pt{x, y + h - ry + ky}, pt{x, y + h - ry})
	p.lineTo(pt{x, y + ry})
	p.cubeTo(pt{x, y + ry - ky}, pt{x + rx - kx, y}, pt{x + rx, y})
	p.close()
}

// circlePath is SVG's circle: from (cx+r, cy), first towards (cx, cy+r).
func circlePath(p *path, cx, cy, r float64) {
	k := r * kappa
	p.moveTo(pt{cx + r, cy})
	p.cubeTo(pt{cx + r, cy + k}, pt{cx + k, cy + r}, pt{cx, cy + r})
	p.cubeTo(pt{cx - k, cy + r}, pt{cx - r, cy + k}, pt{cx - r, cy})
	p.cubeTo(pt{cx - r, cy - k}, pt{cx - k, cy - r}, pt{cx, cy - r})
	p.cubeTo(pt{cx + k, cy - r}, pt{cx + r, cy - k}, pt{cx + r, cy})
	p.close()
}

// transform applies m to every point of p, in place.
func (p *path) transform(m affine) {
	for i, q := range p.pts {
		p.pts[i] = m.apply(q)
	}
}

// appendTransformed appends q's subpaths transformed by m.
func (p *path) appendTransformed(q *path, m affine) {
	p.verbs = append(p.verbs, q.verbs...)
	for _, a := range q.pts {
		p.pts = append(p.pts, m.apply(a))
	}
}

// bounds returns the box of p's points (control points included: for the
// gentle curves of a map this is within a hair of the tight box).
func (p *path) bounds() (lo, hi pt, ok bool) {
	if len(p.pts) == 0 {
		return pt{}, pt{}, false
	}
	lo, hi = p.pts[0], p.pts[0]
	for _, q := range p.pts[1:] {
		lo.X, lo.Y = min(lo.X, q.X), min(lo.Y, q.Y)
		hi.X, hi.Y = max(hi.X, q.X), max(hi.Y, q.Y)
	}
	return lo, hi, true
}

// tightBounds is the exact box of the curve (SVG's objectBoundingBox),
// found by flattening finely.
func (p *path) tightBounds() (lo, hi pt, ok bool) {
	var first = true
	add := func(q pt) {
		if first {
			lo, hi, first = q, q, false
			return
		}
		lo.X, lo.Y = min(lo.X, q.X), min(lo.Y, q.Y)
		hi.X, hi.Y = max(hi.X, q.X), max(hi.Y, q.Y)
	}
	for _, sp := range p.flatten(0.01) {
		for _, q := range sp.pts {
			add(q)
		}
	}
	return lo, hi, !first
}

// polyline is one flattened subpath.
type polyline struct {
	pts    []pt
	closed bool
}

// flatten turns p into polylines whose distance from the curves stays
// below tol. The polylines' points share one array, each polyline's
// slice capped at its end (an append to one moves it, leaving the next
// alone): a glyph run is dozens of contours, and an array of their own
// each, grown point by point, was most of what drawing text allocated.
func (p *path) flatten(tol float64) []polyline {
	var out []polyline
	var pts []pt     // the points of every polyline, one after another
	var starts []int // where each polyline's points start in pts
	open := false    // the last polyline takes the next points
	begin := func(q pt) {
		out = append(out, polyline{})
		starts = append(starts, len(pts))
		pts = append(pts, q)
		open = true
	}
	var start, pen pt
	i := 0
	for _, v := range p.verbs {
		switch v {
		case moveTo:
			begin(p.pts[i])
			start, pen = p.pts[i], p.pts[i]
		case lineTo:
			if !open {
				begin(pen)
			}
			pts = append(pts, p.pts[i])
			pen = p.pts[i]
		case quadTo:
			if !open {
				begin(pen)
			}
			a, b := p.pts[i], p.pts[i+1]
			d := pen.sub(a.mul(2)).add(b).len()
			n := int(math.Ceil(math.Sqrt(d / (4 * tol))))
			n = max(1, min(n, 1000))
			for k := 1; k <= n; k++ {
				t := float64(k) / float64(n)
				pts = append(pts, lerp(lerp(pen, a, t), lerp(a, b, t), t))
			}
			pen = b
		case cubeTo:
			if !open {
				begin(pen)
			}
			a, b, c := p.pts[i], p.pts[i+1], p.pts[i+2]
			d := max(pen.sub(a.mul(2)).add(b).len(), a.sub(b.mul(2)).add(c).len())
			n := int(math.Ceil(math.Sqrt(0.75 * d / tol)))
			n = max(1, min(n, 1000))
			for k := 1; k <= n; k++ {
				t := float64(k) / float64(n)
				ab, bc, cd := lerp(pen, a, t), lerp(a, b, t), lerp(b, c, t)
				pts = append(pts, lerp(lerp(ab, bc, t), lerp(bc, cd, t), t))
			}
			pen = c
		case closeOp:
			if open {
				out[len(out)-1].closed = true
				open = false
			}
			pen = start
		}
		i += nPts(v)
	}
	for k := range out {
		end := len(pts)
		if k+1 < len(out) {
			end = starts[k+1]
		}
		out[k].pts = pts[starts[k]:end:end]
	}
	return out
}
