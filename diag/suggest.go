package diag

import (
	"strings"
	"unicode/utf8"
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
	lw := strings.ToLower(word)
	best, bestDist := "", -1
	for _, c := range candidates {
		if c == "" || c == word {
			continue
		}
		lc := strings.ToLower(c)
		limit := max(utf8.RuneCountInString(lw), utf8.RuneCountInString(lc)) / 3
		limit = max(limit, 1)
		if lc == lw {
			// Same word in another case: the best possible hint.
			return c
		}
		if bestDist >= 0 {
			// Only a closer candidate can win: stop measuring one as soon
			// as it is certain not to be.
			limit = min(limit, bestDist-1)
		}
		d := distance(lw, lc, limit)
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the optimal-string-alignment distance between a and b, or a
// number greater than limit once it is certain to exceed limit.
func distance(a, b string, limit int) int {
	if limit < 0 || abs(utf8.RuneCountInString(a)-utf8.RuneCountInString(b)) > limit {
		return limit + 1
	}
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
