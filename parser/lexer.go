package parser

import (
	"bytes"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/wardley-maps/wardley/diag"
)

// Token types. The lexer is hand-written: OWM's names are free text, so
// what a word means depends on where it stands (the first word of a line
// is a keyword, `label` before `[` is a modifier, `[...]` after `url name`
// is an address that may contain `//`), which a regular lexer cannot see;
// and a hand-written lexer is several times faster than participle's
// reflective one, which matters for maps of thousands of lines.
const (
	EOL        TokenKind = iota + 1 // end of a line: statements are lines
	Keyword                         // the first word of a statement: component, note, ...
	Word                            // any other run of text
	Number                          // a word that is a decimal number: 0.5, .5, -1, 1e-3
	String                          // a quoted string, quotes and escapes as written
	Op                              // a link operator: -> +> +< +<> +'value'> +'value'< +'value'<>
	Decorators                      // a decorator list: (build), (market, buy), (inertia)
	LabelKw                         // `label` followed by `[`
	InertiaKw                       // `inertia` used as a modifier
	EvolveKw                        // `evolve` after a component's coordinates (legacy inline evolve)
	URLRef                          // url(name) on a submap line
	Address                         // [address] of a url statement, kept whole
	Punct                           // [ ] , ( ) ; { }
	Maturity                        // the target maturity of an evolve line: its last number

	kindCount // the number of kinds, EOF included: keep it last
)

// TokenKind is the kind of a token.
type TokenKind uint8

// EOF ends the token stream.
const EOF TokenKind = 0

// Tok is a token: its kind and its byte span in the source. Tokens hold no
// pointers, so that the token array of a large map costs the garbage
// collector nothing; the text is File.Src[Pos:End].
type Tok struct {
	Pos, End int32
	Kind     TokenKind
}

// Span implements Node.
func (t Tok) Span() Span { return Span{int(t.Pos), int(t.End)} }

// IsZero reports whether t is absent (the zero Tok).
func (t Tok) IsZero() bool { return t.Kind == EOF && t.Pos == 0 && t.End == 0 }

var symbols = map[string]lexer.TokenType{
	"EOF": lexer.EOF, "EOL": lexer.TokenType(EOL), "Keyword": lexer.TokenType(Keyword), "Word": lexer.TokenType(Word),
	"Number": lexer.TokenType(Number), "String": lexer.TokenType(String), "Op": lexer.TokenType(Op),
	"Decorators": lexer.TokenType(Decorators), "LabelKw": lexer.TokenType(LabelKw),
	"InertiaKw": lexer.TokenType(InertiaKw), "EvolveKw": lexer.TokenType(EvolveKw),
	"URLRef": lexer.TokenType(URLRef), "Address": lexer.TokenType(Address), "Punct": lexer.TokenType(Punct),
	"Maturity": lexer.TokenType(Maturity),
}

// String names a token kind, for AST dumps.
func (k TokenKind) String() string {
	for name, v := range symbols {
		if v == lexer.TokenType(k) && name != "EOF" {
			return name
		}
	}
	if k == EOF {
		return "EOF"
	}
	return "?"
}

// Keywords are the words that start a statement. The legacy ones (market,
// ecosystem, build, buy, outsource) are statements that older OWM versions
// drew; current OWM no longer reads them, we do (with a warning).
var Keywords = []string{
	"title", "component", "anchor", "submap", "url", "note", "annotation", "annotations", "evolve",
	"pipeline", "pioneers", "settlers", "townplanners", "accelerator", "deaccelerator", "evolution",
	"valuechain", "style", "size", "market", "ecosystem", "build", "buy", "outsource",
}

var keywordSet = func() map[string]bool {
	m := make(map[string]bool, len(Keywords))
	for _, k := range Keywords {
		m[k] = true
	}
	return m
}()

// DecoratorWords are the words allowed inside a decorator list.
var DecoratorWords = []string{"build", "buy", "outsource", "market", "ecosystem", "inertia"}

