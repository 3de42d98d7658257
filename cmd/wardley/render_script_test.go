//go:build compile

package main

import (
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestRenderScripts runs testdata/render/*.txtar like TestScripts. They live
// apart while `render` is built only with the compile tag (until
// model.CompileSource is on main); then they move to testdata/script.
func TestRenderScripts(t *testing.T) {
	p := scriptParams()
	p.Dir = "testdata/render"
	testscript.Run(t, p)
}
