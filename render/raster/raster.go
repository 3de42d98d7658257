package raster

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"math"

	"golang.org/x/image/vector"

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
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rs := &rasterSurface{dst: img, dev: scaling(scale, scale), scale: scale, fonts: newFontCache()}
	walk(s, rs, rs.fonts)
	return img, nil
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
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// rasterSurface paints on an RGBA image. Each shape is rasterised into a
// coverage mask the size of its own box (not the page's), then composited:
// that keeps a map of 10,000 components linear in its ink, not in its area.
type rasterSurface struct {
	dst    *image.RGBA
	layers []layerState
	dev    affine // scene → device
	scale  float64
	fonts  *fontCache
	z      vector.Rasterizer
	dp     path // scratch: the current path in device space
}

type layerState struct {
	dst     *image.RGBA
	opacity float64
}

// deviceRect is the pixel box covering lo–hi (device space), clipped to
// the current target.
func (rs *rasterSurface) deviceRect(lo, hi pt) image.Rectangle {
	if math.IsNaN(lo.X + lo.Y + hi.X + hi.Y) {
		return image.Rectangle{}
	}
	clampI := func(v float64) int { return int(math.Max(-1<<20, math.Min(1<<20, v))) }
	r := image.Rect(clampI(math.Floor(lo.X)), clampI(math.Floor(lo.Y)), clampI(math.Ceil(hi.X)), clampI(math.Ceil(hi.Y)))
	return r.Intersect(rs.dst.Bounds())
}

// mask rasterises p (device space) into a coverage mask over r, filled
// with the non-zero rule.
func (rs *rasterSurface) mask(p *path, r image.Rectangle) *image.Alpha {
	z := &rs.z
	z.Reset(r.Dx(), r.Dy())
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	f := func(q pt) (float32, float32) { return float32(q.X - ox), float32(q.Y - oy) }
	i := 0
	var start pt
	open := false
	for _, v := range p.verbs {
		switch v {
		case moveTo:
			if open {
				z.LineTo(f(start))
			}
			start = p.pts[i]
			z.MoveTo(f(start))
			open = true
		case lineTo:
			z.LineTo(f(p.pts[i]))
		case quadTo:
			ax, ay := f(p.pts[i])
			bx, by := f(p.pts[i+1])
			z.QuadTo(ax, ay, bx, by)
		case cubeTo:
			ax, ay := f(p.pts[i])
			bx, by := f(p.pts[i+1])
			cx, cy := f(p.pts[i+2])
			z.CubeTo(ax, ay, bx, by, cx, cy)
		case closeOp:
			if open {
				z.LineTo(f(start))
				open = false
			}
		}
		i += nPts(v)
	}
	if open {
		z.LineTo(f(start))
	}
	return rs.rasterize(r)
}

// polysMask rasterises closed polygons (device space) into a mask over r.
func (rs *rasterSurface) polysMask(polys [][]pt, r image.Rectangle) *image.Alpha {
	z := &rs.z
	z.Reset(r.Dx(), r.Dy())
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	for _, poly := range polys {
		z.MoveTo(float32(poly[0].X-ox), float32(poly[0].Y-oy))
		for _, q := range poly[1:] {
			z.LineTo(float32(q.X-ox), float32(q.Y-oy))
		}
		z.LineTo(float32(poly[0].X-ox), float32(poly[0].Y-oy))
	}
	return rs.rasterize(r)
}

