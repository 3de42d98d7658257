package raster

import (
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

// layoutText places t's glyphs as SVG's <text> draws them: the anchor
// along each line's advance (as font.Face.Width measures it), the first
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
				gl = append(gl, glyph{face: face, id: fonts.glyphIndex(face, r), r: r, x: x, adv: adv})
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
	return &fontCache{index: map[faceRune]sfnt.GlyphIndex{}, outlines: map[faceGlyph]*path{}}
}

func (c *fontCache) glyphIndex(f *font.Face, r rune) sfnt.GlyphIndex {
	k := faceRune{f, r}
	if id, ok := c.index[k]; ok {
		return id
	}
	id, err := f.Font.GlyphIndex(&c.buf, r)
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
	upem := float64(f.Font.UnitsPerEm())
	// Loading at 1 em = upem units keeps the font's own integer
	// coordinates exact; we scale to em ourselves.
	segs, err := f.Font.LoadGlyph(&c.buf, id, fixed.I(int(upem)), nil)
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

// underlineMetrics returns the underline's top offset below the baseline
// and its thickness, in em, from the face's post table (as browsers do).
func underlineMetrics(f *font.Face) (pos, thick float64) {
	upem := float64(f.Font.UnitsPerEm())
	if pt := f.Font.PostTable(); pt != nil && pt.UnderlineThickness > 0 {
		thick = float64(pt.UnderlineThickness) / upem
		// UnderlinePosition is the top of the line, negative below the
		// baseline.
		pos = -float64(pt.UnderlinePosition) / upem
		return pos, thick
	}
	return 0.1, 0.05
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
