package parser

import "github.com/alecthomas/participle/v2/lexer"

// converter turns participle's parse of a statement into the AST.
type converter struct{}

func tok(t lexer.Token) Tok {
	k := TokenKind(t.Type)
	if t.Type == lexer.EOF {
		k = EOF
	}
	return Tok{Kind: k, Pos: int32(t.Pos.Offset), End: int32(t.Pos.Offset + len(t.Value))}
}

func tokPtr(t *lexer.Token) *Tok {
	if t == nil {
		return nil
	}
	v := tok(*t)
	return &v
}

func toks(ts []lexer.Token) []Tok {
	if len(ts) == 0 {
		return nil
	}
	out := make([]Tok, len(ts))
	for i, t := range ts {
		out[i] = tok(t)
	}
	return out
}

// spanOf is the span of a production's tokens, its final EOL excluded.
func spanOf(ts []lexer.Token) Span {
	for len(ts) > 0 && (ts[len(ts)-1].Type == lexer.TokenType(EOL) || ts[len(ts)-1].EOF()) {
		ts = ts[:len(ts)-1]
	}
	if len(ts) == 0 {
		return Span{}
	}
	last := ts[len(ts)-1]
	return Span{ts[0].Pos.Offset, last.Pos.Offset + len(last.Value)}
}

func (c *converter) name(g *gName) *Name {
	if g == nil {
		return nil
	}
	return &Name{node: nodeOf(g.Tokens), Parts: toks(g.Parts)}
}

func (c *converter) text(g *gText) *Text {
	if g == nil {
		return nil
	}
	return &Text{node: nodeOf(g.Tokens), Parts: toks(g.Parts)}
}

func (c *converter) noteText(g *gNoteText) *NoteText {
	if g == nil {
		return nil
	}
	return &NoteText{node: nodeOf(g.Tokens), Parts: toks(g.Parts)}
}

func (c *converter) list(g *gList) *List {
	if g == nil {
		return nil
	}
	l := &List{node: nodeOf(g.Tokens)}
	for _, it := range g.Items {
		l.Items = append(l.Items, &ListItem{node: nodeOf(it.Tokens), Comma: it.Comma, Sub: c.list(it.Sub), Value: toks(it.Value)})
	}
	return l
}

func (c *converter) items(gs []*gItem) []*Item {
	var out []*Item
	for _, g := range gs {
		it := &Item{node: nodeOf(g.Tokens), Coords: c.list(g.Coords), Inertia: tokPtr(g.Inertia), URL: tokPtr(g.URL), Junk: tokPtr(g.Junk)}
		if g.Label != nil {
			it.Label = &Label{node: nodeOf(g.Label.Tokens), Keyword: tok(g.Label.Keyword), Offset: c.list(g.Label.Offset)}
		}
		if g.Decorators != nil {
			it.Decorators = &DecoratorSet{node: nodeOf(g.Decorators.Tokens), Raw: tok(g.Decorators.Raw)}
		}
		if g.Evolve != nil {
			it.Evolve = &InlineEvolve{node: nodeOf(g.Evolve.Tokens), Keyword: tok(g.Evolve.Keyword), Maturity: tokPtr(g.Evolve.Maturity)}
		}
		out = append(out, it)
	}
	return out
}

func (c *converter) evolveName(g *gEvolveName) *EvolveName {
	if g == nil {
		return nil
	}
	return &EvolveName{node: nodeOf(g.Tokens), Parts: toks(g.Parts)}
}

func (c *converter) linkEnd(g *gLinkEnd) *LinkEnd {
	if g == nil {
		return nil
	}
	return &LinkEnd{node: nodeOf(g.Tokens), Parts: toks(g.Parts)}
}

func stmtSpan(ts []lexer.Token) stmtBase { return stmtBase{node: nodeOf(ts)} }

func nodeOf(ts []lexer.Token) node { return node(spanOf(ts)) }

