// Package markdown finds the fenced code blocks of a Markdown document, as
// CommonMark defines them, and the image links `wardley md` keeps after
// them between marker comments; and rewrites a document by replacing byte
// ranges, so that everything else in it stays exactly as it was.
package markdown
