package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wardley-maps/wardley"
	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/internal/markdown"
	"github.com/wardley-maps/wardley/model"
	"github.com/wardley-maps/wardley/theme"
)

func init() { commands = append(commands, newMdCmd) }

// mdLangs are the info strings that mark a map in Markdown.
var mdLangs = []string{"owm", "wardley", "wardleymap"}

// mdAttrs are the attributes a block's info string may carry.
var mdAttrs = []string{"name", "style", "width", "height"}

// mdOptions are the flags of `wardley md`.
type mdOptions struct {
	check       bool
	outDir      string
	format      string
	quiet       bool
	jobs        int
	diagnostics string
}

func newMdCmd(env *Env) *cobra.Command {
	var o mdOptions
	cmd := &cobra.Command{
		Use:   "md [flags] FILE.md...",
		Short: "Draw the maps written in Markdown files and link their images",
		Long: `Find every fenced code block whose info string is owm, wardley or
wardleymap (with backticks or tildes, as CommonMark allows), draw it, and
write or refresh, right after the block, a link to its image between two
marker comments:

  <!-- wardley:begin tea-shop.svg -->
  ![Tea Shop](tea-shop.svg)
  <!-- wardley:end -->

Nothing else in the file changes, and running it again changes nothing.
An image is named after its map's title and a hash of the block (so that a
changed map gets a new name and no cache shows the old picture), or as the
info string says: ` + "```owm name=tea-shop style=dark width=800 height=600" + `.
Images go beside the Markdown file, or under --out-dir.

A block with errors is reported with the Markdown file's own line numbers,
and its existing image and link are left as they are; the command then
exits 1. --check writes nothing and exits 1 if an image or a link is
missing or out of date.`,
		Example: `  wardley md README.md docs/*.md
  wardley md --out-dir docs/img docs/guide.md
  wardley md --check README.md        # CI: are the images up to date?`,
		Args: minArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return runMd(env, o, args) },
	}
	f := cmd.Flags()
	f.BoolVar(&o.check, "check", false, "write nothing; exit 1 if an image or a link is missing or out of date")
	f.StringVar(&o.outDir, "out-dir", "", "write the images to `DIR` rather than beside each Markdown file")
	f.StringVar(&o.format, "format", "svg", "image `FORMAT`: "+formatNames())
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no summary; only problems are reported")
	f.IntVarP(&o.jobs, "jobs", "j", 0, "process `N` files at once (default: one per core)")
	f.StringVar(&o.diagnostics, "diagnostics", "", "report problems as `FORMAT`: text, or github (the default when GITHUB_ACTIONS=true)")
	return cmd
}

func runMd(env *Env, o mdOptions, args []string) error {
	f := wardley.Format(strings.ToLower(o.format))
	if _, ok := wardley.FormatOf("x." + string(f)); !ok {
		return usagef("unknown format %q (formats: %s)", o.format, formatNames())
	}
	b := batchOptions{diagnostics: o.diagnostics, jobs: o.jobs}
	if err := b.validate(env, ""); err != nil {
		return err
	}
	o.diagnostics = b.diagnostics
	for _, a := range args {
		if a == "-" {
			return usagef("md rewrites files: it cannot read standard input")
		}
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			return usagef("%s is a directory: name the Markdown files", a)
		}
	}
	workers := o.jobs
	if workers == 0 {
		workers = env.Workers
	}
	workers = max(1, min(workers, len(args)))
	var total mdCounts
	internal := false
	counts := make([]mdCounts, len(args))
	if !o.check {
		// Writes files: one signal handler for the whole batch.
		defer holdTemps()()
	}
	runJobs(len(args), workers, func(i int) result {
		var stderr bytes.Buffer
		counts[i] = mdFile(env, o, f, args[i], &stderr)
		return result{stderr: stderr.Bytes()}
	}, func(i int, r result) {
		env.Stderr.Write(r.stderr)
		if r.internal {
			internal = true
			total.failed++
			return
		}
		total.add(counts[i])
	})
	if !o.quiet {
		if o.check {
			fmt.Fprintf(env.Stderr, "up to date %d, stale %d, missing %d, failed %d\n", total.fresh, total.stale, total.missing, total.failed)
		} else {
			fmt.Fprintf(env.Stderr, "rendered %d, unchanged %d, failed %d\n", total.rendered, total.unchanged, total.failed)
		}
	}
	switch {
	case internal:
		return errInternal
	case total.failed+total.stale+total.missing > 0:
		return errFailed
	}
	return nil
}

