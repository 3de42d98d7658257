package main

import (
	"fmt"
	"syscall"
	"time"
)

// touch maps mib MiB, writes a byte in each 4 KiB page, unmaps it, and
// says how long that took and how many page faults it made.
func touch(mib int, huge bool) (string, error) {
	const page = 4096
	n := mib << 20
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return "", err
	}
	defer syscall.Munmap(b)
	if huge {
		if err := syscall.Madvise(b, 14); err != nil { // MADV_HUGEPAGE
			return "", err
		}
	}
	f0 := faults()
	t := time.Now()
	for i := 0; i < n; i += page {
		b[i] = 1
	}
	d := time.Since(t)
	f := faults() - f0
	ms := float64(d.Microseconds()) / 1000
	return fmt.Sprintf("%.0f ms (%.2f ms a MiB), %d page faults", ms, ms/float64(mib), f), nil
}

// faults is the process's minor page faults so far.
func faults() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Minflt
}
