package gen

import (
	"bytes"
	"strings"
	"testing"
)

func TestDeterministic(t *testing.T) {
	a := Map(Options{Components: 300, Seed: 7})
	b := Map(Options{Components: 300, Seed: 7})
	if !bytes.Equal(a, b) {
		t.Fatal("same options gave different maps")
	}
	if c := Map(Options{Components: 300, Seed: 8}); bytes.Equal(a, c) {
		t.Fatal("different seeds gave the same map")
	}
}

func TestSizeAndFeatures(t *testing.T) {
	for _, n := range []int{10, 100, 1000, 10000} {
		src := string(Map(Options{Components: n, Seed: 1, Style: "wardley"}))
		top := 0
		inBlock := false
		for _, line := range strings.Split(src, "\n") {
			switch {
			case line == "{":
				inBlock = true
			case line == "}":
				inBlock = false
			case !inBlock && (strings.HasPrefix(line, "component ") || strings.HasPrefix(line, "submap ")):
				top++
			}
		}
		if top != n {
			t.Errorf("n=%d: %d top-level components", n, top)
		}
		for _, feature := range []string{"anchor ", "evolve ", "->", "+", "pipeline ", "\n{\n", "note ",
			"annotation ", "annotations ", "pioneers ", "settlers ", "townplanners ", "accelerator ",
			"deaccelerator ", "evolution ", "style wardley", "(build)", "(buy)", "(outsource)", "(market)",
			"(ecosystem)", "inertia", "label [", "//", "/*", `"`} {
			if n >= 100 && !strings.Contains(src, feature) {
				t.Errorf("n=%d: no %q", n, feature)
			}
		}
		if n >= 100 && (!strings.Contains(src, "submap ") || !strings.Contains(src, "url url")) {
			t.Errorf("n=%d: no submap with url", n)
		}
	}
}
