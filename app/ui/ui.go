// Package ui builds the Article Atlas window: the map, its toolbar, the legend
// and the details panel.
package ui

import (
	"image/color"
	"log"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"articleatlas/app/export"
	"articleatlas/app/icc"
	"articleatlas/app/mapview"
	"articleatlas/app/render"
	"articleatlas/app/scene"
	"articleatlas/app/search"
	"articleatlas/assets"
	"articleatlas/data"
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
	Article *ArticlePane
	Tabs    *container.AppTabs // the side panel: "Details" and "Article"
	Legend  *Legend
	Layers  *LayerControl
	Time    *TimeBar      // the date shown: slider, entry, play, membership chart
	Search  *Search       // countries, aliases, codes and the story's places
	Date    *widget.Label // "ICC membership on 17 October 2023", in the toolbar

	ZoomIn, ZoomOut, Reset *widget.Button
	ExportButton           *widget.Button // opens the export dialog
	Projection             *widget.Select
	Content                fyne.CanvasObject

	// OnSelect, if set, is called after the selection changed (ISO3 or "").
	OnSelect func(iso3 string)
	// OnSelectMark, if set, is called after the selection changed, with what
	// was selected: a country, place, trip, corridor or link (zero: none).
	OnSelectMark func(h geo.Hit)
	// OnDate, if set, is called after the date shown changed.
	OnDate func(d icc.Date)

	win     fyne.Window // the window u is attached to, for dialogs; nil before Attach
	aliases *search.Aliases
	opened  []*openedLayer // the layers the reader opened, in order
}

// New builds the UI for atlas a's world showing ICC status on date d.
func New(a *scene.Atlas, d icc.Date) *UI {
	w := a.World
	u := &UI{World: w, Atlas: a}
	u.Map = mapview.New(a, d)
	u.Details = newDetails(a)
	u.Details.OnSelectMark = u.selectMark
	u.Article = newArticlePane(a)
	u.Article.OnPick = u.pick
	aliases, err := search.LoadAliases(data.Aliases)
	if err != nil {
		log.Printf("atlas: %v (search finds countries by their names and codes only)", err)
	}
	u.aliases = aliases
	u.Search = NewSearch(search.ForAtlas(a, aliases), func(r search.Result) { u.pick(r.Hit()) })
	u.Details.UserLayers = u.Map.UserLayers
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
		u.Article.Highlight(u.Map.Selected())
		if u.OnSelectMark != nil {
			u.OnSelectMark(h)
		}
	}
	u.ZoomIn = widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { u.Map.ZoomBy(1) })
	u.ZoomOut = widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { u.Map.ZoomBy(-1) })
	u.Reset = widget.NewButtonWithIcon("Reset view", theme.ViewRestoreIcon(), u.Map.ResetView)
	u.ExportButton = widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), u.Export)
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

	u.Date = widget.NewLabelWithStyle(export.DateLine(d), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	u.Time = NewTimeBar(a, scene.StatuteAdopted, CivilDate(time.Now()), u.setDate)
	u.Time.SetDate(d)
	toolbar := container.NewHBox(u.ZoomIn, u.ZoomOut, u.Reset, widget.NewSeparator(), widget.NewLabel("Projection"), u.Projection,
		widget.NewSeparator(), u.ExportButton, widget.NewSeparator(),
		container.NewGridWrap(fyne.NewSize(240, u.Search.Entry.MinSize().Height), u.Search.Content), widget.NewSeparator(), u.Date)
	details := container.NewVScroll(container.NewVBox(u.Details.box, widget.NewSeparator(), u.Layers.box))
	details.SetMinSize(fyne.NewSize(300, 200))
	u.Article.Scroll.SetMinSize(fyne.NewSize(300, 200))
	u.Tabs = container.NewAppTabs(container.NewTabItem("Details", details), container.NewTabItem("Article", u.Article.Scroll))
	u.Tabs.OnSelected = func(ti *container.TabItem) {
		if ti.Content == u.Article.Scroll {
			u.Article.ScrollToMarked()
		}
	}
	center := container.NewBorder(nil, u.Legend.box, nil, nil, u.Map)
	split := container.NewHSplit(center, u.Tabs)
	split.SetOffset(0.76)
	u.Content = container.NewBorder(container.NewPadded(toolbar), container.NewPadded(u.Time.Content), nil, nil, split)
	fyne.CurrentApp().Settings().AddListener(func(fyne.Settings) { fyne.Do(u.Restyle) })
	return u
}

