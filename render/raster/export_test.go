package raster

// The reference tests (package raster_test, which may import the wardley
// facade without an import cycle) share these helpers.
var (
	Screenshot    = screenshot
	CompareImages = compareImages
	Crop          = crop
	Poppler       = poppler
	KitchenSink   = kitchenSink
)

type SVGPage = svgPage
type DiffStats = diffStats

func (d diffStats) Mean() float64 { return d.mean }
func (d diffStats) Bad() float64  { return d.bad }
