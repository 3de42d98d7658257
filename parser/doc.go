// Package parser owns the syntax of the OnlineWardleyMaps (OWM) map
// language: the tokens, the participle grammar of every statement, and the
// AST, whose every node keeps its position and its text as written (raw
// names, numbers as typed, operators, decorator lists, comments), so that
// the compiler can explain problems precisely and a formatter can print the
// file back.
//
// OWM has no grammar: it runs independent line scanners over the text. We
// parse statement by statement instead: the file is cut into lines (a
// pipeline's `{ ... }` block groups its lines), each statement is parsed on
// its own with a pre-built participle parser, and a statement that fails is
// reported and skipped, so that one bad line never hides the next.
//
// Parse reports only what is wrong with the text itself (unknown keywords,
// missing brackets, unclosed quotes, lines OWM would read differently from
// how they look). What names mean (links, evolves, pipelines, urls) is the
// model package's job.
package parser
