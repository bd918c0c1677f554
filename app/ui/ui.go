// Package ui builds the Article Atlas window: the map, its toolbar, the legend
// and the details panel.
package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"articleatlas/app/icc"
	"articleatlas/app/mapview"
	"articleatlas/app/scene"
	"articleatlas/assets"
	"articleatlas/geo"
)

// Title is the window title.
const Title = "Article Atlas"

// Icon is the application icon as a Fyne resource.
var Icon = fyne.NewStaticResource("icon.png", assets.Icon)

// UI holds the window's widgets, so tests can drive them.
type UI struct {
	World   *geo.World
	Atlas   *scene.Atlas
	Map     *mapview.Map
	Details *Details
	Legend  *Legend
	Layers  *LayerControl

	ZoomIn, ZoomOut, Reset *widget.Button
	Projection             *widget.Select
	Content                fyne.CanvasObject

	// OnSelect, if set, is called after the selection changed (ISO3 or "").
	OnSelect func(iso3 string)
	// OnSelectMark, if set, is called after the selection changed, with what
	// was selected: a country, place, trip, corridor or link (zero: none).
	OnSelectMark func(h geo.Hit)
}

// New builds the UI for atlas a's world showing ICC status on date d.
func New(a *scene.Atlas, d icc.Date) *UI {
	w := a.World
	u := &UI{World: w, Atlas: a}
	u.Map = mapview.New(a, d)
	u.Details = newDetails(a)
	u.Legend = newLegend(a)
	u.Legend.Update(d)
	u.Layers = newLayerControl(u.Map)

	u.Map.OnSelect = func(iso string) {
		if u.OnSelect != nil {
			u.OnSelect(iso)
		}
	}
	u.Map.OnSelectMark = func(h geo.Hit) {
		u.Details.ShowMark(h, u.Map.Date())
		if u.OnSelectMark != nil {
			u.OnSelectMark(h)
		}
	}
	u.ZoomIn = widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { u.Map.ZoomBy(1) })
	u.ZoomOut = widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { u.Map.ZoomBy(-1) })
	u.Reset = widget.NewButtonWithIcon("Reset view", theme.ViewRestoreIcon(), u.Map.ResetView)
	names := make([]string, len(geo.Projections))
	for i, p := range geo.Projections {
		names[i] = projectionLabel(p)
	}
	u.Projection = widget.NewSelect(names, func(s string) {
		for _, p := range geo.Projections {
			if projectionLabel(p) == s {
				u.Map.SetProjection(p)
			}
		}
	})
	u.Projection.SetSelected(names[0])

	dateLabel := widget.NewLabelWithStyle("ICC membership on "+icc.FormatDate(d), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	toolbar := container.NewHBox(u.ZoomIn, u.ZoomOut, u.Reset, widget.NewSeparator(), widget.NewLabel("Projection"), u.Projection,
		widget.NewSeparator(), dateLabel)
	side := container.NewVScroll(container.NewVBox(u.Details.box, widget.NewSeparator(), u.Layers.box))
	side.SetMinSize(fyne.NewSize(300, 200))
	center := container.NewBorder(nil, u.Legend.box, nil, nil, u.Map)
	split := container.NewHSplit(center, side)
	split.SetOffset(0.76)
	u.Content = container.NewBorder(container.NewPadded(toolbar), nil, nil, nil, split)
	return u
}

func projectionLabel(p geo.Projection) string {
	switch p.Name() {
	case "equal-earth":
		return "Equal Earth"
	case "equirectangular":
		return "Equirectangular"
	}
	return p.Name()
}

// Details is the side panel describing the selection: a country, or a
// place, trip, corridor or energy link.
type Details struct {
	atlas  *scene.Atlas
	world  *geo.World
	Name   *widget.Label
	Status *widget.Label
	Code   *widget.Label
	Note   *widget.Label
	Hint   *widget.Label
	swatch *canvas.Rectangle
	box    *fyne.Container
}

func newDetails(a *scene.Atlas) *Details {
	d := &Details{
		atlas:  a,
		world:  a.World,
		Name:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		Status: widget.NewLabel(""),
		Code:   widget.NewLabel(""),
		Note:   widget.NewLabel(""),
		Hint:   widget.NewLabel(""),
		swatch: canvas.NewRectangle(color.Transparent),
	}
	d.Name.SizeName = theme.SizeNameSubHeadingText
	// Every line wraps: a long name (a corridor's, a trip's) must not widen
	// the panel, which would push the window wider and the map narrower.
	for _, l := range []*widget.Label{d.Name, d.Status, d.Code, d.Note, d.Hint} {
		l.Wrapping = fyne.TextWrapWord
	}
	d.Hint.Importance = widget.LowImportance
	d.swatch.SetMinSize(fyne.NewSize(14, 14))
	d.swatch.CornerRadius = 3
	d.box = container.NewVBox(d.Name, container.NewBorder(nil, nil, container.NewCenter(d.swatch), nil, d.Status), d.Code, d.Note, d.Hint)
	d.Show("", icc.ArticleDate)
	return d
}

