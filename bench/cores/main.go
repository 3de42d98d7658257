// Command cores measures how fast this machine's cores are at the moment:
// it hashes MiB mebibytes (32 unless given) with SHA-256 on each of N
// goroutines at once (1 unless given) and prints the wall time in
// milliseconds. bench/run.sh runs it pinned to each core in turn
// (taskset), then on two goroutines unpinned, and prints one line: on a
// shared virtual machine one core can run at half the speed of the other
// for minutes at a time, which no number measured in that while escapes,
// and two cores are worth what `two at once` says, not twice one.
//
//	cores [MiB] [N]
package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

func main() {
	mib, n := 32, 1
	for i, p := range []*int{&mib, &n} {
		if len(os.Args) > i+1 {
			v, err := strconv.Atoi(os.Args[i+1])
			if err != nil || v < 1 || v > 4096 {
				fmt.Fprintln(os.Stderr, "usage: cores [MiB] [N], each 1 to 4096")
				os.Exit(2)
			}
			*p = v
		}
	}
	block := make([]byte, 1<<20)
	for i := range block {
		block[i] = byte(i)
	}
	start := time.Now()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			h := sha256.New()
			for range mib {
				h.Write(block)
			}
			_ = h.Sum(nil)
		})
	}
	wg.Wait()
	fmt.Printf("%.0f\n", float64(time.Since(start).Microseconds())/1000)
}
