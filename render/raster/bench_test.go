package raster

import (
	"fmt"
	"testing"

	"github.com/wardley-maps/wardley/layout"
)

// syntheticScene is a map-like scene of n components at OWM's default
// size: per component a circle, a label and a link; every tenth an
// evolve arrow, dashed; a gradient background and axes. It stands in for
// the pipeline's scenes where a benchmark must not depend on layout.
func syntheticScene(n int) *layout.Scene {
	black := layout.Color{A: 255}
	white := layout.Color{R: 255, G: 255, B: 255, A: 255}
	s := &layout.Scene{Width: 870, Height: 690, MapX: 35, MapY: 45, MapWidth: 800, MapHeight: 600, Background: white,
		Gradients: []layout.Gradient{{ID: "g", X2: 1, Stops: []layout.Stop{{Offset: 0, Color: layout.Color{R: 196, G: 196, B: 196, A: 255}}, {Offset: 0.5, Color: white}, {Offset: 1, Color: layout.Color{R: 196, G: 196, B: 196, A: 255}}}}}}
	s.Groups = append(s.Groups, layout.Group{ID: "bg", Shapes: []layout.Shape{
		{Rect: &layout.Rect{X: 35, Y: 45, W: 800, H: 600}, Style: &layout.Style{Fill: layout.Paint{Gradient: "g"}}},
		{Line: &layout.Line{X1: 35, Y1: 645, X2: 835, Y2: 645}, Style: &layout.Style{Stroke: black, StrokeWidth: 1}},
		{Line: &layout.Line{X1: 35, Y1: 45, X2: 35, Y2: 645}, Style: &layout.Style{Stroke: black, StrokeWidth: 1}},
	}})
	pos := func(i int) (float64, float64) {
		// A deterministic scatter over the map area.
		return 45 + float64((i*7919)%780), 55 + float64((i*104729)%580)
	}
	for i := 0; i < n; i++ {
		x, y := pos(i)
		tx, ty := pos((i*31 + 7) % n)
		shapes := []layout.Shape{
			{Line: &layout.Line{X1: x, Y1: y, X2: tx, Y2: ty}, Style: &layout.Style{Stroke: layout.Color{R: 128, G: 128, B: 128, A: 255}, StrokeWidth: 1}},
			{Circle: &layout.Circle{CX: x, CY: y, R: 5}, Style: &layout.Style{Fill: layout.Paint{Color: white}, Stroke: black, StrokeWidth: 1}},
			{Text: &layout.Text{X: x + 10, Y: y - 10, Lines: []string{fmt.Sprintf("Component %d", i+1)}, Anchor: layout.AnchorStart, Face: layout.FontSans, Size: 11, Fill: black}},
		}
		if i%10 == 0 {
			shapes = append(shapes, layout.Shape{Line: &layout.Line{X1: x, Y1: y, X2: x + 60, Y2: y}, Style: &layout.Style{Stroke: layout.Color{R: 255, A: 255}, StrokeWidth: 1, Dash: []float64{5, 5}}})
		}
		s.Groups = append(s.Groups, layout.Group{ID: fmt.Sprintf("c%d", i), Role: layout.RoleSymbol, Shapes: shapes})
	}
	return s
}

var benchSizes = []int{10, 100, 1000, 10000}

func BenchmarkPNG(b *testing.B) {
	for _, n := range benchSizes {
		s := syntheticScene(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := PNG(s, 2); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPDF(b *testing.B) {
	for _, n := range benchSizes {
		s := syntheticScene(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := PDF(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDraw is PNG without the encoder: the rasteriser's own cost.
func BenchmarkDraw(b *testing.B) {
	for _, n := range benchSizes {
		s := syntheticScene(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Image(s, 2); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
