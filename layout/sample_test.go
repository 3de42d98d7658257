package layout

import (
	"fmt"

	"github.com/wardley-maps/wardley/model"
)

// sampleMap builds, by hand, a compiled map that uses every element layout
// draws, linked the way model.Compile links them.
func sampleMap() *model.Map {
	m := &model.Map{Title: "Sample <&> map", Style: "plain", Stages: model.DefaultStages,
		AnnotationsAt: model.Coord{Visibility: 0.3, Maturity: 0.05}}
	el := func(kind model.ElementKind, name string, v, mat float64) *model.Element {
		e := &model.Element{ID: kind.String() + "-" + slug(name), Kind: kind, Name: name, Display: name,
			Coord: model.Coord{Visibility: v, Maturity: mat}, DrawLabel: model.Offset{X: 5, Y: -10}}
		m.Elements = append(m.Elements, e)
		return e
	}
	user := el(model.Anchor, "User", 0.95, 0.5)
	shop := el(model.Component, "Shop", 0.8, 0.45)
	kettle := el(model.Component, "Kettle", 0.5, 0.3)
	kettle.Inertia = true
	kettle.Decorators.Method = model.Build
	kettle.DrawLabel = model.Offset{X: 5, Y: 20}
	power := el(model.Component, "Power", 0.2, 0.75)
	power.Decorators = model.Decorators{Method: model.Outsource, Market: true}
	eco := el(model.Component, "Partners", 0.35, 0.6)
	eco.Decorators.Ecosystem = true
	old := el(model.Component, "Legacy", 0.6, 0.8)
	old.Inertia = true
	multi := el(model.Component, "Two\nLines", 0.65, 0.2)
	sub := el(model.Submap, "Supply", 0.7, 0.65)
	sub.URL = &model.URL{Name: "s", Address: "https://example.org/?a=1&b=2", Safe: true}
	bad := el(model.Submap, "Evil", 0.4, 0.9)
	bad.URL = &model.URL{Name: "e", Address: "javascript:alert(1)", Safe: false}
	pipe := el(model.Component, "Kettles", 0.3, 0.5)
	pipe.PipelineParent = true
	legacy := el(model.Component, "Hosting", 0.1, 0.5)
	legacy.PipelineParent = true

	ev := &model.Evolution{Name: "Kettle", Rename: "Smart Kettle", Maturity: 0.7, Element: kettle, HasInertia: true, InertiaAt: 0.4}
	kettle.Evolution = ev
	ev.Copy = &model.Element{ID: "evolved-kettle", Kind: model.EvolvedCopy, Name: "Kettle", Display: "Smart Kettle",
		Coord: model.Coord{Visibility: 0.5, Maturity: 0.7}, DrawLabel: model.Offset{X: 16, Y: -10},
		Decorators: kettle.Decorators, Evolution: ev}
	back := &model.Evolution{Name: "Legacy", Maturity: 0.55, Element: old}
	old.Evolution = back
	back.Copy = &model.Element{ID: "evolved-legacy", Kind: model.EvolvedCopy, Name: "Legacy", Display: "Legacy",
		Coord: model.Coord{Visibility: 0.6, Maturity: 0.55}, DrawLabel: model.Offset{X: 5, Y: -10}, Evolution: back}
	kettle.Copy, old.Copy = ev.Copy, back.Copy
	m.Evolutions = []*model.Evolution{ev, back}

	p := &model.Pipeline{Name: "Kettles", Parent: pipe, Block: true}
	for i, n := range []string{"Campfire", "Electric"} {
		c := &model.Element{ID: "pipeline-child-" + slug(n), Kind: model.PipelineChild, Name: n, Display: n,
			Coord: model.Coord{Visibility: 0.3, Maturity: 0.35 + 0.3*float64(i)}, DrawLabel: model.Offset{X: 5, Y: -10}, Pipeline: p}
		p.Children = append(p.Children, c)
	}
	p.Maturity1, p.Maturity2 = 0.35, 0.65
	lp := &model.Pipeline{Name: "Hosting", Parent: legacy, Maturity1: 0.3, Maturity2: 0.8}
	m.Pipelines = []*model.Pipeline{p, lp}

	link := func(a, b *model.Element, k model.LinkKind, value, ctx string) {
		m.Links = append(m.Links, &model.Link{Start: a.Name, End: b.Name, Kind: k, FlowValue: value, Context: ctx, From: a, To: b})
	}
	link(user, shop, model.Plain, "", "")
	link(user, kettle, model.Plain, "", "")
	link(shop, kettle, model.FlowForward, "$5", "needs heat")
	link(kettle, power, model.FlowBoth, "", "")
	link(shop, multi, model.Plain, "", "right to left")
	link(old, kettle, model.Plain, "", "")
	link(shop, p.Children[1], model.Plain, "", "")
	link(shop, &model.Element{Name: "unresolved"}, model.Plain, "", "")
	m.Links[len(m.Links)-1].To = nil

	m.Notes = []*model.Note{{Text: "A note\nover two lines", Coord: model.Coord{Visibility: 0.15, Maturity: 0.1}}}
	m.Annotations = []*model.Annotation{
		{Number: 1, NumberOK: true, At: []model.Coord{{Visibility: 0.55, Maturity: 0.4}, {Visibility: 0.25, Maturity: 0.8}}, Text: "Standardise <power>"},
		{Number: 2, NumberOK: true, At: []model.Coord{{Visibility: 0.9, Maturity: 0.9}}, Text: "Visible"},
	}
	m.Attitudes = []*model.Attitude{
		{Kind: model.Pioneers, From: model.Coord{Visibility: 0.95, Maturity: 0.05}, To: model.Coord{Visibility: 0.75, Maturity: 0.25}},
		{Kind: model.TownPlanners, From: model.Coord{Visibility: 0.2, Maturity: 0.95}, To: model.Coord{Visibility: 0.05, Maturity: 0.7}},
	}
	m.Accelerators = []*model.Accelerator{
		{Name: "Open source", Coord: model.Coord{Visibility: 0.45, Maturity: 0.15}},
		{Name: "Regulation", Coord: model.Coord{Visibility: 0.1, Maturity: 0.25}, Deaccelerator: true},
	}
	return m
}

// bigMap is a map of n components in chains, for benchmarks.
func bigMap(n int) *model.Map {
	m := &model.Map{Title: "Big", Style: "wardley", Stages: model.DefaultStages}
	var prev *model.Element
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("Component %d", i)
		e := &model.Element{ID: "component-" + slug(name), Kind: model.Component, Name: name, Display: name,
			Coord:     model.Coord{Visibility: 1 - float64(i%97)/97, Maturity: float64(i%89) / 89},
			DrawLabel: model.Offset{X: 5, Y: -10}, Inertia: i%13 == 0}
		if i%7 == 0 {
			e.Decorators.Method = model.Buy
		}
		m.Elements = append(m.Elements, e)
		if prev != nil {
			m.Links = append(m.Links, &model.Link{Start: prev.Name, End: name, From: prev, To: e, Context: map[bool]string{true: "ctx"}[i%11 == 0]})
		}
		prev = e
	}
	return m
}
