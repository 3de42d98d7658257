// Package preview owns the live preview behind `wardley watch`: a small web
// page, served over net/http, that shows a map's picture and its
// diagnostics and replaces them within moments of each save, without
// reloading the page.
//
// The Server holds the state of one map: the source last read, its
// diagnostics, and the last source that rendered without errors, whose
// picture stays on screen while the map is broken. The command feeds it
// (Update) whenever the file changes; how the map is drawn is injected
// (RenderFunc), so the package knows nothing of the pipeline and its tests
// use a fake. Pages learn of changes through Server-Sent Events on /events;
// each stream asks for one style and receives the picture only when it
// changed. Everything the page needs is embedded: it loads nothing from the
// network, and its Content-Security-Policy forbids it to.
//
// Nothing here touches the file system or opens sockets: the command reads
// the file, and hands Serve its listener.
package preview
