package diff

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/wardley-maps/wardley/model"
)

// Kind says what a Change is. Each kind documents the Go types of its Old
// and New values; JSON writes them as the types marshal.
type Kind string

// Element changes. Name is the element's name in the new map (the old
// map's for a removal); Element says what it is.
const (
	ElementAdded   Kind = "element-added"   // New: model.Coord
	ElementRemoved Kind = "element-removed" // Old: model.Coord
	// ElementRenamed is a name changed, found by matching case and spacing
	// loosely or by the rename rule (see Compare). Old, New: string.
	ElementRenamed    Kind = "element-renamed"
	ElementMoved      Kind = "element-moved"      // Old, New: model.Coord
	ElementKind       Kind = "element-kind"       // Old, New: string (component, anchor, submap, pipeline-child)
	ElementLabel      Kind = "element-label"      // Old, New: *model.Offset, nil for OWM's default
	ElementInertia    Kind = "element-inertia"    // Old, New: bool
	ElementDecorators Kind = "element-decorators" // Old, New: model.Decorators
	ElementURL        Kind = "element-url"        // Old, New: string, the url(name) of a submap ("" for none)
	ElementPipeline   Kind = "element-pipeline"   // Old, New: string, the pipeline a child is in
)

// Evolve changes. Name is the evolving element's name.
const (
	EvolveAdded      Kind = "evolve-added"      // New: float64, the target maturity
	EvolveRemoved    Kind = "evolve-removed"    // Old: float64
	EvolveTarget     Kind = "evolve-target"     // Old, New: float64
	EvolveName       Kind = "evolve-name"       // Old, New: string, the evolved copy's new name ("" for none)
	EvolveLabel      Kind = "evolve-label"      // Old, New: *model.Offset, nil for the default
	EvolveDecorators Kind = "evolve-decorators" // Old, New: model.Decorators
)

// Link changes. Name is the link as written with its ends' names, "A->B",
// "A+'$5'>B".
const (
	LinkAdded    Kind = "link-added"    // New: Link
	LinkRemoved  Kind = "link-removed"  // Old: Link
	LinkOperator Kind = "link-operator" // Old, New: Link, with another operator or flow value
	LinkReversed Kind = "link-reversed" // Old, New: Link
	LinkContext  Kind = "link-context"  // Old, New: string, the text after ';' ("" for none)
)

// Pipeline changes. Name is the pipeline's name.
const (
	PipelineAdded   Kind = "pipeline-added"   // New: Extent
	PipelineRemoved Kind = "pipeline-removed" // Old: Extent
	PipelineExtent  Kind = "pipeline-extent"  // Old, New: Extent
)

// Note changes. Name is the note's text (the new one for NoteText).
const (
	NoteAdded   Kind = "note-added"   // New: model.Coord
	NoteRemoved Kind = "note-removed" // Old: model.Coord
	NoteMoved   Kind = "note-moved"   // Old, New: model.Coord
	NoteText    Kind = "note-text"    // Old, New: string
)

// Annotation changes. Name is the annotation's number ("?" when it has
// none).
const (
	AnnotationAdded   Kind = "annotation-added"   // New: Annotation
	AnnotationRemoved Kind = "annotation-removed" // Old: Annotation
	AnnotationMoved   Kind = "annotation-moved"   // Old, New: []model.Coord
	AnnotationText    Kind = "annotation-text"    // Old, New: string
	// AnnotationsOrder is a new order of the annotations box's list, which
	// follows the source. Old, New: []string, the numbers in order.
	AnnotationsOrder Kind = "annotations-order"
	// AnnotationsBox is the annotations box moved (only reported when a
	// map has annotations: otherwise it is not drawn). Old, New: model.Coord.
	AnnotationsBox Kind = "annotations-box"
)

// Attitude changes. Name is the attitude (pioneers, settlers,
// townplanners).
const (
	AttitudeAdded   Kind = "attitude-added"   // New: Box
	AttitudeRemoved Kind = "attitude-removed" // Old: Box
	AttitudeMoved   Kind = "attitude-moved"   // Old, New: Box
)

