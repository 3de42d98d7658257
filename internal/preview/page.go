package preview

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"strings"
	"sync"
)

// page is the whole preview: markup, style and script in one file, so that
// the page loads nothing but itself and its event stream.
//
//go:embed page.html
var page string

// pageCSP lets the page run its own inline script (by hash, so that no
// other script can run, not even one smuggled into a picture), use inline
// styles (the pictures are styled by attributes), and talk to nobody but
// the server it came from. It is made when first served: hashing the page
// when the program starts would slow every other command.
var pageCSP = sync.OnceValue(func() string {
	return "default-src 'none'; script-src '" + scriptHash(page) + "'; style-src 'unsafe-inline'; " +
		"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; " +
		"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
})

// scriptHash is the CSP source of the only <script> element in html.
func scriptHash(html string) string {
	const open, end = "<script>", "</script>"
	i := strings.Index(html, open)
	j := strings.Index(html, end)
	if i < 0 || j < i || strings.Count(html, open) != 1 {
		panic("preview: page.html must hold exactly one <script> element")
	}
	sum := sha256.Sum256([]byte(html[i+len(open) : j]))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}
