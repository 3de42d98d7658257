package parser

import "github.com/wardley-maps/wardley/diag"

// The AST. Every node records its exact byte span in the source ([Pos,
// End), trailing spaces and comments excluded); File.Range turns a span
// into lines and columns. Tokens are kept as written (Tok: kind and span),
// with decoded values alongside where a value needs decoding (names,
// numbers), so that a formatter can print the file back as it was.
//
// The structure mirrors the participle grammar of grammar.go production
// by production (see fast.go for why there are two).

// Span is a byte range [Pos, End) of the source.
type Span struct {
	Pos, End int
}

// node gives a node its span.
type node struct {
	Pos, End int
}

// Span implements Node.
func (n node) Span() Span { return Span(n) }

func (n *node) setSpan(s Span) { n.Pos, n.End = s.Pos, s.End }

// Node is any AST node.
type Node interface {
	Span() Span
}

// Stmt is a statement: one line, or a pipeline with its block.
type Stmt interface {
	Node
	// Trailing returns the comment at the end of the statement's line, or nil.
	Trailing() *Comment
	stmt()
}

// stmtBase is embedded by every statement.
type stmtBase struct {
	node
	// Comment is the `//` or `/* */` comment that ends the statement's
	// line, if any.
	Comment *Comment
}

func (*stmtBase) stmt()                   {}
func (s *stmtBase) Trailing() *Comment    { return s.Comment }
func (s *stmtBase) setComment(c *Comment) { s.Comment = c }

// Comment is a `//` line comment or a `/* */` block comment.
type Comment struct {
	node
	// Text is the comment as written, markers included.
	Text  string
	Block bool
	// Unclosed is set for a block comment that runs to the end of the file.
	Unclosed bool
}

// CommentLine is a line that holds only comments (one or more, or a block
// comment spanning several lines).
type CommentLine struct {
	Comments []*Comment
}

// Span implements Node.
func (c *CommentLine) Span() Span {
	return Span{c.Comments[0].Pos, c.Comments[len(c.Comments)-1].End}
}
func (*CommentLine) stmt()                {}
func (c *CommentLine) Trailing() *Comment { return nil }

// BadStmt is a line that could not be parsed; Parse reported why.
type BadStmt struct {
	stmtBase
	// Text is the line as written (without its trailing comment).
	Text string
}

// Name is a name as written: of a component, an anchor, a pipeline, a url.
// Raw is the source text; Quoted is set when it is one quoted string.
// Value is what OWM makes of it: control and bidi characters removed,
// runs of spaces collapsed, and for a quoted name, escapes decoded.
type Name struct {
	node
	Parts  []Tok
	Raw    string
	Quoted bool
	Value  string
}

// Text is free text to the end of a line: a title, a style, a link's
// context, an annotation's text. Raw is trimmed.
type Text struct {
	node
	Parts []Tok
	Raw   string
}

// NoteText is a note's text (or an annotation's number): anything up to
// its coordinates. Value is the text, decoded when it is quoted.
type NoteText struct {
	node
	Parts  []Tok
	Raw    string
	Quoted bool
	Value  string
}

// List is a bracket list: `[0.4, 0.5]`, `[[0.1, 0.2], [0.3, 0.4]]`.
type List struct {
	node
	// Items are the list's contents as written: values, commas, sub-lists.
	Items []*ListItem
	// Elems are the comma-separated elements, empty ones included.
	Elems []*Elem
}

// ListItem is a comma, a nested list or a value inside a List.
type ListItem struct {
	node
	Comma bool
	Sub   *List
	Value []Tok
}

// Elem is one element of a List: a value or a nested list. Text is the
// value as written without its whitespace (which OWM ignores); Num is the
// value read as OWM reads it (JavaScript's parseFloat: the longest numeric
// prefix), NumOK false when there is none (NaN).
type Elem struct {
	node
	Text  string
	Sub   *List
	Num   float64
	NumOK bool
}

// Component is a component, submap or anchor line, or one of the legacy
// `market` and `ecosystem` lines; Keyword says which. Inside a pipeline's
// block, a component line is a pipeline child.
type Component struct {
	stmtBase
	Keyword Tok
	Name    *Name
	Items   []*Item
}

// Item is what may follow a name: exactly one of coordinates, a label
// offset, decorators, inertia, a legacy inline evolve, a url reference, or
// a token that means nothing there (reported).
type Item struct {
	node
	Coords     *List
	Label      *Label
	Decorators *DecoratorSet
	Inertia    *Tok
	Evolve     *InlineEvolve
	URL        *Tok
	Junk       *Tok
}

// Label is `label [dx, dy]`.
type Label struct {
	node
	Keyword Tok
	Offset  *List
}

// DecoratorSet is a decorator list as written: `(build)`, `(market, buy)`.
type DecoratorSet struct {
	node
	Raw Tok
	// Words are the decorators in the order written.
	Words []Decorator
}

// Decorator is one word of a decorator list.
type Decorator struct {
	node
	Word string
}

// InlineEvolve is the legacy `evolve 0.8` after a component's coordinates.
type InlineEvolve struct {
	node
	Keyword  Tok
	Maturity *Tok
}

