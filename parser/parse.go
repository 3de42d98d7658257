package parser

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/wardley-maps/wardley/diag"
)

// parser is the state of one Parse.
type parser struct {
	f     *File
	src   []byte
	str   string // src as a string
	fast  fast
	diags diag.List

	comments    []*Comment
	nextComment int
	// lastPipeline is the latest top-level pipeline that has no block yet,
	// and stmtsSince counts the statements after it, for `{` lines.
	lastPipeline *Pipeline
	stmtsSince   int
	elemBuf      []*Elem
	// The scratch stacks (elemBuf, fast.stack and fast.itemBuf) start in
	// these arrays, which hold the lists and items of usual lines: they
	// grow only for long ones.
	elemArr  [16]*Elem
	stackArr [16]*ListItem
	itemArr  [8]*Item
	// lineHasTokens[l] says whether line l holds a statement (built on
	// first use).
	lineHasTokens []bool
	// slowWork is the work given to participle so far (see maxSlowWork).
	slowWork int
	// stmtBuf is where the file's statements go: a reused scratch's.
	stmtBuf []Stmt
}

// Parse parses a map. It never fails: every problem is a diagnostic (sorted
// by position), and the File holds every statement that could be read, a
// BadStmt for each line that could not, and all comments.
func Parse(filename string, src []byte) (*File, diag.List) {
	return parse(filename, src, &scratch{})
}

// Use parses src as Parse does and calls use with the File and its
// diagnostics. Once use returns, the memory of the File (its nodes,
// tokens and comments) goes to later calls of Use, which saves a parse
// most of its allocations: use must keep nothing from the File but
// strings and diagnostics, which are never reused.
func Use(filename string, src []byte, use func(*File, diag.List)) {
	if len(src) > MaxPooled {
		// A big map's tree is not kept for the next: dropped with the
		// File, it leaves no memory held by the pool.
		use(Parse(filename, src))
		return
	}
	sc := scratches.Get().(*scratch)
	use(parse(filename, src, sc))
	sc.reset()
	scratches.Put(sc)
}

// A scratch is the reusable memory of a parse: the tokens, the arena of
// nodes and the comments.
type scratch struct {
	s        scanner
	a        arena
	comments []Comment
	ptrs     []*Comment
	stmts    []Stmt
}

var scratches = sync.Pool{New: func() any { return &scratch{} }}

// MaxPooled is the size of the largest source whose memory Use keeps for
// the next parse: about 2,000 components, a few MiB of tree. A bigger
// map's memory is worth giving back: it would stay held by the pool,
// unused, through the rest of the drawing (the peak memory of a map of
// 10,000 components grew by a quarter).
const MaxPooled = 256 << 10

// reset makes sc ready for another file. Pointers are cleared so that the
// pooled memory keeps no old nodes alive.
func (sc *scratch) reset() {
	sc.a.reset()
	clear(sc.comments)
	clear(sc.ptrs)
	clear(sc.stmts[:cap(sc.stmts)])
	sc.stmts = sc.stmts[:0]
	sc.s = scanner{toks: sc.s.toks[:0], comments: sc.s.comments[:0]}
}

func parse(filename string, src []byte, sc *scratch) (*File, diag.List) {
	sc.s.scan(src)
	s := &sc.s
	f := &File{Name: filename, Src: src, Lines: diag.NewLines(src), str: s.str}
	p := &parser{f: f, src: src, str: s.str}
	if len(s.comments) > 0 {
		// The comments live in one block, as the arena's nodes do.
		if cap(sc.comments) < len(s.comments) {
			sc.comments = make([]Comment, len(s.comments))
			sc.ptrs = make([]*Comment, len(s.comments))
		}
		block := sc.comments[:len(s.comments)]
		p.comments = sc.ptrs[:len(s.comments)]
		for i, c := range s.comments {
			block[i] = Comment{
				node: node{c.start, c.end}, Text: s.str[c.start:c.end],
				Block: c.block, Unclosed: c.block && !c.closed,
			}
			p.comments[i] = &block[i]
			if c.block && !c.closed {
				p.diags.Add(diag.Warningf(f.Range(Span{c.start, c.start + 2}),
					"unclosed-comment", "block comment is not closed: the rest of the file is a comment").
					WithSuggestion("close it with `*/`"))
			}
		}
	}
	f.Comments = p.comments
	sc.a.reserve(s.toks, src, len(s.comments))
	p.fast = fast{toks: s.toks, src: src, a: &sc.a,
		stack: p.stackArr[:0], itemBuf: p.itemArr[:0]}
	p.elemBuf = p.elemArr[:0]
	p.stmtBuf = sc.stmts
	f.Stmts = p.parseStmts(nil)
	if f.Stmts != nil {
		sc.stmts = f.Stmts
	}
	p.checkBlockComments(s)
	p.checkSlashes(s)
	p.diags.Sort()
	return f, p.diags
}

