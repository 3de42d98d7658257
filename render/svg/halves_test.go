package svg

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/wardley-maps/wardley/internal/gen"
	"github.com/wardley-maps/wardley/internal/halves"
	"github.com/wardley-maps/wardley/internal/testshared"
	"github.com/wardley-maps/wardley/layout"
	"github.com/wardley-maps/wardley/model"
)

// halvesBy sets who draws the second half of a scene's groups (see
// halves.By), or "" for no split, until the returned function is called.
func halvesBy(who string) (undo func()) {
	saved := parallelShapes
	if who == "" {
		parallelShapes = math.MaxInt
		return func() { parallelShapes = saved }
	}
	parallelShapes = 1
	undoBy := halves.By(who)
	return func() {
		undoBy()
		parallelShapes = saved
	}
}

func renderBy(t *testing.T, who string, s *layout.Scene) ([]byte, error) {
	t.Helper()
	defer halvesBy(who)()
	return Render(s)
}

// TestConcurrentHalves draws scenes whole, then in two halves with either
// goroutine drawing the second: the bytes must not change. .ci/run runs
// it with -race as well.
func TestConcurrentHalves(t *testing.T) {
	var srcs [][]byte
	for i, src := range testshared.Sources(t) {
		if i%8 == 0 {
			srcs = append(srcs, src)
		}
	}
	for _, n := range []int{1, 10, 300} {
		srcs = append(srcs, gen.Map(gen.Options{Components: n, Seed: uint64(n)}))
	}
	for i, src := range srcs {
		m, _ := model.CompileSource("map.owm", src)
		if m == nil {
			continue
		}
		for _, style := range []string{"", "dark", "handwritten"} {
			s := layout.Layout(m, layout.Options{Style: style})
			whole, err := renderBy(t, "", s)
			if err != nil {
				t.Fatal(err)
			}
			for _, who := range []string{"helper", "self"} {
				got, err := renderBy(t, who, s)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, whole) {
					t.Errorf("map %d, style %q: the second half drawn by %s changes the bytes (%d against %d)", i, style, who, len(got), len(whole))
				}
			}
		}
	}
}

// TestConcurrentHalvesErrors: a scene that cannot be drawn is an error
// whichever goroutine meets it, and the first group's error is the one
// reported.
func TestConcurrentHalvesErrors(t *testing.T) {
	bad := func(id string) layout.Group {
		return layout.Group{ID: id, Shapes: []layout.Shape{{Path: &layout.Path{Ops: []layout.PathOp{{Verb: 'Q'}}}}}}
	}
	good := layout.Group{ID: "good", Shapes: []layout.Shape{{Circle: &layout.Circle{R: 1}}}}
	for _, tc := range []struct {
		groups []layout.Group
		want   string
	}{
		{[]layout.Group{good, good, bad("second")}, "second"},
		{[]layout.Group{bad("first"), good, bad("second")}, "first"},
		{[]layout.Group{bad("first"), good, good}, "first"},
	} {
		for _, who := range []string{"", "helper", "self"} {
			_, err := renderBy(t, who, &layout.Scene{Width: 1, Height: 1, Groups: tc.groups})
			if err == nil || !strings.Contains(err.Error(), "group "+tc.want) {
				t.Errorf("drawn by %q: error %v, want one in group %s", who, err, tc.want)
			}
		}
	}
}
