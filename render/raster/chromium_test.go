package raster

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardley-maps/wardley/font"
	"github.com/wardley-maps/wardley/internal/browsertest"
)

// svgPage is one SVG to screenshot, placed at (X, Y) CSS pixels.
type svgPage struct {
	Name string
	SVG  []byte
	X, Y int
	W, H float64
}

// screenshot lays the SVGs out on one page (one browser start for them
// all: each start costs seconds) and returns Chromium's picture of it at
// scale. Chromium sees only wardley's embedded fonts, through a private
// fontconfig with the system's rendering defaults (slight hinting,
// antialiasing, synthetic bold and oblique), so that the comparison
// measures the renderer, not the choice of font.
func screenshot(t *testing.T, pages []svgPage, scale float64) *image.RGBA {
	t.Helper()
	bin := browsertest.Chromium(t)
	dir := t.TempDir()
	fontDir := filepath.Join(dir, "fonts")
	if err := os.MkdirAll(fontDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range font.Faces() {
		if err := os.WriteFile(filepath.Join(fontDir, f.Name+".ttf"), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	conf := `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>` + fontDir + `</dir>
  <cachedir>` + filepath.Join(dir, "fc-cache") + `</cachedir>
  <include ignore_missing="yes">/etc/fonts/conf.d/10-hinting-slight.conf</include>
  <include ignore_missing="yes">/etc/fonts/conf.d/10-yes-antialias.conf</include>
  <include ignore_missing="yes">/etc/fonts/conf.d/90-synthetic.conf</include>
</fontconfig>
`
	confPath := filepath.Join(dir, "fonts.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	var html strings.Builder
	html.WriteString("<!DOCTYPE html><html><head><style>html,body{margin:0;background:#fff}img{position:absolute}</style></head><body>\n")
	pw, ph := 0, 0
	for i, p := range pages {
		name := fmt.Sprintf("m%02d.svg", i)
		if err := os.WriteFile(filepath.Join(dir, name), p.SVG, 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&html, `<img src="%s" style="left:%dpx;top:%dpx;width:%gpx;height:%gpx">`+"\n", name, p.X, p.Y, p.W, p.H)
		pw = max(pw, p.X+int(math.Ceil(p.W)))
		ph = max(ph, p.Y+int(math.Ceil(p.H)))
	}
	html.WriteString("</body></html>\n")
	if err := os.WriteFile(filepath.Join(dir, "page.html"), []byte(html.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "shot.png")
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--hide-scrollbars", "--no-first-run",
		fmt.Sprintf("--window-size=%d,%d", pw, ph), fmt.Sprintf("--force-device-scale-factor=%g", scale),
		"--screenshot="+out, "file://"+filepath.Join(dir, "page.html"))
	cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+confPath)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, msg)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	return rgba
}

// diffStats compares two pictures of the same size, both flattened onto
// white, after a 3×3 box blur that forgives antialiasing that lands a
// pixel apart: mean is the mean absolute difference per channel (0–255),
// bad the fraction of pixels where some channel differs by more than 64
// (a quarter of full scale: a real shape or glyph edge, not a shade).
type diffStats struct {
	mean, bad float64
}

func (d diffStats) String() string {
	return fmt.Sprintf("mean %.2f/255, %.2f%% of pixels off by > 64", d.mean, 100*d.bad)
}

func compareImages(a, b image.Image) diffStats {
	fa, fb := blurOnWhite(a), blurOnWhite(b)
	w, h := min(fa.w, fb.w), min(fa.h, fb.h)
	var sum float64
	bad := 0
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			worst := 0.0
			for c := 0; c < 3; c++ {
				d := math.Abs(fa.at(x, y, c) - fb.at(x, y, c))
				sum += d
				worst = max(worst, d)
			}
			if worst > 64 {
				bad++
			}
		}
	}
	n := float64(w * h)
	return diffStats{mean: sum / (3 * n), bad: float64(bad) / n}
}

type floatImage struct {
	w, h int
	pix  []float64
}

func (f *floatImage) at(x, y, c int) float64 { return f.pix[(y*f.w+x)*3+c] }

func blurOnWhite(img image.Image) *floatImage {
	rgba, ok := img.(*image.RGBA)
	if !ok {
		rgba = image.NewRGBA(img.Bounds())
		draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	}
	r := rgba.Bounds()
	w, h := r.Dx(), r.Dy()
	// Premultiplied colour over white is c + (255 - alpha).
	flat := make([]float64, w*h*3)
	for y := 0; y < h; y++ {
		row := rgba.Pix[rgba.PixOffset(r.Min.X, r.Min.Y+y):]
		for x := 0; x < w; x++ {
			px := row[4*x : 4*x+4]
			white := 255 - float64(px[3])
			i := (y*w + x) * 3
			flat[i], flat[i+1], flat[i+2] = float64(px[0])+white, float64(px[1])+white, float64(px[2])+white
		}
	}
	// The 3×3 box in two passes, rows then columns, each averaging the
	// taps inside the picture.
	rows := make([]float64, len(flat))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := (y*w + x) * 3
			for c := 0; c < 3; c++ {
				s, k := flat[i+c], 1.0
				if x > 0 {
					s, k = s+flat[i-3+c], k+1
				}
				if x+1 < w {
					s, k = s+flat[i+3+c], k+1
				}
				rows[i+c] = s / k
			}
		}
	}
	out := flat // reused: rows holds the data now
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := (y*w + x) * 3
			for c := 0; c < 3; c++ {
				s, k := rows[i+c], 1.0
				if y > 0 {
					s, k = s+rows[i-3*w+c], k+1
				}
				if y+1 < h {
					s, k = s+rows[i+3*w+c], k+1
				}
				out[i+c] = s / k
			}
		}
	}
	return &floatImage{w: w, h: h, pix: out}
}

// crop returns the part r of img, moved to the origin.
func crop(img image.Image, r image.Rectangle) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(out, out.Bounds(), img, r.Min, draw.Src)
	return out
}
