// Package diagtest checks diagnostics against expectations written in
// test inputs, in the style of go/parser's error tests: a trailing comment
// on the line a diagnostic is about,
//
//	componnet Kettle [0.4, 0.5] // ERROR "unknown keyword `componnet`"
//	component A [2, 0.5]       // WARNING "outside the map" WARNING "second"
//
// holds one regular expression per diagnostic, matched against
// "code: message". The marker is a `//` comment, which OWM itself ignores,
// so test inputs stay valid maps.
package diagtest

import (
	"regexp"
	"strings"
	"testing"

	"github.com/wardley-maps/wardley/diag"
)

var marker = regexp.MustCompile(`(ERROR|WARNING) "((?:[^"\\]|\\.)*)"`)

// CheckInline reports every diagnostic that matches no marker of its line,
// and every marker that no diagnostic matches.
func CheckInline(t testing.TB, src []byte, diags diag.List) {
	t.Helper()
	type want struct {
		sev  diag.Severity
		rx   *regexp.Regexp
		used bool
	}
	wants := map[int][]*want{}
	for i, line := range strings.Split(string(src), "\n") {
		k := strings.LastIndex(line, "//")
		if k < 0 {
			continue
		}
		for _, m := range marker.FindAllStringSubmatch(line[k:], -1) {
			sev := diag.Error
			if m[1] == "WARNING" {
				sev = diag.Warning
			}
			rx, err := regexp.Compile(strings.ReplaceAll(m[2], `\"`, `"`))
			if err != nil {
				t.Fatalf("line %d: bad marker: %v", i+1, err)
			}
			wants[i+1] = append(wants[i+1], &want{sev: sev, rx: rx})
		}
	}
	for _, d := range diags {
		text := d.Code + ": " + d.Message
		found := false
		for _, w := range wants[d.Range.Start.Line] {
			if !w.used && w.sev == d.Severity && w.rx.MatchString(text) {
				w.used, found = true, true
				break
			}
		}
		if !found {
			t.Errorf("%d:%d: unexpected %s %s", d.Range.Start.Line, d.Range.Start.Column, d.Severity, text)
		}
	}
	for line, ws := range wants {
		for _, w := range ws {
			if !w.used {
				t.Errorf("line %d: missing %s matching %q", line, w.sev, w.rx)
			}
		}
	}
}

// CheckRanges checks that every diagnostic points into src with a
// consistent range, and has a code and a message in the house style
// (no trailing period).
func CheckRanges(t testing.TB, name string, src []byte, diags diag.List) {
	t.Helper()
	lines := diag.NewLines(src)
	for _, d := range diags {
		r := d.Range
		if !r.IsValid() || r.Start.Offset > r.End.Offset || r.End.Offset > len(src) ||
			lines.Pos(r.Start.Offset) != r.Start || lines.Pos(r.End.Offset) != r.End {
			t.Errorf("%s: diagnostic %q has a bad range %+v", name, d.Message, r)
		}
		if d.Code == "" || d.Message == "" || strings.HasSuffix(d.Message, ".") {
			t.Errorf("%s: diagnostic without code or with a bad message: %+v", name, d)
		}
	}
}
