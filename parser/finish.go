package parser

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/internal/jsnum"
)

// RecoveredName is the name OWM gives an element whose name is empty.
const RecoveredName = "Recovered Component Name"

// finish fills the decoded fields of a parsed statement and reports what
// is wrong with its text. b is the enclosing pipeline block, if any.
func (p *parser) finish(st Stmt, b *Block) {
	if kw, ok := KeywordOf(st); ok && st.Span().End == int(kw.End) {
		switch word := p.f.Keyword(kw); word {
		case "title", "style", "valuechain":
			// OWM cannot read these alone (it stops reading the map, or
			// reports an error): reported below.
		default:
			p.diags.Add(diag.Warningf(p.rangeOf(kw), "empty-statement", "`%s` alone: OWM ignores the line", word).
				WithSuggestion("complete the statement, or remove the line"))
			return
		}
	}
	if kw, ok := KeywordOf(st); ok {
		p.keyword(kw)
	}
	switch s := st.(type) {
	case *Component:
		p.finishComponent(s, b != nil && p.f.Keyword(s.Keyword) == "component")
	case *Evolve:
		p.finishEvolve(s)
	case *Pipeline:
		p.finishPipeline(s)
	case *URL:
		p.requireName(s.Name, s.Keyword, "url")
		if s.Address == nil {
			p.diags.Add(diag.Errorf(p.after(s.Keyword, s.Name), "missing-address", "url has no address").
				WithSuggestion("write `url %s [https://example.com/map]`", p.nameOr(s.Name, "name")))
		}
		p.junk(s.Junk, "after the url's address")
	case *Note:
		if s.Text != nil {
			p.finishNoteText(s.Text)
		}
		p.coords(s.Coords, p.after(s.Keyword, s.Text), "note has no coordinates: OWM draws it at [0.9, 0.1]",
			"add `[visibility, maturity]` after the text")
		p.junk(s.Junk, "after the note's coordinates")
	case *Annotation:
		p.finishAnnotation(s)
	case *Annotations:
		p.coords(s.Coords, p.rangeOf(s.Keyword), "`annotations` needs the position of the annotation list, as in `annotations [0.9, 0.1]`", "")
		p.junk(s.Junk, "after the coordinates")
	case *Attitude:
		kw := p.f.Keyword(s.Keyword)
		p.coords(s.Coords, p.rangeOf(s.Keyword), fmt.Sprintf("`%s` needs two corners, as in `%s [0.9, 0.1, 0.7, 0.3]`", kw, kw), "")
	case *Accelerator:
		p.requireName(s.Name, s.Keyword, p.f.Keyword(s.Keyword))
		p.coords(s.Coords, p.after(s.Keyword, s.Name), p.f.Keyword(s.Keyword)+" has no coordinates: OWM draws it at [0.9, 0.1]", "")
		p.junk(s.Junk, "after the coordinates")
		if p.f.Keyword(s.Keyword) == "deaccelerator" && p.indented(s.Keyword) {
			p.diags.Add(diag.Warningf(p.rangeOf(s.Keyword), "compat-indented-deaccelerator",
				"OWM reads an indented `deaccelerator` as an accelerator").WithSuggestion("start the line with `deaccelerator`"))
		}
	case *Evolution:
		p.finishEvolution(s)
	case *ValueChain:
		if s.Text != nil {
			p.finishText(s.Text)
		}
		if s.Text == nil || !strings.HasPrefix(s.Text.Raw, "--hide") {
			p.diags.Add(diag.Errorf(p.span(s), "invalid-valuechain", "`valuechain` only takes `--hide`").
				WithSuggestion("write `valuechain --hide` to hide the value chain axis"))
		}
	case *Style:
		if s.Value == nil {
			p.diags.Add(diag.Errorf(p.after(s.Keyword, nil), "missing-value", "`style` needs a value").
				WithSuggestion("write one of `style plain`, `wardley`, `colour`, `handwritten`, `dark`"))
		} else {
			p.finishText(s.Value)
		}
	case *Size:
		p.coords(s.Coords, p.rangeOf(s.Keyword), "`size` needs a width and a height in pixels, as in `size [1100, 750]`", "")
		p.junk(s.Junk, "after the size")
	case *Title:
		if s.Text == nil {
			p.diags.Add(diag.Errorf(p.after(s.Keyword, nil), "missing-value", "`title` needs a text").
				WithSuggestion("write `title My Map`"))
		} else {
			p.finishText(s.Text)
		}
		if p.indented(s.Keyword) {
			p.diags.Add(diag.Warningf(p.rangeOf(s.Keyword), "compat-indented-title", "OWM ignores a title that does not start the line").
				WithSuggestion("remove the spaces before `title`"))
		}
	case *Method:
		p.requireName(s.Name, s.Keyword, p.f.Keyword(s.Keyword))
	case *Link:
		p.finishLink(s)
	}
}

