package diag

import (
	"bytes"
	"fmt"
	"sort"
	"unicode/utf8"
)

// Pos is a position in a source text. Offset is a 0-based byte offset; Line
// and Column are 1-based, and Column counts bytes, as the Go toolchain does.
// The zero Pos is "no position".
type Pos struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Column int `json:"column"`
}

// IsValid reports whether p names a place in a file.
func (p Pos) IsValid() bool { return p.Line > 0 }

func (p Pos) String() string {
	if !p.IsValid() {
		return "-"
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Column)
}

// Range is the span [Start, End) of a source text. An empty range (Start ==
// End) marks a point, such as the place where something is missing.
type Range struct {
	Start Pos `json:"start"`
	End   Pos `json:"end"`
}

// IsValid reports whether r names a place in a file.
func (r Range) IsValid() bool { return r.Start.IsValid() }

func (r Range) String() string { return r.Start.String() }

// Contains reports whether r covers the whole of o.
func (r Range) Contains(o Range) bool {
	return r.Start.Offset <= o.Start.Offset && o.End.Offset <= r.End.Offset
}

// Lines maps byte offsets of one source text to positions. Build it once per
// file with NewLines; lookups are O(log lines).
type Lines struct {
	src    []byte
	starts []int // byte offset at which each line begins
}

// NewLines indexes src. Lines end at '\n'; a '\r' before it belongs to the
// line's text (printers drop it).
func NewLines(src []byte) *Lines {
	// Counting the lines first (bytes.Count and IndexByte are vectorised)
	// makes starts in one allocation of the right size.
	starts := make([]int, 1, 1+bytes.Count(src, newline))
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		starts = append(starts, off)
	}
	return &Lines{src: src, starts: starts}
}

var newline = []byte{'\n'}

// Src returns the indexed text.
func (l *Lines) Src() []byte { return l.src }

// Count returns the number of lines (a final line without '\n' counts).
func (l *Lines) Count() int { return len(l.starts) }

// Pos converts a byte offset (clamped to the text) into a position.
func (l *Lines) Pos(offset int) Pos {
	if offset < 0 {
		offset = 0
	}
	if offset > len(l.src) {
		offset = len(l.src)
	}
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) - 1
	return Pos{Offset: offset, Line: i + 1, Column: offset - l.starts[i] + 1}
}

// Range converts a pair of byte offsets into a range.
func (l *Lines) Range(start, end int) Range {
	return Range{Start: l.Pos(start), End: l.Pos(end)}
}

// LineStart returns the byte offset at which the 1-based line n begins.
func (l *Lines) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(l.starts) {
		return len(l.src)
	}
	return l.starts[n-1]
}

// Line returns the text of the 1-based line n without its line ending.
func (l *Lines) Line(n int) string {
	if n < 1 || n > len(l.starts) {
		return ""
	}
	start := l.starts[n-1]
	end := len(l.src)
	if n < len(l.starts) {
		end = l.starts[n] - 1
	}
	if end > start && l.src[end-1] == '\r' {
		end--
	}
	if !utf8.Valid(l.src[start:end]) {
		return string([]rune(string(l.src[start:end])))
	}
	return string(l.src[start:end])
}
