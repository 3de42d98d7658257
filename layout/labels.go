package layout

import (
	"math"
	"slices"
	"sync"

	"github.com/wardley-maps/wardley/model"
)

// The label placement modes of Options.Labels.
const (
	// LabelsAuto places each label the author did not place where it
	// overlaps least with everything else (the default).
	LabelsAuto = "auto"
	// LabelsOWM puts every label at OnlineWardleyMaps' fixed offset.
	LabelsOWM = "owm"
	// LabelsAll places labels as LabelsAuto does, and also those the
	// author placed with `label [x, y]`: a written offset is where such a
	// label starts, and it stays there unless something is in its way.
	LabelsAll = "all"
)

// LabelModes lists the valid values of Options.Labels ("" means auto).
var LabelModes = []string{LabelsAuto, LabelsOWM, LabelsAll}

// KnownLabels reports whether mode is a label placement mode ("" is auto).
func KnownLabels(mode string) bool { return mode == "" || slices.Contains(LabelModes, mode) }

// autoLabels says whether labels are placed: always, but in OWM mode and
// with Compat (whose point is OWM's exact picture).
func (o Options) autoLabels() bool { return !o.Compat && o.Labels != LabelsOWM }

// movable is a label the placer may move: a component's, submap's, evolved
// copy's or pipeline child's label without an explicit `label [x, y]`, a
// flow value, or an accelerator's name.
type movable struct {
	gi, si int // the label's shape: b.s.Groups[gi].Shapes[si]
	// cx, cy is the centre of what the label names and r the radius it
	// must clear (the symbol with its widest glyph). For a flow value, the
	// link's end it belongs to; fx, fy is the other end.
	cx, cy, r float64
	flow      bool
	fx, fy    float64
}

// A label's candidate place: its box and the anchor the text is written
// with there, and how much less familiar it is than OWM's own place.
type candidate struct {
	box    rect
	anchor Anchor
	pref   float64
	leader bool
}

// Costs of what a candidate box meets, per item: weight × (1 + amount /
// scale), the amount being the area shared (boxes, discs) or the length
// inside (lines). A label over another label or over a symbol hides it:
// the worst; then notes and fixed texts, context texts and inertia bars; a
// link through a label is common in real maps and costs little; a leader
// line (leaderCost) is for when everything nearby is taken.
var kindWeight = [...]float64{
	kindLabel:    100,
	kindSymbol:   100,
	kindInertia:  40,
	kindLink:     8,
	kindFlow:     8,
	kindEvolve:   12,
	kindPipeline: 6,
	kindContext:  40,
	kindNote:     50,
	kindText:     50,
	kindLeader:   30,
}

const (
	areaScale = 60 // px², the area that doubles a box's cost
	lineScale = 12 // px, the length that doubles a line's cost
	edgeCost  = 20 // leaving the map area, per areaScale outside
	// gap is the room between a symbol and its label; pad the room kept
	// between a label and anything else.
	gap = 3
	pad = 1
	// leaderCost is a leader line's own cost, plus half its length.
	leaderCost = 60
	// leaderMin is the shortest leader drawn: closer labels need none.
	leaderMin = 8
	// passes bounds the passes over the labels. Each move lowers the
	// total cost, so they converge; after the first, a pass looks only at
	// the labels near one that moved. On the corpus, the sixth finds
	// nothing left to move.
	passes = 8
	// pileDepth is the number of labels over a label's OWM place beyond
	// which the placer leaves it there (see piled).
	pileDepth = 8
	// budgetPerLabel and budgetBase bound the items the placer looks at:
	// a map crowded everywhere stops improving rather than spend seconds
	// where no place is free. The real maps of the corpus look at fewer
	// than 800 items per label, far within it.
	budgetPerLabel = 1500
	budgetBase     = 200_000
	// reachPad is how far beyond the map area the placer's grids reach.
	reachPad = 120
	// maxCachedCands bounds the candidates kept between passes (about
	// 3 MB, 575 labels' worth: every real map of the corpus); a bigger
	// map's other labels list theirs again when looked at.
	maxCachedCands = 1 << 15
	// candsPerLabel and candsPerFlow are the most candidates a label, and
	// a flow's value, can have (candidatesBelow, flowCandidates;
	// TestCandsPerLabel).
	candsPerLabel = 1 + 4*8 + 2*12
	candsPerFlow  = 1 + 4*2
	// outerRing is how much further out than the first ring of a
	// symbol's label's candidates the last lies (symbolRings, ringReach).
	outerRing = 28
)

