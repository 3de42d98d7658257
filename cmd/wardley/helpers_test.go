package main

import (
	"flag"
	"os"
	"path/filepath"
	"runtime"
)

var update = flag.Bool("update", false, "rewrite golden files and script expectations")

// sharedDir is ../shared beside the repository (the corpus and the OWM
// reference renders), or "" when it is not there.
func sharedDir() string {
	_, file, _, _ := runtime.Caller(0)
	d := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared")
	if st, err := os.Stat(d); err == nil && st.IsDir() {
		abs, _ := filepath.Abs(d)
		return abs
	}
	return ""
}
