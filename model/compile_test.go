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
