package layout

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/wardley-maps/wardley/internal/gen"
	"github.com/wardley-maps/wardley/internal/golden"
	"github.com/wardley-maps/wardley/model"
	"github.com/wardley-maps/wardley/theme"
)

var update = flag.Bool("update", false, "rewrite golden files")

func find(s *Scene, id string) *Group {
	for i := range s.Groups {
		if s.Groups[i].ID == id {
			return &s.Groups[i]
		}
	}
	return nil
}

func shapeOf(g *Group, role Role, pick func(*Shape) bool) *Shape {
	for i := range g.Shapes {
		sh := &g.Shapes[i]
		if sh.Role == role && (pick == nil || pick(sh)) {
			return sh
		}
	}
	return nil
}

func isText(sh *Shape) bool { return sh.Text != nil }

// TestSampleGolden pins the whole scene of a map that uses every element:
// read the diff of testdata/sample.json when layout changes.
func TestSampleGolden(t *testing.T) {
	s := Layout(sampleMap(), Options{Width: 800, Height: 600})
	got, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden.Check(t, filepath.Join("testdata", "sample.json"), got, *update, "go test ./layout -update")
}

func TestEveryElementDrawn(t *testing.T) {
	s := Layout(sampleMap(), Options{Width: 800, Height: 600})
	roles := map[Role]int{}
	ids := map[string]bool{}
	for _, g := range s.Groups {
		if ids[g.ID] {
			t.Errorf("duplicate group id %q", g.ID)
		}
		ids[g.ID] = true
		if len(g.Shapes) == 0 {
			t.Errorf("group %q is empty", g.ID)
		}
		for _, sh := range g.Shapes {
			roles[sh.Role]++
			if sh.Text != nil && sh.Box == nil {
				t.Errorf("group %q: text %q has no measured box", g.ID, sh.Text.Lines)
			}
		}
	}
	for _, r := range []Role{RoleTitle, RoleAxis, RoleAxisLabel, RoleAttitude, RoleLink, RoleFlow, RoleFlowValue,
		RoleContext, RoleEvolve, RoleInertia, RolePipeline, RoleAnchor, RoleAccelerator, RoleMethod, RoleSymbol,
		RoleLabel, RoleAnnotations, RoleNote, RoleAnnotation} {
		if roles[r] == 0 {
			t.Errorf("no shape has role %q", r)
		}
	}
	for _, id := range []string{"anchor-user", "component-shop", "component-kettle", "evolved-kettle", "submap-supply",
		"evolve-component-kettle", "pipeline-kettles", "pipeline-hosting", "pipeline-child-electric", "annotations",
		"annotation-1", "annotation-2", "pioneers", "townplanners", "accelerator-open-source", "deaccelerator-regulation",
		"method-component-kettle", "method-evolved-kettle", "link-shop-to-kettle", "evolved-link-user-to-kettle",
		"link-shop-to-electric"} {
		if find(s, id) == nil {
			t.Errorf("no group %q", id)
		}
	}
	// The unresolved link is not drawn: 7 drawn links plus the anchor's
	// line to the evolved copy.
	n := 0
	for _, g := range s.Groups {
		if g.Role == RoleLink || g.Role == RoleFlow {
			n++
		}
	}
	if n != 8 {
		t.Errorf("%d link groups, want 8", n)
	}
}

