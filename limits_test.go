package wardley

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wardley-maps/wardley/internal/safetest"
	"github.com/wardley-maps/wardley/model"
)

// TestBigMaps: the whole pipeline on maps far bigger than anyone writes
// finishes (there is no timer: a quadratic step would take minutes here
// rather than the second the test takes) with either a picture or the
// limit's error.
func TestBigMaps(t *testing.T) {
	if testing.Short() {
		t.Skip("big maps")
	}
	// 100,000 lines: 20,000 components and 80,000 links.
	var b strings.Builder
	for i := 0; i < 20_000; i++ {
		fmt.Fprintf(&b, "component C%d [%.3f, %.3f]\n", i, float64(i%997)/997, float64(i%991)/991)
	}
	for i := 0; i < 80_000; i++ {
		fmt.Fprintf(&b, "C%d->C%d\n", i%20_000, (i*7+1)%20_000)
	}
	big := b.String()
	out, diags, err := Render([]byte(big), SVG, Options{})
	if err != nil || diags.HasErrors() {
		t.Fatalf("100,000 lines: %v %v", err, diags[:min(len(diags), 3)])
	}
	if n := strings.Count(string(out), "<line "); n < 80_000 {
		t.Errorf("100,000 lines: %d lines drawn, want the 80,000 links", n)
	}
	if err := safetest.SVG(out); err != nil {
		t.Error(err)
	}

	for _, c := range []struct {
		name, src, code string
	}{
		{"too many elements", strings.Repeat("A->B\n", model.MaxElements+1), "too-many-elements"},
		{"100,000 links on a line", strings.Repeat("A->", 100_000) + "B\n", "line-too-long"},
		{"a 1 MB line", "note " + strings.Repeat("x", 1<<20) + " [0.5, 0.5]\n", "line-too-long"},
		{"nested parentheses", "component A " + strings.Repeat("(", 60_000) + " [0.5, 0.5]\n", ""},
		{"flow operators", "A" + strings.Repeat("+<>", 20_000) + "B\n", ""},
		{"huge size", "size [1e308, 1e308]\ncomponent A [0.5, 0.5]\n", "size-too-large"},
		{"infinite size", "size [1e400, 600]\ncomponent A [0.5, 0.5]\n", "invalid-number"},
		{"open brackets", "component A " + strings.Repeat("[", 60_000) + "\n", "too-complex"},
		{"evolve chains", "component A [0.5, 0.5]\n" + strings.Repeat("evolve A->B 0.8\n", 50_000), ""},
		{"pipelines", strings.Repeat("component P [0.5, 0.5]\npipeline P\n{\ncomponent C [0.3]\n}\n", 10_000), ""},
	} {
		out, diags, err := Render([]byte(c.src), SVG, Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		found := c.code == ""
		for _, d := range diags {
			found = found || d.Code == c.code
		}
		if !found {
			t.Errorf("%s: no %s among %d diagnostics", c.name, c.code, len(diags))
		}
		if out != nil {
			if err := safetest.SVG(out); err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
		}
	}
}

// TestSizeOptionLimit: the size options have the limit of `size`.
func TestSizeOptionLimit(t *testing.T) {
	src := []byte("component A [0.5, 0.5]\n")
	if _, _, err := Render(src, SVG, Options{Width: 1e9}); err == nil || !strings.Contains(err.Error(), "pixels a side") {
		t.Errorf("width 1e9: %v", err)
	}
	if _, _, err := Render(src, SVG, Options{Width: model.MaxMapSize, Height: 600}); err != nil {
		t.Errorf("width at the limit: %v", err)
	}
}
