package wardley

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/wardley-maps/wardley/layout"
	"github.com/wardley-maps/wardley/model"
	svg "github.com/wardley-maps/wardley/render/svg"
)

// Format is an output format, named by its usual file extension.
type Format string

// SVG is a standalone SVG document.
const SVG Format = "svg"

// renderers draw a laid-out scene in each supported format. A format is
// supported when it is listed here.
var renderers = map[Format]func(*layout.Scene) ([]byte, error){
	SVG: svg.Render,
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
	// OnlineWardleyMaps (see docs/compat.md).
	Compat bool
}

func (o Options) layout() layout.Options {
	return layout.Options{Width: o.Width, Height: o.Height, Style: o.Style, Compat: o.Compat}
}

// RenderMap draws a compiled map in format. The error is for unsupported
// formats and internal failures only.
func RenderMap(m *model.Map, format Format, opts Options) ([]byte, error) {
	draw, ok := renderers[format]
	if !ok {
		return nil, fmt.Errorf("unsupported format %q (supported: %s)", format, formatList())
	}
	return draw(layout.Layout(m, opts.layout()))
}

// RenderScene draws an already laid-out scene in format: a scene a tool
// built or changed, such as the picture of a diff.Layout. opts carries
// the renderers' own settings (SVG has none); its layout settings are
// ignored, the scene being laid out already. The error is for unsupported
// formats and scenes a renderer cannot draw.
func RenderScene(s *layout.Scene, format Format, opts Options) ([]byte, error) {
	draw, ok := renderers[format]
	if !ok {
		return nil, fmt.Errorf("unsupported format %q (supported: %s)", format, formatList())
	}
	return draw(s)
}

func formatList() string {
	var s []string
	for _, f := range Formats() {
		s = append(s, string(f))
	}
	return strings.Join(s, ", ")
}
