package layout

// Scene is a laid-out map: plain shapes and text with resolved pixels and
// colours, in paint order. Renderers (SVG, PNG, PDF) draw it without knowing
// anything about Wardley maps: there is nothing left to decide but how to
// put each shape on the page.
//
// Coordinates are absolute document pixels: (0, 0) is the top-left of the
// page, y grows down. The map area starts at (MapX, MapY).
type Scene struct {
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
	// MapX, MapY, MapWidth and MapHeight are the map area inside the page
	// (the grid), for tools that need it (label metrics, diff overlays).
	MapX      float64 `json:"mapX"`
	MapY      float64 `json:"mapY"`
	MapWidth  float64 `json:"mapWidth"`
	MapHeight float64 `json:"mapHeight"`
	// Title and Desc are for accessibility (<title>, <desc>).
	Title string `json:"title"`
	Desc  string `json:"desc"`
	// Background fills the whole page; a zero Color means transparent.
	Background Color `json:"background"`
	// Style is the resolved theme name ("plain", "wardley", ...).
	Style string `json:"style"`
	// Gradients are the linear gradients shapes may fill with.
	Gradients []Gradient `json:"gradients,omitempty"`
	// Groups are drawn in order; within a group, shapes in order.
	Groups []Group `json:"groups"`
}

// Role says what a group or shape stands for on the map. Renderers may use
// it for class names; label placement and metrics use it to tell labels,
// symbols and links apart.
type Role string

const (
	RoleBackground  Role = "background"
	RoleTitle       Role = "title"
	RoleAxis        Role = "axis"
	RoleAxisLabel   Role = "axis-label"
	RoleAttitude    Role = "attitude"
	RoleLink        Role = "link"
	RoleFlow        Role = "flow"
	RoleFlowValue   Role = "flow-value"
	RoleContext     Role = "link-context"
	RoleEvolve      Role = "evolve"
	RoleInertia     Role = "inertia"
	RolePipeline    Role = "pipeline"
	RoleAnchor      Role = "anchor"
	RoleAccelerator Role = "accelerator"
	RoleMethod      Role = "method"
	RoleSymbol      Role = "symbol"
	RoleLabel       Role = "label"
	RoleLeader      Role = "leader"
	RoleAnnotations Role = "annotations"
	RoleNote        Role = "note"
	RoleAnnotation  Role = "annotation"
	RoleLegend      Role = "legend"
)

// Group is a set of shapes that belong together (one component with its
// symbol and label, one link with its band and context, ...).
type Group struct {
	// ID is unique in the scene, stable across runs, derived from content.
	ID   string `json:"id"`
	Role Role   `json:"role"`
	// Href, when set, makes the group a link (submaps). Layout only sets
	// safe addresses (http, https, mailto, relative).
	Href string `json:"href,omitempty"`
	// Title, when set, is a tooltip / accessible name for the group.
	Title  string  `json:"title,omitempty"`
	Shapes []Shape `json:"shapes"`
}

// Shape is one drawable: exactly one of the pointer fields is set.
type Shape struct {
	Role    Role     `json:"role,omitempty"`
	Rect    *Rect    `json:"rect,omitempty"`
	Circle  *Circle  `json:"circle,omitempty"`
	Line    *Line    `json:"line,omitempty"`
	Path    *Path    `json:"path,omitempty"`
	Text    *Text    `json:"text,omitempty"`
	Image   *Icon    `json:"icon,omitempty"`
	Opacity float64  `json:"opacity,omitempty"` // 0 means 1 (opaque)
	Style   *Style   `json:"style,omitempty"`
	Box     *BoxHint `json:"box,omitempty"`
}

// Style is how a shape is painted. A zero Fill or Stroke means none.
type Style struct {
	Fill          Paint     `json:"fill"`
	FillOpacity   float64   `json:"fillOpacity,omitempty"` // 0 means 1
	Stroke        Color     `json:"stroke"`
	StrokeWidth   float64   `json:"strokeWidth,omitempty"`
	StrokeOpacity float64   `json:"strokeOpacity,omitempty"` // 0 means 1
	Dash          []float64 `json:"dash,omitempty"`
	// LineCap is "butt" (default), "round" or "square".
	LineCap string `json:"lineCap,omitempty"`
	// LineJoin is "miter" (default), "round" or "bevel".
	LineJoin string `json:"lineJoin,omitempty"`
}