// Accelerator changes. Name is the accelerator's name.
const (
	AcceleratorAdded   Kind = "accelerator-added"   // New: model.Coord
	AcceleratorRemoved Kind = "accelerator-removed" // Old: model.Coord
	AcceleratorMoved   Kind = "accelerator-moved"   // Old, New: model.Coord
	AcceleratorKind    Kind = "accelerator-kind"    // Old, New: string (accelerator, deaccelerator)
	// AcceleratorRenamed is a name changed in case or spacing only.
	// Old, New: string.
	AcceleratorRenamed Kind = "accelerator-renamed"
)

// URL changes (the `url name [address]` statements submaps link to). Name
// is the url's name.
const (
	URLAdded   Kind = "url-added"   // New: string, the address
	URLRemoved Kind = "url-removed" // Old: string
	URLAddress Kind = "url-address" // Old, New: string
)

// Map settings. Name is empty.
const (
	Title          Kind = "title"            // Old, New: string
	Style          Kind = "style"            // Old, New: string, the theme drawn (colour for color, plain for unknown styles)
	Size           Kind = "size"             // Old, New: model.Size (0 means the default)
	Stages         Kind = "stages"           // Old, New: [4]model.Stage, the evolution axis labels
	EvolutionAxis  Kind = "evolution-axis"   // Old, New: bool, shown
	ValueChainAxis Kind = "value-chain-axis" // Old, New: bool, shown
)

// Class sorts changes into the four marks of the picture.
type Class string

const (
	Added   Class = "added"
	Removed Class = "removed"
	Moved   Class = "moved"
	Changed Class = "changed"
)

// Class is how the picture marks a change of this kind.
func (k Kind) Class() Class {
	switch k {
	case ElementAdded, EvolveAdded, LinkAdded, PipelineAdded, NoteAdded, AnnotationAdded, AttitudeAdded,
		AcceleratorAdded, URLAdded:
		return Added
	case ElementRemoved, EvolveRemoved, LinkRemoved, PipelineRemoved, NoteRemoved, AnnotationRemoved,
		AttitudeRemoved, AcceleratorRemoved, URLRemoved:
		return Removed
	case ElementMoved, EvolveTarget, NoteMoved, AnnotationMoved, AttitudeMoved, AcceleratorMoved:
		return Moved
	}
	return Changed
}

// Change is one difference in meaning between the two maps.
type Change struct {
	Kind Kind `json:"kind"`
	// Name is what changed, as the new map names it (the old map, for
	// what was removed); each Kind says what it holds.
	Name string `json:"name,omitempty"`
	// Element is, for element changes, what the element is in the new map
	// (the old, for a removal): component, anchor, submap, pipeline-child.
	Element string `json:"element,omitempty"`
	// Pipeline is, for a pipeline component added or removed, the
	// pipeline it is in.
	Pipeline string `json:"pipeline,omitempty"`
	// Old and New are the values before and after; each Kind says their
	// types. A value that does not exist on one side is nil.
	Old any `json:"old,omitempty"`
	New any `json:"new,omitempty"`
	// OldLine and Line are the 1-based source lines of the statement in
	// the old and the new map; 0 when it is not in that map, or for
	// settings.
	OldLine int `json:"oldLine,omitempty"`
	Line    int `json:"line,omitempty"`

	// ref points into the two maps, for the picture.
	ref ref
}

// ref is what a change is about, in each map. Only the fields of its kind
// are set.
type ref struct {
	oldEl, newEl     *model.Element
	oldLink, newLink *model.Link
	oldEv, newEv     *model.Evolution
	oldPipe, newPipe *model.Pipeline
	oldNote, newNote *model.Note
	oldAnn, newAnn   *model.Annotation
	oldAtt, newAtt   *model.Attitude
	oldAcc, newAcc   *model.Accelerator
}

// Link is a link as the summary names it: its ends by the names of the
// elements they join.
type Link struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Op is the operator: "->", "+>", "+<", "+<>", or a flow with its value
	// such as "+'$5'>".
	Op      string `json:"op"`
	Context string `json:"context,omitempty"`
}

// String writes the link as in the map, "A->B".
func (l Link) String() string { return l.From + l.Op + l.To }

