package layout

import (
	"math"
	"testing"
)

// inertiaXs returns the x of every inertia bar in the evolve groups, in
// map-area pixels.
func inertiaXs(s *Scene) []float64 {
	var xs []float64
	for _, g := range s.Groups {
		if g.Role != RoleEvolve {
			continue
		}
		for _, sh := range g.Shapes {
			if sh.Role == RoleInertia {
				xs = append(xs, sh.Line.X1-s.MapX)
			}
		}
	}
	return xs
}

// TestInertiaAtLayoutWidth checks the inertia bar on an evolve arrow
// against OWM, which rounds the stage boundary through the map's width:
// the custom/product edge is 0.17 at 1300 px (OWM draws the bar at x 221)
// but 0.18 at 800 px (x 144), so a map compiled for `size [1300, 700]`
// drawn 800 px wide has its bar at 144, not 0.17 × 800.
func TestInertiaAtLayoutWidth(t *testing.T) {
	m := compileMap(t, "size [1300, 700]\ncomponent A [0.5, 0.1] inertia\nevolve A 0.3\n")
	for _, c := range []struct {
		o    Options
		want float64
	}{
		{Options{}, 221},
		{Options{Width: 800}, 144},
		{Options{Width: 800, Compat: true}, 144},
	} {
		xs := inertiaXs(Layout(m, c.o))
		if len(xs) != 1 || math.Abs(xs[0]-c.want) > 0.005 {
			t.Errorf("width %v: inertia bars at %v, want one at %v", c.o.Width, xs, c.want)
		}
	}
}

// TestRepeatedEvolvingName checks what OWM draws (wmlandscape 3.0.1) when
// an evolved name is declared twice: each element is evolving (label
// below) and has its evolved copy at the evolve's maturity on its own
// line. OWM draws both arrows from the first element, so the second copy
// floats unconnected; wardley gives each element its arrow to its own
// copy, and reproduces OWM's with --compat.
func TestRepeatedEvolvingName(t *testing.T) {
	m := compileMap(t, "component X [0.7, 0.2] inertia\ncomponent X [0.4, 0.3]\ncomponent Y [0.5, 0.4]\nX->Y\nevolve X 0.8\n")
	for _, compat := range []bool{false, true} {
		s := Layout(m, Options{Width: 800, Height: 600, Compat: compat, Labels: LabelsOWM})
		var copies [][2]float64
		for _, g := range s.Groups {
			if g.Role != RoleSymbol || g.Title != "X" {
				continue
			}
			c := shapeOf(&g, RoleSymbol, func(sh *Shape) bool { return sh.Circle != nil }).Circle
			lbl := shapeOf(&g, RoleLabel, isText).Text
			x, y := c.CX-s.MapX, c.CY-s.MapY
			if lbl.Y-c.CY != 20 && x != 640 {
				t.Errorf("compat %v: X at (%v, %v) has its label %v px below, want 20 (evolving)", compat, x, y, lbl.Y-c.CY)
			}
			if x == 640 {
				copies = append(copies, [2]float64{x, y})
			}
		}
		if len(copies) != 2 || copies[0] != [2]float64{640, 180} || copies[1] != [2]float64{640, 360} {
			t.Errorf("compat %v: evolved copies at %v, want (640, 180) and (640, 360)", compat, copies)
		}
		var arrows [][4]float64
		for _, g := range s.Groups {
			if g.Role == RoleEvolve {
				l := g.Shapes[0].Line
				arrows = append(arrows, [4]float64{l.X1 - s.MapX, l.Y1 - s.MapY, l.X2 - s.MapX, l.Y2 - s.MapY})
			}
		}
		want := [][4]float64{{160, 180, 640, 180}, {240, 360, 640, 360}}
		if compat {
			want[1] = want[0]
		}
		if len(arrows) != 2 || arrows[0] != want[0] || arrows[1] != want[1] {
			t.Errorf("compat %v: evolve arrows %v, want %v", compat, arrows, want)
		}
		// Only the first X has inertia: its arrow has the bar, at the
		// product edge (0.4 × 800).
		if xs := inertiaXs(s); len(xs) != 1+btoi(compat) || xs[0] != 320 {
			t.Errorf("compat %v: inertia bars at %v", compat, xs)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
