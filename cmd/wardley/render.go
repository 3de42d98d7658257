package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wardley-maps/wardley"
	"github.com/wardley-maps/wardley/diag"
)

func init() { commands = append(commands, newRenderCmd) }

// renderOptions are the flags of `wardley render`.
type renderOptions struct {
	output  string
	format  string
	picture pictureOptions
	compat  bool
	batch   batchOptions
}

func newRenderCmd(env *Env) *cobra.Command {
	var o renderOptions
	cmd := &cobra.Command{
		Use:   "render [flags] FILE|DIR|-...",
		Short: "Draw maps as images",
		Long: `Draw each map as an image. A map.owm is written beside it as map.svg; a
directory stands for every .owm and .wm file below it; '-' reads a map from
standard input and writes the image to standard output.

The format comes from --format, else from the extension of -o, else SVG.
PNG and PDF are drawn natively, without a browser: PNG at --scale image
pixels per map pixel, PDF as vectors with the text as text.

Diagnostics go to standard error, as 'wardley check' prints them. A map with
errors writes nothing; an existing image is never replaced by a broken or
partial one.

Many maps are drawn in parallel, one per core; a batch ends with a summary
(rendered, unchanged, failed) and exits 1 if any map failed, after drawing
all the others. An image that already has the right bytes is not rewritten.
--out-dir puts the images in another tree. --check draws in memory and
exits 1 if an image is missing or out of date: the CI check that the
images in the docs match their maps.`,
		Example: `  wardley render map.owm                  # writes map.svg
  wardley render -o docs/map.svg map.owm
  wardley render -o - map.owm > map.svg
  wardley render -o map.png map.owm       # PNG at scale 2
  wardley render -o map.pdf map.owm
  wardley render --format png --scale 1 -o - map.owm > map.png
  wardley render --style dark maps/       # every map below maps/
  wardley render --out-dir site/img docs/ # the images in another tree
  wardley render --check docs/            # CI: exit 1 if an image is stale
  cat map.owm | wardley render - > map.svg`,
		Args: minArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return runRender(env, o, args) },
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "write the image to `FILE` ('-' for standard output); one input only")
	f.StringVar(&o.format, "format", "", "output `FORMAT`: "+formatNames()+" (default: from -o's extension, else svg)")
	o.picture.addFlags(f)
	f.BoolVar(&o.compat, "compat", false, "reproduce OnlineWardleyMaps' drawing quirks, for pixel comparisons (implies --labels=owm)")
	o.batch.addFlags(f)
	return cmd
}

func formatNames() string {
	var s []string
	for _, f := range wardley.Formats() {
		s = append(s, string(f))
	}
	return strings.Join(s, ", ")
}

func runRender(env *Env, o renderOptions, args []string) error {
	format, err := o.resolveFormat()
	if err != nil {
		return err
	}
	if err := o.picture.check(); err != nil {
		return err
	}
	inputs, err := expandInputs(args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return fmt.Errorf("no .owm or .wm maps found in %s", strings.Join(args, ", "))
	}
	if o.output != "" && len(inputs) != 1 {
		return usagef("-o names one output, but there are %d inputs", len(inputs))
	}
	opts := o.picture.options()
	opts.Compat = o.compat
	if err := o.batch.validate(env, o.output); err != nil {
		return err
	}
	jobs := make([]job, len(inputs))
	for i, in := range inputs {
		jobs[i] = job{in: in, out: o.batch.place(in, o.outputFor(in, format))}
		if jobs[i].out == "-" && env.StdoutTTY && binaryFormat(format) && !o.batch.check {
			return usagef("%s is binary: use -o FILE, or redirect standard output", strings.ToUpper(string(format)))
		}
	}
	return renderBatch(env, o.batch, jobs, format, opts, len(inputs) > 1 || hasDir(inputs))
}

// resolveFormat picks the output format: --format, else -o's extension,
// else SVG.
func (o renderOptions) resolveFormat() (wardley.Format, error) {
	if o.format != "" {
		f := wardley.Format(strings.ToLower(o.format))
		for _, ok := range wardley.Formats() {
			if f == ok {
				return f, nil
			}
		}
		return "", usagef("unknown format %q (formats: %s)", o.format, formatNames())
	}
	if o.output != "" && o.output != "-" {
		f, ok := wardley.FormatOf(o.output)
		if !ok {
			return "", usagef("cannot tell the format of %s from its extension (formats: %s); use --format", o.output, formatNames())
		}
		return f, nil
	}
	return wardley.SVG, nil
}

// outputFor is where the image of in goes: -o, else standard output for
// standard input, else beside the input with the format's extension.
func (o renderOptions) outputFor(in input, f wardley.Format) string {
	switch {
	case o.output != "":
		return o.output
	case in.Path == "-":
		return "-"
	}
	return strings.TrimSuffix(in.Path, filepath.Ext(in.Path)) + "." + string(f)
}

// beforeRender, when set, sees each map before it is drawn: tests make it
// panic, as a bug in the renderer would.
var beforeRender func(src []byte)

// renderMap reads and draws one map, writing its diagnostics to stderr
// (as text or GitHub annotations); ok is false when it has errors or
// could not be read or drawn.
func renderMap(env *Env, in input, f wardley.Format, opts wardley.Options, stderr io.Writer, diagnostics string) (img []byte, ok bool) {
	src, err := readInput(env, in)
	if err != nil {
		fmt.Fprintf(stderr, "wardley: %v\n", err)
		return nil, false
	}
	if beforeRender != nil {
		beforeRender(src)
	}
	img, diags, err := wardley.Render(src, f, opts)
	writeDiagnostics(stderr, env, in.Name(), src, diags, diagnostics)
	if err != nil {
		fmt.Fprintf(stderr, "wardley: %s: %v\n", in.Name(), err)
		return nil, false
	}
	return img, !diags.HasErrors()
}

// printDiagnostics prints a map's diagnostics on stderr the way `wardley
// check` does: file:line:col, the source line and a caret.
func printDiagnostics(env *Env, name string, src []byte, list diag.List) {
	if len(list) == 0 {
		return
	}
	_ = diag.WriteText(env.Stderr, diag.Report{File: diag.NewFile(name, src), List: list}, diag.TextOptions{Color: env.color()})
}

// binaryFormat reports whether images in f are not text, and so must not
// be written to a terminal.
func binaryFormat(f wardley.Format) bool { return f == wardley.PNG || f == wardley.PDF }
