package layout

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/wardley-maps/wardley/internal/gen"
	"github.com/wardley-maps/wardley/internal/testshared"
	"github.com/wardley-maps/wardley/model"
)

func compileMap(t *testing.T, src string) *model.Map {
	t.Helper()
	m, diags := model.CompileSource("test.owm", []byte(src))
	if m == nil || diags.HasErrors() {
		t.Fatalf("%v", diags.Err())
	}
	return m
}

// labelShapes returns every label, anchor and flow value of a scene by its
// group id (a group has at most one).
func labelShapes(s *Scene) map[string]*Shape {
	out := map[string]*Shape{}
	for gi := range s.Groups {
		g := &s.Groups[gi]
		for si := range g.Shapes {
			if sh := &g.Shapes[si]; sh.Text != nil && (sh.Role == RoleLabel || sh.Role == RoleFlowValue) {
				out[g.ID] = sh
			}
		}
	}
	return out
}

// grid writes n × n components spaced step apart in both coordinates,
// around [0.5, 0.5]: their labels at OWM's offsets fall over each other.
func gridMap(n int, step float64) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			fmt.Fprintf(&b, "component C%d%d [%.3f, %.3f]\n", i, j, 0.5+step*float64(i), 0.5+step*float64(j))
		}
	}
	return b.String()
}

func TestKnownLabels(t *testing.T) {
	for _, m := range []string{"", "auto", "owm", "all"} {
		if !KnownLabels(m) {
			t.Errorf("%q should be a label placement", m)
		}
	}
	if KnownLabels("OWM") || KnownLabels("none") {
		t.Error("only auto, owm and all are label placements")
	}
}

// TestExplicitLabelsKept: labels whose author wrote `label [x, y]` are drawn
// exactly where OWM draws them, even in a crowd, and are not free.
func TestExplicitLabelsKept(t *testing.T) {
	src := gridMap(3, 0.02) + "component Placed [0.52, 0.52] label [-40, 18]\n" +
		"component Far [0.2, 0.2] label [5, -10]\nevolve Far 0.4 label [-30, 30]\n" +
		"pipeline Far\n{\n  component Kid [0.25] label [3, 3]\n}\n"
	m := compileMap(t, src)
	auto, owm := labelShapes(Layout(m, Options{})), labelShapes(Layout(m, Options{Labels: LabelsOWM}))
	for _, id := range []string{"component-placed", "component-far", "evolved-far", "pipeline-child-kid"} {
		a, _ := json.Marshal(auto[id])
		o, _ := json.Marshal(owm[id])
		if auto[id] == nil || string(a) != string(o) {
			t.Errorf("%s: explicit label moved:\n auto %s\n owm  %s", id, a, o)
		}
		if auto[id].Box.Free {
			t.Errorf("%s: an explicit label is not free", id)
		}
	}
	if !auto["component-c00"].Box.Free || !owm["component-c00"].Box.Free {
		t.Error("a label without an offset is free in both placements")
	}
}

// TestAllMovesExplicitLabels: with LabelsAll, a written `label [x, y]` is
// where a label starts: one over other labels moves off them, one with
// nothing in its way stays exactly where its author put it.
func TestAllMovesExplicitLabels(t *testing.T) {
	var src strings.Builder
	for i := 0; i < 3; i++ {
		fmt.Fprintf(&src, "component Written %d [0.5, %.2f] label [5, -10]\n", i, 0.5+0.01*float64(i))
	}
	src.WriteString("component Alone [0.1, 0.9] label [-60, 20]\n")
	m := compileMap(t, src.String())
	auto, all := Layout(m, Options{}), Layout(m, Options{Labels: LabelsAll})
	if got := Measure(auto); got.Overlaps < 2 || got.FreeLabels != 0 {
		t.Fatalf("the written labels should overlap, and stay, with auto: %+v", got)
	}
	if got := Measure(all); got.Overlaps != 0 || got.FreeLabels != 4 {
		t.Errorf("with --labels=all: %d overlaps (want 0), %d free labels (want 4)", got.Overlaps, got.FreeLabels)
	}
	a, b := labelShapes(auto)["component-alone"], labelShapes(all)["component-alone"]
	if a.Text.X != b.Text.X || a.Text.Y != b.Text.Y || a.Text.Anchor != b.Text.Anchor || a.Box.X != b.Box.X || a.Box.Y != b.Box.Y {
		t.Errorf("a written label with nothing in its way moved: %+v → %+v", a.Box, b.Box)
	}
}

