package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says how bad a diagnostic is. An error means the map cannot be
// read as written (the command exits 1); a warning means it can, but probably
// not as the author meant, or not the way OnlineWardleyMaps would.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText makes severities print as words in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads what MarshalText writes.
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = Error
	case "warning":
		*s = Warning
	default:
		return fmt.Errorf("unknown severity %q", b)
	}
	return nil
}

// Diagnostic is one problem found in a map.
type Diagnostic struct {
	Severity Severity
	// Code is short, stable and kebab-case ("unknown-keyword"): scripts and
	// docs may rely on it; messages may be reworded.
	Code string
	// Message is one line, lower-case, without trailing punctuation, in the
	// style of the Go compiler: "unknown keyword `componnet`".
	Message string
	// Range is the exact span the message is about.
	Range Range
	// Suggestion, when not empty, is a short hint shown under the caret:
	// "did you mean `component`?".
	Suggestion string
	// Fix, when set, is a replacement that would apply the suggestion.
	Fix *Fix
}

// Fix replaces the text of Range with New.
type Fix struct {
	Range Range
	New   string
}

// Error formats d as "line:col: severity: message", without a file name.
func (d Diagnostic) Error() string {
	return fmt.Sprintf("%s: %s: %s", d.Range.Start, d.Severity, d.Message)
}

// Errorf builds an error diagnostic.
func Errorf(r Range, code, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: Error, Code: code, Message: fmt.Sprintf(format, args...), Range: r}
}

// Warningf builds a warning diagnostic.
func Warningf(r Range, code, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: Warning, Code: code, Message: fmt.Sprintf(format, args...), Range: r}
}

// WithSuggestion returns d with a hint attached.
func (d Diagnostic) WithSuggestion(format string, args ...any) Diagnostic {
	d.Suggestion = fmt.Sprintf(format, args...)
	return d
}

// WithFix returns d with a replacement attached.
func (d Diagnostic) WithFix(r Range, replacement string) Diagnostic {
	d.Fix = &Fix{Range: r, New: replacement}
	return d
}

// List is the diagnostics of one file.
type List []Diagnostic

// Add appends d.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Append appends all of o.
func (l *List) Append(o List) { *l = append(*l, o...) }

// Sort orders the list by position, errors before warnings at the same
// place, and drops exact duplicates, so that reports are stable however the
// stages found them.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Range.Start.Offset != b.Range.Start.Offset {
			return a.Range.Start.Offset < b.Range.Start.Offset
		}
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		if a.Range.End.Offset != b.Range.End.Offset {
			return a.Range.End.Offset < b.Range.End.Offset
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Message < b.Message
	})
	out := s[:0]
	for i, d := range s {
		if i > 0 && sameDiag(out[len(out)-1], d) {
			continue
		}
		out = append(out, d)
	}
	*l = out
}

func sameDiag(a, b Diagnostic) bool {
	return a.Severity == b.Severity && a.Code == b.Code && a.Message == b.Message &&
		a.Range == b.Range && a.Suggestion == b.Suggestion
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return
}

// Err returns nil when the list holds no error, else an error that lists
// every diagnostic, one per line.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return listError(l)
}

type listError List

func (e listError) Error() string {
	var b strings.Builder
	for i, d := range e {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}
