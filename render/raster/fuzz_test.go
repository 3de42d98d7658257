package raster

import (
	"encoding/json"
	"testing"

	"github.com/wardley-maps/wardley/layout"
)

// FuzzRender feeds scenes (as JSON) to both renderers: whatever the scene,
// they return an image or an error, never panic or hang. The seeds are the
// kitchen sink and a few broken scenes; `go test -fuzz FuzzRender` explores
// from there.
func FuzzRender(f *testing.F) {
	ks, _ := json.Marshal(kitchenSink())
	f.Add(ks)
	f.Add([]byte(`{"width":100,"height":100,"groups":[{"shapes":[{"line":{"X1":0,"Y1":0,"X2":1e308,"Y2":5},"style":{"stroke":{"A":255},"strokeWidth":1,"dash":[1e-9,1e-9]}}]}]}`))
	f.Add([]byte(`{"width":100,"height":100,"groups":[{"shapes":[{"text":{"X":10,"Y":10,"lines":["\u0000\t\uffff\U0001F600"],"anchor":"middle","face":"nope","size":1e300,"fill":{"A":255}}}]}]}`))
	f.Add([]byte(`{"width":100,"height":100,"gradients":[{"id":"g","stops":[]}],"groups":[{"shapes":[{"path":{"ops":[{"verb":77,"pts":[1]},{"verb":67,"pts":[1,2,3]},{"verb":90}]},"style":{"fill":{"gradient":"g"}}},{"rect":{"X":1,"Y":1,"W":5,"H":5},"style":{"fill":{"gradient":"g"}}}]}]}`))
	f.Add([]byte(`{"width":50,"height":50,"groups":[{"shapes":[{"circle":{"CX":25,"CY":25,"R":1e6},"style":{"fill":{"color":{"R":1,"A":128}},"stroke":{"A":255},"strokeWidth":3},"opacity":0.5}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s layout.Scene
		if json.Unmarshal(data, &s) != nil {
			return
		}
		// Keep each case small: the fuzzer explores shapes, not page sizes.
		if s.Width > 400 || s.Height > 400 {
			return
		}
		if _, err := PNG(&s, 0.5); err != nil && s.Width >= 2 && s.Height >= 2 {
			t.Errorf("PNG: %v", err)
		}
		if _, err := PDF(&s); err != nil && s.Width > 0 && s.Height > 0 {
			t.Errorf("PDF: %v", err)
		}
	})
}
