package model

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/internal/allocs"
	"github.com/wardley-maps/wardley/internal/gen"
	"github.com/wardley-maps/wardley/internal/testshared"
)

// compiled is a Map and its diagnostics as JSON.
func compiled(t *testing.T, m *Map, diags diag.List) string {
	t.Helper()
	b, err := json.Marshal(struct {
		Map   *Map
		Diags diag.List
	}{m, diags})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCompileSourceKeepsNoTree compiles every corpus map in turn, keeping
// each Map and its diagnostics, and checks that none changed once later
// maps were parsed in the same memory (CompileSource parses with
// parser.Use, which zeroes and reuses the nodes): a Map or diagnostic that
// pointed into its syntax tree would change.
func TestCompileSourceKeepsNoTree(t *testing.T) {
	type kept struct {
		name  string
		m     *Map
		diags diag.List
		was   string
	}
	var all []kept
	for range 2 {
		for _, file := range testshared.Corpus(t) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			m, diags := CompileSource(file, src)
			all = append(all, kept{file, m, diags, compiled(t, m, diags)})
		}
	}
	n := len(all) / 2
	for i, k := range all {
		if now := compiled(t, k.m, k.diags); now != k.was {
			t.Errorf("%s: the Map or its diagnostics changed after later maps were parsed", k.name)
		}
		if i >= n && k.was != all[i-n].was {
			t.Errorf("%s: compiled twice, read differently", k.name)
		}
	}
}

// TestUseMatchesCompileSource compiles every corpus map and generated maps
// with Use, each in memory another map left (forwards, then backwards),
// and checks each Map and its diagnostics against CompileSource's.
func TestUseMatchesCompileSource(t *testing.T) {
	srcs := testshared.Sources(t)
	for _, n := range []int{10, 300} {
		srcs = append(srcs, gen.Map(gen.Options{Components: n, Seed: 2}))
	}
	srcs = append(srcs, []byte("component A [0.5\nA->B\n"), nil)
	check := func(i int) {
		m, diags := CompileSource("use.owm", srcs[i])
		want := compiled(t, m, diags)
		Use("use.owm", srcs[i], func(m *Map, diags diag.List) {
			if got := compiled(t, m, diags); got != want {
				t.Errorf("source %d: Use compiles\n%s\nCompileSource\n%s", i, got, want)
			}
		})
	}
	for i := range srcs {
		check(i)
	}
	for i := len(srcs) - 1; i >= 0; i-- {
		check(i)
	}
}

// TestUseReuses checks that Use saves the allocations it is for: compiling
// the median map again allocates at most a third of the bytes
// CompileSource does (9.0 of 31.5 KiB when written: the source as a
// string, the line index, the diagnostics, the Map's strings).
func TestUseReuses(t *testing.T) {
	src, err := os.ReadFile(testshared.Median(t))
	if err != nil {
		t.Fatal(err)
	}
	_, fresh := allocs.Least(t, 5, func() { CompileSource("median.owm", src) })
	_, reused := allocs.Least(t, 5, func() { Use("median.owm", src, func(*Map, diag.List) {}) })
	if reused > fresh/3 {
		t.Errorf("Use allocated %d bytes, CompileSource %d: the memory is not reused", reused, fresh)
	}
}
