package raster

import "math"

// strokeSpec is a stroke in device pixels.
type strokeSpec struct {
	width      float64
	cap        string  // "butt", "round" or "square"
	join       string  // "miter", "round" or "bevel"
	miterLimit float64 // SVG's default is 4
	dash       []float64
	dashOffset float64
}

// polySink receives the closed polygons of a stroke outline. All of them
// turn the same way, so that their union under the non-zero rule (and
// the rasteriser's clamped coverage) is the stroke.
type polySink func(poly []pt)

// strokePolylines outlines lines as SVG strokes them: each segment a
// rectangle, joins on the outer side of each bend (miter within the
// limit, else bevel; or round), caps on open ends. Overlaps are harmless:
// every polygon has the same orientation.
func strokePolylines(lines []polyline, st strokeSpec, emit polySink) {
	if st.width <= 0 {
		return
	}
	if len(st.dash) > 0 {
		lines = dashPolylines(lines, st.dash, st.dashOffset)
	}
	hw := st.width / 2
	// buf holds the polygon being emitted, circ a round cap or join: both
	// reused, so that a stroke allocates nothing per segment.
	var buf, circ []pt
	out := func(poly ...pt) {
		buf = append(buf[:0], poly...)
		if signedArea(buf) < 0 {
			for i, j := 0, len(buf)-1; i < j; i, j = i+1, j-1 {
				buf[i], buf[j] = buf[j], buf[i]
			}
		}
		emit(buf)
	}
	for _, pl := range lines {
		pts := dedupe(pl.pts, pl.closed)
		if len(pts) == 1 {
			// A zero-length subpath shows only through its caps.
			switch st.cap {
			case "round":
				circ = appendCircle(circ[:0], pts[0], hw)
				out(circ...)
			case "square":
				p := pts[0]
				out(pt{p.X - hw, p.Y - hw}, pt{p.X + hw, p.Y - hw}, pt{p.X + hw, p.Y + hw}, pt{p.X - hw, p.Y + hw})
			}
			continue
		}
		closed := pl.closed && len(pts) > 2
		n := len(pts)
		segs := n - 1
		if closed {
			segs = n
		}
		for i := 0; i < segs; i++ {
			a, b := pts[i], pts[(i+1)%n]
			d := b.sub(a)
			l := d.len()
			u := d.mul(1 / l)
			nrm := pt{-u.Y, u.X}.mul(hw)
			if !closed && st.cap == "square" {
				if i == 0 {
					a = a.sub(u.mul(hw))
				}
				if i == segs-1 {
					b = b.add(u.mul(hw))
				}
			}
			out(a.add(nrm), b.add(nrm), b.sub(nrm), a.sub(nrm))
		}
		// Joins at every vertex where two segments meet.
		for i := 0; i < n; i++ {
			if !closed && (i == 0 || i == n-1) {
				continue
			}
			prev, cur, next := pts[(i+n-1)%n], pts[i], pts[(i+1)%n]
			if st.join == "round" {
				circ = appendCircle(circ[:0], cur, hw)
				out(circ...)
			} else if q, m := join(prev, cur, next, hw, st); m > 0 {
				out(q[:m]...)
			}
		}
		if !closed && st.cap == "round" {
			circ = appendCircle(circ[:0], pts[0], hw)
			out(circ...)
			circ = appendCircle(circ[:0], pts[n-1], hw)
			out(circ...)
		}
	}
}

// join is the polygon of a miter or bevel join at cur, its first m points
// (none where the line goes straight on); a round join is a circle, which
// the caller draws.
func join(prev, cur, next pt, hw float64, st strokeSpec) (q [4]pt, m int) {
	d1 := cur.sub(prev)
	d1 = d1.mul(1 / d1.len())
	d2 := next.sub(cur)
	d2 = d2.mul(1 / d2.len())
	cr := d1.cross(d2)
	if math.Abs(cr) < 1e-9 {
		return q, 0 // straight on (or a full reversal, which SVG leaves bare)
	}
	s := -1.0
	if cr < 0 {
		s = 1
	}
	o1 := pt{-d1.Y, d1.X}.mul(s * hw)
	o2 := pt{-d2.Y, d2.X}.mul(s * hw)
	cosPhi := d1.dot(d2)
	half := math.Sqrt((1 + cosPhi) / 2) // cos of half the turning angle
	limit := st.miterLimit
	if limit <= 0 {
		limit = 4
	}
	if st.join != "bevel" && half > 1e-9 && 1/half <= limit {
		bis := o1.add(o2)
		bis = bis.mul(hw / half / bis.len())
		return [4]pt{cur, cur.add(o1), cur.add(bis), cur.add(o2)}, 4
	}
	return [4]pt{cur, cur.add(o1), cur.add(o2)}, 3
}

