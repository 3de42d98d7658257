package format

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wardley-maps/wardley/parser"
)

// Source prints f, which parser.Parse returned, in the canonical layout
// (see the package documentation). The output parses to the same map.
// A statement that did not parse is printed as written; so is the whole
// file when some of its text belongs to no statement, which happens only
// with syntax errors (a stray `{` or `}`).
func Source(f *parser.File) []byte {
	p := &printer{f: f, src: f.Src}
	p.collect()
	if !p.covers() {
		return bytes.Clone(f.Src)
	}
	return p.print()
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// unit is one thing the printer puts on a line of its own: a statement,
// a comment-only line, a block's brace.
type unit struct {
	// pos and end are the source bytes the unit stands for, its comments
	// included.
	pos, end int
	depth    int
	// text is what to print. Lines after the first (inside a block
	// comment) are printed as they are.
	text string
	// asWritten says that text starts with the unit's own indentation.
	asWritten bool
	// comment marks a comment-only line: what follows it on the same
	// source line stays beside it.
	comment bool
	// open and close mark a block's braces: no blank line after `{` or
	// before `}`.
	open, close bool
}

type printer struct {
	f     *parser.File
	src   []byte
	units []unit
	// changed counts the statements printed differently from how they
	// were written; kept counts those left as written because printing
	// them would have changed their meaning (for tests).
	changed, kept int
}

func (p *printer) collect() {
	p.stmts(p.f.Stmts, 0)
	sort.SliceStable(p.units, func(i, j int) bool { return p.units[i].pos < p.units[j].pos })
}

func (p *printer) stmts(list []parser.Stmt, depth int) {
	for _, st := range list {
		switch s := st.(type) {
		case *parser.CommentLine:
			sp := s.Span()
			p.units = append(p.units, unit{pos: sp.Pos, end: sp.End, depth: depth, text: string(p.src[sp.Pos:sp.End]), comment: true})
		case *parser.Pipeline:
			p.stmt(s, depth)
			if s.Block != nil {
				p.block(s, depth)
			}
		default:
			p.stmt(st, depth)
		}
	}
}

// block adds a pipeline block's braces and children. A `{` written at the
// end of the pipeline line is printed there, with the pipeline.
func (p *printer) block(pl *parser.Pipeline, depth int) {
	b := pl.Block
	if pl.Open == nil {
		p.brace(b.Open, b.OpenComment, depth, true)
	}
	p.stmts(b.Stmts, depth+1)
	if b.Close != nil {
		p.brace(*b.Close, b.CloseComment, depth, false)
	}
}

func (p *printer) brace(t parser.Tok, c *parser.Comment, depth int, open bool) {
	u := unit{pos: int(t.Pos), depth: depth, open: open, close: !open}
	text := string(p.src[t.Pos:t.End])
	if tail, end, ok := p.tail(int(t.Pos), int(t.End), c, p.ownedUntil(int(t.End))); ok {
		u.text, u.end = text+tail, end
	} else {
		u.text, u.end = string(p.src[t.Pos:end]), end
	}
	p.units = append(p.units, u)
}

// tail looks at the comments on the line of a statement or brace that
// spans [pos, end): it returns what to print after it (" " and the trailing
// comment, or nothing) and where the unit ends. ok is false when the line
// holds other comments (inside the statement, or several after it): then
// the unit must be printed as written, up to the returned end.
func (p *printer) tail(pos, end int, trailing *parser.Comment, limit int) (text string, unitEnd int, ok bool) {
	cs := p.commentsIn(pos, min(p.lineEnd(end), limit))
	unitEnd = end
	for _, c := range cs {
		unitEnd = max(unitEnd, c.End)
	}
	switch {
	case len(cs) == 0:
		return "", unitEnd, true
	case len(cs) == 1 && cs[0] == trailing && trailing.Pos >= end:
		return " " + trailing.Text, unitEnd, true
	}
	return "", unitEnd, false
}

// ownedUntil returns where the comments that follow a brace ending at
// off stop belonging to it: at the first thing on the line that is not a
// comment (a statement written after the brace), else at the line's end.
func (p *printer) ownedUntil(off int) int {
	lineEnd := p.lineEnd(off)
	for off < lineEnd {
		if n := spaceLen(p.src[off:]); n > 0 {
			off += n
			continue
		}
		cs := p.commentsIn(off, off+1)
		if len(cs) == 0 {
			return off
		}
		off = cs[0].End
	}
	return lineEnd
}

// commentsIn returns the comments that start in [from, to).
func (p *printer) commentsIn(from, to int) []*parser.Comment {
	cs := p.f.Comments
	i := sort.Search(len(cs), func(i int) bool { return cs[i].Pos >= from })
	j := i
	for j < len(cs) && cs[j].Pos < to {
		j++
	}
	return cs[i:j]
}

// lineEnd returns the offset of the newline ending the line that holds
// off (or the end of the source).
func (p *printer) lineEnd(off int) int {
	if k := bytes.IndexByte(p.src[off:], '\n'); k >= 0 {
		return off + k
	}
	return len(p.src)
}

func (p *printer) lineStart(off int) int {
	s := bytes.LastIndexByte(p.src[:off], '\n') + 1
	if s == 0 && bytes.HasPrefix(p.src, bom) {
		s = len(bom)
	}
	return s
}

func (p *printer) line(off int) int { return p.f.Lines.Pos(off).Line }

// stmt adds a statement: printed canonically when that is safe, else as
// written.
func (p *printer) stmt(st parser.Stmt, depth int) {
	sp := st.Span()
	tail, end, tailOK := p.tail(sp.Pos, sp.End, st.Trailing(), len(p.src))
	start := p.lineStart(sp.Pos)
	lead := string(p.src[start:sp.Pos])
	first := isBlank(lead)
	written := string(p.src[sp.Pos:sp.End])
	canon, ok := p.canonical(st)
	if ok && tailOK {
		indent := strings.Repeat("  ", depth)
		before := written
		if first {
			before = lead + written
		}
		switch {
		case before == indent+canon:
			// Nothing to check: the statement is printed as it was.
		case sameMeaning(before, indent+canon, depth):
			if canon != written {
				p.changed++
			}
		default:
			p.kept++
			ok = false
		}
	}
	u := unit{pos: sp.Pos, end: end, depth: depth}
	switch {
	case ok && tailOK:
		u.text = canon + tail
	case first:
		u.text, u.asWritten = lead+string(p.src[sp.Pos:end]), true
	default:
		u.text = string(p.src[sp.Pos:end])
	}
	p.units = append(p.units, u)
}

// covers reports whether every byte of the source that is not white space
// belongs to a unit: the printer would lose nothing.
func (p *printer) covers() bool {
	at := 0
	if bytes.HasPrefix(p.src, bom) {
		at = len(bom)
	}
	for _, u := range p.units {
		if u.pos > at && !isSpace(p.src[at:u.pos]) {
			return false
		}
		at = max(at, u.end)
	}
	return isSpace(p.src[at:])
}

func isSpace(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if !unicode.IsSpace(r) && r != '\uFEFF' {
			return false
		}
		b = b[n:]
	}
	return true
}

