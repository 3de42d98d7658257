package layout

import (
	"github.com/wardley-maps/wardley/model"
	"github.com/wardley-maps/wardley/theme"
)

// OWM's stage boundaries, in twentieths of the map width (spec §4.6).
const (
	stageCustom    = 3.5
	stageProduct   = 8
	stageCommodity = 14
)

var wardleyGradient = Gradient{
	ID: "wardley-gradient", X1: 0, Y1: 0, X2: 1, Y2: 0,
	Stops: []Stop{
		{0, Color{196, 196, 196, 255}}, {0.3, Color{255, 255, 255, 255}},
		{0.7, Color{255, 255, 255, 255}}, {1, Color{196, 196, 196, 255}},
	},
}

// grid draws the map area, the title, the axes, the stage separators and
// the axis labels (spec §4.5, §4.6).
func (b *builder) grid() {
	t := b.t
	W, H := b.W, b.H
	area := &Rect{X: 0, Y: 0, W: W, H: H}
	switch {
	case t.MapGradient:
		b.add(Group{ID: "map-area", Role: RoleBackground, Shapes: []Shape{{
			Role: RoleBackground, Rect: area,
			Style: &Style{Fill: Paint{Gradient: b.useGradient(wardleyGradient)}},
		}}})
	case t.MapFill.A != 0:
		b.add(Group{ID: "map-area", Role: RoleBackground, Shapes: []Shape{{
			Role: RoleBackground, Rect: area, Style: &Style{Fill: Paint{Color: col(t.MapFill)}},
		}}})
	}

	b.add(Group{ID: "title", Role: RoleTitle, Shapes: []Shape{b.text(RoleTitle, txt{
		x: 0, y: -10, s: b.m.Title, face: FontSans, size: 20, bold: true, anchor: AnchorStart, fill: col(t.Title),
	})}})

	axis := &Style{Stroke: col(t.Stroke), StrokeWidth: t.StrokeWidth}
	grid := col(t.GridText)
	if !b.m.HideValueChainAxis {
		dashed := *axis
		dashed.Dash = []float64{2, 2}
		b.add(Group{ID: "value-chain-axis", Role: RoleAxis, Shapes: []Shape{
			{Role: RoleAxis, Line: &Line{X1: 0, Y1: H, X2: 0, Y2: 0}, Style: &dashed},
			b.text(RoleAxisLabel, txt{x: -5.2, y: 2, s: "Value Chain", face: FontSans, size: 13, bold: true,
				anchor: AnchorEnd, fill: grid, rotate: -90}),
		}})
	}
	if b.m.HideEvolutionAxis {
		return
	}
	k := W / 20
	sep := &Style{Stroke: col(t.Separator), StrokeWidth: 1, Dash: []float64{2, 2}}
	var shapes []Shape
	for _, s := range []float64{stageCustom, stageProduct, stageCommodity} {
		shapes = append(shapes, Shape{Role: RoleAxis, Line: &Line{X1: s * k, Y1: 0, X2: s * k, Y2: H + 26}, Style: sep})
	}
	b.add(Group{ID: "stage-separators", Role: RoleAxis, Shapes: shapes})

	// The axis ends 2 px short of the map's right edge; OWM's marker puts a
	// 12 × 12 arrowhead whose tip is 1.2 px past the line's end.
	end := W - 2
	shapes = []Shape{
		{Role: RoleAxis, Line: &Line{X1: 0, Y1: H, X2: end, Y2: H}, Style: axis},
		{Role: RoleAxis, Path: triangle(end+1.2, H, 1, 0, 12, 6), Style: &Style{Fill: Paint{Color: col(t.Stroke)}}},
	}
	stageX := []float64{0, stageCustom*k + 7, stageProduct*k + 7, stageCommodity*k + 7}
	for i, st := range b.m.Stages {
		for j, l := range []string{st.Line1, st.Line2} {
			if l == "" {
				continue
			}
			shapes = append(shapes, b.text(RoleAxisLabel, txt{x: stageX[i], y: H + 13*float64(j+1), s: l,
				face: FontSans, size: 13, italic: true, anchor: AnchorStart, fill: grid}))
		}
	}
	shapes = append(shapes, b.text(RoleAxisLabel, txt{x: W, y: H + 23.4, s: "Evolution", face: FontSans, size: 13,
		bold: true, anchor: AnchorEnd, fill: grid}))
	if t.StageLabelsText {
		shapes = append(shapes,
			b.text(RoleAxisLabel, txt{x: 10, y: 15, s: "Uncharted", face: FontSans, size: 11, bold: true, anchor: AnchorStart, fill: grid}),
			b.text(RoleAxisLabel, txt{x: W - 10, y: 15, s: "Industrialised", face: FontSans, size: 11, bold: true, anchor: AnchorEnd, fill: grid}))
	}
	b.add(Group{ID: "evolution-axis", Role: RoleAxis, Shapes: shapes})
}

// triangle is an arrowhead: tip at (x, y), pointing along the unit vector
// (ux, uy), length l, half-width hw.
func triangle(x, y, ux, uy, l, hw float64) *Path {
	bx, by := x-ux*l, y-uy*l
	nx, ny := -uy*hw, ux*hw
	return &Path{Ops: []PathOp{
		{Verb: 'M', Pts: []float64{bx + nx, by + ny}},
		{Verb: 'L', Pts: []float64{x, y}},
		{Verb: 'L', Pts: []float64{bx - nx, by - ny}},
		{Verb: 'Z'},
	}}
}

// attitudeNameTop is how far below a box's top edge the centre of its name
// sits.
const attitudeNameTop = 13

// attitudes draws the pioneers, settlers and town planners boxes (§4.18).
func (b *builder) attitudes() {
	for _, a := range b.m.Attitudes {
		x1, y1 := b.px(a.From)
		x2, y2 := b.px(a.To)
		x, y := min(x1, x2), min(y1, y2)
		w, h := abs(x2-x1), abs(y2-y1)
		if b.o.Compat {
			// OWM subtracts its live canvas's viewBox offset.
			x, y = x-MarginX, y-MarginY
		}
		fill, stroke, label := theme.PioneersFill, theme.PioneersStroke, "Pioneers"
		switch a.Kind {
		case model.Settlers:
			fill, stroke, label = theme.SettlersFill, theme.SettlersStroke, "Settlers"
		case model.TownPlanners:
			fill, stroke, label = theme.TownPlannersFill, theme.TownPlannersStroke, "Town Planners"
		}
		// OWM writes the name at the box's centre, which is where the
		// components the box encloses are; wardley writes it along the top
		// edge, inside, when the box is tall enough to leave room.
		ly := y + h/2
		if !b.o.Compat && h >= attitudeNameTop*3 {
			ly = y + attitudeNameTop
		}
		lbl := b.text(RoleLabel, txt{x: x + w/2, y: ly, s: label, face: faceOf(b.t.Font), size: 12, bold: true,
			anchor: AnchorMiddle, middle: true, fill: Color{255, 255, 255, 255}})
		// OWM softens the white label with a text shadow; a faint dark halo
		// does the same in every renderer.
		lbl.Text.Halo, lbl.Text.HaloWidth = Color{0, 0, 0, 90}, 2
		b.add(Group{ID: a.Kind.String(), Role: RoleAttitude, Title: label, Shapes: []Shape{
			{Role: RoleAttitude, Rect: &Rect{X: x, Y: y, W: w, H: h, RX: 4}, Style: &Style{
				Fill: Paint{Color: col(fill)}, FillOpacity: 0.4, Stroke: col(stroke), StrokeWidth: 1, StrokeOpacity: 0.7}},
			lbl,
		}})
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
