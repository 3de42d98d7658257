// Package format owns the canonical layout of a map's source text: the
// printer behind `wardley fmt`. It prints a parsed file (*parser.File)
// back as bytes, statement by statement, and never changes what the map
// means.
//
// The canonical form:
//
//   - one statement per line; top-level statements start in column 0, the
//     children of a pipeline block are indented by two spaces, and the
//     block's `{` and `}` stand on lines of their own;
//   - one space after the keyword and between the parts of a statement:
//     `component Kettle [0.43, 0.35] label [-57, 4] (build) inertia`;
//   - the modifiers of a component, submap, anchor or evolve line in one
//     order: coordinates, `label [dx, dy]`, the decorators (all lists
//     merged into one, in the order written, duplicates dropped), `inertia`,
//     `url(name)`, the legacy inline `evolve m`;
//   - bracket lists as `[a, b]`; a number keeps its digits (the author's
//     precision: `0.50` stays `0.50`) except that `.5` gains its leading
//     zero and a leading `+` goes: a number's value never changes;
//   - link and flow operators without spaces (`A->B`, `A+'$5'>B`), the
//     context after `; `; an evolve's rename without spaces (`evolve
//     Kettle->Electric Kettle 0.62`); stage labels joined by `->`;
//   - unquoted names with runs of spaces and tabs collapsed to one space
//     (OWM collapses them when it reads the name, so the name is the same);
//     link ends, quoted names, notes, titles and other free text exactly as
//     written, because there spaces are part of the text;
//   - comments where they were: on their own lines (re-indented), at the
//     end of a statement's line (after one space), block comments with
//     their inner lines untouched;
//   - blank lines kept, runs of them collapsed to one, none at the start
//     or end of the file or of a pipeline block; no trailing spaces; one
//     final newline; the file's line endings (LF or CRLF, from its first
//     line) and byte-order mark kept.
//
// What the printer cannot print without risk is left as written, byte for
// byte: a statement that did not parse, a statement with a comment inside
// it or with text OWM ignores, a link chain (`A->B->C`), the `evolve X
// 0.4->0.7` form. Every statement the printer does change is checked: the
// statement is compiled alone, as written and as printed, and the printed
// form is kept only when the compiled model is the same and it adds no
// error and no warning. So `fmt` never changes what a map means, to us or
// (as far as our compatibility warnings know) to OnlineWardleyMaps.
package format
