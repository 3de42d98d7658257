package layout

import (
	"testing"

	"github.com/wardley-maps/wardley/model"
)

// TestFit grows the page to what was drawn beyond it, moves everything
// when something lies left or above, and stops half a map beyond.
func TestFit(t *testing.T) {
	m := &model.Map{Title: "T", Style: "plain"}
	s := Layout(m, Options{Width: 400, Height: 300})
	w, h, mx, my := s.Width, s.Height, s.MapX, s.MapY
	s.Groups = append(s.Groups, Group{ID: "extra", Shapes: []Shape{
		{Circle: &Circle{CX: -20, CY: 100, R: 5}, Style: &Style{Stroke: Color{A: 255}, StrokeWidth: 2}},
		{Line: &Line{X1: 0, Y1: 100, X2: 10000, Y2: 100}},
	}})
	Fit(s, 8)
	c := s.Groups[len(s.Groups)-1].Shapes[0].Circle
	if c.CX-c.R-1 < 8-0.01 || s.MapX <= mx || s.MapY != my {
		t.Errorf("circle at %v, map at %v,%v (was %v,%v): want everything moved right", c.CX, s.MapX, s.MapY, mx, my)
	}
	if want := w + (s.MapX - mx) + 400/2; s.Width != want {
		t.Errorf("width %v, want %v: half the map beyond the margin at most", s.Width, want)
	}
	if s.Height != h {
		t.Errorf("height %v, want %v", s.Height, h)
	}
}

func TestElementPoint(t *testing.T) {
	m, _ := model.CompileSource("", []byte("component P [0.5, 0.4]\npipeline P\n{\n  component C [0.6]\n}\n"))
	s := Layout(m, Options{Width: 1000, Height: 500})
	x, y := ElementPoint(s, m.Pipelines[0].Children[0])
	if x != s.MapX+600 || y != s.MapY+250+childDrop {
		t.Errorf("child at %v,%v, want %v,%v", x, y, s.MapX+600, s.MapY+250+childDrop)
	}
	x, y = PagePoint(s, model.Coord{Visibility: 1, Maturity: 0})
	if x != s.MapX || y != s.MapY {
		t.Errorf("top-left at %v,%v, want %v,%v", x, y, s.MapX, s.MapY)
	}
}
