// Package model owns the semantic Wardley map: what a map means once its
// text has been read. Compile turns a parsed file into a Map: names are
// resolved (links, evolves, pipelines, urls), OnlineWardleyMaps' defaults
// are applied (positions, label offsets, evolved copies), and everything
// suspicious is reported as a diagnostic with its range. CompileSource
// parses and compiles in one call.
//
// A Map holds no pixels and no styles: layout decides how it looks. It does
// hold what OWM derives before drawing (the "render model": evolving flags,
// adjusted label offsets, evolved copies), because that is meaning the
// author relies on, and because the corpus lets us test it against OWM's
// own output.
//
// Where OWM's line scanners read a line differently from what its author
// wrote, we follow the author and say so (compat.go computes OWM's reading
// of such lines to compare); docs/compat.md lists every case. Map.OWM
// writes the map in the JSON shape of OWM's own parse.
package model