// Extent is a pipeline's span along the evolution axis. Components is
// true for a pipeline whose span comes from the components in its block.
type Extent struct {
	From       float64 `json:"from"`
	To         float64 `json:"to"`
	Components bool    `json:"components,omitempty"`
}

// Box is an attitude's box: its top, left, bottom and right edges in map
// coordinates (visibility, maturity, visibility, maturity), whichever
// corners the map named.
type Box struct {
	Top    float64 `json:"top"`
	Left   float64 `json:"left"`
	Bottom float64 `json:"bottom"`
	Right  float64 `json:"right"`
}

// Annotation is an annotation's places and text.
type Annotation struct {
	At   []model.Coord `json:"at"`
	Text string        `json:"text"`
}

// String is the change as one sentence, the line the text summary prints:
// names as written, map coordinates with two decimals (more where two
// differ only beyond), pixels as written.
func (c Change) String() string { return safe(c.sentence()) }

func (c Change) sentence() string {
	n := show(c.Name)
	switch c.Kind {
	case ElementAdded:
		if c.Element == model.PipelineChild.String() {
			return "component " + n + " added to pipeline " + show(c.Pipeline) + " at " + coord(coordOf2(c.New).Maturity) + " maturity"
		}
		return c.Element + " " + n + " added at " + coordOf(c.New)
	case ElementRemoved:
		if c.Element == model.PipelineChild.String() {
			return "component " + n + " removed from pipeline " + show(c.Pipeline) + " (was at " + coord(coordOf2(c.Old).Maturity) + " maturity)"
		}
		return c.Element + " " + n + " removed from " + coordOf(c.Old)
	case ElementRenamed:
		return show(str(c.Old)) + " renamed to " + show(str(c.New))
	case ElementMoved:
		return n + " moved " + moved(c.Old, c.New, c.Element == model.PipelineChild.String())
	case ElementKind:
		return n + " is now " + article(elementNoun(str(c.New))) + " (was " + article(elementNoun(str(c.Old))) + ")"
	case ElementLabel, EvolveLabel:
		return subject(c) + " label " + label(c.Old) + " → " + label(c.New)
	case ElementInertia:
		if b, _ := c.New.(bool); b {
			return n + " inertia added"
		}
		return n + " inertia removed"
	case ElementDecorators, EvolveDecorators:
		return subject(c) + " decorators " + decorators(c.Old) + " → " + decorators(c.New)
	case ElementURL:
		return n + " url " + orNone(str(c.Old)) + " → " + orNone(str(c.New))
	case ElementPipeline:
		return n + " moved from pipeline " + show(str(c.Old)) + " to pipeline " + show(str(c.New))

	case EvolveAdded:
		return "evolve " + n + " added → " + coord(num(c.New)) + " maturity"
	case EvolveRemoved:
		return "evolve " + n + " removed (was → " + coord(num(c.Old)) + " maturity)"
	case EvolveTarget:
		a, b := pair(num(c.Old), num(c.New))
		return "evolve " + n + " target " + a + " → " + b + " maturity"
	case EvolveName:
		return "evolve " + n + " name " + orNone(show(str(c.Old))) + " → " + orNone(show(str(c.New)))

	case LinkAdded:
		return linkNoun(c.New) + " " + n + " added"
	case LinkRemoved:
		return linkNoun(c.Old) + " " + n + " removed"
	case LinkOperator:
		o, _ := c.Old.(Link)
		w, _ := c.New.(Link)
		return linkNoun(c.Old) + " " + show(o.String()) + " changed to " + show(w.String())
	case LinkReversed:
		old, _ := c.Old.(Link)
		return linkNoun(c.New) + " " + show(old.String()) + " reversed to " + n
	case LinkContext:
		return "link " + n + " context " + quoteOrNone(str(c.Old)) + " → " + quoteOrNone(str(c.New))

	case PipelineAdded:
		return "pipeline " + n + " added " + extent(c.New)
	case PipelineRemoved:
		return "pipeline " + n + " removed (was " + extent(c.Old) + ")"
	case PipelineExtent:
		return "pipeline " + n + " " + extent(c.Old) + " → " + extent(c.New)

	case NoteAdded:
		return "note " + quote(c.Name) + " added at " + coordOf(c.New)
	case NoteRemoved:
		return "note " + quote(c.Name) + " removed from " + coordOf(c.Old)
	case NoteMoved:
		return "note " + quote(c.Name) + " moved " + moved(c.Old, c.New, false)
	case NoteText:
		return "note " + quote(str(c.Old)) + " now reads " + quote(str(c.New))

	case AnnotationAdded:
		a, _ := c.New.(Annotation)
		return "annotation " + n + " added at " + coords(a.At) + textTail(a.Text)
	case AnnotationRemoved:
		a, _ := c.Old.(Annotation)
		return "annotation " + n + " removed from " + coords(a.At) + textTail(a.Text)
	case AnnotationMoved:
		o, _ := c.Old.([]model.Coord)
		w, _ := c.New.([]model.Coord)
		if len(o) == 1 && len(w) == 1 {
			return "annotation " + n + " moved " + moved(o[0], w[0], false)
		}
		return "annotation " + n + " moved " + coords(o) + " → " + coords(w)
	case AnnotationText:
		return "annotation " + n + " text " + quote(str(c.Old)) + " → " + quote(str(c.New))
	case AnnotationsOrder:
		o, _ := c.Old.([]string)
		w, _ := c.New.([]string)
		return "annotations reordered " + strings.Join(o, ", ") + " → " + strings.Join(w, ", ")
	case AnnotationsBox:
		return "annotations box moved " + moved(c.Old, c.New, false)

	case AttitudeAdded:
		return c.Name + " added " + box(c.New)
	case AttitudeRemoved:
		return c.Name + " removed (was " + box(c.Old) + ")"
	case AttitudeMoved:
		return c.Name + " moved " + box(c.Old) + " → " + box(c.New)

	case AcceleratorAdded:
		return c.Element + " " + n + " added at " + coordOf(c.New)
	case AcceleratorRemoved:
		return c.Element + " " + n + " removed from " + coordOf(c.Old)
	case AcceleratorMoved:
		return c.Element + " " + n + " moved " + moved(c.Old, c.New, false)
	case AcceleratorRenamed:
		return c.Element + " " + show(str(c.Old)) + " renamed to " + show(str(c.New))
	case AcceleratorKind:
		return n + " is now " + article(str(c.New)) + " (was " + article(str(c.Old)) + ")"

	case URLAdded:
		return "url " + n + " added [" + str(c.New) + "]"
	case URLRemoved:
		return "url " + n + " removed (was [" + str(c.Old) + "])"
	case URLAddress:
		return "url " + n + " [" + str(c.Old) + "] → [" + str(c.New) + "]"

	case Title:
		return "title " + quote(str(c.Old)) + " → " + quote(str(c.New))
	case Style:
		return "style " + str(c.Old) + " → " + str(c.New)
	case Size:
		return "size " + size(c.Old) + " → " + size(c.New)
	case Stages:
		return "evolution labels " + stages(c.Old) + " → " + stages(c.New)
	case EvolutionAxis:
		return "evolution axis " + shown(c.New)
	case ValueChainAxis:
		return "value chain axis " + shown(c.New)
	}
	return string(c.Kind) + " " + n
}

