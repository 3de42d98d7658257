// Package diff owns the comparison of two compiled maps: what changed in
// meaning between an old and a new version, and the picture that shows it.
//
// Compare matches the two maps' elements by name (exactly, then ignoring
// case and spacing, as OWM matches link ends), detects renames, and lists
// every change as a typed Change in a fixed order. Because it compares
// compiled maps, not text, comments, spacing, number spellings (0.5 and
// 0.50) and the order of statements change nothing, except where order
// has a meaning of its own (see Compare).
//
// A Result is printed as text (one sentence per change, for terminals, pull
// request comments and git's external diff), as JSON, or drawn: Layout lays
// out the new map with what changed marked on it and a legend below, as a
// layout.Scene any renderer draws.
package diff
