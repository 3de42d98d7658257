package raster

import (
	"fmt"
	"image"
	"image/draw"
	"math"

	"golang.org/x/image/vector"

	"github.com/wardley-maps/wardley/internal/halves"
	"github.com/wardley-maps/wardley/layout"
)

// DefaultScale is the PNG's pixels per scene pixel when none is given:
// crisp on high-density screens and in printed docs.
const DefaultScale = 2

// MaxPixels bounds the PNG's size (width × height), so that a huge map or
// scale fails with a message instead of exhausting memory.
const MaxPixels = 200_000_000

// Image draws the scene at scale device pixels per scene pixel (0 means
// DefaultScale) on a premultiplied RGBA image of ceil(Width × scale) ×
// ceil(Height × scale) pixels; a transparent background stays transparent.
func Image(s *layout.Scene, scale float64) (*image.RGBA, error) {
	if scale == 0 {
		scale = DefaultScale
	}
	if !(scale > 0) || math.IsInf(scale, 0) {
		return nil, fmt.Errorf("scale %g: must be a positive number", scale)
	}
	w, h, err := pixelSize(s, scale)
	if err != nil {
		return nil, err
	}
	split := 0
	if halves.Free() {
		split = h / 2
	}
	return drawImage(s, scale, w, h, split), nil
}

// drawImage draws s on a w × h image, the rows above split and the rest
// at once (halves.Do), each half by a surface of its own; split 0 draws
// it whole, as Image does when no core is free for a half (each half
// prepares every shape that reaches it: on one core, halves cost more).
// Each half rasterises the shapes that reach it as the whole image would
// (rasterSurface.whole) and composites only its own rows, so the pixels
// are the same either way (TestConcurrentImage).
func drawImage(s *layout.Scene, scale float64, w, h, split int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw := func(r image.Rectangle) {
		rs := newSurface(img, r, scaling(scale, scale), scale)
		walk(s, rs, rs.fonts)
	}
	if split <= 0 || split >= h {
		draw(img.Rect)
		return img
	}
	halves.Do(func() { draw(image.Rect(0, 0, w, split)) }, func() { draw(image.Rect(0, split, w, h)) })
	return img
}

// pixelSize is the PNG's size for s at scale.
func pixelSize(s *layout.Scene, scale float64) (int, int, error) {
	fw, fh := math.Ceil(s.Width*scale-1e-9), math.Ceil(s.Height*scale-1e-9)
	if !(fw >= 1 && fh >= 1) {
		return 0, 0, fmt.Errorf("scene is %g × %g pixels: nothing to draw", s.Width, s.Height)
	}
	if fw*fh > MaxPixels {
		return 0, 0, fmt.Errorf("image would be %.0f × %.0f pixels at scale %g: more than the limit of %d million pixels", fw, fh, scale, MaxPixels/1_000_000)
	}
	return int(fw), int(fh), nil
}

// PNG draws the scene as a PNG at scale (0 means DefaultScale). The
// encoder's settings are fixed, so the bytes depend only on the scene.
func PNG(s *layout.Scene, scale float64) ([]byte, error) {
	img, err := Image(s, scale)
	if err != nil {
		return nil, err
	}
	if scale == 0 {
		scale = DefaultScale
	}
	return encodePNG(img, 96*scale), nil
}

// newSurface is a surface that paints the part of img inside r, with dev
// from scene to device pixels (scale of them to a scene pixel).
func newSurface(img *image.RGBA, r image.Rectangle, dev affine, scale float64) *rasterSurface {
	return &rasterSurface{dst: img.SubImage(r).(*image.RGBA), whole: img.Rect, dev: dev, scale: scale, fonts: newFontCache()}
}

// rasterSurface paints on an RGBA image. Each shape is rasterised into a
// coverage mask the size of its own box (not the page's), then composited:
// that keeps a map of 10,000 components linear in its ink, not in its area.
type rasterSurface struct {
	dst *image.RGBA
	// whole is the target's box were the image drawn whole, not in
	// halves: the page, or a group's layer over the page.
	whole  image.Rectangle
	layers []layerState
	dev    affine // scene → device
	scale  float64
	fonts  *fontCache
	z      vector.Rasterizer
	dp     path // scratch: the current path in device space
	// maskBuf holds each band's mask; unionBuf the masks united with it.
	maskBuf, unionBuf []byte
	// clip is the scratch of paint's bands: the clipped polygons of one
	// band, reused from band to band and shape to shape.
	clip clipScratch
	// glyphs and under are the scratch of text: its glyphs' outlines and
	// its underlines, in device space.
	glyphs, under path
	// stroke holds the outline of the latest stroke (strokePath, a text's
	// halo or synthetic bold), which paint has drawn before the next.
	stroke strokeScratch
}

