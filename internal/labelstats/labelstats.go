// Package labelstats compares label placements over many maps: for each
// map, the layout.Metrics of its scene with OnlineWardleyMaps' fixed label
// offsets and with automatic placement. The corpus test and
// bench/labels.sh print its tables.
package labelstats

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/wardley-maps/wardley/layout"
	"github.com/wardley-maps/wardley/model"
)

// Row is one map measured three ways: with OWM's offsets, with automatic
// placement (the labels their authors placed stay), and with every label
// placed (layout.LabelsAll).
type Row struct {
	Name           string
	OWM, Auto, All layout.Metrics
}

// Compare compiles a map and measures its scene in the three placements, at the
// map's own size; ok is false when the map has errors.
func Compare(name string, src []byte) (r Row, ok bool) {
	m, diags := model.CompileSource(name, src)
	if m == nil || diags.HasErrors() {
		return Row{}, false
	}
	return Row{
		Name: name,
		OWM:  layout.Measure(layout.Layout(m, layout.Options{Labels: layout.LabelsOWM})),
		Auto: layout.Measure(layout.Layout(m, layout.Options{Labels: layout.LabelsAuto})),
		All:  layout.Measure(layout.Layout(m, layout.Options{Labels: layout.LabelsAll})),
	}, true
}

// Total sums the rows.
func Total(rows []Row) Row {
	t := Row{Name: "total"}
	for _, r := range rows {
		t.OWM, t.Auto, t.All = t.OWM.Add(r.OWM), t.Auto.Add(r.Auto), t.All.Add(r.All)
	}
	return t
}

// Reduction is the share of what OWM's placement has that automatic
// placement removes, in percent (0 when OWM's has none).
func Reduction(owm, auto int) float64 {
	if owm == 0 {
		return 0
	}
	return 100 * float64(owm-auto) / float64(owm)
}

// WriteMarkdown writes the rows as a Markdown table, with their total and
// the reductions in a last line. Overlaps are pairs of labels; crossings
// are labels crossing a symbol or a line; "free" counts only what
// automatic placement may move (see layout.Metrics); the last two columns
// are --labels=all's, which moves the labels their authors placed too.
func WriteMarkdown(w io.Writer, rows []Row) error {
	var b strings.Builder
	b.WriteString("| map | labels (free) | overlaps owm → auto | free overlaps owm → auto | crossings owm → auto | free crossings owm → auto | leaders | overlaps, all | crossings, all |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	line := func(r Row, bold bool) {
		name := r.Name
		if bold {
			name = "**" + name + "**"
		}
		fmt.Fprintf(&b, "| %s | %d (%d) | %d → %d | %d → %d | %d → %d | %d → %d | %d | %d | %d |\n", name,
			r.OWM.Labels, r.OWM.FreeLabels, r.OWM.Overlaps, r.Auto.Overlaps, r.OWM.FreeOverlaps, r.Auto.FreeOverlaps,
			r.OWM.Crossings, r.Auto.Crossings, r.OWM.FreeCrossings, r.Auto.FreeCrossings, r.Auto.Leaders,
			r.All.Overlaps, r.All.Crossings)
	}
	for _, r := range rows {
		line(r, false)
	}
	t := Total(rows)
	line(t, true)
	fmt.Fprintf(&b, "| **reduction** | | %.1f%% | %.1f%% | %.1f%% | %.1f%% | | %.1f%% | %.1f%% |\n",
		Reduction(t.OWM.Overlaps, t.Auto.Overlaps), Reduction(t.OWM.FreeOverlaps, t.Auto.FreeOverlaps),
		Reduction(t.OWM.Crossings, t.Auto.Crossings), Reduction(t.OWM.FreeCrossings, t.Auto.FreeCrossings),
		Reduction(t.OWM.Overlaps, t.All.Overlaps), Reduction(t.OWM.Crossings, t.All.Crossings))
	_, err := io.WriteString(w, b.String())
	return err
}

// Crowded returns the n rows with the most label overlaps in OWM's
// placement (ties by name), the most crowded maps first.
func Crowded(rows []Row, n int) []Row {
	return top(rows, n, func(r Row) int { return r.OWM.Overlaps })
}

// Worst returns the n rows where automatic placement left the most: the
// most overlaps involving a free label, then the most free labels crossing
// a symbol or a line (what is left between labels their authors placed is
// theirs).
func Worst(rows []Row, n int) []Row {
	return top(rows, n, func(r Row) int { return r.Auto.FreeOverlaps*1000 + r.Auto.FreeCrossings })
}

func top(rows []Row, n int, key func(Row) int) []Row {
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b Row) int {
		if ka, kb := key(a), key(b); ka != kb {
			return kb - ka
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out[:min(n, len(out))]
}