func (p *parser) rangeOf(n Node) diag.Range { return p.f.Range(n.Span()) }

func (p *parser) tokText(t Tok) string { return p.str[t.Pos:t.End] }

func (p *parser) isPunct(t *Tok, c byte) bool {
	return t.Kind == Punct && t.Pos != t.End && p.src[t.Pos] == c
}

// lineEnd returns the offset where the line holding token index i ends
// (its EOL token).
func (p *parser) lineEnd(i int) int {
	for p.fast.toks[i].Kind != EOL && p.fast.toks[i].Kind != EOF {
		i++
	}
	return int(p.fast.toks[i].Pos)
}

// parseStmts parses statements up to the end of the file, or, inside a
// block (b != nil), up to its closing `}`.
func (p *parser) parseStmts(b *Block) []Stmt {
	var out []Stmt
	for {
		t := p.fast.peek()
		switch t.Kind {
		case EOF:
			if b != nil {
				p.diags.Add(diag.Errorf(p.rangeOf(b.Open), "unclosed-block", "pipeline block is not closed").
					WithSuggestion("add a line with `}` after the last child"))
			}
			if cl := p.commentsBefore(len(p.src) + 1); cl != nil {
				out = p.appendStmt(out, cl, b)
			}
			return out
		case EOL:
			p.fast.i++
			if cl := p.commentsBefore(int(t.Pos) + 1); cl != nil {
				out = p.appendStmt(out, cl, b)
			}
			continue
		}
		if cl := p.commentsBefore(int(t.Pos)); cl != nil {
			out = p.appendStmt(out, cl, b)
		}
		if p.isPunct(t, '}') {
			tok := *t
			p.fast.i++
			if b == nil {
				p.diags.Add(diag.Errorf(p.rangeOf(tok), "stray-brace", "`}` without a pipeline block to close"))
				continue
			}
			b.Close = &tok
			if p.fast.peek().Kind == EOL {
				b.CloseComment = p.trailing(p.lineEnd(p.fast.i))
			}
			return out
		}
		if p.isPunct(t, '{') {
			tok := *t
			p.fast.i++
			p.openBlock(tok, b)
			continue
		}
		st := p.parseStmt(b)
		out = p.appendStmt(out, st, b)
		if b == nil {
			if pl, ok := st.(*Pipeline); ok {
				p.lastPipeline, p.stmtsSince = pl, 0
				if pl.Open != nil {
					p.lastPipeline = nil
					blk := &Block{Open: *pl.Open}
					pl.Block = blk
					blk.Stmts = p.parseStmts(blk)
				}
			} else {
				p.stmtsSince++
			}
		}
	}
}

// appendStmt appends st to the statements out of block b (nil at the top
// level). The top level's first statement makes out with room for one
// statement a line, which few maps exceed, rather than growing it by
// doubling; an empty file keeps nil statements.
func (p *parser) appendStmt(out []Stmt, st Stmt, b *Block) []Stmt {
	if out == nil && b == nil {
		if n := p.f.Lines.Count(); cap(p.stmtBuf) >= n {
			out = p.stmtBuf[:0]
		} else {
			out = make([]Stmt, 0, n)
		}
	}
	return append(out, st)
}

