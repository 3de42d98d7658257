package raster

import (
	"math"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/wardley-maps/wardley/font"
	"github.com/wardley-maps/wardley/layout"
)

// glyph is one glyph placed on a line: X is its pen position from the
// line's start, in em.
type glyph struct {
	face *font.Face
	id   sfnt.GlyphIndex
	r    rune // the character it shows (for the PDF's text layer)
	x    float64
	adv  float64 // in em, as font.Face.Advance measures the rune
}

// textStyle is what the surfaces need to paint a text's glyphs.
type textStyle struct {
	size                   float64
	fill                   layout.Color
	halo                   layout.Color
	haloWidth              float64
	synthBold, synthItalic bool
	underline              bool
	// primary is the face asked for (its metrics place underline and
	// middle baselines).
	primary *font.Face
}

// textLine is one line of glyphs and the transform from em space (pen at
// the origin, y down) to scene pixels.
type textLine struct {
	glyphs []glyph
	width  float64 // in em
	m      affine
}

// Fake emboldening and slanting follow Skia's (Chromium's) choices: a
// slant of 1/4, and an outline grown by about 1/28 em in all.
const (
	synthSkew      = 0.25
	synthBoldWidth = 1.0 / 28
)

// layoutText places t's glyphs as a browser draws SVG's <text>: kerned,
// the anchor along each line's kerned advance (font.Face.Width, which
// layout measures with, does not kern: a line is at most a pixel or two
// shorter than measured), the first
// baseline at Y (or the x-height's middle at Y, for Middle), further lines
// LineHeight lower, everything turned Rotate degrees clockwise about
// (X, Y).
func layoutText(t *layout.Text, fonts *fontCache) (textStyle, []textLine) {
	primary, sb, si := font.Lookup(font.Family(t.Face), t.Bold, t.Italic)
	fallback, _, _ := font.Lookup(font.Sans, primary.Bold, false)
	st := textStyle{
		size: t.Size, fill: t.Fill, halo: t.Halo, haloWidth: t.HaloWidth,
		synthBold: sb, synthItalic: si, underline: t.Underline, primary: primary,
	}
	base := translate(t.X, t.Y)
	if t.Rotate != 0 {
		base = rotation(t.Rotate).then(base)
	}
	shiftY := 0.0
	if t.Middle {
		// dominant-baseline: middle puts the middle of the x-height on Y.
		shiftY = primary.XHeight * t.Size / 2
	}
	var lines []textLine
	for i, s := range t.Lines {
		var gl []glyph
		x := 0.0
		var prev *glyph
		for _, r := range s {
			adv := primary.Advance(r)
			if r == '\t' {
				adv = 4 * primary.Advance(' ')
			}
			// A character the face lacks comes from Liberation Sans (as
			// font.Face.Advance measures it); one no face has shows as
			// Liberation Sans's .notdef box, unless it is a space or a
			// control.
			face := primary
			if !primary.Has(r) {
				face = fallback
			}
			if r != '\t' && (face.Has(r) || !isInvisible(r)) {
				id := fonts.glyphIndex(face, r)
				// Kerning, as browsers apply it by default: between two
				// glyphs of one face, from the face's kern table.
				if prev != nil && prev.face == face {
					x += fonts.kern(face, prev.id, id)
				}
				gl = append(gl, glyph{face: face, id: id, r: r, x: x, adv: adv})
				prev = &gl[len(gl)-1]
			} else {
				prev = nil
			}
			x += adv
		}
		anchor := 0.0
		switch t.Anchor {
		case layout.AnchorMiddle:
			anchor = -x * t.Size / 2
		case layout.AnchorEnd:
			anchor = -x * t.Size
		}
		m := scaling(t.Size, t.Size).then(translate(anchor, shiftY+float64(i)*t.LineHeight)).then(base)
		lines = append(lines, textLine{glyphs: gl, width: x, m: m})
	}
	return st, lines
}

// isInvisible reports runes that draw nothing even when no font has them
// (spaces and controls): they get no .notdef box.
func isInvisible(r rune) bool {
	return r <= ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xa0 || r == '\u200b'
}

