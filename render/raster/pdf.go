package raster

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf16"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/wardley-maps/wardley/font"
	"github.com/wardley-maps/wardley/layout"
)

// pxToPt is the PDF's size of a scene pixel: a CSS pixel, 1/96 inch, is
// 3/4 of a PostScript point; a map prints at the size a browser shows it.
const pxToPt = 0.75

// PDF draws the scene as a one-page vector PDF: shapes as paths, text as
// real text (selectable, searchable) in the embedded fonts, subset to the
// glyphs used. The page is the scene's size at 96 pixels per inch. There
// are no dates or random ids in the file: the same scene gives the same
// bytes.
func PDF(s *layout.Scene) ([]byte, error) {
	if !(s.Width > 0 && s.Height > 0 && s.Width < maxCoord && s.Height < maxCoord) {
		return nil, fmt.Errorf("scene is %g × %g pixels: nothing to draw", s.Width, s.Height)
	}
	ps := newPDFSurface(s)
	fmt.Fprintf(&ps.c, "%s 0 0 %s 0 %s cm\n", num(pxToPt), num(-pxToPt), num(s.Height*pxToPt))
	walk(s, ps, ps.fonts)
	return ps.finish(s)
}

type pdfSurface struct {
	doc   pdfDoc
	c     bytes.Buffer   // the content being written (page or group)
	stack []bytes.Buffer // outer contents while a group is open
	fonts *fontCache
	h     float64

	pathBuf []byte // writePath's scratch

	resID     int // the one resource dictionary every content shares
	faces     []*pdfFont
	faceByPtr map[*font.Face]*pdfFont
	gstates   []string // ExtGState dictionaries, /GS0...
	gsIndex   map[string]int
	shadings  []int // object ids, /Sh0...
	shIndex   map[*layout.Gradient]int
	masks     map[*layout.Gradient]string
	forms     []int // object ids, /Fm0...
	links     []string
}

type pdfFont struct {
	name  string // resource name, /F0...
	face  *font.Face
	used  map[uint16]rune
	order []uint16
}

func newPDFSurface(s *layout.Scene) *pdfSurface {
	ps := &pdfSurface{
		fonts: newFontCache(), h: s.Height,
		faceByPtr: map[*font.Face]*pdfFont{}, gsIndex: map[string]int{}, shIndex: map[*layout.Gradient]int{},
		masks: map[*layout.Gradient]string{},
	}
	ps.doc.alloc() // 1: catalog
	ps.doc.alloc() // 2: pages
	ps.doc.alloc() // 3: page
	ps.resID = ps.doc.alloc()
	return ps
}

// gs returns the name of the graphics state with these fill and stroke
// alphas.
func (ps *pdfSurface) gs(fillA, strokeA float64) string {
	return ps.gsDict(fmt.Sprintf("<< /Type /ExtGState /ca %s /CA %s >>", num(fillA), num(strokeA)))
}

// gsDict returns the name of the graphics state d, added once.
func (ps *pdfSurface) gsDict(d string) string {
	i, ok := ps.gsIndex[d]
	if !ok {
		i = len(ps.gstates)
		ps.gstates = append(ps.gstates, d)
		ps.gsIndex[d] = i
	}
	return fmt.Sprintf("/GS%d", i)
}

func colorOps(c layout.Color, op string) string {
	return fmt.Sprintf("%s %s %s %s", num(float64(c.R)/255), num(float64(c.G)/255), num(float64(c.B)/255), op)
}