// clipScratch holds what clipping a shape to its bands would otherwise
// allocate for every polygon in every band: the points of the band's
// clipped polygons (pts), the polygons of each set (sets), and the two
// buffers that clipPoly's four edges pass the polygon between.
type clipScratch struct {
	pts  []pt
	sets []polys
	a, b []pt
}

type layerState struct {
	dst     *image.RGBA
	whole   image.Rectangle
	opacity float64
}

// deviceRect is the pixel box covering lo–hi (device space), clipped to
// the current target.
func (rs *rasterSurface) deviceRect(lo, hi pt) image.Rectangle {
	return rs.pixelBox(lo, hi).Intersect(rs.dst.Bounds())
}

// pixelBox is the pixel box covering lo–hi (device space), unclipped.
func (rs *rasterSurface) pixelBox(lo, hi pt) image.Rectangle {
	if math.IsNaN(lo.X + lo.Y + hi.X + hi.Y) {
		return image.Rectangle{}
	}
	clampI := func(v float64) int { return int(max(-1<<20, min(1<<20, v))) }
	return image.Rect(clampI(math.Floor(lo.X)), clampI(math.Floor(lo.Y)), clampI(math.Ceil(hi.X)), clampI(math.Ceil(hi.Y)))
}

// polys is a set of closed polygons in device space, filled together
// with the non-zero rule.
type polys [][]pt

// pathPolys flattens p (device space) into closed polygons.
func pathPolys(p *path) polys {
	var out polys
	for _, pl := range p.flatten(0.05) {
		if len(pl.pts) > 2 {
			out = append(out, pl.pts)
		}
	}
	return out
}

func (ps polys) bounds() (lo, hi pt, ok bool) {
	for _, poly := range ps {
		for _, q := range poly {
			if !ok {
				lo, hi, ok = q, q, true
				continue
			}
			lo = pt{min(lo.X, q.X), min(lo.Y, q.Y)}
			hi = pt{max(hi.X, q.X), max(hi.Y, q.Y)}
		}
	}
	return lo, hi, ok
}

// bandHeight is the height of the strips a shape is rasterised in. The
// rasteriser's cost is the area of its box: a long diagonal link in one box
// would cost the whole page; in strips, each strip is only as wide as the
// line is there.
const bandHeight = 32

// paint composites f through the union of the coverage of each set (each
// set filled non-zero on its own: a glyph run, its underline and its fake
// bold outline overlap without cancelling).
func (rs *rasterSurface) paint(sets []polys, f fillPaint) {
	var lo, hi pt
	ok := false
	for _, set := range sets {
		l, h, o := set.bounds()
		if !o {
			continue
		}
		if !ok {
			lo, hi, ok = l, h, true
			continue
		}
		lo = pt{min(lo.X, l.X), min(lo.Y, l.Y)}
		hi = pt{max(hi.X, h.X), max(hi.Y, h.Y)}
	}
	if !ok {
		return
	}
	whole := rs.pixelBox(lo, hi).Intersect(rs.whole)
	r := whole.Intersect(rs.dst.Bounds())
	if r.Empty() {
		return
	}
	// The bands are cut from the shape's box as if the image were drawn
	// whole (rs.whole); the bands of a half's rows are rasterised whole
	// and composited where they meet the half. A pixel's coverage is then
	// the same whichever half draws it (Image).
	for y0 := whole.Min.Y; y0 < r.Max.Y; y0 += bandHeight {
		y1 := min(y0+bandHeight, whole.Max.Y)
		if y1 <= r.Min.Y {
			continue
		}
		band := image.Rect(whole.Min.X, y0, whole.Max.X, y1)
		// The band's polygons go into rs.clip, which the next band
		// reuses: each band is rasterised before the next is cut.
		cs := &rs.clip
		cs.pts = cs.pts[:0]
		clipped := cs.resetSets(len(sets))
		var blo, bhi pt
		bok := false
		for i, set := range sets {
			for _, poly := range set {
				c := cs.clipPoly(poly, band)
				if len(c) < 3 {
					continue
				}
				clipped[i] = append(clipped[i], c)
				for _, q := range c {
					if !bok {
						blo, bhi, bok = q, q, true
						continue
					}
					blo.X, bhi.X = min(blo.X, q.X), max(bhi.X, q.X)
				}
			}
		}
		if !bok {
			continue
		}
		br := image.Rect(int(math.Floor(blo.X)), y0, int(math.Ceil(bhi.X)), y1).Intersect(band)
		if br.Empty() {
			continue
		}
		var m *image.Alpha
		for _, set := range clipped {
			if len(set) == 0 {
				continue
			}
			if m == nil {
				m = rs.rasterize(set, br, &rs.maskBuf)
			} else {
				union(m, rs.rasterize(set, br, &rs.unionBuf))
			}
		}
		if m != nil {
			rs.composite(br, m, f)
		}
	}
}

