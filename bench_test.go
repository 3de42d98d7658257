package wardley_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/wardley-maps/wardley"
	"github.com/wardley-maps/wardley/internal/gen"
	"github.com/wardley-maps/wardley/internal/testshared"
	"github.com/wardley-maps/wardley/layout"
	"github.com/wardley-maps/wardley/model"
	"github.com/wardley-maps/wardley/parser"
	svg "github.com/wardley-maps/wardley/render/svg"
)

// benchSizes are the generated maps' sizes, ten times apart, so that each
// stage's growth reads off as the ratio of neighbours (linear ⇒ about 10).
var benchSizes = []int{10, 100, 1000, 10000}

type benchMap struct {
	name string
	src  []byte
}

// benchMaps are the corpus map of median size, then generated maps of
// every feature (internal/gen, seed 0) at each size.
func benchMaps(b *testing.B) []benchMap {
	src, err := os.ReadFile(testshared.Median(b))
	if err != nil {
		b.Fatal(err)
	}
	maps := []benchMap{{"median", src}}
	for _, n := range benchSizes {
		maps = append(maps, benchMap{"gen-" + strconv.Itoa(n), gen.Map(gen.Options{Components: n})})
	}
	return maps
}

// BenchmarkStage times each stage of the pipeline alone, on the output of
// the stage before it, and the whole pipeline (text to SVG, as wardley
// render does), on each benchmark map. bench/run.sh turns its output into
// BENCHMARKS.md's table.
func BenchmarkStage(b *testing.B) {
	for _, m := range benchMaps(b) {
		f, diags := parser.Parse("bench.owm", m.src)
		if diags.HasErrors() {
			b.Fatalf("%s: %v", m.name, diags.Err())
		}
		compiled, diags := model.Compile(f)
		if compiled == nil || diags.HasErrors() {
			b.Fatalf("%s: %v", m.name, diags.Err())
		}
		scene := layout.Layout(compiled, layout.Options{})
		stages := []struct {
			name string
			run  func() error
		}{
			{"parse", func() error { parser.Parse("bench.owm", m.src); return nil }},
			{"compile", func() error { model.Compile(f); return nil }},
			{"layout", func() error { layout.Layout(compiled, layout.Options{}); return nil }},
			{"svg", func() error { _, err := svg.Render(scene); return err }},
			{"pipeline", func() error { _, _, err := wardley.Render(m.src, wardley.SVG, wardley.Options{}); return err }},
		}
		for _, st := range stages {
			b.Run("stage="+st.name+"/map="+m.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := st.run(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