// safe escapes what a terminal would obey rather than show: control
// characters (a name or a note can hold escape sequences) and the
// direction overrides that reorder what is shown.
func safe(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unsafeRune(r) && r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 ||
		r == 0x200e || r == 0x200f || r == 0x061c
}

// subject names what an element or evolve attribute belongs to.
func subject(c Change) string {
	if strings.HasPrefix(string(c.Kind), "evolve-") {
		return "evolve " + show(c.Name)
	}
	return show(c.Name)
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func num(v any) float64 {
	f, _ := v.(float64)
	return f
}

// show writes a name on one line: newlines (quoted names may hold them)
// as \n.
func show(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return s
	}
	return strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s)
}

// quote writes free text (notes, titles, contexts) in double quotes, with
// newlines and quotes escaped.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s) + `"`
}

func quoteOrNone(s string) string {
	if s == "" {
		return "none"
	}
	return quote(s)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func textTail(s string) string {
	if s == "" {
		return ""
	}
	return ": " + quote(s)
}

func elementNoun(kind string) string {
	if kind == model.PipelineChild.String() {
		return "pipeline component"
	}
	return kind
}

func article(w string) string {
	if w != "" && strings.ContainsRune("aeiou", rune(w[0])) {
		return "an " + w
	}
	return "a " + w
}

func linkNoun(v any) string {
	if l, ok := v.(Link); ok && l.Op != "->" {
		return "flow"
	}
	return "link"
}

// coord writes a map coordinate with two decimals.
func coord(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// pair writes two coordinates with two decimals, or as many more (up to
// six) as it takes to tell them apart.
func pair(a, b float64) (string, string) {
	for d := 2; d <= 6; d++ {
		sa, sb := strconv.FormatFloat(a, 'f', d, 64), strconv.FormatFloat(b, 'f', d, 64)
		if sa != sb || d == 6 {
			return sa, sb
		}
	}
	return "", ""
}

func coordOf(v any) string {
	c, _ := v.(model.Coord)
	return "[" + coord(c.Visibility) + ", " + coord(c.Maturity) + "]"
}

func coords(cs []model.Coord) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = coordOf(c)
	}
	return strings.Join(parts, ", ")
}

