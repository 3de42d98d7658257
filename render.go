package wardley

import (
	"fmt"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/model"
)

// Render compiles OWM map text and draws it in format. diags holds every
// error and warning, sorted; when it has an error, out is nil. err is only
// for unsupported formats and options, and internal failures.
func Render(src []byte, format Format, opts Options) (out []byte, diags diag.List, err error) {
	if _, ok := renderers[format]; !ok {
		return nil, nil, fmt.Errorf("unsupported format %q (supported: %s)", format, formatList())
	}
	if err := opts.check(); err != nil {
		return nil, nil, err
	}
	// The Map lives only for the drawing: its memory goes to the next map.
	model.Use("", src, func(m *model.Map, d diag.List) {
		diags = d
		if diags.HasErrors() || m == nil {
			return
		}
		out, err = RenderMap(m, format, opts)
	})
	return out, diags, err
}
