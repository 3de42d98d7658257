//go:build !race

package layout

const raceOn = false