// mdCounts are the outcomes of the blocks of Markdown files (and, for
// stale and missing, of the files' links too).
type mdCounts struct {
	rendered, unchanged, failed, fresh, stale, missing int
}

func (c *mdCounts) add(o mdCounts) {
	c.rendered += o.rendered
	c.unchanged += o.unchanged
	c.failed += o.failed
	c.fresh += o.fresh
	c.stale += o.stale
	c.missing += o.missing
}

// mdFile processes one Markdown file.
func mdFile(env *Env, o mdOptions, f wardley.Format, path string, stderr *bytes.Buffer) mdCounts {
	var c mdCounts
	src, err := readFile(env, path, "Markdown file")
	if err != nil {
		fmt.Fprintf(stderr, "wardley: %v\n", err)
		c.failed++
		return c
	}
	eol := markdown.EOL(src)
	mdDir := filepath.Dir(path)
	imgDir := mdDir
	if o.outDir != "" {
		imgDir = o.outDir
	}
	type image struct {
		path string
		data []byte
		line int
	}
	var images []image
	var edits []markdown.Edit
	names := map[string]int{} // image name -> line of the block that uses it
	hashes := map[string]string{}
	report := func(r diag.Range, format string, args ...any) {
		writeDiagnostics(stderr, env, path, src, diag.List{diag.Errorf(r, "markdown", format, args...)}, o.diagnostics)
	}
	for _, b := range markdown.Blocks(src) {
		if !isMapLang(b.Lang) {
			continue
		}
		open := lineRange(src, b.OpenLine)
		attrs, err := parseInfo(b.Info[len(b.Lang):])
		if err != nil {
			report(open, "%v", err)
			c.failed++
			continue
		}
		if !b.Closed {
			report(open, "the code block is not closed: it runs to the end of the file, so no image link can follow it")
			c.failed++
			continue
		}
		if b.Region != nil && !b.Region.Closed {
			report(lineRange(src, b.Region.Line), "`%s` has no `%s` after it: the link cannot be refreshed", markdown.BeginMarker+" ... -->", markdown.EndMarker)
			c.failed++
			continue
		}
		opts, err := attrOptions(attrs)
		if err != nil {
			report(open, "%v", err)
			c.failed++
			continue
		}
		m, diags := model.CompileSource(path, b.Content)
		diags.Sort()
		writeDiagnostics(stderr, env, path, src, remap(diags, src, b), o.diagnostics)
		if diags.HasErrors() {
			c.failed++
			continue
		}
		img, err := wardley.RenderMap(m, f, opts)
		if err != nil {
			fmt.Fprintf(stderr, "wardley: %s:%d: %v\n", path, b.OpenLine, err)
			c.failed++
			continue
		}
		name := attrs["name"]
		if name == "" {
			name = slug(m.Title) + "-" + blockHash(b.Content, f, attrs)
		}
		if !strings.HasSuffix(strings.ToLower(name), "."+string(f)) {
			name += "." + string(f)
		}
		key := blockHash(b.Content, f, attrs)
		if prev, ok := names[name]; ok && hashes[name] != key {
			report(open, "image name %q is already used by the map on line %d", name, prev)
			c.failed++
			continue
		}
		names[name], hashes[name] = b.OpenLine, key
		imgPath := filepath.Join(imgDir, name)
		images = append(images, image{imgPath, img, b.OpenLine})
		text := mdRegion(name, m.Title, imgPath, mdDir, eol)
		switch {
		case b.Region != nil:
			r := b.Region
			if !strings.HasSuffix(string(src[r.Start:r.End]), "\n") {
				text = strings.TrimSuffix(text, eol)
			}
			edits = append(edits, markdown.Edit{Start: r.Start, End: r.End, New: text})
		case b.After == len(src) && !bytes.HasSuffix(src, []byte("\n")):
			// The fence ends the file without a line ending: so does the
			// link.
			edits = append(edits, markdown.Edit{Start: b.After, End: b.After, New: eol + strings.TrimSuffix(text, eol)})
		default:
			edits = append(edits, markdown.Edit{Start: b.After, End: b.After, New: text})
		}
	}
	out := markdown.Apply(src, edits)
	for _, im := range images {
		if o.check {
			switch old, err := os.ReadFile(im.path); {
			case err != nil:
				checkProblem(stderr, o.diagnostics, "missing", im.path, path, im.line)
				c.missing++
			case !bytes.Equal(old, im.data):
				checkProblem(stderr, o.diagnostics, "stale", im.path, path, im.line)
				c.stale++
			default:
				c.fresh++
			}
			continue
		}
		switch writeImage(stderr, im.path, im.data) {
		case rendered:
			c.rendered++
		case unchanged:
			c.unchanged++
		default:
			c.failed++
		}
	}
	if bytes.Equal(out, src) {
		return c
	}
	if o.check {
		if o.diagnostics == "github" {
			fmt.Fprintf(stderr, "::error file=%s,title=stale image links::the image links after the maps are out of date: run the same command without --check, and commit the result\n", ghProperty(path))
		} else {
			fmt.Fprintf(stderr, "stale: %s (image links out of date)\n", path)
		}
		c.stale++
		return c
	}
	if err := writeFileAtomic(path, out); err != nil {
		fmt.Fprintf(stderr, "wardley: %v\n", err)
		c.failed++
		return c
	}
	if !o.quiet {
		fmt.Fprintf(stderr, "updated %s\n", path)
	}
	return c
}

