package format

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/model"
	"github.com/wardley-maps/wardley/parser"
)

// canonical prints one statement (without its comment) in the canonical
// form. ok is false for what must stay as written: a statement that did
// not parse, or one holding text that OWM ignores or reads in a way the
// AST does not spell out.
func (p *printer) canonical(st parser.Stmt) (string, bool) {
	var b strings.Builder
	word := func(s string) {
		if s == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	ok := true
	list := func(l *parser.List) {
		if l == nil {
			return
		}
		s, good := p.list(l)
		ok = ok && good
		word(s)
	}
	switch s := st.(type) {
	case *parser.Component:
		word(p.tok(s.Keyword))
		word(name(s.Name))
		items, good := p.items(s.Items)
		ok = ok && good
		word(items)
	case *parser.Evolve:
		if s.From != nil {
			return "", false
		}
		word(p.tok(s.Keyword))
		if s.Source != nil {
			word(evolveName(s.Source))
		}
		if s.Arrow != nil {
			if s.Source == nil {
				// `evolve->` would read as a link.
				b.WriteByte(' ')
			}
			b.WriteString("->")
			if s.Target != nil {
				b.WriteString(evolveName(s.Target))
			}
		}
		if s.Maturity != nil {
			word(number(p.tok(*s.Maturity)))
		}
		items, good := p.items(s.Items)
		ok = ok && good
		word(items)
	case *parser.Pipeline:
		if len(s.Junk) > 0 {
			return "", false
		}
		word(p.tok(s.Keyword))
		word(name(s.Name))
		list(s.Extent)
		if s.Open != nil {
			word("{")
		}
	case *parser.URL:
		if len(s.Junk) > 0 {
			return "", false
		}
		word(p.tok(s.Keyword))
		word(name(s.Name))
		if s.Address != nil {
			a := p.tok(*s.Address)
			word("[" + strings.TrimSpace(a[1:len(a)-1]) + "]")
		}
	case *parser.Note:
		if len(s.Junk) > 0 {
			return "", false
		}
		word(p.tok(s.Keyword))
		if s.Text != nil {
			word(s.Text.Raw)
		}
		list(s.Coords)
	case *parser.Annotation:
		word(p.tok(s.Keyword))
		if s.Number != nil {
			word(s.Number.Raw)
		}
		list(s.Coords)
		if s.Text != nil {
			word(s.Text.Raw)
		}
	case *parser.Annotations:
		if len(s.Junk) > 0 {
			return "", false
		}
		word(p.tok(s.Keyword))
		list(s.Coords)
	case *parser.Size:
		if len(s.Junk) > 0 {
			return "", false
		}
		word(p.tok(s.Keyword))
		list(s.Coords)
	case *parser.Attitude:
		word(p.tok(s.Keyword))
		list(s.Coords)
		if len(s.Rest) > 0 {
			// The old pixel width and height, kept as written.
			word(string(p.src[s.Rest[0].Pos:s.Rest[len(s.Rest)-1].End]))
		}
	case *parser.Accelerator:
		if len(s.Junk) > 0 {
			return "", false
		}
		word(p.tok(s.Keyword))
		word(name(s.Name))
		list(s.Coords)
	case *parser.Evolution:
		word(p.tok(s.Keyword))
		if s.Hide {
			word("--hide")
		}
		if len(s.Stages) > 0 {
			stages := make([]string, len(s.Stages))
			for i, st := range s.Stages {
				stages[i] = st.Text
			}
			word(strings.Join(stages, "->"))
		}
	case *parser.Title:
		word(p.tok(s.Keyword))
		if s.Text != nil {
			word(s.Text.Raw)
		}
	case *parser.Style:
		word(p.tok(s.Keyword))
		if s.Value != nil {
			word(s.Value.Raw)
		}
	case *parser.ValueChain:
		word(p.tok(s.Keyword))
		if s.Text != nil {
			word(s.Text.Raw)
		}
	case *parser.Method:
		word(p.tok(s.Keyword))
		word(name(s.Name))
	case *parser.Link:
		if len(s.More) > 0 {
			return "", false
		}
		if s.Start != nil {
			b.WriteString(s.Start.Raw)
		}
		b.WriteString(p.tok(s.Op))
		if s.End != nil {
			b.WriteString(s.End.Raw)
		}
		if s.Semi != nil {
			b.WriteByte(';')
			if s.Context != nil {
				word(s.Context.Raw)
			}
		}
	default:
		// BadStmt, and anything this printer does not know.
		return "", false
	}
	return b.String(), ok
}

func (p *printer) tok(t parser.Tok) string { return string(p.src[t.Pos:t.End]) }

// Modifier ranks: the canonical order of what follows a name.
const (
	rankCoords = iota
	rankLabel
	rankDecorators
	rankInertia
	rankURL
	rankEvolve
)

// items prints the modifiers of a component, submap, anchor or evolve line
// in the canonical order. Text that OWM ignores (Junk) makes the line
// stay as written.
func (p *printer) items(items []*parser.Item) (string, bool) {
	type part struct {
		rank int
		text string
	}
	var parts []part
	var words []string
	inertia := false
	for _, it := range items {
		switch {
		case it.Junk != nil:
			return "", false
		case it.Coords != nil:
			s, ok := p.list(it.Coords)
			if !ok {
				return "", false
			}
			parts = append(parts, part{rankCoords, s})
		case it.Label != nil:
			s, ok := p.list(it.Label.Offset)
			if !ok {
				return "", false
			}
			parts = append(parts, part{rankLabel, p.tok(it.Label.Keyword) + " " + s})
		case it.Decorators != nil:
			for _, w := range it.Decorators.Words {
				if !slices.Contains(words, w.Word) {
					words = append(words, w.Word)
				}
			}
		case it.Inertia != nil:
			if !inertia {
				parts = append(parts, part{rankInertia, p.tok(*it.Inertia)})
			}
			inertia = true
		case it.URL != nil:
			parts = append(parts, part{rankURL, p.tok(*it.URL)})
		case it.Evolve != nil:
			s := p.tok(it.Evolve.Keyword)
			if it.Evolve.Maturity != nil {
				s += " " + p.tok(*it.Evolve.Maturity)
			}
			parts = append(parts, part{rankEvolve, s})
		default:
			return "", false
		}
	}
	if len(words) > 0 {
		parts = append(parts, part{rankDecorators, "(" + strings.Join(words, ", ") + ")"})
	}
	slices.SortStableFunc(parts, func(a, b part) int { return a.rank - b.rank })
	texts := make([]string, len(parts))
	for i, pt := range parts {
		texts[i] = pt.text
	}
	return strings.Join(texts, " "), true
}

// list prints a bracket list as `[a, b]`, nested lists alike.
func (p *printer) list(l *parser.List) (string, bool) {
	if len(l.Items) > 0 && len(l.Elems) == 0 {
		// The parser did not read this list's elements.
		return "", false
	}
	elems := make([]string, len(l.Elems))
	for i, e := range l.Elems {
		if e.Sub != nil {
			s, ok := p.list(e.Sub)
			if !ok {
				return "", false
			}
			elems[i] = s
			continue
		}
		if _, _, whole := parser.ParseFloat(e.Text); !whole || e.Text == "" {
			// Not a number: the list is text that the author should
			// see as written (an error says so).
			return "", false
		}
		elems[i] = number(e.Text)
	}
	return "[" + strings.Join(elems, ", ") + "]", true
}

// number normalises a number without changing its value or its digits:
// `.5` becomes `0.5`, `-.5` becomes `-0.5`, a leading `+` goes. Anything
// that is not wholly a number stays as written.
func number(s string) string {
	if _, ok, whole := parser.ParseFloat(s); !ok || !whole || strings.ContainsAny(s, " \t") {
		return s
	}
	s = strings.TrimPrefix(s, "+")
	switch {
	case strings.HasPrefix(s, "."):
		return "0" + s
	case strings.HasPrefix(s, "-."):
		return "-0" + s[1:]
	}
	return s
}

// name prints a name: quoted names as written, others with runs of spaces
// and tabs collapsed (OWM collapses them when it reads the name).
func name(n *parser.Name) string {
	if n == nil {
		return ""
	}
	if n.Quoted {
		return n.Raw
	}
	return collapse(n.Raw)
}

func evolveName(n *parser.EvolveName) string {
	if n.Quoted {
		return n.Raw
	}
	return collapse(n.Raw)
}

func collapse(s string) string {
	if !strings.Contains(s, "  ") && !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sameMeaning compiles a statement alone (inside a pipeline block when it
// is a block's child), as written and as printed, and reports whether the
// printed form means the same: the same compiled model, the same errors,
// and no warning that the written form did not have (a new warning would
// mean that OWM reads the line differently).
func sameMeaning(written, printed string, depth int) bool {
	a, b := meaning(written, depth), meaning(printed, depth)
	if a.model != b.model || !slices.Equal(a.errors, b.errors) {
		return false
	}
	for _, w := range b.warnings {
		if !slices.Contains(a.warnings, w) {
			return false
		}
	}
	return true
}

type compiled struct {
	model            string
	errors, warnings []string
}

func meaning(line string, depth int) compiled {
	src := line + "\n"
	if depth > 0 {
		src = "pipeline P\n{\n" + src + "}\n"
	}
	m, diags := model.CompileSource("", []byte(src))
	js, err := json.Marshal(m)
	if err != nil {
		// Cannot happen for a compiled map; refuse the change if it does.
		return compiled{model: "\x00" + line}
	}
	var c compiled
	c.model = string(js)
	for _, d := range diags {
		if d.Severity == diag.Error {
			c.errors = append(c.errors, d.Code)
		} else {
			c.warnings = append(c.warnings, d.Code)
		}
	}
	slices.Sort(c.errors)
	return c
}
