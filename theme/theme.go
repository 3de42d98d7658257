package theme

import "github.com/wardley-maps/wardley/font"

// Color is straight sRGB with alpha; the zero value is "none". It has the
// same layout as layout.Color, so layout converts with a plain conversion.
type Color struct{ R, G, B, A uint8 }

// RGB is an opaque colour.
func RGB(r, g, b uint8) Color { return Color{r, g, b, 255} }

// RGBA is a colour with an alpha in [0, 1], rounded to the nearest byte.
func RGBA(r, g, b uint8, a float64) Color { return Color{r, g, b, uint8(a*255 + 0.5)} }

// Hex reads "#rgb", "#rrggbb" or "#rrggbbaa". It panics on anything else:
// it is only called on the constants below.
func Hex(s string) Color {
	h := func(c byte) uint8 {
		switch {
		case c >= '0' && c <= '9':
			return c - '0'
		case c >= 'a' && c <= 'f':
			return c - 'a' + 10
		case c >= 'A' && c <= 'F':
			return c - 'A' + 10
		}
		panic("theme: bad hex colour " + s)
	}
	if len(s) == 0 || s[0] != '#' {
		panic("theme: bad hex colour " + s)
	}
	s = s[1:]
	switch len(s) {
	case 3:
		return Color{h(s[0]) * 17, h(s[1]) * 17, h(s[2]) * 17, 255}
	case 6, 8:
		c := Color{h(s[0])<<4 | h(s[1]), h(s[2])<<4 | h(s[3]), h(s[4])<<4 | h(s[5]), 255}
		if len(s) == 8 {
			c.A = h(s[6])<<4 | h(s[7])
		}
		return c
	}
	panic("theme: bad hex colour " + s)
}

// Named colours OWM's themes use.
var (
	Black = RGB(0, 0, 0)
	White = RGB(255, 255, 255)
	Grey  = RGB(128, 128, 128) // CSS "grey"
	Red   = RGB(255, 0, 0)
)

// Theme is one style, resolved: every value OWM would draw with.
type Theme struct {
	// Name is the canonical name: plain, wardley, colour, handwritten, dark.
	Name string
	// Font is the face of every map text except the title and the axis
	// texts, which OWM always sets in the Helvetica stack.
	Font font.Family

	// Page is the page background (OWM's containerBackground).
	Page Color
	// MapFill fills the map area; MapGradient, when set, replaces it with
	// OWM's wardleyGradient (grey edges, white middle).
	MapFill     Color
	MapGradient bool

	// Title is the title's colour (OWM: always black, even on dark).
	Title Color

	// Axes.
	Stroke          Color
	StrokeWidth     float64
	Separator       Color // evolutionSeparationStroke
	GridText        Color // mapGridTextColor
	StageLabelsText bool  // the wardley style's "Uncharted" and "Industrialised"

	// Components.
	ComponentFill        Color
	ComponentStroke      Color
	ComponentStrokeWidth float64
	ComponentRadius      float64
	EvolvedStroke        Color
	EvolvedFill          Color
	TextColor            Color // component.textColor: anchors, flow values, our labels
	EvolvedTextColor     Color
	FontSize             float64 // component.fontSize
	PipelineStrokeWidth  float64

	// Links.
	LinkStroke         Color
	LinkStrokeWidth    float64
	EvolvedLinkStroke  Color
	EvolvedLinkWidth   float64
	FlowStroke         Color
	FlowStrokeWidth    float64
	ContextFontSize    float64
	ContextText        Color // our choice: OWM leaves it black
	InertiaStroke      Color // our choice: OWM draws black in every style
	AcceleratorOutline Color

	// Annotations.
	AnnotationStroke      Color
	AnnotationStrokeWidth float64
	AnnotationFill        Color // circles; OWM's handwritten leaves it empty (black)
	AnnotationNumber      Color
	AnnotationHeader      Color // "Annotations:"
	AnnotationBoxStroke   Color
	AnnotationBoxWidth    float64
	AnnotationBoxFill     Color
	AnnotationBoxText     Color

	// Notes.
	NoteFontSize float64
	NoteText     Color
}

// Method colours, the same in every style.
var (
	BuildFill       = Hex("#D6D6D6")
	BuildStroke     = Hex("#000000")
	BuyFill         = Hex("#AAA5A9")
	BuyStroke       = Hex("#D6D6D6")
	OutsourceFill   = Hex("#444444")
	OutsourceStroke = Hex("#444444")
)

// Attitude colours, the same in every style: fill at 0.4 opacity, stroke at
// 0.7.
var (
	PioneersFill       = Hex("#3ccaf8")
	PioneersStroke     = Hex("#3490dd")
	SettlersFill       = Hex("#599afa")
	SettlersStroke     = Hex("#396dc0")
	TownPlannersFill   = Hex("#936ff9")
	TownPlannersStroke = Hex("#4768c8")
)

// Names lists the canonical style names, in the order OWM documents them.
var Names = []string{"plain", "wardley", "colour", "handwritten", "dark"}

