package wardley

import (
	"bytes"
	"strings"
	"testing"

	"github.com/wardley-maps/wardley/internal/safetest"
)

// payload is hostile text: markup that would run if written raw, an
// attribute break-out, an ampersand, both quotes and a bidi override.
// It has no `[`, `]`, `//` or `->`, so that it fits in every name.
const payload = `<script>alert(1)</script>"><svg onload=alert(1)>&'q'` + "\u202eevil\u2066x"

// escaped is how payload must appear in the SVG text: escaped, without
// the bidi characters where the text is a name (OWM removes them).
const escaped = `&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;svg onload=alert(1)&gt;&amp;&#39;q&#39;`

// hostileMaps put the payload in every place a map's text reaches the
// picture, and hostile addresses in every url. want lists what the SVG
// must hold (the hostile text, escaped); warn the diagnostic codes the
// map must get besides control-character (expected when names is set:
// the payload is in a name, whose bidi characters must go).
var hostileMaps = []struct {
	name, src string
	names     bool
	want      []string
	warn      []string
}{
	{name: "title", src: "title " + payload + "\ncomponent A [0.5, 0.5]\n", want: []string{escaped}},
	{name: "component", names: true, src: "component " + payload + " [0.5, 0.5] label [10, 10]\n", want: []string{escaped + "evilx</text>"}},
	{name: "quoted name", names: true, src: `component "` + strings.ReplaceAll(payload, `"`, `\"`) + `\nline two" [0.5, 0.5]` + "\n", want: []string{escaped}},
	{name: "anchor", names: true, src: "anchor " + payload + " [0.9, 0.5]\n", want: []string{escaped}},
	{name: "note", src: "note " + payload + " [0.4, 0.4]\n", want: []string{escaped}},
	{name: "annotation", src: "annotation 1 [0.3, 0.7] " + payload + "\nannotations [0.9, 0.9]\n", want: []string{escaped}},
	{name: "link context", src: "component A [0.5, 0.5]\ncomponent B [0.3, 0.3]\nA->B; " + payload + "\n", want: []string{escaped}},
	{name: "flow label", src: "component A [0.5, 0.5]\ncomponent B [0.3, 0.3]\nA+'" + strings.ReplaceAll(payload, "'", "") + "'>B\n", want: []string{"&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;svg onload=alert(1)&gt;&amp;q"}},
	{name: "link ends", names: true, src: "component " + payload + " [0.5, 0.5]\ncomponent B [0.3, 0.3]\n" + payload + "->B\n", want: []string{escaped}},
	{name: "pipeline", names: true, src: "component " + payload + " [0.5, 0.5]\npipeline " + payload + "\n{\n  component C " + payload + " [0.3]\n}\n", want: []string{escaped}},
	{name: "evolve rename", names: true, src: "component A [0.5, 0.5]\nevolve A->" + payload + " 0.8\n", want: []string{escaped}},
	{name: "methods", names: true, src: "component " + payload + " [0.5, 0.5]\nbuild " + payload + "\n", want: []string{escaped}},
	{name: "accelerators", names: true, src: "accelerator " + payload + " [0.6, 0.6]\ndeaccelerator " + payload + " [0.3, 0.3]\n", want: []string{escaped}},
	{name: "market and ecosystem", names: true, src: "market " + payload + " [0.6, 0.6]\necosystem " + payload + " [0.3, 0.3]\n", want: []string{escaped}},
	{name: "evolution labels", src: "evolution " + payload + "->b->c->d\ncomponent A [0.5, 0.5]\n", want: []string{escaped}},
	{name: "attitudes", src: "pioneers [0.1, 0.1, 0.3, 0.3]\nsettlers [0.4, 0.4] 100 " + payload + "\n", want: nil},
	{name: "style and size", src: "style " + payload + "\nsize [" + payload + "]\ncomponent A [0.5, 0.5]\n"},
	{
		name: "javascript url",
		src:  "submap S [0.5, 0.5] url(u)\nurl u [javascript:alert(document.domain)]\n",
		warn: []string{"unsafe-url"},
	},
	{
		name: "disguised javascript url",
		src:  "submap S [0.5, 0.5] url(u)\nurl u [ JaVa\tScRiPt:alert(1)]\nsubmap T [0.3, 0.3] url(v)\nurl v [java\x01script:alert(1)]\n",
		warn: []string{"unsafe-url", "unsafe-url"},
	},
	{
		name: "data url",
		src:  "submap S [0.5, 0.5] url(u)\nurl u [data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==]\n",
		warn: []string{"unsafe-url"},
	},
	{
		name: "other schemes",
		src:  "submap S [0.5, 0.5] url(u)\nurl u [vbscript:msgbox(1)]\nsubmap T [0.3, 0.3] url(v)\nurl v [file:///etc/passwd]\n",
		warn: []string{"unsafe-url", "unsafe-url"},
	},
	{
		name: "safe urls stay links, escaped",
		src:  "submap S [0.5, 0.5] url(u)\nurl u [https://example.com/?a=\"><script>&b='1']\nsubmap T [0.3, 0.3] url(v)\nurl v [mailto:tea@example.com]\nsubmap R [0.2, 0.7] url(w)\nurl w [../maps/other.svg#x]\n",
		want: []string{`<a href="https://example.com/?a=&#34;&gt;&lt;script&gt;&amp;b=&#39;1&#39;">`, `<a href="mailto:tea@example.com">`, `<a href="../maps/other.svg#x">`},
	},
}

