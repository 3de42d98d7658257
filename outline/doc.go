// Package outline owns the outline of a compiled map: a plain-text listing
// of what the map says, one line per thing, sorted, so that two versions of
// a map compare line by line. It is what `wardley outline` prints, and
// what git shows in `git diff` through a textconv driver: a moved component
// is one changed line, a reordered or reformatted file shows no change at
// all, and comments (which change nothing on the map) do not appear.
package outline
