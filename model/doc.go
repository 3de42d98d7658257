// Package model owns the semantic Wardley map: what a map means once its
// text has been read. Compile turns a parsed file into a Map: names are
// resolved (links, evolves, pipelines, urls), OnlineWardleyMaps' defaults
// are applied (positions, label offsets, evolved copies), and everything
// suspicious is reported as a diagnostic with its range.
//
// A Map holds no pixels and no styles: layout decides how it looks. It does
// hold what OWM derives before drawing (the "render model": evolving flags,
// adjusted label offsets, evolved copies), because that is meaning the
// author relies on, and because the corpus lets us test it against OWM's
// own output.
package model