// Evolve is `evolve Name 0.8`, `evolve Name->New Name 0.8 label [dx, dy] (buy)`.
type Evolve struct {
	stmtBase
	Keyword  Tok
	Source   *EvolveName
	Arrow    *Tok
	Target   *EvolveName
	Maturity *Tok
	Items    []*Item
	// From is the first number of `evolve X 0.4->0.7` (a from->to form
	// OWM does not know: it evolves to 0.4); Source then ends before it.
	From *Tok
}

// EvolveName is a name in an evolve line. The lexer marks the line's last
// number as the Maturity, so that numbers before it belong to the name:
// `evolve Web 2.0 Platform 0.8` evolves `Web 2.0 Platform` to 0.8.
type EvolveName struct {
	node
	Parts  []Tok
	Raw    string
	Quoted bool
	Value  string
}

// Pipeline is `pipeline Name [m1, m2]` or `pipeline Name` followed by a
// `{ ... }` block of children.
type Pipeline struct {
	stmtBase
	Keyword Tok
	Name    *Name
	Extent  *List
	// Open is a `{` at the end of the pipeline line (OWM does not read it).
	Open *Tok
	Junk []Tok
	// Block is the block of children, when one follows.
	Block *Block
}

// Block is a pipeline's `{ ... }`: the lines between the braces.
type Block struct {
	// Open is the `{`; Close the `}`, nil when the block is not closed.
	Open  Tok
	Close *Tok
	Stmts []Stmt
	// OpenComment and CloseComment are comments on the brace lines.
	OpenComment, CloseComment *Comment
}

// URL is `url name [address]`.
type URL struct {
	stmtBase
	Keyword Tok
	Name    *Name
	Address *Tok
	Junk    []Tok
}

// Note is `note text [v, m]`.
type Note struct {
	stmtBase
	Keyword Tok
	Text    *NoteText
	Coords  *List
	Junk    []Tok
}

// Annotation is `annotation N [v, m] text` or `annotation N [[v, m], [v, m]] text`.
type Annotation struct {
	stmtBase
	Keyword Tok
	Number  *NoteText
	Coords  *List
	Text    *Text
}

// Annotations is `annotations [v, m]`: where the annotation list goes.
type Annotations struct {
	stmtBase
	Keyword Tok
	Coords  *List
	Junk    []Tok
}

// Attitude is `pioneers [v1, m1, v2, m2]`, `settlers ...`, `townplanners ...`
// (also the old `pioneers [v, m] width height`).
type Attitude struct {
	stmtBase
	Keyword Tok
	Coords  *List
	Rest    []Tok
}

// Accelerator is `accelerator Name [v, m]` or `deaccelerator Name [v, m]`.
type Accelerator struct {
	stmtBase
	Keyword Tok
	Name    *Name
	Coords  *List
	Junk    []Tok
}

// Evolution is `evolution A->B->C->D`, `evolution --hide`.
type Evolution struct {
	stmtBase
	Keyword Tok
	Parts   []*StagePart
	// Hide is set by a leading `--hide`; Stages are the labels as written
	// (trimmed), empty ones included.
	Hide   bool
	Stages []Stage
}

// StagePart is an arrow or the text of a stage label.
type StagePart struct {
	node
	Arrow *Tok
	Text  []Tok
}

// Stage is one evolution-axis label.
type Stage struct {
	node
	Text string
}

// ValueChain is `valuechain --hide`.
type ValueChain struct {
	stmtBase
	Keyword Tok
	Text    *Text
}

// Style is `style wardley`.
type Style struct {
	stmtBase
	Keyword Tok
	Value   *Text
}

// Size is `size [width, height]`.
type Size struct {
	stmtBase
	Keyword Tok
	Coords  *List
	Junk    []Tok
}

// Title is `title text`.
type Title struct {
	stmtBase
	Keyword Tok
	Text    *Text
}

// Method is a legacy `build Name`, `buy Name` or `outsource Name` line.
type Method struct {
	stmtBase
	Keyword Tok
	Name    *Name
}

// Link is `A->B`, a flow `A+>B`, `A+'value'>B`, with an optional `; context`.
type Link struct {
	stmtBase
	Start *LinkEnd
	Op    Tok
	End   *LinkEnd
	// More holds what follows a second operator (`A->B->C`): OWM ignores it.
	More    []Tok
	Semi    *Tok
	Context *Text
	// FlowValue is the value of a `+'value'>` operator, as written
	// (untrimmed, as OWM keeps it).
	FlowValue string
}

// LinkEnd is one end of a link.
type LinkEnd struct {
	node
	Parts  []Tok
	Raw    string
	Quoted bool
	// Value is the name as OWM reads a link end: trimmed, with surrounding
	// quotes removed and escapes decoded, whitespace kept as written.
	Value string
}

// File is a parsed map.
type File struct {
	// Name is the file name given to Parse, for diagnostics.
	Name string
	Src  []byte
	// Lines indexes Src (positions, source lines for printers).
	Lines *diag.Lines
	// Stmts are the statements in source order, comment-only lines
	// included. Pipeline blocks hold their own statements.
	Stmts []Stmt
	// Comments are all comments in source order.
	Comments []*Comment
}

// Range converts a span of the file to lines and columns.
func (f *File) Range(s Span) diag.Range { return f.Lines.Range(s.Pos, s.End) }

// Text returns the source text of a span.
func (f *File) Text(s Span) string { return string(f.Src[s.Pos:s.End]) }