// openBlock handles a `{` at the start of a line.
func (p *parser) openBlock(open Tok, outer *Block) {
	blk := &Block{Open: open}
	if p.fast.peek().Kind == EOL {
		blk.OpenComment = p.trailing(p.lineEnd(p.fast.i))
	}
	r := p.rangeOf(open)
	switch {
	case outer != nil:
		p.diags.Add(diag.Errorf(r, "stray-brace", "`{` inside a pipeline block: blocks do not nest"))
	case p.lastPipeline == nil:
		p.diags.Add(diag.Errorf(r, "stray-brace", "`{` without a pipeline: a block of children must follow a `pipeline Name` line"))
	default:
		if p.stmtsSince > 0 {
			line := p.rangeOf(p.lastPipeline).Start.Line
			p.diags.Add(diag.Warningf(r, "block-far-from-pipeline",
				"this block belongs to the pipeline on line %d, but other statements come between them", line).
				WithSuggestion("put the `{` line right after the `pipeline` line"))
		}
		p.lastPipeline.Block = blk
		p.lastPipeline = nil
	}
	blk.Stmts = p.parseStmts(blk)
}

// commentsBefore takes the comments not yet attached that start before
// offset, as one comment line (nil if none).
func (p *parser) commentsBefore(offset int) Stmt {
	start := p.nextComment
	for p.nextComment < len(p.comments) && p.comments[p.nextComment].Pos < offset {
		p.nextComment++
	}
	if p.nextComment == start {
		return nil
	}
	cl := p.fast.a.commentLines.New()
	cl.Comments = p.comments[start:p.nextComment:p.nextComment]
	return cl
}

// trailing takes the comments that start before the end of a statement's
// line: the last one is the statement's trailing comment; any others are
// inline block comments, kept only in File.Comments.
func (p *parser) trailing(lineEnd int) *Comment {
	var last *Comment
	for p.nextComment < len(p.comments) && p.comments[p.nextComment].Pos < lineEnd {
		last = p.comments[p.nextComment]
		p.nextComment++
	}
	return last
}

// Limits on one statement line, so that hostile input gets an error
// rather than minutes of parsing. Real maps are far below them: no line
// of the corpus is 1 KiB long or nests brackets more than 2 deep.
const (
	// MaxLineBytes is the longest statement line read.
	MaxLineBytes = 64 << 10
	// maxSlowTokens is the most tokens on a line given to participle,
	// whose backtracking is quadratic in a line's tokens (the corpus's
	// longest line has 25) (the fast path
	// is linear and has no such limit below MaxLineBytes).
	maxSlowTokens = 200
	// maxNesting is the deepest bracket nesting given to participle,
	// whose cost on nested unclosed lists grows with the cube of the
	// depth.
	maxNesting = 8
	// maxSlowWork bounds the sum over a file of the squares of the token
	// counts of the lines given to participle (a tenth of a second of work at worst),
	// so that a file of many long unusual lines stays linear too. The
	// most any corpus map uses is 640.
	maxSlowWork = 1_000_000
)

// limitError is a line beyond one of the limits above.
type limitError struct {
	code, msg string
}

func (e *limitError) Error() string { return e.msg }

// limitErrorf is an error with a diagnostic code, which reportSyntax
// reports as it is.
func limitErrorf(code, format string, args ...any) error {
	return &limitError{code, fmt.Sprintf(format, args...)}
}