// resetSets returns n empty polygon lists for a band, reusing the lists
// (and their arrays) of the band before.
func (cs *clipScratch) resetSets(n int) []polys {
	if cap(cs.sets) < n {
		cs.sets = make([]polys, n)
	}
	cs.sets = cs.sets[:n]
	for i := range cs.sets {
		cs.sets[i] = cs.sets[i][:0]
	}
	return cs.sets
}

// clipPoly clips a polygon to a rectangle (Sutherland–Hodgman): the part
// inside keeps its coverage and winding exactly. A polygon wholly inside
// is returned as it is; the part of any other is appended to cs.pts (and
// stays valid until cs.pts is reset, even if a later append moves cs.pts).
// A polygon with every point beyond one edge has no part inside: the first
// edge that has it beyond keeps no point, so it is refused at once, as the
// four edges would.
func (cs *clipScratch) clipPoly(poly []pt, r image.Rectangle) []pt {
	x0, y0, x1, y1 := float64(r.Min.X), float64(r.Min.Y), float64(r.Max.X), float64(r.Max.Y)
	inside := true
	above, below, left, right := true, true, true, true
	for _, q := range poly {
		if q.X < x0 || q.X > x1 || q.Y < y0 || q.Y > y1 {
			inside = false
		}
		above = above && q.Y < y0
		below = below && q.Y > y1
		left = left && q.X < x0
		right = right && q.X > x1
	}
	if inside {
		return poly
	}
	if above || below || left || right {
		return nil
	}
	cs.a = clipEdge(cs.a[:0], poly, keepBelowY, y0)
	cs.b = clipEdge(cs.b[:0], cs.a, keepAboveY, y1)
	cs.a = clipEdge(cs.a[:0], cs.b, keepRightX, x0)
	start := len(cs.pts)
	cs.pts = clipEdge(cs.pts, cs.a, keepLeftX, x1)
	return cs.pts[start:len(cs.pts):len(cs.pts)]
}

// The four edges of a clip rectangle, by the side of it a point is kept
// on: y ≥ v (the top edge), y ≤ v (the bottom), x ≥ v (the left), x ≤ v
// (the right).
const (
	keepBelowY = iota
	keepAboveY
	keepRightX
	keepLeftX
)

// clipEdge appends to dst the part of the polygon in that is on the kept
// side of one edge (v on axis side), with a point where each of its edges
// crosses the line.
func clipEdge(dst, in []pt, side int, v float64) []pt {
	if len(in) == 0 {
		return dst
	}
	keep := func(q pt) bool {
		switch side {
		case keepBelowY:
			return q.Y >= v
		case keepAboveY:
			return q.Y <= v
		case keepRightX:
			return q.X >= v
		}
		return q.X <= v
	}
	prev := in[len(in)-1]
	pk := keep(prev)
	for _, cur := range in {
		ck := keep(cur)
		if ck != pk {
			a, b := prev, cur
			if side == keepBelowY || side == keepAboveY {
				dst = append(dst, pt{a.X + (b.X-a.X)*(v-a.Y)/(b.Y-a.Y), v})
			} else {
				dst = append(dst, pt{v, a.Y + (b.Y-a.Y)*(v-a.X)/(b.X-a.X)})
			}
		}
		if ck {
			dst = append(dst, cur)
		}
		prev, pk = cur, ck
	}
	return dst
}

