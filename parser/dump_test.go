package parser

import (
	"fmt"
	"reflect"
	"strings"
)

// dump prints the AST of f for golden files: one node per line, indented,
// with positions as line:col-line:col and tokens as Kind"text". Zero
// fields are left out; so are the token-level duplicates of what a node
// already shows (a name's Parts when Raw says it, a list's Items when its
// Elems say it).
func dump(f *File) string {
	var b strings.Builder
	d := dumper{f: f, b: &b}
	for _, st := range f.Stmts {
		d.node(reflect.ValueOf(st), 0)
	}
	return b.String()
}

type dumper struct {
	f *File
	b *strings.Builder
}

var (
	tokType  = reflect.TypeOf(Tok{})
	spanType = reflect.TypeOf(Span{})
	nodeType = reflect.TypeOf(node{})
)

func (d *dumper) pos(s Span) string {
	r := d.f.Range(s)
	return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Column, r.End.Line, r.End.Column)
}

func (d *dumper) tok(t Tok) string {
	return fmt.Sprintf("%s%q", t.Kind, d.f.Src[t.Pos:t.End])
}

func (d *dumper) line(indent int, format string, args ...any) {
	fmt.Fprintf(d.b, "%s%s\n", strings.Repeat("  ", indent), fmt.Sprintf(format, args...))
}

// node prints a struct (or pointer to one) with its fields below it.
func (d *dumper) node(v reflect.Value, indent int) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	t := v.Type()
	head := t.Name()
	if n, ok := v.Addr().Interface().(Node); ok {
		head += " " + d.pos(n.Span())
	}
	// Compact forms for the small nodes.
	switch x := v.Addr().Interface().(type) {
	case *Item:
		// Transparent: show the one thing it holds.
		d.fields(v, indent)
		return
	case *Elem:
		if x.Sub == nil {
			num := "NaN"
			if x.NumOK {
				num = fmt.Sprint(x.Num)
			}
			d.line(indent, "%s %q = %s", head, x.Text, num)
			return
		}
	case *Name:
		d.line(indent, "%s", head+d.name(x.Raw, x.Quoted, x.Value))
		return
	case *EvolveName:
		d.line(indent, "%s", head+d.name(x.Raw, x.Quoted, x.Value))
		return
	case *LinkEnd:
		d.line(indent, "%s", head+d.name(x.Raw, x.Quoted, x.Value))
		return
	case *NoteText:
		d.line(indent, "%s", head+d.name(x.Raw, x.Quoted, x.Value))
		return
	case *Text:
		d.line(indent, "%s %q", head, x.Raw)
		return
	}
	d.line(indent, "%s", head)
	d.fields(v, indent+1)
}

func (d *dumper) name(raw string, quoted bool, value string) string {
	s := fmt.Sprintf(" %q", value)
	if quoted {
		s += " quoted"
	}
	if raw != value {
		s += fmt.Sprintf(" (raw %q)", raw)
	}
	return s
}

func (d *dumper) fields(v reflect.Value, indent int) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f, fv := t.Field(i), v.Field(i)
		if f.Anonymous {
			if f.Type == nodeType {
				continue
			}
			if fv.Kind() == reflect.Struct {
				d.fields(fv, indent)
			}
			continue
		}
		if !f.IsExported() || fv.IsZero() {
			continue
		}
		switch {
		case (f.Name == "Parts" && t.Name() != "StagePart") || (f.Name == "Items" && t.Name() == "List"):
			continue
		case f.Type == tokType:
			d.line(indent, "%s: %s", f.Name, d.tok(fv.Interface().(Tok)))
		case f.Type.Kind() == reflect.Pointer && f.Type.Elem() == tokType:
			d.line(indent, "%s: %s", f.Name, d.tok(fv.Elem().Interface().(Tok)))
		case f.Type.Kind() == reflect.Slice && f.Type.Elem() == tokType:
			var parts []string
			for j := 0; j < fv.Len(); j++ {
				parts = append(parts, d.tok(fv.Index(j).Interface().(Tok)))
			}
			d.line(indent, "%s: %s", f.Name, strings.Join(parts, " "))
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct && f.Type.Elem().Name() == "Stage":
			for j := 0; j < fv.Len(); j++ {
				st := fv.Index(j).Interface().(Stage)
				d.line(indent, "%s: %s %q", f.Name, d.pos(st.Span()), st.Text)
			}
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct && f.Type.Elem().Name() == "Decorator":
			for j := 0; j < fv.Len(); j++ {
				w := fv.Index(j).Interface().(Decorator)
				d.line(indent, "%s: %s %q", f.Name, d.pos(w.Span()), w.Word)
			}
		case f.Type.Kind() == reflect.Slice:
			d.line(indent, "%s:", f.Name)
			for j := 0; j < fv.Len(); j++ {
				d.node(fv.Index(j), indent+1)
			}
		case f.Type.Kind() == reflect.Pointer || f.Type.Kind() == reflect.Interface:
			if c, ok := fv.Interface().(*Comment); ok {
				d.line(indent, "%s: %s %q", f.Name, d.pos(c.Span()), c.Text)
				continue
			}
			d.line(indent, "%s:", f.Name)
			d.node(fv, indent+1)
		case f.Type.Kind() == reflect.Float64:
			d.line(indent, "%s: %v", f.Name, fv.Float())
		default:
			d.line(indent, "%s: %#v", f.Name, fv.Interface())
		}
	}
}
