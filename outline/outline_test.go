package outline

import (
	"bytes"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/wardley-maps/wardley/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

func outlineOf(t *testing.T, src []byte) []byte {
	t.Helper()
	m, diags := model.CompileSource("map.owm", src)
	if diags.HasErrors() {
		t.Fatalf("map has errors: %v", diags)
	}
	return Map(m)
}

func TestGolden(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/all.txtar")
	if err != nil {
		t.Fatal(err)
	}
	got := outlineOf(t, ar.Files[0].Data)
	if !bytes.Equal(got, ar.Files[1].Data) {
		if *update {
			ar.Files[1].Data = got
			if err := os.WriteFile("testdata/all.txtar", txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("outline differs:\n%s", diff.Diff("want", ar.Files[1].Data, "got", got))
	}
}

// TestOrderDoesNotMatter: the same statements in another order give the
// same outline (the map means the same: no first-wins setting is
// repeated here).
func TestOrderDoesNotMatter(t *testing.T) {
	lines := []string{
		"title T", "component A [0.5, 0.5]", "component B [0.4, 0.4] (buy)", "anchor U [0.9, 0.5]",
		"U->A", "A->B", "B+>A", "note n [0.1, 0.1]", "evolve B 0.8", "annotation 1 [0.2, 0.2] x",
	}
	a := outlineOf(t, []byte(strings.Join(lines, "\n")))
	slices.Reverse(lines)
	b := outlineOf(t, []byte(strings.Join(lines, "\n")))
	if !bytes.Equal(a, b) {
		t.Errorf("order changed the outline:\n%s", diff.Diff("forward", a, "reversed", b))
	}
}
