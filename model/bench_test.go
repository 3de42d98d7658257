package model

import (
	"os"
	"testing"

	"github.com/wardley-maps/wardley/internal/gen"
	"github.com/wardley-maps/wardley/internal/testshared"
	"github.com/wardley-maps/wardley/parser"
)

// BenchmarkCompileMedian parses and compiles the corpus map of median size.
func BenchmarkCompileMedian(b *testing.B) {
	src, err := os.ReadFile(testshared.Median(b))
	if err != nil {
		b.Fatal(err)
	}
	benchCompile(b, src)
}

func BenchmarkCompile100(b *testing.B)   { benchCompile(b, gen.Map(gen.Options{Components: 100})) }
func BenchmarkCompile1000(b *testing.B)  { benchCompile(b, gen.Map(gen.Options{Components: 1000})) }
func BenchmarkCompile10000(b *testing.B) { benchCompile(b, gen.Map(gen.Options{Components: 10000})) }

// BenchmarkCompileOnly10000 measures Compile alone, on a parsed file.
func BenchmarkCompileOnly10000(b *testing.B) {
	src := gen.Map(gen.Options{Components: 10000})
	f, _ := parser.Parse("bench.owm", src)
	b.ReportAllocs()
	for b.Loop() {
		Compile(f)
	}
}

func benchCompile(b *testing.B, src []byte) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		CompileSource("bench.owm", src)
	}
}
