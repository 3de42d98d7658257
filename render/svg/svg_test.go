package svg

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/wardley-maps/wardley/internal/golden"
	"github.com/wardley-maps/wardley/layout"
	"github.com/wardley-maps/wardley/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

// CheckXML parses doc fully and fails on anything a standalone, script-free
// SVG must not have.
func checkXML(t *testing.T, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	root := true
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		name := strings.ToLower(se.Name.Local)
		if root {
			root = false
			if name != "svg" || se.Name.Space != "http://www.w3.org/2000/svg" {
				t.Fatalf("root element %v, want svg in the SVG namespace", se.Name)
			}
			have := map[string]bool{}
			for _, a := range se.Attr {
				have[a.Name.Local] = true
			}
			for _, want := range []string{"width", "height", "viewBox"} {
				if !have[want] {
					t.Errorf("root lacks %s", want)
				}
			}
		}
		switch name {
		case "script", "foreignobject", "iframe", "image", "use":
			t.Errorf("forbidden element <%s>", name)
		}
		for _, a := range se.Attr {
			n := strings.ToLower(a.Name.Local)
			if strings.HasPrefix(n, "on") {
				t.Errorf("event attribute %s on <%s>", n, name)
			}
			if n == "href" && !SafeHref(a.Value) {
				t.Errorf("unsafe link %q", a.Value)
			}
			if strings.Contains(a.Value, "url(") && !strings.HasPrefix(a.Value, "url(#") {
				t.Errorf("external reference %q", a.Value)
			}
		}
	}
}

func rgba(r, g, b, a uint8) layout.Color { return layout.Color{R: r, G: g, B: b, A: a} }

// sampleScene has one shape of every kind, and hostile text everywhere.
func sampleScene() *layout.Scene {
	black := layout.Color{A: 255}
	return &layout.Scene{
		Width: 200, Height: 100, Title: `A "map" & <more>`, Desc: "desc </desc><script>alert(1)</script>",
		Background: layout.Color{R: 255, G: 255, B: 255, A: 255}, Style: "plain",
		Gradients: []layout.Gradient{{ID: "g1", X2: 1, Stops: []layout.Stop{{Offset: 0, Color: rgba(196, 196, 196, 255)}, {Offset: 1, Color: rgba(255, 255, 255, 128)}}}},
		Groups: []layout.Group{
			{ID: `x" onload="alert(1)`, Role: layout.RoleSymbol, Title: "t<i>", Href: "https://example.org/?a=1&b=\"2\"", Shapes: []layout.Shape{
				{Role: layout.RoleSymbol, Circle: &layout.Circle{CX: 10, CY: 10, R: 5},
					Style: &layout.Style{Fill: layout.Paint{Color: rgba(255, 255, 255, 204)}, Stroke: black, StrokeWidth: 1}},
				{Role: layout.RoleSymbol, Rect: &layout.Rect{X: -0.001, Y: 1, W: 10, H: 10, RX: 4},
					Style: &layout.Style{Fill: layout.Paint{Gradient: "g1"}, FillOpacity: 0.4, Stroke: black, StrokeWidth: 1, StrokeOpacity: 0.7}},
				{Role: layout.RoleLink, Line: &layout.Line{X1: 0, Y1: 0, X2: 100, Y2: 50},
					Style: &layout.Style{Stroke: rgba(0x99, 0xc5, 0xee, 0x9e), StrokeWidth: 10, Dash: []float64{5, 5}, LineCap: "round"}},
				{Role: layout.RoleAccelerator, Opacity: 0.8, Path: &layout.Path{Ops: []layout.PathOp{
					{Verb: 'M', Pts: []float64{1, 2}}, {Verb: 'L', Pts: []float64{3, 4}}, {Verb: 'C', Pts: []float64{5, 6, 7, 8, 9, 10}}, {Verb: 'Z'}}},
					Style: &layout.Style{Stroke: black, StrokeWidth: 3, LineJoin: "round"}},
			}},
			{ID: "evil-link", Href: "javascript:alert(1)", Shapes: []layout.Shape{
				{Text: &layout.Text{X: 5, Y: 5, Lines: []string{"</text><script>x</script>"}, Anchor: layout.AnchorStart, Face: layout.FontSans, Size: 14, Fill: black}},
			}},
			{ID: "texts", Shapes: []layout.Shape{
				{Text: &layout.Text{X: 50, Y: 50, Lines: []string{"two", "", "lines  spaced"}, LineHeight: 15, Anchor: layout.AnchorMiddle,
					Face: layout.FontMono, Size: 12, Bold: true, Italic: true, Underline: true, Fill: black, Rotate: -90, Middle: true,
					Halo: rgba(0, 0, 0, 90), HaloWidth: 2}},
				{Text: &layout.Text{X: 50, Y: 80, Lines: []string{"ctl\x01char \u00a0nbsp"}, Anchor: layout.AnchorEnd, Face: layout.FontHand, Size: 12, Fill: black}},
			}},
		},
	}
}

