package testshared

import (
	"os"
	"testing"
)

func TestCorpus(t *testing.T) {
	if n := len(Corpus(t)); n < 100 {
		t.Errorf("corpus has %d maps, want the 144 of ../shared/corpus", n)
	}
}

func TestMedian(t *testing.T) {
	files := Corpus(t)
	m, err := os.Stat(Median(t))
	if err != nil {
		t.Fatal(err)
	}
	smaller, larger := 0, 0
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case st.Size() < m.Size():
			smaller++
		case st.Size() > m.Size():
			larger++
		}
	}
	if smaller > len(files)/2 || larger > len(files)/2 {
		t.Errorf("median map has %d maps smaller and %d larger of %d", smaller, larger, len(files))
	}
}