// parseStmt parses the statement at the cursor and consumes its line.
func (p *parser) parseStmt(b *Block) Stmt {
	start := p.fast.i
	lineEnd := p.lineEnd(start)
	var st Stmt
	var err error
	if n := lineEnd - int(p.fast.toks[start].Pos); n > MaxLineBytes {
		err = limitErrorf("line-too-long", "the line is %s long, more than the %d KiB a statement may take: it is not read", byteSize(n), MaxLineBytes>>10)
	} else if st = p.fast.stmt(); st == nil {
		// Not for the fast path: participle decides, within limits.
		p.fast.i = start
		if err = p.slowLimits(start); err == nil {
			st, err = p.slowStmt()
		}
	}
	if err != nil {
		p.fast.i = start
		toks := p.skipLine()
		var le *limitError
		if errors.As(err, &le) && le.code == "line-too-long" {
			// Only the start of the line is shown: a caret under a
			// megabyte helps nobody.
			p.diags.Add(diag.Errorf(p.f.Range(Span{int(toks[0].Pos), int(toks[0].Pos) + 1}), le.code, "%s", le.msg).
				WithSuggestion("split the line, or shorten the text on it"))
			bad := &BadStmt{}
			bad.setSpan(Span{int(toks[0].Pos), int(toks[len(toks)-1].End)})
			bad.Text = p.str[bad.Pos:bad.End]
			bad.Comment = p.trailing(lineEnd)
			return bad
		}
		p.reportSyntax(toks, err)
		if st := p.recoverStmt(toks); st != nil {
			// Read what can be read, so that the rest of the map does not
			// report the names this line defines as unknown.
			if t, ok := st.(interface{ setComment(*Comment) }); ok {
				t.setComment(p.trailing(lineEnd))
			}
			p.finish(st, b)
			return st
		}
		bad := &BadStmt{}
		if len(toks) > 0 {
			bad.setSpan(Span{int(toks[0].Pos), int(toks[len(toks)-1].End)})
			bad.Text = p.str[bad.Pos:bad.End]
		}
		bad.Comment = p.trailing(lineEnd)
		return bad
	}
	if t, ok := st.(interface{ setComment(*Comment) }); ok {
		t.setComment(p.trailing(lineEnd))
	}
	p.finish(st, b)
	return st
}

// slowLimits checks the line starting at token i against the limits of
// the slow path.
func (p *parser) slowLimits(i int) error {
	n, depth, deepest := 0, 0, 0
	for ; p.fast.toks[i].Kind != EOL && p.fast.toks[i].Kind != EOF; i++ {
		n++
		switch {
		case p.isPunct(&p.fast.toks[i], '['):
			depth++
			deepest = max(deepest, depth)
		case p.isPunct(&p.fast.toks[i], ']'):
			depth = max(depth-1, 0)
		}
	}
	if deepest > maxNesting {
		return limitErrorf("too-complex", "brackets nested %d deep: more than %d cannot be read", deepest, maxNesting)
	}
	if n > maxSlowTokens {
		return limitErrorf("too-complex", "the line has %d words and symbols and is not a plain statement: more than %d cannot be read", n, maxSlowTokens)
	}
	p.slowWork += n * n
	if p.slowWork > maxSlowWork {
		return limitErrorf("too-complex", "the map has too many long lines that are not plain statements: this one is not read")
	}
	return nil
}

// byteSize is n bytes for people: 1536 ⇒ "1.5 KiB".
func byteSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// skipLine consumes the rest of the line, EOL included, and returns its
// tokens without the EOL.
func (p *parser) skipLine() []Tok {
	start := p.fast.i
	for {
		t := p.fast.peek()
		switch t.Kind {
		case EOF:
			return p.fast.toks[start:p.fast.i]
		case EOL:
			p.fast.i++
			return p.fast.toks[start : p.fast.i-1]
		}
		p.fast.i++
	}
}

// slowStmt parses the statement at the cursor with participle, on a lexer
// holding just its line (so that a failure cannot run past it), and moves
// the cursor past the line when it succeeds.
func (p *parser) slowStmt() (Stmt, error) {
	start := p.fast.i
	end := start
	for p.fast.toks[end].Kind != EOL && p.fast.toks[end].Kind != EOF {
		end++
	}
	if p.fast.toks[end].Kind == EOL {
		end++
	}
	if p.fast.toks[start].Kind != Keyword && !slowAlways && !hasOp(p.fast.toks[start:end]) {
		// Not a statement, and not a link either: the link production
		// requires an operator. Said without participle, whose grammar
		// takes milliseconds to build (a third of `wardley check` of such
		// a map); reportSyntax reads nothing from the error of a line that
		// does not start with a keyword.
		return nil, errNoOperator
	}
	line := append(toLexer(p.fast.toks[start:end], p.str, p.f.Lines), lexer.Token{Type: lexer.EOF})
	lex, err := lexer.Upgrade(&sliceLexer{toks: line})
	if err != nil {
		return nil, err
	}
	buildGrammar()
	fn := slowLink
	if first := line[0]; first.Type == lexer.TokenType(Keyword) {
		fn = slowParsers[first.Value]
	}
	st, err := fn(lex, &converter{})
	if err != nil {
		return nil, err
	}
	if lex.Peek().Type != lexer.EOF {
		return nil, fmt.Errorf("statement does not end at the end of its line")
	}
	p.fast.i = end
	return st, nil
}

