package model

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/wardley-maps/wardley/internal/testshared"
)

// TestOWMMaturity checks that owmMaturity finds what OWM's regular
// expression finds, on hand-made lines and on every corpus line.
func TestOWMMaturity(t *testing.T) {
	rx := regexp.MustCompile(`\s[0-9]?\.[0-9]+`)
	lines := []string{
		"", " ", ".5", " .5", "evolve A 0.8", "evolve A->B 0.8", "evolve A  12.5", "evolve A 1.",
		"evolve A\t.25 label [1, 2]", "evolve A 3 .7", "evolve 0.9 A 0.8", "evolve A 00.8", "evolve A\v0.8",
		"evolve A\f0.8", "evolve A\r.8", "evolve A\n1.23456", "evolve A 0.", "evolve A 0..8", "x 1.2.3",
		"evolve A\u00a00.8", "evolve A 9.9e3", "evolve A -0.8", "evolve  .", "a 1 .1",
	}
	for _, p := range testshared.Corpus(t) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(src), "\n")...)
	}
	for _, line := range lines {
		start, end, ok := owmMaturity(line)
		loc := rx.FindStringIndex(line)
		if ok != (loc != nil) || ok && (start != loc[0] || end != loc[1]) {
			t.Errorf("owmMaturity(%q) = %d, %d, %v; the regexp finds %v", line, start, end, ok, loc)
		}
	}
}
