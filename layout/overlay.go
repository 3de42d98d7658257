package layout

import (
	"math"

	"github.com/wardley-maps/wardley/model"
)

// childDrop is how far below its pipeline parent's centre a pipeline child
// sits: on the pipeline's line (§4.12).
const childDrop = 11

// The functions below let other packages draw over a laid-out scene (the
// diff picture draws what changed over the new map) in the scene's own
// frame, with text measured as Layout measures it.

// PagePoint returns where the map coordinate c lies on s's page.
func PagePoint(s *Scene, c model.Coord) (x, y float64) {
	return s.MapX + c.Maturity*s.MapWidth, s.MapY + (1-c.Visibility)*s.MapHeight
}

// ElementPoint returns where Layout centres e's symbol on s's page, e
// being an element of the map s was laid out from, or of another map laid
// out in the same frame: pipeline children sit on their pipeline's line.
func ElementPoint(s *Scene, e *model.Element) (x, y float64) {
	x, y = PagePoint(s, e.Coord)
	if e.Kind == model.PipelineChild {
		v := e.Coord.Visibility
		if e.Pipeline != nil && e.Pipeline.Parent != nil {
			v = e.Pipeline.Parent.Coord.Visibility
		}
		y = s.MapY + (1-v)*s.MapHeight + childDrop
	}
	return x, y
}

// TextShape returns a shape drawing t, with its ink box measured from the
// embedded font, as Layout measures its own texts.
func TextShape(role Role, t Text) Shape {
	tt := t
	box := measure(&tt)
	return Shape{Role: role, Text: &tt, Box: &box}
}

// Arrowhead is a filled triangle whose tip is at (x, y), pointing along
// the unit vector (ux, uy), length l and half-width hw.
func Arrowhead(x, y, ux, uy, l, hw float64) *Path { return triangle(x, y, ux, uy, l, hw) }

// Extent returns the page box a shape may paint, strokes included; ok is
// false for a shape with no geometry.
func (sh *Shape) Extent() (x0, y0, x1, y1 float64, ok bool) { return extent(sh) }

// Translate moves a shape by (dx, dy) and rounds its numbers to 1/100 px,
// as Layout does, so that the scene is the same on every platform.
func (sh *Shape) Translate(dx, dy float64) { move(sh, dx, dy) }

// Fit grows s's page so that every shape lies on it with pad px to spare.
// When something lies left of or above the page, everything moves right or
// down (MapX and MapY follow). It never shrinks the page, and, as Layout,
// never grows it by more than half the map area beyond OWM's margins on any
// side: what lies further is cut off at the page's edge.
func Fit(s *Scene, pad float64) {
	limX0, limX1 := s.MapX-MarginX-s.MapWidth/2, s.MapX+s.MapWidth+MarginX+s.MapWidth/2
	limY0, limY1 := s.MapY-MarginY-s.MapHeight/2, s.MapY+s.MapHeight+MarginY+s.MapHeight/2
	minX, minY, maxX, maxY := 0.0, 0.0, s.Width, s.Height
	for gi := range s.Groups {
		for si := range s.Groups[gi].Shapes {
			x0, y0, x1, y1, ok := extent(&s.Groups[gi].Shapes[si])
			if !ok || math.IsNaN(x0+y0+x1+y1) {
				continue
			}
			minX, minY = min(minX, max(limX0, x0-pad)), min(minY, max(limY0, y0-pad))
			maxX, maxY = max(maxX, min(limX1, x1+pad)), max(maxY, min(limY1, y1+pad))
		}
	}
	dx, dy := math.Ceil(-minX), math.Ceil(-minY)
	s.Width = r2(math.Ceil(maxX) + dx)
	s.Height = r2(math.Ceil(maxY) + dy)
	if dx == 0 && dy == 0 {
		return
	}
	s.MapX, s.MapY = r2(s.MapX+dx), r2(s.MapY+dy)
	for gi := range s.Groups {
		for si := range s.Groups[gi].Shapes {
			move(&s.Groups[gi].Shapes[si], dx, dy)
		}
	}
}