// TestGeometry checks OWM's geometry, labels at OWM's offsets included.
func TestGeometry(t *testing.T) {
	s := Layout(sampleMap(), Options{Width: 800, Height: 600, Labels: LabelsOWM})
	if s.MapX != MarginX || s.MapY != MarginY || s.Width != 870 || s.Height != 690 {
		t.Fatalf("page %v×%v with map at (%v, %v), want OWM's 870×690 with the map at (35, 45)", s.Width, s.Height, s.MapX, s.MapY)
	}
	shop := find(s, "component-shop")
	c := shapeOf(shop, RoleSymbol, func(sh *Shape) bool { return sh.Circle != nil }).Circle
	// [0.8, 0.45] on 800 × 600: x = 0.45·800 = 360, y = 0.2·600 = 120.
	if c.CX != 35+360 || c.CY != 45+120 || c.R != 5 {
		t.Errorf("Shop circle %+v, want centre (395, 165) r 5", c)
	}
	lbl := shapeOf(shop, RoleLabel, isText).Text
	if lbl.X != 400 || lbl.Y != 155 || lbl.Anchor != AnchorStart || lbl.Size != 14 {
		t.Errorf("Shop label at (%v, %v) %s %v px, want (400, 155) start 14 px", lbl.X, lbl.Y, lbl.Anchor, lbl.Size)
	}
	multi := shapeOf(find(s, "component-two-lines"), RoleLabel, isText).Text
	if multi.Anchor != AnchorMiddle || multi.LineHeight != 15 || len(multi.Lines) != 2 {
		t.Errorf("multi-line label %+v: want two lines centred, 15 px apart", multi)
	}
	sep := find(s, "stage-separators").Shapes
	if len(sep) != 3 || sep[0].Line.X1 != 35+140 || sep[1].Line.X1 != 35+320 || sep[2].Line.X1 != 35+560 || sep[0].Line.Y2 != 45+626 {
		t.Errorf("stage separators %+v %+v %+v, want x 140, 320, 560 down to y 626", sep[0].Line, sep[1].Line, sep[2].Line)
	}
	child := shapeOf(find(s, "pipeline-child-electric"), RoleSymbol, nil).Circle
	if child.CY != 45+420+11 {
		t.Errorf("pipeline child at y %v, want 11 px below its pipeline's line (476)", child.CY)
	}
	// Everything is on the page.
	for _, g := range s.Groups {
		for i := range g.Shapes {
			x0, y0, x1, y1, ok := extent(&g.Shapes[i])
			if ok && (x0 < 0 || y0 < 0 || x1 > s.Width || y1 > s.Height) {
				t.Errorf("group %q shape %d [%v,%v]-[%v,%v] leaves the page %v×%v", g.ID, i, x0, y0, x1, y1, s.Width, s.Height)
			}
		}
	}
}

func TestSize(t *testing.T) {
	m := &model.Map{Title: "T", Stages: model.DefaultStages}
	s := Layout(m, Options{})
	if s.MapWidth != DefaultWidth || s.MapHeight != DefaultHeight || s.Width != DefaultWidth+70 || s.Height != DefaultHeight+90 {
		t.Errorf("default map %v×%v on page %v×%v", s.MapWidth, s.MapHeight, s.Width, s.Height)
	}
	m.Size = model.Size{Width: 1024}
	if s := Layout(m, Options{}); s.MapWidth != 1024 || s.MapHeight != DefaultHeight {
		t.Errorf("size [1024, 0] gave %v×%v, want 1024×%d", s.MapWidth, s.MapHeight, DefaultHeight)
	}
	if s := Layout(m, Options{Width: 640, Height: 480}); s.MapWidth != 640 || s.MapHeight != 480 {
		t.Errorf("options 640×480 gave %v×%v", s.MapWidth, s.MapHeight)
	}
}

// TestNothingOffPage: off-grid coordinates and long labels grow the page
// instead of being cut off.
func TestNothingOffPage(t *testing.T) {
	m := &model.Map{Title: "T", Stages: model.DefaultStages, Elements: []*model.Element{
		{ID: "a", Kind: model.Component, Name: "Far right with a very long label indeed", Display: "Far right with a very long label indeed",
			Coord: model.Coord{Visibility: -0.2, Maturity: 1.1}, DrawLabel: model.Offset{X: 5, Y: -10}},
		{ID: "b", Kind: model.Component, Name: "Left", Display: "Left", Coord: model.Coord{Visibility: 1.3, Maturity: -0.2},
			DrawLabel: model.Offset{X: -80, Y: -10}},
	}}
	s := Layout(m, Options{Width: 800, Height: 600})
	if s.MapX <= MarginX || s.MapY <= MarginY {
		t.Errorf("map at (%v, %v): the page should have grown left and up", s.MapX, s.MapY)
	}
	for _, g := range s.Groups {
		for i := range g.Shapes {
			x0, y0, x1, y1, ok := extent(&g.Shapes[i])
			if ok && (x0 < 0 || y0 < 0 || x1 > s.Width || y1 > s.Height) {
				t.Errorf("group %q shape %d leaves the page", g.ID, i)
			}
		}
	}
}

