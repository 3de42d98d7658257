// Command labelstats prints, as Markdown, how automatic label placement
// compares with OnlineWardleyMaps' fixed offsets on a set of maps: per map,
// label overlaps and labels crossing symbols or lines (layout.Metrics),
// their totals, the most crowded maps and the worst left. bench/labels.sh
// runs it on the corpus.
//
//	go run ./bench/labelstats MAP.owm...
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/wardley-maps/wardley/internal/labelstats"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "labelstats:", err)
		os.Exit(1)
	}
}

func run(paths []string) error {
	if len(paths) == 0 {
		return fmt.Errorf("usage: labelstats MAP.owm")
	}
	var rows []labelstats.Row
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if r, ok := labelstats.Compare(strings.TrimSuffix(filepath.Base(p), ".owm"), src); ok {
			rows = append(rows, r)
		} else {
			fmt.Fprintf(os.Stderr, "labelstats: %s has errors: skipped\n", p)
		}
	}
	w := os.Stdout
	fmt.Fprintf(w, "## Label placement: OWM's offsets → automatic, %d maps\n\n", len(rows))
	fmt.Fprintln(w, "Overlaps: pairs of labels whose boxes overlap. Crossings: labels crossing a symbol or a line.")
	fmt.Fprintln(w, "Free: what automatic placement may move (labels without `label [x, y]`, flow values).")
	fmt.Fprintln(w)
	if err := labelstats.WriteMarkdown(w, rows); err != nil {
		return err
	}
	fmt.Fprintln(w, "\n### The five most crowded maps (by overlaps with OWM's offsets)")
	fmt.Fprintln(w)
	if err := labelstats.WriteMarkdown(w, labelstats.Crowded(rows, 5)); err != nil {
		return err
	}
	fmt.Fprintln(w, "\n### The five worst maps left (by free overlaps, then free crossings, after placement)")
	fmt.Fprintln(w)
	return labelstats.WriteMarkdown(w, labelstats.Worst(rows, 5))
}
