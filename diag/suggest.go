package diag

import (
	"slices"
	"unicode"
)

// Suggest returns the candidate closest to word, or "" when none is close
// enough to be worth suggesting. Closeness is the optimal-string-alignment
// distance (edits, including swapping two neighbours), compared
// case-insensitively; a candidate qualifies when the distance is at most a
// third of the longer word (at least 1, so "compnent" finds "component" and
// "x" finds nothing). Ties go to the earlier candidate, so results are
// deterministic for a deterministic candidate order.
func Suggest(word string, candidates []string) string {
	if word == "" {
		return ""
	}
	// The runes and rows are reused from one candidate to the next: a
	// map's names are all measured against each unknown name.
	var sp speller
	lw := lower(nil, word)
	best, bestDist := "", -1
	for _, c := range candidates {
		if c == "" || c == word {
			continue
		}
		lc := lower(sp.cand[:0], c)
		sp.cand = lc
		limit := max(max(len(lw), len(lc))/3, 1)
		if slices.Equal(lc, lw) {
			// Same word in another case: the best possible hint.
			return c
		}
		if bestDist >= 0 {
			// Only a closer candidate can win: stop measuring one as soon
			// as it is certain not to be.
			limit = min(limit, bestDist-1)
		}
		d := sp.distance(lw, lc, limit)
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// lower appends the runes of s, lower-cased as strings.ToLower does (rune
// by rune), to dst.
func lower(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, unicode.ToLower(r))
	}
	return dst
}

// speller holds what measuring distances reuses: a candidate's runes and
// the rows of the table.
type speller struct {
	cand []rune
	rows []int
}

// distance is the optimal-string-alignment distance between a and b, or a
// number greater than limit once it is certain to exceed limit. Only the
// band of the table within limit of its diagonal is computed: a path
// that leaves it has made more than limit edits already.
func (sp *speller) distance(a, b []rune, limit int) int {
	if limit < 0 || abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	far := limit + 1 // any distance past limit
	n := len(b) + 1
	if cap(sp.rows) < 3*n {
		sp.rows = make([]int, 3*n)
	}
	rows := sp.rows[:3*n]
	prev2, prev, cur := rows[:n], rows[n:2*n], rows[2*n:]
	for j := range prev {
		prev[j] = min(j, far)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		cur[0] = min(i, far)
		if lo > 1 {
			cur[lo-1] = far
		}
		rowMin := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = min(v, far)
			rowMin = min(rowMin, cur[j])
		}
		if hi < len(b) {
			cur[hi+1] = far // the next row reads it above its band's end
		}
		if rowMin > limit {
			return far
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
