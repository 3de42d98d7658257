// Command genmap writes a generated map (internal/gen) of N components to
// standard output, for bench/run.sh to time the command line on.
//
//	go run ./bench/genmap [-seed S] N > map.owm
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"

	"github.com/wardley-maps/wardley/internal/gen"
)

func main() {
	seed := flag.Uint64("seed", 0, "generator seed: the same seed gives the same map")
	flag.Parse()
	n, err := strconv.Atoi(flag.Arg(0))
	if flag.NArg() != 1 || err != nil || n < 1 {
		fmt.Fprintln(os.Stderr, "usage: genmap [-seed S] COMPONENTS")
		os.Exit(2)
	}
	if _, err := os.Stdout.Write(gen.Map(gen.Options{Components: n, Seed: *seed})); err != nil {
		fmt.Fprintln(os.Stderr, "genmap:", err)
		os.Exit(1)
	}
}
