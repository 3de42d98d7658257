package raster_test

import (
	"fmt"
	"testing"

	"github.com/wardley-maps/wardley/internal/gen"
	"github.com/wardley-maps/wardley/layout"
	"github.com/wardley-maps/wardley/model"
	"github.com/wardley-maps/wardley/render/raster"
)

// genScene lays out a generated map of n components (every OWM feature).
func genScene(b *testing.B, n int) *layout.Scene {
	b.Helper()
	m, diags := model.CompileSource("gen.owm", gen.Map(gen.Options{Components: n, Seed: 1}))
	if diags.HasErrors() || m == nil {
		b.Fatalf("generated map does not compile: %v", diags)
	}
	return layout.Layout(m, layout.Options{})
}

// BenchmarkMapPNG and BenchmarkMapPDF draw generated maps of 10 to 10,000
// components (layout done beforehand: this is the renderer's cost).
func BenchmarkMapPNG(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 10000} {
		s := genScene(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := raster.PNG(s, 2); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMapPDF(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 10000} {
		s := genScene(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := raster.PDF(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
