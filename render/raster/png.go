package raster

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"image"
	"math"
	"sync"

	"github.com/wardley-maps/wardley/internal/halves"
)

// halfRows is the fewest rows an image has for encodePNG to compress its
// two halves at once: a map at the default scale has over a thousand, the
// kitchen sink of the tests 600 at scale 2.
const halfRows = 64

// encodePNG writes img as a PNG that says it has dpi pixels per inch (a
// pHYs chunk): 8-bit RGB when every pixel is opaque, as every map is, and
// 8-bit RGBA (not premultiplied) otherwise, as Go's image/png writes it.
//
// Each row is filtered as image/png and libpng filter it (by whichever of
// the five PNG filters gives the smallest sum of absolute values) and
// compressed at the default level. The top and bottom halves are two
// deflate streams made at once (halves.Do): the first ends with a sync
// flush, so that the second follows it as the rest of one stream, and
// their Adler-32 checksums are combined. Where the image is cut depends
// only on its height, so the bytes are the same on one core or two.
// Encoding took as long as drawing (136 ms of 264 for the median corpus
// map at scale 2 with image/png); on two cores this takes about 30 % off
// it (BenchmarkEncodePNG), for files within 0.2 % of image/png's size.
func encodePNG(img *image.RGBA, dpi float64) []byte {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	bpp, colorType := 4, byte(6)
	if img.Opaque() {
		bpp, colorType = 3, 2
	}
	var top, bottom deflated
	if h >= halfRows {
		split := h / 2
		halves.Do(
			func() { top = deflateRows(img, bpp, 0, split, false) },
			func() { bottom = deflateRows(img, bpp, split, h, true) })
	} else {
		top = deflateRows(img, bpp, 0, h, true)
	}

	out := make([]byte, 0, 8+25+21+12+2+len(top.data)+len(bottom.data)+4+12)
	out = append(out, "\x89PNG\r\n\x1a\n"...)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, colorType // bit depth; compression, filter and interlace methods 0
	out = chunk(out, "IHDR", ihdr[:])
	var phys [9]byte
	ppm := uint32(math.Round(dpi / 0.0254))
	binary.BigEndian.PutUint32(phys[0:], ppm)
	binary.BigEndian.PutUint32(phys[4:], ppm)
	phys[8] = 1 // the unit is the metre
	out = chunk(out, "pHYs", phys[:])
	// One IDAT: the zlib header (deflate, 32 KiB window, default level),
	// both halves, the checksum of all the filtered rows.
	sum := adler32Combine(top.adler, bottom.adler, bottom.n)
	if bottom.n == 0 {
		sum = top.adler
	}
	start := len(out)
	out = binary.BigEndian.AppendUint32(out, uint32(2+len(top.data)+len(bottom.data)+4))
	out = append(out, "IDAT\x78\x9c"...)
	out = append(out, top.data...)
	out = append(out, bottom.data...)
	out = binary.BigEndian.AppendUint32(out, sum)
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start+4:]))
	return chunk(out, "IEND", nil)
}

// chunk appends a PNG chunk: length, type, data, CRC of type and data.
func chunk(out []byte, typ string, data []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	start := len(out)
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}

// flateWriters keeps compressors between PNGs: each holds most of a MB of
// tables, which a batch of maps would otherwise allocate and clear twice
// a map.
var flateWriters = sync.Pool{New: func() any {
	zw, _ := flate.NewWriter(nil, flate.DefaultCompression) // the level is valid: no error
	return zw
}}

// deflated is rows y0 to y1 of an image, filtered and compressed: data,
// the Adler-32 of the filtered bytes and their number.
type deflated struct {
	data  []byte
	adler uint32
	n     int64
}

// The PNG row filters (PNG specification, section 9.2).
const (
	ftNone = iota
	ftSub
	ftUp
	ftAverage
	ftPaeth
	nFilters
)

// deflateRows filters and compresses rows y0 to y1 of img, bpp bytes a
// pixel. The stream ends with a sync flush, or, for the last rows, closes.
func deflateRows(img *image.RGBA, bpp, y0, y1 int, last bool) deflated {
	n := 1 + img.Rect.Dx()*bpp
	cur, prev := make([]byte, n), make([]byte, n)
	if y0 > 0 {
		pixelRow(prev[1:], img, y0-1, bpp)
	}
	var filtered [nFilters][]byte
	for f := range filtered {
		filtered[f] = make([]byte, n)
		filtered[f][0] = byte(f)
	}
	var buf bytes.Buffer
	// A map compresses to about 3 % of its filtered rows (307 KB of
	// 11.8 MB for the median corpus map).
	buf.Grow((y1 - y0) * n / 24)
	zw := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(zw)
	zw.Reset(&buf)
	sum := adler32.New()
	for y := y0; y < y1; y++ {
		pixelRow(cur[1:], img, y, bpp)
		row := filtered[bestFilter(&filtered, cur[1:], prev[1:], bpp)]
		zw.Write(row) // into a bytes.Buffer: cannot fail
		sum.Write(row)
		cur, prev = prev, cur
	}
	if last {
		zw.Close()
	} else {
		zw.Flush()
	}
	return deflated{data: buf.Bytes(), adler: sum.Sum32(), n: int64(y1-y0) * int64(n)}
}

