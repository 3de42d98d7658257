package wardley

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/wardley-maps/wardley/layout"
	"github.com/wardley-maps/wardley/model"
	"github.com/wardley-maps/wardley/render/raster"
	svg "github.com/wardley-maps/wardley/render/svg"
)

// Format is an output format, named by its usual file extension.
type Format string

const (
	// SVG is a standalone SVG document.
	SVG Format = "svg"
	// PNG is an image at Options.Scale pixels per map pixel.
	PNG Format = "png"
	// PDF is a one-page vector PDF with the text as text.
	PDF Format = "pdf"
)

// renderers draw a laid-out scene in each supported format. A format is
// supported when it is listed here.
var renderers = map[Format]func(*layout.Scene, Options) ([]byte, error){
	SVG: func(s *layout.Scene, _ Options) ([]byte, error) { return svg.Render(s) },
	PNG: func(s *layout.Scene, o Options) ([]byte, error) { return raster.PNG(s, o.Scale) },
	PDF: func(s *layout.Scene, _ Options) ([]byte, error) { return raster.PDF(s) },
}

// Formats lists the supported formats, sorted.
func Formats() []Format {
	out := make([]Format, 0, len(renderers))
	for f := range renderers {
		out = append(out, f)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// FormatOf returns the format a file name's extension names ("map.svg" ⇒
// svg), case-insensitively, and whether it is supported.
func FormatOf(name string) (Format, bool) {
	f := Format(strings.ToLower(strings.TrimPrefix(filepath.Ext(name), ".")))
	_, ok := renderers[f]
	return f, ok
}

// Options tune rendering. The zero value draws the map as written, at its
// own size and style.
type Options struct {
	// Style, when not empty, replaces the map's `style`: plain, wardley,
	// colour (or color), handwritten or dark.
	Style string
	// Width and Height, when > 0, set the map area in pixels (the page adds
	// OWM's margins), replacing the map's `size`.
	Width, Height float64
	// Compat reproduces OWM's drawing quirks, for pixel comparisons with
	// OnlineWardleyMaps (see docs/compat.md). It implies Labels "owm".
	Compat bool
	// Scale is the PNG's pixels per map pixel; 0 means 2, crisp on
	// high-density screens and in docs. Other formats ignore it.
	Scale float64
	// Labels is the label placement: "auto" (or "") moves every label
	// whose author wrote no `label [x, y]` to where it overlaps least with
	// other labels, symbols and lines; "all" moves those with a written
	// offset too, where something is in their way; "owm" keeps OWM's fixed
	// offsets.
	Labels string
}

func (o Options) layout() layout.Options {
	return layout.Options{Width: o.Width, Height: o.Height, Style: o.Style, Compat: o.Compat, Labels: o.Labels}
}

// check reports options no renderer can honour.
func (o Options) check() error {
	if !(o.Width <= model.MaxMapSize && o.Height <= model.MaxMapSize) {
		return fmt.Errorf("map size %g × %g is more than the %d pixels a side wardley draws", o.Width, o.Height, model.MaxMapSize)
	}
	if !layout.KnownLabels(o.Labels) {
		return fmt.Errorf("unknown label placement %q (placements: %s)", o.Labels, strings.Join(layout.LabelModes, ", "))
	}
	return nil
}

// RenderMap draws a compiled map in format. The error is for unsupported
// formats and options, and internal failures only.
func RenderMap(m *model.Map, format Format, opts Options) ([]byte, error) {
	draw, ok := renderers[format]
	if !ok {
		return nil, fmt.Errorf("unsupported format %q (supported: %s)", format, formatList())
	}
	if err := opts.check(); err != nil {
		return nil, err
	}
	// The scene lives only for the drawing: its memory goes to the next map.
	var out []byte
	var err error
	layout.Use(m, opts.layout(), func(s *layout.Scene) { out, err = draw(s, opts) })
	return out, err
}

// RenderScene draws an already laid-out scene in format: a scene a tool
// built or changed, such as the picture of a diff.Layout. opts carries
// the renderers' own settings (PNG's Scale); its layout settings are
// ignored, the scene being laid out already. The error is for unsupported
// formats, bad options and scenes a renderer cannot draw.
func RenderScene(s *layout.Scene, format Format, opts Options) ([]byte, error) {
	draw, ok := renderers[format]
	if !ok {
		return nil, fmt.Errorf("unsupported format %q (supported: %s)", format, formatList())
	}
	if err := opts.check(); err != nil {
		return nil, err
	}
	return draw(s, opts)
}

func formatList() string {
	var s []string
	for _, f := range Formats() {
		s = append(s, string(f))
	}
	return strings.Join(s, ", ")
}