// spaceLen returns the length of the white space character b starts
// with, or 0.
func spaceLen(b []byte) int {
	r, n := utf8.DecodeRune(b)
	if unicode.IsSpace(r) || r == '\uFEFF' {
		return n
	}
	return 0
}

func isBlank(s string) bool { return isSpace([]byte(s)) }

// print lays the units out, one per line.
func (p *printer) print() []byte {
	eol := "\n"
	if k := bytes.IndexByte(p.src, '\n'); k > 0 && p.src[k-1] == '\r' {
		eol = "\r\n"
	}
	var lines []string
	var prev *unit
	prevEnd := 0
	for i := range p.units {
		u := &p.units[i]
		startLine := p.line(u.pos)
		// An unclosed block comment runs to the end of the file, blank
		// lines included: they go, as at the end of any file.
		text := strings.Split(strings.TrimRight(u.text, " \t\r\n\v\f"), "\n")
		switch {
		case prev != nil && prev.comment && startLine == prevEnd:
			// Beside the comment it followed on its line.
			lines[len(lines)-1] += " " + strings.TrimLeft(text[0], " \t")
			text = text[1:]
		default:
			if prev != nil && startLine-prevEnd >= 2 && !prev.open && !u.close {
				lines = append(lines, "")
			}
			if !u.asWritten {
				text[0] = strings.Repeat("  ", u.depth) + text[0]
			}
		}
		lines = append(lines, text...)
		prev, prevEnd = u, p.line(u.end)
	}
	var b bytes.Buffer
	b.Grow(len(p.src) + len(p.src)/8)
	if bytes.HasPrefix(p.src, bom) {
		b.Write(bom)
	}
	for _, l := range lines {
		b.WriteString(strings.TrimRight(l, " \t\r\v\f"))
		b.WriteString(eol)
	}
	return b.Bytes()
}
