package svg

import (
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	svgo "github.com/ajstarks/svgo/float"

	"github.com/wardley-maps/wardley/internal/halves"
	"github.com/wardley-maps/wardley/layout"
)

// Font stacks: what OWM names, then Liberation, the embedded faces wardley
// measures with, so that a viewer that has them draws what was measured.
// They are written escaped for the attribute they go in (TestFontStacks
// checks them against esc): escaping them at start-up cost every command
// a fifth of a millisecond.
var fontStacks = map[layout.FontFace]string{
	layout.FontSans: `&#34;Helvetica Neue&#34;,Helvetica,Arial,&#34;Liberation Sans&#34;,sans-serif`,
	layout.FontMono: `Consolas,&#34;Lucida Console&#34;,&#34;Liberation Mono&#34;,monospace`,
	layout.FontHand: `&#34;Gloria Hallelujah&#34;,cursive`,
}

// Render draws s as an SVG document. svgo drops write errors, so it writes
// into a buffer, which cannot fail; the error is for scenes that cannot be
// drawn (a text with an unknown face, a path with an unknown verb).
func Render(s *layout.Scene) ([]byte, error) {
	base, shapes := baseFace(s)
	// About 150 bytes a shape, measured on the corpus and on generated
	// maps: one allocation of about the right size, where growing a
	// bytes.Buffer from a guess cleared and copied megabytes on big maps.
	r := newRenderer(2048+160*shapes, base)
	defer r.done()
	if err := r.scene(s, shapes); err != nil {
		return nil, err
	}
	return r.buf.b, nil
}

func newRenderer(size int, base layout.FontFace) *renderer {
	buf := &buffer{b: make([]byte, 0, size)}
	r := &renderer{buf: buf, c: svgo.New(buf), base: base, strs: internPool.Get().(map[string]string)}
	r.c.Decimals = 2
	return r
}

// done gives r's strings back for the next drawing.
func (r *renderer) done() {
	if len(r.strs) > maxInterned {
		clear(r.strs)
	}
	internPool.Put(r.strs)
	r.strs = nil
}

// internPool keeps the strings of attributes (str) from one drawing to
// the next: the same styles come back in every map, and making them anew
// was 4 KiB of each median map's 88. A map of strings holds nothing
// mutable; one that grew past maxInterned is emptied first.
var internPool = sync.Pool{New: func() any { return map[string]string{} }}

const maxInterned = 1024

// buffer is an append-only writer that cannot fail. Unlike bytes.Buffer's
// Grow, make leaves memory fresh from the system uncleared: it is zero
// already.
type buffer struct{ b []byte }

func (w *buffer) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

func (w *buffer) WriteString(s string) (int, error) {
	w.b = append(w.b, s...)
	return len(s), nil
}

type renderer struct {
	buf  *buffer
	c    *svgo.SVG
	base layout.FontFace
	attr attrs // reused between shapes
	strs map[string]string
}

// str returns a shape's attributes as a string. Most shapes share theirs
// with many others (every component's circle, every link's line, every
// label of one kind), so each distinct string is kept and handed out
// again: looking a []byte up in a map allocates nothing, where converting
// it anew cost an allocation a shape.
func (r *renderer) str(a attrs) string {
	if s, ok := r.strs[string(a)]; ok {
		return s
	}
	s := string(a)
	r.strs[s] = s
	return s
}

// baseFace is the face most texts use: it goes on the root element, and
// only texts in another face name their own. shapes counts the scene's
// shapes, to size the output.
func baseFace(s *layout.Scene) (base layout.FontFace, shapes int) {
	counts := map[layout.FontFace]int{}
	best, bestN := layout.FontSans, 0
	for gi := range s.Groups {
		shapes += len(s.Groups[gi].Shapes)
		for si := range s.Groups[gi].Shapes {
			sh := &s.Groups[gi].Shapes[si]
			if sh.Text == nil {
				continue
			}
			counts[sh.Text.Face]++
			// Ties go to the first face in paint order, for determinism.
			if n := counts[sh.Text.Face]; n > bestN {
				best, bestN = sh.Text.Face, n
			}
		}
	}
	return best, shapes
}

