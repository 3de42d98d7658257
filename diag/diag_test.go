package diag

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLinesPos(t *testing.T) {
	src := []byte("title A\r\ncomponent B [0.5, 0.5]\n\nlast")
	l := NewLines(src)
	if l.Count() != 4 {
		t.Fatalf("Count = %d, want 4", l.Count())
	}
	cases := []struct {
		off        int
		line, col  int
		wantOffset int
	}{
		{0, 1, 1, 0}, {6, 1, 7, 6}, {9, 2, 1, 9}, {19, 2, 11, 19}, {32, 3, 1, 32}, {33, 4, 1, 33},
		{-3, 1, 1, 0}, {999, 4, 5, len(src)},
	}
	for _, c := range cases {
		p := l.Pos(c.off)
		if p.Line != c.line || p.Column != c.col || p.Offset != c.wantOffset {
			t.Errorf("Pos(%d) = %+v, want line %d col %d offset %d", c.off, p, c.line, c.col, c.wantOffset)
		}
	}
	if got := l.Line(1); got != "title A" {
		t.Errorf("Line(1) = %q (the \\r must go)", got)
	}
	if got := l.Line(4); got != "last" {
		t.Errorf("Line(4) = %q", got)
	}
	if got := l.Line(5); got != "" {
		t.Errorf("Line(5) = %q, want empty", got)
	}
	if got := l.LineStart(2); got != 9 {
		t.Errorf("LineStart(2) = %d", got)
	}
}

func TestSortDedup(t *testing.T) {
	l := NewLines([]byte("aaaa\nbbbb\n"))
	var list List
	list.Add(Warningf(l.Range(6, 7), "w", "second line"))
	list.Add(Errorf(l.Range(1, 2), "e", "first line"))
	list.Add(Warningf(l.Range(1, 2), "w", "first line warning"))
	list.Add(Errorf(l.Range(1, 2), "e", "first line"))
	list.Sort()
	var got []string
	for _, d := range list {
		got = append(got, d.Error())
	}
	want := []string{"1:2: error: first line", "1:2: warning: first line warning", "2:2: warning: second line"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sorted = %q, want %q", got, want)
	}
	if !list.HasErrors() {
		t.Error("HasErrors = false")
	}
	if e, w := list.Count(); e != 1 || w != 2 {
		t.Errorf("Count = %d, %d", e, w)
	}
	if list[2:].Err() != nil {
		t.Error("a list of warnings must not be an error")
	}
	if err := list.Err(); err == nil || !strings.Contains(err.Error(), "first line") {
		t.Errorf("Err = %v", err)
	}
}