// TestCrowdedResolved: nine components 22 × 15 px apart, whose labels OWM
// draws over each other, get labels that overlap nothing.
func TestCrowdedResolved(t *testing.T) {
	m := compileMap(t, gridMap(3, 0.02))
	owm, auto := Measure(Layout(m, Options{Labels: LabelsOWM})), Measure(Layout(m, Options{}))
	if owm.Overlaps < 5 {
		t.Fatalf("the test map should be crowded with OWM's offsets: %+v", owm)
	}
	if auto.Overlaps != 0 || auto.Crossings > 1 {
		t.Errorf("automatic placement left %d overlaps and %d crossings (OWM's: %d and %d)", auto.Overlaps, auto.Crossings, owm.Overlaps, owm.Crossings)
	}
}

// TestUncrowdedUnchanged: a label with nothing in its way stays where OWM
// puts it, without a leader line.
func TestUncrowdedUnchanged(t *testing.T) {
	m := compileMap(t, "component Alone [0.5, 0.5]\ncomponent Other [0.2, 0.8] (build)\n")
	auto, owm := Layout(m, Options{}), Layout(m, Options{Labels: LabelsOWM})
	a, _ := json.Marshal(auto)
	o, _ := json.Marshal(owm)
	if string(a) != string(o) {
		t.Error("an uncrowded map should be drawn exactly as with OWM's offsets")
	}
}

// TestLeaders: where no place next to a symbol is free, the label goes
// further out with a dotted leader line from the symbol's edge to the
// label; elsewhere there is none.
func TestLeaders(t *testing.T) {
	if n := Measure(Layout(compileMap(t, gridMap(3, 0.035)), Options{})).Leaders; n != 0 {
		t.Errorf("%d leader lines in a grid with room for every label", n)
	}
	s := Layout(compileMap(t, gridMap(4, 0.025)), Options{})
	leaders := 0
	for _, g := range s.Groups {
		var lead *Line
		var sym *Circle
		var box *BoxHint
		for _, sh := range g.Shapes {
			switch {
			case sh.Role == RoleLeader:
				lead = sh.Line
				if len(sh.Style.Dash) == 0 {
					t.Errorf("%s: the leader should be dotted, unlike links", g.ID)
				}
			case sh.Role == RoleSymbol && sh.Circle != nil:
				sym = sh.Circle
			case sh.Role == RoleLabel:
				box = sh.Box
			}
		}
		if lead == nil {
			continue
		}
		leaders++
		if g.Shapes[0].Role != RoleLeader {
			t.Errorf("%s: the leader should be drawn first, under the symbol", g.ID)
		}
		if d := math.Hypot(lead.X1-sym.CX, lead.Y1-sym.CY); math.Abs(d-(sym.R+1.5)) > 1 {
			t.Errorf("%s: leader starts %.1f px from the symbol's centre, want just outside its edge", g.ID, d)
		}
		dx := max(box.X-lead.X2, max(0, lead.X2-box.X-box.W))
		dy := max(box.Y-lead.Y2, max(0, lead.Y2-box.Y-box.H))
		if d := math.Hypot(dx, dy); d > 3 {
			t.Errorf("%s: leader ends %.1f px from its label", g.ID, d)
		}
	}
	if leaders == 0 {
		t.Error("no leader line in a grid too tight for its labels")
	}
	if m := Measure(s); m.Overlaps != 0 {
		t.Errorf("%d overlaps left in the tight grid", m.Overlaps)
	}
}

