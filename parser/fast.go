package parser

// The fast path. participle's engine walks the grammar by reflection and
// allocates on every token: about 50 µs and 470 allocations for one
// component line, two orders of magnitude over our budget (a 50-line map
// parsed, compiled, laid out and drawn in 300 µs). So each statement is
// first parsed by the hand-written recursive descent below, which follows
// the participle grammar of ast.go production by production and fills the
// same AST, positions and token slices included. When it meets anything
// it does not accept, it gives up and the statement is parsed again by
// participle, whose verdict (and error position) stands. TestFastMatchesGrammar
// checks on every corpus line and on fuzzed input that both parsers build
// identical trees, so the grammar in the struct tags stays the definition
// of the language.

// fast is a cursor over the tokens of the whole file.
type fast struct {
	toks []Tok
	src  []byte
	i    int
	a    *arena
	// scratch buffers for building pointer slices: nested lists push
	// their items on stack above their parent's and pop them when done.
	itemBuf []*Item
	stack   []*ListItem
	// respelled is the keyword to read a misspelt first word as, during
	// error recovery.
	respelled string
}

func (f *fast) peek() *Tok { return &f.toks[f.i] }

// tok returns a copy of *t from the arena, for the nodes that point at a
// token of their own.
func (f *fast) tok(t *Tok) *Tok { return f.a.toks.Put(*t) }

// span is the span of the tokens [start, f.i), a final EOL excluded.
func (f *fast) span(start int) Span {
	end := f.i - 1
	if f.toks[end].Kind == EOL && end > start {
		end--
	}
	return Span{int(f.toks[start].Pos), int(f.toks[end].End)}
}

func (f *fast) isPunct(t *Tok, c byte) bool { return t.Kind == Punct && f.char(t) == c }

// char is a punctuation token's character. Error recovery closes an
// unclosed list with a zero-width `]` at the end of its line.
func (f *fast) char(t *Tok) byte {
	if t.Pos == t.End {
		return ']'
	}
	return f.src[t.Pos]
}

// run consumes the longest run of tokens accepted by ok and returns them
// (nil when there are none).
func (f *fast) run(ok func(*fast, *Tok) bool) []Tok {
	start := f.i
	for ok(f, &f.toks[f.i]) {
		f.i++
	}
	if f.i == start {
		return nil
	}
	return f.toks[start:f.i:f.i]
}

// Token classes, one per alternation in the grammar.

func nameTok(f *fast, t *Tok) bool {
	switch t.Kind {
	case Word, Number, String, Op:
		return true
	case Punct:
		switch f.char(t) {
		case ']', ',', '(', ')', ';':
			return true
		}
	}
	return false
}

func textTok(f *fast, t *Tok) bool {
	switch t.Kind {
	case Word, Number, String, Op, Punct, Decorators, LabelKw, InertiaKw, EvolveKw, URLRef, Address:
		return true
	}
	return false
}

func noteTextTok(f *fast, t *Tok) bool {
	switch t.Kind {
	case Word, Number, String, Op, Decorators, URLRef:
		return true
	case Punct:
		return f.char(t) != '['
	}
	return false
}

func listValueTok(f *fast, t *Tok) bool {
	switch t.Kind {
	case Word, Number, String, Op, Decorators, LabelKw, InertiaKw, EvolveKw, URLRef, Address:
		return true
	case Punct:
		switch f.char(t) {
		case '(', ')', ';', '{', '}':
			return true
		}
	}
	return false
}

func evolveNameTok(f *fast, t *Tok) bool {
	switch t.Kind {
	case Word, Number, String, URLRef:
		return true
	case Punct:
		switch f.char(t) {
		case ',', '(', ')', ']', ';':
			return true
		}
	}
	return false
}

func junkTok(f *fast, t *Tok) bool {
	switch t.Kind {
	case Word, Number, String, Op, Punct, Decorators, LabelKw, URLRef:
		return true
	}
	return false
}

func urlJunkTok(f *fast, t *Tok) bool { return junkTok(f, t) || t.Kind == Address }

func noteJunkTok(f *fast, t *Tok) bool {
	return junkTok(f, t) || t.Kind == InertiaKw || t.Kind == EvolveKw
}

func linkEndTok(f *fast, t *Tok) bool {
	switch t.Kind {
	case Word, Number, String, Decorators, URLRef:
		return true
	case Punct:
		return f.char(t) != ';'
	}
	return false
}

func moreTok(f *fast, t *Tok) bool { return linkEndTok(f, t) || t.Kind == Op }

func stageTextTok(f *fast, t *Tok) bool {
	switch t.Kind {
	case Word, Number, String, Punct, Decorators, LabelKw, URLRef, Address:
		return true
	case Op:
		switch string(f.src[t.Pos:t.End]) {
		case "+>", "+<", "+<>":
			return true
		}
	}
	return false
}

// Productions. Each returns nil (no match) or the node; ok is false when
// the statement cannot be parsed by the fast path.