func (r *renderer) scene(s *layout.Scene, shapes int) error {
	stack, ok := fontStacks[r.base]
	if !ok {
		return fmt.Errorf("unknown font face %q", r.base)
	}
	w, h := num(s.Width), num(s.Height)
	r.c.Startraw(
		`width="`+w+`"`, `height="`+h+`"`, `viewBox="0 0 `+w+` `+h+`"`,
		`role="img"`, `font-family="`+stack+`"`,
	)
	r.c.Title(s.Title)
	r.c.Desc(s.Desc)
	if len(s.Gradients) > 0 {
		r.c.Def()
		for _, g := range s.Gradients {
			stops := make([]svgo.Offcolor, len(g.Stops))
			for i, st := range g.Stops {
				stops[i] = svgo.Offcolor{Offset: pct(st.Offset), Color: hex(st.Color), Opacity: float64(st.Color.A) / 255}
			}
			r.c.LinearGradient(esc(g.ID), pct(g.X1), pct(g.Y1), pct(g.X2), pct(g.Y2), stops)
		}
		r.c.DefEnd()
	}
	if s.Background.A != 0 {
		r.c.Rect(0, 0, r2(s.Width), r2(s.Height), string(paint(nil, "fill", s.Background).raw(`class="background"`)))
	}
	if err := r.groups(s.Groups, shapes); err != nil {
		return err
	}
	r.c.End()
	return nil
}

// parallelShapes is the fewest shapes a scene has for its groups to be
// drawn in two halves at once: the second half on another goroutine, into
// a buffer of its own appended after the first's. Smaller scenes take
// less time to draw than to hand a half over (the corpus's largest has 449
// shapes; a generated map of 1,000 components 5,177).
var parallelShapes = 1000

// groups draws gs, which hold shapes shapes in all: from parallelShapes
// on, while a core is free (halves.Free), in two halves at once
// (halves.Do), the second into a buffer of its own appended after the
// first's; otherwise whole, with no second buffer to copy. The bytes are
// the same either way: a group's drawing depends only on the group and
// the base face (TestConcurrentHalves).
func (r *renderer) groups(gs []layout.Group, shapes int) error {
	if shapes < parallelShapes || len(gs) < 2 || !halves.Free() {
		return r.each(gs)
	}
	split, n := 0, 0
	for split < len(gs)-1 && 2*n < shapes {
		n += len(gs[split].Shapes)
		split++
	}
	other := newRenderer(160*(shapes-n), r.base)
	defer other.done()
	var err, err2 error
	halves.Do(func() { err = r.each(gs[:split]) }, func() { err2 = other.each(gs[split:]) })
	if err != nil {
		return err
	}
	if err2 != nil {
		return err2
	}
	r.buf.Write(other.buf.b)
	return nil
}

