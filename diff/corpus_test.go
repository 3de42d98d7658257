package diff

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardley-maps/wardley/internal/testshared"
	"github.com/wardley-maps/wardley/model"
	svg "github.com/wardley-maps/wardley/render/svg"
)

// reformat writes a map differently without changing what it means: a
// comment line before every line, blank lines, and trailing spaces.
func reformat(src []byte) []byte {
	var b bytes.Buffer
	for _, l := range strings.Split(string(src), "\n") {
		b.WriteString("// reviewed\n\n")
		b.WriteString(strings.TrimRight(l, "\r"))
		b.WriteString("   \n")
	}
	return b.Bytes()
}

// TestCorpus compares real maps: each with itself written differently
// (no change), and each with the next one in the corpus (a big change,
// drawn well-formed, the same number of changes either way round).
func TestCorpus(t *testing.T) {
	paths := testshared.Corpus(t)
	var maps []*model.Map
	var names []string
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		m, diags := model.CompileSource(p, src)
		if diags.HasErrors() {
			continue
		}
		again, diags := model.CompileSource(p, reformat(src))
		if diags.HasErrors() {
			t.Errorf("%s: reformatted, it has errors: %v", filepath.Base(p), diags.Err())
			continue
		}
		if res := Compare(m, again); !res.Empty() {
			var text bytes.Buffer
			_ = res.WriteText(&text, TextOptions{})
			t.Errorf("%s: reformatting changed its meaning:\n%s", filepath.Base(p), text.String())
		}
		maps = append(maps, m)
		names = append(names, filepath.Base(p))
	}
	if len(maps) < 100 {
		t.Fatalf("only %d corpus maps compile", len(maps))
	}
	for i := range maps {
		j := (i + 1) % len(maps)
		res := Compare(maps[i], maps[j])
		back := Compare(maps[j], maps[i])
		a, r, m, c := res.Count()
		ba, br, bm, bc := back.Count()
		if a != br || r != ba || m != bm || c != bc {
			t.Errorf("%s → %s: +%d -%d ~%d *%d, back +%d -%d ~%d *%d", names[i], names[j], a, r, m, c, ba, br, bm, bc)
		}
		out, err := svg.Render(Layout(res, Options{OldName: names[i], NewName: names[j]}))
		if err != nil {
			t.Fatalf("%s → %s: %v", names[i], names[j], err)
		}
		wellFormed(t, names[i]+" → "+names[j], out)
	}
}