// errNoOperator is slowStmt's verdict on a line that starts with no
// keyword and has no link operator.
var errNoOperator = errors.New("not a statement, and no link operator")

// slowAlways makes slowStmt ask participle about every line, as it did
// before it answered lines without a keyword or an operator itself:
// TestNoOperatorSameDiagnostics checks that both report alike.
var slowAlways = false

// hasOp reports whether toks hold a link operator.
func hasOp(toks []Tok) bool {
	for _, t := range toks {
		if t.Kind == Op {
			return true
		}
	}
	return false
}

// reportSyntax turns a participle error for the statement made of toks
// into a diagnostic a person can act on.
func (p *parser) reportSyntax(toks []Tok, err error) {
	if len(toks) == 0 {
		return
	}
	first := toks[0]
	var le *limitError
	if errors.As(err, &le) {
		p.diags.Add(diag.Errorf(p.f.Range(Span{int(first.Pos), int(first.End)}), le.code, "%s", le.msg).
			WithSuggestion("split the line into statements OWM reads"))
		return
	}
	if first.Kind != Keyword {
		p.reportUnknown(toks)
		return
	}
	kw := p.tokText(first)
	// An unclosed bracket is by far the most common failure.
	if open := p.unclosedBracket(toks); open != nil {
		p.diags.Add(diag.Errorf(p.rangeOf(*open), "missing-bracket", "`[` is not closed").
			WithSuggestion("add `]` after the last value"))
		return
	}
	var ute *participle.UnexpectedTokenError
	if errors.As(err, &ute) {
		t := ute.Unexpected
		at := diag.Pos{Offset: t.Pos.Offset, Line: t.Pos.Line, Column: t.Pos.Column}
		if t.Type == lexer.TokenType(EOL) || t.EOF() {
			p.diags.Add(diag.Errorf(diag.Range{Start: at, End: at}, "syntax-error", "unexpected end of line in `%s` statement", kw))
			return
		}
		r := p.f.Range(Span{t.Pos.Offset, t.Pos.Offset + len(t.Value)})
		p.diags.Add(diag.Errorf(r, "syntax-error", "unexpected `%s` in `%s` statement", t.Value, kw))
		return
	}
	p.diags.Add(diag.Errorf(p.f.Range(Span{int(first.Pos), int(toks[len(toks)-1].End)}), "syntax-error", "cannot read this `%s` statement: %v", kw, err))
}

// labelledArrow is the `A-label>B` link of other Wardley map tools.
// Compiled when first needed, for a line that is not a statement: at
// start-up it would slow every run.
var labelledArrow = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`-([A-Za-z][\w-]*)>`) })

