package layout

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// IDs hands out ids unique within one scene, derived from content so that
// the same map always gets the same ids: a base itself the first time,
// then base-2, base-3... Tools that add groups to a laid-out scene (the
// picture of a diff) take the scene's ids first.
type IDs struct{ used map[string]int }

// NewIDs returns an empty set with room for about n ids.
func NewIDs(n int) *IDs { return &IDs{used: make(map[string]int, n)} }

// Take marks id as in use.
func (s *IDs) Take(id string) { s.used[id] = max(s.used[id], 1) }

// New returns an unused id derived from base ("g" when base is empty) and
// marks it as in use.
func (s *IDs) New(base string) string {
	if base == "" {
		base = "g"
	}
	n := s.used[base]
	s.used[base] = n + 1
	if n == 0 {
		return base
	}
	for {
		n++
		cand := base + "-" + strconv.Itoa(n)
		if s.used[cand] == 0 {
			s.used[cand] = 1
			return cand
		}
	}
}

// Slug makes an id fragment from text: lower-case letters and digits, runs
// of anything else as one '-', at most 48 bytes.
func Slug(s string) string { return slug(s) }

func slug(s string) string {
	// One pass, lower-casing rune by rune as strings.ToLower does, into a
	// buffer on the stack: the result string is the only allocation.
	var buf [64]byte
	out := buf[:0]
	dash := false
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = unicode.ToLower(r)
		}
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && (isLetter(r) || isDigit(r))
		if !ok {
			dash = len(out) > 0
			continue
		}
		if dash {
			out = append(out, '-')
			dash = false
		}
		if len(out) >= 48 {
			break
		}
		out = utf8.AppendRune(out, r)
	}
	return string(out)
}
