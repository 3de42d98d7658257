package raster

import "github.com/wardley-maps/wardley/layout"

// kitchenSink is a scene that uses every primitive and every style
// feature the renderers must honour: rounded and square rects, circles,
// lines with every cap, dashes (odd and even arrays), paths with curves,
// open and closed, gradient fills in bounding-box units, fill, stroke and
// shape opacities, every font face in every weight and slant (real and
// synthesised), anchors, the middle baseline, multi-line and rotated text,
// underline, halo, glyph fallback (Cyrillic in the handwritten face) and a
// character no face has, an icon and a link.
func kitchenSink() *layout.Scene {
	black := layout.Color{A: 255}
	red := layout.Color{R: 220, G: 40, B: 40, A: 255}
	blue := layout.Color{R: 40, G: 80, B: 220, A: 255}
	grey := layout.Color{R: 128, G: 128, B: 128, A: 255}
	white := layout.Color{R: 255, G: 255, B: 255, A: 255}
	st := func(fill layout.Color, stroke layout.Color, w float64) *layout.Style {
		return &layout.Style{Fill: layout.Paint{Color: fill}, Stroke: stroke, StrokeWidth: w}
	}
	text := func(x, y float64, anchor layout.Anchor, face layout.FontFace, size float64, lines ...string) *layout.Text {
		return &layout.Text{X: x, Y: y, Lines: lines, LineHeight: size * 1.2, Anchor: anchor, Face: face, Size: size, Fill: black}
	}
	s := &layout.Scene{
		Width: 400, Height: 300, MapX: 35, MapY: 45, MapWidth: 330, MapHeight: 210,
		Title: "Kitchen sink", Background: white, Style: "plain",
		Gradients: []layout.Gradient{
			{ID: "evolution", X1: 0, Y1: 0, X2: 1, Y2: 0, Stops: []layout.Stop{
				{Offset: 0, Color: layout.Color{R: 196, G: 196, B: 196, A: 255}},
				{Offset: 0.3, Color: white}, {Offset: 0.7, Color: white},
				{Offset: 1, Color: layout.Color{R: 196, G: 196, B: 196, A: 255}},
			}},
			{ID: "diagonal", X1: 0, Y1: 0, X2: 1, Y2: 1, Stops: []layout.Stop{
				{Offset: 0, Color: red}, {Offset: 1, Color: blue},
			}},
			// Stops of several alphas, and offsets out of order (SVG clamps
			// each to the one before).
			{ID: "fade", X1: 0, Y1: 1, X2: 0, Y2: 0, Stops: []layout.Stop{
				{Offset: 0.2, Color: blue}, {Offset: 0.1, Color: layout.Color{R: 40, G: 160, B: 80, A: 255}},
				{Offset: 1, Color: layout.Color{R: 40, G: 160, B: 80, A: 0}},
			}},
		},
	}
	add := func(role layout.Role, shapes ...layout.Shape) {
		s.Groups = append(s.Groups, layout.Group{ID: string(role) + "-" + string(rune('a'+len(s.Groups))), Role: role, Shapes: shapes})
	}
	add(layout.RoleBackground, layout.Shape{Rect: &layout.Rect{X: 35, Y: 45, W: 330, H: 210},
		Style: &layout.Style{Fill: layout.Paint{Gradient: "evolution"}, Stroke: black, StrokeWidth: 1}})
	// Lines: the three caps, thick, side by side; dashes even and odd.
	for i, c := range []string{"butt", "round", "square"} {
		y := 60 + float64(i)*12
		add(layout.RoleAxis, layout.Shape{Line: &layout.Line{X1: 50, Y1: y, X2: 110, Y2: y},
			Style: &layout.Style{Stroke: blue, StrokeWidth: 6, LineCap: c}})
	}
	add(layout.RoleLink, layout.Shape{Line: &layout.Line{X1: 50, Y1: 100, X2: 150, Y2: 130},
		Style: &layout.Style{Stroke: black, StrokeWidth: 1, Dash: []float64{5, 5}}})
	add(layout.RoleLink, layout.Shape{Line: &layout.Line{X1: 50, Y1: 110, X2: 150, Y2: 140},
		Style: &layout.Style{Stroke: red, StrokeWidth: 2, Dash: []float64{8, 3, 1}}})
	add(layout.RoleEvolve, layout.Shape{Line: &layout.Line{X1: 50, Y1: 150, X2: 150, Y2: 150},
		Style: &layout.Style{Stroke: grey, StrokeWidth: 3, Dash: []float64{0, 6}, LineCap: "round"}})
	// Symbols: a component circle, a semi-transparent rounded rect with a
	// stroke (opacity applies to the group), a gradient in a tall box.
	add(layout.RoleSymbol,
		layout.Shape{Circle: &layout.Circle{CX: 200, CY: 80, R: 6}, Style: st(white, black, 1)},
		layout.Shape{Text: &layout.Text{X: 210, Y: 72, Lines: []string{"Kettle"}, Anchor: layout.AnchorStart, Face: layout.FontSans, Size: 12, Fill: black}})
	add(layout.RolePipeline, layout.Shape{Rect: &layout.Rect{X: 180, Y: 95, W: 80, H: 30, RX: 6},
		Style: st(layout.Color{R: 255, G: 200, B: 0, A: 255}, black, 4), Opacity: 0.5})
	add(layout.RoleAnnotations, layout.Shape{Rect: &layout.Rect{X: 345, Y: 130, W: 15, H: 100},
		Style: &layout.Style{Fill: layout.Paint{Gradient: "fade"}}})
	add(layout.RoleMethod, layout.Shape{Rect: &layout.Rect{X: 280, Y: 60, W: 60, H: 60, RX: 30},
		Style: &layout.Style{Fill: layout.Paint{Gradient: "diagonal"}, FillOpacity: 0.8}})
	// Paths: a closed triangle with a miter, an open curve, a sharp
	// V (miter limit turns it into a bevel), a square-capped dashed curve.
	add(layout.RoleAttitude, layout.Shape{Path: &layout.Path{Ops: []layout.PathOp{
		{Verb: 'M', Pts: []float64{180, 200}}, {Verb: 'L', Pts: []float64{220, 140}},
		{Verb: 'L', Pts: []float64{260, 200}}, {Verb: 'Z'},
	}}, Style: &layout.Style{Fill: layout.Paint{Color: red}, FillOpacity: 0.4, Stroke: red, StrokeWidth: 3, StrokeOpacity: 0.9}})
	add(layout.RoleFlow, layout.Shape{Path: &layout.Path{Ops: []layout.PathOp{
		{Verb: 'M', Pts: []float64{280, 140}}, {Verb: 'C', Pts: []float64{300, 200, 330, 120, 350, 190}},
	}}, Style: &layout.Style{Stroke: blue, StrokeWidth: 2}})
	add(layout.RoleInertia, layout.Shape{Path: &layout.Path{Ops: []layout.PathOp{
		{Verb: 'M', Pts: []float64{60, 170}}, {Verb: 'L', Pts: []float64{75, 230}}, {Verb: 'L', Pts: []float64{80, 170}},
	}}, Style: &layout.Style{Stroke: black, StrokeWidth: 4}})
	add(layout.RoleInertia, layout.Shape{Path: &layout.Path{Ops: []layout.PathOp{
		{Verb: 'M', Pts: []float64{290, 222}}, {Verb: 'L', Pts: []float64{300, 200}}, {Verb: 'L', Pts: []float64{310, 222}},
	}}, Style: &layout.Style{Stroke: blue, StrokeWidth: 4, LineJoin: "round"}})
	add(layout.RoleInertia, layout.Shape{Path: &layout.Path{Ops: []layout.PathOp{
		{Verb: 'M', Pts: []float64{315, 222}}, {Verb: 'L', Pts: []float64{325, 200}}, {Verb: 'L', Pts: []float64{335, 222}},
	}}, Style: &layout.Style{Stroke: red, StrokeWidth: 4, LineJoin: "bevel"}})
	add(layout.RoleAccelerator, layout.Shape{Path: &layout.Path{Ops: []layout.PathOp{
		{Verb: 'M', Pts: []float64{100, 180}}, {Verb: 'C', Pts: []float64{120, 240, 140, 160, 160, 230}},
	}}, Style: &layout.Style{Stroke: grey, StrokeWidth: 2, Dash: []float64{4, 2}, LineCap: "square"}})
	// Text: anchors and the middle baseline around a marker, faces and
	// weights, multi-line, rotation, underline and halo, fallback.
	add(layout.RoleAxis, layout.Shape{Line: &layout.Line{X1: 200, Y1: 232, X2: 360, Y2: 232}, Style: &layout.Style{Stroke: red, StrokeWidth: 0.5}})
	add(layout.RoleLabel,
		layout.Shape{Text: text(200, 232, layout.AnchorStart, layout.FontSans, 11, "start")},
		layout.Shape{Text: &layout.Text{X: 280, Y: 232, Lines: []string{"middle"}, Anchor: layout.AnchorMiddle, Middle: true, Face: layout.FontSans, Size: 11, Fill: blue}},
		layout.Shape{Text: text(360, 232, layout.AnchorEnd, layout.FontSans, 11, "end")})
	add(layout.RoleNote,
		layout.Shape{Text: &layout.Text{X: 40, Y: 270, Lines: []string{"Sans bold italic"}, Anchor: layout.AnchorStart, Face: layout.FontSans, Size: 10, Bold: true, Italic: true, Fill: black}},
		layout.Shape{Text: &layout.Text{X: 40, Y: 284, Lines: []string{"Mono bold"}, Anchor: layout.AnchorStart, Face: layout.FontMono, Size: 10, Bold: true, Fill: black}},
		layout.Shape{Text: &layout.Text{X: 40, Y: 296, Lines: []string{"Mono italic"}, Anchor: layout.AnchorStart, Face: layout.FontMono, Size: 10, Italic: true, Fill: black}},
		layout.Shape{Text: &layout.Text{X: 150, Y: 270, Lines: []string{"Hand bold Жук", "two lines ✓ 漢"}, LineHeight: 13, Anchor: layout.AnchorStart, Face: layout.FontHand, Size: 11, Bold: true, Fill: black}},
		layout.Shape{Text: &layout.Text{X: 290, Y: 268, Lines: []string{"underlined halo"}, Anchor: layout.AnchorMiddle, Face: layout.FontSans, Size: 12, Underline: true, Fill: blue, Halo: layout.Color{R: 255, G: 220, B: 120, A: 255}, HaloWidth: 4}},
		layout.Shape{Text: &layout.Text{X: 375, Y: 150, Lines: []string{"Rotated −90°"}, Anchor: layout.AnchorMiddle, Face: layout.FontSans, Size: 10, Fill: grey, Rotate: -90}},
		layout.Shape{Text: &layout.Text{X: 20, Y: 40, Lines: []string{"Title & <escaped>"}, Anchor: layout.AnchorStart, Face: layout.FontSans, Size: 16, Bold: true, Fill: black}})
	add(layout.RoleLegend, layout.Shape{Image: &layout.Icon{Name: "submap", X: 330, Y: 20, W: 12, H: 12, Path: &layout.Path{Ops: []layout.PathOp{
		{Verb: 'M', Pts: []float64{330, 26}}, {Verb: 'L', Pts: []float64{336, 20}}, {Verb: 'L', Pts: []float64{342, 26}},
		{Verb: 'L', Pts: []float64{336, 32}}, {Verb: 'Z'},
	}}}, Style: st(layout.Color{R: 0, G: 150, B: 80, A: 255}, black, 1)})
	s.Groups[len(s.Groups)-1].Href = "https://example.com/submap"
	return s
}
