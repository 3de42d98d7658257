package diff

import (
	"testing"

	"github.com/wardley-maps/wardley/internal/gen"
	"github.com/wardley-maps/wardley/model"
)

// edited returns a generated map and a copy edited as a pull request would
// edit it: one element in 10 moved, one in 50 renamed (its links follow).
func edited(b *testing.B, n int) (old, new *model.Map) {
	src := gen.Map(gen.Options{Components: n, Seed: 1})
	old, _ = model.CompileSource("old", src)
	new, _ = model.CompileSource("new", src)
	for i, e := range elementsOf(new) {
		if i%10 == 0 {
			e.Coord.Maturity += 0.01
		}
		if i%50 == 0 {
			e.Name += " v2"
		}
	}
	return old, new
}

func benchCompare(b *testing.B, n int) {
	old, new := edited(b, n)
	b.ReportAllocs()
	for b.Loop() {
		Compare(old, new)
	}
}

func BenchmarkCompare100(b *testing.B)   { benchCompare(b, 100) }
func BenchmarkCompare1000(b *testing.B)  { benchCompare(b, 1000) }
func BenchmarkCompare10000(b *testing.B) { benchCompare(b, 10000) }

// BenchmarkCompareUnrelated1000 compares two different maps: nothing
// matches by name, the worst case for the rename rule.
func BenchmarkCompareUnrelated1000(b *testing.B) {
	old, _ := model.CompileSource("old", gen.Map(gen.Options{Components: 1000, Seed: 1}))
	new, _ := model.CompileSource("new", gen.Map(gen.Options{Components: 1000, Seed: 2}))
	b.ReportAllocs()
	for b.Loop() {
		Compare(old, new)
	}
}

func BenchmarkLayout1000(b *testing.B) {
	res := Compare(edited(b, 1000))
	b.ReportAllocs()
	for b.Loop() {
		Layout(res, Options{})
	}
}
