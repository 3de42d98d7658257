package parser

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/internal/testshared"
)

// trickyLines are statements that exercise the corners of the grammar, for
// TestFastMatchesGrammar and as fuzzing seeds.
var trickyLines = []string{
	"component Kettle [0.43, 0.35] label [-57, 4] (build) inertia",
	"component A label [1,2]", "component X (market)", "component A[0.5,0.5]", "component [0.5, 0.5]",
	"component \"Two\\nLines\" [0.3, 0.3]", "component \"J [x]\" [0.2,0.2]", "component Half [0.4]",
	"component Bad [abc, 0.3]", "component B [0.5, 0.5] (buy, build)", "component I [0.5, 0.5] (inertia)",
	"component E [0.5, 0.5] evolve 0.8", "component E [0.5, 0.5] evolve", "component Organisational inertia [0.4, 0.5]",
	"component X inertia", "component X [0.5,0.5] foo bar", "component X [0.5, 0.5] (biuld)", "component X [",
	"component X [0.5", "component X [[0.1,0.2]]", "component X [0.5,] label [", "submap S [0.5, 0.5] url(ref)",
	"submap S url(http://x//y)", "anchor User [0.95, 0.5] label [1,2]", "market M [0.2,0.2]", "ecosystem E [0.2, 0.3]",
	"market research->customers", "build X", "buy  Some thing", "outsource", "A -> B", "A->B ; ctx ; more",
	"A->B->C", "A+>B", "A+<B", "A+<>B", "A+'$5'>B", "A+'x'<>B; c", "A+'x'<B", "A+'unclosed B", "\"Q A\"->B",
	"buyer->seller", "->", "A->", "->B", "A;B->C", "y-axis A->B", "foo bar", "Component Upper [0.2, 0.2]",
	"evolve Foo 1", "evolve Foo .5", "evolve A->B", "evolve \"S\" 0.7 label [1,2]", "evolve Web 2.0 Platform 0.8",
	"evolve Kettle->Electric Kettle 0.62 label [16, 5]", "evolve X 0.5 inertia", "evolve X 0.4->0.7",
	"evolve Customer 0.9 (market)", "evolve", "evolve AI 0.82 label Commoditizing", "evolve X [0.5] 0.8", "evolve X (buy) 0.8", "evolve X (buy) label [1, 2] 0.8",
	"note a b [0.1,0.1]", "note \"x\\ny\" [0.5,0.5]", "note [0.1, 0.2]", "note see [x] here [0.5,0.5]",
	"annotation 3 no coords", "annotation 2 [0.48, 0.85] Hot water", "annotation 1 [[0.4,0.5],[0.1,0.2]] T",
	"annotation 7,[0.76,0.515] Multiple, techniques", "annotations [0.97, 0.02]", "pioneers [0.95, 0.83] 120 30",
	"settlers [0.59, 0.43, 0.49, 0.63]", "townplanners", "  deaccelerator X [0.1,0.2]", "accelerator A",
	"pipeline X [0.3]", "pipeline X [0.2, 0.8]", "pipeline X {", "pipeline Kettle", "url x", "url x [https://a/b?c,d]",
	"url x [https://a] // c", "style Wardley", "style", "size [1200]", "size[800, 600]", "evolution A->B->C",
	"evolution --hide", "evolution --hide A->B->C->D", "evolution A->->C->D", "evolution A+>B", "valuechain --hide",
	"valuechain", "title", "title   The   Map  ", "title\tTab", "component\tTab [0.5,0.5]", "# hash", "inertia X",
	"label [1,2]", "{", "}", "{ component X [0.5]", "] x", "\"unclosed name [0.5, 0.5]",
	"component \"unclosed [0.5, 0.5]", "component A (market, buy) [0.5,0.5] label [1,2] inertia url(x) evolve 0.9",
	"note a } b [0.1,0.1]", "component A /* c */ [0.5, 0.5]", "A->B // comment", "component \u202eX [0.5,0.5]",
}

// TestFastMatchesGrammar checks that the fast path builds exactly the tree
// participle builds from the grammar, for every statement of the corpus
// and the tricky lines above; and that the fast path accepts every corpus
// statement participle accepts (else real maps would be parsed slowly).
func TestFastMatchesGrammar(t *testing.T) {
	var inputs []string
	for _, l := range trickyLines {
		inputs = append(inputs, l+"\n")
	}
	corpus := map[int]bool{}
	if dir := testshared.Find(); dir != "" {
		for _, file := range testshared.Corpus(t) {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			corpus[len(inputs)] = true
			inputs = append(inputs, string(b))
		}
	}
	for i, in := range inputs {
		compareParsers(t, []byte(in), corpus[i])
	}
}

