package diff

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/wardley-maps/wardley/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

// compile compiles one side of a case; a test map must have no errors.
func compile(t *testing.T, name string, src []byte) *model.Map {
	t.Helper()
	m, diags := model.CompileSource(name, src)
	if diags.HasErrors() {
		t.Fatalf("%s: %v", name, diags.Err())
	}
	return m
}

// TestCases runs testdata/*.txtar: each holds old.owm and new.owm (either
// may be missing: an added or a deleted map) and the expected text
// summary, want.txt; some also the JSON, want.json. -update rewrites the
// expectations from what Compare says; read the diff.
func TestCases(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if len(files) < 10 {
		t.Fatalf("only %d cases", len(files))
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var old, new *model.Map
			sections := map[string]int{}
			for i, f := range ar.Files {
				sections[f.Name] = i
				switch f.Name {
				case "old.owm":
					old = compile(t, name+"/old.owm", f.Data)
				case "new.owm":
					new = compile(t, name+"/new.owm", f.Data)
				}
			}
			res := Compare(old, new)
			var text bytes.Buffer
			if err := res.WriteText(&text, TextOptions{}); err != nil {
				t.Fatal(err)
			}
			outputs := map[string][]byte{"want.txt": text.Bytes()}
			if _, ok := sections["want.json"]; ok {
				var js bytes.Buffer
				if err := res.WriteJSON(&js); err != nil {
					t.Fatal(err)
				}
				outputs["want.json"] = js.Bytes()
			}
			changed := false
			for _, sec := range []string{"want.txt", "want.json"} {
				got, ok := outputs[sec]
				if !ok {
					continue
				}
				i, ok := sections[sec]
				if !ok {
					if *update {
						ar.Files = append(ar.Files, txtar.File{Name: sec, Data: got})
						changed = true
						continue
					}
					t.Fatalf("no %s section (go test -update adds it)", sec)
				}
				if bytes.Equal(ar.Files[i].Data, got) {
					continue
				}
				if *update {
					ar.Files[i].Data = got
					changed = true
					continue
				}
				t.Errorf("%s differs:\n--- got\n%s--- want\n%s", sec, got, ar.Files[i].Data)
			}
			if changed {
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			checkInvariants(t, old, new, res)
		})
	}
}

// checkInvariants holds for every pair: a map is the same as itself, the
// comparison the other way round finds as many changes with additions and
// removals swapped, and the result is the same on every run.
func checkInvariants(t *testing.T, old, new *model.Map, res *Result) {
	t.Helper()
	if old != nil && !Compare(old, old).Empty() {
		t.Errorf("old differs from itself: %v", Compare(old, old).Changes)
	}
	if new != nil && !Compare(new, new).Empty() {
		t.Errorf("new differs from itself: %v", Compare(new, new).Changes)
	}
	a, r, m, c := res.Count()
	ra, rr, rm, rc := Compare(new, old).Count()
	if a != rr || r != ra || m != rm || c != rc {
		t.Errorf("forward +%d -%d ~%d *%d, backward +%d -%d ~%d *%d", a, r, m, c, ra, rr, rm, rc)
	}
	again := Compare(old, new)
	x, _ := json.Marshal(res)
	y, _ := json.Marshal(again)
	if !bytes.Equal(x, y) {
		t.Error("two comparisons differ")
	}
}

// TestTextSafe: names and texts from a map cannot send a terminal escape
// sequences or reorder the line.
func TestTextSafe(t *testing.T) {
	new := compile(t, "new", []byte("title T\x1b[31mX\nnote \"a\x1b[2Jb\" [0.5, 0.5]\ncomponent A [0.5, 0.5]\nA->A; ctx\x07y\u202ez\n"))
	var b bytes.Buffer
	if err := Compare(nil, new).WriteText(&b, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, bad := range []string{"\x1b", "\x07", "\u202e"} {
		if strings.Contains(got, bad) {
			t.Errorf("text holds %q:\n%s", bad, got)
		}
	}
	for _, want := range []string{`"T\x1b[31mX"`, `"a\x1b[2Jb"`} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %s:\n%s", want, got)
		}
	}
}

// allKinds is every Kind, so that a test can tell which no case covers.
var allKinds = []Kind{
	ElementAdded, ElementRemoved, ElementRenamed, ElementMoved, ElementKind, ElementLabel, ElementInertia,
	ElementDecorators, ElementURL, ElementPipeline, EvolveAdded, EvolveRemoved, EvolveTarget, EvolveName,
	EvolveLabel, EvolveDecorators, LinkAdded, LinkRemoved, LinkOperator, LinkReversed, LinkContext,
	PipelineAdded, PipelineRemoved, PipelineExtent, NoteAdded, NoteRemoved, NoteMoved, NoteText,
	AnnotationAdded, AnnotationRemoved, AnnotationMoved, AnnotationText, AnnotationsOrder, AnnotationsBox,
	AttitudeAdded, AttitudeRemoved, AttitudeMoved, AcceleratorAdded, AcceleratorRemoved, AcceleratorMoved,
	AcceleratorKind, AcceleratorRenamed, URLAdded, URLRemoved, URLAddress, Title, Style, Size, Stages,
	EvolutionAxis, ValueChainAxis,
}

// TestEveryKindCovered fails when a kind of change appears in no case of
// testdata: each must be shown, with its wording, by a pair of maps.
func TestEveryKindCovered(t *testing.T) {
	seen := map[Kind]bool{}
	for _, name := range cases(t) {
		old, new := loadCase(t, name)
		for _, c := range Compare(old, new).Changes {
			seen[c.Kind] = true
		}
	}
	for _, k := range allKinds {
		if !seen[k] {
			t.Errorf("no case shows %s", k)
		}
	}
}
