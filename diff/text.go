package diff

import (
	"bufio"
	"encoding/json"
	"io"
)

// TextOptions tune WriteText.
type TextOptions struct {
	// Color paints additions green, removals red and moves blue, with ANSI
	// escapes, for terminals.
	Color bool
}

const (
	ansiGreen = "\x1b[32m"
	ansiRed   = "\x1b[31m"
	ansiBlue  = "\x1b[34m"
	ansiReset = "\x1b[0m"
)

// WriteText writes the changes one per line, as Change.String words them.
// Nothing is written when the maps mean the same.
func (r *Result) WriteText(w io.Writer, o TextOptions) error {
	bw := bufio.NewWriter(w)
	for _, c := range r.Changes {
		line := c.String()
		if o.Color {
			switch c.Kind.Class() {
			case Added:
				line = ansiGreen + line + ansiReset
			case Removed:
				line = ansiRed + line + ansiReset
			case Moved:
				line = ansiBlue + line + ansiReset
			}
		}
		bw.WriteString(line)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// jsonResult is the JSON form of a Result.
type jsonResult struct {
	Summary jsonSummary  `json:"summary"`
	Changes []jsonChange `json:"changes"`
}

type jsonSummary struct {
	Added   int `json:"added"`
	Removed int `json:"removed"`
	Moved   int `json:"moved"`
	Changed int `json:"changed"`
}

// jsonChange is a Change with its class and its sentence, so that a
// consumer can show it without knowing every kind.
type jsonChange struct {
	Change
	Class Class  `json:"class"`
	Text  string `json:"text"`
}

// WriteJSON writes the result as one JSON object: a summary (how many
// changes of each class) and the changes, each with its kind, class,
// name, old and new values (typed as each Kind says), lines and sentence.
func (r *Result) WriteJSON(w io.Writer) error {
	var out jsonResult
	out.Summary.Added, out.Summary.Removed, out.Summary.Moved, out.Summary.Changed = r.Count()
	out.Changes = make([]jsonChange, len(r.Changes))
	for i, c := range r.Changes {
		out.Changes[i] = jsonChange{Change: c, Class: c.Kind.Class(), Text: c.String()}
	}
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	e.SetEscapeHTML(false)
	return e.Encode(out)
}
