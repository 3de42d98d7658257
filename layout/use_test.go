package layout

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/wardley-maps/wardley/internal/allocs"
	"github.com/wardley-maps/wardley/internal/gen"
	"github.com/wardley-maps/wardley/internal/testshared"
	"github.com/wardley-maps/wardley/model"
)

// TestUseMatchesLayout lays every corpus map and generated maps out with
// Use, each in memory another map left, in every label placement and in
// two styles, and checks each scene against a new Layout's: nothing of
// the map before shows through, and nothing is missing. Then it lays the
// maps out again in reverse order (a small map in a big map's memory, and
// the other way round).
func TestUseMatchesLayout(t *testing.T) {
	var maps []*model.Map
	for _, src := range testshared.Sources(t) {
		m, _ := model.CompileSource("corpus.owm", src)
		maps = append(maps, m)
	}
	for _, n := range []int{10, 300} {
		m, _ := model.CompileSource("gen.owm", gen.Map(gen.Options{Components: n, Seed: 1}))
		maps = append(maps, m)
	}
	opts := []Options{{}, {Labels: LabelsAll, Style: "wardley"}, {Labels: LabelsOWM, Style: "dark"}, {Compat: true}}
	check := func(m *model.Map, o Options) {
		want, err := json.Marshal(Layout(m, o))
		if err != nil {
			t.Fatal(err)
		}
		Use(m, o, func(s *Scene) {
			got, err := json.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("%s %+v: Use's scene differs from Layout's", m.Title, o)
			}
		})
	}
	for _, m := range maps {
		for _, o := range opts {
			check(m, o)
		}
	}
	for i := len(maps) - 1; i >= 0; i-- {
		check(maps[i], opts[i%len(opts)])
	}
}

// TestUseReuses checks that Use saves the allocations it is for: a second
// layout of the median map allocates at most half the bytes Layout does
// (29.2 of 65.9 KiB when written).
func TestUseReuses(t *testing.T) {
	src, err := os.ReadFile(testshared.Median(t))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := model.CompileSource("median.owm", src)
	_, fresh := allocs.Least(t, 5, func() { Layout(m, Options{}) })
	_, reused := allocs.Least(t, 5, func() { Use(m, Options{}, func(*Scene) {}) })
	if reused > fresh/2 {
		t.Errorf("Use allocated %d bytes, Layout %d: the memory is not reused", reused, fresh)
	}
}