// ShowMark fills the panel for mark h on date day: a country's status, or a
// place's, trip's, corridor's or link's details; a zero Hit shows the empty state.
func (d *Details) ShowMark(h geo.Hit, day icc.Date) {
	if h.Kind == geo.HitNone || h.Kind == geo.HitCountry {
		d.Show(h.ID, day)
		return
	}
	info, ok := d.atlas.Details(h, day)
	if !ok {
		d.Show("", day)
		return
	}
	d.Name.SetText(info.Title)
	d.Status.SetText(info.Subtitle)
	d.Code.SetText("")
	d.Note.SetText(strings.Join(info.Lines, "\n\n"))
	d.Hint.SetText("")
	d.swatch.Hide()
	d.showFilled()
}

// Show fills the panel for country iso3 on date day; "" shows the empty state.
func (d *Details) Show(iso3 string, day icc.Date) {
	if iso3 == "" {
		d.Name.SetText("No country selected")
		d.Status.SetText("")
		d.Code.SetText("")
		d.Note.SetText("")
		d.Hint.SetText("Click a country to see its status under the Rome Statute of the International Criminal Court, or a trip, corridor or place to read about it. Double-click to zoom to a country; drag to pan; scroll to zoom.")
		d.swatch.Hide()
		d.showFilled()
		return
	}
	name := d.atlas.Name(iso3)
	si := d.atlas.ICC.StatusOn(iso3, day)
	st := mapview.ThemeStyle(fyne.CurrentApp().Settings().Theme())
	d.Name.SetText(name)
	d.Status.SetText(si.Describe())
	d.Code.SetText("ISO code " + iso3)
	note := ""
	if si.M != nil {
		note = si.M.Note
	}
	d.Note.SetText(note)
	d.Hint.SetText(fmt.Sprintf("Status on %s.", icc.FormatDate(day)))
	d.swatch.FillColor = st.Fill[si.Status]
	d.swatch.Show()
	d.swatch.Refresh()
	d.showFilled()
}

// showFilled hides the labels that have no text, so the panel has no gaps.
func (d *Details) showFilled() {
	for _, l := range []*widget.Label{d.Status, d.Code, d.Note} {
		if l.Text == "" {
			l.Hide()
		} else {
			l.Show()
		}
	}
}

// Legend shows each status class with its colour and count.
type Legend struct {
	atlas  *scene.Atlas
	Labels map[icc.Status]*widget.Label
	box    *fyne.Container
}

func newLegend(a *scene.Atlas) *Legend {
	l := &Legend{atlas: a, Labels: map[icc.Status]*widget.Label{}}
	st := mapview.ThemeStyle(fyne.CurrentApp().Settings().Theme())
	items := []fyne.CanvasObject{}
	for _, s := range icc.Statuses {
		sw := canvas.NewRectangle(st.Fill[s])
		sw.SetMinSize(fyne.NewSize(16, 16))
		sw.CornerRadius = 3
		sw.StrokeColor = color.NRGBA{0x55, 0x55, 0x55, 0xff}
		sw.StrokeWidth = 0.5
		lab := widget.NewLabel(s.Label())
		l.Labels[s] = lab
		items = append(items, container.NewHBox(container.NewCenter(sw), lab))
	}
	l.box = container.NewHBox(items...)
	return l
}

// Counts returns how many states are in each class on day: parties,
// signatories and former parties are counted over every recorded state;
// non-parties over the countries drawn on the map.
func (l *Legend) Counts(day icc.Date) map[icc.Status]int {
	n := map[icc.Status]int{}
	for _, s := range []icc.Status{icc.Party, icc.Signatory, icc.Withdrawn} {
		n[s] = l.atlas.ICC.Count(s, day)
	}
	cs, _ := l.atlas.World.Countries(geo.Fine)
	for _, c := range cs.List {
		if l.atlas.ICC.StatusOn(c.ISO3, day).Status == icc.NonParty {
			n[icc.NonParty]++
		}
	}
	return n
}

// Update sets the counts for day.
func (l *Legend) Update(day icc.Date) {
	n := l.Counts(day)
	for _, s := range icc.Statuses {
		text := fmt.Sprintf("%s (%d)", s.Label(), n[s])
		if s == icc.NonParty {
			text = fmt.Sprintf("%s (%d on the map)", s.Label(), n[s])
		}
		l.Labels[s].SetText(text)
	}
}
