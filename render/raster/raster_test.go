package raster

import (
	"bytes"
	"encoding/binary"
	"flag"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/wardley-maps/wardley/layout"
)

var update = flag.Bool("update", false, "rewrite golden files")

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	return img
}

func TestPNGSize(t *testing.T) {
	s := kitchenSink() // 400 × 300
	for _, c := range []struct {
		scale float64
		w, h  int
	}{{0, 800, 600}, {1, 400, 300}, {2, 800, 600}, {0.5, 200, 150}, {1.5, 600, 450}, {0.33, 132, 99}} {
		b, err := PNG(s, c.scale)
		if err != nil {
			t.Fatalf("scale %g: %v", c.scale, err)
		}
		if got := decodePNG(t, b).Bounds(); got.Dx() != c.w || got.Dy() != c.h {
			t.Errorf("scale %g: %d × %d, want %d × %d", c.scale, got.Dx(), got.Dy(), c.w, c.h)
		}
	}
	odd := &layout.Scene{Width: 100.5, Height: 10.2}
	img, err := Image(odd, 2)
	if err != nil || img.Bounds().Dx() != 201 || img.Bounds().Dy() != 21 {
		t.Errorf("100.5 × 10.2 at 2: %v %v, want 201 × 21", img.Bounds(), err)
	}
}

func TestScaleErrors(t *testing.T) {
	s := kitchenSink()
	for _, scale := range []float64{-1, math.NaN(), math.Inf(1), 1000} {
		if _, err := PNG(s, scale); err == nil {
			t.Errorf("scale %g: no error", scale)
		}
	}
	if _, err := PNG(&layout.Scene{}, 2); err == nil {
		t.Error("empty scene: no error")
	}
	if _, err := PDF(&layout.Scene{}); err == nil {
		t.Error("empty scene PDF: no error")
	}
}

// Same scene, same bytes: twice in a row and from several goroutines at
// once (the font cache is per render, the embedded faces are shared).
func TestDeterministic(t *testing.T) {
	s := kitchenSink()
	png1, _ := PNG(s, 2)
	pdf1, _ := PDF(s)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			png2, err := PNG(s, 2)
			if err != nil || !bytes.Equal(png1, png2) {
				t.Errorf("PNG differs between runs (%v)", err)
			}
			pdf2, err := PDF(s)
			if err != nil || !bytes.Equal(pdf1, pdf2) {
				t.Errorf("PDF differs between runs (%v)", err)
			}
		}()
	}
	wg.Wait()
}

func rgbaAt(img *image.RGBA, x, y int) color.NRGBA {
	return color.NRGBAModel.Convert(img.RGBAAt(x, y)).(color.NRGBA)
}

func near(c color.NRGBA, r, g, b, a uint8, tol int) bool {
	d := func(x, y uint8) bool { return int(x)-int(y) <= tol && int(y)-int(x) <= tol }
	return d(c.R, r) && d(c.G, g) && d(c.B, b) && d(c.A, a)
}

// Pixels that pin down the semantics the SVG renderer has: background,
// objectBoundingBox gradients, group opacity, dashes with butt caps,
// the round-capped zero-length dash, miter and caps.
func TestPixels(t *testing.T) {
	img, err := Image(kitchenSink(), 1)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name       string
		x, y       int
		r, g, b, a uint8
		tol        int
	}{
		{"page background", 2, 2, 255, 255, 255, 255, 0},
		{"gradient at the map's left edge", 36, 250, 196, 196, 196, 255, 3},
		{"gradient in its white band", 200, 135, 255, 255, 255, 255, 1},
		{"gradient at the map's right edge", 363, 250, 196, 196, 196, 255, 5},
		// 50% yellow over white, and a 50% black stroke over white: the
		// group's opacity applies once to fill and stroke together.
		{"pipeline fill at half opacity", 220, 110, 255, 228, 128, 255, 2},
		{"pipeline stroke at half opacity", 181, 110, 128, 128, 128, 255, 2},
		{"component circle fill", 200, 80, 255, 255, 255, 255, 0},
		// t = 0.15 along red→blue, at fill-opacity 0.8 over white.
		{"diagonal gradient near its red corner", 289, 69, 205, 88, 105, 255, 6},
		{"butt cap ends at x=110", 111, 60, 255, 255, 255, 255, 30},
		{"square cap reaches x=112", 111, 84, 40, 80, 220, 255, 30},
		{"round cap reaches x=112", 112, 72, 40, 80, 220, 255, 120},
		{"zero-length dash with a round cap is a dot", 50, 150, 128, 128, 128, 255, 40},
	}
	for _, c := range checks {
		if got := rgbaAt(img, c.x, c.y); !near(got, c.r, c.g, c.b, c.a, c.tol) {
			t.Errorf("%s at (%d, %d): %v, want ≈ {%d %d %d %d}", c.name, c.x, c.y, got, c.r, c.g, c.b, c.a)
		}
	}
	// A dashed 5-5 line from (50,100) to (150,130): dashes at 0–5, 10–15,
	// ... along it; sample the middle of the first dash and the first gap.
	dir := pt{100, 30}.mul(1 / math.Hypot(100, 30))
	on := pt{50, 100}.add(dir.mul(2.5))
	off := pt{50, 100}.add(dir.mul(7.5))
	if c := rgbaAt(img, int(on.X), int(on.Y)); c.R > 160 {
		t.Errorf("dash at %v is not drawn: %v", on, c)
	}
	if c := rgbaAt(img, int(off.X), int(off.Y)); c.R < 180 {
		t.Errorf("gap at %v is drawn: %v", off, c)
	}
}

