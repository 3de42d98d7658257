package layout

import (
	"math"
	"strings"
	"unicode"

	"github.com/wardley-maps/wardley/font"
)

func isLetter(r rune) bool { return unicode.IsLetter(r) }
func isDigit(r rune) bool  { return unicode.IsDigit(r) }

// lineHeight is OWM's distance between the lines of a multi-line label or
// note (tspans with dy="15"), whatever the font size.
const lineHeight = 15

// txt describes a text to place; text() measures it.
type txt struct {
	x, y   float64
	s      string // may contain newlines
	face   FontFace
	size   float64
	bold   bool
	italic bool
	anchor Anchor
	middle bool
	fill   Color
	rotate float64
	under  bool
	lh     float64 // 0 = lineHeight
}

// splitLines splits a label on newlines (OWM draws one tspan per line).
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Split(s, "\n")
}

// text builds a text shape and its measured box, from the embedded font's
// advances and vertical metrics.
func (b *builder) text(role Role, t txt) Shape {
	var lines []string
	if strings.IndexByte(t.s, '\n') < 0 {
		lines = b.strs.One(t.s) // splitLines's answer, without an allocation
	} else {
		lines = splitLines(t.s)
	}
	lh := t.lh
	if lh == 0 {
		lh = lineHeight
	}
	if len(lines) == 1 {
		lh = 0
	}
	tx := b.texts.Put(Text{
		X: t.x, Y: t.y, Lines: lines, LineHeight: lh, Anchor: t.anchor, Middle: t.middle,
		Face: t.face, Size: t.size, Bold: t.bold, Italic: t.italic, Underline: t.under,
		Fill: t.fill, Rotate: t.rotate,
	})
	return Shape{Role: role, Text: tx, Box: b.boxes.Put(measure(tx))}
}

// measure returns the ink box of a text in page pixels: advance widths for
// the horizontal extent, the font's ascent and descent for the vertical one.
func measure(t *Text) BoxHint {
	f, _, _ := font.Lookup(font.Family(t.Face), t.Bold, t.Italic)
	w := 0.0
	for _, l := range t.Lines {
		w = max(w, f.Width(l, t.Size))
	}
	base := t.Y
	if t.Middle {
		// dominant-baseline: middle puts half the x-height on Y.
		base += f.XHeight * t.Size / 2
	}
	top := base - f.Ascent*t.Size
	bottom := base + float64(len(t.Lines)-1)*t.LineHeight + f.Descent*t.Size
	left := t.X
	switch t.Anchor {
	case AnchorMiddle:
		left -= w / 2
	case AnchorEnd:
		left -= w
	}
	if t.Rotate == 0 {
		return BoxHint{X: left, Y: top, W: w, H: bottom - top}
	}
	// The box of the rotated corners.
	sin, cos := math.Sincos(t.Rotate * math.Pi / 180)
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range [4][2]float64{{left, top}, {left + w, top}, {left, bottom}, {left + w, bottom}} {
		dx, dy := p[0]-t.X, p[1]-t.Y
		x := t.X + dx*cos - dy*sin
		y := t.Y + dx*sin + dy*cos
		x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
	}
	return BoxHint{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}
