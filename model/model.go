package model

import "github.com/wardley-maps/wardley/diag"

// Coord is a place on the map, in the map's own units. Visibility is the
// vertical axis (1 = top, most visible), Maturity the horizontal one (0 =
// genesis, 1 = commodity). OWM writes them as [visibility, maturity]. Values
// outside [0, 1] are kept (OWM draws them off the grid); Compile warns.
type Coord struct {
	Visibility float64 `json:"visibility"`
	Maturity   float64 `json:"maturity"`
}

// Offset is a label offset in pixels from a symbol's centre; Y grows down.
type Offset struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Method is how a component is sourced: the (build), (buy) and (outsource)
// decorators. A component has at most one.
type Method int

const (
	NoMethod Method = iota
	Build
	Buy
	Outsource
)

func (m Method) String() string {
	switch m {
	case Build:
		return "build"
	case Buy:
		return "buy"
	case Outsource:
		return "outsource"
	}
	return ""
}

// MarshalText writes the method as its decorator word ("" for none).
func (m Method) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// Decorators are the parenthesised markers of a component, submap or evolve
// line: (build), (buy), (outsource), (market), (ecosystem).
type Decorators struct {
	Method    Method `json:"method,omitempty"`
	Market    bool   `json:"market,omitempty"`
	Ecosystem bool   `json:"ecosystem,omitempty"`
}

// ElementKind says what an Element is.
type ElementKind int

const (
	// Component is a `component` statement: a circle with a label.
	Component ElementKind = iota
	// Anchor is an `anchor` statement (a user or user need): text, no symbol.
	Anchor
	// Submap is a `submap` statement: a component that links to another map.
	Submap
	// PipelineChild is a `component` line inside a pipeline block. It sits on
	// its pipeline's line and can be the end of a link.
	PipelineChild
	// EvolvedCopy is the copy of an evolving element drawn at its evolve
	// target. It is not in Map.Elements; Evolution.Copy points to it.
	EvolvedCopy
)

func (k ElementKind) String() string {
	switch k {
	case Component:
		return "component"
	case Anchor:
		return "anchor"
	case Submap:
		return "submap"
	case PipelineChild:
		return "pipeline-child"
	case EvolvedCopy:
		return "evolved"
	}
	return "unknown"
}

