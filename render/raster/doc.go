// Package raster draws a layout.Scene as PNG and as vector PDF, without a
// browser: the same scene the SVG renderer draws, with the same semantics
// (SVG's butt caps and miter joins, dash phase from each subpath's start,
// objectBoundingBox gradients, text anchored and rotated as in SVG).
//
// One walker (draw.go) turns the scene into paths, paints and positioned
// glyphs, and hands them to one of two surfaces: the rasteriser (raster.go,
// on golang.org/x/image/vector, with our own stroker and dasher in
// stroke.go) or the PDF content stream (pdf.go, with our own writer and
// TrueType subsetter in pdfwriter.go and subset.go). Both draw with the
// fonts embedded in package font, so the PDF's text is real text in the
// very faces the layout measured.
//
// Output is deterministic: the same scene gives the same bytes on every
// run (no timestamps, no random ids, fixed number formatting, fixed
// compression settings).
package raster
