//go:build !race

package parser

const raceOn = false
