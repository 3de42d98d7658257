package safetest

import "testing"

// TestSVG: the checker accepts what the renderer writes and refuses each
// way a document can run code or load something.
func TestSVG(t *testing.T) {
	const head = `<?xml version="1.0"?>` + "\n" + `<svg xmlns="http://www.w3.org/2000/svg">`
	good := []string{
		head + `<title>a &lt;b&gt;</title><g id="x"><a href="https://e.com/?a=1&amp;b=2"><text>t</text></a></g></svg>`,
		head + `<a href="mailto:a@b.c"/><a href="../x.svg#y"/><a href="x?y:z"/><rect fill="url(#g)"/></svg>`,
	}
	bad := []string{
		head + `<script>alert(1)</script></svg>`,
		head + `<g onload="alert(1)"/></svg>`,
		head + `<g ONCLICK="alert(1)"/></svg>`,
		head + `<a href="javascript:alert(1)"/></svg>`,
		head + `<a href=" JaVa&#9;Script:alert(1)"/></svg>`,
		head + `<a href="data:text/html,x"/></svg>`,
		head + `<a xlink:href="vbscript:x" xmlns:xlink="http://www.w3.org/1999/xlink"/></svg>`,
		head + `<image href="https://e.com/x.png"/></svg>`,
		head + `<use href="https://e.com/x.svg#a"/></svg>`,
		head + `<foreignObject><div/></foreignObject></svg>`,
		head + `<rect fill="url(https://e.com/x)"/></svg>`,
		head + `<rect style="fill:red"/></svg>`,
		`<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg/>`,
		head + `<text>unclosed</svg>`,
		head + `<text>&nbsp;</text></svg>`,
		`<html/>`,
	}
	for _, doc := range good {
		if err := SVG([]byte(doc)); err != nil {
			t.Errorf("refused %s: %v", doc, err)
		}
	}
	for _, doc := range bad {
		if err := SVG([]byte(doc)); err == nil {
			t.Errorf("accepted %s", doc)
		}
	}
}