func TestCompat(t *testing.T) {
	m := sampleMap()
	m.Style = "dark"
	def := Layout(m, Options{Width: 800, Height: 600})
	owm := Layout(m, Options{Width: 800, Height: 600, Compat: true})

	lbl := func(s *Scene, id string) Color { return shapeOf(find(s, id), RoleLabel, isText).Text.Fill }
	if got, want := lbl(def, "component-shop"), col(theme.Lookup("dark").TextColor); got != want {
		t.Errorf("dark label colour %v, want the theme's text colour %v", got, want)
	}
	if got, want := lbl(def, "evolved-kettle"), col(theme.Lookup("dark").EvolvedTextColor); got != want {
		t.Errorf("dark evolved label colour %v, want %v", got, want)
	}
	if got := lbl(owm, "component-shop"); got != (Color{0, 0, 0, 255}) {
		t.Errorf("compat label colour %v, want OWM's black", got)
	}

	// The attitude box moves by (-35, -45) only in compat mode.
	a, b := find(def, "pioneers").Shapes[0].Rect, find(owm, "pioneers").Shapes[0].Rect
	if a.X-b.X != 35 || a.Y-b.Y != 45 {
		t.Errorf("pioneers at %+v (default) and %+v (compat): want OWM's (-35, -45) shift in compat only", a, b)
	}

	// Legacy evolves leftwards: the arrowhead points left by default and
	// right (OWM's fixed marker) in compat mode.
	tip := func(s *Scene) (tipX, baseX float64) {
		p := shapeOf(find(s, "evolve-component-legacy"), RoleEvolve, func(sh *Shape) bool { return sh.Path != nil }).Path
		return p.Ops[1].Pts[0], p.Ops[0].Pts[0]
	}
	if tx, bx := tip(def); tx >= bx {
		t.Errorf("leftward evolution: tip x %v should be left of base x %v", tx, bx)
	}
	if tx, bx := tip(owm); tx <= bx {
		t.Errorf("compat: tip x %v should be right of base x %v, as OWM draws it", tx, bx)
	}
	if find(owm, "accelerator-open-source").Shapes[len(find(owm, "accelerator-open-source").Shapes)-1].Text != nil {
		t.Error("compat: OWM draws no accelerator name")
	}
	if shapeOf(find(def, "accelerator-open-source"), RoleLabel, isText) == nil {
		t.Error("default: the accelerator's name should be written")
	}
}

func TestLinks(t *testing.T) {
	s := Layout(sampleMap(), Options{Width: 800, Height: 600, Labels: LabelsOWM})
	if find(s, "submap-supply").Href != "https://example.org/?a=1&b=2" {
		t.Error("a submap with a safe url must link to it")
	}
	if h := find(s, "submap-evil").Href; h != "" {
		t.Errorf("unsafe url became a link: %q", h)
	}
	ctx := shapeOf(find(s, "link-shop-to-two-lines"), RoleContext, isText).Text
	// Shop (360, 120) to Two Lines (160, 210): the text is turned to read
	// left to right.
	if ctx.Rotate < -90 || ctx.Rotate > 90 {
		t.Errorf("context rotated %v°: it would read upside down", ctx.Rotate)
	}
	v := shapeOf(find(s, "link-shop-to-kettle"), RoleFlowValue, isText).Text
	if v.X != 35+240 || v.Y != 45+300 {
		t.Errorf("flow value at (%v, %v), want at the end element (275, 345)", v.X, v.Y)
	}
}

func TestHideAxes(t *testing.T) {
	m := sampleMap()
	m.HideEvolutionAxis, m.HideValueChainAxis = true, true
	s := Layout(m, Options{})
	for _, id := range []string{"value-chain-axis", "evolution-axis", "stage-separators"} {
		if find(s, id) != nil {
			t.Errorf("%s drawn although hidden", id)
		}
	}
	m.HideEvolutionAxis, m.HideValueChainAxis = false, false
	m.Stages[1] = model.Stage{Line1: "Emerging"}
	s = Layout(m, Options{})
	found := false
	for _, sh := range find(s, "evolution-axis").Shapes {
		if sh.Text != nil && sh.Text.Lines[0] == "Emerging" {
			found = true
		}
	}
	if !found {
		t.Error("custom stage label not drawn")
	}
}