// rasterize fills polygons (device space, inside r) into a coverage mask
// over r with the non-zero rule.
func (rs *rasterSurface) rasterize(set polys, r image.Rectangle, buf *[]byte) *image.Alpha {
	z := &rs.z
	z.Reset(r.Dx(), r.Dy())
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	for _, poly := range set {
		z.MoveTo(float32(poly[0].X-ox), float32(poly[0].Y-oy))
		for _, q := range poly[1:] {
			z.LineTo(float32(q.X-ox), float32(q.Y-oy))
		}
		z.LineTo(float32(poly[0].X-ox), float32(poly[0].Y-oy))
	}
	n := r.Dx() * r.Dy()
	if cap(*buf) < n {
		*buf = make([]byte, n)
	}
	// The Src draw below writes every pixel: the buffer needs no clearing.
	m := &image.Alpha{Pix: (*buf)[:n], Stride: r.Dx(), Rect: image.Rect(0, 0, r.Dx(), r.Dy())}
	rs.z.DrawOp = draw.Src
	rs.z.Draw(m, m.Bounds(), image.Opaque, image.Point{})
	return m
}

// union makes a the pixelwise maximum of a and b (same size): the
// coverage of two overlapping shapes painted as one.
func union(a, b *image.Alpha) {
	for i, v := range b.Pix {
		if v > a.Pix[i] {
			a.Pix[i] = v
		}
	}
}

// strokeScratch holds a stroke's outline, reused from one stroke to the
// next: a text's halo is a polygon for every segment and a disc for every
// vertex of every glyph, megabytes for a map.
type strokeScratch struct {
	pts []pt
	out polys
}

// polys outlines p (device space) with st (device units). The polygons
// share one array, each capped at its end, as flatten's do, and stay
// valid until the next call. Their bounds are paint's to find.
func (sc *strokeScratch) polys(p *path, st strokeSpec) polys {
	pts, out := sc.pts[:0], sc.out[:0]
	strokePolylines(p.flatten(0.05), st, func(poly []pt) {
		start := len(pts)
		pts = append(pts, poly...)
		out = append(out, pts[start:len(pts):len(pts)])
	})
	sc.pts, sc.out = pts, out
	return out
}

func (rs *rasterSurface) devicePath(p *path) *path {
	rs.dp.reset()
	rs.dp.appendTransformed(p, rs.dev)
	return &rs.dp
}

func (rs *rasterSurface) fillPath(p *path, f fillPaint) {
	dp := rs.devicePath(p)
	if lo, hi, ok := axisRect(dp); ok {
		rs.paintRect(lo, hi, f)
		return
	}
	rs.paint([]polys{pathPolys(dp)}, f)
}

// axisRect reports whether p is one axis-aligned rectangle (the page, the
// map area, boxes): those need no rasteriser, their coverage is exact
// arithmetic.
func axisRect(p *path) (lo, hi pt, ok bool) {
	if len(p.verbs) != 5 || string(p.verbs) != "MLLLZ" {
		return
	}
	q := p.pts
	horizontalFirst := q[0].Y == q[1].Y && q[1].X == q[2].X && q[2].Y == q[3].Y && q[3].X == q[0].X
	verticalFirst := q[0].X == q[1].X && q[1].Y == q[2].Y && q[2].X == q[3].X && q[3].Y == q[0].Y
	if !horizontalFirst && !verticalFirst {
		return
	}
	lo = pt{min(q[0].X, q[2].X), min(q[0].Y, q[2].Y)}
	hi = pt{max(q[0].X, q[2].X), max(q[0].Y, q[2].Y)}
	return lo, hi, true
}

