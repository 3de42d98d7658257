// Command touch measures what this machine charges for memory a process
// touches for the first time: it maps MiB mebibytes (64 unless given) of
// fresh anonymous memory, writes one byte in each 4 KiB page, and prints
// the time, the page faults and the cost of each; then the same with the
// range marked for transparent huge pages (madvise MADV_HUGEPAGE), which
// the kernel may or may not honour. bench/run.sh prints its line under
// the machine's: a command's first touches of its heap, code and data are
// most of what it costs to start and to draw one map.
//
//	touch [MiB]
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	mib := 64
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n < 1 || n > 4096 {
			fmt.Fprintln(os.Stderr, "usage: touch [MiB], 1 to 4096")
			os.Exit(2)
		}
		mib = n
	}
	small, err := touch(mib, false)
	if err != nil {
		fmt.Fprintln(os.Stderr, "touch:", err)
		os.Exit(1)
	}
	huge, err := touch(mib, true)
	if err != nil {
		fmt.Fprintln(os.Stderr, "touch:", err)
		os.Exit(1)
	}
	fmt.Printf("touching %d MiB of fresh memory: %s in 4 KiB pages; %s with huge pages asked for\n", mib, small, huge)
}
