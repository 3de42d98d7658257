// Command loop times the whole pipeline (wardley.Render, text to SVG) on
// one map in a process of its own: after 300 renders to fill the pools,
// ROUNDS rounds (7 unless given) of N renders each (1,000 unless given),
// and prints the median round's time a map, the fastest and the slowest.
//
// It measures what BenchmarkStage's pipeline row measures, in a process
// that does nothing else (the test binary first builds every benchmark
// map, and times the stages one after the other), with the spread of the
// rounds, which on a shared machine says how far to trust the median.
// bench/run.sh prints its line under the in-process table.
//
//	loop MAP [N [ROUNDS]]
package main

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/wardley-maps/wardley"
)

func main() {
	if len(os.Args) < 2 || len(os.Args) > 4 {
		fmt.Fprintln(os.Stderr, "usage: loop MAP [N [ROUNDS]]")
		os.Exit(2)
	}
	n, rounds := 1000, 7
	for i, p := range []*int{&n, &rounds} {
		if len(os.Args) > 2+i {
			v, err := strconv.Atoi(os.Args[2+i])
			if err != nil || v < 1 || v > 1_000_000 {
				fmt.Fprintln(os.Stderr, "usage: loop MAP [N [ROUNDS]], N and ROUNDS from 1 to 1,000,000")
				os.Exit(2)
			}
			*p = v
		}
	}
	src, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	render := func() {
		if _, diags, err := wardley.Render(src, wardley.SVG, wardley.Options{}); err != nil || diags.HasErrors() {
			fmt.Fprintf(os.Stderr, "%s: %v %v\n", os.Args[1], err, diags.Err())
			os.Exit(1)
		}
	}
	for range 300 {
		render()
	}
	per := make([]float64, rounds)
	for r := range per {
		t := time.Now()
		for range n {
			render()
		}
		per[r] = float64(time.Since(t).Nanoseconds()) / float64(n) / 1e3
	}
	slices.Sort(per)
	fmt.Printf("%.0f µs a map (median of %d rounds of %d; fastest %.0f, slowest %.0f)\n",
		per[rounds/2], rounds, n, per[0], per[rounds-1])
}
