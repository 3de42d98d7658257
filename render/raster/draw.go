package raster

import (
	"math"
	"net/url"
	"strings"

	"github.com/wardley-maps/wardley/layout"
)

// fillPaint is a resolved fill: a colour, or a gradient spread over the
// box lo–hi (the shape's objectBoundingBox, in scene pixels).
type fillPaint struct {
	color   layout.Color
	grad    *layout.Gradient
	lo, hi  pt
	opacity float64 // fill-opacity, 0..1
}

// surface is what the walker draws on: the rasteriser or a PDF page.
// Paths and text lines are in scene pixels; each surface maps them to its
// own device space.
type surface interface {
	fillPath(p *path, f fillPaint)
	// strokePath strokes p; st is in scene pixels.
	strokePath(p *path, col layout.Color, opacity float64, st strokeSpec)
	text(st textStyle, lines []textLine)
	// beginGroup starts a group drawn apart and then laid on the page at
	// opacity (SVG's opacity on an element); lo–hi bounds what it draws.
	beginGroup(opacity float64, lo, hi pt)
	endGroup()
	// link makes the box lo–hi a link to href (the PDF does; PNG cannot).
	link(href string, lo, hi pt)
}

// walk draws the scene on sf in paint order.
func walk(s *layout.Scene, sf surface, fonts *fontCache) {
	grads := map[string]*layout.Gradient{}
	for i := range s.Gradients {
		grads[s.Gradients[i].ID] = &s.Gradients[i]
	}
	var p path
	if s.Background.A > 0 {
		rectPath(&p, 0, 0, s.Width, s.Height, 0)
		sf.fillPath(&p, fillPaint{color: s.Background, opacity: 1})
	}
	for gi := range s.Groups {
		g := &s.Groups[gi]
		var glo, ghi pt
		gok := false
		for si := range g.Shapes {
			lo, hi, ok := drawShape(&g.Shapes[si], sf, fonts, grads, &p)
			if !ok {
				continue
			}
			if !gok {
				glo, ghi, gok = lo, hi, true
			} else {
				glo = pt{min(glo.X, lo.X), min(glo.Y, lo.Y)}
				ghi = pt{max(ghi.X, hi.X), max(ghi.Y, hi.Y)}
			}
		}
		if g.Href != "" && gok && safeHref(g.Href) {
			sf.link(g.Href, glo, ghi)
		}
	}
}

// maxCoord bounds the coordinates drawn: a scene from layout stays far
// inside; anything beyond (or not a number) is a broken scene, and its
// shape is left out rather than risk the arithmetic.
const maxCoord = 1e7

func sane(ps ...pt) bool {
	for _, q := range ps {
		if !(math.Abs(q.X) < maxCoord && math.Abs(q.Y) < maxCoord) {
			return false
		}
	}
	return true
}

// opacity01 reads the scene's "0 means 1" opacities.
func opacity01(v float64) float64 {
	if v <= 0 || v > 1 {
		return 1
	}
	return v
}

// drawShape draws one shape and returns the box it covers (for group
// layers and links).
func drawShape(sh *layout.Shape, sf surface, fonts *fontCache, grads map[string]*layout.Gradient, p *path) (lo, hi pt, ok bool) {
	if sh.Text != nil {
		return drawText(sh, sf, fonts)
	}
	p.reset()
	canFill := true
	switch {
	case sh.Rect != nil:
		r := sh.Rect
		if r.W <= 0 || r.H <= 0 {
			return // SVG draws nothing for an empty rect
		}
		rectPath(p, r.X, r.Y, r.W, r.H, r.RX)
	case sh.Circle != nil:
		c := sh.Circle
		if c.R <= 0 {
			return
		}
		circlePath(p, c.CX, c.CY, c.R)
	case sh.Line != nil:
		l := sh.Line
		p.moveTo(pt{l.X1, l.Y1})
		p.lineTo(pt{l.X2, l.Y2})
		canFill = false
	case sh.Path != nil:
		scenePath(p, sh.Path)
	case sh.Image != nil && sh.Image.Path != nil:
		scenePath(p, sh.Image.Path)
	default:
		return
	}
	if p.empty() || !sane(p.pts...) {
		return
	}
	// A shape without a style draws nothing (the SVG renderer writes
	// fill="none" rather than leaving SVG's black default).
	if sh.Style == nil {
		return
	}
	st := *sh.Style
	var fill fillPaint
	hasFill := false
	if canFill && !st.Fill.IsNone() {
		fill = fillPaint{color: st.Fill.Color, opacity: opacity01(st.FillOpacity)}
		hasFill = true
		if st.Fill.Gradient != "" {
			// An unknown gradient paints nothing, as in SVG.
			fill.grad = grads[st.Fill.Gradient]
			hasFill = fill.grad != nil && len(fill.grad.Stops) > 0
			fill.lo, fill.hi, _ = p.tightBounds()
			if fill.hi.X-fill.lo.X <= 0 || fill.hi.Y-fill.lo.Y <= 0 {
				hasFill = false // SVG: no box, no gradient
			}
		}
	}
	// A stroke needs a colour and a width (zero means none, as in the SVG
	// renderer).
	sw := st.StrokeWidth
	hasStroke := st.Stroke.A > 0 && sw > 0 && sw < maxCoord
	for _, d := range st.Dash {
		if !(math.Abs(d) < maxCoord) {
			hasStroke = false
		}
	}
	if !hasFill && !hasStroke {
		return
	}
	lo, hi, _ = p.bounds()
	if hasStroke {
		// Miters reach at most miterLimit × half the width past the path.
		pad := sw / 2 * 4
		lo, hi = lo.sub(pt{pad, pad}), hi.add(pt{pad, pad})
	}
	op := opacity01(sh.Opacity)
	grouped := op < 1 && hasFill && hasStroke
	if grouped {
		sf.beginGroup(op, lo, hi)
		op = 1
	}
	if hasFill {
		fill.opacity *= op
		sf.fillPath(p, fill)
	}
	if hasStroke {
		cap := st.LineCap
		if cap != "round" && cap != "square" {
			cap = "butt"
		}
		join := st.LineJoin
		if join != "round" && join != "bevel" {
			join = "miter"
		}
		spec := strokeSpec{width: sw, cap: cap, join: join, miterLimit: 4, dash: st.Dash}
		sf.strokePath(p, st.Stroke, opacity01(st.StrokeOpacity)*op, spec)
	}
	if grouped {
		sf.endGroup()
	}
	return lo, hi, true
}

