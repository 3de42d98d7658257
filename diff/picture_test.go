package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/wardley-maps/wardley/internal/golden"
	"github.com/wardley-maps/wardley/internal/safetest"
	"github.com/wardley-maps/wardley/layout"
	"github.com/wardley-maps/wardley/model"
	svg "github.com/wardley-maps/wardley/render/svg"
	"github.com/wardley-maps/wardley/theme"
)

// loadCase compiles the two maps of testdata/NAME.txtar (nil when a side
// is missing).
func loadCase(t *testing.T, name string) (old, new *model.Map) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		switch f.Name {
		case "old.owm":
			old = compile(t, name+"/old.owm", f.Data)
		case "new.owm":
			new = compile(t, name+"/new.owm", f.Data)
		}
	}
	return old, new
}

func cases(t *testing.T) []string {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	var out []string
	for _, f := range files {
		out = append(out, strings.TrimSuffix(filepath.Base(f), ".txtar"))
	}
	if len(out) == 0 {
		t.Fatal("no cases")
	}
	return out
}

// wellFormed fails unless doc is a well-formed, safe SVG document (an svg
// root, no script: see internal/safetest).
func wellFormed(t *testing.T, name string, doc []byte) {
	t.Helper()
	if err := safetest.SVG(doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// listOnly are the changes with no place on the map: the legend lists
// them.
var listOnly = map[Kind]bool{
	URLAdded: true, URLRemoved: true, URLAddress: true, Style: true, Size: true, Stages: true,
	EvolutionAxis: true, ValueChainAxis: true,
}

// TestPictureMarksEveryChange draws every case: each change with a place
// on the map has a mark whose title names it, the legend lists every
// change, and the SVG is well-formed and the same on every run.
func TestPictureMarksEveryChange(t *testing.T) {
	for _, name := range cases(t) {
		t.Run(name, func(t *testing.T) {
			old, new := loadCase(t, name)
			res := Compare(old, new)
			s := Layout(res, Options{OldName: "a.owm", NewName: "b.owm"})
			var titles []string
			var legend *layout.Group
			for i, g := range s.Groups {
				if strings.HasPrefix(string(g.Role), "diff-") {
					titles = append(titles, g.Title)
				}
				if g.Role == layout.RoleLegend {
					if legend != nil {
						t.Fatal("two legends")
					}
					legend = &s.Groups[i]
				}
			}
			for _, c := range res.Changes {
				if listOnly[c.Kind] {
					continue
				}
				found := false
				for _, title := range titles {
					if strings.Contains(title, c.String()) {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("no mark for %q", c.String())
				}
			}
			if legend == nil {
				t.Fatal("no legend")
			}
			var texts []string
			for _, sh := range legend.Shapes {
				if sh.Text != nil && sh.Role == layout.RoleLegend {
					texts = append(texts, sh.Text.Lines...)
				}
			}
			if res.Empty() {
				if len(texts) != 1 || texts[0] != "No changes in meaning from a.owm to b.owm" {
					t.Errorf("legend of no changes: %q", texts)
				}
			} else {
				// The heading, the four counts, one line per change.
				if len(texts) != 5+len(res.Changes) {
					t.Errorf("legend has %d texts for %d changes: %q", len(texts), len(res.Changes), texts)
				}
				for i, c := range res.Changes {
					if i+5 < len(texts) && !strings.HasPrefix(c.String(), strings.TrimSuffix(texts[i+5], "…")) {
						t.Errorf("legend line %d is %q, want %q", i, texts[i+5], c.String())
					}
				}
			}
			for _, style := range theme.Names {
				s := Layout(res, Options{Layout: layout.Options{Style: style}})
				out, err := svg.Render(s)
				if err != nil {
					t.Fatal(err)
				}
				wellFormed(t, name+"/"+style, out)
				again, _ := svg.Render(Layout(res, Options{Layout: layout.Options{Style: style}}))
				if !bytes.Equal(out, again) {
					t.Errorf("%s: two pictures differ", style)
				}
			}
		})
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	golden.Check(t, path, got, *update, "go test ./diff -update")
}

// TestPictureGolden pins the scene and the SVG of two cases: the marks
// are in the scene, the drawing in the SVG.
func TestPictureGolden(t *testing.T) {
	for _, name := range []string{"elements", "pipelines"} {
		t.Run(name, func(t *testing.T) {
			old, new := loadCase(t, name)
			s := Layout(Compare(old, new), Options{OldName: "old.owm", NewName: "new.owm"})
			js, err := json.MarshalIndent(s, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", "picture", name+".json"), append(js, '\n'))
			out, err := svg.Render(s)
			if err != nil {
				t.Fatal(err)
			}
			wellFormed(t, name, out)
			checkGolden(t, filepath.Join("testdata", "picture", name+".svg"), out)
		})
	}
}

// TestPictureGrows keeps what was removed beyond the new map's page on the
// picture: the page grows to hold it.
func TestPictureGrows(t *testing.T) {
	old := compile(t, "old", []byte("title T\ncomponent A [0.5, 0.5]\ncomponent Far [-0.3, 1.25]\n"))
	new := compile(t, "new", []byte("title T\ncomponent A [0.5, 0.5]\n"))
	plain := layout.Layout(new, layout.Options{})
	s := Layout(Compare(old, new), Options{})
	if s.Width <= plain.Width {
		t.Errorf("width %v, want more than the new map's %v", s.Width, plain.Width)
	}
	if s.Height <= plain.Height {
		t.Errorf("height %v, want more than the new map's %v", s.Height, plain.Height)
	}
	for _, g := range s.Groups {
		for _, sh := range g.Shapes {
			x0, y0, x1, y1, ok := sh.Extent()
			if ok && (x0 < 0 || y0 < 0 || x1 > s.Width || y1 > s.Height) {
				t.Errorf("%s: shape [%v %v %v %v] outside the page %v × %v", g.ID, x0, y0, x1, y1, s.Width, s.Height)
			}
		}
	}
}

// TestPictureFarAway leaves out what lies far beyond the map (a maturity of
// 95 where 0.95 was meant), as Layout does, instead of growing the page.
func TestPictureFarAway(t *testing.T) {
	old := compile(t, "old", []byte("title T\ncomponent A [0.5, 0.5]\ncomponent Typo [0.5, 95]\nA->Typo\n"))
	new := compile(t, "new", []byte("title T\ncomponent A [0.5, 0.5]\n"))
	plain := layout.Layout(new, layout.Options{})
	s := Layout(Compare(old, new), Options{})
	// Changes to something far off the map draw no badge, and do not
	// fail.
	far := compile(t, "far", []byte("title T\ncomponent A [0.5, 0.5]\ncomponent Typo [0.5, 95] (build) inertia\n"))
	Layout(Compare(compile(t, "near", []byte("title T\ncomponent A [0.5, 0.5]\ncomponent Typo [0.5, 95]\n")), far), Options{})

	// The removed link runs off towards the typo; the page grows by half
	// the map area at most, as Layout's would.
	if max := plain.Width + plain.MapWidth/2; s.Width > max {
		t.Errorf("width %v, want at most %v", s.Width, max)
	}
	for _, g := range s.Groups {
		if g.Role == RoleRemoved && strings.Contains(g.Title, "component Typo removed") {
			t.Errorf("%s: the far component is drawn", g.ID)
		}
	}
}

// TestLegendLong lists at most legendEntries changes and counts the rest.
func TestLegendLong(t *testing.T) {
	var src strings.Builder
	src.WriteString("title Many\n")
	for i := range 75 {
		fmt.Fprintf(&src, "component C%d [%.2f, %.2f]\n", i, 0.1+float64(i%9)/10, 0.1+float64(i/9)/10)
	}
	new := compile(t, "new", []byte(src.String()))
	s := Layout(Compare(nil, new), Options{})
	last := s.Groups[len(s.Groups)-1]
	if last.Role != layout.RoleLegend {
		t.Fatalf("last group is %s, want the legend", last.Role)
	}
	n := 0
	more := ""
	for _, sh := range last.Shapes {
		if sh.Text == nil || sh.Role != layout.RoleLegend {
			continue
		}
		n++
		if strings.HasPrefix(sh.Text.Lines[0], "… and ") {
			more = sh.Text.Lines[0]
		}
	}
	// heading, four counts, 60 changes, the rest counted
	if n != 1+4+legendEntries+1 || !strings.HasPrefix(more, "… and 16 more") {
		t.Errorf("%d texts, last %q", n, more)
	}
}