// pixelRow writes row y of img (counted from its top) into dst: RGB (bpp
// 3) of an opaque image, or RGBA with the colour no longer premultiplied
// by alpha (bpp 4), as color.NRGBAModel converts it.
func pixelRow(dst []byte, img *image.RGBA, y, bpp int) {
	y += img.Rect.Min.Y
	src := img.Pix[img.PixOffset(img.Rect.Min.X, y):img.PixOffset(img.Rect.Max.X, y)]
	if bpp == 3 {
		for i, j := 0, 0; i < len(src); i, j = i+4, j+3 {
			dst[j], dst[j+1], dst[j+2] = src[i], src[i+1], src[i+2]
		}
		return
	}
	for i := 0; i < len(src); i += 4 {
		switch a := src[i+3]; a {
		case 0:
			dst[i], dst[i+1], dst[i+2], dst[i+3] = 0, 0, 0, 0
		case 0xff:
			copy(dst[i:i+4], src[i:i+4])
		default:
			// 8 to 16 bits (× 0x101), then un-premultiplied (× 0xffff / a),
			// then back to 8 bits: color.NRGBAModel's arithmetic.
			a16 := uint32(a) * 0x101
			for k := range 3 {
				dst[i+k] = uint8(uint32(src[i+k]) * 0x101 * 0xffff / a16 >> 8)
			}
			dst[i+3] = a
		}
	}
}

// bestFilter returns the filter whose output for row (whose row above is
// prev) has the least sum of absolute values, the bytes read as signed,
// and leaves that output in filtered. The filters are tried in the order
// most likely to win on a map (up, Paeth, none, sub, average), each
// abandoned once its sum reaches the best so far; ties go to the earlier.
func bestFilter(filtered *[nFilters][]byte, row, prev []byte, bpp int) int {
	n := len(row)
	best, bestSum := ftUp, 0
	up := filtered[ftUp][1:]
	for i := range n {
		v := row[i] - prev[i]
		up[i] = v
		bestSum += int(abs8[v])
	}
	try := func(f int, at func(i int) byte) {
		out, sum := filtered[f][1:], 0
		for i := range n {
			v := at(i)
			out[i] = v
			if sum += int(abs8[v]); sum >= bestSum {
				return
			}
		}
		best, bestSum = f, sum
	}
	try(ftPaeth, func(i int) byte {
		if i < bpp {
			return row[i] - prev[i] // the predictor of (0, b, 0) is b
		}
		return row[i] - paethPredictor(row[i-bpp], prev[i], prev[i-bpp])
	})
	try(ftNone, func(i int) byte { return row[i] })
	try(ftSub, func(i int) byte {
		if i < bpp {
			return row[i]
		}
		return row[i] - row[i-bpp]
	})
	try(ftAverage, func(i int) byte {
		if i < bpp {
			return row[i] - prev[i]/2
		}
		return row[i] - byte((int(row[i-bpp])+int(prev[i]))>>1)
	})
	return best
}

// abs8[v] is |v| for the byte v read as a signed number.
var abs8 = func() (t [256]uint8) {
	for v := range t {
		t[v] = uint8(min(v, 256-v))
	}
	return t
}()

// paethPredictor is whichever of a (left), b (above) and c (upper left)
// is nearest a + b − c, ties in that order.
func paethPredictor(a, b, c byte) byte {
	// With p = a + b − c: p − a = b − c, p − b = a − c, p − c = both.
	pa, pb := int(b)-int(c), int(a)-int(c)
	pc := absInt(pa + pb)
	pa, pb = absInt(pa), absInt(pb)
	if pa <= pb && pa <= pc {
		return a
	}
	if pb <= pc {
		return b
	}
	return c
}

func absInt(v int) int {
	m := v >> 63
	return (v ^ m) - m
}

// adler32Combine is the Adler-32 of A followed by B, from that of A, that
// of B and B's length.
func adler32Combine(a, b uint32, lenB int64) uint32 {
	const mod = 65521
	rem := uint32(lenB % mod)
	s1a, s2a := a&0xffff, a>>16
	s1b, s2b := b&0xffff, b>>16
	// s1 adds B's bytes to A's (both counted the initial 1); s2 adds, for
	// each of B's bytes, A's s1 less the 1 B's own s1 started from.
	s1 := (s1a + s1b + mod - 1) % mod
	s2 := (s2a + s2b + rem*((s1a+mod-1)%mod)%mod) % mod
	return s2<<16 | s1
}