// TestFlowValuePlaced: OWM writes a flow value over its end component's
// label; placement moves it along the link, off every label.
func TestFlowValuePlaced(t *testing.T) {
	src := "component Shop [0.8, 0.3]\ncomponent Kettle [0.5, 0.6]\nShop+'$5 a cup'>Kettle\n"
	m := compileMap(t, src)
	overlaps := func(o Options) int { return Measure(Layout(m, o)).Overlaps }
	if overlaps(Options{Labels: LabelsOWM}) != 1 || overlaps(Options{}) != 0 {
		t.Errorf("flow value overlaps: %d with OWM's offsets (want 1), %d placed (want 0)", overlaps(Options{Labels: LabelsOWM}), overlaps(Options{}))
	}
	v := labelShapes(Layout(m, Options{}))["link-shop-to-kettle"]
	if v == nil || !v.Box.Free || v.Role != RoleFlowValue {
		t.Fatalf("flow value %+v", v)
	}
	// It stays beside the link, near the end it belongs to: Kettle at
	// (660, 375) on the 1100 × 750 map, 35 and 45 px margins.
	if cx, cy := v.Box.X+v.Box.W/2-35, v.Box.Y+v.Box.H/2-45; math.Hypot(cx-660, cy-375) > 90 {
		t.Errorf("flow value centred at (%.0f, %.0f), far from its end (660, 375)", cx, cy)
	}
}

// TestCompatKeepsOWMLabels: --compat is for pixel comparisons with OWM, so
// it implies OWM's offsets.
func TestCompatKeepsOWMLabels(t *testing.T) {
	m := compileMap(t, gridMap(3, 0.02))
	a, _ := json.Marshal(Layout(m, Options{Compat: true}))
	b, _ := json.Marshal(Layout(m, Options{Compat: true, Labels: LabelsOWM}))
	if string(a) != string(b) {
		t.Error("compat should draw labels at OWM's offsets")
	}
}

// TestPlacementDeterministic: the same map gives the same scene, run after
// run, and the sample map's scene is pinned by TestSampleGolden.
func TestPlacementDeterministic(t *testing.T) {
	m := compileMap(t, gridMap(5, 0.02)+"C00+'$1'>C44\nC11->C33; context\n")
	first, _ := json.Marshal(Layout(m, Options{}))
	for i := 0; i < 5; i++ {
		again, _ := json.Marshal(Layout(compileMap(t, gridMap(5, 0.02)+"C00+'$1'>C44\nC11->C33; context\n"), Options{}))
		if string(again) != string(first) {
			t.Fatal("two placements of the same map differ")
		}
	}
}

// TestPiledLabelsLeft: labels piled deeper than pileDepth stay at OWM's
// offsets (no place within reach is free); the rest are still placed.
func TestPiledLabelsLeft(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&b, "component Pile %d [0.2, %.3f]\n", i, 0.2+0.001*float64(i))
	}
	b.WriteString(gridMap(3, 0.02))
	m := compileMap(t, b.String())
	auto, owm := labelShapes(Layout(m, Options{})), labelShapes(Layout(m, Options{Labels: LabelsOWM}))
	for i := 0; i < 12; i++ {
		id := fmt.Sprintf("component-pile-%d", i)
		if *auto[id].Box != *owm[id].Box {
			t.Errorf("%s: a piled label moved", id)
		}
	}
	moved := 0
	for id, sh := range auto {
		if strings.HasPrefix(id, "component-c") && *sh.Box != *owm[id].Box {
			moved++
		}
	}
	if moved == 0 {
		t.Error("the grid's labels should still be placed")
	}
}

