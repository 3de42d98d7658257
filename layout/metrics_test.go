package layout

import "testing"

func textShape(role Role, x, y, w, h float64, free bool) Shape {
	return Shape{Role: role, Text: &Text{X: x, Y: y + h, Lines: []string{"x"}}, Box: &BoxHint{X: x, Y: y, W: w, H: h, Free: free}}
}

func TestMeasureOverlaps(t *testing.T) {
	s := &Scene{Width: 400, Height: 300, Groups: []Group{
		{ID: "a", Shapes: []Shape{textShape(RoleLabel, 10, 10, 50, 16, true)}},
		{ID: "b", Shapes: []Shape{textShape(RoleLabel, 55, 20, 50, 16, false)}},     // 5 × 6 over a
		{ID: "c", Shapes: []Shape{textShape(RoleAnchor, 104.5, 20, 50, 16, false)}}, // touches b by 0.5 px: forgiven
		{ID: "d", Shapes: []Shape{textShape(RoleAnchor, 150, 30, 50, 16, false)}},   // 4 × 6 over c: both pinned
		{ID: "e", Shapes: []Shape{textShape(RoleNote, 10, 10, 50, 16, false)}},      // a note is not a label
	}}
	m := Measure(s)
	want := Metrics{Labels: 4, FreeLabels: 1, Overlaps: 2, FreeOverlaps: 1}
	if m != want {
		t.Errorf("Measure = %+v, want %+v", m, want)
	}
}

func TestMeasureCrossings(t *testing.T) {
	lbl := textShape(RoleLabel, 100, 100, 60, 16, true)
	scene := func(extra ...Shape) *Scene {
		return &Scene{Width: 400, Height: 300, Groups: []Group{{ID: "g", Shapes: append([]Shape{lbl}, extra...)}}}
	}
	line := func(role Role, x1, y1, x2, y2 float64) Shape {
		return Shape{Role: role, Line: &Line{X1: x1, Y1: y1, X2: x2, Y2: y2}, Style: &Style{StrokeWidth: 1}}
	}
	circle := (&builder{}).circle
	cases := []struct {
		name       string
		s          *Scene
		sym, links int
	}{
		{"nothing", scene(), 0, 0},
		{"link through", scene(line(RoleLink, 90, 90, 170, 130)), 0, 1},
		{"link ending at its symbol, below the label", scene(line(RoleLink, 95, 121, 300, 250)), 0, 0},
		{"link grazing the edge", scene(line(RoleLink, 90, 100.5, 170, 100.5)), 0, 0},
		{"flow band alone is not counted twice", scene(line(RoleLink, 90, 108, 170, 108), line(RoleFlow, 90, 108, 170, 108)), 0, 1},
		{"leader through", scene(line(RoleLeader, 130, 90, 130, 130)), 0, 1},
		{"evolve arrow", scene(line(RoleEvolve, 90, 108, 170, 108)), 0, 0},
		{"own symbol below-left", scene(circle(RoleSymbol, 95, 121, 5, nil)), 0, 0},
		{"symbol under the text", scene(circle(RoleSymbol, 130, 108, 5, nil)), 1, 0},
		{"disc whose box meets the label but not the disc", scene(circle(RoleSymbol, 97, 97, 5, nil)), 0, 0},
		{"inertia bar", scene(Shape{Role: RoleInertia, Line: &Line{X1: 120, Y1: 98, X2: 120, Y2: 118}, Style: &Style{StrokeWidth: 6}}), 1, 0},
	}
	for _, c := range cases {
		m := Measure(c.s)
		if m.SymbolCrossings != c.sym || m.LinkCrossings != c.links {
			t.Errorf("%s: %d symbol and %d link crossings, want %d and %d", c.name, m.SymbolCrossings, m.LinkCrossings, c.sym, c.links)
		}
		if cross := min(1, c.sym+c.links); m.Crossings != cross || m.FreeCrossings != cross {
			t.Errorf("%s: crossings %d (free %d), want %d", c.name, m.Crossings, m.FreeCrossings, cross)
		}
	}
}

// TestMeasureOWMDefaults: with OWM's default offset, a label does not cross
// its own symbol, nor a link that leaves it downwards; a link that leaves
// up and right runs through the text.
func TestMeasureOWMDefaults(t *testing.T) {
	m := compileMap(t, "component A [0.5, 0.5]\ncomponent B [0.2, 0.7]\ncomponent C [0.9, 0.55]\nA->B\n")
	if got := Measure(Layout(m, Options{Labels: LabelsOWM})); got.Crossings != 0 || got.Labels != 3 {
		t.Errorf("%+v: want 3 labels crossing nothing", got)
	}
	m = compileMap(t, "component A [0.5, 0.5]\ncomponent B [0.7, 0.7]\nA->B\n")
	if got := Measure(Layout(m, Options{Labels: LabelsOWM})); got.LinkCrossings != 1 {
		t.Errorf("%+v: A's label should cross the link to B", got)
	}
	if got := Measure(Layout(m, Options{})); got.Crossings != 0 {
		t.Errorf("%+v: placement should move A's label off the link", got)
	}
}

func TestMetricsAdd(t *testing.T) {
	a := Metrics{1, 2, 3, 4, 5, 6, 7, 8, 9}
	if got, want := a.Add(a), (Metrics{2, 4, 6, 8, 10, 12, 14, 16, 18}); got != want {
		t.Errorf("Add = %+v, want %+v", got, want)
	}
}

// TestMeasureIdenticalLabels: the labels of one name declared twice at one
// place are drawn exactly over each other and read as one: not an overlap.
// The same text a pixel off, or another text at the same place, is one.
func TestMeasureIdenticalLabels(t *testing.T) {
	other := textShape(RoleLabel, 10, 10, 50, 16, false)
	other.Text.Lines = []string{"y"}
	s := &Scene{Width: 400, Height: 300, Groups: []Group{
		{ID: "a", Shapes: []Shape{textShape(RoleLabel, 10, 10, 50, 16, false)}},
		{ID: "b", Shapes: []Shape{textShape(RoleLabel, 10, 10, 50, 16, false)}}, // a again
		{ID: "c", Shapes: []Shape{textShape(RoleLabel, 200, 10, 50, 16, false)}},
		{ID: "d", Shapes: []Shape{textShape(RoleLabel, 201, 10, 50, 16, false)}}, // c a pixel off
		{ID: "e", Shapes: []Shape{other}},                                        // another text over a and b
	}}
	if m := Measure(s); m.Overlaps != 3 {
		t.Errorf("Measure = %+v, want 3 overlaps (c–d, e–a, e–b)", m)
	}
}