func (f *fast) name() *Name {
	start := f.i
	parts := f.run(nameTok)
	if parts == nil {
		return nil
	}
	n := f.a.names.New()
	n.Parts = parts
	n.setSpan(f.span(start))
	return n
}

func (f *fast) text() *Text {
	start := f.i
	parts := f.run(textTok)
	if parts == nil {
		return nil
	}
	t := f.a.texts.New()
	t.Parts = parts
	t.setSpan(f.span(start))
	return t
}

func (f *fast) noteText() *NoteText {
	start := f.i
	parts := f.run(noteTextTok)
	if parts == nil {
		return nil
	}
	t := f.a.noteTexts.New()
	t.Parts = parts
	t.setSpan(f.span(start))
	return t
}

func (f *fast) evolveName() *EvolveName {
	start := f.i
	parts := f.run(evolveNameTok)
	if parts == nil {
		return nil
	}
	n := f.a.evolveNames.New()
	n.Parts = parts
	n.setSpan(f.span(start))
	return n
}

func (f *fast) linkEnd() *LinkEnd {
	start := f.i
	parts := f.run(linkEndTok)
	if parts == nil {
		return nil
	}
	e := f.a.linkEnds.New()
	e.Parts = parts
	e.setSpan(f.span(start))
	return e
}

// list parses `"[" ListItem* "]"`; a list that does not close is left to
// participle.
func (f *fast) list() (l *List, ok bool) {
	if !f.isPunct(f.peek(), '[') {
		return nil, true
	}
	start := f.i
	f.i++
	l = f.a.lists.New()
	bottom := len(f.stack)
	defer func() { f.stack = f.stack[:bottom] }()
	for {
		t := f.peek()
		if f.isPunct(t, ']') {
			f.i++
			l.setSpan(f.span(start))
			l.Items = f.a.listPtrs.copy(f.stack[bottom:])
			return l, true
		}
		itemStart := f.i
		it := f.a.listItems.New()
		switch {
		case f.isPunct(t, ','):
			f.i++
			it.Comma = true
		case f.isPunct(t, '['):
			sub, ok := f.list()
			if !ok {
				return nil, false
			}
			it.Sub = sub
		case listValueTok(f, t):
			it.Value = f.run(listValueTok)
		default:
			return nil, false
		}
		it.setSpan(f.span(itemStart))
		f.stack = append(f.stack, it)
	}
}

// item parses one Item, trying the alternatives in the grammar's order.
func (f *fast) item() (it *Item, ok bool) {
	t := f.peek()
	start := f.i
	it = f.a.items.New()
	switch {
	case f.isPunct(t, '['):
		l, ok := f.list()
		if !ok {
			return nil, false
		}
		it.Coords = l
	case t.Kind == LabelKw:
		lstart := f.i
		f.i++
		if !f.isPunct(f.peek(), '[') {
			return nil, false
		}
		off, ok := f.list()
		if !ok {
			return nil, false
		}
		lb := f.a.labels.New()
		lb.Keyword, lb.Offset = *t, off
		lb.setSpan(f.span(lstart))
		it.Label = lb
	case t.Kind == Decorators:
		f.i++
		ds := f.a.decorators.New()
		ds.Raw = *t
		ds.setSpan(f.span(start))
		it.Decorators = ds
	case t.Kind == InertiaKw:
		f.i++
		it.Inertia = f.tok(t)
	case t.Kind == EvolveKw:
		f.i++
		ie := &InlineEvolve{Keyword: *t}
		if n := f.peek(); n.Kind == Number {
			f.i++
			ie.Maturity = f.tok(n)
		}
		ie.setSpan(f.span(start))
		it.Evolve = ie
	case t.Kind == URLRef:
		f.i++
		it.URL = f.tok(t)
	case t.Kind == Maturity:
		f.i++
		it.Maturity = f.tok(t)
	case t.Kind == Word || t.Kind == Number || t.Kind == String || t.Kind == Op || t.Kind == Punct || t.Kind == Address:
		f.i++
		it.Junk = f.tok(t)
	default:
		return nil, true
	}
	it.setSpan(f.span(start))
	return it, true
}

func (f *fast) items() (items []*Item, ok bool) {
	scratch := f.itemBuf[:0]
	for f.peek().Kind != EOL {
		it, ok := f.item()
		if !ok {
			return nil, false
		}
		if it == nil {
			break
		}
		scratch = append(scratch, it)
	}
	f.itemBuf = scratch
	return f.a.itemPtrs.copy(scratch), true
}

// eol consumes the statement's EOL.
func (f *fast) eol() bool {
	if f.peek().Kind != EOL {
		return false
	}
	f.i++
	return true
}