// placer places the movable labels of one scene, in map-area pixels.
//
// Two uniform grids index the scene: lg holds every label's box (ids
// below len(labels) are the movable labels, where they are now; the
// others fixed labels, anchors and names), fg everything else a label must
// keep clear of. fg files items only under the cells some movable label
// may reach, so that a map where most labels are piled (see piled) costs
// little more than the scene itself.
type placer struct {
	b     *builder
	area  rect // the map area
	fixed []item
	// boxes are the boxes of lg's labels, by id: the movable labels'
	// where they are now (move keeps them), then the fixed ones. The
	// placer reads them more than anything else; in one array of their
	// own, they share cache lines that placing's fields would spread out.
	boxes  []rect
	fg, lg *grid
	// reach indexes each movable label's reach: the union of its
	// candidates. When a label moves, the labels whose reach it leaves or
	// enters are looked at again.
	reach  *grid
	labels []placing
	budget int
	buf    []int32     // what a grid finds near a box
	cands  []candidate // every label's candidates (placing.c0, c1)
	more   []candidate // those of a label not in cands
	moving []int32
	mask   []bool
	// first is the latest label at each dupKey, prevSame[i] the one before
	// label i there (-1 for none).
	first    map[dupKey]int32
	prevSame []int32
}

// placers keeps placers between layouts, to reuse their grids and lists:
// sized by the map, they are most of what placing labels would allocate.
// A placer holds no pointer into the scene once put back.
var placers = sync.Pool{New: func() any { return &placer{fg: &grid{}, lg: &grid{}, reach: &grid{}} }}

// placing is a movable label being placed.
type placing struct {
	movable
	w, h float64 // the measured box
	// dy is the text's Y below the top of its box.
	dy    float64
	def   candidate // where OWM puts it
	cur   candidate
	reach rect
	// c0, c1: the label's candidates are the placer's cands[c0:c1], its
	// first rings of them (list).
	c0, c1 int32
	rings  int8
	piled  bool
	dirty  bool
	// Since the label was last looked at (scanned), where it then cost
	// last, the labels that moved near it have moved within touched (see
	// run).
	scanned bool
	last    float64
	touched rect
}

// rescanAll makes run look at every candidate of a label each time, as it
// did before it looked only near what moved, and listAll makes it list
// every ring of candidates the first time: TestRescanNear checks that
// these place every label alike. testHookPlaced, when set, sees each
// placer once it has run.
var (
	rescanAll      = false
	listAll        = false
	testHookPlaced func(p *placer)
)

// noRect is the empty union: it meets nothing (mayMeet), and min and max
// with a rect give the rect.
var noRect = rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}

// mayMeet reports whether a and b may share a point: edges included, and
// true when a coordinate is not a number.
func mayMeet(a, b rect) bool {
	return !(a.x1 < b.x0 || b.x1 < a.x0 || a.y1 < b.y0 || b.y1 < a.y0)
}

func union(a, b rect) rect {
	return rect{min(a.x0, b.x0), min(a.y0, b.y0), max(a.x1, b.x1), max(a.y1, b.y1)}
}