func (ps *pdfSurface) writePath(p *path, m affine) {
	// The operators are appended to a buffer kept between paths, and
	// written at once: formatting each through fmt made two strings and
	// an interface a number.
	b := ps.pathBuf[:0]
	op := func(o string, pts ...pt) {
		for _, q := range pts {
			b = append(appendNum(b, q.X), ' ')
			b = append(appendNum(b, q.Y), ' ')
		}
		b = append(append(b, o...), '\n')
	}
	i := 0
	var pen pt
	for _, v := range p.verbs {
		switch v {
		case moveTo:
			op("m", m.apply(p.pts[i]))
			pen = p.pts[i]
		case lineTo:
			op("l", m.apply(p.pts[i]))
			pen = p.pts[i]
		case quadTo:
			// A quadratic is the cubic with control points 2/3 of the way
			// to its one control point.
			a, c := p.pts[i], p.pts[i+1]
			op("c", m.apply(lerp(pen, a, 2.0/3)), m.apply(lerp(c, a, 2.0/3)), m.apply(c))
			pen = c
		case cubeTo:
			op("c", m.apply(p.pts[i]), m.apply(p.pts[i+1]), m.apply(p.pts[i+2]))
			pen = p.pts[i+2]
		case closeOp:
			b = append(b, "h\n"...)
		}
		i += nPts(v)
	}
	ps.c.Write(b)
	ps.pathBuf = b
}

func (ps *pdfSurface) fillPath(p *path, f fillPaint) {
	if f.grad == nil {
		a := float64(f.color.A) / 255 * f.opacity
		if a <= 0 {
			return
		}
		fmt.Fprintf(&ps.c, "q %s gs %s\n", ps.gs(a, 1), colorOps(f.color, "rg"))
		ps.writePath(p, identity)
		ps.c.WriteString("f Q\n")
		return
	}
	g := f.grad
	if g.X1 == g.X2 && g.Y1 == g.Y2 {
		// SVG paints a zero-length gradient vector with its last stop.
		last := g.Stops[len(g.Stops)-1].Color
		ps.fillPath(p, fillPaint{color: last, opacity: f.opacity})
		return
	}
	// The shading lives in the unit square of the box; clip to the shape,
	// map the square onto the box, paint. Stops of one alpha fold it into
	// the fill alpha; stops of several alphas get a soft mask, a grey
	// shading of the alphas over the same square.
	a := f.opacity
	uniform := true
	for _, st := range g.Stops {
		uniform = uniform && st.Color.A == g.Stops[0].Color.A
	}
	if uniform {
		a *= float64(g.Stops[0].Color.A) / 255
	}
	fmt.Fprintf(&ps.c, "q %s gs\n", ps.gs(a, 1))
	ps.writePath(p, identity)
	w, h := f.hi.X-f.lo.X, f.hi.Y-f.lo.Y
	fmt.Fprintf(&ps.c, "W n %s 0 0 %s %s %s cm", num(w), num(h), num(f.lo.X), num(f.lo.Y))
	if !uniform {
		fmt.Fprintf(&ps.c, " %s gs", ps.alphaMask(g))
	}
	fmt.Fprintf(&ps.c, " %s sh Q\n", ps.shading(g))
}

// gradientStops are g's stops as SVG reads them: offsets clamped to 0–1
// and never decreasing, the ends padded with the first and last colours.
func gradientStops(g *layout.Gradient) []layout.Stop {
	var stops []layout.Stop
	prev := 0.0
	for _, s := range g.Stops {
		off := min(1, max(prev, s.Offset))
		stops = append(stops, layout.Stop{Offset: off, Color: s.Color})
		prev = off
	}
	if stops[0].Offset > 0 {
		stops = append([]layout.Stop{{Offset: 0, Color: stops[0].Color}}, stops...)
	}
	if last := stops[len(stops)-1]; last.Offset < 1 {
		stops = append(stops, layout.Stop{Offset: 1, Color: last.Color})
	}
	return stops
}