func TestGolden(t *testing.T) {
	out, err := Render(sampleScene())
	if err != nil {
		t.Fatal(err)
	}
	checkXML(t, out)
	golden.Check(t, filepath.Join("testdata", "sample.svg"), out, *update, "go test ./render/svg -update")
	s := string(out)
	for _, bad := range []string{"<script", `onload="`, "javascript:", "-0.00"} {
		if strings.Contains(s, bad) {
			t.Errorf("output contains %q", bad)
		}
	}
	for _, want := range []string{`<a href="https://example.org/?a=1&amp;b=&#34;2&#34;">`, `<title>A &#34;map&#34; &amp; &lt;more&gt;</title>`,
		`stroke="#99c5ee" stroke-width="10.00" stroke-opacity="0.62"`, `fill="url(#g1)"`, `transform="rotate(-90.00 50.00 50.00)"`,
		`xml:space="preserve"`, `font-family="&#34;Gloria Hallelujah&#34;,cursive"`, `viewBox="0 0 200.00 100.00"`} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %s", want)
		}
	}
}

func TestSafeHref(t *testing.T) {
	ok := []string{"https://a.b/c", "HTTP://x", "mailto:a@b", "other.svg", "../maps/x.svg#frag", "?q=1", "/abs/path", "#top", "a/b:c"}
	bad := []string{"javascript:alert(1)", "JavaScript:x", " javascript:x", "java\tscript:x", "data:text/html,x", "vbscript:x", "file:///etc/passwd", ""}
	for _, h := range ok {
		if !SafeHref(h) {
			t.Errorf("SafeHref(%q) = false", h)
		}
	}
	for _, h := range bad {
		if SafeHref(h) {
			t.Errorf("SafeHref(%q) = true", h)
		}
	}
}

// TestEsc checks that esc's quick check never lets through a value that
// xml.EscapeText would change: esc must give what EscapeText gives, for
// every character it escapes or replaces, alone and among plain text.
// TestFontStacks: the stacks, written escaped, are what esc makes of them.
func TestFontStacks(t *testing.T) {
	plain := map[layout.FontFace]string{
		layout.FontSans: `"Helvetica Neue",Helvetica,Arial,"Liberation Sans",sans-serif`,
		layout.FontMono: `Consolas,"Lucida Console","Liberation Mono",monospace`,
		layout.FontHand: `"Gloria Hallelujah",cursive`,
	}
	if len(fontStacks) != len(plain) {
		t.Fatalf("%d stacks, want %d", len(fontStacks), len(plain))
	}
	for face, s := range plain {
		if got, want := fontStacks[face], esc(s); got != want {
			t.Errorf("%s: %s, want %s", face, got, want)
		}
	}
}

