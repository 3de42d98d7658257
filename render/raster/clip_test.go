package raster

import (
	"image"
	"math/rand/v2"
	"slices"
	"testing"
)

// refClip is Sutherland–Hodgman written plainly, a new slice for each
// edge: what clipScratch.clipPoly must give, point for point.
func refClip(poly []pt, r image.Rectangle) []pt {
	x0, y0, x1, y1 := float64(r.Min.X), float64(r.Min.Y), float64(r.Max.X), float64(r.Max.Y)
	edge := func(in []pt, keep func(pt) bool, cut func(a, b pt) pt) []pt {
		var out []pt
		for i, cur := range in {
			prev := in[(i+len(in)-1)%len(in)]
			if keep(cur) != keep(prev) {
				out = append(out, cut(prev, cur))
			}
			if keep(cur) {
				out = append(out, cur)
			}
		}
		return out
	}
	atY := func(y float64) func(a, b pt) pt {
		return func(a, b pt) pt { return pt{a.X + (b.X-a.X)*(y-a.Y)/(b.Y-a.Y), y} }
	}
	atX := func(x float64) func(a, b pt) pt {
		return func(a, b pt) pt { return pt{x, a.Y + (b.Y-a.Y)*(x-a.X)/(b.X-a.X)} }
	}
	out := edge(poly, func(q pt) bool { return q.Y >= y0 }, atY(y0))
	out = edge(out, func(q pt) bool { return q.Y <= y1 }, atY(y1))
	out = edge(out, func(q pt) bool { return q.X >= x0 }, atX(x0))
	return edge(out, func(q pt) bool { return q.X <= x1 }, atX(x1))
}

// TestClipPoly clips random polygons, many wholly inside, straddling or
// beyond the band, one after another into one scratch, as paint does with
// a band's polygons: each must equal the plain four-edge clip, and stay
// so while the later ones are appended after it.
func TestClipPoly(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	band := image.Rect(10, 32, 90, 64)
	var cs clipScratch
	for round := range 50 {
		cs.pts = cs.pts[:0]
		var got, want [][]pt
		for range 40 {
			n := 3 + rng.IntN(8)
			cx, cy, s := rng.Float64()*120-10, rng.Float64()*120-10, 1+rng.Float64()*40
			poly := make([]pt, n)
			for i := range poly {
				poly[i] = pt{cx + (rng.Float64()-0.5)*s, cy + (rng.Float64()-0.5)*s}
			}
			got = append(got, cs.clipPoly(poly, band))
			want = append(want, refClip(poly, band))
		}
		for i := range got {
			g, w := got[i], want[i]
			if len(w) < 3 {
				// Too few points to fill: paint skips either way.
				if len(g) >= 3 {
					t.Fatalf("round %d, polygon %d: clipped to %v, want nothing", round, i, g)
				}
				continue
			}
			if !slices.Equal(g, w) {
				t.Fatalf("round %d, polygon %d:\n got %v\nwant %v", round, i, g, w)
			}
		}
	}
}

// The polylines of a path share one array: appending to one (as a stroke
// that closes it might) must leave the next one's points alone.
func TestFlattenPolylinesApart(t *testing.T) {
	var p path
	p.moveTo(pt{0, 0})
	p.lineTo(pt{10, 0})
	p.lineTo(pt{10, 10})
	p.close()
	p.moveTo(pt{20, 20})
	p.cubeTo(pt{30, 20}, pt{40, 30}, pt{40, 40})
	p.lineTo(pt{20, 40})
	lines := p.flatten(0.05)
	if len(lines) != 2 || !lines[0].closed || lines[1].closed {
		t.Fatalf("flatten gave %d polylines (%v)", len(lines), lines)
	}
	second := slices.Clone(lines[1].pts)
	_ = append(lines[0].pts, pt{-1, -1})
	if !slices.Equal(lines[1].pts, second) {
		t.Errorf("appending to the first polyline changed the second: %v, was %v", lines[1].pts, second)
	}
	if got := lines[0].pts; !slices.Equal(got, []pt{{0, 0}, {10, 0}, {10, 10}}) {
		t.Errorf("first polyline %v", got)
	}
	if got := lines[1].pts; got[0] != (pt{20, 20}) || got[len(got)-1] != (pt{20, 40}) {
		t.Errorf("second polyline from %v to %v", got[0], got[len(got)-1])
	}
}
