package font

import (
	"math"
	"sync"
	"testing"
)

func TestFacesLoad(t *testing.T) {
	if n := len(Faces()); n != len(catalog) {
		t.Fatalf("%d faces, want %d", n, len(catalog))
	}
	for _, f := range Faces() {
		if f.Ascent <= 0 || f.Descent <= 0 || f.Ascent > 1.5 || f.Descent > 1 {
			t.Errorf("%s: ascent %.3f descent %.3f", f.Name, f.Ascent, f.Descent)
		}
		if !f.Has('A') || !f.Has(' ') {
			t.Errorf("%s lacks basic Latin", f.Name)
		}
	}
}

// Liberation Sans has Arial's advance widths: a few known values (Arial's
// hmtx, 2048 units per em) pin the measurement down.
func TestArialMetrics(t *testing.T) {
	sans, _, _ := Lookup(Sans, false, false)
	cases := map[rune]float64{'A': 1366, 'a': 1139, ' ': 569, 'i': 455, 'W': 1933, '0': 1139}
	for r, units := range cases {
		if got := sans.Advance(r); math.Abs(got-units/2048) > 1e-6 {
			t.Errorf("advance(%q) = %.6f em, want %.6f", r, got, units/2048)
		}
	}
	// "Cup of Tea" at 14px: 3.?? + ...: check against the sum of parts.
	w := sans.Width("Cup of Tea", 14)
	want := 0.0
	for _, r := range "Cup of Tea" {
		want += sans.Advance(r) * 14
	}
	if math.Abs(w-want) > 1e-9 || w < 60 || w > 75 {
		t.Errorf("Width(Cup of Tea, 14) = %.3f", w)
	}
	mono, _, _ := Lookup(Mono, false, false)
	if a, b := mono.Width("iiii", 12), mono.Width("WWWW", 12); a != b {
		t.Errorf("mono is not monospaced: %.3f vs %.3f", a, b)
	}
}

func TestLookupAndFallback(t *testing.T) {
	if f, sb, si := Lookup(Sans, true, false); f.Name != "LiberationSans-Bold" || sb || si {
		t.Errorf("Lookup(sans bold) = %s %v %v", f.Name, sb, si)
	}
	if f, sb, si := Lookup(Hand, true, true); f.Name != "GloriaHallelujah-Regular" || !sb || !si {
		t.Errorf("Lookup(hand bold italic) = %s %v %v", f.Name, sb, si)
	}
	if f, _, si := Lookup(Mono, false, true); f.Name != "LiberationMono-Regular" || !si {
		t.Errorf("Lookup(mono italic) = %s %v", f.Name, si)
	}
	hand, _, _ := Lookup(Hand, false, false)
	sans, _, _ := Lookup(Sans, false, false)
	// Gloria Hallelujah's Latin subset has no Cyrillic: Liberation Sans measures it.
	if hand.Has('Ж') || hand.Advance('Ж') != sans.Advance('Ж') {
		t.Errorf("Cyrillic fallback: has=%v %.3f vs %.3f", hand.Has('Ж'), hand.Advance('Ж'), sans.Advance('Ж'))
	}
	if got := sans.Advance('漢'); got != 1 {
		t.Errorf("CJK fallback = %.3f, want 1 em", got)
	}
	if got := sans.Advance('\u0301'); got != 0 {
		t.Errorf("combining mark = %.3f, want 0", got)
	}
}

func TestConcurrentMeasure(t *testing.T) {
	sans, _, _ := Lookup(Sans, false, false)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				sans.Width("Ωμέγα Привет 東京 ✓", 14)
			}
		}()
	}
	wg.Wait()
}
