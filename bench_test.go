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
//
// Each row makes its own input before its timer starts (b.Loop) and keeps
// nothing once done, so that the syntax tree, model and scene one row
// needs are not alive while another is timed, and a run of some rows
// (-bench 'Stage/stage=pipeline') makes only their inputs. Made once for
// all rows and kept, they put the median map's pipeline row 18 to 32 %
// above the same loop in a benchmark of its own (two sessions of 8 and 10
// alternated runs) and 2.8 % above it in bytes; made per row, 3 to 6 %
// (11 % right after the map's other rows) and 1.2 %, within the noise.
func BenchmarkStage(b *testing.B) {
	for _, m := range benchMaps(b) {
		parse := func(b *testing.B) *parser.File {
			f, diags := parser.Parse("bench.owm", m.src)
			if diags.HasErrors() {
				b.Fatalf("%s: %v", m.name, diags.Err())
			}
			return f
		}
		compile := func(b *testing.B) *model.Map {
			compiled, diags := model.Compile(parse(b))
			if compiled == nil || diags.HasErrors() {
				b.Fatalf("%s: %v", m.name, diags.Err())
			}
			return compiled
		}
		stages := []struct {
			name string
			// prepare makes the stage's input and returns the stage.
			prepare func(b *testing.B) func() error
		}{
			{"parse", func(b *testing.B) func() error {
				return func() error { parser.Parse("bench.owm", m.src); return nil }
			}},
			{"compile", func(b *testing.B) func() error {
				f := parse(b)
				return func() error { model.Compile(f); return nil }
			}},
			{"layout", func(b *testing.B) func() error {
				compiled := compile(b)
				return func() error { layout.Layout(compiled, layout.Options{}); return nil }
			}},
			{"svg", func(b *testing.B) func() error {
				scene := layout.Layout(compile(b), layout.Options{})
				return func() error { _, err := svg.Render(scene); return err }
			}},
			{"pipeline", func(b *testing.B) func() error {
				return func() error { _, _, err := wardley.Render(m.src, wardley.SVG, wardley.Options{}); return err }
			}},
		}
		for _, st := range stages {
			b.Run("stage="+st.name+"/map="+m.name, func(b *testing.B) {
				run := st.prepare(b)
				b.ReportAllocs()
				for b.Loop() {
					if err := run(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
