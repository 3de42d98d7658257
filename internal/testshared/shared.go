// Package testshared finds ../shared (the corpus, the spec, the reference
// renders) for tests, relative to this source file, and applies the team's
// rule: tests that need it skip when it is absent, unless
// WARDLEY_REQUIRE_SHARED=1, when they fail.
package testshared

import (
	"cmp"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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

// Sources returns the text of every corpus map, in Corpus's order.
func Sources(t testing.TB) [][]byte {
	t.Helper()
	var srcs [][]byte
	for _, file := range Corpus(t) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	return srcs
}

// Median returns the path of the corpus map of median size in bytes (the
// lower middle one, ties broken by name), the map benchmarks call typical.
// It is computed, not named, so that it stays the median as the corpus
// changes.
func Median(t testing.TB) string {
	t.Helper()
	type sized struct {
		path string
		size int64
	}
	var maps []sized
	for _, p := range Corpus(t) {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		maps = append(maps, sized{p, st.Size()})
	}
	slices.SortFunc(maps, func(a, b sized) int {
		if a.size != b.size {
			return cmp.Compare(a.size, b.size)
		}
		return strings.Compare(a.path, b.path)
	})
	return maps[(len(maps)-1)/2].path
}
