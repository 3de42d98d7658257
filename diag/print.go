package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// File names a source text for printing: the name shown to the user and the
// text itself (so that printers can quote the offending line).
type File struct {
	Name  string
	Lines *Lines
}

// NewFile indexes src under name.
func NewFile(name string, src []byte) File {
	return File{Name: name, Lines: NewLines(src)}
}

// Report is the diagnostics of one file.
type Report struct {
	File File
	List List
}

// TextOptions tune the human-readable printer.
type TextOptions struct {
	// Color adds ANSI colours. The caller decides: on a terminal, and never
	// when NO_COLOR is set.
	Color bool
	// NoSource drops the quoted source line and caret.
	NoSource bool
}

const (
	ansiReset   = "\x1b[0m"
	ansiBold    = "\x1b[1m"
	ansiRed     = "\x1b[1;31m"
	ansiMagenta = "\x1b[1;35m"
	ansiGreen   = "\x1b[1;32m"
	ansiCyan    = "\x1b[36m"
	ansiBlue    = "\x1b[1;34m"
)

// WriteText prints each diagnostic as
//
//	map.owm:12:1: error: unknown keyword `componnet` [unknown-keyword]
//	   12 | componnet Kettle [0.43, 0.35]
//	      | ^~~~~~~~~
//	      = did you mean `component`?
//
// in the order of the list.
func WriteText(w io.Writer, r Report, o TextOptions) error {
	var b strings.Builder
	paint := func(code, s string) string {
		if !o.Color || s == "" {
			return s
		}
		return code + s + ansiReset
	}
	for _, d := range r.List {
		loc := printable(r.File.Name)
		if d.Range.IsValid() {
			loc = fmt.Sprintf("%s:%d:%d", loc, d.Range.Start.Line, d.Range.Start.Column)
		}
		sev := paint(ansiRed, "error")
		if d.Severity == Warning {
			sev = paint(ansiMagenta, "warning")
		}
		msg := printable(shorten(d.Message))
		if d.Code != "" {
			msg += " [" + d.Code + "]"
		}
		fmt.Fprintf(&b, "%s %s %s\n", paint(ansiBold, loc+":"), sev+paint(ansiBold, ":"), paint(ansiBold, msg))
		gutter := ""
		if !o.NoSource && d.Range.IsValid() && r.File.Lines != nil && d.Range.Start.Line <= r.File.Lines.Count() {
			n := d.Range.Start.Line
			num := fmt.Sprint(n)
			gutter = strings.Repeat(" ", len(num)+1)
			line := r.File.Lines.Line(n)
			startCol := d.Range.Start.Column - 1
			endCol := len(line)
			if d.Range.End.Line == n {
				endCol = d.Range.End.Column - 1
			}
			line, startCol, endCol = window(line, startCol, endCol)
			shown, pad, span := caretLine(line, startCol, endCol)
			fmt.Fprintf(&b, " %s %s %s\n", paint(ansiBlue, num), paint(ansiBlue, "|"), shown)
			marker := "^"
			if span > 1 {
				marker += strings.Repeat("~", span-1)
			}
			fmt.Fprintf(&b, "%s %s %s%s\n", gutter, paint(ansiBlue, "|"), pad, paint(ansiGreen, marker))
		}
		if d.Suggestion != "" {
			if gutter == "" {
				gutter = " "
			}
			fmt.Fprintf(&b, "%s %s %s\n", gutter, paint(ansiBlue, "="), paint(ansiCyan, printable(shorten(d.Suggestion))))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// caretLine returns the source line made safe to print (control and
// bidi-override characters shown as U+FFFD, so that a map cannot rewrite
// the terminal), the padding that puts the caret under byte column start,
// and the caret's width in cells. Tabs stay tabs in both lines so that the
// caret lines up whatever the terminal's tab stops.
func caretLine(line string, start, end int) (shown, pad string, span int) {
	start = clamp(start, 0, len(line))
	end = clamp(end, start, len(line))
	var s, p strings.Builder
	for i, r := range line {
		if r == utf8.RuneError {
			r = '\uFFFD'
		}
		if r != '\t' && isHidden(r) {
			r = '\uFFFD'
		}
		s.WriteRune(r)
		w := cellWidth(r)
		switch {
		case i < start && r == '\t':
			p.WriteByte('\t')
		case i < start:
			p.WriteString(strings.Repeat(" ", w))
		case i < end:
			if r == '\t' {
				w = 4
			}
			span += w
		}
	}
	return s.String(), p.String(), max(span, 1)
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

// isHidden reports characters that must not reach a terminal raw: C0/C1
// controls and the bidi overrides and isolates ("Trojan Source").
// maxShown is the most bytes of a source line or a message printed: a
// line of a hostile map can be 64 KiB long, and a message may quote it.
const maxShown = 240

// window cuts a long source line to maxShown bytes around the caret's
// start, marking each cut with "…", and moves the caret's columns to match.
func window(line string, start, end int) (string, int, int) {
	if len(line) <= maxShown {
		return line, start, end
	}
	from := clamp(start-maxShown/3, 0, len(line))
	for from > 0 && !utf8.RuneStart(line[from]) {
		from--
	}
	to := clamp(from+maxShown, from, len(line))
	for to < len(line) && !utf8.RuneStart(line[to]) {
		to--
	}
	out, shift := line[from:to], -from
	if from > 0 {
		out = "…" + out
		shift += len("…")
	}
	if to < len(line) {
		out += "…"
	}
	return out, clamp(start+shift, 0, len(out)), clamp(end+shift, 0, len(out))
}

// shorten cuts the middle out of a long message.
func shorten(s string) string {
	if len(s) <= maxShown {
		return s
	}
	head, tail := maxShown*2/3, maxShown/3
	for head > 0 && !utf8.RuneStart(s[head]) {
		head--
	}
	for tail < len(s) && !utf8.RuneStart(s[len(s)-tail]) {
		tail++
	}
	return s[:head] + " … " + s[len(s)-tail:]
}

// printable is s made safe to print on a terminal: messages and
// suggestions quote names from the map, and a name may hold escape
// sequences or bidi overrides (link ends are not cleaned, as in OWM).
// Each such character, and each invalid byte, becomes U+FFFD.
func printable(s string) string {
	safe := true
	for _, r := range s {
		if r == utf8.RuneError || isHidden(r) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r == utf8.RuneError || isHidden(r) {
			r = '\uFFFD'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// printableLines is printable keeping line breaks, for GitHub's log
// commands, which encode them.
func printableLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		parts := strings.Split(l, "\r")
		for j, p := range parts {
			parts[j] = printable(p)
		}
		lines[i] = strings.Join(parts, "\r")
	}
	return strings.Join(lines, "\n")
}

func isHidden(r rune) bool {
	switch {
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// cellWidth is the number of terminal cells r takes: 0 for combining marks,
// 2 for East Asian wide characters and emoji, 1 otherwise.
func cellWidth(r rune) int {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case r >= 0x1100 && r <= 0x115f, r >= 0x2e80 && r <= 0xa4cf && r != 0x303f,
		r >= 0xac00 && r <= 0xd7a3, r >= 0xf900 && r <= 0xfaff, r >= 0xfe30 && r <= 0xfe4f,
		r >= 0xff00 && r <= 0xff60, r >= 0xffe0 && r <= 0xffe6,
		r >= 0x1f300 && r <= 0x1faff, r >= 0x20000 && r <= 0x3fffd:
		return 2
	}
	return 1
}

// jsonDiag is the JSON shape of one diagnostic: flat, so that `jq` filters
// stay short. Lines and columns are 1-based; columns count bytes.
type jsonDiag struct {
	File       string   `json:"file"`
	Severity   Severity `json:"severity"`
	Code       string   `json:"code"`
	Message    string   `json:"message"`
	Line       int      `json:"line,omitempty"`
	Column     int      `json:"column,omitempty"`
	EndLine    int      `json:"endLine,omitempty"`
	EndColumn  int      `json:"endColumn,omitempty"`
	Offset     int      `json:"offset"`
	EndOffset  int      `json:"endOffset"`
	Suggestion string   `json:"suggestion,omitempty"`
	Fix        *jsonFix `json:"fix,omitempty"`
}

type jsonFix struct {
	Offset    int    `json:"offset"`
	EndOffset int    `json:"endOffset"`
	New       string `json:"new"`
}

// WriteJSON prints all diagnostics of all reports as one JSON array (an
// empty array when there are none), one object per diagnostic.
func WriteJSON(w io.Writer, reports []Report) error {
	out := []jsonDiag{}
	for _, r := range reports {
		for _, d := range r.List {
			j := jsonDiag{
				File: r.File.Name, Severity: d.Severity, Code: d.Code, Message: d.Message,
				Suggestion: d.Suggestion,
			}
			if d.Range.IsValid() {
				j.Line, j.Column = d.Range.Start.Line, d.Range.Start.Column
				j.EndLine, j.EndColumn = d.Range.End.Line, d.Range.End.Column
				j.Offset, j.EndOffset = d.Range.Start.Offset, d.Range.End.Offset
			}
			if d.Fix != nil {
				j.Fix = &jsonFix{Offset: d.Fix.Range.Start.Offset, EndOffset: d.Fix.Range.End.Offset, New: d.Fix.New}
			}
			out = append(out, j)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteGitHub prints each diagnostic as a GitHub Actions workflow command,
// which GitHub shows as an annotation on the file:
//
//	::error file=map.owm,line=12,col=1,endLine=12,endColumn=10,title=unknown-keyword::unknown keyword `componnet`
func WriteGitHub(w io.Writer, reports []Report) error {
	var b strings.Builder
	for _, r := range reports {
		for _, d := range r.List {
			kind := "error"
			if d.Severity == Warning {
				kind = "warning"
			}
			props := []string{"file=" + ghProp(printable(r.File.Name))}
			if d.Range.IsValid() {
				props = append(props,
					fmt.Sprintf("line=%d", d.Range.Start.Line), fmt.Sprintf("col=%d", d.Range.Start.Column),
					fmt.Sprintf("endLine=%d", d.Range.End.Line), fmt.Sprintf("endColumn=%d", d.Range.End.Column))
			}
			if d.Code != "" {
				props = append(props, "title="+ghProp(d.Code))
			}
			msg := d.Message
			if d.Suggestion != "" {
				msg += " (" + d.Suggestion + ")"
			}
			fmt.Fprintf(&b, "::%s %s::%s\n", kind, strings.Join(props, ","), ghData(printableLines(msg)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

var ghDataEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
var ghPropEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")

func ghData(s string) string { return ghDataEscaper.Replace(s) }
func ghProp(s string) string { return ghPropEscaper.Replace(s) }
