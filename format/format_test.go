package format

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/internal/gen"
	"github.com/wardley-maps/wardley/internal/testshared"
	"github.com/wardley-maps/wardley/model"
	"github.com/wardley-maps/wardley/parser"
)

var update = flag.Bool("update", false, "rewrite golden files")

func format(t testing.TB, name string, src []byte) []byte {
	t.Helper()
	f, _ := parser.Parse(name, src)
	return Source(f)
}

// TestGolden runs testdata/*.txtar: each NAME.in is formatted and compared
// with NAME.out. `go test ./format -update` rewrites the .out files.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no test cases")
	}
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		changed := false
		for _, in := range ar.Files {
			base, ok := strings.CutSuffix(in.Name, ".in")
			if !ok {
				continue
			}
			t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar")+"/"+base, func(t *testing.T) {
				got := format(t, in.Name, in.Data)
				i := slices.IndexFunc(ar.Files, func(f txtar.File) bool { return f.Name == base+".out" })
				if i < 0 {
					t.Fatalf("no %s.out", base)
				}
				if !bytes.Equal(got, ar.Files[i].Data) {
					if *update {
						ar.Files[i].Data = got
						changed = true
						return
					}
					t.Errorf("formatted text differs:\n%s", diff.Diff("want", ar.Files[i].Data, "got", got))
				}
				checkFormatted(t, in.Name, in.Data, got)
			})
		}
		if changed {
			if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// checkFormatted asserts the two properties every output must have: it
// is its own canonical form, and it compiles to the same map.
func checkFormatted(t *testing.T, name string, src, got []byte) {
	t.Helper()
	if again := format(t, name, got); !bytes.Equal(again, got) {
		t.Errorf("not idempotent:\n%s", diff.Diff("once", got, "twice", again))
	}
	if a, b := modelOf(t, src), modelOf(t, got); a != b {
		t.Errorf("formatting changed the map:\n%s", diff.Diff("written", []byte(a), "formatted", []byte(b)))
	}
}

// modelOf is the compiled map as JSON, without the line numbers (blank
// lines removed by formatting move them), followed by the errors' codes.
func modelOf(t testing.TB, src []byte) string {
	t.Helper()
	m, diags := model.CompileSource("map.owm", src)
	js, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(js, &v); err != nil {
		t.Fatal(err)
	}
	dropLines(v)
	out, _ := json.MarshalIndent(v, "", " ")
	var errs []string
	for _, d := range diags {
		if d.Severity == diag.Error {
			errs = append(errs, d.Code)
		}
	}
	slices.Sort(errs)
	return string(out) + "\nerrors: " + strings.Join(errs, " ") + "\n"
}

func dropLines(v any) {
	switch x := v.(type) {
	case map[string]any:
		delete(x, "line")
		for _, e := range x {
			dropLines(e)
		}
	case []any:
		for _, e := range x {
			dropLines(e)
		}
	}
}

// TestCorpus formats every real map: the output is canonical (formatting
// it again changes nothing) and compiles to the same map as the original.
func TestCorpus(t *testing.T) {
	files := testshared.Corpus(t)
	examples, _ := filepath.Glob("../examples/*.owm")
	files = append(files, examples...)
	changed, kept := 0, 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := parser.Parse(file, src)
		p := &printer{f: f, src: f.Src}
		p.collect()
		changed += p.changed
		kept += p.kept
		got := Source(f)
		t.Run(filepath.Base(file), func(t *testing.T) { checkFormatted(t, file, src, got) })
	}
	t.Logf("%d maps: %d statements reformatted, %d left as written because reformatting would change them", len(files), changed, kept)
}

// TestExamplesFormatted keeps the example maps in the canonical form: the
// README tells users to run `wardley fmt`, so ours must be formatted.
func TestExamplesFormatted(t *testing.T) {
	examples, _ := filepath.Glob("../examples/*.owm")
	if len(examples) == 0 {
		t.Fatal("no examples")
	}
	for _, file := range examples {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if got := format(t, file, src); !bytes.Equal(got, src) {
			t.Errorf("%s is not formatted (run `go run ./cmd/wardley fmt -w examples`):\n%s", file, diff.Diff("written", src, "formatted", got))
		}
	}
}

