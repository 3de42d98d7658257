package layout

import (
	"math/rand/v2"
	"testing"
)

// TestCellsOfSegmentCovers: every point within hw of a segment (across and
// down) lies in a cell the segment is filed under, each cell comes once,
// and a long diagonal fills far less than its bounding box. The segments
// are random, some reaching beyond the grid's region, some level or
// upright.
func TestCellsOfSegmentCovers(t *testing.T) {
	g := &grid{}
	g.reset(rect{-40, -40, 500, 300}, 16)
	rng := rand.New(rand.NewPCG(1, 2))
	coord := func(lo, hi float64) float64 { return lo + rng.Float64()*(hi-lo) }
	for n := 0; n < 2000; n++ {
		x1, y1, x2, y2 := coord(-100, 600), coord(-100, 400), coord(-100, 600), coord(-100, 400)
		switch n % 5 {
		case 0:
			y2 = y1
		case 1:
			x2 = x1
		case 2:
			x2, y2 = x1+coord(-20, 20), y1+coord(-20, 20)
		}
		hw := []float64{0, 0.5, 3, 12}[n%4]
		filed := map[int]int{}
		g.cellsOfSegment(x1, y1, x2, y2, hw, func(c int) { filed[c]++ })
		for c, k := range filed {
			if k > 1 {
				t.Fatalf("segment (%g,%g)-(%g,%g) hw %g: cell %d filed %d times", x1, y1, x2, y2, hw, c, k)
			}
		}
		for s := 0; s <= 200; s++ {
			f := float64(s) / 200
			px, py := x1+(x2-x1)*f, y1+(y2-y1)*f
			for _, d := range [][2]float64{{0, 0}, {-1, -1}, {-1, 1}, {1, -1}, {1, 1}, {0, 1}, {1, 0}, {0, -1}, {-1, 0}} {
				qx, qy := px+d[0]*hw, py+d[1]*hw
				if c := g.row(qy)*g.nx + g.col(qx); filed[c] == 0 {
					t.Fatalf("segment (%g,%g)-(%g,%g) hw %g: point (%g,%g) in cell %d, not filed", x1, y1, x2, y2, hw, qx, qy, c)
				}
			}
		}
	}
	// A diagonal across the whole region touches a few cells per row, not
	// every cell of its box.
	n := 0
	g.cellsOfSegment(-40, -40, 500, 300, 1, func(int) { n++ })
	if box := g.size(); n > box/4 {
		t.Errorf("a diagonal is filed under %d cells of %d", n, box)
	}
}
