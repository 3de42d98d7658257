package main

import (
	"strings"

	"github.com/spf13/pflag"

	"github.com/wardley-maps/wardley"
	"github.com/wardley-maps/wardley/layout"
	"github.com/wardley-maps/wardley/render/raster"
	"github.com/wardley-maps/wardley/theme"
)

// pictureOptions are the flags that shape a picture, shared by the
// commands that draw one (render, diff): one spelling, one help text and
// one check for each.
type pictureOptions struct {
	style         string
	width, height float64
	labels        string
	scale         float64
}

func (p *pictureOptions) addFlags(f *pflag.FlagSet) {
	f.StringVar(&p.style, "style", "", "draw in `STYLE`, whatever the map says: "+strings.Join(theme.Names, ", ")+" (or color)")
	f.Float64Var(&p.width, "width", 0, "map area width in `PIXELS` (default: the map's size, else 1100)")
	f.Float64Var(&p.height, "height", 0, "map area height in `PIXELS` (default: the map's size, else 750)")
	addLabelsFlag(f, &p.labels)
	f.Float64Var(&p.scale, "scale", raster.DefaultScale, "PNG pixels per map pixel, `FACTOR` above 0 and at most 16")
}

// addLabelsFlag adds --labels, which watch has too.
func addLabelsFlag(f *pflag.FlagSet, labels *string) {
	f.StringVar(labels, "labels", layout.LabelsAuto, "label `PLACEMENT`: auto (move labels clear of each other, but not those placed with label [x, y]), all (those too, where something is in their way) or owm (OWM's fixed offsets)")
}

func checkLabels(labels string) error {
	if !layout.KnownLabels(labels) {
		return usagef("unknown label placement %q (placements: %s)", labels, strings.Join(layout.LabelModes, ", "))
	}
	return nil
}

// check refuses values no picture can have, as usage errors.
func (p pictureOptions) check() error {
	if p.style != "" && !theme.Known(p.style) {
		return usagef("unknown style %q (styles: %s, color)", p.style, strings.Join(theme.Names, ", "))
	}
	if p.width < 0 || p.height < 0 {
		return usagef("--width and --height must be positive")
	}
	if !(p.scale > 0 && p.scale <= 16) {
		return usagef("--scale must be above 0 and at most 16, not %g", p.scale)
	}
	return checkLabels(p.labels)
}

func (p pictureOptions) options() wardley.Options {
	return wardley.Options{Style: p.style, Width: p.width, Height: p.height, Labels: p.labels, Scale: p.scale}
}

func (p pictureOptions) layout() layout.Options {
	return layout.Options{Style: p.style, Width: p.width, Height: p.height, Labels: p.labels}
}