// placeLabels moves the movable labels to their best candidates and draws
// leader lines where a label had to go further out.
func (b *builder) placeLabels() {
	if len(b.movable) == 0 {
		return
	}
	p := placers.Get().(*placer)
	defer func() {
		p.b = nil
		// A big map's placer is not kept, as its scene is not (Use).
		if poolable(b.m) {
			placers.Put(p)
		}
	}()
	p.b, p.area, p.budget = b, rect{0, 0, b.W, b.H}, 0
	p.fixed, p.boxes, p.buf = p.fixed[:0], p.boxes[:0], p.buf[:0]
	p.labels = slices.Grow(p.labels[:0], len(b.movable))
	// Labels beyond the grids' region are filed under their border cells:
	// still found, a little slower.
	region := rect{-reachPad, -reachPad, b.W + reachPad, b.H + reachPad}
	cell := gridCell(region, b.s.Groups)
	p.fg.reset(region, cell)
	p.lg.reset(region, 2*cell)
	p.reach.reset(region, 2*cell)
	// A group holds at most one movable label: moving[gi] is its shape.
	p.moving = zeroed(p.moving, len(b.s.Groups))
	moving := p.moving
	for i := range moving {
		moving[i] = -1
	}
	// A label drawn exactly like an earlier one for the same place (the
	// same name declared twice there) follows that one: apart, they would
	// name one symbol twice.
	type follower struct {
		movable
		of int
	}
	var followers []follower
	if p.first == nil {
		p.first = map[dupKey]int32{}
	}
	clear(p.first)
	p.prevSame = p.prevSame[:0]
	for _, m := range b.movable {
		moving[m.gi] = int32(m.si)
		sh := &b.s.Groups[m.gi].Shapes[m.si]
		k := dupKey{box: *sh.Box, x: sh.Text.X, y: sh.Text.Y, cx: m.cx, cy: m.cy}
		head, ok := p.first[k]
		if !ok {
			head = -1
		}
		// The latest label at the same place with the same lines.
		i := head
		for i >= 0 && !slices.Equal(b.s.Groups[p.labels[i].gi].Shapes[p.labels[i].si].Text.Lines, sh.Text.Lines) {
			i = p.prevSame[i]
		}
		if i >= 0 && sameDrawing(sh, &b.s.Groups[p.labels[i].gi].Shapes[p.labels[i].si]) {
			followers = append(followers, follower{m, int(i)})
			continue
		}
		p.prevSame = append(p.prevSame, head)
		p.first[k] = int32(len(p.labels))
		box := boxRect(sh.Box)
		d := candidate{box: box, anchor: sh.Text.Anchor}
		p.labels = append(p.labels, placing{movable: m, w: box.w(), h: box.h(), dy: sh.Text.Y - box.y0, def: d, cur: d, dirty: true, touched: noRect})
	}
	// First the labels, to find the piled ones; then, only where some
	// label may go, the rest.
	for i := range p.labels {
		p.boxes = append(p.boxes, p.labels[i].cur.box)
	}
	items(b.s.Groups, true, func(gi, si int, it item) {
		if it.kind == kindLabel && moving[gi] != int32(si) {
			p.boxes = append(p.boxes, it.r)
		}
	})
	p.lg.index(len(p.boxes), func(id int32, file func(c int)) {
		p.lg.cellsOfRect(p.boxes[id], file)
	})
	p.lg.thaw()
	p.mask = zeroed(p.mask, p.fg.size())
	mask := p.mask
	any := false
	// The candidates go in one array of the right size (up to the cache's
	// bound, which the last label listed may pass): growing it by
	// doubling touched twice the memory, and in a new process every page
	// touched first is a fault; the candidates made 6 % of a small map's.
	need := 0
	for i := range p.labels {
		need += p.labels[i].room()
	}
	if need = min(need, maxCachedCands+candsPerLabel); cap(p.cands) < need {
		p.cands = make([]candidate, 0, need)
	}
	// Each label's candidates are listed once, when run first looks
	// further than OWM's place (list): they depend only on what the label
	// names and its size. A symbol's label has 57; past maxCachedCands,
	// labels list theirs again each time (c0 == uncached). Its reach is
	// known before: the outermost ring's four extremes bound the others
	// (ringReach).
	p.cands = p.cands[:0]
	for i := range p.labels {
		l := &p.labels[i]
		if l.piled = p.piled(i); l.piled {
			continue
		}
		any = true
		l.c0, l.c1 = unlisted, unlisted
		l.reach = rect{l.cx, l.cy, l.cx, l.cy}
		if r, ok := ringReach(l); ok {
			l.reach = union(l.reach, union(l.def.box.grow(pad), r.grow(pad)))
		} else {
			for _, c := range p.list(l, math.Inf(1)) {
				l.reach = union(l.reach, c.box.grow(pad))
			}
		}
		p.fg.each(l.reach, func(c int) { mask[c] = true })
	}
	if !any {
		return
	}
	p.reach.index(len(p.labels), func(id int32, file func(c int)) {
		if l := &p.labels[id]; !l.piled {
			p.reach.cellsOfRect(l.reach, file)
		}
	})
	p.fg.setMask(mask)
	items(b.s.Groups, false, func(gi, si int, it item) {
		switch {
		case it.kind == kindLabel:
		case it.kind == kindLink && b.s.Groups[gi].Role == RoleFlow:
			// The flow's band, on the same line, stands for it.
		case p.fg.masked(it.r):
			p.fixed = append(p.fixed, it)
		}
	})
	p.fg.index(len(p.fixed), func(id int32, file func(c int)) { p.fg.cellsOf(&p.fixed[id], file) })
	p.budget = budgetPerLabel*len(p.labels) + budgetBase
	p.run()
	if testHookPlaced != nil {
		testHookPlaced(p)
	}
	for i := range p.labels {
		p.apply(&p.labels[i])
	}
	for _, f := range followers {
		l := p.labels[f.of]
		l.movable = f.movable
		// One leader line is enough for both.
		l.cur.leader = false
		p.apply(&l)
	}
}