// TestHostileSVG draws each hostile map in every style and checks the
// SVG text: safe (safetest), no raw markup from the map, no bidi
// override from a name, no script or data address, and the hostile text
// present, escaped.
func TestHostileSVG(t *testing.T) {
	for _, c := range hostileMaps {
		for _, style := range []string{"", "plain", "wardley", "colour", "handwritten", "dark"} {
			out, diags, err := Render([]byte(c.src), SVG, Options{Style: style})
			if err != nil || diags.HasErrors() {
				t.Fatalf("%s: %v %v", c.name, err, diags)
			}
			if style == "" {
				var codes []string
				cleaned := false
				for _, d := range diags {
					switch d.Code {
					case "unsafe-url":
						codes = append(codes, d.Code)
					case "control-character":
						cleaned = true
					}
				}
				if strings.Join(codes, " ") != strings.Join(c.warn, " ") {
					t.Errorf("%s: warnings %v, want %v", c.name, codes, c.warn)
				}
				if cleaned != c.names {
					t.Errorf("%s: control-character warning %v, want %v", c.name, cleaned, c.names)
				}
			}
			if err := safetest.SVG(out); err != nil {
				t.Fatalf("%s (style %q): %v", c.name, style, err)
			}
			text := string(out)
			lower := strings.ToLower(text)
			for _, bad := range []string{"<script", "<svg onload", "javascript:", "data:", "vbscript:", "file:"} {
				if strings.Contains(lower, bad) {
					t.Errorf("%s (style %q): the SVG holds %q", c.name, style, bad)
				}
			}
			if c.names {
				// Names lose their bidi characters; free text (title, notes,
				// annotations, link contexts, flow and stage labels) is
				// drawn as written, as in OWM.
				if strings.ContainsAny(text, "\u202e\u2066") {
					t.Errorf("%s (style %q): a bidi override from a name reached the SVG", c.name, style)
				}
			}
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("%s (style %q): the SVG lacks %s", c.name, style, w)
				}
			}
		}
	}
}

// TestHostilePDF: the PDF writes text as strings; parentheses and
// backslashes in names must be escaped so that a name cannot end the
// string and inject drawing operators.
func TestHostilePDF(t *testing.T) {
	src := "title a) Tj ET BT (b\\\ncomponent x\\) Tj /F1 99 Tf (y [0.5, 0.5]\n" +
		"submap S [0.3, 0.3] url(u)\nurl u [javascript:app.alert(1)]\n" +
		"submap T [0.6, 0.6] url(v)\nurl v [https://example.com/a)b(c\\d]\n"
	out, diags, err := Render([]byte(src), PDF, Options{})
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	for _, bad := range [][]byte{[]byte("(a) Tj ET BT (b"), []byte("x\\) Tj /F1 99 Tf (y")} {
		if bytes.Contains(out, bad) {
			t.Errorf("the PDF holds the name unescaped: %s", bad)
		}
	}
	for _, want := range []string{`/Title (a\) Tj ET BT \(b\\)`, `/URI (https://example.com/a\)b\(c\\d)`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("the PDF lacks %s", want)
		}
	}
	if bytes.Contains(bytes.ToLower(out), []byte("javascript")) {
		t.Error("the PDF holds the javascript: address")
	}
}
