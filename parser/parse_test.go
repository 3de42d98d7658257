package parser

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/internal/diagtest"
	"github.com/wardley-maps/wardley/internal/testshared"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestParse runs every testdata/*.txtar case. A case has an `input.owm`
// file and the expected `ast` (see dump). Expected diagnostics are written
// in the input itself, as a trailing comment on the line they are about:
//
//	componnet Kettle [0.4, 0.5] // ERROR "unknown keyword `componnet`"
//	component A [2, 0.5]       // WARNING "outside the map" WARNING "another"
//
// (a regular expression per diagnostic, matched against "code: message").
// A case about comments themselves can instead hold a `diagnostics` file:
// the exact text output. `go test ./parser -update` rewrites `ast` and
// `diagnostics` from what the parser produced; read the diff.
func TestParse(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var src []byte
			for _, f := range ar.Files {
				if f.Name == "input.owm" {
					src = f.Data
				}
			}
			if src == nil {
				t.Fatal("no input.owm")
			}
			f, diags := Parse("input.owm", src)
			checkDiagRanges(t, f, diags)
			gotAST := dump(f)
			var b bytes.Buffer
			_ = diag.WriteText(&b, diag.Report{File: diag.File{Name: "input.owm", Lines: f.Lines}, List: diags}, diag.TextOptions{})
			gotDiags := b.String()
			changed := false
			hasDiagFile := false
			for i, af := range ar.Files {
				switch af.Name {
				case "ast":
					if string(af.Data) != gotAST {
						if *update {
							ar.Files[i].Data = []byte(gotAST)
							changed = true
						} else {
							t.Errorf("AST differs:\n--- got\n%s--- want\n%s", gotAST, af.Data)
						}
					}
				case "diagnostics":
					hasDiagFile = true
					if string(af.Data) != gotDiags {
						if *update {
							ar.Files[i].Data = []byte(gotDiags)
							changed = true
						} else {
							t.Errorf("diagnostics differ:\n--- got\n%s--- want\n%s", gotDiags, af.Data)
						}
					}
				}
			}
			if !hasDiagFile {
				checkInline(t, src, diags)
			}
			if changed {
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func checkInline(t *testing.T, src []byte, diags diag.List) { diagtest.CheckInline(t, src, diags) }

func checkDiagRanges(t testing.TB, f *File, diags diag.List) {
	t.Helper()
	diagtest.CheckRanges(t, f.Name, f.Src, diags)
}

// TestCorpusParses parses every corpus map: no panic, and every diagnostic
// has a valid range.
func TestCorpusParses(t *testing.T) {
	for _, file := range testshared.Corpus(t) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		f, diags := Parse(filepath.Base(file), src)
		checkDiagRanges(t, f, diags)
		if len(f.Stmts) == 0 {
			t.Errorf("%s: no statements", file)
		}
	}
}

func TestParseFloat(t *testing.T) {
	cases := []struct {
		in        string
		v         float64
		ok, whole bool
	}{
		{"0.5", 0.5, true, true}, {".5", 0.5, true, true}, {"-0.2", -0.2, true, true}, {"1e-1", 0.1, true, true},
		{"0.5abc", 0.5, true, false}, {"abc", 0, false, false}, {"", 0, false, false}, {"5.", 5, true, true},
		{"1e", 1, true, false}, {" 3", 3, true, true}, {"+2", 2, true, true}, {"-", 0, false, false}, {".", 0, false, false},
	}
	for _, c := range cases {
		v, ok, whole := ParseFloat(c.in)
		if ok != c.ok || whole != c.whole || (ok && v != c.v) {
			t.Errorf("ParseFloat(%q) = %v, %v, %v; want %v, %v, %v", c.in, v, ok, whole, c.v, c.ok, c.whole)
		}
	}
	if v, ok, _ := ParseFloat("Infinity"); !ok || v <= 1e308 {
		t.Errorf("ParseFloat(Infinity) = %v, %v", v, ok)
	}
	for in, want := range map[string]int{"7": 7, "7,": 7, "-3x": -3, " 12": 12} {
		if v, ok, _ := ParseInt(in); !ok || v != want {
			t.Errorf("ParseInt(%q) = %v, %v", in, v, ok)
		}
	}
	if _, ok, _ := ParseInt("x1"); ok {
		t.Error("ParseInt(x1) ok")
	}
}

func TestDecodeQuoted(t *testing.T) {
	for in, want := range map[string]string{
		`"a\nb"`: "a\nb", `"q\"q"`: `q"q`, `"b\\s"`: `b\s`, `"t\tx"`: "t\tx", `"keep\x"`: `keep\x`, `""`: "",
	} {
		if got := DecodeQuoted(in); got != want {
			t.Errorf("DecodeQuoted(%s) = %q, want %q", in, got, want)
		}
	}
}

func ExampleParse() {
	f, diags := Parse("tea.owm", []byte("title Tea\ncomponent Kettle [0.43, 0.35] (build)\ncomponnet Cup [0.8, 0.6]\n"))
	for _, st := range f.Stmts {
		fmt.Printf("%T\n", st)
	}
	for _, d := range diags {
		fmt.Println(d.Error(), "-", d.Suggestion)
	}
	// Output:
	// *parser.Title
	// *parser.Component
	// *parser.Component
	// 3:1: error: unknown keyword `componnet` - did you mean `component`?
}

// TestExactDecimal: the fast path of ParseFloat gives strconv's value, bit
// for bit, for every number it takes (signs, zeros, leading and trailing
// dots, 1 to 15 digits), and declines what it cannot read exactly.
func TestExactDecimal(t *testing.T) {
	var cases []string
	for _, s := range []string{"0", "-0", "+0", "0.5", ".5", "5.", "-.25", "0.1", "0.2", "0.3", "0.45",
		"0.7", "0.9999999999", "123456789012345", "1234567890.12345", "0.000000000000001",
		"-999999999999999", "0.123456789012345", "3.14159265358979", "1e5", "1.5e-3", "0x10", "1.2.3", "", "-", "."} {
		cases = append(cases, s)
	}
	// Random decimals of every length and dot position.
	seed := uint64(1)
	next := func() uint64 { seed = seed*6364136223846793005 + 1442695040888963407; return seed >> 33 }
	for range 20000 {
		n := 1 + int(next()%16)
		b := make([]byte, 0, n+2)
		if next()%3 == 0 {
			b = append(b, '-')
		}
		dot := int(next() % uint64(n+1))
		for k := range n {
			if k == dot {
				b = append(b, '.')
			}
			b = append(b, byte('0'+next()%10))
		}
		cases = append(cases, string(b))
	}
	taken := 0
	for _, s := range cases {
		v, ok := exactDecimal(s)
		if !ok {
			continue
		}
		taken++
		want, err := strconv.ParseFloat(s, 64)
		if err != nil || math.Float64bits(v) != math.Float64bits(want) {
			t.Errorf("exactDecimal(%q) = %v (%#x), strconv %v (%#x, %v)", s, v, math.Float64bits(v), want, math.Float64bits(want), err)
		}
	}
	for _, s := range []string{"1e5", "1.5e-3", "1234567890123456", "0.1234567890123456", "1.2.3", "", "-", ".", "Infinity"} {
		if _, ok := exactDecimal(s); ok {
			t.Errorf("exactDecimal(%q) took it", s)
		}
	}
	if taken < 15000 {
		t.Fatalf("only %d numbers took the fast path", taken)
	}
}