// coords finishes a statement's coordinates, or reports them missing
// (with message, at r, and suggestion if not empty).
func (p *parser) coords(l *List, r diag.Range, message, suggestion string) {
	if l != nil {
		p.finishList(l)
		p.checkNumbers(l)
		return
	}
	d := diag.Warningf(r, "missing-coordinates", "%s", message)
	if suggestion != "" {
		d = d.WithSuggestion("%s", suggestion)
	}
	p.diags.Add(d)
}

// KeywordOf returns the keyword token of a statement (false for links,
// comment lines and bad lines).
func KeywordOf(st Stmt) (Tok, bool) {
	switch s := st.(type) {
	case *Component:
		return s.Keyword, true
	case *Evolve:
		return s.Keyword, true
	case *Pipeline:
		return s.Keyword, true
	case *URL:
		return s.Keyword, true
	case *Note:
		return s.Keyword, true
	case *Annotation:
		return s.Keyword, true
	case *Annotations:
		return s.Keyword, true
	case *Attitude:
		return s.Keyword, true
	case *Accelerator:
		return s.Keyword, true
	case *Evolution:
		return s.Keyword, true
	case *ValueChain:
		return s.Keyword, true
	case *Style:
		return s.Keyword, true
	case *Size:
		return s.Keyword, true
	case *Title:
		return s.Keyword, true
	case *Method:
		return s.Keyword, true
	}
	return Tok{}, false
}

// Bare reports whether st is a keyword alone on its line, which OWM
// ignores (title, style and valuechain excepted: OWM rejects them).
func Bare(st Stmt) bool {
	kw, ok := KeywordOf(st)
	return ok && st.Span().End == int(kw.End)
}

// keyword checks what follows a statement's keyword: OWM recognises a
// statement only when one space follows its keyword (`evolution` aside).
func (p *parser) keyword(kw Tok) {
	end := int(kw.End)
	if end >= len(p.src) || p.tokText(kw) == "evolution" {
		return
	}
	switch c := p.src[end]; c {
	case ' ', '\n', '\r':
		return
	}
	r := p.rangeOf(kw)
	p.diags.Add(diag.Warningf(r, "keyword-spacing", "OWM ignores this line: it reads `%s` only when a space follows it", p.tokText(kw)).
		WithSuggestion("put one space after `%s`", p.tokText(kw)))
}

// indented reports whether anything but a byte-order mark comes before t
// on its line.
func (p *parser) indented(t Tok) bool {
	start := p.f.Lines.LineStart(p.f.Lines.Pos(int(t.Pos)).Line)
	pre := p.str[start:t.Pos]
	return len(strings.TrimPrefix(pre, "\uFEFF")) > 0
}

// span returns a node's range.
func (p *parser) span(n Node) diag.Range { return p.rangeOf(n) }

// after returns an empty range just after the keyword (or after n when it
// is not nil), where something is missing.
func (p *parser) after(kw Tok, n Node) diag.Range {
	end := int(kw.End)
	if n != nil && !isNilNode(n) {
		end = n.Span().End
	}
	return p.f.Range(Span{end, end})
}

func isNilNode(n Node) bool {
	switch v := n.(type) {
	case *Name:
		return v == nil
	case *NoteText:
		return v == nil
	case *Text:
		return v == nil
	case *EvolveName:
		return v == nil
	case *List:
		return v == nil
	}
	return false
}

func (p *parser) nameOr(n *Name, def string) string {
	if n == nil || n.Value == "" {
		return def
	}
	return n.Value
}