// TestDuplicateLabelsTogether: a name declared twice at one place draws two
// symbols over each other; its labels move together, so the map names it
// once, wherever the placer puts it.
func TestDuplicateLabelsTogether(t *testing.T) {
	m := compileMap(t, "component Dup [0.5, 0.5]\ncomponent Dup [0.5, 0.5]\ncomponent Crowd [0.51, 0.52]\ncomponent Crowd two [0.52, 0.5]\n")
	s := Layout(m, Options{})
	a, b := labelShapes(s)["component-dup"], labelShapes(s)["component-dup-2"]
	owm := labelShapes(Layout(m, Options{Labels: LabelsOWM}))["component-dup"]
	if a == nil || b == nil || owm == nil {
		t.Fatal("missing labels")
	}
	if *a.Box == *owm.Box {
		t.Fatalf("the test map should move Dup's label away from OWM's place %+v", *owm.Box)
	}
	if *a.Box != *b.Box || !sameDrawing(a, b) {
		t.Errorf("Dup's labels apart: %+v at %+v and %+v at %+v", *a.Text, *a.Box, *b.Text, *b.Box)
	}
	if got := Measure(s); got.Overlaps != 0 {
		t.Errorf("%+v", got)
	}

	// Between the two, another name as wide at the same place: the second
	// Dup still follows the first, and the other goes its own way.
	m = compileMap(t, "component Dup [0.5, 0.5]\ncomponent Dpu [0.5, 0.5]\ncomponent Dup [0.5, 0.5]\n")
	s = Layout(m, Options{})
	a, b, c := labelShapes(s)["component-dup"], labelShapes(s)["component-dup-2"], labelShapes(s)["component-dpu"]
	if a == nil || b == nil || c == nil {
		t.Fatal("missing labels")
	}
	if *a.Box != *b.Box || !sameDrawing(a, b) {
		t.Errorf("Dup's labels apart: %+v and %+v", *a.Box, *b.Box)
	}
	if w, h := overlap(boxRect(a.Box), boxRect(c.Box)); w > 0 && h > 0 {
		t.Errorf("Dpu's label %+v over Dup's %+v", *c.Box, *a.Box)
	}
}

// TestAcceleratorNamePlaced: OWM writes no accelerator name, so wardley's
// (under the arrow) is free to move when something else is there.
func TestAcceleratorNamePlaced(t *testing.T) {
	m := compileMap(t, "accelerator Open source [0.5, 0.5]\ncomponent Under [0.44, 0.5] label [-20, 5]\n")
	for _, mode := range []string{LabelsOWM, LabelsAuto} {
		s := Layout(m, Options{Labels: mode})
		name := shapeOf(find(s, "accelerator-open-source"), RoleLabel, isText)
		if name == nil || !name.Box.Free {
			t.Fatalf("%s: accelerator name %+v, want a free label", mode, name)
		}
		got := Measure(s)
		if mode == LabelsOWM && got.Overlaps != 1 || mode == LabelsAuto && got.Overlaps != 0 {
			t.Errorf("%s: %+v", mode, got)
		}
	}
}

// candidates lists every place label l may go, OWM's place first.
func (p *placer) candidates(l *placing, out []candidate) []candidate {
	out, _ = p.candidatesBelow(l, out, 0, math.Inf(1))
	return out
}

// TestCandsPerLabel: candsPerLabel and candsPerFlow, which size the
// candidates' array, are the most candidates a label and a flow's value
// get.
func TestCandsPerLabel(t *testing.T) {
	p := &placer{}
	l := &placing{movable: movable{cx: 100, cy: 100, r: 6}, w: 60, h: 14}
	if n := len(p.candidates(l, nil)); n != candsPerLabel {
		t.Errorf("a label has %d candidates, candsPerLabel is %d", n, candsPerLabel)
	}
	// A flow's value along a long link has all its places.
	f := &placing{movable: movable{cx: 100, cy: 100, r: 6, flow: true, fx: 900, fy: 500}, w: 30, h: 14}
	if n := len(p.candidates(f, nil)); n != candsPerFlow {
		t.Errorf("a flow's value has %d candidates, candsPerFlow is %d", n, candsPerFlow)
	}
}

// TestGridCell: a sparse scene gets the biggest cells, a dense one the
// smallest, and in between about cellsPerShape cells a shape.
func TestGridCell(t *testing.T) {
	region := rect{-reachPad, -reachPad, 1100 + reachPad, 800 + reachPad}
	groups := func(shapes int) []Group {
		return []Group{{Shapes: make([]Shape, shapes)}}
	}
	if c := gridCell(region, nil); c != maxCell {
		t.Errorf("empty scene: cells of %v px, want %v", c, maxCell)
	}
	if c := gridCell(region, groups(100_000)); c != minCell {
		t.Errorf("100,000 shapes: cells of %v px, want %v", c, minCell)
	}
	c := gridCell(region, groups(1000))
	if cells := region.w() * region.h() / (c * c); c <= minCell || c >= maxCell || cells < 3000 || cells > 5000 {
		t.Errorf("1,000 shapes: cells of %v px, %.0f cells, want about %d", c, cells, cellsPerShape*1000)
	}
}