func isMapLang(lang string) bool {
	for _, l := range mdLangs {
		if lang == l {
			return true
		}
	}
	return false
}

// parseInfo reads the attributes after the language: name=value pairs
// separated by spaces, values optionally in double quotes.
func parseInfo(s string) (map[string]string, error) {
	attrs := map[string]string{}
	s = strings.TrimSpace(s)
	for s != "" {
		key, rest, ok := strings.Cut(s, "=")
		if !ok || key == "" || strings.ContainsAny(key, " \t\"") {
			word, _, _ := strings.Cut(s, " ")
			return nil, fmt.Errorf("cannot read %q in the info string: attributes are written name=value", word)
		}
		var value string
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("the value of %s is not closed with `\"`", key)
			}
			value, rest = rest[1:1+end], rest[2+end:]
		} else {
			value, rest, _ = strings.Cut(rest, " ")
		}
		if !isMdAttr(key) {
			msg := fmt.Sprintf("unknown attribute %q (attributes: %s)", key, strings.Join(mdAttrs, ", "))
			if sug := diag.Suggest(key, mdAttrs); sug != "" {
				msg += fmt.Sprintf("; did you mean %q?", sug)
			}
			return nil, fmt.Errorf("%s", msg)
		}
		if _, dup := attrs[key]; dup {
			return nil, fmt.Errorf("attribute %s is given twice", key)
		}
		attrs[key] = value
		s = strings.TrimSpace(rest)
	}
	if n, ok := attrs["name"]; ok && !validImageName(n) {
		return nil, fmt.Errorf("image name %q: use letters, digits, '.', '-' and '_' only", n)
	}
	return attrs, nil
}

func isMdAttr(k string) bool {
	for _, a := range mdAttrs {
		if k == a {
			return true
		}
	}
	return false
}