func coordOf2(v any) model.Coord {
	c, _ := v.(model.Coord)
	return c
}

// moved writes a move: along one axis with the other as context, or both
// coordinates when both changed. A pipeline child moves along its line
// only.
func moved(o, n any, maturityOnly bool) string {
	a, _ := o.(model.Coord)
	b, _ := n.(model.Coord)
	dv, dm := a.Visibility != b.Visibility, a.Maturity != b.Maturity
	switch {
	case maturityOnly || !dv:
		x, y := pair(a.Maturity, b.Maturity)
		s := x + " → " + y + " maturity"
		if !maturityOnly {
			s += " (visibility " + coord(b.Visibility) + ")"
		}
		return s
	case !dm:
		x, y := pair(a.Visibility, b.Visibility)
		return x + " → " + y + " visibility (maturity " + coord(b.Maturity) + ")"
	}
	v1, v2 := pair(a.Visibility, b.Visibility)
	m1, m2 := pair(a.Maturity, b.Maturity)
	return "[" + v1 + ", " + m1 + "] → [" + v2 + ", " + m2 + "]"
}

// px writes a pixel offset as the author would: no needless decimals.
func px(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func label(v any) string {
	o, _ := v.(*model.Offset)
	if o == nil {
		return "default"
	}
	return "[" + px(o.X) + ", " + px(o.Y) + "]"
}

func decorators(v any) string {
	d, _ := v.(model.Decorators)
	var parts []string
	if d.Method != model.NoMethod {
		parts = append(parts, d.Method.String())
	}
	if d.Market {
		parts = append(parts, "market")
	}
	if d.Ecosystem {
		parts = append(parts, "ecosystem")
	}
	if len(parts) == 0 {
		return "none"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func extent(v any) string {
	e, _ := v.(Extent)
	s := "[" + coord(e.From) + ", " + coord(e.To) + "]"
	if e.Components {
		s += " spanned by its components"
	}
	return s
}

func box(v any) string {
	b, _ := v.(Box)
	return "[" + coord(b.Top) + ", " + coord(b.Left) + ", " + coord(b.Bottom) + ", " + coord(b.Right) + "]"
}

func size(v any) string {
	s, _ := v.(model.Size)
	if s.Width <= 0 && s.Height <= 0 {
		return "default"
	}
	dim := func(f float64) string {
		if f <= 0 {
			return "default"
		}
		return px(f)
	}
	return "[" + dim(s.Width) + ", " + dim(s.Height) + "]"
}

func stages(v any) string {
	st, _ := v.([4]model.Stage)
	parts := make([]string, len(st))
	for i, s := range st {
		parts[i] = s.Line1
		if s.Line2 != "" {
			parts[i] += " " + s.Line2
		}
	}
	return strings.Join(parts, "->")
}

func shown(v any) string {
	if b, _ := v.(bool); b {
		return "shown"
	}
	return "hidden"
}
