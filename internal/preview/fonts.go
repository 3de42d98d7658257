package preview

import (
	"net/http"

	"github.com/wardley-maps/wardley/font"
)

// The page declares the fonts wardley measures text with (@font-face in
// page.html) and the server serves them from the binary: a browser without
// Gloria Hallelujah would otherwise draw the handwritten style in its
// default serif, and one without Helvetica or Arial the others in whatever
// it has, with text wider or narrower than the layout measured.

// fontFamilies are the CSS family names the pictures use for each face.
var fontFamilies = map[font.Family]string{
	font.Sans: "Liberation Sans",
	font.Mono: "Liberation Mono",
	font.Hand: "Gloria Hallelujah",
}

func (s *Server) serveFont(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	for _, f := range font.Faces() {
		if f.Name+".ttf" == file {
			h := w.Header()
			h.Set("Content-Type", "font/ttf")
			// The files are part of the binary: they change only with it.
			h.Set("Cache-Control", "max-age=3600")
			_, _ = w.Write(f.Data)
			return
		}
	}
	http.NotFound(w, r)
}
