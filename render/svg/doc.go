// Package svg owns drawing a layout.Scene as a standalone SVG document: the
// page with its width, height and viewBox, an accessible <title> and <desc>,
// every shape and text of the scene in order, links only where the scene
// asks for them and only to http, https, mailto or relative addresses, and
// no scripts, event handlers or external references. Numbers are written
// with two decimals, so the same scene gives the same bytes everywhere.
package svg