// shadingObject writes g as an axial shading in the unit square: a
// stitched function of linear pieces between the stops, in RGB, or (alpha)
// the stops' alphas as grey, for a soft mask.
func (ps *pdfSurface) shadingObject(g *layout.Gradient, alpha bool) int {
	stops := gradientStops(g)
	col := func(c layout.Color) string {
		if alpha {
			return "[" + num(float64(c.A)/255) + "]"
		}
		return fmt.Sprintf("[%s %s %s]", num(float64(c.R)/255), num(float64(c.G)/255), num(float64(c.B)/255))
	}
	var fns, bounds, encode []string
	for i := 0; i+1 < len(stops); i++ {
		a, b := stops[i], stops[i+1]
		if b.Offset <= a.Offset && len(stops) > 2 {
			continue // a hard edge: the next piece starts with b's colour
		}
		if len(fns) > 0 {
			bounds = append(bounds, num(a.Offset))
		}
		fns = append(fns, fmt.Sprintf("<< /FunctionType 2 /Domain [0 1] /C0 %s /C1 %s /N 1 >>", col(a.Color), col(b.Color)))
		encode = append(encode, "0 1")
	}
	fn := fns[0]
	if len(fns) > 1 {
		fn = fmt.Sprintf("<< /FunctionType 3 /Domain [0 1] /Functions [%s] /Bounds [%s] /Encode [%s] >>",
			strings.Join(fns, " "), strings.Join(bounds, " "), strings.Join(encode, " "))
	}
	space := "/DeviceRGB"
	if alpha {
		space = "/DeviceGray"
	}
	id := ps.doc.alloc()
	ps.doc.set(id, fmt.Sprintf("<< /ShadingType 2 /ColorSpace %s /Coords [%s %s %s %s] /Function %s /Extend [true true] >>",
		space, num(g.X1), num(g.Y1), num(g.X2), num(g.Y2), fn))
	return id
}

// shading returns the resource name of g's colour shading, written once
// per gradient.
func (ps *pdfSurface) shading(g *layout.Gradient) string {
	i, ok := ps.shIndex[g]
	if !ok {
		i = len(ps.shadings)
		ps.shadings = append(ps.shadings, ps.shadingObject(g, false))
		ps.shIndex[g] = i
	}
	return fmt.Sprintf("/Sh%d", i)
}

