package parser

import (
	"os"
	"testing"

	"github.com/wardley-maps/wardley/internal/gen"
	"github.com/wardley-maps/wardley/internal/testshared"
)

// BenchmarkParseMedian parses the corpus map of median size (2.5 KB, 79
// lines). See BenchmarkCompile* in package model for the pipeline so far.
func BenchmarkParseMedian(b *testing.B) {
	src, err := os.ReadFile(testshared.Median(b))
	if err != nil {
		b.Fatal(err)
	}
	benchParse(b, src)
}

func BenchmarkParse100(b *testing.B)   { benchParse(b, gen.Map(gen.Options{Components: 100})) }
func BenchmarkParse1000(b *testing.B)  { benchParse(b, gen.Map(gen.Options{Components: 1000})) }
func BenchmarkParse10000(b *testing.B) { benchParse(b, gen.Map(gen.Options{Components: 10000})) }

func benchParse(b *testing.B, src []byte) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Parse("bench.owm", src)
	}
}
