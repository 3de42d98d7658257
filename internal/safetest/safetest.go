// Package safetest checks, for tests and fuzz targets, that an SVG
// document is safe to put in a web page: well-formed XML, only the
// elements the renderer is known to write, no script, no event
// attributes, no references outside the document except links to http,
// https, mailto and relative addresses. It is written independently of
// the renderer's own escaping and url policy, so that a mistake in
// either is caught rather than repeated.
package safetest

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// elements are the SVG elements the renderers write. Anything else (script,
// foreignObject, image, use, iframe, style, animate, set) is refused: each
// can run code or load something from outside the document.
var elements = map[string]bool{
	"svg": true, "g": true, "a": true, "title": true, "desc": true, "defs": true,
	"linearGradient": true, "radialGradient": true, "stop": true, "clipPath": true,
	"circle": true, "ellipse": true, "line": true, "path": true, "polygon": true,
	"polyline": true, "rect": true, "text": true, "tspan": true,
}

// SVG returns nil when doc is a safe SVG document, else the first problem.
func SVG(doc []byte) error {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := tok.Name.Local
			if root == "" {
				root = name
			}
			if !elements[name] {
				return fmt.Errorf("element <%s> is not one the renderer writes", name)
			}
			for _, a := range tok.Attr {
				if err := attr(name, a); err != nil {
					return err
				}
			}
		case xml.ProcInst:
			if tok.Target != "xml" {
				return fmt.Errorf("processing instruction <?%s", tok.Target)
			}
		case xml.Directive:
			// A DOCTYPE can declare entities: external ones load files.
			return fmt.Errorf("directive <!%s>", bytes.TrimSpace(tok))
		}
	}
	if root != "svg" {
		return fmt.Errorf("root element is %q, want svg", root)
	}
	return nil
}

func attr(elem string, a xml.Attr) error {
	name := strings.ToLower(a.Name.Local)
	v := compact(a.Value)
	switch {
	case strings.HasPrefix(name, "on"):
		return fmt.Errorf("<%s> has an event attribute %s", elem, a.Name.Local)
	case name == "style":
		return fmt.Errorf("<%s> has a style attribute", elem)
	case name == "href":
		if elem != "a" {
			return fmt.Errorf("<%s> has an href", elem)
		}
		if !Link(a.Value) {
			return fmt.Errorf("<a> links to %q", a.Value)
		}
		return nil
	}
	if strings.Contains(v, "javascript:") || strings.Contains(v, "data:") || strings.Contains(v, "vbscript:") {
		return fmt.Errorf("<%s %s=%q> names a script or data address", elem, a.Name.Local, a.Value)
	}
	for rest := v; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			break
		}
		rest = strings.TrimLeft(rest[i+4:], `'"`)
		if !strings.HasPrefix(rest, "#") {
			return fmt.Errorf("<%s %s=%q> refers outside the document", elem, a.Name.Local, a.Value)
		}
	}
	return nil
}

// compact lower-cases s and drops what browsers ignore inside a scheme
// (whitespace and control characters), so that "java\tscript:" is seen.
func compact(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r <= ' ' || r == 0x7f {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Link reports whether href is an address a map may link to: http, https,
// mailto, or relative (no scheme before the first '/', '?' or '#').
func Link(href string) bool {
	v := compact(href)
	i := strings.IndexAny(v, ":/?#")
	if i < 0 || v[i] != ':' {
		return true
	}
	switch v[:i] {
	case "http", "https", "mailto":
		return true
	}
	return false
}
