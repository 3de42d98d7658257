package wardley

import (
	"bytes"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/wardley-maps/wardley/internal/safetest"
	"github.com/wardley-maps/wardley/internal/testshared"
	"github.com/wardley-maps/wardley/layout"
	"github.com/wardley-maps/wardley/model"
)

// fuzzSeeds adds every map we have of at most maxSize bytes as a seed:
// the shared corpus, the examples, and the maps in the parser's,
// compiler's and printer's test cases.
func fuzzSeeds(f *testing.F, maxSize int) {
	var files []string
	if d := testshared.Find(); d != "" {
		files, _ = filepath.Glob(filepath.Join(d, "corpus", "*.owm"))
	}
	ex, _ := filepath.Glob(filepath.Join("examples", "*.owm"))
	files = append(files, ex...)
	for _, file := range files {
		if src, err := os.ReadFile(file); err == nil && len(src) <= maxSize {
			f.Add(src)
		}
	}
	var cases []string
	for _, dir := range []string{"parser", "model", "format"} {
		m, _ := filepath.Glob(filepath.Join(dir, "testdata", "*.txtar"))
		cases = append(cases, m...)
	}
	for _, file := range cases {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range ar.Files {
			if len(af.Data) <= maxSize {
				f.Add(af.Data)
			}
		}
	}
	for _, s := range hostileMaps {
		f.Add([]byte(s.src))
	}
}

// FuzzSVG runs the whole pipeline, text to SVG, on any input: it never
// panics, a map without errors always draws, the SVG is well-formed and
// safe (safetest), and drawing twice gives the same bytes.
func FuzzSVG(f *testing.F) {
	fuzzSeeds(f, 1<<20)
	f.Fuzz(func(t *testing.T, src []byte) {
		out, diags, err := Render(src, SVG, Options{})
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		if diags.HasErrors() {
			if out != nil {
				t.Fatal("a map with errors was drawn")
			}
			return
		}
		if err := safetest.SVG(out); err != nil {
			t.Fatalf("unsafe SVG: %v\n%s", err, out)
		}
		again, _, _ := Render(src, SVG, Options{})
		if !bytes.Equal(out, again) {
			t.Fatal("two renders of the same map differ")
		}
	})
}

// FuzzPNG runs text to PNG (at a small scale, to explore maps rather
// than pixels): no panic, the PNG decodes at the scene's size, and the
// bytes are the same on every run. Rasterising is slow next to the rest,
// so it keeps to small maps (FuzzSVG covers the big ones), and a bounded
// run in CI gets past the seeds to fuzzing.
func FuzzPNG(f *testing.F) {
	const maxSize = 1500
	fuzzSeeds(f, maxSize)
	const scale = 0.25
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 2*maxSize {
			return
		}
		m, diags := model.CompileSource("fuzz.owm", src)
		if diags.HasErrors() {
			return
		}
		s := layout.Layout(m, layout.Options{})
		out, err := RenderScene(s, PNG, Options{Scale: scale})
		if err != nil {
			// Only a page too big for the pixel limit may fail.
			if s.Width*s.Height*scale*scale < 1e6 {
				t.Fatalf("png of a %g × %g scene: %v", s.Width, s.Height, err)
			}
			return
		}
		img, err := png.Decode(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("the PNG does not decode: %v", err)
		}
		w, h := int(math.Ceil(s.Width*scale-1e-9)), int(math.Ceil(s.Height*scale-1e-9))
		if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
			t.Fatalf("PNG is %d × %d, want %d × %d", b.Dx(), b.Dy(), w, h)
		}
		again, _ := RenderMap(m, PNG, Options{Scale: scale})
		if !bytes.Equal(out, again) {
			t.Fatal("two renders of the same map differ")
		}
	})
}
