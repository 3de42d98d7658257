package markdown

import (
	"bytes"
	"strings"
)

// Block is a fenced code block.
type Block struct {
	// Info is the info string, trimmed; Lang its first word.
	Info, Lang string
	// InfoCol is the 1-based column (in bytes) where the info string starts
	// on the opening line.
	InfoCol int
	// Content is the block's text: its lines with up to the opening
	// fence's indentation removed, each ending with "\n" (a CRLF line ends
	// with "\r\n" as written).
	Content []byte
	// Lines maps each line of Content to the document: the 1-based line
	// number and the byte offset in the document where the line's content
	// starts (after the removed indentation).
	Lines []Line
	// OpenLine is the 1-based line of the opening fence.
	OpenLine int
	// Closed is false for a block that runs to the end of the document.
	Closed bool
	// After is the byte offset just after the closing fence's line (its
	// line ending included): where a link goes.
	After int
	// Region is the marker region that follows the block, if any.
	Region *Region
}

// Line is where a line of a block's content is in the document.
type Line struct {
	Number int // 1-based line number in the document
	Offset int // byte offset of the line's content in the document
}

// Region is the text `wardley md` manages after a block:
//
//	<!-- wardley:begin NAME -->
//	![title](path)
//	<!-- wardley:end -->
//
// It may be separated from the block by blank lines.
type Region struct {
	// Start and End are the byte range from the begin marker's first byte
	// to the end of the end marker's line (its line ending included, when
	// there is one).
	Start, End int
	// Name is the image name written in the begin marker.
	Name string
	// Closed is false when the begin marker has no end marker.
	Closed bool
	// Line is the begin marker's 1-based line.
	Line int
}

// Marker comments.
const (
	BeginMarker = "<!-- wardley:begin"
	EndMarker   = "<!-- wardley:end -->"
)

// line is a line of the document.
type line struct {
	start, end int // content [start, end), line ending excluded
	next       int // start of the next line
	number     int
}

func splitLines(src []byte) []line {
	var out []line
	for off, n := 0, 1; off < len(src); n++ {
		end := len(src)
		next := len(src)
		if k := bytes.IndexByte(src[off:], '\n'); k >= 0 {
			end, next = off+k, off+k+1
		}
		content := end
		if content > off && src[content-1] == '\r' {
			content--
		}
		out = append(out, line{start: off, end: content, next: next, number: n})
		off = next
	}
	return out
}

// indentation returns the number of leading spaces (a tab counts to the
// next multiple of 4) and the bytes they take.
func indentation(s []byte) (cols, n int) {
	for n < len(s) {
		switch s[n] {
		case ' ':
			cols++
		case '\t':
			cols += 4 - cols%4
		default:
			return cols, n
		}
		n++
	}
	return cols, n
}

// fence reports whether l opens a fence: up to three spaces, then three or
// more backticks or tildes. It returns the fence character, its length,
// its indentation and where the info string starts.
func fence(s []byte) (c byte, length, indent, info int, ok bool) {
	cols, n := indentation(s)
	if cols > 3 || n >= len(s) || (s[n] != '`' && s[n] != '~') {
		return 0, 0, 0, 0, false
	}
	c = s[n]
	i := n
	for i < len(s) && s[i] == c {
		i++
	}
	if i-n < 3 {
		return 0, 0, 0, 0, false
	}
	// An info string of a backtick fence cannot hold a backtick.
	if c == '`' && bytes.IndexByte(s[i:], '`') >= 0 {
		return 0, 0, 0, 0, false
	}
	return c, i - n, cols, i, true
}

// closes reports whether s closes a fence of c×length: up to three spaces,
// at least length of c, then only spaces and tabs.
func closes(s []byte, c byte, length int) bool {
	cols, n := indentation(s)
	if cols > 3 {
		return false
	}
	i := n
	for i < len(s) && s[i] == c {
		i++
	}
	return i-n >= length && len(bytes.Trim(s[i:], " \t")) == 0
}

// Blocks returns the fenced code blocks of a document, in order. Only
// fences at the document's top level are seen (and in list items indented
// by at most three spaces); blocks inside block quotes are not.
func Blocks(src []byte) []Block {
	lines := splitLines(src)
	var out []Block
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		s := src[l.start:l.end]
		c, length, indent, infoAt, ok := fence(s)
		if !ok {
			continue
		}
		b := Block{OpenLine: l.number}
		info := s[infoAt:]
		b.Info = strings.TrimSpace(string(info))
		lead := len(info) - len(bytes.TrimLeft(info, " \t"))
		b.InfoCol = infoAt + lead + 1
		b.Lang, _, _ = strings.Cut(b.Info, " ")
		b.Lang, _, _ = strings.Cut(b.Lang, "\t")
		var content bytes.Buffer
		j := i + 1
		for ; j < len(lines); j++ {
			lj := lines[j]
			t := src[lj.start:lj.end]
			if closes(t, c, length) {
				b.Closed = true
				break
			}
			// Remove up to the opening fence's indentation.
			strip := 0
			for cols := 0; strip < len(t) && t[strip] == ' ' && cols < indent; strip++ {
				cols++
			}
			b.Lines = append(b.Lines, Line{Number: lj.number, Offset: lj.start + strip})
			content.Write(src[lj.start+strip : lj.next])
			if lj.next == len(src) && src[len(src)-1] != '\n' {
				// The last line of the document has no line ending.
				content.WriteByte('\n')
			}
		}
		b.Content = content.Bytes()
		if b.Closed {
			b.After = lines[j].next
			b.Region = region(src, lines, j+1)
		} else {
			b.After = len(src)
		}
		out = append(out, b)
		i = j
	}
	return out
}

// region finds a marker region starting at line i, after blank lines.
func region(src []byte, lines []line, i int) *Region {
	for i < len(lines) && len(bytes.Trim(src[lines[i].start:lines[i].end], " \t")) == 0 {
		i++
	}
	if i >= len(lines) {
		return nil
	}
	first := bytes.TrimSpace(src[lines[i].start:lines[i].end])
	if !bytes.HasPrefix(first, []byte(BeginMarker)) || !bytes.HasSuffix(first, []byte("-->")) {
		return nil
	}
	r := &Region{Start: lines[i].start, Line: lines[i].number, End: len(src)}
	r.Name = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(string(first), BeginMarker), "-->"))
	for j := i + 1; j < len(lines); j++ {
		t := bytes.TrimSpace(src[lines[j].start:lines[j].end])
		if bytes.Equal(t, []byte(EndMarker)) {
			r.End, r.Closed = lines[j].next, true
			return r
		}
		if bytes.HasPrefix(t, []byte(BeginMarker)) {
			break
		}
	}
	return r
}

// EOL is the document's line ending: "\r\n" when its first line ends so,
// else "\n".
func EOL(src []byte) string {
	if k := bytes.IndexByte(src, '\n'); k > 0 && src[k-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// Edit replaces the bytes [Start, End) of a document with New.
type Edit struct {
	Start, End int
	New        string
}

// Apply applies edits, which must be sorted and must not overlap.
func Apply(src []byte, edits []Edit) []byte {
	var b bytes.Buffer
	at := 0
	for _, e := range edits {
		b.Write(src[at:e.Start])
		b.WriteString(e.New)
		at = e.End
	}
	b.Write(src[at:])
	return b.Bytes()
}