// gridCell is the side of the fixed items' grid's cells (the labels'
// grids have cells twice as wide): about cellsPerShape cells for each
// shape of the scene, between minCell and maxCell pixels. A dense map gets
// small cells, so that a query meets few items; a sparse one fewer cells,
// since each grid is cleared, filed and summed cell by cell: at 16 px, a
// map of 17 labels and 73 fixed items had 5,208 cells to go through.
func gridCell(region rect, groups []Group) float64 {
	shapes := 0
	for i := range groups {
		shapes += len(groups[i].Shapes)
	}
	c := math.Sqrt(region.w() * region.h() / float64(cellsPerShape*max(shapes, 1)))
	return math.Round(max(minCell, min(maxCell, c)))
}

// Bounds and density of gridCell's cells (measured on the median corpus
// map and the generated maps of 100 to 10,000 components).
const (
	minCell       = 16
	maxCell       = 48
	cellsPerShape = 4
)

// dupKey is where a movable label is drawn, and for what place: the
// labels with the same key and lines are drawn like an earlier one there
// if sameDrawing says so.
type dupKey struct {
	box          BoxHint
	x, y, cx, cy float64
}

// run is the greedy placement: the most crowded labels first (ties in
// drawing order, which follows the source), each moved to its cheapest
// candidate given where all the others are now; then again, for the labels
// near one that moved, while that improves anything. Every label starts at
// OWM's place, so a label placed early already makes room for those
// placed later. Nothing depends on map iteration or randomness: the same
// scene always gives the same placement.
func (p *placer) run() {
	start := make([]float64, len(p.labels))
	order := make([]int, 0, len(p.labels))
	for i := range p.labels {
		if p.labels[i].piled {
			continue
		}
		start[i] = p.cost(i, p.labels[i].cur, math.Inf(1))
		order = append(order, i)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case start[a] > start[b]:
			return -1
		case start[a] < start[b]:
			return 1
		}
		return 0
	})
	for pass := 0; pass < passes; pass++ {
		moved := false
		for _, i := range order {
			if p.budget <= 0 {
				return
			}
			l := &p.labels[i]
			if !l.dirty {
				continue
			}
			l.dirty = false
			best := p.cost(i, l.cur, math.Inf(1))
			// A label looked at before, whose place costs no more than it
			// did then: each candidate then cost at least that less 1e-6,
			// and one that no label has moved near since costs the same
			// now, so it cannot win. Only the candidates near the labels
			// that moved are looked at again (TestRescanNear).
			near := l.scanned && !(best > l.last) && !rescanAll
			touched := l.touched
			l.scanned, l.last, l.touched = true, best, noRect
			if l.cur.pref == 0 && best <= 1e-9 {
				// Nothing in the way of OWM's own place.
				continue
			}
			bestC := l.cur
			below := best
			if listAll {
				below = math.Inf(1)
			}
			cands := p.list(l, below)
			for _, c := range cands {
				if c.pref >= best-1e-6 {
					continue
				}
				if near && !mayMeet(costRegion(l, c), touched) {
					continue
				}
				if k := p.cost(i, c, best); k < best-1e-6 {
					best, bestC = k, c
				}
			}
			l.last = best
			if bestC != l.cur {
				p.move(i, bestC)
				moved = true
			}
		}
		if !moved {
			return
		}
	}
}

