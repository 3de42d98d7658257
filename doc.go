// Package wardley is the one-call facade over wardley's stages: map text in,
// picture out. Library users and wardley's own commands call Render; those
// who already hold a compiled model.Map call RenderMap, and those who built
// or changed a layout.Scene (the picture of a diff) call RenderScene. The stages
// themselves (parser, model, layout, render/svg) stay usable one by one.
//
//	out, diags, err := wardley.Render(src, wardley.SVG, wardley.Options{})
//
// Render never touches the file system, the network or the clock: the same
// input gives the same bytes.
package wardley