func (p *parser) requireName(n *Name, kw Tok, what string) {
	if n == nil {
		p.diags.Add(diag.Errorf(p.after(kw, nil), "missing-name", "%s has no name", what).
			WithSuggestion("write the name after `%s`", p.tokText(kw)))
		return
	}
	p.finishName(n)
	if n.Value == "" {
		p.diags.Add(diag.Errorf(p.rangeOf(n), "missing-name", "%s has an empty name: OWM calls it %q", what, RecoveredName))
	}
}

func (p *parser) text(s Span) string { return p.str[s.Pos:s.End] }

// spanOfToks is the span from the first token's start to the last one's end.
func spanOfToks(ts []Tok) Span { return Span{int(ts[0].Pos), int(ts[len(ts)-1].End)} }

// finishName decodes a name as OWM does (see Name).
func (p *parser) finishName(n *Name) {
	n.Raw, n.Quoted, n.Value = p.nameValue(n.Parts, true)
}

// nameValue decodes the tokens of a name. With sanitize, the value is
// cleaned as OWM cleans component names.
func (p *parser) nameValue(parts []Tok, sanitize bool) (raw string, quoted bool, value string) {
	r := spanOfToks(parts)
	raw = p.text(r)
	clean := func(s string, r Span) string {
		if sanitize {
			return p.sanitize(s, r)
		}
		return strings.TrimSpace(s)
	}
	if parts[0].Kind == String {
		if len(parts) > 1 {
			p.diags.Add(diag.Warningf(p.f.Range(spanOfToks(parts[1:])), "ignored-text", "OWM ignores the text after a quoted name").
				WithSuggestion("put it inside the quotes, or remove it"))
		}
		return raw, true, clean(DecodeQuoted(p.tokText(parts[0])), r)
	}
	if strings.HasPrefix(raw, `"`) {
		p.diags.Add(diag.Errorf(p.rangeOf(parts[0]), "unclosed-quote", "quoted name is not closed").
			WithSuggestion("add the closing `\"`"))
		return raw, false, clean(raw[1:], r)
	}
	return raw, false, clean(raw, r)
}

// sanitize cleans a name (see CleanName) and reports the characters it
// removes: they are invisible, and a bidi override can make a name read as
// another.
func (p *parser) sanitize(s string, r Span) string {
	clean, removed := CleanName(s)
	if removed {
		p.diags.Add(diag.Warningf(p.f.Range(r), "control-character", "invisible control or direction characters removed from the name"))
	}
	return clean
}

// CleanName cleans a name as OWM does (spec §1.5): control characters
// (except tab and newlines) and bidi overrides removed, runs of spaces and
// tabs collapsed to one space, spaces and tabs trimmed at both ends.
// removed says whether characters were removed.
func CleanName(s string) (clean string, removed bool) {
	plain := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || c >= utf8.RuneSelf || (c == ' ' && i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\t')) {
			plain = false
			break
		}
	}
	if plain && (len(s) == 0 || (s[0] != ' ' && s[len(s)-1] != ' ')) {
		return s, false
	}
	var b strings.Builder
	space := false
	for _, c := range s {
		switch {
		case c == ' ' || c == '\t':
			space = true
			continue
		case (c < 0x20 && c != '\n' && c != '\r') || c == 0x7f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069):
			removed = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(c)
	}
	return b.String(), removed
}

// DecodeQuoted decodes a quoted string as written (quotes included): the
// escapes \n, \r, \t, \" and \\ are decoded; any other backslash stays.
func DecodeQuoted(raw string) string {
	s := raw
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		switch s[i+1] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case '"':
			b.WriteByte('"')
		case '\\':
			b.WriteByte('\\')
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i+1])
		}
		i++
	}
	return b.String()
}

func (p *parser) finishText(t *Text) {
	t.Raw = strings.TrimSpace(p.text(t.Span()))
}

