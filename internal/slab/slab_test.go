package slab

import "testing"

func TestSlab(t *testing.T) {
	var s Slab[int]
	var ps []*int
	for i := range 1000 {
		ps = append(ps, s.Put(i))
	}
	for i, p := range ps {
		if *p != i {
			t.Fatalf("value %d holds %d: a later Put overwrote it", i, *p)
		}
	}
	if p := s.New(); *p != 0 {
		t.Errorf("New gave %d, want 0", *p)
	}
	a := s.One(7)
	b := s.One(8)
	a = append(a, 9)
	if len(a) != 2 || a[0] != 7 || a[1] != 9 || b[0] != 8 {
		t.Errorf("One: a %v, b %v: appending to one changed the other", a, b)
	}
}

func TestReserve(t *testing.T) {
	var s Slab[int]
	s.Reserve(1000)
	first := s.New()
	for range 999 {
		s.New()
	}
	if cap(s.buf) != 1000 || &s.buf[0] != first {
		t.Errorf("1000 values after Reserve(1000) took more than one chunk (cap %d)", cap(s.buf))
	}
	s.Reserve(5) // not empty: no effect
	if cap(s.buf) != 1000 {
		t.Errorf("Reserve on a used slab changed its chunk")
	}
}

func TestAllocs(t *testing.T) {
	n := testing.AllocsPerRun(10, func() {
		var s Slab[[4]float64]
		for range 1024 {
			s.New()
		}
	})
	// 8, 16, 32, 64, 128 (248 values), then 256 at a time: 5 + 4 chunks.
	if n > 9 {
		t.Errorf("1024 values took %v allocations, want at most 9", n)
	}
}

func TestReset(t *testing.T) {
	var s Slab[int]
	s.Reserve(4)
	first := s.Put(7)
	s.Put(8)
	s.Reset()
	if p := s.New(); p != first || *p != 0 {
		t.Errorf("after Reset, New gave %p holding %d, want the first slot (%p) zeroed", p, *p, first)
	}
	s.Reset()
	s.Reserve(2) // the kept chunk holds 4: no new chunk
	if p := s.New(); p != first {
		t.Errorf("Reserve(2) after Reset replaced a chunk of 4")
	}
	s.Reset()
	s.Reserve(100)
	if cap(s.buf) != 100 {
		t.Errorf("Reserve(100) after Reset: cap %d, want 100", cap(s.buf))
	}
	if p := s.New(); p == first {
		t.Errorf("Reserve(100) kept the chunk of 4")
	}
}

func TestCopy(t *testing.T) {
	var s Slab[int]
	if got := s.Copy(nil); got != nil {
		t.Errorf("Copy(nil) = %v, want nil", got)
	}
	var runs [][]int
	for n := range 40 {
		src := make([]int, n+1)
		for i := range src {
			src[i] = n*100 + i
		}
		got := s.Copy(src)
		src[0] = -1 // the copy is the slab's, not the caller's
		runs = append(runs, got)
	}
	big := s.Copy(make([]int, 1000)) // longer than a chunk
	for n, r := range runs {
		if len(r) != n+1 || cap(r) != n+1 {
			t.Fatalf("run %d: len %d cap %d, want %d", n, len(r), cap(r), n+1)
		}
		for i, v := range r {
			if v != n*100+i {
				t.Fatalf("run %d holds %v: a later Copy or the caller overwrote it", n, r)
			}
		}
	}
	if len(big) != 1000 {
		t.Errorf("a copy of 1000 values has %d", len(big))
	}
	a := runs[3]
	a = append(a, 7)
	if runs[4][0] != 400 {
		t.Errorf("appending to one run changed the next")
	}
}