// definition makes the hand-written lexer usable by participle. Parse
// never calls Lex: it tokenises the whole file once and hands participle a
// PeekingLexer per statement.
type definition struct{ symbols map[string]lexer.TokenType }

func (d definition) Symbols() map[string]lexer.TokenType { return d.symbols }

func (definition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	s := scan(src)
	lines := diag.NewLines(src)
	return &sliceLexer{toks: toLexer(s.toks, s.str, lines)}, nil
}

// toLexer converts tokens to participle's form (with line and column).
func toLexer(toks []Tok, str string, lines *diag.Lines) []lexer.Token {
	out := make([]lexer.Token, len(toks))
	for i, t := range toks {
		p := lines.Pos(int(t.Pos))
		typ := lexer.TokenType(t.Kind)
		if t.Kind == EOF {
			typ = lexer.EOF
		}
		out[i] = lexer.Token{Type: typ, Value: str[t.Pos:t.End], Pos: lexer.Position{Offset: p.Offset, Line: p.Line, Column: p.Column}}
	}
	return out
}

// sliceLexer replays tokens.
type sliceLexer struct {
	toks []lexer.Token
	i    int
}

func (l *sliceLexer) Next() (lexer.Token, error) {
	if l.i >= len(l.toks) {
		return l.toks[len(l.toks)-1], nil
	}
	t := l.toks[l.i]
	l.i++
	return t, nil
}

// rawComment is a comment found by the scanner.
type rawComment struct {
	start, end int // byte offsets
	startLine  int
	block      bool
	closed     bool // for block comments
}

// scanner cuts a source text into tokens, line by line, with an EOL token
// at the end of each line, and collects comments aside.
type scanner struct {
	src       []byte
	str       string // src as a string: token values are slices of it
	toks      []Tok
	comments  []rawComment
	line      int
	lineStart int
	block     int // index in comments of the open block comment, or -1
	// keyword is the current statement's keyword ("" for a link or an
	// unknown line); stmtStart is the index in toks of its first token.
	keyword   string
	stmtStart int
}

var bom = []byte{0xEF, 0xBB, 0xBF}

func scan(src []byte) *scanner {
	s := &scanner{}
	s.scan(src)
	return s
}

// scan tokenises src into s, reusing the buffers of an earlier scan when
// they are big enough.
func (s *scanner) scan(src []byte) {
	toks, comments := s.toks, s.comments
	*s = scanner{src: src, str: string(src), block: -1}
	// About one token per five bytes in real maps: one allocation, no growth.
	if n := len(src)/4 + 16; cap(toks) >= n {
		s.toks = toks[:0]
	} else {
		s.toks = make([]Tok, 0, n)
	}
	// Every comment starts with `//` or `/*` (some of these are inside
	// quotes or addresses): room for all of them, or none without an
	// allocation when there are none.
	if n := bytes.Count(src, []byte("//")) + bytes.Count(src, []byte("/*")); cap(comments) >= n {
		s.comments = comments[:0]
	} else {
		s.comments = make([]rawComment, 0, n)
	}
	off := 0
	if bytes.HasPrefix(src, bom) {
		off = len(bom)
	}
	s.line = 1
	for {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		content := end
		if content > off && src[content-1] == '\r' {
			content--
		}
		s.lexLine(off, content)
		s.emit(EOL, content, content)
		if end >= len(src) {
			break
		}
		off = end + 1
		s.line++
		s.lineStart = off
	}
	if s.block >= 0 {
		s.comments[s.block].end = len(src)
	}
	s.toks = append(s.toks, Tok{Kind: EOF, Pos: int32(len(src)), End: int32(len(src))})
}

func (s *scanner) emit(t TokenKind, start, end int) {
	s.toks = append(s.toks, Tok{Kind: t, Pos: int32(start), End: int32(end)})
}

func (s *scanner) text(t Tok) string { return s.str[t.Pos:t.End] }