// finishNoteText decodes a note's text: quoted text has its escapes
// decoded; unquoted text is kept as written (OWM neither collapses its
// spaces nor decodes it).
func (p *parser) finishNoteText(t *NoteText) {
	t.Raw = p.text(t.Span())
	if t.Parts[0].Kind == String {
		t.Quoted = true
		t.Value = DecodeQuoted(p.tokText(t.Parts[0]))
		if len(t.Parts) > 1 {
			p.diags.Add(diag.Warningf(p.f.Range(spanOfToks(t.Parts[1:])), "ignored-text", "OWM ignores the text after a quoted note").
				WithSuggestion("put it inside the quotes, or remove it"))
		}
		return
	}
	if strings.HasPrefix(t.Raw, `"`) {
		p.diags.Add(diag.Errorf(p.rangeOf(t.Parts[0]), "unclosed-quote", "quoted text is not closed").
			WithSuggestion("add the closing `\"`"))
		t.Value = strings.TrimSpace(t.Raw[1:])
		return
	}
	t.Value = t.Raw
}

// finishList splits a bracket list into its elements and reads each
// element as a number, as OWM does (whitespace inside is ignored).
func (p *parser) finishList(l *List) {
	if len(l.Items) == 0 {
		return
	}
	a := p.fast.a
	// Nested lists stack their elements above their parent's.
	bottom := len(p.elemBuf)
	var cur *Elem
	first, last := -1, -1 // the items holding cur's value tokens
	flush := func(at int) {
		if cur == nil {
			cur = a.elems.New()
			cur.setSpan(Span{at, at})
		}
		if first >= 0 {
			lastToks := l.Items[last].Value
			cur.setSpan(Span{int(l.Items[first].Value[0].Pos), int(lastToks[len(lastToks)-1].End)})
			cur.Text = stripSpaces(p.text(cur.Span()))
			cur.Num, cur.NumOK, _ = ParseFloat(cur.Text)
		}
		p.elemBuf = append(p.elemBuf, cur)
		cur, first, last = nil, -1, -1
	}
	for i, it := range l.Items {
		switch {
		case it.Comma:
			flush(it.Pos)
		case it.Sub != nil:
			p.finishList(it.Sub)
			cur = a.elems.New()
			cur.Sub = it.Sub
			cur.setSpan(it.Sub.Span())
		default:
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	flush(l.End - 1)
	l.Elems = a.elemPtrs.copy(p.elemBuf[bottom:])
	p.elemBuf = p.elemBuf[:bottom]
}

func stripSpaces(s string) string {
	if strings.IndexByte(s, ' ') < 0 && strings.IndexByte(s, '\t') < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' {
			return -1
		}
		return r
	}, s)
}

// checkNumbers reports each element of l that is not a number.
func (p *parser) checkNumbers(l *List) {
	// Prose in brackets (`[Inertia: high, no APIs]`) is one mistake, not
	// one per comma; OWM reads it silently, into its default position.
	for _, e := range l.Elems {
		if e.Sub == nil && !e.NumOK && isProse(p.text(e.Span())) {
			l.Malformed = true
			text := p.text(l.Span())
			if r := []rune(text); len(r) > 40 {
				text = string(r[:37]) + "..."
			}
			p.diags.Add(diag.Warningf(p.rangeOf(l), "text-in-brackets", "`%s` is text, not numbers: OWM reads no position from it", text).
				WithSuggestion("write coordinates as `[visibility, maturity]`; put text in the name or a note"))
			return
		}
	}
	// Numbers without a comma between them: `[0.52 0.80]`.
	for _, e := range l.Elems {
		if e.Sub != nil {
			continue
		}
		raw := p.text(e.Span())
		if strings.IndexByte(raw, ' ') < 0 && strings.IndexByte(raw, '\t') < 0 {
			continue
		}
		if f := strings.Fields(raw); len(f) > 1 && allNumbers(f) {
			l.Malformed = true
			var parts []string
			for _, e := range l.Elems {
				parts = append(parts, strings.Join(strings.Fields(p.text(e.Span())), ", "))
			}
			fixed := "[" + strings.Join(parts, ", ") + "]"
			p.diags.Add(diag.Errorf(p.rangeOf(e), "missing-comma", "missing comma between the numbers `%s`", p.text(e.Span())).
				WithSuggestion("write `%s`", fixed).WithFix(p.rangeOf(l), fixed))
			return
		}
	}
	for _, e := range l.Elems {
		switch {
		case e.Sub != nil:
			p.diags.Add(diag.Errorf(p.rangeOf(e), "invalid-number", "expected a number, not a nested list"))
		case e.Text == "":
			p.diags.Add(diag.Errorf(p.rangeOf(e), "invalid-number", "missing number").
				WithSuggestion("write a number between the commas"))
		case !e.NumOK:
			p.diags.Add(diag.Errorf(p.rangeOf(e), "invalid-number", "`%s` is not a number", e.Text))
		case math.IsInf(e.Num, 0):
			p.diags.Add(diag.Errorf(p.rangeOf(e), "invalid-number", "`%s` is not a finite number", e.Text))
		default:
			if _, _, whole := ParseFloat(e.Text); !whole {
				num := strings.TrimRight(e.Text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ%;:!?'\"")
				p.diags.Add(diag.Warningf(p.rangeOf(e), "number-suffix", "`%s` is not a number: OWM reads it as %s", e.Text, jsnum.Format(e.Num)).
					WithSuggestion("write `%s`", num))
			}
		}
	}
}

func allNumbers(fields []string) bool {
	for _, f := range fields {
		if !isNumber(f) {
			return false
		}
	}
	return true
}

// isProse reports text with words separated by spaces.
func isProse(s string) bool {
	letter := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			letter = true
		case (c == ' ' || c == '\t') && letter:
			return strings.TrimSpace(s[i:]) != ""
		}
	}
	return false
}

