// Package layout owns geometry: it maps a compiled map's coordinates to
// pixels following OnlineWardleyMaps' export geometry, measures text with
// the embedded font, places labels, decides paint order and derives stable
// ids. Its output, a Scene, is plain shapes and text with resolved pixels
// and colours: renderers draw it and decide nothing.
//
// Label placement (labels.go) moves the labels whose author wrote no
// `label [x, y]` to where they overlap least with everything else, with a
// uniform grid as spatial index; Measure (metrics.go) counts, from a Scene
// alone, the label overlaps and crossings that placement is judged by.
package layout