// Values of placing.c0 for a label whose candidates are not in cands:
// not listed yet, or too many to keep (listed again each time).
const (
	unlisted = -1
	uncached = -2
)

// list returns label l's candidates that may cost less than best (see
// candidatesBelow): from cands, where the label's first call keeps room
// for all of them and each call lists the rings it needs that are not
// there yet, or, once cands holds maxCachedCands, listed anew in more.
func (p *placer) list(l *placing, best float64) []candidate {
	switch l.c0 {
	case unlisted:
		c0, room := len(p.cands), l.room()
		if c0+room > maxCachedCands {
			l.c0 = uncached
			break
		}
		p.cands = p.cands[:c0+room]
		l.c0, l.c1, l.rings = int32(c0), int32(c0), 0
		fallthrough
	default:
		if int(l.rings) < len(symbolRings) {
			mine := p.cands[l.c0 : l.c1 : int(l.c0)+l.room()]
			mine, rings := p.candidatesBelow(l, mine, int(l.rings), best)
			l.c1, l.rings = l.c0+int32(len(mine)), int8(rings)
		}
		return p.cands[l.c0:l.c1]
	case uncached:
	}
	p.more, _ = p.candidatesBelow(l, p.more[:0], 0, best)
	return p.more
}

// room is the most candidates label l can have.
func (l *placing) room() int {
	if l.flow {
		return candsPerFlow
	}
	return candsPerLabel
}

// ringReach is the bounding box of a symbol's label's candidates but
// OWM's place, computed as candidatesBelow places them: the outermost ring's
// candidates right of, left of, above and below the symbol are the
// furthest each way, and r2, which places them, keeps the order of
// finite values. ok is false for a flow's value, and where a coordinate
// is too big for r2 to keep its order: such labels' candidates are
// listed to find it.
func ringReach(l *placing) (r rect, ok bool) {
	const limit = 1e15
	R := l.r + gap + outerRing
	if l.flow || !(math.Abs(l.cx)+R+l.w < limit && math.Abs(l.cy)+R+l.h < limit && l.w >= 0 && l.h >= 0) {
		return rect{}, false
	}
	x0, x1 := r2(l.cx+(-R-l.w)), r2(l.cx+R)
	y0, y1 := r2(l.cy+(-R-l.h)), r2(l.cy+R)
	return rect{x0, y0, x1 + l.w, y1 + l.h}, true
}

// move puts label i at c and marks the labels that could reach its old or
// new place to be looked at again.
func (p *placer) move(i int, c candidate) {
	l := &p.labels[i]
	old := l.cur.box
	p.lg.remove(int32(i), old)
	l.cur = c
	p.boxes[i] = c.box
	p.lg.addRect(int32(i), c.box)
	for _, r := range []rect{old.grow(pad), c.box.grow(pad)} {
		p.reach.query(r, func(id int32) bool {
			if int(id) != i {
				o := &p.labels[id]
				o.dirty, o.touched = true, union(o.touched, r)
			}
			return true
		})
	}
}

