// Package diag owns positions and diagnostics: what every stage of wardley
// reports about a map, and the printers that show those reports to people
// (text with the source line and a caret), to programs (JSON) and to CI
// systems (GitHub workflow commands).
//
// Diagnostics are data. A stage returns a List; the command line decides how
// to print it. Nothing here touches the file system or the terminal.
package diag
