package layout

import (
	"reflect"
	"slices"
)

// Metrics says how readable a scene's labels are, from the scene alone:
// tests, benchmarks and bench/labels.sh compare label placements with it.
//
// A label is the text naming something: a component's, submap's, evolved
// copy's or pipeline child's label, an anchor, a flow value, an attitude's
// or accelerator's name (shapes of role label, anchor and flow-value). Its
// box is the measured ink box layout gives every text (advance widths, the
// font's ascent and descent).
//
// Small contacts are not counted: two labels overlap when their boxes
// share more than Tolerance pixels both across and down, and a label
// crosses a symbol or a line when the symbol or line meets its box shrunk
// by Tolerance on every side. A symbol is a component's circle or square,
// its market, ecosystem or method glyph, a submap icon, an inertia bar, an
// evolve arrowhead, an accelerator or an annotation circle, each by its
// exact shape (discs as discs, the others by their boxes); a line is a
// link (drawn once, whatever its flow band) or a leader line. Links end at their symbols' centres, so a link attached to
// the label's own component counts only when it really passes through the
// text, and the label's own symbol counts only when the text really covers
// it.
//
// Two labels drawn identically (the same text, font, colour and box), as
// those of one name declared twice at the same place, read as one label:
// neither hides anything of the other, and they are not an overlap.
//
// Free labels (BoxHint.Free) are those automatic placement may move; the
// others were placed by the map's author or are the symbol themselves
// (anchors), and no placement changes what they overlap among themselves.
// FreeOverlaps and FreeCrossings count what placement can improve.
type Metrics struct {
	Labels     int `json:"labels"`
	FreeLabels int `json:"freeLabels"`
	// Overlaps is the number of pairs of labels whose boxes overlap;
	// FreeOverlaps those pairs of which at least one label is free.
	Overlaps     int `json:"overlaps"`
	FreeOverlaps int `json:"freeOverlaps"`
	// Crossings is the number of labels that cross a symbol or a line;
	// SymbolCrossings and LinkCrossings count those crossing a symbol and
	// those crossing a line (a label crossing both is in both);
	// FreeCrossings counts the free labels among Crossings.
	Crossings       int `json:"crossings"`
	SymbolCrossings int `json:"symbolCrossings"`
	LinkCrossings   int `json:"linkCrossings"`
	FreeCrossings   int `json:"freeCrossings"`
	// Leaders is the number of leader lines: labels placed away from
	// their symbols.
	Leaders int `json:"leaders"`
}

// Tolerance is the contact, in pixels, Metrics forgives.
const Tolerance = 1.0

// Add returns the sum of two metrics, for totals over many maps.
func (m Metrics) Add(o Metrics) Metrics {
	return Metrics{Labels: m.Labels + o.Labels, FreeLabels: m.FreeLabels + o.FreeLabels,
		Overlaps: m.Overlaps + o.Overlaps, FreeOverlaps: m.FreeOverlaps + o.FreeOverlaps,
		Crossings: m.Crossings + o.Crossings, SymbolCrossings: m.SymbolCrossings + o.SymbolCrossings,
		LinkCrossings: m.LinkCrossings + o.LinkCrossings, FreeCrossings: m.FreeCrossings + o.FreeCrossings,
		Leaders: m.Leaders + o.Leaders}
}

// Measure computes the metrics of a scene. It indexes the scene in a
// uniform grid, so its time grows with the number of shapes, not its
// square (where labels are not piled on each other).
func Measure(s *Scene) Metrics {
	var labels, others []item
	var free []bool
	var shapes []*Shape
	leaders := 0
	items(s.Groups, false, func(gi, si int, it item) {
		switch it.kind {
		case kindLabel:
			labels = append(labels, it)
			sh := &s.Groups[gi].Shapes[si]
			free = append(free, sh.Box.Free)
			shapes = append(shapes, sh)
		case kindLeader:
			leaders++
			others = append(others, it)
		case kindSymbol, kindInertia, kindLink:
			others = append(others, it)
		}
	})
	page := rect{0, 0, max(s.Width, 1), max(s.Height, 1)}
	lg, og := newGrid(page, 64), newGrid(page, 64)
	for i := range labels {
		lg.addRect(int32(i), labels[i].r)
	}
	for i := range others {
		it := &others[i]
		if it.seg {
			og.addSegment(int32(i), it.x1, it.y1, it.x2, it.y2, it.hw)
		} else {
			og.addRect(int32(i), it.r)
		}
	}
	m := Metrics{Labels: len(labels), Leaders: leaders}
	for i := range labels {
		if free[i] {
			m.FreeLabels++
		}
		a := labels[i].r
		lg.query(a, func(j int32) bool {
			if int(j) > i {
				if w, h := overlap(a, labels[j].r); w > Tolerance && h > Tolerance && !sameDrawing(shapes[i], shapes[j]) {
					m.Overlaps++
					if free[i] || free[j] {
						m.FreeOverlaps++
					}
				}
			}
			return true
		})
		in := a.grow(-Tolerance)
		if in.w() <= 0 || in.h() <= 0 {
			continue
		}
		sym, link := false, false
		og.query(in, func(j int32) bool {
			it := &others[j]
			isSym := it.kind == kindSymbol || it.kind == kindInertia
			if isSym && sym || !isSym && link {
				return true
			}
			if ok, _ := it.meets(in); ok {
				if isSym {
					sym = true
				} else {
					link = true
				}
			}
			return !(sym && link)
		})
		if sym {
			m.SymbolCrossings++
		}
		if link {
			m.LinkCrossings++
		}
		if sym || link {
			m.Crossings++
			if free[i] {
				m.FreeCrossings++
			}
		}
	}
	return m
}

// sameDrawing reports whether two text shapes draw exactly the same: the
// same lines, font, colour and place.
func sameDrawing(a, b *Shape) bool {
	if a.Text == nil || b.Text == nil || a.Box == nil || b.Box == nil || !slices.Equal(a.Text.Lines, b.Text.Lines) {
		return false
	}
	ta, tb := *a.Text, *b.Text
	ta.Lines, tb.Lines = nil, nil
	ba, bb := *a.Box, *b.Box
	ba.Free, bb.Free = false, false
	return reflect.DeepEqual(ta, tb) && ba == bb
}
