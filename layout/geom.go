package layout

import "math"

// rect is an axis-aligned box by its corners (x0 ≤ x1, y0 ≤ y1), the
// working shape of label placement and metrics.
type rect struct{ x0, y0, x1, y1 float64 }

func boxRect(b *BoxHint) rect { return rect{b.X, b.Y, b.X + b.W, b.Y + b.H} }

func (r rect) w() float64 { return r.x1 - r.x0 }
func (r rect) h() float64 { return r.y1 - r.y0 }

// meets reports whether r and o share a point, edges included.
func (r rect) meets(o rect) bool {
	return r.x0 <= o.x1 && o.x0 <= r.x1 && r.y0 <= o.y1 && o.y0 <= r.y1
}

func (r rect) grow(d float64) rect { return rect{r.x0 - d, r.y0 - d, r.x1 + d, r.y1 + d} }

func (r rect) shift(dx, dy float64) rect { return rect{r.x0 + dx, r.y0 + dy, r.x1 + dx, r.y1 + dy} }

// overlap is the width and height of the intersection of a and b, each 0
// when they do not meet.
func overlap(a, b rect) (w, h float64) {
	// Plain comparisons: the placer calls this more than anything else,
	// and min and max pay for NaN and signed-zero handling (a NaN edge gives no
	// overlap here too).
	x0, x1, y0, y1 := a.x0, a.x1, a.y0, a.y1
	if b.x0 > x0 {
		x0 = b.x0
	}
	if b.x1 < x1 {
		x1 = b.x1
	}
	if b.y0 > y0 {
		y0 = b.y0
	}
	if b.y1 < y1 {
		y1 = b.y1
	}
	w, h = x1-x0, y1-y0
	if !(w > 0 && h > 0) {
		return 0, 0
	}
	return w, h
}

// circleMeets reports whether the disc of radius r around (cx, cy) meets
// the inside of b.
func circleMeets(cx, cy, r float64, b rect) bool {
	dx := max(b.x0-cx, max(0, cx-b.x1))
	dy := max(b.y0-cy, max(0, cy-b.y1))
	return dx*dx+dy*dy < r*r
}

// clipSegment returns the length of the segment (x1, y1)–(x2, y2) inside b
// (Liang–Barsky), 0 when it misses. A degenerate segment inside b has
// length 0 but still meets it: inside says so.
func clipSegment(x1, y1, x2, y2 float64, b rect) (length float64, inside bool) {
	dx, dy := x2-x1, y2-y1
	t0, t1, ok := clipInterval(x1, y1, dx, dy, b)
	if !ok {
		return 0, false
	}
	return (t1 - t0) * math.Hypot(dx, dy), true
}

// clipInterval is the part [t0, t1] of the segment from (x, y) along
// (dx, dy), t in [0, 1], that lies in b; ok is false when none does. The
// four edges are written out, where a loop over them cost the label
// placer an eighth of its time: it asks this of every link near every
// place it tries.
func clipInterval(x, y, dx, dy float64, b rect) (t0, t1 float64, ok bool) {
	t0, t1 = 0, 1
	// Each edge: p is the segment's motion out across it, q how far
	// inside the start is (Liang–Barsky).
	if t0, t1, ok = clipEdge(-dx, x-b.x0, t0, t1); !ok {
		return
	}
	if t0, t1, ok = clipEdge(dx, b.x1-x, t0, t1); !ok {
		return
	}
	if t0, t1, ok = clipEdge(-dy, y-b.y0, t0, t1); !ok {
		return
	}
	return clipEdge(dy, b.y1-y, t0, t1)
}

func clipEdge(p, q, t0, t1 float64) (float64, float64, bool) {
	if p == 0 {
		return t0, t1, !(q < 0) // written so that a NaN passes, as before
	}
	t := q / p
	if p < 0 {
		t0 = max(t0, t)
	} else {
		t1 = min(t1, t)
	}
	return t0, t1, !(t0 > t1)
}

