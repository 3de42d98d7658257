package model

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/wardley-maps/wardley/internal/diagtest"
	"github.com/wardley-maps/wardley/internal/testshared"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestCompile runs every testdata/*.txtar case: `input.owm` compiled, the
// Map as JSON compared with `model.json`, and the diagnostics (of parse and
// compile) with the `// ERROR "rx"` and `// WARNING "rx"` markers of the
// input (see internal/diagtest). `go test ./model -update` rewrites
// model.json; read the diff.
func TestCompile(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var src []byte
			for _, f := range ar.Files {
				if f.Name == "input.owm" {
					src = f.Data
				}
			}
			m, diags := CompileSource("input.owm", src)
			diagtest.CheckRanges(t, "input.owm", src, diags)
			diagtest.CheckInline(t, src, diags)
			got, err := json.MarshalIndent(m, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			for i, f := range ar.Files {
				if f.Name != "model.json" || bytes.Equal(f.Data, got) {
					continue
				}
				if *update {
					ar.Files[i].Data = got
					if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				t.Errorf("model differs:\n--- got\n%s--- want\n%s", got, f.Data)
			}
		})
	}
}

// TestCorpusCompiles compiles every corpus map: no panic, valid ranges,
// and a Map that marshals to JSON.
func TestCorpusCompiles(t *testing.T) {
	for _, file := range testshared.Corpus(t) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		m, diags := CompileSource(filepath.Base(file), src)
		diagtest.CheckRanges(t, filepath.Base(file), src, diags)
		if _, err := json.Marshal(m); err != nil {
			t.Errorf("%s: %v", file, err)
		}
	}
}

func TestSlugAndIDs(t *testing.T) {
	for in, want := range map[string]string{
		"Kettle": "kettle", "Cup of Tea": "cup-of-tea", "  A--B  ": "a-b", "Café Crème": "café-crème",
		"x/y (z)": "x-y-z", "": "", "!!!": "", "web-2-0": "web-2-0", "Web 2.0": "web-2-0",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
	m, _ := CompileSource("ids.owm", []byte("component Kettle [0.5, 0.5]\ncomponent Kettle [0.4, 0.4]\ncomponent Kettle 2 [0.3, 0.3]\ncomponent !! [0.2, 0.2]\nevolve Kettle 0.8\n"))
	var ids []string
	for _, e := range m.Elements {
		ids = append(ids, e.ID)
	}
	for _, ev := range m.Evolutions {
		ids = append(ids, ev.CopyID)
	}
	want := "component-kettle component-kettle-2 component-kettle-2-2 component evolved-kettle"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("ids = %s\nwant  %s", got, want)
	}
}

// FuzzCompile checks that no input makes the compiler panic, that every
// diagnostic has a valid range, and that the model and the OWM export
// marshal.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		"component A [0.5, 0.5]\nevolve A 0.8\nA->B\n",
		"pipeline P\n{\n  component C [0.3]\n}\ncomponent P [0.5, 0.5]\nC->P\n",
		"submap S [0.5, 0.5] url(u)\nurl u [https://x]\nanchor S [0.1, 0.1]\nevolve S->T 0.9 (buy)\n",
		"annotation 1 [[0.1,0.2],[0.3,0.4]] t\nannotations [0.5, 0.5]\npioneers [0.9, 0.1] 12 3\n",
		"component X [0.5, 0.5] evolve 0.7\nbuild X\nmarket M [0.1, 0.2]\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		m, diags := CompileSource("fuzz.owm", []byte(src))
		diagtest.CheckRanges(t, "fuzz.owm", []byte(src), diags)
		if _, err := json.Marshal(m); err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(m.OWM(diags), &v); err != nil {
			t.Fatalf("OWM export is not JSON: %v", err)
		}
	})
}
