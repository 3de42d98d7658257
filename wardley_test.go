package wardley

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/wardley-maps/wardley/diff"
	"github.com/wardley-maps/wardley/internal/allocs"
	"github.com/wardley-maps/wardley/internal/gen"
	"github.com/wardley-maps/wardley/internal/golden"
	"github.com/wardley-maps/wardley/internal/safetest"
	"github.com/wardley-maps/wardley/internal/testshared"
	"github.com/wardley-maps/wardley/layout"
	"github.com/wardley-maps/wardley/model"
	"github.com/wardley-maps/wardley/parser"
	"github.com/wardley-maps/wardley/theme"
)

var update = flag.Bool("update", false, "rewrite golden files and the committed example images")

// sharedDir finds ../shared beside the repository (CI's layout), or beside
// the directory of worktrees; "" when absent.
func sharedDir(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	repo := filepath.Dir(file)
	for _, d := range []string{filepath.Join(repo, "..", "shared"), filepath.Join(repo, "..", "..", "shared")} {
		if st, err := os.Stat(filepath.Join(d, "reference")); err == nil && st.IsDir() {
			return d
		}
	}
	if os.Getenv("WARDLEY_REQUIRE_SHARED") == "1" {
		t.Fatal("../shared is missing and WARDLEY_REQUIRE_SHARED=1")
	}
	t.Skip("../shared is not beside the repository")
	return ""
}

// wellFormed fails unless doc is a well-formed, safe SVG document (an svg
// root, no script: see internal/safetest).
func wellFormed(t *testing.T, name string, doc []byte) {
	t.Helper()
	if err := safetest.SVG(doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func compile(t *testing.T, path string) *model.Map {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, diags := model.CompileSource(filepath.Base(path), src)
	if diags.HasErrors() || m == nil {
		t.Fatalf("%s: %v", path, diags.Err())
	}
	return m
}

// checkGolden compares got with the golden file, or rewrites it with
// -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	golden.Check(t, path, got, *update, "go test . -update")
}

// TestReferenceGolden pins, for each of OWM's reference maps, the scene
// (in the map's own style) and the SVG in all five styles, at the 800 × 600
// OWM drew them at (unless the map sets its size), with labels at OWM's
// offsets, so that they stay comparable with OWM's own pictures
// (bench/compare.sh); and auto.svg, the map in its own style with labels
// placed, as wardley draws it by default.
func TestReferenceGolden(t *testing.T) {
	shared := sharedDir(t)
	maps, _ := filepath.Glob(filepath.Join(shared, "reference", "maps", "*.owm"))
	if len(maps) == 0 {
		t.Fatal("no reference maps")
	}
	for _, path := range maps {
		name := strings.TrimSuffix(filepath.Base(path), ".owm")
		t.Run(name, func(t *testing.T) {
			m := compile(t, path)
			o := layout.Options{Labels: layout.LabelsOWM}
			if m.Size.Width <= 0 {
				o.Width = 800
			}
			if m.Size.Height <= 0 {
				o.Height = 600
			}
			dir := filepath.Join("testdata", "golden", name)
			js, err := json.MarshalIndent(layout.Layout(m, o), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join(dir, "scene.json"), append(js, '\n'))
			for _, style := range theme.Names {
				out, err := RenderMap(m, SVG, Options{Style: style, Width: o.Width, Height: o.Height, Labels: layout.LabelsOWM})
				if err != nil {
					t.Fatal(err)
				}
				wellFormed(t, name+"/"+style, out)
				checkGolden(t, filepath.Join(dir, style+".svg"), out)
			}
			out, err := RenderMap(m, SVG, Options{Width: o.Width, Height: o.Height})
			if err != nil {
				t.Fatal(err)
			}
			wellFormed(t, name+"/auto", out)
			checkGolden(t, filepath.Join(dir, "auto.svg"), out)
		})
	}
}

// TestCorpusRenders draws every real map: well-formed XML, the same bytes
// twice.
func TestCorpusRenders(t *testing.T) {
	shared := sharedDir(t)
	var maps []string
	for _, g := range []string{"corpus/*.owm", "reference/maps/*.owm"} {
		m, _ := filepath.Glob(filepath.Join(shared, g))
		maps = append(maps, m...)
	}
	if len(maps) < 100 {
		t.Fatalf("only %d maps found", len(maps))
	}
	for _, path := range maps {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		a, diags, err := Render(src, SVG, Options{})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if diags.HasErrors() {
			if a != nil {
				t.Errorf("%s: output despite errors", path)
			}
			continue
		}
		wellFormed(t, path, a)
		b, _, _ := Render(src, SVG, Options{})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders differ", path)
		}
	}
}

