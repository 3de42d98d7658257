package parser

// arena hands out AST nodes from chunks, so that parsing a line costs a
// few allocations instead of one per node: the nodes of a file live and die
// together anyway.
type arena struct {
	components slab[Component]
	links      slab[Link]
	names      slab[Name]
	linkEnds   slab[LinkEnd]
	items      slab[Item]
	lists      slab[List]
	listItems  slab[ListItem]
	elems      slab[Elem]
	labels     slab[Label]
	texts      slab[Text]
	noteTexts  slab[NoteText]
	decorators slab[DecoratorSet]
	itemPtrs   ptrSlab[Item]
	listPtrs   ptrSlab[ListItem]
	elemPtrs   ptrSlab[Elem]
	// commentLines are the runs of comments between statements.
	commentLines slab[CommentLine]
	evolves      slab[Evolve]
	evolveNames  slab[EvolveName]
	pipelines    slab[Pipeline]
	notes        slab[Note]
	stageParts   slab[StagePart]
	// toks are the copies of tokens that nodes point at (fast.tok).
	toks slab[Tok]
}

const chunk = 256

// newArena returns an arena whose first chunks are sized for the nodes the
// tokens of a file will make, so that each kind of node of a small or
// middling map takes one allocation rather than a run of doubling chunks
// (8, 16, 32, ...) that leaves up to half of its slots unused, and that the
// garbage collector then scans. The sizes are counted from the token kinds
// and are estimates, mostly a little over: a slab that runs out grows as
// before, so they never change what is parsed. comments is the number of
// comments: at most one comment line each.
func newArena(toks []Tok, src []byte, comments int) *arena {
	var kinds [kindCount]int
	links, brackets, commas, components, names, texts, notes := 0, 0, 0, 0, 0, 0, 0
	evolves, pipelines, noteStmts := 0, 0, 0
	stmtOp := false // the current line is a statement (not a link) with an operator
	for _, t := range toks {
		kinds[t.Kind]++
		switch t.Kind {
		case EOL:
			stmtOp = false
		case Op:
			// A link line makes one Link, whatever operators follow.
			if !stmtOp {
				links++
				stmtOp = true
			}
		case Punct:
			switch src[t.Pos] {
			case '[':
				brackets++
			case ',':
				commas++
			case ';':
				texts++ // a link's context
			}
		case Keyword:
			stmtOp = true
			switch string(src[t.Pos:t.End]) {
			case "component", "submap", "anchor", "market", "ecosystem":
				components++
				names++
			case "pipeline":
				names++
				pipelines++
			case "url", "accelerator", "deaccelerator", "build", "buy", "outsource":
				names++
			case "evolve":
				evolves++
			case "title", "style", "valuechain":
				texts++
			case "annotation":
				texts++
				notes++
			case "note":
				notes++
				noteStmts++
			}
		}
	}
	// A list [a, b] makes three items (a, the comma, b) and two elements;
	// every list item or element is pointed at once.
	listItems := brackets + 2*commas
	elems := brackets + commas
	// A component's or evolve line's items: its coordinates and label
	// offset (one bracket each) and its modifiers.
	items := brackets + kinds[Decorators] + kinds[InertiaKw] + kinds[EvolveKw] + kinds[URLRef] + kinds[Maturity]
	a := &arena{}
	a.components.reserve(components)
	a.links.reserve(links)
	a.names.reserve(names)
	a.linkEnds.reserve(2 * links)
	a.items.reserve(items)
	a.lists.reserve(brackets)
	a.listItems.reserve(listItems)
	a.elems.reserve(elems)
	a.labels.reserve(kinds[LabelKw])
	a.texts.reserve(texts)
	a.noteTexts.reserve(notes)
	a.decorators.reserve(kinds[Decorators])
	a.itemPtrs.reserve(items)
	a.listPtrs.reserve(listItems)
	a.elemPtrs.reserve(elems)
	a.commentLines.reserve(comments)
	a.evolves.reserve(evolves)
	a.evolveNames.reserve(2 * evolves)
	a.pipelines.reserve(pipelines)
	a.notes.reserve(noteStmts)
	// The tokens nodes point at: an evolve's arrow, maturities, inertia,
	// url(...) references, a pipeline's `{`, a link's `;`.
	a.toks.reserve(evolves + kinds[Maturity] + kinds[InertiaKw] + kinds[URLRef] + pipelines + texts)
	return a
}

// slab chunks start small and double, so that a 10-line map does not pay
// for a 10,000-line one.
type slab[T any] struct{ buf []T }

// reserve makes the first chunk of an empty slab hold n nodes.
func (s *slab[T]) reserve(n int) {
	if cap(s.buf) == 0 && n > 0 {
		s.buf = make([]T, 0, n)
	}
}

func (s *slab[T]) new() *T {
	if len(s.buf) == cap(s.buf) {
		s.buf = make([]T, 0, min(max(8, 2*cap(s.buf)), chunk))
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

// ptrSlab stores slices of pointers back to back in shared chunks.
type ptrSlab[T any] struct{ buf []*T }

// reserve makes the first chunk of an empty slab hold n pointers.
func (s *ptrSlab[T]) reserve(n int) {
	if cap(s.buf) == 0 && n > 0 {
		s.buf = make([]*T, 0, n)
	}
}

// copy returns a slice holding ptrs, carved from the slab (capped, so that
// appending to it never overwrites a neighbour).
func (s *ptrSlab[T]) copy(ptrs []*T) []*T {
	if len(ptrs) == 0 {
		return nil
	}
	if cap(s.buf)-len(s.buf) < len(ptrs) {
		s.buf = make([]*T, 0, max(min(max(32, 2*cap(s.buf)), chunk*4), len(ptrs)))
	}
	start := len(s.buf)
	s.buf = append(s.buf, ptrs...)
	return s.buf[start:len(s.buf):len(s.buf)]
}