func TestStyles(t *testing.T) {
	for _, name := range append(theme.Names, "color", "unknown") {
		s := Layout(sampleMap(), Options{Style: name})
		want := theme.Lookup(name).Name
		if s.Style != want {
			t.Errorf("style %q drew %q", name, s.Style)
		}
		hasGrad := find(s, "map-area") != nil && find(s, "map-area").Shapes[0].Style.Fill.Gradient != ""
		if hasGrad != (want == "wardley") {
			t.Errorf("style %s: wardley gradient = %v", name, hasGrad)
		}
		if want == "wardley" && !strings.Contains(s.Desc, "wardley") {
			t.Errorf("desc %q does not name the style", s.Desc)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := json.Marshal(Layout(sampleMap(), Options{}))
	b, _ := json.Marshal(Layout(sampleMap(), Options{}))
	if !bytes.Equal(a, b) {
		t.Error("the same map gave two different scenes")
	}
}

func TestSlugAndIDs(t *testing.T) {
	cases := map[string]string{"Cup of Tea": "cup-of-tea", "  x  ": "x", "Ünïcode café": "ünïcode-café", "<&>": "", "A--B": "a-b"}
	for in, want := range cases {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
	b := &builder{ids: NewIDs(0)}
	got := []string{b.id("a"), b.id("a"), b.id("a-2"), b.id("a"), b.id("")}
	want := []string{"a", "a-2", "a-2-2", "a-3", "g"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("ids %v, want %v", got, want)
	}
}

func BenchmarkLayout(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		m := bigMap(n)
		b.Run("components-"+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Layout(m, Options{})
			}
		})
	}
}

// BenchmarkLayoutLabels lays out generated maps (every feature, links kept
// local) with automatic label placement and with OWM's fixed offsets: the
// difference is the placer's cost.
func BenchmarkLayoutLabels(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		m, diags := model.CompileSource("gen.owm", gen.Map(gen.Options{Components: n}))
		if m == nil || diags.HasErrors() {
			b.Fatal(diags.Err())
		}
		for _, mode := range LabelModes {
			b.Run(fmt.Sprintf("components-%d/labels-%s", n, mode), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					Layout(m, Options{Labels: mode})
				}
			})
		}
	}
}

// TestFarAway: a coordinate far off the grid does not stretch the page
// without bound; the shapes wholly beyond half a map's size are left out.
func TestFarAway(t *testing.T) {
	m := &model.Map{Title: "T", Stages: model.DefaultStages, Notes: []*model.Note{
		{Text: "far", Coord: model.Coord{Visibility: 0.9, Maturity: 95}},
		{Text: "near", Coord: model.Coord{Visibility: 0.9, Maturity: 1.2}},
	}}
	s := Layout(m, Options{Width: 800, Height: 600})
	if s.Width > 870+400 {
		t.Errorf("page %v wide: it should grow by at most half the map", s.Width)
	}
	var notes []string
	for _, g := range s.Groups {
		if g.Role == RoleNote {
			notes = append(notes, g.Shapes[0].Text.Lines[0])
		}
	}
	if strings.Join(notes, ",") != "near" {
		t.Errorf("notes drawn: %v, want only the near one", notes)
	}
}

// slugByToLower is slug as first written, through strings.ToLower and a
// strings.Builder: the one-pass slug must give the same ids.
func slugByToLower(s string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && (isLetter(r) || isDigit(r))
		if !ok {
			dash = sb.Len() > 0
			continue
		}
		if dash {
			sb.WriteByte('-')
			dash = false
		}
		if sb.Len() >= 48 {
			break
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// TestSlugOnePass compares slug with slugByToLower on awkward names:
// capitals beyond ASCII (and the Turkish İ, which lower-cases to an
// ASCII letter), invalid UTF-8, and names that cross the 48-byte limit on
// a multi-byte letter or a dash.
func TestSlugOnePass(t *testing.T) {
	names := []string{"", "A", "ÀÉÎÕÜ Straße", "İstanbul", "ΣΊΣΥΦΟΣ", "Ǆemal", "x\xffy", "\xe2\x82", "ＡＢＣ１２３",
		"日本語のラベル", "tab\there", "a_b.c/d", strings.Repeat("a", 47) + "é", strings.Repeat("a", 47) + " b",
		strings.Repeat("ab ", 30), strings.Repeat("Ü", 30), "٣ Arabic-Indic digits", "🙂 emoji 🙂"}
	for _, f := range []string{"Cup of Tea", "Power (Electricity)", "Kettle + Water"} {
		names = append(names, f, strings.ToUpper(f))
	}
	for _, n := range names {
		if got, want := slug(n), slugByToLower(n); got != want {
			t.Errorf("slug(%q) = %q, want %q", n, got, want)
		}
	}
	if n := testing.AllocsPerRun(20, func() { slug("Cup of Tea") }); n > 1 {
		t.Errorf("slug took %v allocations, want 1", n)
	}
}

// FuzzSlug checks slug against slugByToLower on any text.
func FuzzSlug(f *testing.F) {
	f.Add("Cup of Tea")
	f.Add("İstanbul x\xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := slug(s), slugByToLower(s); got != want {
			t.Errorf("slug(%q) = %q, want %q", s, got, want)
		}
	})
}