func TestSuggest(t *testing.T) {
	kw := []string{"title", "component", "anchor", "annotation", "annotations", "evolve", "note", "pipeline", "style"}
	cases := map[string]string{
		"componnet": "component", "compnent": "component", "Component": "component", "anhcor": "anchor",
		"evolv": "evolve", "x": "", "foo": "", "stlye": "style", "annotatoin": "annotation",
	}
	for in, want := range cases {
		if got := Suggest(in, kw); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Suggest("Kettel", []string{"Kettle", "Kernel"}); got != "Kettle" {
		t.Errorf("Suggest(Kettel) = %q", got)
	}
}

func TestWriteText(t *testing.T) {
	src := "title T\n\tcomponnet Kettle [0.4, 0.5]\ncomponent Tea\n"
	f := NewFile("map.owm", []byte(src))
	list := List{
		Errorf(f.Lines.Range(9, 18), "unknown-keyword", "unknown keyword `componnet`").WithSuggestion("did you mean `component`?"),
		Warningf(f.Lines.Range(50, 50), "missing-coordinates", "component `Tea` has no coordinates"),
	}
	var b bytes.Buffer
	if err := WriteText(&b, Report{File: f, List: list}, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "map.owm:2:2: error: unknown keyword `componnet` [unknown-keyword]\n" +
		" 2 | \tcomponnet Kettle [0.4, 0.5]\n" +
		"   | \t^~~~~~~~~\n" +
		"   = did you mean `component`?\n" +
		"map.owm:3:14: warning: component `Tea` has no coordinates [missing-coordinates]\n" +
		" 3 | component Tea\n" +
		"   |              ^\n"
	if b.String() != want {
		t.Errorf("text output:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	_ = WriteText(&b, Report{File: f, List: list[:1]}, TextOptions{Color: true})
	if !strings.Contains(b.String(), "\x1b[1;31merror\x1b[0m") {
		t.Errorf("coloured output lacks a red error: %q", b.String())
	}
}

func TestWriteTextHidesControls(t *testing.T) {
	src := "component A\u202eB [0.5, 0.5] x\n"
	f := NewFile("m.owm", []byte(src))
	d := Errorf(f.Lines.Range(len(src)-2, len(src)-1), "c", "m")
	var b bytes.Buffer
	_ = WriteText(&b, Report{File: f, List: List{d}}, TextOptions{})
	if strings.ContainsRune(b.String(), '\u202e') {
		t.Errorf("bidi override reached the output: %q", b.String())
	}
	lines := strings.Split(b.String(), "\n")
	if col(lines[1], "x") != col(lines[2], "^") {
		t.Errorf("caret misaligned:\n%s\n%s", lines[1], lines[2])
	}
}

// TestMessagesHideControls: messages and suggestions quote names from the
// map, and link ends keep their control characters (as in OWM), so an
// escape sequence in a map must not reach the terminal through them, nor
// through a file name, nor through GitHub's log.
func TestMessagesHideControls(t *testing.T) {
	src := "A\x1b]0;pwned\x07\u202e->B\n"
	f := NewFile("m\x1b[2J.owm", []byte(src))
	d := Warningf(f.Lines.Range(0, 1), "unknown-link-end", "link end `%s` names no component", src[:len(src)-4]).
		WithSuggestion("did you mean `B\u2066\x1b[31m`?")
	for _, format := range []string{"text", "github"} {
		var b bytes.Buffer
		if format == "text" {
			_ = WriteText(&b, Report{File: f, List: List{d}}, TextOptions{})
		} else {
			_ = WriteGitHub(&b, []Report{{File: f, List: List{d}}})
		}
		out := b.String()
		if strings.ContainsAny(out, "\x1b\x07\u202e\u2066") {
			t.Errorf("%s: a control or bidi character reached the output: %q", format, out)
		}
		if !strings.Contains(out, "link end `A\uFFFD]0;pwned\uFFFD\uFFFD` names no component") {
			t.Errorf("%s: the message is not shown with its hidden characters marked: %q", format, out)
		}
	}
}

func TestWriteJSONAndGitHub(t *testing.T) {
	f := NewFile("dir/a,b.owm", []byte("foo\n"))
	list := List{Errorf(f.Lines.Range(0, 3), "unknown-statement", "cannot read `foo`: %s", "100%\nsure").WithSuggestion("did you mean `note`?")}
	var b bytes.Buffer
	if err := WriteJSON(&b, []Report{{File: f, List: list}}); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0]["severity"] != "error" || got[0]["line"] != 1.0 || got[0]["endColumn"] != 4.0 ||
		got[0]["file"] != "dir/a,b.owm" || got[0]["code"] != "unknown-statement" {
		t.Errorf("json = %v", got)
	}
	b.Reset()
	if err := WriteJSON(&b, nil); err != nil || strings.TrimSpace(b.String()) != "[]" {
		t.Errorf("empty json = %q, %v", b.String(), err)
	}
	b.Reset()
	_ = WriteGitHub(&b, []Report{{File: f, List: list}})
	want := "::error file=dir/a%2Cb.owm,line=1,col=1,endLine=1,endColumn=4,title=unknown-statement::cannot read `foo`: 100%25%0Asure (did you mean `note`?)\n"
	if b.String() != want {
		t.Errorf("github = %q\nwant     %q", b.String(), want)
	}
}

// col is the rune column of the last occurrence of sub in s.
func col(s, sub string) int { return len([]rune(s[:strings.LastIndex(s, sub)])) }

// TestLongLinesShortened: a hostile map's line can be 64 KiB long and a
// message can quote a name as long; the printer shows a window of each,
// with the caret still under the place it points at.
func TestLongLinesShortened(t *testing.T) {
	name := strings.Repeat("é", 5000)
	src := "component " + name + " x [0.5, 0.5] " + strings.Repeat("y", 5000) + "\n"
	f := NewFile("m.owm", []byte(src))
	at := strings.Index(src, " x ") + 1
	d := Errorf(f.Lines.Range(at, at+1), "c", "`%s` is odd", name).WithSuggestion("rename `%s`", name)
	var b bytes.Buffer
	_ = WriteText(&b, Report{File: f, List: List{d}}, TextOptions{})
	lines := strings.Split(b.String(), "\n")
	for _, l := range lines {
		if len(l) > 2*maxShown {
			t.Errorf("line of %d bytes printed: %.80q…", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("invalid UTF-8 printed: %q", l)
		}
	}
	if col(lines[1], "x") != col(lines[2], "^") {
		t.Errorf("caret misaligned:\n%s\n%s", lines[1], lines[2])
	}
	if !strings.Contains(lines[1], "…") || !strings.Contains(lines[0], " … ") {
		t.Errorf("the cuts are not marked:\n%s\n%s", lines[0], lines[1])
	}
}