// costRegion bounds where the labels that count in label l's cost at c
// lie: what its box, grown by pad, and its leader line meet.
func costRegion(l *placing, c candidate) rect {
	r := c.box.grow(pad)
	if c.leader {
		if x1, y1, x2, y2, ok := leaderLine(l, c); ok {
			r = union(r, segmentBox(x1, y1, x2, y2, 0))
		}
	}
	return r
}

// labelBox is the box of label id in lg.
func (p *placer) labelBox(id int32) rect { return p.boxes[id] }

// piled reports whether label i, where OWM puts it, lies under pileDepth
// other labels or more: then nothing within reach is free (the real maps
// of the corpus have at most four), and looking costs time for nothing.
func (p *placer) piled(i int) bool {
	b, k := p.labels[i].cur.box, 0
	p.lg.query(b, func(id int32) bool {
		if int(id) != i {
			if w, _ := overlap(b, p.labelBox(id)); w > 0 {
				k++
			}
		}
		return k < pileDepth
	})
	return k >= pileDepth
}

// symbolRings are the rings of candidates around a symbol, nearest first:
// how much further out than the symbol's clearance each lies, the
// preference its candidates count from, and whether a leader line joins
// them to the symbol. A ring's most preferred candidate has pref+0.5.
var symbolRings = [...]struct {
	out, pref float64
	leader    bool
}{{0, 0, false}, {8, 4, false}, {14, leaderCost, true}, {outerRing, leaderCost + 10, true}}

// candidatesBelow appends to out label l's candidates from ring `from` on
// (0 begins with OWM's place) while a ring has some that prefer less than
// best: run never tries a candidate whose pref alone reaches its best, so
// the further rings of a label that found a good place need not be
// listed. It returns the rings listed so far; a flow's value's candidates
// are all listed at once (len(symbolRings)).
func (p *placer) candidatesBelow(l *placing, out []candidate, from int, best float64) ([]candidate, int) {
	if from == 0 {
		out = append(out, l.def)
		if l.flow {
			return p.flowCandidates(l, out), len(symbolRings)
		}
	}
	w, h := l.w, l.h
	at := func(x0, y0 float64, a Anchor, pref float64, leader bool) candidate {
		x0, y0 = r2(l.cx+x0), r2(l.cy+y0)
		return candidate{box: rect{x0, y0, x0 + w, y0 + h}, anchor: a, pref: pref, leader: leader}
	}
	ring := func(R, pref float64, leader bool) {
		d := R * math.Sqrt2 / 2
		out = append(out,
			at(d, -d-h, AnchorStart, pref+0.5, leader), // above right, where OWM puts it
			at(R, -h/2, AnchorStart, pref+1, leader),   // right
			at(d, d, AnchorStart, pref+1.5, leader),    // below right
			at(-w/2, -R-h, AnchorMiddle, pref+2, leader),
			at(-w/2, R, AnchorMiddle, pref+2, leader),
			at(-d-w, -d-h, AnchorEnd, pref+2.5, leader),
			at(-R-w, -h/2, AnchorEnd, pref+2.5, leader),
			at(-d-w, d, AnchorEnd, pref+3, leader),
		)
		if leader {
			return
		}
		// Above and below, a long label may also start or end over the
		// symbol, or have it a quarter of the way along; beside it, sit on
		// or hang from its centre line.
		out = append(out,
			at(-gap, -R-h, AnchorStart, pref+2.2, false),
			at(-gap, R, AnchorStart, pref+2.2, false),
			at(gap-w, -R-h, AnchorEnd, pref+2.7, false),
			at(gap-w, R, AnchorEnd, pref+2.7, false),
			at(R, gap-h, AnchorStart, pref+1.2, false),
			at(R, -gap, AnchorStart, pref+1.4, false),
			at(-R-w, gap-h, AnchorEnd, pref+2.6, false),
			at(-R-w, -gap, AnchorEnd, pref+2.8, false),
			at(-w/4, -R-h, AnchorMiddle, pref+2.3, false),
			at(-3*w/4, -R-h, AnchorMiddle, pref+2.4, false),
			at(-w/4, R, AnchorMiddle, pref+2.3, false),
			at(-3*w/4, R, AnchorMiddle, pref+2.4, false),
		)
	}
	R := l.r + gap
	k := from
	for ; k < len(symbolRings) && symbolRings[k].pref+0.5 < best-1e-6; k++ {
		ring(R+symbolRings[k].out, symbolRings[k].pref, symbolRings[k].leader)
	}
	return out, k
}

