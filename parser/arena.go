package parser

import "github.com/wardley-maps/wardley/internal/slab"

// arena hands out AST nodes from chunks, so that parsing a line costs a
// few allocations instead of one per node: the nodes of a file live and die
// together anyway.
type arena struct {
	components slab.Slab[Component]
	links      slab.Slab[Link]
	names      slab.Slab[Name]
	linkEnds   slab.Slab[LinkEnd]
	items      slab.Slab[Item]
	lists      slab.Slab[List]
	listItems  slab.Slab[ListItem]
	elems      slab.Slab[Elem]
	labels     slab.Slab[Label]
	texts      slab.Slab[Text]
	noteTexts  slab.Slab[NoteText]
	decorators slab.Slab[DecoratorSet]
	itemPtrs   ptrSlab[Item]
	listPtrs   ptrSlab[ListItem]
	elemPtrs   ptrSlab[Elem]
	// commentLines are the runs of comments between statements.
	commentLines slab.Slab[CommentLine]
	evolves      slab.Slab[Evolve]
	evolveNames  slab.Slab[EvolveName]
	pipelines    slab.Slab[Pipeline]
	notes        slab.Slab[Note]
	stageParts   slab.Slab[StagePart]
	// toks are the copies of tokens that nodes point at (fast.tok).
	toks slab.Slab[Tok]
}

const chunk = 256

// reserve sizes the first chunks of an empty arena (new or reset) for the
// nodes the tokens of a file will make, so that each kind of node of a
// small or middling map takes one allocation rather than a run of doubling
// chunks (8, 16, 32, ...) that leaves up to half of its slots unused, and
// that the garbage collector then scans. The sizes are counted from the
// token kinds and are estimates, mostly a little over: a slab that runs
// out grows as before, so they never change what is parsed. comments is
// the number of comments: at most one comment line each.
func (a *arena) reserve(toks []Tok, src []byte, comments int) {
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
	a.components.Reserve(components)
	a.links.Reserve(links)
	a.names.Reserve(names)
	a.linkEnds.Reserve(2 * links)
	a.items.Reserve(items)
	a.lists.Reserve(brackets)
	a.listItems.Reserve(listItems)
	a.elems.Reserve(elems)
	a.labels.Reserve(kinds[LabelKw])
	a.texts.Reserve(texts)
	a.noteTexts.Reserve(notes)
	a.decorators.Reserve(kinds[Decorators])
	a.itemPtrs.reserve(items)
	a.listPtrs.reserve(listItems)
	a.elemPtrs.reserve(elems)
	a.commentLines.Reserve(comments)
	a.evolves.Reserve(evolves)
	a.evolveNames.Reserve(2 * evolves)
	a.pipelines.Reserve(pipelines)
	a.notes.Reserve(noteStmts)
	// The tokens nodes point at: an evolve's arrow, maturities, inertia,
	// url(...) references, a pipeline's `{`, a link's `;`.
	a.toks.Reserve(evolves + kinds[Maturity] + kinds[InertiaKw] + kinds[URLRef] + pipelines + texts)
}

// reset empties the arena for another file, keeping each slab's latest
// chunk. No node it handed out may be in use.
func (a *arena) reset() {
	a.components.Reset()
	a.links.Reset()
	a.names.Reset()
	a.linkEnds.Reset()
	a.items.Reset()
	a.lists.Reset()
	a.listItems.Reset()
	a.elems.Reset()
	a.labels.Reset()
	a.texts.Reset()
	a.noteTexts.Reset()
	a.decorators.Reset()
	a.itemPtrs.reset()
	a.listPtrs.reset()
	a.elemPtrs.reset()
	a.commentLines.Reset()
	a.evolves.Reset()
	a.evolveNames.Reset()
	a.pipelines.Reset()
	a.notes.Reset()
	a.stageParts.Reset()
	a.toks.Reset()
}

// ptrSlab stores slices of pointers back to back in shared chunks.
type ptrSlab[T any] struct{ buf []*T }

// reserve makes the first chunk of an empty slab hold at least n pointers.
func (s *ptrSlab[T]) reserve(n int) {
	if len(s.buf) == 0 && cap(s.buf) < n {
		s.buf = make([]*T, 0, n)
	}
}

// reset empties the slab for reuse, keeping its latest chunk.
func (s *ptrSlab[T]) reset() {
	clear(s.buf)
	s.buf = s.buf[:0]
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