// checkCount reports a list with the wrong number of elements.
func (p *parser) checkCount(l *List, min, max int, what, example string) bool {
	n := len(l.Elems)
	if n >= min && (max < 0 || n <= max) {
		return true
	}
	p.diags.Add(diag.Errorf(p.rangeOf(l), "wrong-count", "%s needs %s, got %d", what, example, n))
	return false
}

func (p *parser) finishComponent(s *Component, child bool) {
	what := p.f.Keyword(s.Keyword)
	if child {
		what = "pipeline child"
	}
	p.requireName(s.Name, s.Keyword, what)
	var junk []Tok
	flushJunk := func() {
		if junk != nil {
			p.junk(junk, "here")
			junk = nil
		}
	}
	for _, it := range s.Items {
		if it.Junk != nil {
			junk = append(junk, *it.Junk)
			continue
		}
		flushJunk()
		switch {
		case it.Coords != nil:
			p.finishList(it.Coords)
			p.checkNumbers(it.Coords)
		case it.Label != nil:
			p.finishList(it.Label.Offset)
			p.checkNumbers(it.Label.Offset)
			p.checkCount(it.Label.Offset, 2, 2, "a label offset", "two numbers, as in `label [5, -10]`")
		case it.Decorators != nil:
			p.finishDecorators(it.Decorators)
		}
	}
	flushJunk()
}

func (p *parser) finishDecorators(d *DecoratorSet) {
	raw := p.tokText(d.Raw)
	base := int(d.Raw.Pos)
	for i := 0; i < len(raw); {
		if raw[i] < 'a' || raw[i] > 'z' {
			i++
			continue
		}
		j := i
		for j < len(raw) && raw[j] >= 'a' && raw[j] <= 'z' {
			j++
		}
		d.Words = append(d.Words, Decorator{Word: raw[i:j], node: node{base + i, base + j}})
		i = j
	}
}

// junk reports tokens that mean nothing where they stand: OWM ignores
// them, which is rarely what the author meant.
func (p *parser) junk(toks []Tok, where string) {
	if len(toks) == 0 {
		return
	}
	r := spanOfToks(toks)
	text := p.text(r)
	d := diag.Warningf(p.f.Range(r), "ignored-text", "OWM ignores `%s` %s", text, where)
	word := strings.Trim(text, "()[] ")
	if s := diag.Suggest(word, []string{"label", "inertia", "build", "buy", "outsource", "market", "ecosystem"}); s != "" {
		switch s {
		case "label", "inertia":
			d = d.WithSuggestion("did you mean `%s`?", s)
		default:
			d = d.WithSuggestion("did you mean `(%s)`?", s)
		}
	}
	p.diags.Add(d)
}