func (c *converter) component(g *gComponent) Stmt {
	return &Component{stmtBase: stmtSpan(g.Tokens), Keyword: tok(g.Keyword), Name: c.name(g.Name), Items: c.items(g.Items)}
}

func (c *converter) evolve(g *gEvolve) Stmt {
	return &Evolve{
		stmtBase: stmtSpan(g.Tokens), Keyword: tok(g.Keyword), Source: c.evolveName(g.Source), Arrow: tokPtr(g.Arrow),
		Target: c.evolveName(g.Target), Maturity: tokPtr(g.Maturity), Items: c.items(g.Items),
	}
}

func (c *converter) pipeline(g *gPipeline) Stmt {
	return &Pipeline{stmtBase: stmtSpan(g.Tokens), Keyword: tok(g.Keyword), Name: c.name(g.Name), Extent: c.list(g.Extent),
		Open: tokPtr(g.Open), Junk: toks(g.Junk)}
}

func (c *converter) url(g *gURL) Stmt {
	return &URL{stmtBase: stmtSpan(g.Tokens), Keyword: tok(g.Keyword), Name: c.name(g.Name), Address: tokPtr(g.Address), Junk: toks(g.Junk)}
}

func (c *converter) note(g *gNote) Stmt {
	return &Note{stmtBase: stmtSpan(g.Tokens), Keyword: tok(g.Keyword), Text: c.noteText(g.Text), Coords: c.list(g.Coords), Junk: toks(g.Junk)}
}

func (c *converter) annotation(g *gAnnotation) Stmt {
	return &Annotation{stmtBase: stmtSpan(g.Tokens), Keyword: tok(g.Keyword), Number: c.noteText(g.Number), Coords: c.list(g.Coords), Text: c.text(g.Text)}
}

func (c *converter) coordsStmt(g *gCoordsStmt) Stmt {
	b, kw, l, junk := stmtSpan(g.Tokens), tok(g.Keyword), c.list(g.Coords), toks(g.Junk)
	switch g.Keyword.Value {
	case "annotations":
		return &Annotations{stmtBase: b, Keyword: kw, Coords: l, Junk: junk}
	case "size":
		return &Size{stmtBase: b, Keyword: kw, Coords: l, Junk: junk}
	}
	return &Attitude{stmtBase: b, Keyword: kw, Coords: l, Rest: junk}
}

func (c *converter) accelerator(g *gAccelerator) Stmt {
	return &Accelerator{stmtBase: stmtSpan(g.Tokens), Keyword: tok(g.Keyword), Name: c.name(g.Name), Coords: c.list(g.Coords), Junk: toks(g.Junk)}
}

func (c *converter) evolution(g *gEvolution) Stmt {
	e := &Evolution{stmtBase: stmtSpan(g.Tokens), Keyword: tok(g.Keyword)}
	for _, p := range g.Parts {
		e.Parts = append(e.Parts, &StagePart{node: nodeOf(p.Tokens), Arrow: tokPtr(p.Arrow), Text: toks(p.Text)})
	}
	return e
}

func (c *converter) textStmt(g *gTextStmt) Stmt {
	b, kw, t := stmtSpan(g.Tokens), tok(g.Keyword), c.text(g.Text)
	switch g.Keyword.Value {
	case "title":
		return &Title{stmtBase: b, Keyword: kw, Text: t}
	case "style":
		return &Style{stmtBase: b, Keyword: kw, Value: t}
	}
	return &ValueChain{stmtBase: b, Keyword: kw, Text: t}
}

func (c *converter) method(g *gMethod) Stmt {
	return &Method{stmtBase: stmtSpan(g.Tokens), Keyword: tok(g.Keyword), Name: c.name(g.Name)}
}

func (c *converter) link(g *gLink) Stmt {
	return &Link{stmtBase: stmtSpan(g.Tokens), Start: c.linkEnd(g.Start), Op: tok(g.Op), End: c.linkEnd(g.End),
		More: toks(g.More), Semi: tokPtr(g.Semi), Context: c.text(g.Context)}
}