// Known reports whether name selects a theme of its own (exact, lower-case,
// as OWM matches it); anything else draws as plain.
func Known(name string) bool {
	switch name {
	case "plain", "wardley", "colour", "color", "handwritten", "dark":
		return true
	}
	return false
}

// Lookup returns the theme a map's `style` selects: colour and color are the
// same theme; anything unknown is plain, as in OWM.
func Lookup(name string) Theme {
	switch name {
	case "wardley":
		return wardley()
	case "colour", "color":
		return colour()
	case "handwritten":
		return handwritten()
	case "dark":
		return dark()
	}
	return plain()
}

func plain() Theme {
	return Theme{
		Name: "plain", Font: font.Sans,
		Page: White, Title: Black,
		Stroke: Black, StrokeWidth: 1, Separator: Black, GridText: Black,
		ComponentFill: White, ComponentStroke: Black, ComponentStrokeWidth: 1, ComponentRadius: 5,
		EvolvedStroke: Red, EvolvedFill: White, TextColor: Black, EvolvedTextColor: Red,
		FontSize: 14, PipelineStrokeWidth: 1,
		LinkStroke: Grey, LinkStrokeWidth: 1, EvolvedLinkStroke: Red, EvolvedLinkWidth: 1,
		FlowStroke: Hex("#99c5ee9e"), FlowStrokeWidth: 10, ContextFontSize: 11, ContextText: Black,
		InertiaStroke: Black, AcceleratorOutline: Black,
		AnnotationStroke: Hex("#595959"), AnnotationStrokeWidth: 2, AnnotationFill: White, AnnotationNumber: Black,
		AnnotationHeader: Black, AnnotationBoxStroke: Hex("#595959"), AnnotationBoxWidth: 1,
		AnnotationBoxFill: White, AnnotationBoxText: Black,
		NoteFontSize: 12, NoteText: Black,
	}
}

func wardley() Theme {
	t := plain()
	t.Name, t.Font = "wardley", font.Mono
	t.MapGradient = true
	t.Separator = Hex("#b8b8b8")
	t.StageLabelsText = true
	t.FontSize = 12
	// The wardley style replaces the note group without a font size: the
	// browser's 14px applies.
	t.NoteFontSize = 14
	return t
}

func handwritten() Theme {
	t := plain()
	t.Name, t.Font = "handwritten", font.Hand
	t.FontSize = 12
	t.NoteFontSize = 14
	// OWM leaves the circles' fill empty, which browsers paint black over a
	// black number; white is what the style plainly means.
	t.AnnotationFill = White
	return t
}

func colour() Theme {
	t := plain()
	t.Name = "colour"
	t.Stroke, t.StrokeWidth = Hex("#c23667"), 3
	t.Separator = Hex("#b8b8b8")
	t.ComponentStroke, t.ComponentStrokeWidth, t.ComponentRadius = Hex("#8cb358"), 2, 7
	t.EvolvedStroke, t.EvolvedTextColor = Hex("#ea7f5b"), Hex("#ea7f5b")
	t.TextColor = Hex("#486b1a")
	t.LinkStroke = Hex("#5c5c5c")
	t.EvolvedLinkStroke, t.EvolvedLinkWidth = Hex("#ea7f5b"), 2
	t.FlowStrokeWidth = 1
	t.ContextFontSize = 10
	t.AnnotationStroke, t.AnnotationFill = Hex("#015fa5"), Hex("#99c5ee")
	t.AnnotationBoxStroke, t.AnnotationBoxWidth, t.AnnotationBoxFill = Hex("#015fa5"), 2, Hex("#99c5ee")
	t.NoteFontSize = 14
	return t
}

func dark() Theme {
	t := plain()
	t.Name = "dark"
	light := RGBA(255, 255, 255, 0.8)
	t.Page, t.MapFill = Hex("#353347"), Hex("#353347")
	// OWM draws the title black on the dark page; we draw it readable.
	t.Title = White
	t.Stroke, t.Separator, t.GridText = White, White, light
	t.ComponentFill, t.ComponentStroke = light, White
	t.EvolvedStroke, t.EvolvedTextColor = Hex("#90caf9"), Hex("#90caf9")
	t.TextColor = light
	t.FontSize = 13
	t.LinkStroke, t.EvolvedLinkStroke = White, Hex("#90caf9")
	t.ContextFontSize = 10
	t.ContextText = light
	t.InertiaStroke = light
	t.AnnotationFill = light
	t.AnnotationBoxFill = light
	t.NoteText = light
	return t
}

// Compat returns the theme with OWM's drawing bugs put back, for pixel
// comparisons with OWM: a black title, black link context and inertia bars
// in every style, and handwritten's unfilled (black) annotation circles.
// Component labels, which OWM also draws black, are layout's business.
func (t Theme) Compat() Theme {
	t.Title = Black
	t.ContextText = Black
	t.InertiaStroke = Black
	if t.Name == "handwritten" {
		t.AnnotationFill = Black
	}
	return t
}