// alphaMask returns the graphics state whose soft mask is g's alphas over
// the unit square (set it with the square as user space).
func (ps *pdfSurface) alphaMask(g *layout.Gradient) string {
	if name, ok := ps.masks[g]; ok {
		return name
	}
	sh := ps.shadingObject(g, true)
	form := ps.doc.alloc()
	ps.doc.setStream(form, fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Group << /S /Transparency /CS /DeviceGray >> /Resources << /Shading << /A %d 0 R >> >>", sh), []byte("/A sh\n"))
	name := ps.gsDict(fmt.Sprintf("<< /Type /ExtGState /SMask << /Type /Mask /S /Luminosity /G %d 0 R >> >>", form))
	ps.masks[g] = name
	return name
}

var (
	capCodes  = map[string]int{"butt": 0, "round": 1, "square": 2}
	joinCodes = map[string]int{"miter": 0, "round": 1, "bevel": 2}
)

func (ps *pdfSurface) strokePath(p *path, col layout.Color, opacity float64, st strokeSpec) {
	a := float64(col.A) / 255 * opacity
	if a <= 0 {
		return
	}
	fmt.Fprintf(&ps.c, "q %s gs %s %s w %d J %d j %s M", ps.gs(1, a), colorOps(col, "RG"), num(st.width), capCodes[st.cap], joinCodes[st.join], num(st.miterLimit))
	if d := pdfDash(st.dash); d != "" {
		fmt.Fprintf(&ps.c, " [%s] %s d", d, num(st.dashOffset))
	}
	ps.c.WriteString("\n")
	ps.writePath(p, identity)
	ps.c.WriteString("S Q\n")
}

// pdfDash is SVG's dash array in PDF terms ("" for solid): odd arrays
// repeated, negative or all-zero arrays solid.
func pdfDash(dash []float64) string {
	if len(dash) == 0 {
		return ""
	}
	total := 0.0
	for _, d := range dash {
		if d < 0 {
			return ""
		}
		total += d
	}
	if total <= 0 {
		return ""
	}
	d := dash
	if len(d)%2 == 1 {
		d = append(append([]float64(nil), dash...), dash...)
	}
	parts := make([]string, len(d))
	for i, v := range d {
		parts[i] = num(v)
	}
	return strings.Join(parts, " ")
}

func (ps *pdfSurface) font(f *font.Face) *pdfFont {
	if pf, ok := ps.faceByPtr[f]; ok {
		return pf
	}
	pf := &pdfFont{name: fmt.Sprintf("/F%d", len(ps.faces)), face: f, used: map[uint16]rune{}}
	ps.faces = append(ps.faces, pf)
	ps.faceByPtr[f] = pf
	return pf
}

// text writes the lines as PDF text: runs of glyphs from one face, each
// placed by a text matrix that is the line's transform (flipped, since
// glyph space is y-up), so the viewer's advances (the W widths, the same
// hmtx the layout measured) put every glyph where the PNG puts it.
func (ps *pdfSurface) text(st textStyle, lines []textLine) {
	halo := st.halo.A > 0 && st.haloWidth > 0
	state := func(col layout.Color, width float64) {
		a := float64(col.A) / 255
		fmt.Fprintf(&ps.c, "q %s gs %s %s 1 j %s w\n", ps.gs(a, a), colorOps(col, "rg"), colorOps(col, "RG"), num(width))
	}
	// Browsers paint the underline before the glyphs, and each with its
	// halo first (paint-order: stroke).
	if st.underline {
		pos, thick := underlineMetrics(st.size)
		rects := func(op string) {
			for _, l := range lines {
				if l.width > 0 {
					var u path
					rectPath(&u, 0, pos, l.width, thick, 0)
					ps.writePath(&u, l.m)
					ps.c.WriteString(op + "\n")
				}
			}
			ps.c.WriteString("Q\n")
		}
		if halo {
			state(st.halo, st.haloWidth)
			rects("S")
		}
		if st.fill.A > 0 {
			state(st.fill, 0)
			rects("f")
		}
	}
	glyphs := func(mode int) {
		for _, l := range lines {
			ps.textLine(l, st, mode)
		}
		ps.c.WriteString("Q\n")
	}
	if halo {
		state(st.halo, st.haloWidth)
		glyphs(1) // stroke only
	}
	if st.fill.A > 0 {
		if st.synthBold {
			state(st.fill, st.size*synthBoldWidth)
			glyphs(2) // fill and stroke
		} else {
			state(st.fill, 0)
			glyphs(0)
		}
	}
}

func (ps *pdfSurface) textLine(l textLine, st textStyle, mode int) {
	flip := scaling(1, -1)
	for i := 0; i < len(l.glyphs); {
		g := l.glyphs[i]
		pf := ps.font(g.face)
		// A run is the glyphs of one face; where our placement differs
		// from the font's advances (kerning, tabs), the TJ array moves the
		// next glyph. A .notdef box is a run of its own, so that it can
		// carry the character it stands for.
		j := i + 1
		for g.id != 0 && j < len(l.glyphs) && l.glyphs[j].id != 0 && l.glyphs[j].face == g.face {
			j++
		}
		start := translate(g.x, 0)
		if st.synthItalic {
			start = affine{A: 1, C: -synthSkew, D: 1, E: g.x}
		}
		m := flip.then(start).then(l.m)
		var tj strings.Builder
		tj.WriteString("[<")
		for k, q := range l.glyphs[i:j] {
			id := uint16(q.id)
			if _, ok := pf.used[id]; !ok {
				pf.used[id] = q.r
				pf.order = append(pf.order, id)
			}
			if k > 0 {
				p := l.glyphs[i+k-1]
				// TJ numbers are thousandths of an em, subtracted.
				if d := q.x - (p.x + ps.fontAdvance(p)); math.Abs(d) > 1e-7 {
					fmt.Fprintf(&tj, "> %s <", num(-d*1000))
				}
			}
			fmt.Fprintf(&tj, "%04X", id)
		}
		tj.WriteString(">]")
		if g.id == 0 {
			// The box shows no character; ActualText tells copy and search
			// which one it stands for.
			fmt.Fprintf(&ps.c, "/Span << /ActualText %s >> BDC ", pdfString(string(g.r)))
		}
		fmt.Fprintf(&ps.c, "BT %s 1 Tf %d Tr %s %s %s %s %s %s Tm %s TJ ET", pf.name, mode,
			num(m.A), num(m.B), num(m.C), num(m.D), num(m.E), num(m.F), tj.String())
		if g.id == 0 {
			ps.c.WriteString(" EMC")
		}
		ps.c.WriteString("\n")
		i = j
	}
}

// fontAdvance is g's advance in its own face, in em.
func (ps *pdfSurface) fontAdvance(g glyph) float64 {
	sf := g.face.SFNT()
	upem := float64(sf.UnitsPerEm())
	adv, err := sf.GlyphAdvance(&ps.fonts.buf, g.id, fixed.I(int(upem)), 0)
	if err != nil {
		return -1
	}
	return float64(adv) / 64 / upem
}

func (ps *pdfSurface) beginGroup(opacity float64, lo, hi pt) {
	ps.stack = append(ps.stack, ps.c)
	ps.c = bytes.Buffer{}
	// The opacity goes on the Do, in endGroup.
	fmt.Fprintf(&ps.c, "%% opacity %s\n", num(opacity))
}

func (ps *pdfSurface) endGroup() {
	body := ps.c
	ps.c = ps.stack[len(ps.stack)-1]
	ps.stack = ps.stack[:len(ps.stack)-1]
	line, _ := body.ReadString('\n')
	var op float64
	fmt.Sscanf(line, "%% opacity %g", &op)
	id := ps.doc.alloc()
	ps.doc.setStream(id, fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 %s %s] /Group << /S /Transparency >> /Resources %d 0 R",
		num(1e6), num(1e6), ps.resID), body.Bytes())
	name := fmt.Sprintf("/Fm%d", len(ps.forms))
	ps.forms = append(ps.forms, id)
	fmt.Fprintf(&ps.c, "q %s gs %s Do Q\n", ps.gs(op, op), name)
}