// MarshalText writes the kind as a word.
func (k ElementKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Element is anything drawn at a point that links can join: components,
// anchors, submaps, pipeline children and evolved copies.
type Element struct {
	// ID is unique within the map, stable across runs and derived from the
	// content (kind and name, with a suffix for repeated names), e.g.
	// "component-kettle", "component-kettle-2", "evolved-kettle".
	ID   string      `json:"id"`
	Kind ElementKind `json:"kind"`
	// Name is the name as written, after OWM's clean-up (whitespace
	// collapsed, escapes of quoted names decoded; it may contain newlines).
	Name string `json:"name"`
	// Display is the text drawn as the label: the name, or for an evolved
	// copy the rename of `evolve A->B` when there is one.
	Display string `json:"display"`
	Coord   Coord  `json:"coord"`
	// Label is the label offset as OWM's parser reports it: the author's
	// `label [dx, dy]`, else the default {5, -10} scaled by LabelSpacing.
	Label Offset `json:"label"`
	// DrawLabel is the offset OWM actually draws with, after its render
	// adjustments (evolving components and method decorators move labels
	// below the symbol). Layout starts from this.
	DrawLabel Offset `json:"drawLabel"`
	// LabelSet is true when the author wrote `label [dx, dy]`: automatic
	// label placement keeps such offsets as written.
	LabelSet bool `json:"labelSet,omitempty"`
	// LabelSpacing is OWM's increaseLabelSpacing: 0, or 2 for a method or
	// market decorator, 3 for ecosystem.
	LabelSpacing int        `json:"labelSpacing,omitempty"`
	Inertia      bool       `json:"inertia,omitempty"`
	Decorators   Decorators `json:"decorators"`
	// PipelineParent is true when a pipeline names this element: it is drawn
	// as a square.
	PipelineParent bool `json:"pipelineParent,omitempty"`
	// Evolution is the evolve statement that moves this element (the first
	// one, if several name it), or nil. For an EvolvedCopy it is the
	// evolution the copy was made from.
	Evolution *Evolution `json:"-"`
	// Pipeline is the pipeline a PipelineChild belongs to.
	Pipeline *Pipeline `json:"-"`
	// URL is the url statement a submap's url(name) refers to, when it
	// resolves. URLName is the name as written.
	URL     *URL   `json:"-"`
	URLName string `json:"urlName,omitempty"`
	// InlineEvolve is the text after `evolve ` in the legacy form
	// `component X [v, m] evolve 0.8` (OWM's evolveMaturity), else "".
	InlineEvolve string `json:"inlineEvolve,omitempty"`
	// Line is the 1-based source line of the statement; Range its whole
	// span; NameRange the span of the name.
	Line      int        `json:"line"`
	Range     diag.Range `json:"-"`
	NameRange diag.Range `json:"-"`
	// Copy is the evolved copy of an evolving element (nil otherwise, and
	// for anchors). Evolution.Copy is the copy of the evolution's first
	// element; when several elements share an evolving name, each has its
	// own copy here.
	Copy *Element `json:"-"`

	// source is, for an evolved copy, the element it copies.
	source   *Element
	urlRange diag.Range
}

// Source returns, for an evolved copy, the element it was copied from.
func (e *Element) Source() *Element { return e.source }

// Evolving reports whether e has an evolve statement that resolved.
func (e *Element) Evolving() bool { return e.Kind != EvolvedCopy && e.Evolution != nil }

// Evolution is an `evolve` statement.
type Evolution struct {
	// Name is the element it names, as written.
	Name string `json:"name"`
	// Rename is the display name of the copy (`evolve A->B 0.8`), or "".
	Rename string `json:"rename,omitempty"`
	// Maturity is the target maturity (OWM's default 0.85 when missing).
	Maturity float64 `json:"maturity"`
	// Label is the copy's label offset as parsed (default {5, -10} scaled by
	// LabelSpacing); LabelSet when written.
	Label        Offset     `json:"label"`
	LabelSet     bool       `json:"labelSet,omitempty"`
	LabelSpacing int        `json:"labelSpacing,omitempty"`
	Decorators   Decorators `json:"decorators"`
	// Element is what it evolves (nil when the name resolves to nothing: a
	// diagnostic was reported and nothing is drawn). Copy is the evolved
	// copy drawn at Maturity (nil when Element is nil, when an earlier evolve
	// already moves the same element, or when Element is an anchor, whose
	// copy OWM never draws).
	Element *Element `json:"-"`
	Copy    *Element `json:"-"`
	// ElementID and CopyID are Element.ID and Copy.ID (or ""), for JSON.
	ElementID string `json:"element,omitempty"`
	CopyID    string `json:"copy,omitempty"`
	// InertiaAt is the maturity at which the evolve arrow shows the
	// element's inertia bar (OWM's stage-boundary rule), when the element
	// has inertia; otherwise NaN is never used and HasInertia is false.
	HasInertia bool       `json:"hasInertia,omitempty"`
	InertiaAt  float64    `json:"inertiaAt,omitempty"`
	Line       int        `json:"line"`
	Range      diag.Range `json:"-"`

	nameRange diag.Range
}

// LinkKind is the operator of a link line.
type LinkKind int

const (
	// Plain is `A->B`.
	Plain LinkKind = iota
	// FlowForward is `A+>B`.
	FlowForward
	// FlowBackward is `A+<B`.
	FlowBackward
	// FlowBoth is `A+<>B`.
	FlowBoth
)

func (k LinkKind) String() string {
	switch k {
	case FlowForward:
		return "+>"
	case FlowBackward:
		return "+<"
	case FlowBoth:
		return "+<>"
	}
	return "->"
}

// MarshalText writes the operator.
func (k LinkKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Link is a link or flow line.
type Link struct {
	// Start and End are the names as written (trimmed, escapes decoded).
	Start string   `json:"start"`
	End   string   `json:"end"`
	Kind  LinkKind `json:"kind"`
	// FlowValue is the quoted value of `A+'$5'>B` (kept untrimmed, as OWM
	// does), else "". A flow value makes the link a flow whatever its Kind.
	FlowValue string `json:"flowValue,omitempty"`
	// Context is the text after `;`, trimmed.
	Context string `json:"context,omitempty"`
	// From and To are what the ends resolve to, or nil (a diagnostic was
	// reported; the link is not drawn). When an end names an evolving
	// element, it resolves to the original, as in OWM.
	From *Element `json:"-"`
	To   *Element `json:"-"`
	// FromID and ToID are From.ID and To.ID (or ""), for JSON.
	FromID string `json:"from,omitempty"`
	ToID   string `json:"to,omitempty"`
	Line   int    `json:"line"`
	// Range is the whole line; StartRange and EndRange the two names.
	Range      diag.Range `json:"-"`
	StartRange diag.Range `json:"-"`
	EndRange   diag.Range `json:"-"`

	// labelledFlow is set for the `+'value'>` forms, which OWM records
	// twice; broken for a link missing an end.
	labelledFlow bool
	broken       bool
}

// Flow reports whether the link is drawn as a flow band.
func (l *Link) Flow() bool { return l.Kind != Plain || l.FlowValue != "" }

// Pipeline is a `pipeline` statement, in either form.
type Pipeline struct {
	Name string `json:"name"`
	// Parent is the element whose name the pipeline carries (it gives the
	// pipeline its visibility), or nil: then the pipeline is Hidden.
	Parent   *Element `json:"-"`
	ParentID string   `json:"parent,omitempty"`
	// Block is true for the `{ component X [m] ... }` form.
	Block bool `json:"block,omitempty"`
	// Maturity1 and Maturity2 are the box's ends: the bracket list of the
	// legacy form, or the smallest and largest child maturity.
	Maturity1 float64 `json:"maturity1"`
	Maturity2 float64 `json:"maturity2"`
	// Hidden pipelines are not drawn (no parent, no extent).
	Hidden   bool       `json:"hidden,omitempty"`
	Children []*Element `json:"children,omitempty"`
	Line     int        `json:"line"`
	Range    diag.Range `json:"-"`

	nameRange diag.Range
	extent    bool // the legacy [m1, m2] was written
}

// Note is a `note` statement. Text may contain newlines.
type Note struct {
	Text  string     `json:"text"`
	Coord Coord      `json:"coord"`
	Line  int        `json:"line"`
	Range diag.Range `json:"-"`
}

// Annotation is an `annotation` statement: a number drawn at one or more
// places, and a line of text in the annotations box.
type Annotation struct {
	// Number is the annotation's number; NumberOK is false when the text
	// after `annotation` is not a number (OWM's NaN).
	Number   int        `json:"number"`
	NumberOK bool       `json:"numberOK"`
	At       []Coord    `json:"at"`
	Text     string     `json:"text"`
	Line     int        `json:"line"`
	Range    diag.Range `json:"-"`
}

// AttitudeKind is one of the three PST attitudes.
type AttitudeKind int

const (
	Pioneers AttitudeKind = iota
	Settlers
	TownPlanners
)

func (k AttitudeKind) String() string {
	switch k {
	case Settlers:
		return "settlers"
	case TownPlanners:
		return "townplanners"
	}
	return "pioneers"
}

// MarshalText writes the attitude's keyword.
func (k AttitudeKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Attitude is a `pioneers`, `settlers` or `townplanners` box between two
// opposite corners.
type Attitude struct {
	Kind AttitudeKind `json:"kind"`
	From Coord        `json:"from"`
	To   Coord        `json:"to"`
	// Width and Height are the pixel sizes of the old `pioneers [v, m] w h`
	// form, kept verbatim (OWM ignores them when drawing).
	Width  string     `json:"width,omitempty"`
	Height string     `json:"height,omitempty"`
	Line   int        `json:"line"`
	Range  diag.Range `json:"-"`

	hasCoords bool
}

// Accelerator is an `accelerator` or `deaccelerator` statement.
type Accelerator struct {
	Name          string     `json:"name"`
	Coord         Coord      `json:"coord"`
	Deaccelerator bool       `json:"deaccelerator,omitempty"`
	Line          int        `json:"line"`
	Range         diag.Range `json:"-"`
}

// URL is a `url name [address]` statement.
type URL struct {
	Name    string `json:"name"`
	Address string `json:"address"`
	// Safe is true when Address may become a link: http, https, mailto or a
	// relative reference. Other schemes (javascript:, data:) are reported
	// and never drawn as links.
	Safe  bool       `json:"safe"`
	Line  int        `json:"line"`
	Range diag.Range `json:"-"`

	hasAddress bool
}

// Stage is one evolution-axis label, in two lines (the default labels put
// "(+rental)" and "(+utility)" on the second line).
type Stage struct {
	Line1 string `json:"line1"`
	Line2 string `json:"line2"`
}

// DefaultStages are OWM's evolution-axis labels.
var DefaultStages = [4]Stage{
	{"Genesis", ""}, {"Custom-Built", ""}, {"Product", "(+rental)"}, {"Commodity", "(+utility)"},
}

// Size is the map area in pixels; 0 in either dimension means "the
// renderer's default".
type Size struct {
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

// Map is a compiled map. Slices are in source order (OWM's order where it
// differs: attitudes grouped by kind, accelerators before deaccelerators,
// as OWM lists them).
type Map struct {
	// Title is "Untitled Map" when the map has none, as in OWM.
	Title string `json:"title"`
	// Style is the style as written ("plain" when none). Theme resolves it;
	// an unknown style was reported and draws as plain.
	Style string `json:"style"`
	Size  Size   `json:"size"`
	// AnnotationsAt is the top-left of the annotations box.
	AnnotationsAt      Coord    `json:"annotationsAt"`
	Stages             [4]Stage `json:"stages"`
	HideEvolutionAxis  bool     `json:"hideEvolutionAxis,omitempty"`
	HideValueChainAxis bool     `json:"hideValueChainAxis,omitempty"`

	// Elements are components, submaps and anchors, in source order.
	// Pipeline children live in their Pipeline; evolved copies in their
	// Evolution.
	Elements     []*Element     `json:"elements"`
	Evolutions   []*Evolution   `json:"evolutions"`
	Links        []*Link        `json:"links"`
	Pipelines    []*Pipeline    `json:"pipelines"`
	Notes        []*Note        `json:"notes"`
	Annotations  []*Annotation  `json:"annotations"`
	Attitudes    []*Attitude    `json:"attitudes"`
	Accelerators []*Accelerator `json:"accelerators"`
	URLs         []*URL         `json:"urls"`
}