// scenePath copies a layout.Path, dropping malformed ops (too few points
// or an unknown verb) rather than guessing at them.
func scenePath(p *path, sp *layout.Path) {
	started := false
	for _, op := range sp.Ops {
		n := len(op.Pts)
		switch op.Verb {
		case 'M':
			if n >= 2 {
				p.moveTo(pt{op.Pts[0], op.Pts[1]})
				started = true
			}
		case 'L':
			if n >= 2 && started {
				p.lineTo(pt{op.Pts[0], op.Pts[1]})
			}
		case 'C':
			if n >= 6 && started {
				p.cubeTo(pt{op.Pts[0], op.Pts[1]}, pt{op.Pts[2], op.Pts[3]}, pt{op.Pts[4], op.Pts[5]})
			}
		case 'Z':
			if started {
				p.close()
			}
		}
	}
}

func drawText(sh *layout.Shape, sf surface, fonts *fontCache) (lo, hi pt, ok bool) {
	t := sh.Text
	if len(t.Lines) == 0 || !(t.Size > 0 && t.Size < maxCoord) || !sane(pt{t.X, t.Y}, pt{t.Rotate, t.LineHeight}, pt{t.HaloWidth, 0}) {
		return
	}
	st, lines := layoutText(t, fonts)
	if st.fill.A == 0 && (st.halo.A == 0 || st.haloWidth <= 0) {
		return
	}
	lo, hi, ok = textBounds(st, lines)
	if !ok {
		return
	}
	op := opacity01(sh.Opacity)
	grouped := op < 1 && st.halo.A > 0 && st.haloWidth > 0 && st.fill.A > 0
	if grouped {
		sf.beginGroup(op, lo, hi)
	} else if op < 1 {
		st.fill.A = uint8(math.Round(float64(st.fill.A) * op))
		st.halo.A = uint8(math.Round(float64(st.halo.A) * op))
	}
	sf.text(st, lines)
	if grouped {
		sf.endGroup()
	}
	return lo, hi, true
}

// textBounds is a generous box around the lines: the em box of each line
// (ascent to descent, skew and halo included).
func textBounds(st textStyle, lines []textLine) (lo, hi pt, ok bool) {
	f := st.primary
	pad := 0.3 + st.haloWidth/st.size
	if st.synthBold {
		pad += synthBoldWidth
	}
	for _, l := range lines {
		if len(l.glyphs) == 0 && !st.underline {
			continue
		}
		corners := []pt{{-pad, -f.Ascent - pad}, {l.width + pad, -f.Ascent - pad}, {l.width + pad, f.Descent + pad}, {-pad, f.Descent + pad}}
		for _, c := range corners {
			q := l.m.apply(c)
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

// gradientAt returns the gradient's colour (straight alpha) at position t
// along its vector: SVG's pad spread, stops clamped and made monotonic.
func gradientAt(g *layout.Gradient, t float64) (r, gg, b, a float64) {
	stops := g.Stops
	c := func(col layout.Color) (float64, float64, float64, float64) {
		return float64(col.R), float64(col.G), float64(col.B), float64(col.A)
	}
	prev := 0.0
	for i := range stops {
		off := max(prev, min(1, max(0, stops[i].Offset)))
		if t <= off {
			if i == 0 || off <= prev {
				return c(stops[i].Color)
			}
			u := (t - prev) / (off - prev)
			r0, g0, b0, a0 := c(stops[i-1].Color)
			r1, g1, b1, a1 := c(stops[i].Color)
			return r0 + (r1-r0)*u, g0 + (g1-g0)*u, b0 + (b1-b0)*u, a0 + (a1-a0)*u
		}
		prev = off
	}
	return c(stops[len(stops)-1].Color)
}

// gradientT maps a scene point to the position along g's vector, in the
// objectBoundingBox units of lo–hi.
func gradientT(g *layout.Gradient, lo, hi pt, q pt) float64 {
	w, h := hi.X-lo.X, hi.Y-lo.Y
	if w <= 0 || h <= 0 {
		return 0
	}
	u, v := (q.X-lo.X)/w, (q.Y-lo.Y)/h
	dx, dy := g.X2-g.X1, g.Y2-g.Y1
	d2 := dx*dx + dy*dy
	if d2 == 0 {
		return 1 // SVG: a zero-length vector paints the last stop
	}
	return ((u-g.X1)*dx + (v-g.Y1)*dy) / d2
}

// safeHref reports whether a link may go in the output: http, https,
// mailto or relative. Layout only makes such links; this keeps the PDF
// safe whatever scene it is given.
func safeHref(h string) bool {
	for _, r := range h {
		if r < ' ' || r == 0x7f {
			return false
		}
	}
	u, err := url.Parse(strings.TrimSpace(h))
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto":
		return true
	}
	return false
}