// TestExamples fails when a committed example image is not what its map
// draws now.
func TestExamples(t *testing.T) {
	maps, _ := filepath.Glob(filepath.Join("examples", "*.owm"))
	if len(maps) < 6 {
		t.Fatalf("%d examples, want at least 6", len(maps))
	}
	for _, path := range maps {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out, diags, err := Render(src, SVG, Options{})
		if err != nil || diags.HasErrors() {
			t.Fatalf("%s: %v %v", path, err, diags.Err())
		}
		if len(diags) > 0 {
			t.Errorf("%s: an example should compile without warnings: %v", path, diags[0].Error())
		}
		wellFormed(t, path, out)
		svgPath := strings.TrimSuffix(path, ".owm") + ".svg"
		if *update {
			if err := os.WriteFile(svgPath, out, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(svgPath)
		if err != nil || !bytes.Equal(out, want) {
			t.Errorf("%s is stale: run `go run ./cmd/wardley render examples/` (or go test . -update) and commit it", svgPath)
		}
	}
}

// TestDiffExample fails when the README's diff picture is not what the two
// versions of the tea shop draw now, or when the README's summary of them
// is not what wardley diff prints.
func TestDiffExample(t *testing.T) {
	dir := filepath.Join("docs", "diff")
	res := diff.Compare(compile(t, filepath.Join(dir, "tea-shop-v1.owm")), compile(t, filepath.Join(dir, "tea-shop-v2.owm")))
	// The names as `wardley diff -o tea-shop-diff.svg tea-shop-v1.owm
	// tea-shop-v2.owm` in docs/diff gives them.
	s := diff.Layout(res, diff.Options{OldName: "tea-shop-v1.owm", NewName: "tea-shop-v2.owm"})
	out, err := RenderScene(s, SVG, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, "tea-shop-diff.svg", out)
	svgPath := filepath.Join(dir, "tea-shop-diff.svg")
	if *update {
		if err := os.WriteFile(svgPath, out, 0o644); err != nil {
			t.Fatal(err)
		}
	} else if want, err := os.ReadFile(svgPath); err != nil || !bytes.Equal(out, want) {
		t.Errorf("%s is stale: in docs/diff, run `go run ../../cmd/wardley diff -o tea-shop-diff.svg tea-shop-v1.owm tea-shop-v2.owm` (or go test . -update) and commit it", svgPath)
	}

	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	const cmd = "$ wardley diff tea-shop-v1.owm tea-shop-v2.owm\n"
	i := bytes.Index(readme, []byte(cmd))
	if i < 0 {
		t.Fatalf("README.md has no %q", cmd)
	}
	shown := readme[i+len(cmd):]
	shown = shown[:bytes.Index(shown, []byte("```"))]
	var text bytes.Buffer
	if err := res.WriteText(&text, diff.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shown, text.Bytes()) {
		t.Errorf("README.md shows\n%s\nbut wardley diff prints\n%s", shown, text.Bytes())
	}
}

func TestFormats(t *testing.T) {
	if f, ok := FormatOf("x/Map.SVG"); !ok || f != SVG {
		t.Errorf("FormatOf(Map.SVG) = %q, %v", f, ok)
	}
	if _, ok := FormatOf("map.gif"); ok {
		t.Error("gif is not supported")
	}
	if _, _, err := Render([]byte("title x"), "gif", Options{}); err == nil {
		t.Error("an unsupported format must be an error")
	}
	if _, err := RenderScene(&layout.Scene{}, "gif", Options{}); err == nil {
		t.Error("RenderScene: an unsupported format must be an error")
	}
}

func TestRenderErrors(t *testing.T) {
	out, diags, err := Render([]byte("title Broken\ncomponent A [0.5, 0.5]\nA->Nowhere\ncomponnet B [0.1, 0.1]\n"), SVG, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !diags.HasErrors() || out != nil {
		t.Errorf("a map with errors must give diagnostics and no output (out %d bytes, %d diagnostics)", len(out), len(diags))
	}
}

// BenchmarkRender is the whole pipeline, text to SVG, on generated maps,
// with automatic label placement and with OWM's offsets.
func BenchmarkRender(b *testing.B) {
	for _, n := range []int{100, 10000} {
		src := gen.Map(gen.Options{Components: n})
		for _, labels := range layout.LabelModes {
			b.Run(fmt.Sprintf("components-%d/labels-%s", n, labels), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					if _, _, err := Render(src, SVG, Options{Labels: labels}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func TestLabelsOption(t *testing.T) {
	src := []byte("component A [0.5, 0.5]\ncomponent B [0.5, 0.52]\ncomponent C [0.52, 0.5]\n")
	auto, _, err := Render(src, SVG, Options{})
	if err != nil {
		t.Fatal(err)
	}
	same, _, _ := Render(src, SVG, Options{Labels: "auto"})
	owm, _, _ := Render(src, SVG, Options{Labels: "owm"})
	if !bytes.Equal(auto, same) || bytes.Equal(auto, owm) {
		t.Error("auto should be the default and differ from owm on a crowded map")
	}
	if _, _, err := Render(src, SVG, Options{Labels: "smart"}); err == nil || !strings.Contains(err.Error(), `unknown label placement "smart"`) {
		t.Errorf("Render with an unknown placement: %v", err)
	}
	if _, err := RenderMap(compileSrc(t, src), SVG, Options{Labels: "smart"}); err == nil {
		t.Error("RenderMap with an unknown placement should fail")
	}
}

func compileSrc(t *testing.T, src []byte) *model.Map {
	t.Helper()
	m, diags := model.CompileSource("test.owm", src)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	return m
}

// TestLabelImages fails when a before/after picture of label placement in
// docs/images/labels is not what its map draws now (go test . -update
// redraws them).
func TestLabelImages(t *testing.T) {
	maps, _ := filepath.Glob(filepath.Join("docs", "images", "labels", "*.owm"))
	if len(maps) < 3 {
		t.Fatalf("%d maps in docs/images/labels, want the README's three", len(maps))
	}
	for _, path := range maps {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, labels := range layout.LabelModes {
			out, diags, err := Render(src, SVG, Options{Labels: labels})
			if err != nil || diags.HasErrors() {
				t.Fatalf("%s: %v %v", path, err, diags.Err())
			}
			wellFormed(t, path, out)
			checkGolden(t, strings.TrimSuffix(path, ".owm")+"-"+labels+".svg", out)
		}
	}
}

// TestMedianBudget: drawing the corpus map of median size allocates at most
// 100 KiB in at most 1,700 allocations (210 KiB and 1,782 at de07aed; 86.9
// KiB and 1,613 since Render parses, compiles and lays out in pooled
// memory: parser.Use, model.Use, layout.Use). In
// process the Go collector's share of the time grows with the bytes
// allocated (BENCHMARKS.md: 497 µs a render at GOGC=100, 306 µs at 800),
// and in a new process each 4 KiB first touched costs about 11 µs, so the
// allocations are the part of the speed a test can count exactly; the
// times are BenchmarkStage's.
func TestMedianBudget(t *testing.T) {
	src, err := os.ReadFile(testshared.Median(t))
	if err != nil {
		t.Fatal(err)
	}
	mallocs, bytes := allocs.Least(t, 5, func() {
		if _, diags, err := Render(src, SVG, Options{}); err != nil || diags.HasErrors() {
			t.Fatalf("%v %v", err, diags.Err())
		}
	})
	t.Logf("%d allocations, %d bytes", mallocs, bytes)
	if mallocs > 1700 || bytes > 100<<10 {
		t.Errorf("the median map took %d allocations and %.1f KiB, over the budget of 1,700 and 100 KiB", mallocs, float64(bytes)/1024)
	}
}

// TestConcurrentRender draws corpus maps from several goroutines at once,
// as wardley render does with --jobs, each starting from another place in
// the list, and checks every picture against the one drawn alone: the pooled memory of one
// render (parser.Use, model.Use, layout.Use) never shows in another. Run
// with -race, it checks that no two renders share it.
func TestConcurrentRender(t *testing.T) {
	files := testshared.Corpus(t)
	if len(files) > 24 {
		files = files[:24]
	}
	var srcs, want [][]byte
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out, _, err := Render(src, SVG, Options{})
		if err != nil {
			t.Fatal(err)
		}
		srcs, want = append(srcs, src), append(want, out)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range srcs {
				i := (k + g*len(srcs)/4) % len(srcs)
				out, _, err := Render(srcs[i], SVG, Options{})
				if err != nil || !bytes.Equal(out, want[i]) {
					t.Errorf("goroutine %d: %s drawn differently (%v)", g, files[i], err)
				}
			}
		}()
	}
	wg.Wait()
}

// TestBigMapNotPooled: Render keeps the memory of a small map's tree,
// Map, scene and label placer for the next map (parser.Use, model.Use,
// layout.Use), but not a big map's: held by the pools, unused, through the rest of the
// drawing and after, it raised the peak memory of a map of 10,000
// components from 76 to 100 MiB. After drawing a map of 3,000 components
// (338 KB) and one collection, which leaves pooled values in place, the
// live heap has grown by less than 2 MiB (9.8 MiB when they were pooled).
func TestBigMapNotPooled(t *testing.T) {
	src := gen.Map(gen.Options{Components: 3000, Seed: 1})
	if len(src) <= parser.MaxPooled {
		t.Fatalf("the map has %d bytes: not over parser.MaxPooled (%d)", len(src), parser.MaxPooled)
	}
	render := func() {
		if out, diags, err := Render(src, SVG, Options{}); err != nil || diags.HasErrors() || len(out) == 0 {
			t.Fatalf("%v %v", err, diags.Err())
		}
	}
	render() // what the first render sets up for good (font tables, patterns)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.GC() // the second empties the pools
	runtime.ReadMemStats(&before)
	render()
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 2<<20 {
		t.Errorf("after drawing a big map, %.1f MiB more is live: its memory is pooled", float64(grew)/(1<<20))
	}
}

// TestLinearGrowth: drawing ten times the components costs at most twelve
// times the allocations, bytes allocated and output, from 1,000 to 10,000
// components. It counts, so it is deterministic where a timed test would
// not be; the times are BenchmarkStage's (see BENCHMARKS.md). A stage that
// went quadratic (a scan of every element for each element) would
// allocate, or write, a hundred times more.
func TestLinearGrowth(t *testing.T) {
	if testing.Short() {
		t.Skip("draws a map of 10,000 components")
	}
	type cost struct{ mallocs, bytes, out float64 }
	measure := func(n int) cost {
		src := gen.Map(gen.Options{Components: n})
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		out, diags, err := Render(src, SVG, Options{})
		runtime.ReadMemStats(&after)
		if err != nil || diags.HasErrors() {
			t.Fatalf("%d components: %v %v", n, err, diags.Err())
		}
		return cost{float64(after.Mallocs - before.Mallocs), float64(after.TotalAlloc - before.TotalAlloc), float64(len(out))}
	}
	small, big := measure(1000), measure(10000)
	for _, c := range []struct {
		what       string
		small, big float64
	}{
		{"allocations", small.mallocs, big.mallocs},
		{"bytes allocated", small.bytes, big.bytes},
		{"output bytes", small.out, big.out},
	} {
		if r := c.big / c.small; r > 12 || r < 5 {
			t.Errorf("%s: %.0f for 1,000 components, %.0f for 10,000: %.1f×, want 5× to 12×", c.what, c.small, c.big, r)
		} else {
			t.Logf("%s: %.1f×", c.what, r)
		}
	}
}
