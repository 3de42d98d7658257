// Package testshared finds ../shared (the corpus, the spec, the reference
// renders) for tests, relative to this source file, and applies the team's
// rule: tests that need it skip when it is absent, unless
// WARDLEY_REQUIRE_SHARED=1, when they fail.
package testshared

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Find returns the shared directory: "shared" beside the repository, or
// beside one of its parents (a git worktree under wt/ sits one level
// deeper than the main checkout); "" when there is none.
func Find() string {
	_, file, _, _ := runtime.Caller(0)
	repo := filepath.Join(filepath.Dir(file), "..", "..")
	for up := 0; up < 3; up++ {
		d := filepath.Join(repo, strings.Repeat("../", up+1), "shared")
		if st, err := os.Stat(filepath.Join(d, "corpus")); err == nil && st.IsDir() {
			abs, _ := filepath.Abs(d)
			return abs
		}
	}
	return ""
}

// Dir returns the shared directory, or skips (or fails) t when it is not
// there.
func Dir(t testing.TB) string {
	t.Helper()
	if d := Find(); d != "" {
		return d
	}
	if os.Getenv("WARDLEY_REQUIRE_SHARED") == "1" {
		t.Fatalf("../shared not found beside the repository (WARDLEY_REQUIRE_SHARED=1)")
	}
	t.Skipf("../shared not found beside the repository")
	return ""
}

// Corpus returns the paths of the corpus maps, sorted.
func Corpus(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(Dir(t), "corpus", "*.owm"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus maps in %s: %v", Dir(t), err)
	}
	return files
}

// MedianMap is the corpus map of median size, used by benchmarks.
const MedianMap = "research2022__education-education-async-sync.owm"
