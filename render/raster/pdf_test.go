package raster

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/wardley-maps/wardley/font"
)

// poppler finds a poppler-utils tool (pdftotext, pdfinfo, pdftoppm), or
// skips (fails in CI, which installs them).
func poppler(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("WARDLEY_REQUIRE_SHARED") == "1" {
		t.Fatalf("%s not found (.ci/run installs poppler-utils)", name)
	}
	t.Skipf("%s not found", name)
	return ""
}

// runPoppler writes pdf to a temporary file and runs tool on it.
func runPoppler(t *testing.T, pdf []byte, tool string, args ...string) string {
	t.Helper()
	bin := poppler(t, tool)
	f := filepath.Join(t.TempDir(), "map.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, append(args, f, "-")...)
	if tool == "pdfinfo" || tool == "pdffonts" {
		cmd = exec.Command(bin, f)
	}
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, errb.String())
	}
	if errb.Len() > 0 {
		// Poppler reports damaged files on stderr and carries on.
		t.Errorf("%s complains: %s", tool, errb.String())
	}
	return out.String()
}

// pdfHasLabels checks that every label is in the PDF's text, as pdftotext
// extracts it (whitespace runs compared as one space).
func pdfHasLabels(t *testing.T, pdf []byte, labels []string) {
	t.Helper()
	text := runPoppler(t, pdf, "pdftotext", "-raw", "-enc", "UTF-8")
	ws := regexp.MustCompile(`\s+`)
	flat := ws.ReplaceAllString(text, " ")
	for _, l := range labels {
		if l = strings.TrimSpace(ws.ReplaceAllString(l, " ")); l != "" && !strings.Contains(flat, l) {
			t.Errorf("label %q not in the PDF's text:\n%s", l, text)
		}
	}
}

func TestPDFText(t *testing.T) {
	pdf, err := PDF(kitchenSink())
	if err != nil {
		t.Fatal(err)
	}
	pdfHasLabels(t, pdf, []string{"Kettle", "Title & <escaped>", "start", "middle", "end",
		"Sans bold italic", "Mono bold", "Mono italic", "Hand bold Жук", "two lines ✓ 漢",
		"underlined halo", "Rotated −90°"})
}