// Paint is a fill: a solid colour or a gradient from Scene.Gradients.
type Paint struct {
	Color    Color  `json:"color"`
	Gradient string `json:"gradient,omitempty"` // a Gradient.ID
}

// IsNone reports whether the paint draws nothing.
func (p Paint) IsNone() bool { return p.Gradient == "" && p.Color.A == 0 }

// Color is straight (not premultiplied) sRGB with alpha; the zero value is
// "none".
type Color struct {
	R, G, B, A uint8
}

// Gradient is a horizontal-or-any-direction linear gradient, in the
// bounding-box units of the shape it fills (0..1).
type Gradient struct {
	ID    string  `json:"id"`
	X1    float64 `json:"x1"`
	Y1    float64 `json:"y1"`
	X2    float64 `json:"x2"`
	Y2    float64 `json:"y2"`
	Stops []Stop  `json:"stops"`
}

// Stop is one colour stop of a gradient; Offset in [0, 1].
type Stop struct {
	Offset float64 `json:"offset"`
	Color  Color   `json:"color"`
}

// Rect is an axis-aligned rectangle with optional rounded corners.
type Rect struct {
	X, Y, W, H float64
	RX         float64 `json:"rx,omitempty"`
}

// Circle is a circle.
type Circle struct {
	CX, CY, R float64
}

// Line is a straight segment.
type Line struct {
	X1, Y1, X2, Y2 float64
}

// Path is a polyline or polygon made of straight segments and, where a
// shape needs them, cubic Bézier curves. Each Op starts with a verb: 'M'
// (move, 1 point), 'L' (line, 1 point), 'C' (cubic, 3 points), 'Z' (close,
// no point).
type Path struct {
	Ops []PathOp `json:"ops"`
}

// PathOp is one path command with its absolute points.
type PathOp struct {
	Verb byte      `json:"verb"`
	Pts  []float64 `json:"pts,omitempty"` // x, y pairs
}

// Icon is a small fixed glyph drawn at X, Y with size W × H (the submap
// link symbol). Name says which; renderers draw it from Path.
type Icon struct {
	Name       string `json:"name"`
	X, Y, W, H float64
	Path       *Path `json:"path"`
}

// FontFace names one of the embedded font faces. Renderers map it to the
// embedded font (PNG, PDF) or to a CSS font stack (SVG).
type FontFace string

const (
	FontSans FontFace = "sans" // the Helvetica/Arial stack OWM uses
	FontMono FontFace = "mono" // the `wardley` style's monospace
	FontHand FontFace = "hand" // the `handwritten` style's cursive
)

// Anchor is a text alignment along the baseline.
type Anchor string

const (
	AnchorStart  Anchor = "start"
	AnchorMiddle Anchor = "middle"
	AnchorEnd    Anchor = "end"
)

// Text is one or more lines of text. The first line's baseline is at
// (X, Y) (or its vertical middle, when Middle is set); further lines are
// LineHeight below each other. Rotate turns the whole text by degrees
// (clockwise, as in SVG) around (X, Y).
type Text struct {
	X, Y       float64
	Lines      []string `json:"lines"`
	LineHeight float64  `json:"lineHeight,omitempty"`
	Anchor     Anchor   `json:"anchor"`
	// Middle centres the text vertically on Y (dominant-baseline: middle).
	Middle    bool     `json:"middle,omitempty"`
	Face      FontFace `json:"face"`
	Size      float64  `json:"size"`
	Bold      bool     `json:"bold,omitempty"`
	Italic    bool     `json:"italic,omitempty"`
	Underline bool     `json:"underline,omitempty"`
	Fill      Color    `json:"fill"`
	Rotate    float64  `json:"rotate,omitempty"`
	// Halo, when not zero, is drawn as a wide stroke behind the glyphs, to
	// keep text readable over lines (our improvement over OWM; 0 = none).
	Halo      Color   `json:"halo,omitempty"`
	HaloWidth float64 `json:"haloWidth,omitempty"`
}

// BoxHint is the measured bounding box of a shape in page pixels (for text:
// the ink box from the embedded font's metrics). Layout fills it for labels
// and symbols; metrics and label placement read it; renderers ignore it.
type BoxHint struct {
	X, Y, W, H float64
	// Free marks a label that automatic placement may move: a component's,
	// submap's, evolved copy's or pipeline child's label whose author wrote
	// no `label [x, y]`, a flow value, or an accelerator's name (which OWM
	// does not write). It is set in every placement
	// mode, so that metrics compare modes on the same labels.
	Free bool `json:"free,omitempty"`
}
