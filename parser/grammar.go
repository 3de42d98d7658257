package parser

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar of the OWM language, one participle production per
// statement. It defines the language: the fast path (fast.go) must build
// exactly the AST that this grammar builds, and any statement the fast path
// does not accept is parsed here, so participle has the last word on what
// is valid and where an error is. Each production converts to the AST
// node of the same name (convert.go).
//
// Tokens are typed by the lexer (lexer.go), which does the context-
// dependent work: keywords only start a line, `label` is LabelKw only
// before `[`, an evolve line's last number is its Maturity.

// gbase gives a production its tokens, from which its span is taken.
type gbase struct {
	Tokens []lexer.Token
}

type gName struct {
	gbase
	Parts []lexer.Token `parser:"@((Word | Number | String | Op | \"]\" | \",\" | \"(\" | \")\" | \";\")+)"`
}

type gText struct {
	gbase
	Parts []lexer.Token `parser:"@((Word | Number | String | Op | Punct | Decorators | LabelKw | InertiaKw | EvolveKw | URLRef | Address)+)"`
}

type gNoteText struct {
	gbase
	Parts []lexer.Token `parser:"@((Word | Number | String | Op | \"]\" | \",\" | \"(\" | \")\" | \";\" | \"{\" | \"}\" | Decorators | URLRef)+)"`
}

type gList struct {
	gbase
	Items []*gListItem `parser:"\"[\" @@* \"]\""`
}

type gListItem struct {
	gbase
	Comma bool          `parser:"  @\",\""`
	Sub   *gList        `parser:"| @@"`
	Value []lexer.Token `parser:"| @((Word | Number | String | Op | \"(\" | \")\" | \";\" | \"{\" | \"}\" | Decorators | LabelKw | InertiaKw | EvolveKw | URLRef | Address)+)"`
}

type gComponent struct {
	gbase
	Keyword lexer.Token `parser:"@Keyword"`
	Name    *gName      `parser:"@@?"`
	Items   []*gItem    `parser:"@@* EOL"`
}

type gItem struct {
	gbase
	Coords     *gList         `parser:"  @@"`
	Label      *gLabel        `parser:"| @@"`
	Decorators *gDecoratorSet `parser:"| @@"`
	Inertia    *lexer.Token   `parser:"| @InertiaKw"`
	Evolve     *gInlineEvolve `parser:"| @@"`
	URL        *lexer.Token   `parser:"| @URLRef"`
	Junk       *lexer.Token   `parser:"| @(Word | Number | String | Op | Punct | LabelKw | Address)"`
}

type gLabel struct {
	gbase
	Keyword lexer.Token `parser:"@LabelKw"`
	Offset  *gList      `parser:"@@"`
}

type gDecoratorSet struct {
	gbase
	Raw lexer.Token `parser:"@Decorators"`
}

type gInlineEvolve struct {
	gbase
	Keyword  lexer.Token  `parser:"@EvolveKw"`
	Maturity *lexer.Token `parser:"@Number?"`
}

type gEvolve struct {
	gbase
	Keyword  lexer.Token  `parser:"@Keyword"`
	Source   *gEvolveName `parser:"@@?"`
	Arrow    *lexer.Token `parser:"( @\"->\""`
	Target   *gEvolveName `parser:"  @@? )?"`
	Maturity *lexer.Token `parser:"@Maturity?"`
	Items    []*gItem     `parser:"@@* EOL"`
}

type gEvolveName struct {
	gbase
	Parts []lexer.Token `parser:"@((Word | Number | String | \",\" | \"(\" | \")\" | \"]\" | \";\" | URLRef)+)"`
}

type gPipeline struct {
	gbase
	Keyword lexer.Token   `parser:"@Keyword"`
	Name    *gName        `parser:"@@?"`
	Extent  *gList        `parser:"@@?"`
	Open    *lexer.Token  `parser:"@\"{\"?"`
	Junk    []lexer.Token `parser:"@((Word | Number | String | Op | Punct | Decorators | LabelKw | URLRef)*) EOL"`
}

type gURL struct {
	gbase
	Keyword lexer.Token   `parser:"@Keyword"`
	Name    *gName        `parser:"@@?"`
	Address *lexer.Token  `parser:"@Address?"`
	Junk    []lexer.Token `parser:"@((Word | Number | String | Op | Punct | Decorators | LabelKw | URLRef | Address)*) EOL"`
}

type gNote struct {
	gbase
	Keyword lexer.Token   `parser:"@Keyword"`
	Text    *gNoteText    `parser:"@@?"`
	Coords  *gList        `parser:"@@?"`
	Junk    []lexer.Token `parser:"@((Word | Number | String | Op | Punct | Decorators | LabelKw | InertiaKw | EvolveKw | URLRef)*) EOL"`
}

type gAnnotation struct {
	gbase
	Keyword lexer.Token `parser:"@Keyword"`
	Number  *gNoteText  `parser:"@@?"`
	Coords  *gList      `parser:"@@?"`
	Text    *gText      `parser:"@@? EOL"`
}

// gCoordsStmt is annotations, size, pioneers, settlers, townplanners:
// a keyword and a list.
type gCoordsStmt struct {
	gbase
	Keyword lexer.Token   `parser:"@Keyword"`
	Coords  *gList        `parser:"@@?"`
	Junk    []lexer.Token `parser:"@((Word | Number | String | Op | Punct | Decorators | LabelKw | URLRef)*) EOL"`
}

