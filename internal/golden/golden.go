// Package golden compares test output with golden files, and rewrites them
// when the tests run with -update.
package golden

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// Check fails t unless got equals the golden file at path. With update it
// writes got to path instead (creating its directory), for the developer
// to read the diff. rerun is the command that rewrites the file, for the
// failure messages: "go test ./layout -update".
func Check(t testing.TB, path string, got []byte, update bool, rerun string) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run %s to create it)", err, rerun)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run %s and read the diff", path, rerun)
	}
}
