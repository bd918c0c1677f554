// The layers the reader opened (File → Open layer…): drawn over the map,
// listed under the layer switches with a switch and a remove button each.
package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"articleatlas/app/userlayer"
)

// openedLayer is a layer the reader opened, its switch and its row.
type openedLayer struct {
	layer *userlayer.Layer
	check *widget.Check
	row   fyne.CanvasObject
}

// OpenLayer shows the file dialog for a GeoJSON layer and adds the layer
// it loads (File → Open layer…, Ctrl+O). It does nothing before Attach.
func (u *UI) OpenLayer() {
	if u.win != nil {
		OpenLayer(u.win, u.AddUserLayer)
	}
}

// AddUserLayer draws l over the map, lists it under the layer switches and
// flies the map to it. Call it on the UI goroutine.
func (u *UI) AddUserLayer(l *userlayer.Layer) {
	o := &openedLayer{layer: l}
	o.check = widget.NewCheck(l.Name, func(bool) { u.applyUserLayers() })
	o.check.Checked = true
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { u.RemoveUserLayer(l) })
	remove.Importance = widget.LowImportance
	o.row = container.NewBorder(nil, nil, nil, remove, o.check)
	u.opened = append(u.opened, o)
	u.Layers.box.Add(o.row)
	u.applyUserLayers()
	if b := l.Bound; b != (orb.Bound{}) {
		u.Map.FlyToPoints(b.Min, b.Max)
	}
}

// RemoveUserLayer takes l off the map and out of the layers control.
func (u *UI) RemoveUserLayer(l *userlayer.Layer) {
	for i, o := range u.opened {
		if o.layer == l {
			u.Layers.box.Remove(o.row)
			u.opened = append(u.opened[:i], u.opened[i+1:]...)
			break
		}
	}
	u.applyUserLayers()
}

// UserLayers are the layers the reader opened, shown or not, in order.
func (u *UI) UserLayers() []*userlayer.Layer {
	var out []*userlayer.Layer
	for _, o := range u.opened {
		out = append(out, o.layer)
	}
	return out
}

// applyUserLayers gives the map the opened layers that are switched on, and
// shows the details panel again if it described a feature that moved.
func (u *UI) applyUserLayers() {
	var shown []*userlayer.Layer
	for _, o := range u.opened {
		if o.check.Checked {
			shown = append(shown, o.layer)
		}
	}
	u.Map.SetUserLayers(shown)
	u.Details.ShowMark(u.Map.SelectedMark(), u.Map.Date())
}
