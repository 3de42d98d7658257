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
}

const chunk = 256

// slab chunks start small and double, so that a 10-line map does not pay
// for a 10,000-line one.
type slab[T any] struct{ buf []T }

func (s *slab[T]) new() *T {
	if len(s.buf) == cap(s.buf) {
		s.buf = make([]T, 0, min(max(8, 2*cap(s.buf)), chunk))
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

// ptrSlab stores slices of pointers back to back in shared chunks.
type ptrSlab[T any] struct{ buf []*T }

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