// recoverStmt reads a line that does not parse as what it most likely
// means: a misspelt keyword as the keyword it is closest to, an unclosed
// list as closed at the end of the line. It returns nil when that does not
// parse either. The error has been reported.
func (p *parser) recoverStmt(toks []Tok) Stmt {
	if len(toks) == 0 {
		return nil
	}
	line := make([]Tok, len(toks), len(toks)+3)
	copy(line, toks)
	end := toks[len(toks)-1].End
	respelled := ""
	if first := line[0]; first.Kind == Word {
		kw := diag.Suggest(p.tokText(first), Keywords)
		if kw == "" || (len(line) > 1 && line[1].Kind == Op) {
			return nil
		}
		respelled = kw
		line[0].Kind = Keyword
		(&scanner{src: p.src, str: p.str, keyword: kw}).classify(line)
	}
	if p.unclosedBracket(line) != nil {
		line = append(line, Tok{Kind: Punct, Pos: end, End: end})
	}
	if respelled == "" && len(line) == len(toks) {
		return nil
	}
	line = append(line, Tok{Kind: EOL, Pos: end, End: end}, Tok{Kind: EOF, Pos: end, End: end})
	f := fast{toks: line, src: p.src, a: p.fast.a, respelled: respelled}
	st := f.stmt()
	if st == nil {
		return nil
	}
	if respelled != "" {
		if p.f.respelled == nil {
			p.f.respelled = map[int32]string{}
		}
		p.f.respelled[toks[0].Pos] = respelled
	}
	if p.f.recovered == nil {
		p.f.recovered = map[Stmt]bool{}
	}
	p.f.recovered[st] = true
	return st
}

// reportUnknown explains a line that is neither a statement nor a link.
func (p *parser) reportUnknown(toks []Tok) {
	first := toks[0]
	r := p.rangeOf(first)
	whole := p.f.Range(Span{int(first.Pos), int(toks[len(toks)-1].End)})
	word := p.tokText(first)
	link := hasOp(toks)
	line := p.str[first.Pos:toks[len(toks)-1].End]
	var m []int // where an `A-label>B` arrow is, on a line that is not a link
	if !link {
		m = labelledArrow().FindStringSubmatchIndex(line)
	}
	switch {
	case link:
		// A link that did not parse: say what stands in the way.
		for _, t := range toks {
			if t.Kind == Op {
				break
			}
			if p.isPunct(&t, ';') {
				p.diags.Add(diag.Errorf(p.rangeOf(t), "syntax-error", "`;` before the link operator: the context comes after the link, as in `A->B; context`"))
				return
			}
		}
		p.diags.Add(diag.Errorf(whole, "syntax-error", "cannot read this link"))
	case m != nil:
		at := int(first.Pos) + m[0]
		start, label, end := strings.TrimSpace(line[:m[0]]), line[m[2]:m[3]], strings.TrimSpace(line[m[1]:])
		p.diags.Add(diag.Errorf(p.f.Range(Span{at, at + m[1] - m[0]}), "unknown-statement",
			"`%s` is not a link operator", line[m[0]:m[1]]).
			WithSuggestion("a link with a label is written `%s->%s; %s`", start, end, label))
	case first.Kind == Word && strings.HasPrefix(word, "#"):
		p.diags.Add(diag.Errorf(r, "hash-comment", "`#` does not start a comment in OWM maps").
			WithSuggestion("use `//` for comments"))
	case first.Kind == Word || first.Kind == Number:
		w := word
		if i := strings.IndexAny(w, ":="); i > 0 {
			w = w[:i]
		}
		if s := diag.Suggest(w, Keywords); s != "" {
			d := diag.Errorf(r, "unknown-keyword", "unknown keyword `%s`", word)
			if strings.EqualFold(s, w) {
				d = d.WithSuggestion("did you mean `%s`? keywords are lower case", s)
			} else {
				d = d.WithSuggestion("did you mean `%s`?", s)
			}
			p.diags.Add(d.WithFix(r, s))
			return
		}
		switch word {
		case "y-axis":
			p.diags.Add(diag.Errorf(r, "unknown-statement", "`y-axis` labels were removed from OWM; the value chain axis is always labelled \"Value Chain\""))
			return
		case "inertia", "label":
			p.diags.Add(diag.Errorf(r, "unknown-statement", "`%s` is not a statement: it goes on a component's line, after the coordinates", word).
				WithSuggestion("write `component Name [0.5, 0.5] %s`", map[string]string{"inertia": "inertia", "label": "label [5, -10]"}[word]))
			return
		}
		p.diags.Add(diag.Errorf(r, "unknown-statement", "unknown statement: `%s` is not a keyword, and the line is not a link", word).
			WithSuggestion("a link is written `A->B`; statements start with a keyword such as `component`"))
	default:
		p.diags.Add(diag.Errorf(r, "unknown-statement", "unexpected `%s` at the start of a line", word))
	}
}

