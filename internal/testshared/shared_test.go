package testshared

import "testing"

func TestCorpus(t *testing.T) {
	if n := len(Corpus(t)); n < 100 {
		t.Errorf("corpus has %d maps, want the 144 of ../shared/corpus", n)
	}
}
