// The layers control: a switch and a legend swatch for each of the map's layers.
package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"articleatlas/app/icc"
	"articleatlas/app/mapview"
	"articleatlas/app/render"
	"articleatlas/app/scene"
)

// LayerControl switches the map's layers on and off.
type LayerControl struct {
	Checks map[scene.Layers]*widget.Check
	// restyles colour each swatch for a style.
	restyles []func(st *render.Style)
	box      *fyne.Container
}

// layerRows are the switchable layers in the control's order, with their
// names and the style colour of their swatch.
var layerRows = []struct {
	layer  scene.Layers
	label  string
	swatch func(st *render.Style) color.NRGBA
	line   bool // a line swatch (routes) rather than a square
}{
	{scene.ICC, "ICC membership shading", func(st *render.Style) color.NRGBA { return st.Fill[icc.Party] }, false},
	{scene.Trips, "Putin's trips", func(st *render.Style) color.NRGBA { return st.PutinTrip }, true},
	{scene.XiVisit, "Xi's visit to Moscow", func(st *render.Style) color.NRGBA { return st.XiTrip }, true},
	{scene.Corridors, "Belt and Road corridors", func(st *render.Style) color.NRGBA { return st.Corridor[0] }, true},
	{scene.Maritime, "Maritime Silk Road", func(st *render.Style) color.NRGBA { return st.Maritime }, true},
	{scene.Energy, "Energy links (planned dashed)", func(st *render.Style) color.NRGBA { return st.Gas }, true},
	{scene.Places, "Places", func(st *render.Style) color.NRGBA { return st.Place }, false},
	{scene.Labels, "Place names", func(st *render.Style) color.NRGBA { return st.Label }, false},
	{scene.Graticule, "Graticule", func(st *render.Style) color.NRGBA { return st.Graticule }, true},
}

func newLayerControl(m *mapview.Map) *LayerControl {
	lc := &LayerControl{Checks: map[scene.Layers]*widget.Check{}}
	st := mapview.ThemeStyle(fyne.CurrentApp().Settings().Theme())
	rows := []fyne.CanvasObject{widget.NewLabelWithStyle("Layers", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	for _, r := range layerRows {
		layer := r.layer
		check := widget.NewCheck(r.label, func(on bool) {
			l := m.Layers()
			if on {
				l |= layer
			} else {
				l &^= layer
			}
			m.SetLayers(l)
		})
		check.SetChecked(m.Layers()&layer != 0)
		lc.Checks[layer] = check
		var sw fyne.CanvasObject
		col, colour := r.swatch(&st), r.swatch
		if r.line {
			ln := canvas.NewLine(col)
			ln.StrokeWidth = 3
			sw = container.New(&swatchLayout{line: ln}, ln)
			lc.restyles = append(lc.restyles, func(st *render.Style) { ln.StrokeColor = colour(st); ln.Refresh() })
		} else {
			rect := canvas.NewRectangle(col)
			rect.CornerRadius = 3
			sw = container.New(&swatchLayout{}, rect)
			lc.restyles = append(lc.restyles, func(st *render.Style) { rect.FillColor = colour(st); rect.Refresh() })
		}
		rows = append(rows, container.NewBorder(nil, nil, sw, nil, check))
	}
	lc.box = container.NewVBox(rows...)
	return lc
}

// restyle colours the swatches with style st.
func (lc *LayerControl) restyle(st render.Style) {
	for _, f := range lc.restyles {
		f(&st)
	}
}

// swatchLayout sizes a legend swatch: a 16×16 square, or a line across it.
type swatchLayout struct{ line *canvas.Line }

func (s *swatchLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(18, 18) }

func (s *swatchLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if s.line != nil {
		s.line.Position1 = fyne.NewPos(1, size.Height/2)
		s.line.Position2 = fyne.NewPos(size.Width-1, size.Height/2)
		return
	}
	for _, o := range objs {
		o.Resize(fyne.NewSize(14, 14))
		o.Move(fyne.NewPos(2, (size.Height-14)/2))
	}
}