// unclosedBracket returns the `[` that is still open at the end of toks.
func (p *parser) unclosedBracket(toks []Tok) *Tok {
	var stack []int
	for i := range toks {
		switch {
		case p.isPunct(&toks[i], '['):
			stack = append(stack, i)
		case p.isPunct(&toks[i], ']'):
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if len(stack) == 0 {
		return nil
	}
	return &toks[stack[0]]
}

// checkSlashes warns about `//` inside quotes or url(...): OWM cuts every
// line at its first `//` (except lines starting with `url`), so it reads
// only the part before it.
func (p *parser) checkSlashes(s *scanner) {
	for _, t := range s.toks {
		if t.Kind != String && t.Kind != URLRef {
			continue
		}
		text := p.tokText(t)
		k := strings.Index(text, "//")
		if k < 0 {
			continue
		}
		r := p.f.Range(t.Span())
		if strings.HasPrefix(strings.TrimSpace(p.f.Lines.Line(r.Start.Line)), "url") {
			continue
		}
		what := "quoted text"
		if t.Kind == URLRef {
			what = "url(...)"
		}
		p.diags.Add(diag.Warningf(r, "compat-comment", "OWM reads `//` as a comment even inside %s: it cuts the line after `%s`", what, text[:k]).
			WithSuggestion("give the address a name with `url name [%s]` and write `url(name)`", strings.TrimSuffix(strings.TrimPrefix(text, "url("), ")")))
	}
}

// checkBlockComments warns where OWM reads comments differently: OWM opens
// a block comment at every `/*` and closes it only on a later line, so a
// `/* ... */` that closes on its own line hides from OWM every line up to
// the next line holding `*/`.
func (p *parser) checkBlockComments(s *scanner) {
	for _, c := range p.comments {
		if !c.Block || c.Unclosed {
			continue
		}
		r := p.f.Range(c.Span())
		if r.Start.Line != r.End.Line {
			continue
		}
		// Does OWM see this `/*`? Not if a `//` comes before it on the line.
		line := p.f.Lines.Line(r.Start.Line)
		col := r.Start.Column - 1
		if strings.Contains(line[:min(col, len(line))], "//") {
			continue
		}
		// Find the line where OWM closes it.
		closeLine := 0
		for l := r.Start.Line + 1; l <= p.f.Lines.Count(); l++ {
			if strings.Contains(p.f.Lines.Line(l), "*/") {
				closeLine = l
				break
			}
		}
		to := closeLine - 1
		if closeLine == 0 {
			to = p.f.Lines.Count()
		}
		hidden := p.linesWithStatements(r.Start.Line+1, to, s)
		rest := strings.TrimSpace(line[min(len(line), r.End.Column-1):])
		if hidden == "" && (rest == "" || strings.HasPrefix(rest, "//")) {
			continue
		}
		what := "the rest of the line"
		if hidden != "" {
			what = hidden
		}
		p.diags.Add(diag.Warningf(r, "compat-block-comment",
			"OWM does not close a `/* */` comment on the line where it opens: it ignores %s", what).
			WithSuggestion("use `//` for a comment on one line"))
	}
}

// linesWithStatements describes the lines from..to that hold statements, such as "lines 4-9", or "" if none do.
func (p *parser) linesWithStatements(from, to int, s *scanner) string {
	if p.lineHasTokens == nil {
		p.lineHasTokens = make([]bool, p.f.Lines.Count()+2)
		for _, t := range s.toks {
			if t.Kind != EOL && t.Kind != EOF {
				p.lineHasTokens[p.f.Lines.Pos(int(t.Pos)).Line] = true
			}
		}
	}
	first, last := 0, 0
	for l := from; l <= to && l < len(p.lineHasTokens); l++ {
		if p.lineHasTokens[l] {
			if first == 0 {
				first = l
			}
			last = l
		}
	}
	switch {
	case first == 0:
		return ""
	case first == last:
		return fmt.Sprintf("line %d", first)
	}
	return fmt.Sprintf("lines %d-%d", first, last)
}