func TestLineEndingsAndBOM(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"crlf", "title  T\r\n\r\n\r\ncomponent A [0.5,0.5] // c\r\n", "title T\r\n\r\ncomponent A [0.5, 0.5] // c\r\n"},
		{"lf", "title  T\ncomponent A [0.5,0.5]", "title T\ncomponent A [0.5, 0.5]\n"},
		{"no final newline", "component A [0.5,0.5]", "component A [0.5, 0.5]\n"},
		{"bom", "\uFEFFtitle  T\n", "\uFEFFtitle T\n"},
		{"empty", "", ""},
		{"blank", "\n \n\t\n", ""},
		{"crlf block comment", "/* a\r\n b */\r\nA->B\r\n", "/* a\r\n b */\r\nA->B\r\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := format(t, "map.owm", []byte(c.in))
			if string(got) != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
			checkFormatted(t, "map.owm", []byte(c.in), got)
		})
	}
}

// TestStrayBrace: text that belongs to no statement (a `}` without a
// block) makes the whole file stay as written, rather than lose it.
func TestStrayBrace(t *testing.T) {
	in := "component  A [0.5,0.5]\n}\n{\ncomponent B [0.2]\n}\n"
	if got := format(t, "map.owm", []byte(in)); string(got) != in {
		t.Errorf("got %q, want the input unchanged", got)
	}
}

// FuzzSource checks the printer's promises on any input: it never panics,
// its output is its own canonical form, and it compiles to the same map.
func FuzzSource(f *testing.F) {
	var seeds []string
	if d := testshared.Find(); d != "" {
		seeds, _ = filepath.Glob(filepath.Join(d, "corpus", "*.owm"))
	}
	for _, file := range seeds {
		if src, err := os.ReadFile(file); err == nil {
			f.Add(src)
		}
	}
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range ar.Files {
			f.Add(af.Data)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		got := format(t, "fuzz.owm", src)
		checkFormatted(t, "fuzz.owm", src, got)
	})
}

// BenchmarkSource formats generated maps of 10 to 10,000 components, as
// generated (mostly formatted already) and with every statement untidied
// (so that each one goes through the meaning check).
func BenchmarkSource(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 10000} {
		src := gen.Map(gen.Options{Components: n, Seed: 1})
		untidy := regexp.MustCompile(`(\[|, |->)`).ReplaceAll(src, []byte("$1 "))
		for _, c := range []struct {
			name string
			src  []byte
		}{{"tidy", src}, {"untidy", untidy}} {
			f, _ := parser.Parse("bench.owm", c.src)
			b.Run(fmt.Sprintf("%s/components=%d", c.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(c.src)))
				for b.Loop() {
					Source(f)
				}
			})
		}
	}
}

// TestParserCases formats the inputs of the parser's and the compiler's
// test cases: every statement form and every syntax error they know.
func TestParserCases(t *testing.T) {
	files, _ := filepath.Glob("../parser/testdata/*.txtar")
	more, _ := filepath.Glob("../model/testdata/*.txtar")
	files = append(files, more...)
	if len(files) == 0 {
		t.Fatal("no cases")
	}
	n := 0
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if !strings.HasSuffix(f.Name, ".owm") {
				continue
			}
			n++
			t.Run(filepath.Base(file)+"/"+f.Name, func(t *testing.T) {
				checkFormatted(t, f.Name, f.Data, format(t, f.Name, f.Data))
			})
		}
	}
	// One-statement maps of OWM parity cases, where there are some.
	parity, _ := filepath.Glob("../model/testdata/parity/*.owm")
	for _, file := range parity {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		n++
		t.Run(filepath.Base(file), func(t *testing.T) { checkFormatted(t, file, src, format(t, file, src)) })
	}
	if n == 0 {
		t.Fatal("no maps in the cases")
	}
}
