package model

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/internal/testshared"
)

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
	show := func(m *Map, diags diag.List) string {
		b, err := json.Marshal(struct {
			Map   *Map
			Diags diag.List
		}{m, diags})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	var all []kept
	for range 2 {
		for _, file := range testshared.Corpus(t) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			m, diags := CompileSource(file, src)
			all = append(all, kept{file, m, diags, show(m, diags)})
		}
	}
	n := len(all) / 2
	for i, k := range all {
		if now := show(k.m, k.diags); now != k.was {
			t.Errorf("%s: the Map or its diagnostics changed after later maps were parsed", k.name)
		}
		if i >= n && k.was != all[i-n].was {
			t.Errorf("%s: compiled twice, read differently", k.name)
		}
	}
}