// flowCandidates are places along a flow's link near the end the value
// belongs to, on either side of the line.
func (p *placer) flowCandidates(l *placing, out []candidate) []candidate {
	dx, dy := l.fx-l.cx, l.fy-l.cy
	n := math.Hypot(dx, dy)
	if n < 1 {
		return out
	}
	ux, uy := dx/n, dy/n // along the link, from the end to the start
	nx, ny := -uy, ux    // across it
	// The box's half-extent across the line, so that it clears the line.
	across := math.Abs(nx)*l.w/2 + math.Abs(ny)*l.h/2 + gap
	for k, d := range []float64{l.r + 12, l.r + 30, l.r + 50, l.r + 75} {
		if d > n/2 {
			break
		}
		for side := -1.0; side <= 1; side += 2 {
			cx := l.cx + ux*d + side*nx*across
			cy := l.cy + uy*d + side*ny*across
			x0, y0 := r2(cx-l.w/2), r2(cy-l.h/2)
			pref := 1 + float64(k)
			if side > 0 {
				pref += 0.5
			}
			out = append(out, candidate{box: rect{x0, y0, x0 + l.w, y0 + l.h}, anchor: AnchorMiddle, pref: pref})
		}
	}
	return out
}

// leaderLine is the line from a label's symbol to its box at c: from just
// outside the symbol to just short of the box's nearest point.
func leaderLine(l *placing, c candidate) (x1, y1, x2, y2 float64, ok bool) {
	px := max(c.box.x0, min(l.cx, c.box.x1))
	py := max(c.box.y0, min(l.cy, c.box.y1))
	d := math.Hypot(px-l.cx, py-l.cy)
	if d-l.r < leaderMin {
		return 0, 0, 0, 0, false
	}
	ux, uy := (px-l.cx)/d, (py-l.cy)/d
	return r2(l.cx + ux*(l.r+1)), r2(l.cy + uy*(l.r+1)), r2(px - ux*2), r2(py - uy*2), true
}

// cost is what placing label i at c costs, given everything else where it
// is now; it stops counting once the cost reaches bound. Labels weigh the
// most, so they are counted first.
func (p *placer) cost(i int, c candidate, bound float64) float64 {
	cost := c.pref
	b := c.box.grow(pad)
	if out := b.w()*b.h() - areaIn(b, p.area); out > 0.5 {
		cost += edgeCost * (1 + out/areaScale)
	}
	if cost >= bound {
		return cost
	}
	p.buf = p.lg.near(b, p.buf[:0])
	p.budget -= len(p.buf)
	for _, id := range p.buf {
		if int(id) == i {
			continue
		}
		if w, h := overlap(b, p.labelBox(id)); w > 0 {
			if cost += kindWeight[kindLabel] * (1 + w*h/areaScale); cost >= bound {
				return cost
			}
		}
	}
	p.buf = p.fg.near(b, p.buf[:0])
	p.budget -= len(p.buf)
	for _, id := range p.buf {
		it := &p.fixed[id]
		if ok, amount := it.meets(b); ok {
			if it.seg {
				cost += kindWeight[it.kind] * (1 + amount/lineScale)
			} else {
				cost += kindWeight[it.kind] * (1 + amount/areaScale)
			}
			if cost >= bound {
				return cost
			}
		}
	}
	if !c.leader {
		return cost
	}
	x1, y1, x2, y2, ok := leaderLine(&p.labels[i], c)
	if !ok {
		return cost
	}
	cost += math.Hypot(x2-x1, y2-y1) / 2
	// What the leader crosses: labels and symbols cost as much as the
	// label itself crossing them; lines crossing lines are normal.
	sb := segmentBox(x1, y1, x2, y2, 0)
	p.buf = p.lg.near(sb, p.buf[:0])
	p.budget -= len(p.buf)
	for _, id := range p.buf {
		if int(id) == i {
			continue
		}
		if l, ok := clipSegment(x1, y1, x2, y2, p.labelBox(id)); ok {
			cost += kindWeight[kindLabel] * (1 + l/lineScale)
		}
	}
	p.buf = p.fg.near(sb, p.buf[:0])
	p.budget -= len(p.buf)
	for _, id := range p.buf {
		it := &p.fixed[id]
		if it.seg {
			continue
		}
		if l, ok := clipSegment(x1, y1, x2, y2, it.r); ok && (!it.circle || circleMeetsSegment(it, x1, y1, x2, y2)) {
			cost += kindWeight[it.kind] * (1 + l/lineScale)
		}
	}
	return cost
}