func TestTransparentBackground(t *testing.T) {
	s := kitchenSink()
	s.Background = layout.Color{}
	img, _ := Image(s, 1)
	if c := img.RGBAAt(2, 2); c.A != 0 {
		t.Errorf("corner of a scene without background: %v, want transparent", c)
	}
	if c := img.RGBAAt(200, 135); c.A != 255 {
		t.Errorf("map area: %v, want opaque", c)
	}
}

// The kitchen sink's PNG is checked in (testdata/kitchen-sink.png, at
// scale 2): a change in how anything is drawn shows as a changed picture
// to look at. Pixels may differ by rounding (±2 per channel) between
// toolchains, never more.
func TestGoldenPNG(t *testing.T) {
	got, err := PNG(kitchenSink(), 2)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "kitchen-sink.png")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	a, b := decodePNG(t, got), decodePNG(t, want)
	if a.Bounds() != b.Bounds() {
		t.Fatalf("size %v, golden %v", a.Bounds(), b.Bounds())
	}
	bad := 0
	for y := 0; y < a.Bounds().Dy(); y++ {
		for x := 0; x < a.Bounds().Dx(); x++ {
			p := color.NRGBAModel.Convert(a.At(x, y)).(color.NRGBA)
			q := color.NRGBAModel.Convert(b.At(x, y)).(color.NRGBA)
			if !near(p, q.R, q.G, q.B, q.A, 2) {
				bad++
			}
		}
	}
	if bad > 0 {
		out := filepath.Join(t.TempDir(), "kitchen-sink.png")
		os.WriteFile(out, got, 0o644)
		t.Errorf("%d pixels differ from %s; new picture in %s (go test -update accepts it)", bad, path, out)
	}
}

// Axis-aligned rectangles skip the rasteriser: their edge pixels must
// still be covered by exactly the share inside.
func TestRectCoverage(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 40))
	rs := newSurface(img, img.Rect, identity, 1)
	var p path
	rectPath(&p, 10.25, 10.5, 10.5, 9.5, 0)
	if _, _, ok := axisRect(&p); !ok {
		t.Fatal("rectangle not recognised")
	}
	rs.fillPath(&p, fillPaint{color: layout.Color{A: 255}, opacity: 1})
	sum := 0.0
	for i := 3; i < len(img.Pix); i += 4 {
		sum += float64(img.Pix[i]) / 255
	}
	if math.Abs(sum-10.5*9.5) > 0.1 {
		t.Errorf("covered area %.2f, want %.2f", sum, 10.5*9.5)
	}
	if a := img.RGBAAt(10, 15).A; a < 185 || a > 197 {
		t.Errorf("left edge pixel alpha %d, want ≈ 191 (3/4 covered)", a)
	}
	var r path
	rectPath(&r, 0, 0, 10, 10, 0)
	r.transform(rotation(30))
	if _, _, ok := axisRect(&r); ok {
		t.Error("a turned rectangle taken for an axis-aligned one")
	}
}

// The PNG says its density (96 dpi × scale), so documents show it at the
// size of the SVG; it still decodes.
func TestPNGDensity(t *testing.T) {
	for _, c := range []struct {
		scale float64
		ppm   uint32
	}{{0, 7559}, {1, 3780}, {2, 7559}, {3, 11339}} {
		b, err := PNG(kitchenSink(), c.scale)
		if err != nil {
			t.Fatal(err)
		}
		decodePNG(t, b)
		i := bytes.Index(b, []byte("pHYs"))
		if i != 37 {
			t.Fatalf("scale %g: pHYs at %d, want right after IHDR (37)", c.scale, i)
		}
		x, y, unit := binary.BigEndian.Uint32(b[i+4:]), binary.BigEndian.Uint32(b[i+8:]), b[i+12]
		if x != c.ppm || y != c.ppm || unit != 1 {
			t.Errorf("scale %g: pHYs %d × %d per unit %d, want %d per metre", c.scale, x, y, unit, c.ppm)
		}
		if got, want := binary.BigEndian.Uint32(b[i+13:]), crc32.ChecksumIEEE(b[i:i+13]); got != want {
			t.Errorf("scale %g: pHYs CRC %08x, want %08x", c.scale, got, want)
		}
	}
}
