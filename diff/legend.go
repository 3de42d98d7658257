package diff

import (
	"math"
	"strconv"
	"strings"

	"github.com/wardley-maps/wardley/font"
	"github.com/wardley-maps/wardley/layout"
)

// Legend geometry, in px.
const (
	legendSize    = 13
	legendRow     = 20
	legendColumn  = 360 // the narrowest column before the list wraps into another
	legendRows    = 6   // rows a column holds before another column is worth it
	legendEntries = 60  // at most; the rest are counted
)

func (p *painter) names() (string, string) {
	o, n := p.o.OldName, p.o.NewName
	if o == "" {
		o = "old"
	}
	if n == "" {
		n = "new"
	}
	return o, n
}

// fit shortens s with an ellipsis until it is at most w px wide.
func fit(s string, f *font.Face, size, w float64) string {
	if f.Width(s, size) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && f.Width(string(r)+"…", size) > w {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + "…"
}

// swatch is the legend's small picture of a class's mark, centred on
// (x, y).
func swatch(c Class, n int, x, y float64) []layout.Shape {
	switch c {
	case Added:
		return []layout.Shape{halo(x, y, 6)}
	case Removed:
		return []layout.Shape{ring(x, y, 6, strokeStyle(removedColor, 1.5, 3, 2))}
	case Moved:
		return arrow(x-9, y, x+9, y, 0, 0, movedColor)
	}
	if n > 0 {
		return badge(n, x, y)
	}
	return []layout.Shape{{Circle: &layout.Circle{CX: x, CY: y, R: 4}, Style: &layout.Style{Fill: layout.Paint{Color: changedColor}}}}
}

// legend writes, under the map, what the marks mean with their counts and
// the list of changes, in columns when there are many.
func (p *painter) legend() {
	s := p.s
	ink := layout.Color(p.t.Title)
	sans, _, _ := font.Lookup(font.Sans, false, false)
	bold, _, _ := font.Lookup(font.Sans, true, false)
	x0, w := s.MapX, s.MapWidth
	y := s.Height
	shapes := []layout.Shape{line(x0, y, x0+w, y, &layout.Style{Stroke: ink, StrokeWidth: 1, StrokeOpacity: 0.3})}
	text := func(x, y float64, str string, size float64, b bool, anchor layout.Anchor) layout.Shape {
		return layout.TextShape(layout.RoleLegend, layout.Text{X: x, Y: y, Lines: []string{str}, Anchor: anchor,
			Face: layout.FontSans, Size: size, Bold: b, Fill: ink})
	}
	oldName, newName := p.names()
	y += 28
	head := "Changes from " + oldName + " to " + newName
	if p.r.Empty() {
		head = "No changes in meaning from " + oldName + " to " + newName
	}
	shapes = append(shapes, text(x0, y, fit(head, bold, 15, w), 15, true, layout.AnchorStart))
	if !p.r.Empty() {
		y += 26
		counts := map[Class]int{}
		for _, c := range p.r.Changes {
			counts[c.Kind.Class()]++
		}
		x := x0
		for _, cl := range []Class{Added, Removed, Moved, Changed} {
			label := strconv.Itoa(counts[cl]) + " " + string(cl)
			shapes = append(shapes, swatch(cl, 0, x+9, y-legendSize*0.35)...)
			shapes = append(shapes, text(x+24, y, label, legendSize, false, layout.AnchorStart))
			x += 24 + sans.Width(label, legendSize) + 22
		}
		y += 12
		n := min(len(p.r.Changes), legendEntries)
		more := len(p.r.Changes) - n
		lines := n
		if more > 0 {
			lines++
		}
		cols := max(1, min(int(w/legendColumn), (lines+legendRows-1)/legendRows))
		rows := (lines + cols - 1) / cols
		colW := w / float64(cols)
		for k := 0; k < lines; k++ {
			cx := x0 + float64(k/rows)*colW
			cy := y + legendRow*float64(k%rows+1)
			if k == n {
				shapes = append(shapes, text(cx+24, cy, "… and "+strconv.Itoa(more)+" more (wardley diff --format text lists them all)",
					legendSize, false, layout.AnchorStart))
				continue
			}
			c := p.r.Changes[k]
			shapes = append(shapes, swatch(c.Kind.Class(), p.badgeOf[k], cx+9, cy-legendSize*0.35)...)
			shapes = append(shapes, text(cx+24, cy, fit(c.String(), sans, legendSize, colW-34), legendSize, false, layout.AnchorStart))
		}
		y += legendRow * float64(rows)
	}
	for i := range shapes {
		shapes[i].Translate(0, 0)
	}
	s.Groups = append(s.Groups, layout.Group{ID: p.ids.New("diff-legend"), Role: layout.RoleLegend, Shapes: shapes})
	s.Height = math.Ceil(y + 18)
}

// describe gives the picture an accessible title and description: the
// changes in words.
func (p *painter) describe() {
	oldName, newName := p.names()
	p.s.Title = p.r.New.Title + ": changes from " + oldName + " to " + newName
	if p.r.Empty() {
		p.s.Desc = "No changes in meaning from " + oldName + " to " + newName + "."
		return
	}
	a, r, m, c := p.r.Count()
	parts := []string{
		strconv.Itoa(a) + " added, " + strconv.Itoa(r) + " removed, " + strconv.Itoa(m) + " moved, " + strconv.Itoa(c) + " changed",
	}
	for _, ch := range p.r.Changes {
		parts = append(parts, ch.String())
	}
	p.s.Desc = "Changes from " + oldName + " to " + newName + ": " + strings.Join(parts, "; ") + "."
}