func TestEsc(t *testing.T) {
	odd := []string{"<", ">", "&", "'", `"`, "\t", "\n", "\r", "\x00", "\x1f", "\x7f",
		"\uFFFD", "\uFFFE", "\uFFFF", "\xff", "\xe2\x82", "\xed\xa0\x80", "é", "€", "😀", "\U0010FFFF"}
	var cases []string
	for _, o := range odd {
		cases = append(cases, o, "a"+o, o+"b", "map-"+o+"-é")
	}
	cases = append(cases, "", "plain", "component-1", "Ünïcode ✓ text")
	for _, s := range cases {
		var want strings.Builder
		if err := xml.EscapeText(&want, []byte(s)); err != nil {
			t.Fatal(err)
		}
		if got := esc(s); got != want.String() {
			t.Errorf("esc(%q) = %q, want %q", s, got, want.String())
		}
	}
}

// TestAppendNum checks appendNum's integer formatting against strconv's,
// which num uses: at the edges of its range, on exact half-hundredths
// (where rounding could differ) and on random values of every magnitude.
func TestAppendNum(t *testing.T) {
	check := func(v float64) {
		t.Helper()
		if got, want := string(appendNum(nil, v)), strconv.FormatFloat(r2(v), 'f', 2, 64); got != want {
			t.Fatalf("appendNum(%v) = %s, want %s", v, got, want)
		}
	}
	for _, v := range []float64{0, math.Copysign(0, -1), 0.004, -0.004, 0.005, -0.005, 0.015, 1.005, 2.675, -2.675,
		99.995, 1e13, -1e13, 7e13, 1e15, 9e15, math.MaxFloat64, math.NaN(), math.Inf(1), math.Inf(-1)} {
		check(v)
		check(math.Nextafter(v, math.Inf(1)))
		check(math.Nextafter(v, math.Inf(-1)))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		check((rng.Float64()*2 - 1) * math.Pow(10, float64(rng.IntN(36)-10)))
		k := float64(rng.Int64N(1 << 50))
		check((k + 0.5) / 100)
		check(-(k + 0.5) / 100)
		check(k / 100)
	}
}

func TestErrors(t *testing.T) {
	s := &layout.Scene{Width: 1, Height: 1, Groups: []layout.Group{{ID: "p", Shapes: []layout.Shape{{Path: &layout.Path{Ops: []layout.PathOp{{Verb: 'Q', Pts: []float64{1, 2}}}}}}}}}
	if _, err := Render(s); err == nil {
		t.Error("an unknown path verb must be an error")
	}
	s.Groups[0].Shapes[0] = layout.Shape{Text: &layout.Text{Lines: []string{"x"}, Face: "comic"}}
	if _, err := Render(s); err == nil {
		t.Error("an unknown face must be an error")
	}
}

func mapOf(n int) *model.Map {
	m := &model.Map{Title: "Bench", Style: "wardley", Stages: model.DefaultStages}
	var prev *model.Element
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("Component %d", i)
		e := &model.Element{ID: "c" + strconv.Itoa(i), Kind: model.Component, Name: name, Display: name,
			Coord: model.Coord{Visibility: 1 - float64(i%97)/97, Maturity: float64(i%89) / 89}, DrawLabel: model.Offset{X: 5, Y: -10}}
		m.Elements = append(m.Elements, e)
		if prev != nil {
			m.Links = append(m.Links, &model.Link{From: prev, To: e})
		}
		prev = e
	}
	return m
}

func TestLayoutOutputIsValid(t *testing.T) {
	for _, style := range []string{"plain", "wardley", "colour", "handwritten", "dark"} {
		s := layout.Layout(mapOf(30), layout.Options{Style: style})
		a, err := Render(s)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Render(s)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders of one scene differ", style)
		}
		checkXML(t, a)
	}
}

func BenchmarkRender(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		s := layout.Layout(mapOf(n), layout.Options{})
		b.Run("components-"+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Render(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
