package diag

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// naiveSuggest is Suggest written plainly (strings.ToLower, a new table for
// every candidate, no early stops): what Suggest must agree with.
func naiveSuggest(word string, candidates []string) string {
	if word == "" {
		return ""
	}
	lw := []rune(strings.ToLower(word))
	best, bestDist := "", -1
	for _, c := range candidates {
		if c == "" || c == word {
			continue
		}
		lc := []rune(strings.ToLower(c))
		if string(lc) == string(lw) {
			return c
		}
		d := naiveDistance(lw, lc)
		if d <= max(max(len(lw), len(lc))/3, 1) && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

func naiveDistance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// TestSuggestMatchesNaive compares Suggest with naiveSuggest on random
// words of 0 to 23 letters from a small alphabet (upper and lower case,
// accents, letters whose lower case is longer in bytes or has none,
// invalid UTF-8), so that near misses, ties, case-only differences and
// every width of the band distance computes are common.
func TestSuggestMatchesNaive(t *testing.T) {
	alphabet := []string{"a", "b", "c", "A", "B", "é", "É", "İ", "ß", "\xff", " "}
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		var b strings.Builder
		for range rng.IntN(4) + rng.IntN(4)*rng.IntN(6) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	for range 20000 {
		w := word()
		cands := make([]string, rng.IntN(8))
		for i := range cands {
			cands[i] = word()
		}
		if got, want := Suggest(w, cands), naiveSuggest(w, cands); got != want {
			t.Fatalf("Suggest(%q, %q) = %q, want %q", w, cands, got, want)
		}
	}
}

// BenchmarkSuggest: an unknown name against a map's 200 names, as the
// compiler does for each link end that names nothing.
func BenchmarkSuggest(b *testing.B) {
	var names []string
	for i := range 200 {
		names = append(names, "Component Name "+string(rune('A'+i%26))+string(rune('a'+i/26)))
	}
	for b.Loop() {
		Suggest("Componnet Name Qb", names)
	}
}
