package parser

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/internal/allocs"
	"github.com/wardley-maps/wardley/internal/testshared"
)

// useSources are the corpus maps and tricky lines, in an order that makes
// each Use reuse memory left by a different map: big after small, comments
// after none, broken lines (participle's nodes) among good ones.
func useSources(t *testing.T) [][]byte {
	srcs := testshared.Sources(t)
	for _, l := range trickyLines {
		srcs = append(srcs, []byte(l+"\n"))
	}
	srcs = append(srcs, []byte("/* unclosed\ncomponent A [0.5, 0.5]\n"), nil)
	return srcs
}

// summary is all of a parse: the tree, the comments and the diagnostics.
func summary(f *File, diags diag.List) string {
	var b strings.Builder
	b.WriteString(dump(f))
	for _, c := range f.Comments {
		fmt.Fprintf(&b, "comment %d-%d %q block=%v unclosed=%v\n", c.Pos, c.End, c.Text, c.Block, c.Unclosed)
	}
	for _, d := range diags {
		fmt.Fprintf(&b, "%s\n", d)
	}
	return b.String()
}

// TestUseMatchesParse checks that a parse in reused memory reads every map
// as a fresh parse does: nothing left from the map before shows through.
func TestUseMatchesParse(t *testing.T) {
	srcs := useSources(t)
	for round := range 2 {
		for i, src := range srcs {
			want := summary(Parse("use.owm", src))
			Use("use.owm", src, func(f *File, diags diag.List) {
				if got := summary(f, diags); got != want {
					t.Errorf("round %d, source %d: Use reads\n%s\nParse reads\n%s", round, i, got, want)
				}
			})
		}
	}
}

// TestUseReuses checks that Use saves the allocations it is for: a second
// parse of a map costs at most a third of the allocations of Parse (7 of
// 30 for this map).
func TestUseReuses(t *testing.T) {
	src := []byte("title Tea\n// a comment\nanchor Customer [0.95, 0.6]\ncomponent Cup of Tea [0.79, 0.61] label [19, -4]\n" +
		"component Tea [0.63, 0.81]\nCustomer->Cup of Tea\nCup of Tea->Tea; fresh\nevolve Tea 0.9\npipeline Tea [0.5, 0.9]\n")
	parse, _ := allocs.Least(t, 5, func() { Parse("a.owm", src) })
	use, _ := allocs.Least(t, 5, func() { Use("a.owm", src, func(*File, diag.List) {}) })
	if use > parse/3 {
		t.Errorf("Use made %v allocations, Parse %v: the memory is not reused", use, parse)
	}
}

// TestConcurrentUse runs Use from several goroutines (with -race, it checks
// that no two share a scratch).
func TestConcurrentUse(t *testing.T) {
	srcs := useSources(t)
	want := make([]string, len(srcs))
	for i, src := range srcs {
		want[i] = summary(Parse("use.owm", src))
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range srcs {
				i := (i + g*len(srcs)/4) % len(srcs)
				Use("use.owm", srcs[i], func(f *File, diags diag.List) {
					if got := summary(f, diags); got != want[i] {
						t.Errorf("source %d read differently in goroutine %d", i, g)
					}
				})
			}
		}()
	}
	wg.Wait()
}
