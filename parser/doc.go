// Package parser owns the syntax of the OnlineWardleyMaps (OWM) map
// language: the tokens (lexer.go), the participle grammar of every
// statement (grammar.go), and the AST (ast.go), whose every node keeps its
// byte span and its text as written (raw names, numbers as typed,
// operators, decorator lists, comments), so that the compiler can explain
// problems precisely and a formatter can print the file back.
//
// OWM has no grammar: it runs independent line scanners over the text. We
// parse statement by statement instead: a statement is a line (a
// pipeline's `{ ... }` block groups its lines), each is parsed on its own,
// and a statement that fails is reported and skipped, so that one bad line
// never hides the next. A line that fails in a likely way (a misspelt
// keyword, an unclosed `[`) is read as what it most likely means after the
// error is reported, so that one typo does not cascade.
//
// Each statement is parsed first by a hand-written recursive descent
// (fast.go) that follows the grammar production by production; whatever it
// does not accept goes to participle, whose verdict stands. The grammar is
// the definition of the language; the fast path exists because
// participle's reflective engine costs about 50 µs per line, and maps of
// thousands of lines must parse in milliseconds. TestFastMatchesGrammar and
// FuzzParse check that both build the same trees.
//
// Parse reports what is wrong with the text itself (unknown keywords,
// missing brackets, unclosed quotes, numbers that are not numbers, lines
// OWM would read differently from how they look). What names mean (links,
// evolves, pipelines, urls) is the model package's job.
package parser