// paintRect composites f over the rectangle lo–hi (device space), with
// each edge pixel covered by the share of it inside.
func (rs *rasterSurface) paintRect(lo, hi pt, f fillPaint) {
	r := rs.deviceRect(lo, hi)
	if r.Empty() {
		return
	}
	overlap := func(a, b, lo, hi float64) float64 { return max(0, min(b, hi)-max(a, lo)) }
	cols := make([]float64, r.Dx())
	for x := range cols {
		cols[x] = overlap(float64(r.Min.X+x), float64(r.Min.X+x+1), lo.X, hi.X)
	}
	for y0 := r.Min.Y; y0 < r.Max.Y; y0 += bandHeight {
		band := image.Rect(r.Min.X, y0, r.Max.X, min(y0+bandHeight, r.Max.Y))
		n := band.Dx() * band.Dy()
		if cap(rs.maskBuf) < n {
			rs.maskBuf = make([]byte, n)
		}
		m := &image.Alpha{Pix: rs.maskBuf[:n], Stride: band.Dx(), Rect: image.Rect(0, 0, band.Dx(), band.Dy())}
		for y := 0; y < band.Dy(); y++ {
			cy := overlap(float64(band.Min.Y+y), float64(band.Min.Y+y+1), lo.Y, hi.Y)
			row := m.Pix[y*m.Stride : (y+1)*m.Stride]
			for x, cx := range cols {
				row[x] = uint8(cx*cy*255 + 0.5)
			}
		}
		rs.composite(band, m, f)
	}
}

func (rs *rasterSurface) strokePath(p *path, col layout.Color, opacity float64, st strokeSpec) {
	// An empty outline paints nothing: paint finds no bounds.
	out := rs.stroke.polys(rs.devicePath(p), rs.deviceStroke(st))
	rs.paint([]polys{out}, fillPaint{color: col, opacity: opacity})
}

func (rs *rasterSurface) deviceStroke(st strokeSpec) strokeSpec {
	k := rs.scale
	st.width *= k
	st.dashOffset *= k
	if len(st.dash) > 0 {
		d := make([]float64, len(st.dash))
		for i, v := range st.dash {
			d[i] = v * k
		}
		st.dash = d
	}
	return st
}

func (rs *rasterSurface) text(st textStyle, lines []textLine) {
	// All glyphs of the text in one device path, all underlines in another.
	gp, under := &rs.glyphs, &rs.under
	gp.reset()
	under.reset()
	for _, l := range lines {
		m := l.m.then(rs.dev)
		for _, g := range l.glyphs {
			gp.appendTransformed(rs.fonts.outline(g.face, g.id), glyphMatrix(g, st).then(m))
		}
		if st.underline && l.width > 0 {
			pos, thick := underlineMetrics(st.size)
			var u path
			rectPath(&u, 0, pos, l.width, thick, 0)
			under.appendTransformed(&u, m)
		}
	}
	outline := func(p *path, width float64) polys {
		return rs.stroke.polys(p, strokeSpec{width: width, cap: "butt", join: "round"})
	}
	// Browsers paint the underline before the glyphs, and each with its
	// halo first (paint-order: stroke).
	for _, p := range []*path{under, gp} {
		if p.empty() {
			continue
		}
		if st.halo.A > 0 && st.haloWidth > 0 {
			rs.paint([]polys{outline(p, st.haloWidth*rs.scale)}, fillPaint{color: st.halo, opacity: 1})
		}
		if st.fill.A > 0 {
			sets := []polys{pathPolys(p)}
			if st.synthBold && p == gp {
				sets = append(sets, outline(p, st.size*synthBoldWidth*rs.scale))
			}
			rs.paint(sets, fillPaint{color: st.fill, opacity: 1})
		}
	}
}

