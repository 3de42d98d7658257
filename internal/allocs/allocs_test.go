package allocs

import "testing"

var sink []byte

func TestLeast(t *testing.T) {
	n, bytes := Least(t, 3, func() { sink = make([]byte, 1<<20) })
	if n < 1 || bytes < 1<<20 {
		t.Errorf("a 1 MiB slice: %d allocations, %d bytes", n, bytes)
	}
	if n, bytes := Least(t, 3, func() {}); n != 0 || bytes != 0 {
		t.Errorf("nothing: %d allocations, %d bytes", n, bytes)
	}
}