func (ps *pdfSurface) link(href string, lo, hi pt) {
	// Annotation rectangles are in default page space: points, y up.
	x0, x1 := lo.X*pxToPt, hi.X*pxToPt
	y0, y1 := (ps.h-hi.Y)*pxToPt, (ps.h-lo.Y)*pxToPt
	ps.links = append(ps.links, fmt.Sprintf("<< /Type /Annot /Subtype /Link /Rect [%s %s %s %s] /Border [0 0 0] /A << /S /URI /URI %s >> >>",
		num(x0), num(y0), num(x1), num(y1), pdfString(href)))
}

// finish writes the fonts, resources, page and document objects.
func (ps *pdfSurface) finish(s *layout.Scene) ([]byte, error) {
	var fontRes []string
	for _, pf := range ps.faces {
		id, err := ps.writeFont(pf)
		if err != nil {
			return nil, err
		}
		fontRes = append(fontRes, fmt.Sprintf("%s %d 0 R", pf.name, id))
	}
	var res strings.Builder
	res.WriteString("<< /ProcSet [/PDF /Text]")
	if len(fontRes) > 0 {
		fmt.Fprintf(&res, " /Font << %s >>", strings.Join(fontRes, " "))
	}
	if len(ps.gstates) > 0 {
		res.WriteString(" /ExtGState <<")
		for i, d := range ps.gstates {
			fmt.Fprintf(&res, " /GS%d %s", i, d)
		}
		res.WriteString(" >>")
	}
	if len(ps.shadings) > 0 {
		res.WriteString(" /Shading <<")
		for i, id := range ps.shadings {
			fmt.Fprintf(&res, " /Sh%d %d 0 R", i, id)
		}
		res.WriteString(" >>")
	}
	if len(ps.forms) > 0 {
		res.WriteString(" /XObject <<")
		for i, id := range ps.forms {
			fmt.Fprintf(&res, " /Fm%d %d 0 R", i, id)
		}
		res.WriteString(" >>")
	}
	res.WriteString(" >>")
	ps.doc.set(ps.resID, res.String())

	content := ps.doc.alloc()
	ps.doc.setStream(content, "", ps.c.Bytes())
	annots := ""
	if len(ps.links) > 0 {
		var refs []string
		for _, l := range ps.links {
			id := ps.doc.alloc()
			ps.doc.set(id, l)
			refs = append(refs, fmt.Sprintf("%d 0 R", id))
		}
		annots = fmt.Sprintf(" /Annots [%s]", strings.Join(refs, " "))
	}
	ps.doc.set(1, "<< /Type /Catalog /Pages 2 0 R >>")
	ps.doc.set(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	ps.doc.set(3, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Resources %d 0 R /Contents %d 0 R%s >>",
		num(s.Width*pxToPt), num(s.Height*pxToPt), ps.resID, content, annots))
	info := ps.doc.alloc()
	infoDict := "<< /Producer (wardley)"
	if s.Title != "" {
		infoDict += " /Title " + pdfString(s.Title)
	}
	if s.Desc != "" {
		infoDict += " /Subject " + pdfString(s.Desc)
	}
	ps.doc.set(info, infoDict+" >>")
	return ps.doc.bytes(1, info), nil
}

