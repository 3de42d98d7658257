// Package slab allocates many small values of one type in shared chunks:
// one allocation for a run of values where new(T) would make one each.
// The parser keeps its syntax tree's nodes in slabs, and layout the
// geometry and styles of a scene's shapes; both make thousands of small
// values on a big map, all of which live exactly as long as the whole.
//
// A value handed out keeps its whole chunk alive, so slabs suit values
// that die together.
package slab

// maxChunk is the largest chunk a slab grows to by itself (Reserve may ask
// for more): past it, doubling saves too few allocations to be worth the
// unused slots.
const maxChunk = 256

// Slab hands out pointers to zeroed values of T. The zero Slab is ready to
// use; its chunks start small and double, so that a small map does not pay
// for a big one.
type Slab[T any] struct{ buf []T }

// Reserve makes the first chunk of an empty slab hold at least n values.
func (s *Slab[T]) Reserve(n int) {
	if len(s.buf) == 0 && cap(s.buf) < n {
		s.buf = make([]T, 0, n)
	}
}

// Reset empties the slab for reuse, keeping its latest chunk: the values
// it handed out from that chunk are zeroed and will be handed out again,
// so none of them may be in use.
func (s *Slab[T]) Reset() {
	clear(s.buf)
	s.buf = s.buf[:0]
}

// New returns a pointer to a new zero T.
func (s *Slab[T]) New() *T {
	if len(s.buf) == cap(s.buf) {
		s.buf = make([]T, 0, min(max(8, 2*cap(s.buf)), maxChunk))
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

// Put returns a pointer to a new copy of v.
func (s *Slab[T]) Put(v T) *T {
	p := s.New()
	*p = v
	return p
}

// Copy returns a slice holding a copy of vs, carved from the slab: its
// capacity is its length, so that appending to it copies it rather than
// overwriting its neighbour. An empty vs gives nil.
func (s *Slab[T]) Copy(vs []T) []T {
	if len(vs) == 0 {
		return nil
	}
	if cap(s.buf)-len(s.buf) < len(vs) {
		s.buf = make([]T, 0, max(min(max(8, 2*cap(s.buf)), maxChunk), len(vs)))
	}
	start := len(s.buf)
	s.buf = append(s.buf, vs...)
	return s.buf[start:len(s.buf):len(s.buf)]
}

// One returns a slice holding only v, carved from the slab: its capacity
// is 1, so that appending to it copies it rather than overwriting its
// neighbour.
func (s *Slab[T]) One(v T) []T {
	s.Put(v)
	n := len(s.buf)
	return s.buf[n-1 : n : n]
}