// compareParsers parses every statement of src with both parsers
// (participle on every line: slowAlways).
func compareParsers(t *testing.T, src []byte, mustBeFast bool) {
	t.Helper()
	defer func(saved bool) { slowAlways = saved }(slowAlways)
	slowAlways = true
	s := scan(src)
	p := &parser{f: &File{Src: src}, src: src, str: s.str}
	p.f.Lines = newLinesForTest(src)
	p.fast = fast{toks: s.toks, src: src, a: &arena{}}
	for i := 0; i < len(s.toks); {
		t0 := s.toks[i]
		if t0.Kind == EOF {
			break
		}
		if t0.Kind == EOL || (t0.Kind == Punct && (src[t0.Pos] == '{' || src[t0.Pos] == '}')) {
			i++
			continue
		}
		f := fast{toks: s.toks, src: src, a: &arena{}}
		f.i = i
		fastSt := f.stmt()
		p.fast.i = i
		slowSt, err := p.slowStmt()
		line := lineText(src, int(t0.Pos))
		switch {
		case fastSt != nil && err != nil:
			t.Errorf("%q: the fast path accepts what the grammar rejects (%v)", line, err)
		case fastSt != nil && !reflect.DeepEqual(fastSt, slowSt):
			t.Errorf("%q: the trees differ:\nfast: %#v\ngrammar: %#v", line, fastSt, slowSt)
		case fastSt != nil && f.i != p.fast.i:
			t.Errorf("%q: the fast path stops at token %d, the grammar at %d", line, f.i, p.fast.i)
		case fastSt == nil && err == nil && mustBeFast:
			t.Errorf("%q: only the grammar accepts this corpus statement (the fast path should)", line)
		}
		// Next line.
		for i < len(s.toks) && s.toks[i].Kind != EOL && s.toks[i].Kind != EOF {
			i++
		}
		i++
	}
}

func lineText(src []byte, off int) string {
	start := strings.LastIndexByte(string(src[:off]), '\n') + 1
	end := strings.IndexByte(string(src[off:]), '\n')
	if end < 0 {
		return string(src[start:])
	}
	return string(src[start : off+end])
}

// FuzzParse checks that no input makes the parser panic, that every
// diagnostic has a valid range, and that both parsers agree.
func FuzzParse(f *testing.F) {
	for _, l := range trickyLines {
		f.Add(l + "\n")
	}
	f.Add("pipeline P\n{\n  component C [0.3]\n}\n/* a\nb */ x->y\n")
	f.Fuzz(func(t *testing.T, src string) {
		file, diags := Parse("fuzz.owm", []byte(src))
		checkDiagRanges(t, file, diags)
		compareParsers(t, []byte(src), false)
		compareNoOperator(t, []byte(src))
	})
}

// compareNoOperator parses src as Parse does, then with participle asked
// about every line that is not a statement (slowAlways): the trees and
// the diagnostics must be the same.
func compareNoOperator(t *testing.T, src []byte) {
	t.Helper()
	f1, d1 := Parse("map.owm", src)
	slowAlways = true
	f2, d2 := Parse("map.owm", src)
	slowAlways = false
	if a, b := dump(f1), dump(f2); a != b {
		t.Errorf("%q: the trees differ without participle:\n%s\nwith:\n%s", src, a, b)
	}
	if a, b := fmt.Sprint(d1), fmt.Sprint(d2); a != b {
		t.Errorf("%q: the diagnostics differ without participle:\n%s\nwith:\n%s", src, a, b)
	}
}

// TestNoOperatorSameDiagnostics: a line that starts with no keyword and
// has no link operator is reported without participle (slowStmt), exactly
// as participle's failure was: on every corpus map, the tricky lines, and
// lines of that kind from the corpus and other tools.
func TestNoOperatorSameDiagnostics(t *testing.T) {
	var inputs []string
	for _, l := range trickyLines {
		inputs = append(inputs, l+"\n")
	}
	inputs = append(inputs,
		"inertia Bank Branches\n", "Cup of Tea-collaboration>Cup\n", "streamAlignedTeam stream aligned A [0.84, 0.18, 0.76, 0.95]\n",
		"HERE IS A SYNTAX ERROR\n", "Kettle-xAsAService>Power\n", "foo [0.5, 0.5]\n", "x (build)\n", "\"quoted\" name\n",
		"a; b; c\n", "12 34\n", "[0.1, 0.2]\n", "A - > B\n", "A => B\n", "A <- B\n", "compnent X [0.5, 0.5]\n")
	if testshared.Find() != "" {
		for _, src := range testshared.Sources(t) {
			inputs = append(inputs, string(src))
		}
	}
	for _, in := range inputs {
		compareNoOperator(t, []byte(in))
	}
}

func newLinesForTest(src []byte) *diag.Lines { return diag.NewLines(src) }
