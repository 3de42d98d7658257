// Package font owns the embedded fonts: which faces wardley ships, their
// metrics, and text measurement. Layout measures with it and the PNG and
// PDF renderers draw with the same files, so that what is measured is what
// is drawn. The SVG renderer names the CSS font stacks these faces stand in
// for (Liberation Sans has Arial's advance widths).
package font

import (
	_ "embed" // the font files
	"fmt"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The files are byte slices, not an embed.FS: FS.ReadFile copies, and
// copying 1.9 MB of fonts from the binary into fresh memory was most of
// the cost of loading them, which every wardley command pays once.
var (
	//go:embed fonts/LiberationSans-Regular.ttf
	sansRegular []byte
	//go:embed fonts/LiberationSans-Bold.ttf
	sansBold []byte
	//go:embed fonts/LiberationSans-Italic.ttf
	sansItalic []byte
	//go:embed fonts/LiberationMono-Regular.ttf
	monoRegular []byte
	//go:embed fonts/LiberationMono-Bold.ttf
	monoBold []byte
	//go:embed fonts/GloriaHallelujah-Regular.ttf
	handRegular []byte
)

// Family is a typeface family. The values match layout.FontFace.
type Family string

const (
	Sans Family = "sans" // Liberation Sans, for the Helvetica/Arial stack
	Mono Family = "mono" // Liberation Mono, for the wardley style
	Hand Family = "hand" // Gloria Hallelujah, for the handwritten style
)

// Face is one embedded font file. Its metrics, and the advances of
// U+0000 to U+00FF, come from a table made from the file (metrics.go,
// which TestTables checks against it): a map in Latin text is measured
// without parsing a font. The file itself is parsed the first time
// something needs more (SFNT).
type Face struct {
	// Name is the PostScript-style name ("LiberationSans-Bold").
	Name   string
	Family Family
	// Bold and Italic say what the file is; a renderer asked for a weight or
	// slant the file does not have must synthesise it (see Lookup).
	Bold, Italic bool
	// Data is the TrueType file, for renderers that embed or rasterise it.
	// It is the binary's own copy: read it, never write to it.
	Data []byte

	unitsPerEm float64
	// Ascent, Descent (positive, below the baseline), CapHeight and XHeight
	// are in em units (multiply by the font size for pixels).
	Ascent, Descent, CapHeight, XHeight float64
	latin                               *[256]float32 // advances of U+0000..U+00FF in em units; -1 when missing
	other                               sync.Map      // rune -> float32, -1 when missing

	once sync.Once
	font *sfnt.Font
	err  error
}

var catalog = []struct {
	file         string
	data         []byte
	family       Family
	bold, italic bool
}{
	{"LiberationSans-Regular.ttf", sansRegular, Sans, false, false},
	{"LiberationSans-Bold.ttf", sansBold, Sans, true, false},
	{"LiberationSans-Italic.ttf", sansItalic, Sans, false, true},
	{"LiberationMono-Regular.ttf", monoRegular, Mono, false, false},
	{"LiberationMono-Bold.ttf", monoBold, Mono, true, false},
	{"GloriaHallelujah-Regular.ttf", handRegular, Hand, false, false},
}

// faces are the catalog's faces, with their tables' metrics.
var faces = func() []*Face {
	fs := make([]*Face, len(catalog))
	for i := range catalog {
		fs[i] = newFace(i)
	}
	return fs
}()

// newFace is catalog face i, not parsed.
func newFace(i int) *Face {
	c, m := &catalog[i], &tables[i]
	return &Face{Name: c.file[:len(c.file)-4], Family: c.family, Bold: c.bold, Italic: c.italic, Data: c.data,
		unitsPerEm: m.unitsPerEm, Ascent: m.ascent, Descent: m.descent, CapHeight: m.capHeight, XHeight: m.xHeight, latin: &m.latin}
}

// SFNT is the parsed file, parsed on first use. Its methods are safe for
// concurrent use when each caller brings its own sfnt.Buffer.
func (f *Face) SFNT() *sfnt.Font {
	f.once.Do(func() {
		f.font, f.err = sfnt.Parse(f.Data)
		if f.err != nil {
			f.err = fmt.Errorf("font %s: %w", f.Name, f.err)
		}
	})
	if f.err != nil {
		// The files are embedded in the binary and tested: this cannot
		// happen in a build that passed its tests.
		panic(f.err)
	}
	return f.font
}

// table is what a face's metrics table holds: the font's units per em,
// then, in em units, its ascent, descent, cap height and x-height, and the
// advances of U+0000 to U+00FF (-1 for a missing glyph).
type table struct {
	unitsPerEm                          float64
	ascent, descent, capHeight, xHeight float64
	latin                               [256]float32
}

// measure makes a face's table from its parsed file.
func measure(font *sfnt.Font) (table, error) {
	var buf sfnt.Buffer
	upem := float64(font.UnitsPerEm())
	t := table{unitsPerEm: upem}
	// Measure at 1 em = upem units so that fixed-point rounding is exact.
	ppem := fixed.I(int(upem))
	m, err := font.Metrics(&buf, ppem, 0)
	if err != nil {
		return t, err
	}
	t.ascent = float64(m.Ascent) / 64 / upem
	t.descent = float64(m.Descent) / 64 / upem
	t.capHeight = float64(m.CapHeight) / 64 / upem
	t.xHeight = float64(m.XHeight) / 64 / upem
	for r := range t.latin {
		t.latin[r] = advance(font, &buf, upem, rune(r))
	}
	return t, nil
}

// advance returns r's advance in em units, or -1 when the font has no glyph.
func advance(font *sfnt.Font, buf *sfnt.Buffer, upem float64, r rune) float32 {
	gi, err := font.GlyphIndex(buf, r)
	if err != nil || gi == 0 {
		return -1
	}
	adv, err := font.GlyphAdvance(buf, gi, fixed.I(int(upem)), 0)
	if err != nil {
		return -1
	}
	return float32(float64(adv) / 64 / upem)
}

// Faces returns every embedded face, in a fixed order.
func Faces() []*Face { return faces }

// Lookup returns the face that draws family in the given weight and slant:
// the exact file when wardley ships it, else the nearest one (a bold mono
// asked in italic gets the bold mono file). Synthetic reports what the
// renderer must fake: emboldening or slanting.
func Lookup(family Family, bold, italic bool) (f *Face, synthBold, synthItalic bool) {
	best, bestScore := faces[0], -1
	for _, c := range faces {
		if c.Family != family {
			continue
		}
		score := 0
		if c.Bold == bold {
			score += 2
		}
		if c.Italic == italic {
			score++
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	return best, bold && !best.Bold, italic && !best.Italic
}

// Has reports whether the face has a glyph for r.
func (f *Face) Has(r rune) bool { return f.runeAdvance(r) >= 0 }

func (f *Face) runeAdvance(r rune) float32 {
	if r >= 0 && r < 256 {
		return f.latin[r]
	}
	if v, ok := f.other.Load(r); ok {
		return v.(float32)
	}
	var buf sfnt.Buffer
	a := advance(f.SFNT(), &buf, f.unitsPerEm, r)
	f.other.Store(r, a)
	return a
}

// Advance returns r's advance width in em units. A rune the face lacks is
// measured in Liberation Sans (the fallback renderers use), and failing
// that as 1 em for wide (East Asian, emoji) characters and 0.6 em for
// others; zero-width characters measure 0.
func (f *Face) Advance(r rune) float64 {
	if a := f.runeAdvance(r); a >= 0 {
		return float64(a)
	}
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) || r == '\u200b' {
		return 0
	}
	if f.Family != Sans || f.Bold || f.Italic {
		sans, _, _ := Lookup(Sans, f.Bold, false)
		if a := sans.runeAdvance(r); a >= 0 {
			return float64(a)
		}
	}
	if isWide(r) {
		return 1
	}
	return 0.6
}

// Width returns the advance width of s at size px, in px. Tabs measure as
// four spaces; newlines are not expected (measure each line on its own).
func (f *Face) Width(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		if r == '\t' {
			w += 4 * f.Advance(' ')
			continue
		}
		w += f.Advance(r)
	}
	return w * size
}

func isWide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115f, r >= 0x2e80 && r <= 0xa4cf && r != 0x303f,
		r >= 0xac00 && r <= 0xd7a3, r >= 0xf900 && r <= 0xfaff, r >= 0xfe30 && r <= 0xfe4f,
		r >= 0xff00 && r <= 0xff60, r >= 0xffe0 && r <= 0xffe6,
		r >= 0x1f300 && r <= 0x1faff, r >= 0x20000 && r <= 0x3fffd:
		return true
	}
	return false
}