// segmentBox is the bounding box of a segment thickened by hw on each side.
func segmentBox(x1, y1, x2, y2, hw float64) rect {
	return rect{min(x1, x2) - hw, min(y1, y2) - hw, max(x1, x2) + hw, max(y1, y2) + hw}
}

// grid is a uniform grid over a region, a spatial index of items by the
// cells their shapes touch: label placement and metrics ask it what lies
// near a box, so that their cost grows with the number of labels, not its
// square. Coordinates beyond the region fall into its border cells.
//
// A grid is filed all at once (index), which packs each cell's items
// together in one exactly sized array: a handful of allocations per grid,
// where a slice per cell cost one per filed cell and a slice header per
// cell. A grid whose items then move (thaw) gets a slice per cell, cut
// from that array.
type grid struct {
	x0, y0, cell float64
	inv          float64 // 1 / cell
	nx, ny       int
	// cell c's items are ids[start[c]:start[c+1]]; once thawed, cells[c].
	start, ids []int32
	cells      [][]int32
	// mask, when set, says which cells to file items under: items are
	// looked for only there. sums[(j)(nx+1)+i] counts the masked cells
	// above and left of cell (i, j), to tell at once whether a box touches
	// any.
	mask []bool
	sums []int32
	// seen and stamp de-duplicate the items of a query that spans several
	// cells.
	seen  []uint32
	stamp uint32
	// index's scratch, and the arrays of thawed cells, kept for the next
	// use of the grid (reset).
	last, seq, ends []int32
	cellsBuf        [][]int32
}

func newGrid(region rect, cell float64) *grid {
	g := &grid{}
	g.reset(region, cell)
	return g
}

// reset empties g and makes it a grid over region, keeping its arrays to
// reuse.
func (g *grid) reset(region rect, cell float64) {
	nx := max(1, int(math.Ceil(region.w()/cell)))
	ny := max(1, int(math.Ceil(region.h()/cell)))
	// A page grows by at most half the map on each side: a few thousand
	// cells at most, whatever the map holds.
	g.x0, g.y0, g.cell, g.inv, g.nx, g.ny = region.x0, region.y0, cell, 1/cell, nx, ny
	g.start, g.ids, g.cells, g.mask, g.stamp = g.start[:0], g.ids[:0], nil, nil, 0
}