// fontCache keeps glyph indices and outlines (in em, y down) for one
// render. It is not shared between renders, so it needs no lock.
type fontCache struct {
	buf      sfnt.Buffer
	index    map[faceRune]sfnt.GlyphIndex
	outlines map[faceGlyph]*path
	kerns    map[kernPair]float64
}

type kernPair struct {
	f    *font.Face
	a, b sfnt.GlyphIndex
}

// kern returns the kerning between glyphs a and b of f, in em (negative
// brings them closer).
func (c *fontCache) kern(f *font.Face, a, b sfnt.GlyphIndex) float64 {
	k := kernPair{f, a, b}
	if v, ok := c.kerns[k]; ok {
		return v
	}
	sf := f.SFNT()
	upem := float64(sf.UnitsPerEm())
	v := 0.0
	if d, err := sf.Kern(&c.buf, a, b, fixed.I(int(upem)), 0); err == nil {
		v = float64(d) / 64 / upem
	}
	c.kerns[k] = v
	return v
}

type faceRune struct {
	f *font.Face
	r rune
}

type faceGlyph struct {
	f  *font.Face
	id sfnt.GlyphIndex
}

func newFontCache() *fontCache {
	return &fontCache{index: map[faceRune]sfnt.GlyphIndex{}, outlines: map[faceGlyph]*path{}, kerns: map[kernPair]float64{}}
}

func (c *fontCache) glyphIndex(f *font.Face, r rune) sfnt.GlyphIndex {
	k := faceRune{f, r}
	if id, ok := c.index[k]; ok {
		return id
	}
	id, err := f.SFNT().GlyphIndex(&c.buf, r)
	if err != nil {
		id = 0
	}
	c.index[k] = id
	return id
}

// outline returns the glyph's outline in em units, y down.
func (c *fontCache) outline(f *font.Face, id sfnt.GlyphIndex) *path {
	k := faceGlyph{f, id}
	if p, ok := c.outlines[k]; ok {
		return p
	}
	p := &path{}
	sf := f.SFNT()
	upem := float64(sf.UnitsPerEm())
	// Loading at 1 em = upem units keeps the font's own integer
	// coordinates exact; we scale to em ourselves.
	segs, err := sf.LoadGlyph(&c.buf, id, fixed.I(int(upem)), nil)
	if err == nil {
		k := 1 / (64 * upem)
		cv := func(q fixed.Point26_6) pt { return pt{float64(q.X) * k, float64(q.Y) * k} }
		open := false
		for _, s := range segs {
			switch s.Op {
			case sfnt.SegmentOpMoveTo:
				if open {
					p.close()
				}
				p.moveTo(cv(s.Args[0]))
				open = true
			case sfnt.SegmentOpLineTo:
				p.lineTo(cv(s.Args[0]))
			case sfnt.SegmentOpQuadTo:
				p.quadTo(cv(s.Args[0]), cv(s.Args[1]))
			case sfnt.SegmentOpCubeTo:
				p.cubeTo(cv(s.Args[0]), cv(s.Args[1]), cv(s.Args[2]))
			}
		}
		if open {
			p.close()
		}
	}
	c.outlines[k] = p
	return p
}

// underlineMetrics returns the underline's top below the baseline and
// its thickness, in em, as Chromium draws SVG text decorations (measured,
// not from the font's post table): max(1 px, size/10) thick, its top a
// gap of max(1 px, half the thickness rounded up) below the baseline.
func underlineMetrics(size float64) (pos, thick float64) {
	t := max(1, size/10)
	gap := max(1, math.Ceil(t/2))
	return gap / size, t / size
}

// glyphMatrix is the transform of one glyph's outline (em units, y down)
// to the line's em space: moved to its pen position and slanted when the
// face has no italic.
func glyphMatrix(g glyph, st textStyle) affine {
	m := translate(g.x, 0)
	if st.synthItalic {
		m = affine{A: 1, C: -synthSkew, D: 1, E: g.x}
	}
	return m
}