// stmt parses the statement starting at f.i with the production for its
// first token. It returns nil when the fast path cannot parse it; f.i is
// then unspecified.
func (f *fast) stmt() Stmt {
	start := f.i
	first := f.peek()
	if first.Kind != Keyword {
		return f.link()
	}
	kw := *first
	f.i++
	var st Stmt
	var b *stmtBase
	word := string(f.src[kw.Pos:kw.End])
	if f.respelled != "" {
		word = f.respelled
	}
	switch word {
	case "component", "submap", "anchor", "market", "ecosystem":
		s := f.a.components.New()
		s.Keyword, s.Name = kw, f.name()
		var ok bool
		if s.Items, ok = f.items(); !ok {
			return nil
		}
		st, b = s, &s.stmtBase
	case "evolve":
		s := f.a.evolves.New()
		s.Keyword, s.Source = kw, f.evolveName()
		if t := f.peek(); t.Kind == Op && f.src[t.Pos] == '-' {
			f.i++
			s.Arrow = f.tok(t)
			s.Target = f.evolveName()
		}
		if t := f.peek(); t.Kind == Maturity {
			f.i++
			s.Maturity = f.tok(t)
		}
		var ok bool
		if s.Items, ok = f.items(); !ok {
			return nil
		}
		st, b = s, &s.stmtBase
	case "pipeline":
		s := f.a.pipelines.New()
		s.Keyword, s.Name = kw, f.name()
		var ok bool
		if s.Extent, ok = f.list(); !ok {
			return nil
		}
		if t := f.peek(); f.isPunct(t, '{') {
			f.i++
			s.Open = f.tok(t)
		}
		s.Junk = f.run(junkTok)
		st, b = s, &s.stmtBase
	case "url":
		s := &URL{Keyword: kw, Name: f.name()}
		if t := f.peek(); t.Kind == Address {
			f.i++
			s.Address = f.tok(t)
		}
		s.Junk = f.run(urlJunkTok)
		st, b = s, &s.stmtBase
	case "note":
		s := f.a.notes.New()
		s.Keyword, s.Text = kw, f.noteText()
		var ok bool
		if s.Coords, ok = f.list(); !ok {
			return nil
		}
		s.Junk = f.run(noteJunkTok)
		st, b = s, &s.stmtBase
	case "annotation":
		s := &Annotation{Keyword: kw, Number: f.noteText()}
		var ok bool
		if s.Coords, ok = f.list(); !ok {
			return nil
		}
		s.Text = f.text()
		st, b = s, &s.stmtBase
	case "annotations":
		s := &Annotations{Keyword: kw}
		var ok bool
		if s.Coords, ok = f.list(); !ok {
			return nil
		}
		s.Junk = f.run(junkTok)
		st, b = s, &s.stmtBase
	case "pioneers", "settlers", "townplanners":
		s := &Attitude{Keyword: kw}
		var ok bool
		if s.Coords, ok = f.list(); !ok {
			return nil
		}
		s.Rest = f.run(junkTok)
		st, b = s, &s.stmtBase
	case "accelerator", "deaccelerator":
		s := &Accelerator{Keyword: kw, Name: f.name()}
		var ok bool
		if s.Coords, ok = f.list(); !ok {
			return nil
		}
		s.Junk = f.run(junkTok)
		st, b = s, &s.stmtBase
	case "evolution":
		s := &Evolution{Keyword: kw}
		for {
			t := f.peek()
			pstart := f.i
			part := f.a.stageParts.New()
			switch {
			case t.Kind == Op && f.src[t.Pos] == '-':
				f.i++
				part.Arrow = f.tok(t)
			case stageTextTok(f, t):
				part.Text = f.run(stageTextTok)
			default:
				part = nil
			}
			if part == nil {
				break
			}
			part.setSpan(f.span(pstart))
			s.Parts = append(s.Parts, part)
		}
		st, b = s, &s.stmtBase
	case "valuechain":
		s := &ValueChain{Keyword: kw, Text: f.text()}
		st, b = s, &s.stmtBase
	case "style":
		s := &Style{Keyword: kw, Value: f.text()}
		st, b = s, &s.stmtBase
	case "size":
		s := &Size{Keyword: kw}
		var ok bool
		if s.Coords, ok = f.list(); !ok {
			return nil
		}
		s.Junk = f.run(junkTok)
		st, b = s, &s.stmtBase
	case "title":
		s := &Title{Keyword: kw, Text: f.text()}
		st, b = s, &s.stmtBase
	case "build", "buy", "outsource":
		s := &Method{Keyword: kw, Name: f.name()}
		st, b = s, &s.stmtBase
	default:
		return nil
	}
	if !f.eol() {
		return nil
	}
	b.setSpan(f.span(start))
	return st
}

func (f *fast) link() Stmt {
	start := f.i
	s := f.a.links.New()
	s.Start = f.linkEnd()
	t := f.peek()
	if t.Kind != Op {
		return nil
	}
	f.i++
	s.Op = *t
	s.End = f.linkEnd()
	s.More = f.run(moreTok)
	if t := f.peek(); f.isPunct(t, ';') {
		f.i++
		s.Semi = f.tok(t)
		s.Context = f.text()
	}
	if !f.eol() {
		return nil
	}
	s.setSpan(f.span(start))
	return s
}