func (r *renderer) each(gs []layout.Group) error {
	for i := range gs {
		if err := r.group(&gs[i]); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) group(g *layout.Group) error {
	href := ""
	if g.Href != "" && SafeHref(g.Href) {
		href = g.Href
	}
	if href != "" {
		r.buf.WriteString(`<a href="` + esc(href) + `">` + "\n")
	}
	// One string, as for shapes: svgo joins its arguments by
	// concatenation, so each one more cost a copy of all before it.
	a := r.attr[:0].str("id", esc(g.ID))
	if g.Role != "" {
		a = a.str("class", esc(string(g.Role)))
	}
	r.c.Group(string(a))
	r.attr = a
	if g.Title != "" {
		r.c.Title(g.Title)
	}
	for i := range g.Shapes {
		if err := r.shape(&g.Shapes[i]); err != nil {
			return fmt.Errorf("group %s: %w", g.ID, err)
		}
	}
	r.c.Gend()
	if href != "" {
		r.buf.WriteString("</a>\n")
	}
	return nil
}

func (r *renderer) shape(sh *layout.Shape) error {
	a := r.attr[:0]
	if sh.Text == nil {
		a = style(a, sh.Style)
	}
	if sh.Opacity > 0 && sh.Opacity < 1 {
		a = a.num("opacity", sh.Opacity)
	}
	switch {
	case sh.Rect != nil:
		x := sh.Rect
		if x.RX > 0 {
			r.c.Roundrect(r2(x.X), r2(x.Y), r2(x.W), r2(x.H), r2(x.RX), r2(x.RX), r.str(a))
		} else {
			r.c.Rect(r2(x.X), r2(x.Y), r2(x.W), r2(x.H), r.str(a))
		}
	case sh.Circle != nil:
		x := sh.Circle
		r.c.Circle(r2(x.CX), r2(x.CY), r2(x.R), r.str(a))
	case sh.Line != nil:
		x := sh.Line
		r.c.Line(r2(x.X1), r2(x.Y1), r2(x.X2), r2(x.Y2), r.str(a))
	case sh.Path != nil:
		d, err := pathData(sh.Path)
		if err != nil {
			return err
		}
		r.c.Path(d, r.str(a))
	case sh.Image != nil:
		if sh.Image.Path == nil {
			return fmt.Errorf("icon %q has no path", sh.Image.Name)
		}
		d, err := pathData(sh.Image.Path)
		if err != nil {
			return err
		}
		r.c.Path(d, r.str(a))
	case sh.Text != nil:
		return r.text(sh.Text, a)
	}
	r.attr = a
	return nil
}

func (r *renderer) text(t *layout.Text, a attrs) error {
	if t.Face != r.base {
		stack, ok := fontStacks[t.Face]
		if !ok {
			return fmt.Errorf("unknown font face %q", t.Face)
		}
		a = a.str("font-family", stack)
	}
	a = a.num("font-size", t.Size)
	if t.Bold {
		a = a.raw(`font-weight="bold"`)
	}
	if t.Italic {
		a = a.raw(`font-style="italic"`)
	}
	switch t.Anchor {
	case layout.AnchorMiddle, layout.AnchorEnd:
		a = a.str("text-anchor", string(t.Anchor))
	}
	if t.Middle {
		a = a.raw(`dominant-baseline="middle"`)
	}
	if t.Underline {
		a = a.raw(`text-decoration="underline"`)
	}
	a = paint(a, "fill", t.Fill)
	if t.Halo.A != 0 && t.HaloWidth > 0 {
		a = paint(a, "stroke", t.Halo)
		a = a.num("stroke-width", t.HaloWidth).raw(`stroke-linejoin="round"`).raw(`paint-order="stroke"`)
	}
	if t.Rotate != 0 {
		a = a.raw(`transform="rotate(`)
		a = appendNum(a, t.Rotate)
		a = append(a, ' ')
		a = appendNum(a, t.X)
		a = append(a, ' ')
		a = appendNum(a, t.Y)
		a = append(a, `)"`...)
	}
	for _, l := range t.Lines {
		if needsPreserve(l) {
			a = a.raw(`xml:space="preserve"`)
			break
		}
	}
	if len(t.Lines) == 1 {
		r.c.Text(r2(t.X), r2(t.Y), t.Lines[0], r.str(a))
	} else {
		// Each line at its own absolute position: an empty line then
		// needs no glyph to carry an offset.
		r.c.Textspan(r2(t.X), r2(t.Y), "", r.str(a))
		for i, l := range t.Lines {
			if l == "" {
				continue
			}
			r.c.Span(l, `x="`+num(t.X)+`"`, `y="`+num(t.Y+float64(i)*t.LineHeight)+`"`)
		}
		r.c.TextEnd()
	}
	r.attr = a
	return nil
}

// attrs is a shape's attributes, written as one string: svgo writes a
// string holding '=' as given, and appending numbers and colours into one
// reused buffer saves the many small strings (and fmt calls) that building
// each attribute apart cost on big maps.
type attrs []byte

// raw appends a whole attribute, name="value".
func (a attrs) raw(attr string) attrs {
	if len(a) > 0 {
		a = append(a, ' ')
	}
	return append(a, attr...)
}

func (a attrs) open(name string) attrs {
	if len(a) > 0 {
		a = append(a, ' ')
	}
	a = append(a, name...)
	return append(a, '=', '"')
}

// str appends name="value"; value must be escaped already.
func (a attrs) str(name, value string) attrs {
	a = append(a.open(name), value...)
	return append(a, '"')
}

// num appends a number attribute with two decimals.
func (a attrs) num(name string, v float64) attrs {
	a = appendNum(a.open(name), v)
	return append(a, '"')
}

// color appends a colour attribute as #rrggbb.
func (a attrs) color(name string, c layout.Color) attrs {
	a = appendHex(a.open(name), c)
	return append(a, '"')
}

// needsPreserve reports whether SVG's default whitespace handling would
// change the line: leading, trailing or repeated spaces, or tabs.
func needsPreserve(s string) bool {
	return strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") || strings.Contains(s, "  ") || strings.Contains(s, "\t")
}

// style writes a shape's paint as attributes; a missing fill is "none"
// (SVG's default is black).
func style(a attrs, st *layout.Style) attrs {
	if st == nil {
		return a.raw(`fill="none"`)
	}
	switch {
	case st.Fill.Gradient != "":
		a = a.str("fill", "url(#"+esc(st.Fill.Gradient)+")")
	case st.Fill.Color.A != 0:
		a = paint(a, "fill", st.Fill.Color)
	default:
		a = a.raw(`fill="none"`)
	}
	if st.FillOpacity > 0 && st.FillOpacity < 1 {
		a = a.num("fill-opacity", st.FillOpacity*alpha(st.Fill.Color, st.Fill.Gradient != ""))
	}
	if st.Stroke.A == 0 || st.StrokeWidth <= 0 {
		return a
	}
	a = a.color("stroke", st.Stroke).num("stroke-width", st.StrokeWidth)
	if op := float64(st.Stroke.A) / 255; st.StrokeOpacity > 0 && st.StrokeOpacity < 1 || op < 1 {
		if st.StrokeOpacity > 0 && st.StrokeOpacity < 1 {
			op *= st.StrokeOpacity
		}
		a = a.num("stroke-opacity", op)
	}
	if len(st.Dash) > 0 {
		a = a.open("stroke-dasharray")
		for i, d := range st.Dash {
			if i > 0 {
				a = append(a, ' ')
			}
			a = appendNum(a, d)
		}
		a = append(a, '"')
	}
	switch st.LineCap {
	case "round", "square":
		a = a.str("stroke-linecap", st.LineCap)
	}
	switch st.LineJoin {
	case "round", "bevel":
		a = a.str("stroke-linejoin", st.LineJoin)
	}
	return a
}

func alpha(c layout.Color, gradient bool) float64 {
	if gradient {
		return 1
	}
	return float64(c.A) / 255
}

// paint writes a colour attribute, with its opacity when not opaque.
func paint(a attrs, name string, c layout.Color) attrs {
	a = a.color(name, c)
	if c.A != 255 {
		a = append(a, ' ')
		a = append(a, name...)
		a = append(a, `-opacity="`...)
		a = append(appendNum(a, float64(c.A)/255), '"')
	}
	return a
}

const hexDigits = "0123456789abcdef"

func hex(c layout.Color) string { return string(appendHex(nil, c)) }

func appendHex(b []byte, c layout.Color) []byte {
	return append(b, '#', hexDigits[c.R>>4], hexDigits[c.R&15], hexDigits[c.G>>4], hexDigits[c.G&15], hexDigits[c.B>>4], hexDigits[c.B&15])
}

func pct(v float64) uint8 {
	return uint8(math.Round(max(0, min(1, v)) * 100))
}

// r2 rounds to the two decimals written, turning -0 into 0.
func r2(v float64) float64 {
	v = math.Round(v*100) / 100
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// num formats a number with two decimals, as svgo writes coordinates.
func num(v float64) string { return string(appendNum(nil, v)) }

// appendNum appends v with two decimals, as strconv.FormatFloat(r2(v), 'f',
// 2, 64) would (TestAppendNum compares them). It writes the whole number of
// hundredths, r2's rounding, as an integer with a point before its last two
// digits: several times faster than strconv's general float formatting, and
// the same, since below 1e13 a float64 lies within far less than half a
// hundredth of the decimal it is nearest to. Larger values, NaN and
// infinities go the general way.
func appendNum(b []byte, v float64) []byte {
	h := math.Round(v * 100)
	if !(math.Abs(h) < 1e15) {
		return strconv.AppendFloat(b, r2(v), 'f', 2, 64)
	}
	n := int64(h) // -0 becomes 0, as r2 makes it
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	return append(b, '.', byte('0'+n/10%10), byte('0'+n%10))
}

func pathData(p *layout.Path) (string, error) {
	b := make([]byte, 0, 16*len(p.Ops))
	for i, op := range p.Ops {
		if i > 0 {
			b = append(b, ' ')
		}
		want := 0
		switch op.Verb {
		case 'M', 'L':
			want = 2
		case 'C':
			want = 6
		case 'Z':
		default:
			return "", fmt.Errorf("unknown path verb %q", op.Verb)
		}
		if len(op.Pts) != want {
			return "", fmt.Errorf("path verb %c needs %d numbers, has %d", op.Verb, want, len(op.Pts))
		}
		b = append(b, op.Verb)
		for j, v := range op.Pts {
			if j > 0 {
				b = append(b, ' ')
			}
			b = appendNum(b, v)
		}
	}
	return string(b), nil
}

// esc escapes an attribute value (svgo writes attribute strings as given).
func esc(s string) string {
	if plainXML(s) {
		return s
	}
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// plainXML reports whether xml.EscapeText would leave s as it is: no
// character it escapes (<>&'" and the control characters, tab, newline
// and carriage return among them) and none it replaces (U+FFFE, U+FFFF,
// invalid UTF-8; U+FFFD itself is sent the slow way too, which is merely
// cautious). One pass over the bytes, since nearly every value is plain:
// this runs for every group's id and class.
func plainXML(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'' || c == '"' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError {
			return false
		}
		i += n
	}
	return true
}

// SafeHref reports whether a link address may be written: http, https and
// mailto addresses, and relative references. javascript:, data: and every
// other scheme are refused.
func SafeHref(h string) bool {
	h = strings.TrimSpace(h)
	if h == "" {
		return false
	}
	for i, c := range h {
		switch {
		case c == ':':
			switch strings.ToLower(h[:i]) {
			case "http", "https", "mailto":
				return true
			}
			return false
		case c == '/' || c == '?' || c == '#':
			return true
		case c < 0x20 || c == 0x7f:
			return false
		}
	}
	return true
}
