package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A PNG or PDF is never written to a terminal: the command refuses with a
// usage error and writes nothing; redirected, the same command works.
func TestBinaryNotToTerminal(t *testing.T) {
	dir := t.TempDir()
	old, new := writeFile(t, dir, "old.owm", "component A [0.5, 0.5]\n"), writeFile(t, dir, "new.owm", "component A [0.5, 0.6]\n")
	for _, args := range [][]string{
		{"render", "--format", "png", "-o", "-", new},
		{"render", "-o", "-", "--format", "pdf", new},
		{"diff", "--format", "png", old, new},
		{"diff", "--format", "pdf", "-o", "-", old, new},
	} {
		env, stdout, stderr := batchEnv(false, 1)
		env.StdoutTTY = true
		if code := Main(env, args); code != 2 {
			t.Errorf("%q on a terminal: exit %d, want 2; stderr:\n%s", args, code, stderr)
		}
		if stdout.Len() != 0 {
			t.Errorf("%q on a terminal wrote %d bytes to it", args, stdout.Len())
		}
		if !strings.Contains(stderr.String(), "is binary: use -o FILE, or redirect standard output") {
			t.Errorf("%q: stderr %q does not say why", args, stderr)
		}
		env, stdout, stderr = batchEnv(false, 1)
		if code := Main(env, args); code != 0 || stdout.Len() == 0 {
			t.Errorf("%q redirected: exit %d, %d bytes; stderr:\n%s", args, code, stdout.Len(), stderr)
		}
	}
	// SVG and text are fine on a terminal.
	for _, args := range [][]string{{"render", "-o", "-", new}, {"diff", old, new}} {
		env, stdout, stderr := batchEnv(false, 1)
		env.StdoutTTY = true
		if code := Main(env, args); code != 0 || stdout.Len() == 0 {
			t.Errorf("%q on a terminal: exit %d, %d bytes; stderr:\n%s", args, code, stdout.Len(), stderr)
		}
	}
}

func writeFile(t *testing.T, dir, name, src string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