// writeFont embeds one face as a CID-keyed TrueType font (Identity-H,
// glyph ids as CIDs), subset to the glyphs used, with widths and a
// ToUnicode map so that copying and searching give back the text.
func (ps *pdfSurface) writeFont(pf *pdfFont) (int, error) {
	f := pf.face
	keep := map[uint16]bool{}
	for id := range pf.used {
		keep[id] = true
	}
	sub, err := subsetTrueType(f.Data, keep)
	if err != nil {
		return 0, fmt.Errorf("font %s: %w", f.Name, err)
	}
	ids := append([]uint16(nil), pf.order...)
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	// The subset tag is six capitals derived from the glyphs kept.
	h := sha256.New()
	h.Write([]byte(f.Name))
	for _, id := range ids {
		fmt.Fprintf(h, ",%d", id)
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	base := string(tag) + "+" + f.Name

	sf := f.SFNT()
	upem := float64(sf.UnitsPerEm())
	var buf sfnt.Buffer
	var w strings.Builder
	for _, id := range ids {
		adv, err := sf.GlyphAdvance(&buf, sfnt.GlyphIndex(id), fixed.I(int(upem)), 0)
		if err != nil {
			adv = 0
		}
		fmt.Fprintf(&w, "%d [%s] ", id, num(float64(adv)/64/upem*1000))
	}
	bounds, _ := sf.Bounds(&buf, fixed.I(int(upem)), 0)
	k := 1000 / upem / 64
	bbox := fmt.Sprintf("[%s %s %s %s]", num(float64(bounds.Min.X)*k), num(-float64(bounds.Max.Y)*k), num(float64(bounds.Max.X)*k), num(-float64(bounds.Min.Y)*k))
	italic := 0.0
	flags := 32 // non-symbolic
	if pt := sf.PostTable(); pt != nil {
		italic = pt.ItalicAngle
		if pt.IsFixedPitch {
			flags |= 1
		}
	}
	if f.Italic {
		flags |= 64
	}

	file := ps.doc.alloc()
	ps.doc.setStream(file, fmt.Sprintf("/Length1 %d", len(sub)), sub)
	desc := ps.doc.alloc()
	ps.doc.set(desc, fmt.Sprintf("<< /Type /FontDescriptor /FontName %s /Flags %d /FontBBox %s /ItalicAngle %s /Ascent %s /Descent %s /CapHeight %s /StemV 80 /FontFile2 %d 0 R >>",
		pdfName(base), flags, bbox, num(italic), num(f.Ascent*1000), num(-f.Descent*1000), num(f.CapHeight*1000), file))
	cid := ps.doc.alloc()
	ps.doc.set(cid, fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont %s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 0 /W [%s] /CIDToGIDMap /Identity >>",
		pdfName(base), desc, strings.TrimSpace(w.String())))
	tu := ps.doc.alloc()
	ps.doc.setStream(tu, "", toUnicode(ids, pf.used))
	id := ps.doc.alloc()
	ps.doc.set(id, fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont %s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>",
		pdfName(base), cid, tu))
	return id, nil
}

// toUnicode is the CMap from glyph ids back to the characters they show.
func toUnicode(all []uint16, used map[uint16]rune) []byte {
	// .notdef stands for many characters: ActualText names each.
	var ids []uint16
	for _, id := range all {
		if id != 0 {
			ids = append(ids, id)
		}
	}
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
	b.WriteString("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
	b.WriteString("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
	b.WriteString("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(ids); i += 100 {
		chunk := ids[i:min(i+100, len(ids))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for _, id := range chunk {
			fmt.Fprintf(&b, "<%04X> <", id)
			for _, u := range utf16.Encode([]rune{used[id]}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}