// composite lays paint through mask m (covering r) onto the target with
// Porter–Duff source-over, in premultiplied 16-bit arithmetic, where r
// meets the target.
func (rs *rasterSurface) composite(r image.Rectangle, m *image.Alpha, f fillPaint) {
	dst := rs.dst
	if c := r.Intersect(dst.Bounds()); c != r {
		if c.Empty() {
			return
		}
		m = m.SubImage(c.Sub(r.Min)).(*image.Alpha)
		r = c
	}
	if f.grad == nil {
		sr, sg, sb, sa := premul(float64(f.color.R), float64(f.color.G), float64(f.color.B), float64(f.color.A)*f.opacity)
		if sa == 0 {
			return
		}
		// Opaque paint at full coverage replaces the pixel: the common
		// case inside every filled shape, worth its own branch.
		solid := [4]byte{uint8(sr >> 8), uint8(sg >> 8), uint8(sb >> 8), uint8(sa >> 8)}
		for y := 0; y < r.Dy(); y++ {
			row := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y+y):]
			mrow := m.Pix[y*m.Stride:]
			for x := 0; x < r.Dx(); x++ {
				switch c := mrow[x]; {
				case c == 0xff && sa == 0xffff:
					copy(row[4*x:4*x+4], solid[:])
				case c != 0:
					over(row[4*x:4*x+4], sr, sg, sb, sa, uint32(c)*0x101)
				}
			}
		}
		return
	}
	// t is linear across the page: step it along each row, and read the
	// colours from a table of 1,024 steps (finer than 8-bit colour needs).
	const steps = 1024
	var lut [steps + 1][4]uint32
	for i := range lut {
		cr, cg, cb, ca := gradientAt(f.grad, float64(i)/steps)
		lut[i][0], lut[i][1], lut[i][2], lut[i][3] = premul(cr, cg, cb, ca*f.opacity)
	}
	inv := 1 / rs.scale
	t0 := func(x, y int) float64 {
		return gradientT(f.grad, f.lo, f.hi, pt{(float64(x) + 0.5) * inv, (float64(y) + 0.5) * inv})
	}
	for y := 0; y < r.Dy(); y++ {
		row := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y+y):]
		mrow := m.Pix[y*m.Stride:]
		t := t0(r.Min.X, r.Min.Y+y)
		dt := t0(r.Min.X+1, r.Min.Y+y) - t
		for x := 0; x < r.Dx(); x, t = x+1, t+dt {
			c := mrow[x]
			if c == 0 {
				continue
			}
			i := 0
			if t >= 1 {
				i = steps
			} else if t > 0 {
				i = int(t*steps + 0.5)
			}
			e := &lut[i]
			if c == 0xff && e[3] == 0xffff {
				px := row[4*x : 4*x+4]
				px[0], px[1], px[2], px[3] = uint8(e[0]>>8), uint8(e[1]>>8), uint8(e[2]>>8), 0xff
				continue
			}
			over(row[4*x:4*x+4], e[0], e[1], e[2], e[3], uint32(c)*0x101)
		}
	}
}

// premul converts a straight 8-bit colour to premultiplied 16-bit.
func premul(r, g, b, a float64) (uint32, uint32, uint32, uint32) {
	a = max(0, min(255, a))
	k := a / 255
	c := func(v float64) uint32 { return uint32(math.Round(v * k * 257)) }
	return c(r), c(g), c(b), uint32(math.Round(a * 257))
}

// over composites a premultiplied 16-bit source with coverage ma (16-bit)
// onto one RGBA pixel; the formula is image/draw's.
func over(px []byte, sr, sg, sb, sa, ma uint32) {
	a := 0xffff - sa*ma/0xffff
	px[0] = uint8((uint32(px[0])*0x101*a + sr*ma) / 0xffff >> 8)
	px[1] = uint8((uint32(px[1])*0x101*a + sg*ma) / 0xffff >> 8)
	px[2] = uint8((uint32(px[2])*0x101*a + sb*ma) / 0xffff >> 8)
	px[3] = uint8((uint32(px[3])*0x101*a + sa*ma) / 0xffff >> 8)
}

func (rs *rasterSurface) beginGroup(opacity float64, lo, hi pt) {
	dlo, dhi := rs.dev.apply(lo), rs.dev.apply(hi)
	box := rs.pixelBox(dlo.sub(pt{2, 2}), dhi.add(pt{2, 2}))
	rs.layers = append(rs.layers, layerState{dst: rs.dst, whole: rs.whole, opacity: opacity})
	rs.dst = image.NewRGBA(box.Intersect(rs.dst.Bounds()))
	rs.whole = box.Intersect(rs.whole)
}

func (rs *rasterSurface) endGroup() {
	top := rs.layers[len(rs.layers)-1]
	rs.layers = rs.layers[:len(rs.layers)-1]
	layer := rs.dst
	rs.dst, rs.whole = top.dst, top.whole
	k := uint32(math.Round(top.opacity * 0xffff))
	r := layer.Rect
	for y := r.Min.Y; y < r.Max.Y; y++ {
		src := layer.Pix[layer.PixOffset(r.Min.X, y):]
		row := rs.dst.Pix[rs.dst.PixOffset(r.Min.X, y):]
		for x := 0; x < r.Dx(); x++ {
			s := src[4*x : 4*x+4]
			if s[3] == 0 {
				continue
			}
			over(row[4*x:4*x+4], uint32(s[0])*0x101, uint32(s[1])*0x101, uint32(s[2])*0x101, uint32(s[3])*0x101, k)
		}
	}
}

func (rs *rasterSurface) link(string, pt, pt) {}
