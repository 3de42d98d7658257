package raster

import (
	"bytes"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"

	"github.com/wardley-maps/wardley/internal/gen"
	"github.com/wardley-maps/wardley/internal/halves"
	"github.com/wardley-maps/wardley/internal/testshared"
	"github.com/wardley-maps/wardley/layout"
	"github.com/wardley-maps/wardley/model"
)

// randomImage is a w × h image of random pixels, all opaque or not, their
// colours premultiplied as image.RGBA's are (never above alpha).
func randomImage(r *rand.Rand, w, h int, opaque bool) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		a := uint8(255)
		if !opaque {
			a = []uint8{0, 1, 128, 254, 255, uint8(r.IntN(256))}[r.IntN(6)]
		}
		for k := range 3 {
			img.Pix[i+k] = uint8(r.IntN(int(a) + 1))
		}
		img.Pix[i+3] = a
	}
	// Runs of one colour, as maps have, for the filters to tell apart.
	if h > 2 {
		for x := range w {
			img.SetRGBA(x, h/2, color.RGBA{a8(opaque), 0, 0, a8(opaque)})
		}
	}
	return img
}

func a8(opaque bool) uint8 {
	if opaque {
		return 255
	}
	return 200
}

// TestEncodePNG: what encodePNG writes decodes (image/png checks every CRC
// and the Adler-32) to exactly what image/png's own encoding decodes to,
// as RGB when every pixel is opaque and as RGBA otherwise, with the second
// half compressed on either goroutine to the same bytes, and no more
// than 1 % bigger than image/png's on a map.
func TestEncodePNG(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	var imgs []*image.RGBA
	for _, size := range [][2]int{{1, 1}, {3, 1}, {1, 3}, {7, 63}, {7, 64}, {33, 65}, {100, 201}} {
		for _, opaque := range []bool{true, false} {
			imgs = append(imgs, randomImage(r, size[0], size[1], opaque))
		}
	}
	sink, err := Image(kitchenSink(), 2)
	if err != nil {
		t.Fatal(err)
	}
	imgs = append(imgs, sink)
	// An image whose origin is not (0, 0).
	imgs = append(imgs, randomImage(r, 40, 80, true).SubImage(image.Rect(5, 7, 35, 77)).(*image.RGBA))
	for i, img := range imgs {
		got := encodePNG(img, 96)
		for _, who := range []string{"helper", "self"} {
			undo := halves.By(who)
			again := encodePNG(img, 96)
			undo()
			if !bytes.Equal(again, got) {
				t.Errorf("image %d: the second half compressed by %s changes the bytes", i, who)
			}
		}
		var std bytes.Buffer
		if err := png.Encode(&std, img); err != nil {
			t.Fatal(err)
		}
		a, err := png.Decode(bytes.NewReader(got))
		if err != nil {
			t.Fatalf("image %d (%v): does not decode: %v", i, img.Bounds(), err)
		}
		b, _ := png.Decode(bytes.NewReader(std.Bytes()))
		if wantType := std.Bytes()[25]; got[25] != wantType {
			t.Errorf("image %d: colour type %d, image/png's %d", i, got[25], wantType)
		}
		if a.Bounds().Size() != b.Bounds().Size() {
			t.Fatalf("image %d: size %v, want %v", i, a.Bounds().Size(), b.Bounds().Size())
		}
		bad := 0
		for y := range a.Bounds().Dy() {
			for x := range a.Bounds().Dx() {
				if a.At(x, y) != b.At(x, y) {
					bad++
				}
			}
		}
		if bad > 0 {
			t.Errorf("image %d (%v): %d pixels differ from image/png's", i, img.Bounds(), bad)
		}
		if img == sink && float64(len(got)) > 1.01*float64(std.Len()) {
			t.Errorf("kitchen sink: %d bytes, image/png %d", len(got), std.Len())
		}
	}
}

// TestAdler32Combine holds the combination to the checksum of the joined
// bytes, over lengths past the modulus and bytes at their largest.
func TestAdler32Combine(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		n := r.IntN(300_000)
		data := make([]byte, n)
		for i := range data {
			if r.IntN(4) == 0 {
				data[i] = 0xff
			} else {
				data[i] = byte(r.IntN(256))
			}
		}
		k := r.IntN(n + 1)
		got := adler32Combine(adler32.Checksum(data[:k]), adler32.Checksum(data[k:]), int64(n-k))
		if want := adler32.Checksum(data); got != want {
			t.Fatalf("%d bytes split at %d: %08x, want %08x", n, k, got, want)
		}
	}
}

// TestConcurrentPNG draws a map's PNG with the second half of its rows
// compressed on either goroutine (.ci/run runs it with -race).
func TestConcurrentPNG(t *testing.T) {
	want, err := PNG(kitchenSink(), 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"helper", "self"} {
		undo := halves.By(who)
		got, err := PNG(kitchenSink(), 1)
		undo()
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("second half by %s: %d bytes, %v; want the same %d bytes", who, len(got), err, len(want))
		}
	}
}

// BenchmarkEncodePNG encodes a drawn map (the kitchen sink at scale 2)
// with encodePNG and, for comparison, with image/png.
func BenchmarkEncodePNG(b *testing.B) {
	img, err := Image(kitchenSink(), 2)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("wardley", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			encodePNG(img, 192)
		}
	})
	b.Run("image-png", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var buf bytes.Buffer
			if err := png.Encode(&buf, img); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestConcurrentImage draws scenes whole and in two halves, cut at the
// middle and at rows that split paint's bands, with either goroutine
// drawing the second: every pixel must be the same. .ci/run runs it with
// -race as well.
func TestConcurrentImage(t *testing.T) {
	scenes := []*layout.Scene{kitchenSink()}
	for i, src := range testshared.Sources(t) {
		if i%16 == 0 {
			m, _ := model.CompileSource("map.owm", src)
			if m != nil {
				scenes = append(scenes, layout.Layout(m, layout.Options{Style: []string{"", "dark", "handwritten", "colour"}[i/16%4]}))
			}
		}
	}
	m, _ := model.CompileSource("gen.owm", gen.Map(gen.Options{Components: 60, Seed: 3}))
	scenes = append(scenes, layout.Layout(m, layout.Options{}))
	for i, s := range scenes {
		for _, scale := range []float64{1, 0.7} {
			w, h, err := pixelSize(s, scale)
			if err != nil {
				t.Fatal(err)
			}
			whole := drawImage(s, scale, w, h, 0)
			for _, split := range []int{h / 2, 1, bandHeight, bandHeight + 13, h - 1} {
				for _, who := range []string{"helper", "self"} {
					undo := halves.By(who)
					got := drawImage(s, scale, w, h, split)
					undo()
					if !bytes.Equal(got.Pix, whole.Pix) {
						t.Errorf("scene %d at scale %g, cut at row %d, second half by %s: pixels differ from the whole image's", i, scale, split, who)
					}
				}
			}
		}
	}
}