type gAccelerator struct {
	gbase
	Keyword lexer.Token   `parser:"@Keyword"`
	Name    *gName        `parser:"@@?"`
	Coords  *gList        `parser:"@@?"`
	Junk    []lexer.Token `parser:"@((Word | Number | String | Op | Punct | Decorators | LabelKw | URLRef)*) EOL"`
}

type gEvolution struct {
	gbase
	Keyword lexer.Token   `parser:"@Keyword"`
	Parts   []*gStagePart `parser:"@@* EOL"`
}

type gStagePart struct {
	gbase
	Arrow *lexer.Token  `parser:"  @\"->\""`
	Text  []lexer.Token `parser:"| @((Word | Number | String | Punct | Decorators | LabelKw | URLRef | Address | \"+>\" | \"+<\" | \"+<>\")+)"`
}

// gTextStmt is title, style and valuechain: a keyword and text.
type gTextStmt struct {
	gbase
	Keyword lexer.Token `parser:"@Keyword"`
	Text    *gText      `parser:"@@? EOL"`
}

type gMethod struct {
	gbase
	Keyword lexer.Token `parser:"@Keyword"`
	Name    *gName      `parser:"@@? EOL"`
}

type gLink struct {
	gbase
	Start   *gLinkEnd     `parser:"@@?"`
	Op      lexer.Token   `parser:"@Op"`
	End     *gLinkEnd     `parser:"@@?"`
	More    []lexer.Token `parser:"@((Op | Word | Number | String | \",\" | \"(\" | \")\" | \"[\" | \"]\" | \"{\" | \"}\" | Decorators | URLRef)*)"`
	Semi    *lexer.Token  `parser:"( @\";\""`
	Context *gText        `parser:"  @@? )? EOL"`
}

type gLinkEnd struct {
	gbase
	Parts []lexer.Token `parser:"@((Word | Number | String | \",\" | \"(\" | \")\" | \"[\" | \"]\" | \"{\" | \"}\" | Decorators | URLRef)+)"`
}

// grammar gathers every statement production so that participle builds and
// checks them once; each statement is parsed with the parser of its own
// production, chosen by its first token.
type grammar struct {
	Component   *gComponent   `parser:"  @@"`
	Evolve      *gEvolve      `parser:"| @@"`
	Pipeline    *gPipeline    `parser:"| @@"`
	URL         *gURL         `parser:"| @@"`
	Note        *gNote        `parser:"| @@"`
	Annotation  *gAnnotation  `parser:"| @@"`
	CoordsStmt  *gCoordsStmt  `parser:"| @@"`
	Accelerator *gAccelerator `parser:"| @@"`
	Evolution   *gEvolution   `parser:"| @@"`
	TextStmt    *gTextStmt    `parser:"| @@"`
	Method      *gMethod      `parser:"| @@"`
	Link        *gLink        `parser:"| @@"`
}

// The definition carries the symbol table explicitly, so that package
// initialisation builds the table before the grammar.
var grammarParser = participle.MustBuild[grammar](participle.Lexer(definition{symbols}))

// Grammar returns the grammar in EBNF, for documentation.
func Grammar() string { return grammarParser.String() }

func production[P any]() *participle.Parser[P] {
	p, err := participle.ParserForProduction[P, grammar](grammarParser)
	if err != nil {
		panic(err)
	}
	return p
}

var allowTrailing = participle.AllowTrailing(true)

// slowParser parses one statement with participle and converts it.
type slowParser func(lex *lexer.PeekingLexer, c *converter) (Stmt, error)

func slow[G any](p *participle.Parser[G], conv func(*converter, *G) Stmt) slowParser {
	return func(lex *lexer.PeekingLexer, c *converter) (Stmt, error) {
		g, err := p.ParseFromLexer(lex, allowTrailing)
		if err != nil {
			return nil, err
		}
		return conv(c, g), nil
	}
}

var (
	slowComponent  = slow(production[gComponent](), (*converter).component)
	slowCoordsStmt = slow(production[gCoordsStmt](), (*converter).coordsStmt)
	slowTextStmt   = slow(production[gTextStmt](), (*converter).textStmt)
	slowLink       = slow(production[gLink](), (*converter).link)
	slowParsers    = map[string]slowParser{
		"component":     slowComponent,
		"submap":        slowComponent,
		"anchor":        slowComponent,
		"market":        slowComponent,
		"ecosystem":     slowComponent,
		"evolve":        slow(production[gEvolve](), (*converter).evolve),
		"pipeline":      slow(production[gPipeline](), (*converter).pipeline),
		"url":           slow(production[gURL](), (*converter).url),
		"note":          slow(production[gNote](), (*converter).note),
		"annotation":    slow(production[gAnnotation](), (*converter).annotation),
		"annotations":   slowCoordsStmt,
		"pioneers":      slowCoordsStmt,
		"settlers":      slowCoordsStmt,
		"townplanners":  slowCoordsStmt,
		"size":          slowCoordsStmt,
		"accelerator":   slow(production[gAccelerator](), (*converter).accelerator),
		"deaccelerator": slow(production[gAccelerator](), (*converter).accelerator),
		"evolution":     slow(production[gEvolution](), (*converter).evolution),
		"valuechain":    slowTextStmt,
		"style":         slowTextStmt,
		"title":         slowTextStmt,
		"build":         slow(production[gMethod](), (*converter).method),
		"buy":           slow(production[gMethod](), (*converter).method),
		"outsource":     slow(production[gMethod](), (*converter).method),
	}
)