func (p *parser) finishEvolve(s *Evolve) {
	if s.Source == nil {
		p.diags.Add(diag.Errorf(p.after(s.Keyword, nil), "missing-name", "evolve has no component name").
			WithSuggestion("write `evolve Name 0.8`"))
	} else {
		if n := len(s.Source.Parts); s.Arrow != nil && s.Target == nil && s.Maturity != nil && n > 1 && s.Source.Parts[n-1].Kind == Number {
			from := s.Source.Parts[n-1]
			s.From = &from
			s.Source.Parts = s.Source.Parts[:n-1]
			s.Source.setSpan(spanOfToks(s.Source.Parts))
			r := p.f.Range(Span{int(from.Pos), int(s.Maturity.End)})
			p.diags.Add(diag.Warningf(r, "compat-evolve-range", "OWM reads `%s` as the target maturity and ignores `->%s`", p.tokText(from), p.tokText(*s.Maturity)).
				WithSuggestion("write only the target: `evolve %s %s`", p.text(s.Source.Span()), p.tokText(*s.Maturity)))
		}
		s.Source.Raw, s.Source.Quoted, s.Source.Value = p.nameValue(s.Source.Parts, true)
	}
	if s.Target != nil {
		s.Target.Raw, s.Target.Quoted, s.Target.Value = p.nameValue(s.Target.Parts, true)
	} else if s.Arrow != nil && s.From == nil {
		p.diags.Add(diag.Warningf(p.rangeOf(*s.Arrow), "missing-rename", "`->` without the evolved name").
			WithSuggestion("write `evolve %s->New Name 0.8`, or remove `->`", p.evolveNameOr(s.Source)))
	}
	if s.Maturity == nil {
		// `evolve X (buy) 0.8`: the maturity after the decorators.
		for _, it := range s.Items {
			if it.Maturity != nil {
				s.Maturity = it.Maturity
			}
		}
	}
	if s.Maturity == nil {
		d := diag.Warningf(p.after(s.Keyword, lastNode(s.Source, s.Target)), "missing-maturity",
			"evolve has no maturity: OWM evolves to 0.85").
			WithSuggestion("write the target maturity, as in `evolve %s 0.85`", p.evolveNameOr(s.Source))
		// `evolve Kettle 62`: a percentage, most likely.
		if n := lastNode(s.Source, s.Target); n != nil {
			parts := n.(*EvolveName).Parts
			if last := p.tokText(parts[len(parts)-1]); len(parts) > 1 && len(last) == 2 && last[0] >= '1' && last[0] <= '9' && last[1] >= '0' && last[1] <= '9' {
				d = d.WithSuggestion("did you mean `0.%s`? maturities go from 0 to 1", last)
			}
		}
		p.diags.Add(d)
	}
	var junk []Tok
	for _, it := range s.Items {
		if it.Junk != nil {
			junk = append(junk, *it.Junk)
			continue
		}
		p.junk(junk, "here")
		junk = nil
		switch {
		case it.Coords != nil:
			p.finishList(it.Coords)
			p.diags.Add(diag.Warningf(p.rangeOf(it.Coords), "ignored-text", "OWM ignores coordinates on an evolve line: the evolved component keeps its visibility"))
		case it.Label != nil:
			p.finishList(it.Label.Offset)
			p.checkNumbers(it.Label.Offset)
			p.checkCount(it.Label.Offset, 2, 2, "a label offset", "two numbers, as in `label [5, -10]`")
		case it.Decorators != nil:
			p.finishDecorators(it.Decorators)
		}
	}
	p.junk(junk, "here")
}

func lastNode(a, b *EvolveName) Node {
	if b != nil {
		return b
	}
	if a != nil {
		return a
	}
	return nil
}

func (p *parser) evolveNameOr(n *EvolveName) string {
	if n == nil || n.Value == "" {
		return "Name"
	}
	return n.Value
}

func (p *parser) finishPipeline(s *Pipeline) {
	p.requireName(s.Name, s.Keyword, "pipeline")
	if s.Extent != nil {
		p.finishList(s.Extent)
		p.checkNumbers(s.Extent)
		if len(s.Extent.Elems) < 2 {
			p.diags.Add(diag.Errorf(p.rangeOf(s.Extent), "wrong-count", "a pipeline's extent needs two maturities, as in `[0.2, 0.8]`: OWM drops this pipeline"))
		}
	}
	if s.Open != nil {
		p.diags.Add(diag.Warningf(p.rangeOf(*s.Open), "compat-pipeline-brace",
			"OWM does not read a `{` at the end of the pipeline line: its children become components").
			WithSuggestion("put `{` on its own line"))
	}
	p.junk(s.Junk, "after the pipeline")
}

