package theme

import "testing"

func TestLookup(t *testing.T) {
	for _, name := range Names {
		if got := Lookup(name).Name; got != name {
			t.Errorf("Lookup(%q).Name = %q", name, got)
		}
		if !Known(name) {
			t.Errorf("Known(%q) = false", name)
		}
	}
	if Lookup("color") != Lookup("colour") {
		t.Error("color and colour must be the same theme")
	}
	for _, name := range []string{"", "Wardley", "neon", " dark"} {
		if Lookup(name) != Lookup("plain") || Known(name) {
			t.Errorf("style %q must fall back to plain, as in OWM", name)
		}
	}
}

// TestSpecValues pins the values of OWM's theme table that differ between
// styles (spec §4.2), so that a typo in one style shows.
func TestSpecValues(t *testing.T) {
	c, d, w, h, p := Lookup("colour"), Lookup("dark"), Lookup("wardley"), Lookup("handwritten"), Lookup("plain")
	checks := []struct {
		name      string
		got, want any
	}{
		{"colour stroke width", c.StrokeWidth, 3.0},
		{"colour radius", c.ComponentRadius, 7.0},
		{"colour flow width", c.FlowStrokeWidth, 1.0},
		{"colour evolved link width", c.EvolvedLinkWidth, 2.0},
		{"colour context size", c.ContextFontSize, 10.0},
		{"dark context size", d.ContextFontSize, 10.0},
		{"plain context size", p.ContextFontSize, 11.0},
		{"dark font size", d.FontSize, 13.0},
		{"wardley font size", w.FontSize, 12.0},
		{"plain note size", p.NoteFontSize, 12.0},
		{"wardley note size", w.NoteFontSize, 14.0},
		{"dark page", d.Page, Hex("#353347")},
		{"flow colour", p.FlowStroke, Color{0x99, 0xc5, 0xee, 0x9e}},
		{"dark text", d.TextColor, Color{255, 255, 255, 204}},
		{"handwritten font", string(h.Font), "hand"},
		{"wardley font", string(w.Font), "mono"},
		{"wardley gradient", w.MapGradient, true},
		{"colour evolved", c.EvolvedStroke, Hex("#ea7f5b")},
	}
	for _, k := range checks {
		if k.got != k.want {
			t.Errorf("%s = %v, want %v", k.name, k.got, k.want)
		}
	}
}

func TestCompat(t *testing.T) {
	d := Lookup("dark")
	if d.Title == Black {
		t.Error("the dark title must be readable by default")
	}
	if d.Compat().Title != Black {
		t.Error("compat must draw the title black, as OWM does")
	}
	if Lookup("handwritten").Compat().AnnotationFill != Black {
		t.Error("compat handwritten annotation circles are black in OWM")
	}
}

func TestHex(t *testing.T) {
	if Hex("#fff") != White || Hex("#000000") != Black || Hex("#99c5ee9e").A != 0x9e {
		t.Error("Hex")
	}
	defer func() {
		if recover() == nil {
			t.Error("Hex must panic on a bad constant")
		}
	}()
	Hex("red")
}