// dedupe drops repeated points (and, on a closed line, a last point equal
// to the first), which would have no direction.
func dedupe(pts []pt, closed bool) []pt {
	out := make([]pt, 0, len(pts))
	for _, p := range pts {
		if len(out) > 0 && p.near(out[len(out)-1], 1e-9) {
			continue
		}
		out = append(out, p)
	}
	if closed && len(out) > 1 && out[0].near(out[len(out)-1], 1e-9) {
		out = out[:len(out)-1]
	}
	return out
}

func signedArea(poly []pt) float64 {
	a := 0.0
	for i := range poly {
		p, q := poly[i], poly[(i+1)%len(poly)]
		a += p.X*q.Y - q.X*p.Y
	}
	return a / 2
}

// appendCircle appends a polygon that approximates a circle closely
// enough for caps and joins: the chord error stays below 0.05 px.
func appendCircle(dst []pt, c pt, r float64) []pt {
	n := 8
	if r > 0.2 {
		n = int(math.Ceil(math.Pi / math.Acos(1-0.05/r)))
	}
	n = max(8, min(n, 256))
	for i := range n {
		s, co := math.Sincos(2 * math.Pi * float64(i) / float64(n))
		dst = append(dst, pt{c.X + r*co, c.Y + r*s})
	}
	return dst
}

// dashPolylines cuts lines into dashes as SVG does: the pattern (an odd
// count repeated to make it even) starts afresh at every subpath, shifted
// by offset; a closed subpath is dashed all the way round.
func dashPolylines(lines []polyline, dash []float64, offset float64) []polyline {
	pattern := dash
	if len(pattern)%2 == 1 {
		pattern = append(append([]float64(nil), dash...), dash...)
	}
	total := 0.0
	for _, d := range pattern {
		if d < 0 {
			return lines // SVG: a negative value makes the stroke solid
		}
		total += d
	}
	if total <= 0 {
		return lines
	}
	// Dashes far finer than the path is long would be millions of
	// segments, invisible as dashes: draw them solid, as Skia does.
	length := 0.0
	for _, pl := range lines {
		for i := 1; i < len(pl.pts); i++ {
			length += pl.pts[i].sub(pl.pts[i-1]).len()
		}
	}
	if length/total*float64(len(pattern)) > 1e5 {
		return lines
	}
	var out []polyline
	for _, pl := range lines {
		pts := pl.pts
		if pl.closed && len(pts) > 1 {
			pts = append(append([]pt(nil), pts...), pts[0])
		}
		// Where in the pattern the subpath starts.
		idx := 0
		rem := math.Mod(offset, total)
		if rem < 0 {
			rem += total
		}
		for rem > 0 && rem >= pattern[idx] {
			rem -= pattern[idx]
			idx = (idx + 1) % len(pattern)
		}
		left := pattern[idx] - rem // length left in the current dash or gap
		on := idx%2 == 0
		var cur []pt
		if on {
			cur = []pt{pts[0]}
		}
		for i := 0; i+1 < len(pts); i++ {
			a, b := pts[i], pts[i+1]
			segLen := b.sub(a).len()
			pos := 0.0
			for segLen-pos > left {
				pos += left
				p := lerp(a, b, pos/segLen)
				if on {
					cur = append(cur, p)
					out = append(out, polyline{pts: cur})
					cur = nil
				} else {
					cur = []pt{p}
				}
				on = !on
				idx = (idx + 1) % len(pattern)
				left = pattern[idx]
			}
			left -= segLen - pos
			if on {
				cur = append(cur, b)
			}
		}
		if on && len(cur) > 0 {
			out = append(out, polyline{pts: cur})
		}
	}
	return out
}