func (p *parser) finishAnnotation(s *Annotation) {
	if s.Number == nil {
		p.diags.Add(diag.Errorf(p.after(s.Keyword, nil), "invalid-number", "annotation has no number").
			WithSuggestion("write `annotation 1 [0.5, 0.5] text`"))
	} else {
		p.finishNoteText(s.Number)
		switch n, ok, whole := ParseInt(s.Number.Raw); {
		case s.Coords == nil && ok:
			// The number runs to the end of the line: the missing
			// coordinates are the problem (reported below).
		case !ok:
			p.diags.Add(diag.Errorf(p.rangeOf(s.Number), "invalid-number", "annotation number `%s` is not a whole number", strings.TrimSpace(s.Number.Raw)))
		case !whole:
			p.diags.Add(diag.Warningf(p.rangeOf(s.Number), "number-suffix", "annotation number `%s` is not a whole number: OWM reads it as %d", strings.TrimSpace(s.Number.Raw), n).
				WithSuggestion("write `%d`", n))
		}
	}
	if s.Coords == nil {
		p.diags.Add(diag.Warningf(p.span(s), "missing-coordinates", "annotation has no coordinates: OWM does not draw it").
			WithSuggestion("add `[visibility, maturity]` after the number"))
	} else {
		p.finishList(s.Coords)
		nested := len(s.Coords.Elems) > 0 && s.Coords.Elems[0].Sub != nil
		if nested {
			for _, e := range s.Coords.Elems {
				if e.Sub == nil {
					p.diags.Add(diag.Errorf(p.rangeOf(e), "invalid-number", "expected a `[visibility, maturity]` pair"))
					continue
				}
				p.checkNumbers(e.Sub)
			}
		} else {
			p.checkNumbers(s.Coords)
		}
	}
	if s.Text != nil {
		p.finishText(s.Text)
	}
}

func (p *parser) finishEvolution(s *Evolution) {
	var cur []Tok
	first := true
	flush := func(at int) {
		st := Stage{node: node{at, at}}
		if first && len(cur) > 0 && p.tokText(cur[0]) == "--hide" {
			s.Hide = true
			cur = cur[1:]
		}
		if len(cur) > 0 {
			st.setSpan(spanOfToks(cur))
			st.Text = strings.TrimSpace(p.text(st.Span()))
		}
		if !(first && s.Hide && len(cur) == 0) {
			s.Stages = append(s.Stages, st)
		}
		first = false
		cur = nil
	}
	for _, part := range s.Parts {
		if part.Arrow != nil {
			flush(int(part.Arrow.Pos))
			continue
		}
		cur = append(cur, part.Text...)
	}
	if len(s.Parts) > 0 {
		flush(s.End)
	}
	if s.Hide && len(s.Stages) == 0 {
		return
	}
	if len(s.Stages) != 4 {
		p.diags.Add(diag.Errorf(p.span(s), "wrong-count", "evolution needs 4 stage labels, got %d", len(s.Stages)).
			WithSuggestion("write `evolution Genesis->Custom-Built->Product->Commodity`"))
	}
}

func (p *parser) finishLink(s *Link) {
	if s.Start != nil {
		p.finishLinkEnd(s.Start)
	}
	if s.End != nil {
		p.finishLinkEnd(s.End)
	}
	op := p.tokText(s.Op)
	if strings.HasPrefix(op, "+'") {
		if len(op) < 4 || !(strings.HasSuffix(op, "'>") || strings.HasSuffix(op, "'<") || strings.HasSuffix(op, "'<>")) {
			p.diags.Add(diag.Errorf(p.rangeOf(s.Op), "unclosed-flow-value", "flow value is not closed").
				WithSuggestion("write `A+'value'>B`"))
		} else {
			v := op[2:]
			switch {
			case strings.HasSuffix(v, "'<>"):
				v = v[:len(v)-3]
			default:
				v = v[:len(v)-2]
			}
			s.FlowValue = v
		}
	}
	switch {
	case s.Start == nil && s.End == nil:
		p.diags.Add(diag.Errorf(p.rangeOf(s.Op), "missing-link-end", "link has neither a start nor an end"))
	case s.Start == nil:
		p.diags.Add(diag.Warningf(p.rangeOf(s.Op), "incomplete-link", "link has no start: it is not drawn").
			WithSuggestion("write the name of a component before `%s`", op))
	case s.End == nil:
		p.diags.Add(diag.Warningf(p.rangeOf(s.Op), "incomplete-link", "link has no end: it is not drawn").
			WithSuggestion("write the name of a component after `%s`", op))
	}
	if len(s.More) > 0 {
		r := spanOfToks(s.More)
		d := diag.Warningf(p.f.Range(r), "link-chain", "OWM ignores `%s`: a link joins two names", p.text(r))
		if s.End != nil && len(s.More) > 1 && s.More[0].Kind == Op {
			d = d.WithSuggestion("write `%s%s` on a line of its own", s.End.Raw, p.text(r))
		}
		p.diags.Add(d)
	}
	if s.Context != nil {
		p.finishText(s.Context)
	}
	p.checkLinkStart(s)
}