// Restyle colours the legend, the layer swatches and the details panel for
// the current theme, and redraws the map in it; the app calls it when the
// theme changes. Call it on the UI goroutine.
func (u *UI) Restyle() {
	st := mapview.ThemeStyle(fyne.CurrentApp().Settings().Theme())
	u.Legend.restyle(st)
	u.Layers.restyle(st)
	u.Details.ShowMark(u.Map.SelectedMark(), u.Map.Date())
	u.Map.Refresh()
	u.Time.Chart.Refresh()
}

// setDate shows day d everywhere: the map's shading, trips and events and
// tooltip, the legend's counts, the details panel and the toolbar's date. The
// time bar calls it on the UI goroutine.
func (u *UI) setDate(d icc.Date) {
	u.Map.SetDate(d)
	u.Legend.Update(d)
	u.Details.ShowMark(u.Map.SelectedMark(), d)
	u.Date.SetText(export.DateLine(d))
	if u.OnDate != nil {
		u.OnDate(d)
	}
}

// RefreshSearch rebuilds the search index from the world's finest outlines
// loaded so far (call it when 1:50m has loaded: it adds the small states).
// Call it on the UI goroutine.
func (u *UI) RefreshSearch() {
	u.Search.SetIndex(search.ForAtlas(u.Atlas, u.aliases))
}

// selectMark selects h on the map and tells everyone who listens to map
// selections — the details panel included — as a tap on the map would.
func (u *UI) selectMark(h geo.Hit) {
	u.Map.SelectMark(h)
	if u.Map.OnSelect != nil {
		iso := ""
		if h.Kind == geo.HitCountry {
			iso = h.ID
		}
		u.Map.OnSelect(iso)
	}
	if u.Map.OnSelectMark != nil {
		u.Map.OnSelectMark(u.Map.SelectedMark())
	}
}

// pick selects h as selectMark does and flies the map to it: to a
// country's main part, to fit both ends of a trip, or to a place's country.
func (u *UI) pick(h geo.Hit) {
	u.selectMark(h)
	switch h.Kind {
	case geo.HitCountry:
		u.Map.ZoomToCountry(h.ID)
	case geo.HitTrip:
		if t := u.Atlas.Story.Trip(h.ID); t != nil {
			u.Map.FlyToPoints(t.From.Point, t.To.Point)
		}
	case geo.HitPlace:
		if pl := u.Atlas.Story.Place(h.ID); pl != nil {
			u.Map.ZoomToCountry(pl.ISO3)
		}
	}
}

// projectionLabel is how the projection menu names p.
func projectionLabel(p geo.Projection) string {
	switch geo.ProjectionFamily(p.Name()) {
	case "equal-earth":
		return "Equal Earth"
	case "equirectangular":
		return "Equirectangular"
	case "web-mercator":
		return "Web Mercator"
	case "orthographic":
		return "Globe"
	}
	return p.Name()
}

// Legend shows each status class with its colour and count.
type Legend struct {
	atlas    *scene.Atlas
	Labels   map[icc.Status]*widget.Label
	Swatches map[icc.Status]*canvas.Rectangle
	box      *fyne.Container
}

func newLegend(a *scene.Atlas) *Legend {
	l := &Legend{atlas: a, Labels: map[icc.Status]*widget.Label{}, Swatches: map[icc.Status]*canvas.Rectangle{}}
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
		l.Swatches[s] = sw
		items = append(items, container.NewHBox(container.NewCenter(sw), lab))
	}
	l.box = container.NewHBox(items...)
	return l
}

// restyle colours the swatches with style st.
func (l *Legend) restyle(st render.Style) {
	for s, sw := range l.Swatches {
		sw.FillColor = st.Fill[s]
		sw.Refresh()
	}
}

// Counts returns how many states are in each class on day, as the legend
// of an export counts them (export.StatusCounts).
func (l *Legend) Counts(day icc.Date) map[icc.Status]int { return export.StatusCounts(l.atlas, day) }

// Update sets the counts for day.
func (l *Legend) Update(day icc.Date) {
	n := l.Counts(day)
	for _, s := range icc.Statuses {
		if text := export.LegendText(s, n[s]); l.Labels[s].Text != text {
			l.Labels[s].SetText(text) // unchanged labels are not laid out again on every date step
		}
	}
}