func (rs *rasterSurface) rasterize(r image.Rectangle) *image.Alpha {
	m := image.NewAlpha(image.Rect(0, 0, r.Dx(), r.Dy()))
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

// strokePolys outlines p (device space) with st (device units).
func strokePolys(p *path, st strokeSpec) (polys [][]pt, lo, hi pt, ok bool) {
	strokePolylines(p.flatten(0.05), st, func(poly []pt) {
		cp := append([]pt(nil), poly...)
		polys = append(polys, cp)
		for _, q := range cp {
			if !ok {
				lo, hi, ok = q, q, true
				continue
			}
			lo = pt{math.Min(lo.X, q.X), math.Min(lo.Y, q.Y)}
			hi = pt{math.Max(hi.X, q.X), math.Max(hi.Y, q.Y)}
		}
	})
	return polys, lo, hi, ok
}

func (rs *rasterSurface) devicePath(p *path) *path {
	rs.dp.reset()
	rs.dp.appendTransformed(p, rs.dev)
	return &rs.dp
}

func (rs *rasterSurface) fillPath(p *path, f fillPaint) {
	dp := rs.devicePath(p)
	lo, hi, ok := dp.bounds()
	if !ok {
		return
	}
	r := rs.deviceRect(lo, hi)
	if r.Empty() {
		return
	}
	rs.composite(r, rs.mask(dp, r), f)
}

func (rs *rasterSurface) strokePath(p *path, col layout.Color, opacity float64, st strokeSpec) {
	dp := rs.devicePath(p)
	st = rs.deviceStroke(st)
	polys, lo, hi, ok := strokePolys(dp, st)
	if !ok {
		return
	}
	r := rs.deviceRect(lo, hi)
	if r.Empty() {
		return
	}
	rs.composite(r, rs.polysMask(polys, r), fillPaint{color: col, opacity: opacity})
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
	// All glyphs (and underlines) of the text in one device path.
	var gp path
	var under path
	for _, l := range lines {
		m := l.m.then(rs.dev)
		for _, g := range l.glyphs {
			gp.appendTransformed(rs.fonts.outline(g.face, g.id), glyphMatrix(g, st).then(m))
		}
		if st.underline && l.width > 0 {
			pos, thick := underlineMetrics(st.primary)
			var u path
			rectPath(&u, 0, pos, l.width, thick, 0)
			under.appendTransformed(&u, m)
		}
	}
	var all path
	all.appendTransformed(&gp, identity)
	all.appendTransformed(&under, identity)
	lo, hi, ok := all.bounds()
	if !ok {
		return
	}
	pad := (st.haloWidth/2 + st.size*synthBoldWidth) * rs.scale * 4
	r := rs.deviceRect(lo.sub(pt{pad, pad}), hi.add(pt{pad, pad}))
	if r.Empty() {
		return
	}
	fillMask := func() *image.Alpha {
		m := rs.mask(&gp, r)
		if !under.empty() {
			union(m, rs.mask(&under, r))
		}
		if st.synthBold {
			polys, _, _, ok := strokePolys(&all, strokeSpec{width: st.size * synthBoldWidth * rs.scale, cap: "butt", join: "round"})
			if ok {
				union(m, rs.polysMask(polys, r))
			}
		}
		return m
	}
	if st.halo.A > 0 && st.haloWidth > 0 {
		polys, _, _, ok := strokePolys(&all, strokeSpec{width: st.haloWidth * rs.scale, cap: "butt", join: "round"})
		if ok {
			rs.composite(r, rs.polysMask(polys, r), fillPaint{color: st.halo, opacity: 1})
		}
	}
	if st.fill.A > 0 {
		rs.composite(r, fillMask(), fillPaint{color: st.fill, opacity: 1})
	}
}

// composite lays paint through mask m (covering r) onto the target with
// Porter–Duff source-over, in premultiplied 16-bit arithmetic.
func (rs *rasterSurface) composite(r image.Rectangle, m *image.Alpha, f fillPaint) {
	dst := rs.dst
	if f.grad == nil {
		sr, sg, sb, sa := premul(float64(f.color.R), float64(f.color.G), float64(f.color.B), float64(f.color.A)*f.opacity)
		if sa == 0 {
			return
		}
		for y := 0; y < r.Dy(); y++ {
			row := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y+y):]
			mrow := m.Pix[y*m.Stride:]
			for x := 0; x < r.Dx(); x++ {
				if c := mrow[x]; c != 0 {
					over(row[4*x:4*x+4], sr, sg, sb, sa, uint32(c)*0x101)
				}
			}
		}
		return
	}
	inv := 1 / rs.scale
	for y := 0; y < r.Dy(); y++ {
		row := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y+y):]
		mrow := m.Pix[y*m.Stride:]
		for x := 0; x < r.Dx(); x++ {
			c := mrow[x]
			if c == 0 {
				continue
			}
			// The pixel's centre, back in scene pixels.
			q := pt{(float64(r.Min.X+x) + 0.5) * inv, (float64(r.Min.Y+y) + 0.5) * inv}
			cr, cg, cb, ca := gradientAt(f.grad, gradientT(f.grad, f.lo, f.hi, q))
			sr, sg, sb, sa := premul(cr, cg, cb, ca*f.opacity)
			over(row[4*x:4*x+4], sr, sg, sb, sa, uint32(c)*0x101)
		}
	}
}

// premul converts a straight 8-bit colour to premultiplied 16-bit.
func premul(r, g, b, a float64) (uint32, uint32, uint32, uint32) {
	a = math.Max(0, math.Min(255, a))
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
	r := rs.deviceRect(dlo.sub(pt{2, 2}), dhi.add(pt{2, 2}))
	rs.layers = append(rs.layers, layerState{dst: rs.dst, opacity: opacity})
	rs.dst = image.NewRGBA(r)
}

func (rs *rasterSurface) endGroup() {
	top := rs.layers[len(rs.layers)-1]
	rs.layers = rs.layers[:len(rs.layers)-1]
	layer := rs.dst
	rs.dst = top.dst
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