// finishLinkEnd decodes a link end as OWM does: trimmed, quotes removed
// when the end both starts and ends with one, escapes decoded (also
// `\[` and `\]`), whitespace kept as written.
func (p *parser) finishLinkEnd(e *LinkEnd) {
	e.Raw = p.text(e.Span())
	v := e.Raw
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		e.Quoted = true
		v = v[1 : len(v)-1]
	}
	if strings.Contains(v, `\`) {
		var b strings.Builder
		for i := 0; i < len(v); i++ {
			if v[i] == '\\' && i+1 < len(v) {
				switch v[i+1] {
				case 'n':
					b.WriteByte('\n')
					i++
					continue
				case 'r':
					b.WriteByte('\r')
					i++
					continue
				case 't':
					b.WriteByte('\t')
					i++
					continue
				case '"', '\\', '[', ']':
					b.WriteByte(v[i+1])
					i++
					continue
				}
			}
			b.WriteByte(v[i])
		}
		v = b.String()
	}
	e.Value = v
}

// reservedPrefixes are the words OWM's link scanner refuses as the start
// of a line (a plain prefix test: `buyer->seller` is refused too).
var reservedPrefixes = []string{
	"evolution", "valuechain", "anchor", "evolve", "component", "style", "build", "buy", "outsource", "title",
	"annotation", "annotations", "pipeline", "note", "pioneers", "settlers", "townplanners", "submap", "url",
	"{", "}", "accelerator", "deaccelerator", "size",
}

// checkLinkStart warns about the links OWM silently drops: those whose line
// starts with a keyword (as a prefix: `notes->x`), and those holding a
// method decorator such as `(build)`.
func (p *parser) checkLinkStart(s *Link) {
	line := p.text(s.Span())
	if line == "" {
		return
	}
	switch line[0] {
	case 'e', 'v', 'a', 'c', 's', 'b', 'o', 't', 'p', 'n', 'u', '{', '}', 'd':
		for _, kw := range reservedPrefixes {
			if strings.HasPrefix(line, kw) {
				d := diag.Warningf(p.rangeOf(s), "compat-link-keyword",
					"OWM ignores this link: its first name begins with the keyword `%s`", kw)
				if s.Start != nil && !s.Start.Quoted {
					d = d.WithSuggestion("quote the name: `\"%s\"`", s.Start.Value).WithFix(p.rangeOf(s.Start), `"`+s.Start.Raw+`"`)
				}
				p.diags.Add(d)
				return
			}
		}
	case 'y':
		if strings.HasPrefix(line, "y-axis") && s.Start != nil {
			p.diags.Add(diag.Warningf(p.rangeOf(s), "removed-y-axis",
				"`y-axis` labels were removed from OWM: this line is read as a link from `%s`", s.Start.Value).
				WithSuggestion("remove the line: the value chain axis is always labelled \"Value Chain\""))
			return
		}
	}
	if strings.IndexByte(line, '(') < 0 {
		return
	}
	for _, w := range []string{"(build)", "(buy)", "(outsource)"} {
		if strings.Contains(line, w) {
			p.diags.Add(diag.Warningf(p.rangeOf(s), "compat-link-keyword", "OWM ignores a link line that contains `%s`", w))
			return
		}
	}
}