func (s *scanner) comment(start, end int, block, closed bool) {
	s.comments = append(s.comments, rawComment{start: start, end: end, startLine: s.line, block: block, closed: closed})
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' }

// spaceAt returns the width of the whitespace character at i, or 0. Unicode
// spaces (no-break space, ideographic space, BOM) count, as JavaScript's
// trim removes them.
func spaceAt(src []byte, i int) int {
	c := src[i]
	if c < utf8.RuneSelf {
		if isSpaceByte(c) {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRune(src[i:])
	if unicode.IsSpace(r) || r == '\uFEFF' {
		return n
	}
	return 0
}

func (s *scanner) lexLine(i, end int) {
	src := s.src
	if s.block >= 0 {
		k := bytes.Index(src[i:end], []byte("*/"))
		c := &s.comments[s.block]
		if k < 0 {
			c.end = end
			return
		}
		e := i + k + 2
		c.end, c.closed = e, true
		s.block = -1
		i = e
	}
	s.keyword = ""
	s.stmtStart = len(s.toks)
	for i < end {
		if n := spaceAt(src, i); n > 0 {
			i += n
			continue
		}
		c := src[i]
		var next byte
		if i+1 < end {
			next = src[i+1]
		}
		switch {
		case c == '/' && next == '/':
			s.comment(i, end, false, true)
			i = end
		case c == '/' && next == '*':
			k := bytes.Index(src[i+2:end], []byte("*/"))
			if k >= 0 {
				s.comment(i, i+2+k+2, true, true)
				i += 2 + k + 2
				continue
			}
			s.comment(i, end, true, false)
			s.block = len(s.comments) - 1
			i = end
		case c == '"':
			if j := closingQuote(src, i+1, end); j >= 0 {
				s.emit(String, i, j+1)
				i = j + 1
				continue
			}
			i = s.word(i, end)
		case c == '[':
			if s.keyword == "url" && len(s.toks) > s.stmtStart {
				if k := bytes.IndexByte(src[i:end], ']'); k >= 0 {
					s.emit(Address, i, i+k+1)
					i += k + 1
					continue
				}
			}
			s.emit(Punct, i, i+1)
			i++
		case c == ']' || c == ',' || c == ')' || c == ';':
			s.emit(Punct, i, i+1)
			i++
		case c == '{' || c == '}':
			s.emit(Punct, i, i+1)
			i++
			// A brace that opens a line stands alone: what follows it on
			// the line is a statement of its own.
			if len(s.toks) == s.stmtStart+1 {
				s.stmtStart = len(s.toks)
			}
		case c == '(':
			if j := decoratorGroup(src, i, end); j > 0 {
				s.emit(Decorators, i, j)
				i = j
				continue
			}
			s.emit(Punct, i, i+1)
			i++
		case c == '-' && next == '>':
			s.emit(Op, i, i+2)
			i += 2
		case c == '+' && (next == '>' || next == '<' || next == '\''):
			i = s.flowOp(i, end)
		default:
			i = s.word(i, end)
		}
	}
	if s.keyword != "" {
		s.classify(s.toks[s.stmtStart:])
	}
}

// flowOp lexes a flow operator at i: +> +<> +< or +'value'> and its kin.
// A value whose closing quote-and-arrow is missing leaves just `+'`, which
// the parser reports.
func (s *scanner) flowOp(i, end int) int {
	src := s.src
	switch {
	case src[i+1] == '>':
		s.emit(Op, i, i+2)
		return i + 2
	case src[i+1] == '<' && i+2 < end && src[i+2] == '>':
		s.emit(Op, i, i+3)
		return i + 3
	case src[i+1] == '<':
		s.emit(Op, i, i+2)
		return i + 2
	}
	// +'value'op: OWM tries '> first, then '<>, then '<.
	rest := src[i+2 : end]
	for _, closer := range []string{"'>", "'<>", "'<"} {
		if k := bytes.Index(rest, []byte(closer)); k >= 0 {
			e := i + 2 + k + len(closer)
			s.emit(Op, i, e)
			return e
		}
	}
	s.emit(Op, i, i+2)
	return i + 2
}

// What an ASCII byte does to a word (wordByte): nothing, end it (a space
// or punctuation), or end it if an operator or a comment starts there.
const (
	wordGoesOn = iota
	wordEnds
	wordMayEnd
)

// wordByte classifies the ASCII bytes for word, which looks each byte of
// every word up here rather than through a chain of comparisons.
var wordByte = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch b := byte(c); {
		case isSpaceByte(b) || strings.IndexByte("[],();{}", b) >= 0:
			t[c] = wordEnds
		case b == '-' || b == '+' || b == '/':
			t[c] = wordMayEnd
		}
	}
	return t
}()

// word lexes a run of text at i and classifies it.
func (s *scanner) word(i, end int) int {
	src := s.src
	start := i
	// url(name) is one token, so that a `//` inside it is not a comment.
	if bytes.HasPrefix(src[i:end], []byte("url(")) {
		if k := bytes.IndexByte(src[i:end], ')'); k >= 0 {
			s.emit(URLRef, i, i+k+1)
			return i + k + 1
		}
	}
scan:
	for i < end {
		c := src[i]
		if c < utf8.RuneSelf {
			switch wordByte[c] {
			case wordEnds:
				break scan
			case wordMayEnd:
				if i+1 < end {
					n := src[i+1]
					if (c == '-' && n == '>') || (c == '+' && (n == '>' || n == '<' || n == '\'')) ||
						(c == '/' && (n == '/' || n == '*')) {
						break scan
					}
				}
			}
			i++
			continue
		}
		if spaceAt(src, i) > 0 {
			break
		}
		_, n := utf8.DecodeRune(src[i:])
		i += n
	}
	if i == start {
		// A lone character that starts an operator but is not one.
		i++
	}
	text := s.str[start:i]
	t := Word
	if isNumber(text) {
		t = Number
	}
	if len(s.toks) == s.stmtStart && keywordSet[text] && s.keywordFollows(i, end) {
		t = Keyword
		s.keyword = text
	}
	s.emit(t, start, i)
	return i
}

// keywordFollows reports whether a keyword ending at i really starts a
// statement: it must be followed by whitespace, the end of the line or a
// bracket. `component->db` is a link from `component`, not a component.
func (s *scanner) keywordFollows(i, end int) bool {
	if i >= end {
		return true
	}
	if spaceAt(s.src, i) > 0 {
		return true
	}
	c := s.src[i]
	return c == '[' || c == '"' || (c == '/' && i+1 < end && (s.src[i+1] == '/' || s.src[i+1] == '*'))
}

// classify gives modifier words their meaning once a keyword line is
// lexed: `label` before `[` is a label offset; `inertia` and `evolve` are
// modifiers after the coordinates (or, without coordinates, at the end of
// the line), and parts of the name before them, as in `component
// Organisational inertia [0.4, 0.5]`. Legacy keywords on a line that holds
// a link operator become words: `market research->customers` is a link.
func (s *scanner) classify(toks []Tok) {
	kw := s.keyword
	switch kw {
	case "market", "ecosystem", "build", "buy", "outsource":
		if hasOp(toks[1:]) {
			toks[0].Kind = Word
			s.keyword = ""
			return
		}
	}
	switch kw {
	case "component", "submap", "anchor", "market", "ecosystem", "evolve":
	default:
		return
	}
	if kw == "evolve" {
		// The target maturity is the last number outside brackets.
		depth, last := 0, -1
		for k := 1; k < len(toks); k++ {
			switch t := toks[k]; {
			case s.punct(t, '['):
				depth++
			case s.punct(t, ']'):
				depth--
			case t.Kind == Number && depth == 0:
				last = k
			}
		}
		// An integer other than 0 or 1 is no maturity: `evolve Web 3` is
		// the component `Web 3` (OWM needs a decimal point anyway).
		if last > 0 {
			if t := s.text(toks[last]); strings.ContainsAny(t, ".eE") || t == "0" || t == "1" {
				toks[last].Kind = Maturity
			}
		}
	}
	coordOpen, coordClose := -1, -1
	depth := 0
	for k := 1; k < len(toks); k++ {
		t := &toks[k]
		if t.Kind == Word && s.text(*t) == "label" && k+1 < len(toks) && s.punct(toks[k+1], '[') {
			t.Kind = LabelKw
			continue
		}
		if t.Kind != Punct {
			continue
		}
		switch s.src[t.Pos] {
		case '[':
			if depth == 0 && coordOpen < 0 && toks[k-1].Kind != LabelKw {
				coordOpen = k
			}
			depth++
		case ']':
			depth--
			if depth == 0 && coordOpen >= 0 && coordClose < 0 {
				coordClose = k
			}
		}
	}
	for k := 1; k < len(toks); k++ {
		t := &toks[k]
		if t.Kind != Word {
			continue
		}
		switch s.text(*t) {
		case "inertia":
			if coordOpen >= 0 && k < coordOpen {
				continue
			}
			if (coordClose >= 0 && k > coordClose) || s.modifierFollows(toks, k+1) {
				t.Kind = InertiaKw
			}
		case "evolve":
			if kw != "evolve" && coordClose >= 0 && k > coordClose {
				t.Kind = EvolveKw
			}
		}
	}
}

func (s *scanner) punct(t Tok, c byte) bool { return t.Kind == Punct && s.src[t.Pos] == c }

// modifierFollows reports whether toks[k:] holds nothing but modifiers.
func (s *scanner) modifierFollows(toks []Tok, k int) bool {
	for ; k < len(toks); k++ {
		switch t := toks[k]; t.Kind {
		case Decorators, URLRef:
		case LabelKw:
			// skip the label's list
			for k++; k < len(toks) && !s.punct(toks[k], ']'); k++ {
			}
		case Word:
			if s.text(t) != "inertia" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// closingQuote returns the index of the quote that closes a string opened
// before i: the first `"` not preceded by an odd number of backslashes, or
// -1 when the line has none.
func closingQuote(src []byte, i, end int) int {
	for ; i < end; i++ {
		switch src[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// decoratorGroup returns the end of a decorator list starting at the `(`
// at i, or 0 when the parentheses hold something else.
func decoratorGroup(src []byte, i, end int) int {
	i++
	words := 0
	for {
		for i < end && isSpaceByte(src[i]) {
			i++
		}
		j := i
		for j < end && src[j] >= 'a' && src[j] <= 'z' {
			j++
		}
		if !isDecoratorWord(src[i:j]) {
			return 0
		}
		words++
		i = j
		for i < end && isSpaceByte(src[i]) {
			i++
		}
		if i >= end {
			return 0
		}
		switch src[i] {
		case ')':
			return i + 1
		case ',':
			i++
		default:
			return 0
		}
	}
}

func isDecoratorWord(w []byte) bool {
	switch string(w) {
	case "build", "buy", "outsource", "market", "ecosystem", "inertia":
		return true
	}
	return false
}

// isNumber reports whether w is a whole decimal number as JavaScript's
// parseFloat reads it: optional sign, digits with an optional fraction (or
// a fraction alone), optional exponent.
func isNumber(w string) bool {
	i := 0
	if i < len(w) && (w[i] == '+' || w[i] == '-') {
		i++
	}
	digits := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
		digits++
	}
	if i < len(w) && w[i] == '.' {
		i++
		for i < len(w) && w[i] >= '0' && w[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(w) && (w[i] == 'e' || w[i] == 'E') {
		i++
		if i < len(w) && (w[i] == '+' || w[i] == '-') {
			i++
		}
		exp := 0
		for i < len(w) && w[i] >= '0' && w[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(w)
}
