package labelstats

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardley-maps/wardley/internal/testshared"
)

func corpusRows(t *testing.T) []Row {
	t.Helper()
	var rows []Row
	for _, path := range testshared.Corpus(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if r, ok := Compare(strings.TrimSuffix(filepath.Base(path), ".owm"), src); ok {
			rows = append(rows, r)
		}
	}
	if len(rows) < 100 {
		t.Fatalf("only %d corpus maps compiled", len(rows))
	}
	return rows
}

// TestCorpus is the label placement's acceptance test over every corpus
// map: automatic placement removes at least 90% of the label overlaps it
// can act on, never adds an overlap to any map, leaves the labels their
// authors placed where they were, and cuts the free labels crossing a
// symbol or a line by a third or more, with leader lines for one label in
// ten at most; --labels=all, which may move the labels their authors placed
// too, removes at least 90% of all the overlaps. go test -v prints the per-map table; bench/labels.sh prints
// the same table on its own.
func TestCorpus(t *testing.T) {
	rows := corpusRows(t)
	var table strings.Builder
	if err := WriteMarkdown(&table, rows); err != nil {
		t.Fatal(err)
	}
	t.Log("label metrics, OWM's fixed offsets → automatic placement:\n" + table.String())
	for _, r := range rows {
		if r.Auto.Overlaps > r.OWM.Overlaps {
			t.Errorf("%s: %d label overlaps with automatic placement, %d with OWM's offsets", r.Name, r.Auto.Overlaps, r.OWM.Overlaps)
		}
		if p, q := r.OWM.Overlaps-r.OWM.FreeOverlaps, r.Auto.Overlaps-r.Auto.FreeOverlaps; p != q {
			t.Errorf("%s: %d overlaps between labels placed by the author with OWM's offsets, %d with automatic placement: they must not move", r.Name, p, q)
		}
		if r.All.Overlaps > r.OWM.Overlaps {
			t.Errorf("%s: %d label overlaps with --labels=all, %d with OWM's offsets", r.Name, r.All.Overlaps, r.OWM.Overlaps)
		}
		if r.OWM.Leaders != 0 {
			t.Errorf("%s: %d leader lines with OWM's offsets", r.Name, r.OWM.Leaders)
		}
	}
	tot := Total(rows)
	if got := Reduction(tot.OWM.FreeOverlaps, tot.Auto.FreeOverlaps); got < 90 {
		t.Errorf("free label overlaps %d → %d: %.1f%% fewer, want at least 90%%", tot.OWM.FreeOverlaps, tot.Auto.FreeOverlaps, got)
	}
	if got := Reduction(tot.OWM.FreeCrossings, tot.Auto.FreeCrossings); got < 35 {
		t.Errorf("free labels crossing a symbol or a line %d → %d: %.1f%% fewer, want at least 35%%", tot.OWM.FreeCrossings, tot.Auto.FreeCrossings, got)
	}
	// --labels=all may move every label: it must remove nine overlaps in
	// ten of all there are, and cross fewer symbols and lines than auto.
	if got := Reduction(tot.OWM.Overlaps, tot.All.Overlaps); got < 90 {
		t.Errorf("label overlaps with --labels=all %d → %d: %.1f%% fewer, want at least 90%%", tot.OWM.Overlaps, tot.All.Overlaps, got)
	}
	if tot.All.Crossings > tot.Auto.Crossings {
		t.Errorf("labels crossing a symbol or a line: %d with --labels=all, %d with auto", tot.All.Crossings, tot.Auto.Crossings)
	}
	if tot.All.Leaders*10 > tot.All.FreeLabels {
		t.Errorf("%d leader lines with --labels=all for %d free labels", tot.All.Leaders, tot.All.FreeLabels)
	}
	if tot.Auto.Leaders*10 > tot.Auto.FreeLabels {
		t.Errorf("%d leader lines for %d free labels: leaders are for the crowded spots only", tot.Auto.Leaders, tot.Auto.FreeLabels)
	}
}

func TestTables(t *testing.T) {
	rows := []Row{{Name: "b"}, {Name: "a"}, {Name: "c"}}
	rows[0].OWM.Overlaps, rows[0].Auto.Overlaps = 4, 0
	rows[1].OWM.Overlaps, rows[1].Auto.Overlaps, rows[1].Auto.FreeOverlaps = 4, 1, 1
	rows[2].Auto.Overlaps, rows[2].Auto.FreeCrossings = 3, 2
	rows[2].OWM.Overlaps = 1
	if got := Crowded(rows, 2); got[0].Name != "a" || got[1].Name != "b" {
		t.Errorf("Crowded = %v, want a then b (ties by name)", got)
	}
	if got := Worst(rows, 1); got[0].Name != "a" {
		t.Errorf("Worst = %v, want a", got)
	}
	var b strings.Builder
	if err := WriteMarkdown(&b, rows); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "| **total** | 0 (0) | 9 → 4 |") || !strings.Contains(b.String(), "| **reduction** | | 55.6% |") {
		t.Errorf("table:\n%s", b.String())
	}
	if Reduction(0, 0) != 0 {
		t.Error("no overlaps to remove is no reduction")
	}
}