func validImageName(n string) bool {
	if n == "" || n[0] == '.' {
		return false
	}
	for _, r := range n {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// attrOptions turns a block's style, width and height into render options.
func attrOptions(attrs map[string]string) (wardley.Options, error) {
	var o wardley.Options
	if s, ok := attrs["style"]; ok {
		if !theme.Known(s) {
			return o, fmt.Errorf("unknown style %q (styles: %s, color)", s, strings.Join(theme.Names, ", "))
		}
		o.Style = s
	}
	for _, k := range []string{"width", "height"} {
		v, ok := attrs[k]
		if !ok {
			continue
		}
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || !(n > 0) || n > 100000 {
			return o, fmt.Errorf("%s=%s: want a number of pixels above 0", k, v)
		}
		if k == "width" {
			o.Width = n
		} else {
			o.Height = n
		}
	}
	return o, nil
}

// blockHash names a block's image by what draws it: the map text (line
// endings aside), the format and the attributes that change the picture.
func blockHash(content []byte, f wardley.Format, attrs map[string]string) string {
	h := sha256.New()
	fmt.Fprintf(h, "wardley md\x00%s\x00%s\x00%s\x00%s\x00", f, attrs["style"], attrs["width"], attrs["height"])
	h.Write(bytes.ReplaceAll(content, []byte("\r\n"), []byte("\n")))
	return hex.EncodeToString(h.Sum(nil))[:10]
}

// slug makes a file name from a map's title: lower-case letters and
// digits, words joined by '-', at most 40 bytes; "map" when nothing is
// left.
func slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= 40 {
				break
			}
			continue
		}
		dash = true
	}
	if b.Len() == 0 || title == model.UntitledMap {
		return "map"
	}
	return b.String()
}

// mdRegion is the text between and including the markers.
func mdRegion(name, title, imgPath, mdDir, eol string) string {
	// Relative to the Markdown file, whichever of the two paths was given
	// absolute.
	from, err1 := filepath.Abs(mdDir)
	to, err2 := filepath.Abs(imgPath)
	rel, err := filepath.Rel(from, to)
	if err1 != nil || err2 != nil || err != nil {
		rel = imgPath
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return markdown.BeginMarker + " " + name + " -->" + eol +
		"![" + escapeAlt(title) + "](" + strings.Join(parts, "/") + ")" + eol +
		markdown.EndMarker + eol
}

// escapeAlt makes a title safe as an image's alt text: the characters
// Markdown would read as markup are escaped, line breaks become spaces,
// control and bidi-override characters (invisible, and able to make the
// text read as something else) are dropped.
func escapeAlt(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
		case strings.ContainsRune("\\`*_[]<>&!", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lineRange is the whole of a line of src, for diagnostics about it.
func lineRange(src []byte, n int) diag.Range {
	lines := diag.NewLines(src)
	start := lines.LineStart(n)
	return lines.Range(start, start+len(lines.Line(n)))
}

// remap moves diagnostics from a block's own text to the Markdown file:
// line numbers, columns (the block's indentation) and offsets.
func remap(list diag.List, src []byte, b markdown.Block) diag.List {
	lines := diag.NewLines(src)
	pos := func(p diag.Pos) diag.Pos {
		if !p.IsValid() || len(b.Lines) == 0 {
			return p
		}
		i := min(max(p.Line, 1), len(b.Lines)) - 1
		l := b.Lines[i]
		strip := l.Offset - lines.LineStart(l.Number)
		return diag.Pos{Line: l.Number, Column: p.Column + strip, Offset: l.Offset + p.Column - 1}
	}
	out := make(diag.List, len(list))
	for i, d := range list {
		d.Range = diag.Range{Start: pos(d.Range.Start), End: pos(d.Range.End)}
		if d.Fix != nil {
			fix := *d.Fix
			fix.Range = diag.Range{Start: pos(fix.Range.Start), End: pos(fix.Range.End)}
			d.Fix = &fix
		}
		out[i] = d
	}
	return out
}