// TestRescanNear: looking again only at the candidates near the labels
// that moved, and listing a label's further rings of candidates only when
// they may beat its best, place every label where looking at them all
// does, on every corpus map and on generated maps of several seeds, in
// both placements that move labels. A map whose placer runs out of budget is left out: the
// two ways spend it differently, so they stop at different places.
func TestRescanNear(t *testing.T) {
	srcs := testshared.Sources(t)
	for seed := range uint64(8) {
		srcs = append(srcs, gen.Map(gen.Options{Components: 20 + 20*int(seed), Seed: seed}))
	}
	spent := false
	testHookPlaced = func(p *placer) { spent = spent || p.budget <= 0 }
	defer func() { rescanAll, listAll, testHookPlaced = false, false, nil }()
	compared, moved := 0, 0
	for i, src := range srcs {
		m, diags := model.CompileSource("map.owm", src)
		if m == nil || diags.HasErrors() {
			continue
		}
		for _, mode := range []string{LabelsAuto, LabelsAll} {
			spent = false
			rescanAll = true
			all, err := json.Marshal(Layout(m, Options{Labels: mode}))
			if err != nil {
				t.Fatal(err)
			}
			rescanAll, listAll = false, true
			listed, err := json.Marshal(Layout(m, Options{Labels: mode}))
			if err != nil {
				t.Fatal(err)
			}
			listAll = false
			near, err := json.Marshal(Layout(m, Options{Labels: mode}))
			if err != nil {
				t.Fatal(err)
			}
			if spent {
				continue
			}
			compared++
			if string(all) != string(near) {
				t.Errorf("map %d, labels %s: the placements differ", i, mode)
			}
			if string(listed) != string(near) {
				t.Errorf("map %d, labels %s: listing every ring at once places labels elsewhere", i, mode)
			}
			moved += strings.Count(string(near), `"free":true`)
		}
	}
	// The comparison means something only if labels moved.
	t.Logf("%d layouts compared, %d labels moved", compared, moved)
	if compared < 280 || moved < 1000 {
		t.Fatalf("only %d layouts compared, %d labels moved", compared, moved)
	}
}

// TestRingReach: the reach ringReach computes without listing a label's
// candidates is exactly the box of those candidates (OWM's place aside),
// for labels of every size around symbols anywhere on and off the map,
// and it declines a flow's value and coordinates too big to round.
func TestRingReach(t *testing.T) {
	p := &placer{}
	n := 0
	for _, cx := range []float64{-130.337, 0, 0.004, 17.125, 333.335, 1099.995, 5e6 + 0.125} {
		for _, cy := range []float64{-40.5, 0, 12.345, 799.999, 2e5 + 1.0/3} {
			for _, r := range []float64{0, 5 * math.Sqrt2, 6.5, 11.03} {
				for _, w := range []float64{0, 7.2, 61.87, 333.3333} {
					for _, h := range []float64{12, 14.4, 29.9} {
						l := &placing{movable: movable{cx: cx, cy: cy, r: r}, w: w, h: h}
						l.def = candidate{box: rect{cx + 5, cy - 20, cx + 5 + w, cy - 20 + h}}
						got, ok := ringReach(l)
						if !ok {
							t.Fatalf("%+v: no reach", l.movable)
						}
						want := noRect
						for _, c := range p.candidates(l, nil)[1:] {
							want = union(want, c.box)
						}
						if got != want {
							t.Errorf("label %vx%v at %v,%v r %v: reach %+v, candidates span %+v", w, h, cx, cy, r, got, want)
						}
						n++
					}
				}
			}
		}
	}
	if _, ok := ringReach(&placing{movable: movable{cx: 10, cy: 10, r: 6, flow: true, fx: 200, fy: 10}, w: 20, h: 14}); ok {
		t.Error("a flow's value has a ring reach")
	}
	if _, ok := ringReach(&placing{movable: movable{cx: 1e300, cy: 10, r: 6}, w: 20, h: 14}); ok {
		t.Error("a label at x = 1e300 has a ring reach")
	}
	if n < 1000 {
		t.Fatalf("only %d labels tried", n)
	}
}
