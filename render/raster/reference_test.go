package raster_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/wardley-maps/wardley"
	"github.com/wardley-maps/wardley/internal/testshared"
	"github.com/wardley-maps/wardley/layout"
	"github.com/wardley-maps/wardley/model"
	"github.com/wardley-maps/wardley/render/raster"
	svg "github.com/wardley-maps/wardley/render/svg"
)

// realMap is one map of the corpus or the reference set, compiled and laid
// out (reference maps at the 800 × 600 OWM drew them at).
type realMap struct {
	name  string
	scene *layout.Scene
	src   []byte
	opts  wardley.Options
}

func realMaps(t *testing.T, globs ...string) []realMap {
	t.Helper()
	dir := testshared.Dir(t)
	var out []realMap
	skipped := 0
	defer func() {
		if skipped > 0 {
			t.Logf("%d maps with errors not drawn", skipped)
		}
		// A few real maps have errors; most must draw, or the test would
		// pass by drawing nothing.
		if skipped*10 > len(out)+skipped {
			t.Errorf("%d of %d maps do not compile", skipped, len(out)+skipped)
		}
	}()
	for _, g := range globs {
		paths, _ := filepath.Glob(filepath.Join(dir, g))
		if len(paths) == 0 {
			t.Fatalf("no maps in %s", g)
		}
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			m, diags := model.CompileSource(p, src)
			if diags.HasErrors() || m == nil {
				// A map with errors draws nothing, by design; the corpus
				// has a few (its conformance test says which and why).
				if strings.Contains(g, "reference") {
					t.Errorf("%s does not compile: %v", p, diags)
				}
				skipped++
				continue
			}
			o := wardley.Options{}
			lo := layout.Options{}
			if strings.Contains(g, "reference") {
				if m.Size.Width <= 0 {
					o.Width, lo.Width = 800, 800
				}
				if m.Size.Height <= 0 {
					o.Height, lo.Height = 600, 600
				}
			}
			out = append(out, realMap{name: strings.TrimSuffix(filepath.Base(p), ".owm"), scene: layout.Layout(m, lo), src: src, opts: o})
		}
	}
	return out
}

// label is a line of text the scene draws; oblique says it is turned by
// an angle other than a multiple of 90°, which pdftotext reads letter by
// letter (the text is there, in order, but not as words).
type label struct {
	text    string
	oblique bool
}

func sceneLabels(s *layout.Scene) []label {
	var out []label
	for _, g := range s.Groups {
		for _, sh := range g.Shapes {
			if t := sh.Text; t != nil && t.Fill.A > 0 {
				oblique := math.Mod(t.Rotate, 90) != 0
				for _, l := range t.Lines {
					out = append(out, label{l, oblique})
				}
			}
		}
	}
	return out
}

// Every real map renders to a PNG of the right size and to a PDF that
// poppler opens and whose text holds every label.
func TestRealMapsRender(t *testing.T) {
	t.Parallel()
	maps := realMaps(t, "corpus/*.owm", "reference/maps/*.owm")
	pdftotext := raster.Poppler(t, "pdftotext")
	ws := regexp.MustCompile(`\s+`)
	var mu sync.Mutex
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for _, m := range maps {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			var errs []string
			fail := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(m.name+": "+format, args...)) }
			defer func() {
				mu.Lock()
				for _, e := range errs {
					t.Error(e)
				}
				mu.Unlock()
			}()
			// Half scale for the corpus keeps the test quick; the reference
			// maps are drawn at the facade's default, 2.
			// The reference maps go through the facade at its default
			// scale, 2; the corpus straight to the renderer at half scale,
			// which keeps the test quick.
			var b []byte
			var err error
			scale := 0.5
			if m.opts.Width > 0 {
				scale = 2
				b, _, err = wardley.Render(m.src, wardley.PNG, m.opts)
			} else {
				b, err = raster.PNG(m.scene, scale)
			}
			if err != nil {
				fail("png: %v", err)
				return
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				fail("png does not decode: %v", err)
				return
			}
			w, h := int(math.Ceil(m.scene.Width*scale-1e-9)), int(math.Ceil(m.scene.Height*scale-1e-9))
			if img.Bounds() != image.Rect(0, 0, w, h) {
				fail("png is %v, want %d × %d", img.Bounds(), w, h)
			}
			pdf, err := raster.PDF(m.scene)
			if err != nil {
				fail("pdf: %v", err)
				return
			}
			cmd := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", "-", "-")
			cmd.Stdin = bytes.NewReader(pdf)
			var out, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &stderr
			if err := cmd.Run(); err != nil || stderr.Len() > 0 {
				fail("pdftotext: %v %s", err, stderr.String())
				return
			}
			text := ws.ReplaceAllString(out.String(), " ")
			letters := ws.ReplaceAllString(out.String(), "")
			for _, l := range sceneLabels(m.scene) {
				want := strings.TrimSpace(ws.ReplaceAllString(l.text, " "))
				found := strings.Contains(text, want)
				if l.oblique {
					found = strings.Contains(letters, ws.ReplaceAllString(l.text, ""))
				}
				if want != "" && !found {
					fail("label %q not in the PDF's text", l.text)
				}
			}
		}()
	}
	wg.Wait()
}