func TestPDFInfo(t *testing.T) {
	pdf, err := PDF(kitchenSink())
	if err != nil {
		t.Fatal(err)
	}
	info := runPoppler(t, pdf, "pdfinfo")
	for _, want := range []string{"Title:           Kitchen sink", "Producer:        wardley",
		"Pages:           1", "Page size:       300 x 225 pts"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	for _, never := range []string{"CreationDate", "ModDate"} {
		if strings.Contains(info, never) {
			t.Errorf("PDF has a %s: it would change on every run", never)
		}
	}
	fonts := runPoppler(t, pdf, "pdffonts")
	for _, f := range []string{"LiberationSans-Regular", "LiberationSans-Bold", "LiberationMono-Bold", "GloriaHallelujah-Regular"} {
		if !regexp.MustCompile(`[A-Z]{6}\+` + f + `\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes`).MatchString(fonts) {
			t.Errorf("%s is not embedded as a subset with a ToUnicode map:\n%s", f, fonts)
		}
	}
}

// The PDF draws what the PNG draws: poppler's rendering of our PDF and our
// PNG agree to within antialiasing (poppler's rasteriser is not ours).
func TestPDFMatchesPNG(t *testing.T) {
	s := kitchenSink()
	pdf, err := PDF(s)
	if err != nil {
		t.Fatal(err)
	}
	bin := poppler(t, "pdftoppm")
	dir := t.TempDir()
	f := filepath.Join(dir, "map.pdf")
	os.WriteFile(f, pdf, 0o644)
	// 192 dpi on a page of 0.75 pt per pixel is scale 2.
	if out, err := exec.Command(bin, "-png", "-r", "192", "-singlefile", "-aa", "yes", "-aaVector", "yes", f, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	fromPDF := decodePNG(t, b)
	ours, _ := Image(s, 2)
	if fromPDF.Bounds().Dx() != ours.Bounds().Dx() || fromPDF.Bounds().Dy() != ours.Bounds().Dy() {
		t.Fatalf("pdftoppm page is %v, PNG %v", fromPDF.Bounds(), ours.Bounds())
	}
	d := compareImages(ours, fromPDF)
	t.Logf("PDF (poppler) vs PNG: %v", d)
	if d.mean > 1.5 || d.bad > 0.005 {
		t.Errorf("PDF and PNG differ: %v (want mean ≤ 1.5, ≤ 0.5%% off)", d)
	}
}

func TestGoldenPDF(t *testing.T) {
	got, err := PDF(kitchenSink())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "kitchen-sink.pdf")
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
	if !bytes.Equal(got, want) {
		out := filepath.Join(t.TempDir(), "kitchen-sink.pdf")
		os.WriteFile(out, got, 0o644)
		t.Errorf("PDF differs from %s; new file in %s (go test -update accepts it)", path, out)
	}
}

// The subset keeps the glyphs asked for (and their composite parts)
// exactly, empties the others, and parses as a font.
func TestSubsetTrueType(t *testing.T) {
	for _, f := range font.Faces() {
		var buf sfnt.Buffer
		keep := map[uint16]bool{}
		for _, r := range "Kettle Ωé" {
			id, _ := f.SFNT().GlyphIndex(&buf, r)
			keep[uint16(id)] = true
		}
		sub, err := subsetTrueType(f.Data, keep)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		sf, err := sfnt.Parse(sub)
		if err != nil {
			t.Fatalf("%s: subset does not parse: %v", f.Name, err)
		}
		if sf.NumGlyphs() != f.SFNT().NumGlyphs() {
			t.Errorf("%s: %d glyphs, want %d (ids must not move)", f.Name, sf.NumGlyphs(), f.SFNT().NumGlyphs())
		}
		if len(sub) >= len(f.Data)/2 {
			t.Errorf("%s: subset is %d bytes of %d", f.Name, len(sub), len(f.Data))
		}
		ppem := fixed.I(int(f.SFNT().UnitsPerEm()))
		for id := range keep {
			a, err1 := f.SFNT().LoadGlyph(&buf, sfnt.GlyphIndex(id), ppem, nil)
			as := fmt.Sprint(a)
			var buf2 sfnt.Buffer
			b, err2 := sf.LoadGlyph(&buf2, sfnt.GlyphIndex(id), ppem, nil)
			if err1 != nil || err2 != nil || as != fmt.Sprint(b) {
				t.Errorf("%s: glyph %d changed in the subset (%v, %v)", f.Name, id, err1, err2)
			}
		}
		var dropped sfnt.GlyphIndex
		for id := 1; id < f.SFNT().NumGlyphs(); id++ {
			if !keep[uint16(id)] {
				dropped = sfnt.GlyphIndex(id)
				break
			}
		}
		if segs, err := sf.LoadGlyph(&buf, dropped, ppem, nil); err != nil || len(segs) != 0 {
			t.Errorf("%s: glyph %d not emptied: %d segments, %v", f.Name, dropped, len(segs), err)
		}
	}
}

// Links become URI annotations, for safe addresses only.
func TestPDFLinks(t *testing.T) {
	s := kitchenSink()
	pdf, err := PDF(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(pdf, []byte("/URI (https://example.com/submap)")) {
		t.Error("the submap link is not in the PDF")
	}
	s.Groups[len(s.Groups)-1].Href = "javascript:alert(1)"
	pdf, _ = PDF(s)
	if bytes.Contains(pdf, []byte("/URI")) {
		t.Error("a javascript: link made it into the PDF")
	}
	for h, want := range map[string]bool{"https://x.org/a?b=1": true, "http://x": true, "mailto:a@b.c": true,
		"maps/sub.svg": true, "JavaScript:alert(1)": false, "java\tscript:x": false, "data:text/html,x": false, "file:///etc/passwd": false} {
		if got := safeHref(h); got != want {
			t.Errorf("safeHref(%q) = %v, want %v", h, got, want)
		}
	}
}
