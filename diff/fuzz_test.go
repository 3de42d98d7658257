package diff

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/wardley-maps/wardley/model"
	svg "github.com/wardley-maps/wardley/render/svg"
)

// FuzzCompare compares any two maps that compile: no panic, a map is the
// same as itself, and the picture is well-formed. The seeds are the test
// cases' pairs.
func FuzzCompare(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	for _, path := range files {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			f.Fatal(err)
		}
		var old, new []byte
		for _, file := range ar.Files {
			switch file.Name {
			case "old.owm":
				old = file.Data
			case "new.owm":
				new = file.Data
			}
		}
		f.Add(old, new)
	}
	f.Fuzz(func(t *testing.T, oldSrc, newSrc []byte) {
		start := time.Now()
		defer func() {
			if d := time.Since(start); d > 2*time.Second {
				t.Fatalf("took %v", d)
			}
		}()
		old, d1 := model.CompileSource("old", oldSrc)
		new, d2 := model.CompileSource("new", newSrc)
		if d1.HasErrors() || d2.HasErrors() {
			return
		}
		if res := Compare(old, old); !res.Empty() {
			t.Fatalf("a map differs from itself: %v", res.Changes[0].String())
		}
		res := Compare(old, new)
		var b bytes.Buffer
		if err := res.WriteText(&b, TextOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := res.WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
		out, err := svg.Render(Layout(res, Options{}))
		if err != nil {
			t.Fatal(err)
		}
		wellFormed(t, "picture", out)
	})
}
