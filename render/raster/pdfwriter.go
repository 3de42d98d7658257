package raster

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
)

// pdfDoc collects numbered objects and writes them as a PDF file with a
// cross-reference table. Object numbers are handed out in drawing order,
// so the file depends only on the scene.
type pdfDoc struct {
	objs [][]byte // objs[i] is object i+1's body
}

// zlibWriters keeps compressors between streams and between documents,
// as flateWriters does for PNGs: a new one is most of a megabyte of state
// to allocate and clear, and a small map's PDF has a stream for each
// embedded font besides its page.
var zlibWriters = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.DefaultCompression) // the level is valid: no error
	return zw
}}

func (d *pdfDoc) alloc() int {
	d.objs = append(d.objs, nil)
	return len(d.objs)
}

func (d *pdfDoc) set(id int, body string) { d.objs[id-1] = []byte(body) }

// setStream stores a stream object, deflated when it pays. extra is
// more dictionary entries ("/Subtype /Form ...").
func (d *pdfDoc) setStream(id int, extra string, data []byte) {
	var z bytes.Buffer
	zw := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(zw)
	zw.Reset(&z)
	zw.Write(data) // into a bytes.Buffer: cannot fail
	zw.Close()
	var b bytes.Buffer
	if z.Len() < len(data) {
		fmt.Fprintf(&b, "<< %s /Filter /FlateDecode /Length %d >>\nstream\n", extra, z.Len())
		b.Write(z.Bytes())
	} else {
		fmt.Fprintf(&b, "<< %s /Length %d >>\nstream\n", extra, len(data))
		b.Write(data)
	}
	b.WriteString("\nendstream")
	d.objs[id-1] = b.Bytes()
}

// bytes writes the file: header, objects, xref, trailer.
func (d *pdfDoc) bytes(root, info int) []byte {
	var b bytes.Buffer
	// The binary comment line tells transfer tools the file is binary.
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(d.objs))
	for i, body := range d.objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		b.Write(body)
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(d.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(d.objs)+1, root, info, xref)
	return b.Bytes()
}

// num formats a number for PDF: at most 4 decimals, no exponent, no
// trailing zeros, never "-0".
func num(v float64) string { return string(appendNum(nil, v)) }

// appendNum appends v as num formats it.
func appendNum(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, '0')
	}
	v = math.Round(v*1e4) / 1e4
	if v == 0 {
		return append(b, '0')
	}
	b = strconv.AppendFloat(b, v, 'f', 4, 64)
	// Four decimals always write a point: trailing zeros stop at it.
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	return b
}

// pdfString encodes s as a PDF text string: literal with escapes when it
// is ASCII, else UTF-16BE with a byte-order mark, in hex.
func pdfString(s string) string {
	ascii := true
	for _, r := range s {
		if r >= 0x80 || r < 0x20 {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`)
		return "(" + r.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// pdfName escapes a name (font names, resource names are plain ASCII, but
// be safe).
func pdfName(s string) string {
	var b strings.Builder
	b.WriteByte('/')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("#()<>[]{}/%", c) >= 0 {
			fmt.Fprintf(&b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
