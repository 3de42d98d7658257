// Package layout owns geometry: it maps a compiled map's coordinates to
// pixels following OnlineWardleyMaps' export geometry, measures text with
// the embedded font, places labels, decides paint order and derives stable
// ids. Its output, a Scene, is plain shapes and text with resolved pixels
// and colours: renderers draw it and decide nothing.
package layout