// circleMeetsSegment reports whether a disc item meets a segment.
func circleMeetsSegment(it *item, x1, y1, x2, y2 float64) bool {
	dx, dy := x2-x1, y2-y1
	t := 0.0
	if n := dx*dx + dy*dy; n > 0 {
		t = max(0, min(1, ((it.x1-x1)*dx+(it.y1-y1)*dy)/n))
	}
	ex, ey := x1+t*dx-it.x1, y1+t*dy-it.y1
	return ex*ex+ey*ey < it.hw*it.hw
}

// areaIn is the area of b inside a.
func areaIn(b, a rect) float64 {
	w, h := overlap(a, b)
	return w * h
}

// apply writes a label's place into its text and box, and adds its leader
// line beneath its symbol.
func (p *placer) apply(l *placing) {
	if l.cur == l.def {
		return
	}
	g := &p.b.s.Groups[l.gi]
	sh := &g.Shapes[l.si]
	t, c := sh.Text, l.cur
	t.Anchor = c.anchor
	switch c.anchor {
	case AnchorStart:
		t.X = c.box.x0
	case AnchorMiddle:
		t.X = c.box.x0 + l.w/2
	default:
		t.X = c.box.x1
	}
	t.Y = c.box.y0 + l.dy
	sh.Box = &BoxHint{X: c.box.x0, Y: c.box.y0, W: l.w, H: l.h, Free: true}
	if !c.leader {
		return
	}
	x1, y1, x2, y2, ok := leaderLine(l, c)
	if !ok {
		return
	}
	lead := Shape{Role: RoleLeader, Line: &Line{X1: x1, Y1: y1, X2: x2, Y2: y2},
		Style: &Style{Stroke: t.Fill, StrokeWidth: 0.75, StrokeOpacity: 0.7, Dash: []float64{2, 2}}}
	g.Shapes = slices.Insert(g.Shapes, 0, lead)
}

// clearance is the radius a label keeps clear of around an element's
// centre: its symbol and its widest glyph.
func (b *builder) clearance(e *model.Element) float64 {
	r := b.t.ComponentRadius + b.t.ComponentStrokeWidth/2
	if e.PipelineParent {
		r = 5 * math.Sqrt2
	}
	return max(r, glyphRadius(e))
}

// freeLabel marks the label of e, the last shape of g (a group about to be
// added), as free when its author did not place it (or when LabelsAll
// places those too), and hands it to the placer when labels are placed.
func (b *builder) freeLabel(e *model.Element, g *Group, x, y float64) {
	if e.LabelSet && b.o.Labels != LabelsAll {
		return
	}
	b.freeText(g, x, y, b.clearance(e))
}

// freeText marks the last shape of g (a group about to be added), a label
// of something centred on x, y that it keeps r clear of, as free, and
// hands it to the placer when labels are placed.
func (b *builder) freeText(g *Group, x, y, r float64) {
	g.Shapes[len(g.Shapes)-1].Box.Free = true
	if b.o.autoLabels() {
		b.movable = append(b.movable, movable{gi: len(b.s.Groups), si: len(g.Shapes) - 1, cx: x, cy: y, r: r})
	}
}
