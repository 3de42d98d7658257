// Package theme owns the five OnlineWardleyMaps styles (plain, wardley,
// colour/color, handwritten, dark) as data: colours, stroke widths, font
// sizes and faces, resolved the way OWM resolves them (a style is the plain
// style with some groups replaced, so a key the replacement forgets falls
// back to the browser's default, not to plain). Layout reads a Theme; nothing
// here draws.
package theme