// zeroed is s cut or grown to n elements, all zero.
func zeroed[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// size is the number of cells.
func (g *grid) size() int { return g.nx * g.ny }

// index files items 0 to n-1, in that order: each under the cells
// visit(id, file) passes to file, once each, and only under masked cells
// when there is a mask. A grid is indexed once.
func (g *grid) index(n int, visit func(id int32, file func(c int))) {
	cells := g.size()
	g.start = zeroed(g.start, cells+1)
	// last[c] is 1 + the last item filed under cell c: an item whose walk
	// passes a cell twice is filed there once. The cells each item is
	// filed under are seq[ends[id]:ends[id+1]].
	g.last = zeroed(g.last, cells)
	g.ends = zeroed(g.ends, n+1)
	last, seq, ends := g.last, g.seq[:0], g.ends
	var id int32
	count := func(c int) {
		if last[c] == id+1 || g.mask != nil && !g.mask[c] {
			return
		}
		last[c] = id + 1
		g.start[c+1]++
		seq = append(seq, int32(c))
	}
	for id = 0; id < int32(n); id++ {
		visit(id, count)
		ends[id+1] = int32(len(seq))
	}
	g.seq = seq
	for c := 0; c < cells; c++ {
		g.start[c+1] += g.start[c]
	}
	g.ids = zeroed(g.ids, len(seq))
	next := last // reused: the next free slot of each cell
	copy(next, g.start[:cells])
	for id := range n {
		for _, c := range seq[ends[id]:ends[id+1]] {
			g.ids[next[c]] = int32(id)
			next[c]++
		}
	}
	g.seen = zeroed(g.seen, n)
	g.stamp = 0
}

// thaw lets items be added and removed (addRect, remove).
func (g *grid) thaw() {
	g.cellsBuf = zeroed(g.cellsBuf, g.size())
	g.cells = g.cellsBuf
	for c := range g.cells {
		// Capped, so that a cell that grows moves out rather than over
		// the next one.
		g.cells[c] = g.ids[g.start[c]:g.start[c+1]:g.start[c+1]]
	}
}

// cellsOfRect calls file with every cell r touches.
func (g *grid) cellsOfRect(r rect, file func(c int)) {
	i0, i1, j1 := g.col(r.x0), g.col(r.x1), g.row(r.y1)
	for j := g.row(r.y0); j <= j1; j++ {
		for i := i0; i <= i1; i++ {
			file(j*g.nx + i)
		}
	}
}

// cellsOfSegment calls file once with each cell a segment thickened by hw
// (every point within hw of it across and down) may reach: row by row, the
// cells between where the segment enters and leaves the row's band, grown
// by hw, so that a long diagonal link does not fill its whole bounding box.
func (g *grid) cellsOfSegment(x1, y1, x2, y2, hw float64, file func(c int)) {
	if y1 > y2 {
		x1, y1, x2, y2 = x2, y2, x1, y1
	}
	j0, j1 := g.row(y1-hw), g.row(y2+hw)
	// A level segment, one row, or coordinates that are not numbers: the
	// box is the cover.
	if !(y2 > y1) || j0 == j1 || math.IsNaN(x1+x2) {
		g.cellsOfRect(segmentBox(x1, y1, x2, y2, hw), file)
		return
	}
	slope := (x2 - x1) / (y2 - y1)
	// Row j holds what row() puts there: y from y0+j×cell to the next row,
	// the border rows reaching on beyond the region. A little slack keeps
	// rounding from losing a cell the segment grazes.
	slack := g.cell * 1e-6
	for j := j0; j <= j1; j++ {
		lo := max(y1, g.y0+float64(j)*g.cell-hw-slack)
		hi := min(y2, g.y0+float64(j+1)*g.cell+hw+slack)
		if j == 0 {
			lo = y1
		}
		if j == g.ny-1 {
			hi = y2
		}
		// lo ≤ hi: the rows run from y1-hw's to y2+hw's, so each band grown
		// by hw (and the slack) reaches into [y1, y2].
		xa, xb := x1+(lo-y1)*slope, x1+(hi-y1)*slope
		i0, i1 := g.col(min(xa, xb)-hw), g.col(max(xa, xb)+hw)
		for i := i0; i <= i1; i++ {
			file(j*g.nx + i)
		}
	}
}

// cellsOf calls file with the cells item it is filed under.
func (g *grid) cellsOf(it *item, file func(c int)) {
	if it.seg {
		g.cellsOfSegment(it.x1, it.y1, it.x2, it.y2, it.hw, file)
	} else {
		g.cellsOfRect(it.r, file)
	}
}

// col and row are the cell column and row of x and y. Truncation rounds
// towards zero, which differs from flooring only below the region, where
// both are clamped to 0; so does whatever a NaN converts to.
func (g *grid) col(x float64) int {
	f := (x - g.x0) * g.inv
	if !(f > 0) {
		return 0
	}
	if f >= float64(g.nx) {
		return g.nx - 1
	}
	return int(f)
}

func (g *grid) row(y float64) int {
	f := (y - g.y0) * g.inv
	if !(f > 0) {
		return 0
	}
	if f >= float64(g.ny) {
		return g.ny - 1
	}
	return int(f)
}

// setMask restricts filing to the cells where mask is true.
func (g *grid) setMask(mask []bool) {
	g.mask = mask
	w := g.nx + 1
	g.sums = zeroed(g.sums, w*(g.ny+1))
	for j := 0; j < g.ny; j++ {
		for i := 0; i < g.nx; i++ {
			v := g.sums[j*w+i+1] + g.sums[(j+1)*w+i] - g.sums[j*w+i]
			if mask[j*g.nx+i] {
				v++
			}
			g.sums[(j+1)*w+i+1] = v
		}
	}
}

// masked reports whether r touches a cell items are filed under.
func (g *grid) masked(r rect) bool {
	if g.mask == nil {
		return true
	}
	i0, i1, j0, j1 := g.col(r.x0), g.col(r.x1)+1, g.row(r.y0), g.row(r.y1)+1
	w := g.nx + 1
	return g.sums[j1*w+i1]-g.sums[j0*w+i1]-g.sums[j1*w+i0]+g.sums[j0*w+i0] > 0
}

// each calls fn with the index of every cell r touches.
func (g *grid) each(r rect, fn func(c int)) { g.cellsOfRect(r, fn) }

// addRect files item id, one of those indexed, under every cell r touches
// (the grid thawed, without a mask).
func (g *grid) addRect(id int32, r rect) {
	i0, i1, j1 := g.col(r.x0), g.col(r.x1), g.row(r.y1)
	for j := g.row(r.y0); j <= j1; j++ {
		for i := i0; i <= i1; i++ {
			c := j*g.nx + i
			g.cells[c] = append(g.cells[c], id)
		}
	}
}

// remove takes item id out of the cells r touches (r as it was added; the
// grid thawed).
func (g *grid) remove(id int32, r rect) {
	i0, i1, j1 := g.col(r.x0), g.col(r.x1), g.row(r.y1)
	for j := g.row(r.y0); j <= j1; j++ {
		for i := i0; i <= i1; i++ {
			c := &g.cells[j*g.nx+i]
			for k, v := range *c {
				if v == id {
					*c = append((*c)[:k], (*c)[k+1:]...)
					break
				}
			}
		}
	}
}

// newStamp starts a query: items marked with an older stamp count as not
// yet seen.
func (g *grid) newStamp() {
	g.stamp++
	if g.stamp == 0 {
		clear(g.seen)
		g.stamp = 1
	}
}

// near appends to buf, once each, the items filed under the cells r
// touches, in cell order and within a cell in filing order.
func (g *grid) near(r rect, buf []int32) []int32 {
	g.newStamp()
	i0, i1, j1 := g.col(r.x0), g.col(r.x1), g.row(r.y1)
	for j := g.row(r.y0); j <= j1; j++ {
		if g.cells == nil {
			// A row's cells lie together.
			for _, id := range g.ids[g.start[j*g.nx+i0]:g.start[j*g.nx+i1+1]] {
				if g.seen[id] != g.stamp {
					g.seen[id] = g.stamp
					buf = append(buf, id)
				}
			}
			continue
		}
		for _, cell := range g.cells[j*g.nx+i0 : j*g.nx+i1+1] {
			for _, id := range cell {
				if g.seen[id] != g.stamp {
					g.seen[id] = g.stamp
					buf = append(buf, id)
				}
			}
		}
	}
	return buf
}

// query calls fn once for each item filed under a cell r touches, in cell
// order and within a cell in filing order, until fn returns false.
func (g *grid) query(r rect, fn func(id int32) bool) {
	g.newStamp()
	i0, i1, j1 := g.col(r.x0), g.col(r.x1), g.row(r.y1)
	for j := g.row(r.y0); j <= j1; j++ {
		if g.cells == nil {
			for _, id := range g.ids[g.start[j*g.nx+i0]:g.start[j*g.nx+i1+1]] {
				if g.seen[id] == g.stamp {
					continue
				}
				g.seen[id] = g.stamp
				if !fn(id) {
					return
				}
			}
			continue
		}
		for _, cell := range g.cells[j*g.nx+i0 : j*g.nx+i1+1] {
			for _, id := range cell {
				if g.seen[id] == g.stamp {
					continue
				}
				g.seen[id] = g.stamp
				if !fn(id) {
					return
				}
			}
		}
	}
}