// The tolerance of the Chromium comparison, after a 3×3 blur at scale 2
// (see raster.CompareImages). Chromium hints glyphs vertically ("slight"
// hinting snaps cap and x-heights to the pixel grid) and antialiases edges
// its own way; the blur forgives a pixel of that, not more. Measured on
// the reference maps: a mean of 0.12–0.39/255 and at most 0.01% of pixels
// off by more than a quarter of full scale. The bounds are 1.5 and 5 times
// that: room for another Chromium build's antialiasing, none for a fault.
// Dashes drawn at half length fail every dashed map (0.10–0.21% off); one
// missing 14 px label is 0.25% or more of a page; a long line a pixel off,
// about 0.1%.
const (
	maxMeanDiff = 0.6    // of 255, per channel
	maxBadShare = 0.0005 // of pixels off by more than 64
)

// TestChromiumMatchesSVG draws each reference map twice, through the SVG
// renderer and headless Chromium, and through this package, and compares
// the pictures: the PNG must show what a browser shows for our SVG.
func TestChromiumMatchesSVG(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	t.Parallel() // mostly waiting for the browser
	maps := realMaps(t, "reference/maps/*.owm")
	// The kitchen sink (every primitive and text feature) goes along, with
	// looser bounds: where it asks for a bold italic or a glyph no embedded
	// face has, Chromium's choices differ from ours on purpose (it fakes
	// bold on the italic face, we slant the bold one; it draws nothing for
	// a missing glyph, we draw a box). Measured at scale 2: 1.06/255, 0.38%.
	ks := raster.KitchenSink()
	maps = append(maps, realMap{name: "kitchen-sink", scene: ks})
	const scale = 2
	// One page, four maps a row: one browser start for them all.
	var pages []raster.SVGPage
	rowH, x, y := 0, 0, 0
	for i, m := range maps {
		var doc []byte
		var err error
		if m.src != nil {
			doc, _, err = wardley.Render(m.src, wardley.SVG, m.opts)
		} else {
			doc, err = svg.Render(m.scene)
		}
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 && i%4 == 0 {
			x, y, rowH = 0, y+rowH+8, 0
		}
		pages = append(pages, raster.SVGPage{Name: m.name, SVG: doc, X: x, Y: y, W: m.scene.Width, H: m.scene.Height})
		x += int(math.Ceil(m.scene.Width)) + 8
		rowH = max(rowH, int(math.Ceil(m.scene.Height)))
	}
	shot := raster.Screenshot(t, pages, scale)
	for i, m := range maps {
		ours, err := raster.Image(m.scene, scale)
		if err != nil {
			t.Fatal(err)
		}
		p := pages[i]
		theirs := raster.Crop(shot, ours.Bounds().Add(image.Pt(p.X*scale, p.Y*scale)))
		d := raster.CompareImages(ours, theirs)
		t.Logf("%-28s %v", m.name, d)
		maxMean, maxBad := maxMeanDiff, maxBadShare
		if m.src == nil {
			maxMean, maxBad = 2.0, 0.01 // the kitchen sink, see above
		}
		if d.Mean() > maxMean || d.Bad() > maxBad {
			t.Errorf("%s: our PNG differs from Chromium's rendering of our SVG: %v (allowed: mean %.2f, %.2f%%)",
				m.name, d, maxMean, 100*maxBad)
		}
	}
}
