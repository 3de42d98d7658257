package raster

import (
	"image"
	"math"
	"testing"

	"github.com/wardley-maps/wardley/layout"
)

// coverage strokes p in opaque black on a transparent page and returns
// the inked area in px².
func coverage(p *path, st strokeSpec) float64 {
	img := image.NewRGBA(image.Rect(0, 0, 200, 200))
	rs := newSurface(img, img.Rect, identity, 1)
	rs.strokePath(p, layout.Color{A: 255}, 1, st)
	sum := 0.0
	for i := 3; i < len(img.Pix); i += 4 {
		sum += float64(img.Pix[i]) / 255
	}
	return sum
}

func line(x1, y1, x2, y2 float64) *path {
	var p path
	p.moveTo(pt{x1, y1})
	p.lineTo(pt{x2, y2})
	return &p
}

func TestStrokeArea(t *testing.T) {
	cases := []struct {
		name string
		p    *path
		st   strokeSpec
		want float64
	}{
		{"butt", line(10, 10, 110, 10), strokeSpec{width: 4, cap: "butt"}, 400},
		{"square", line(10, 10, 110, 10), strokeSpec{width: 4, cap: "square"}, 416},
		{"round", line(10, 10, 110, 10), strokeSpec{width: 4, cap: "round"}, 400 + 4*math.Pi},
		{"dashed 10-10", line(10, 10, 110, 10), strokeSpec{width: 2, cap: "butt", dash: []float64{10, 10}}, 100},
		{"dashed odd 10 (10-10 repeated)", line(10, 10, 110, 10), strokeSpec{width: 2, cap: "butt", dash: []float64{10}}, 100},
		{"dash offset 5", line(10, 10, 110, 10), strokeSpec{width: 2, cap: "butt", dash: []float64{10, 10}, dashOffset: 5}, 100},
		{"negative dash is solid", line(10, 10, 110, 10), strokeSpec{width: 2, cap: "butt", dash: []float64{10, -1}}, 200},
		{"zero dashes round: dots at 0, 20, ... 80", line(10, 10, 100, 10), strokeSpec{width: 4, cap: "round", dash: []float64{0, 20}}, 5 * 4 * math.Pi},
		{"zero dashes butt: nothing", line(10, 10, 100, 10), strokeSpec{width: 4, cap: "butt", dash: []float64{0, 20}}, 0},
	}
	for _, c := range cases {
		got := coverage(c.p, c.st)
		if math.Abs(got-c.want) > 0.02*c.want+1 {
			t.Errorf("%s: area %.1f, want %.1f", c.name, got, c.want)
		}
	}
}

// A right angle gets its miter (a full square corner); a hairpin beyond
// the miter limit of 4 gets a bevel (no spike).
func TestJoins(t *testing.T) {
	var p path
	p.moveTo(pt{10, 10})
	p.lineTo(pt{110, 10})
	p.lineTo(pt{110, 110})
	got := coverage(&p, strokeSpec{width: 10, cap: "butt", join: "miter", miterLimit: 4})
	// Two 100×10 arms overlapping in a 5×5 square, plus the 5×5 miter.
	if want := 2000.0; math.Abs(got-want) > 4 {
		t.Errorf("right angle: %.1f, want %.1f", got, want)
	}
	// A round join adds a quarter disc; a bevel half the square.
	got = coverage(&p, strokeSpec{width: 10, cap: "butt", join: "round", miterLimit: 4})
	if want := 1975 + 25*math.Pi/4; math.Abs(got-want) > 4 {
		t.Errorf("round join: %.1f, want %.1f", got, want)
	}
	got = coverage(&p, strokeSpec{width: 10, cap: "butt", join: "bevel", miterLimit: 4})
	if want := 1987.5; math.Abs(got-want) > 4 {
		t.Errorf("bevel join: %.1f, want %.1f", got, want)
	}
	// A miter limit below √2 bevels the right angle: half the square.
	got = coverage(&p, strokeSpec{width: 10, cap: "butt", join: "miter", miterLimit: 1.2})
	if want := 1987.5; math.Abs(got-want) > 4 {
		t.Errorf("bevelled right angle: %.1f, want %.1f", got, want)
	}
	var v path
	v.moveTo(pt{10, 10})
	v.lineTo(pt{110, 20})
	v.lineTo(pt{10, 30})
	lo, hi, _ := new(strokeScratch).polys(&v, strokeSpec{width: 4, cap: "butt", join: "miter", miterLimit: 4}).bounds()
	if hi.X > 113 {
		t.Errorf("hairpin reaches x=%.1f: the miter limit should bevel it (lo %v)", hi.X, lo)
	}
	_, hi2, _ := new(strokeScratch).polys(&v, strokeSpec{width: 4, cap: "butt", join: "miter", miterLimit: 100}).bounds()
	if hi2.X < 120 {
		t.Errorf("hairpin with a miter limit of 100 reaches only x=%.1f", hi2.X)
	}
}

// Dashes start at each subpath's start; a closed subpath is dashed all
// the way round, including the closing edge.
func TestDashPhase(t *testing.T) {
	var sq path
	rectPath(&sq, 0, 0, 40, 40, 0)
	lines := dashPolylines(sq.flatten(0.1), []float64{30, 10}, 0)
	if len(lines) != 4 {
		t.Fatalf("%d dashes around a 160 px square with 30-10, want 4", len(lines))
	}
	if first := lines[0].pts[0]; first != (pt{0, 0}) {
		t.Errorf("first dash starts at %v, want (0, 0) as in SVG", first)
	}
	last := lines[3]
	if end := last.pts[len(last.pts)-1]; !end.near(pt{0, 10}, 1e-9) {
		t.Errorf("last dash ends at %v, want (0, 10) on the closing edge", end)
	}
}
