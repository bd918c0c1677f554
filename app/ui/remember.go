// What the window remembers between launches: its size, the view, the
// layers and the date, kept in the app's preferences as they change.
package ui

import (
	"time"

	"fyne.io/fyne/v2"

	"articleatlas/app/icc"
	"articleatlas/app/settings"
	"articleatlas/geo"
)

// saveDelay is how long after the last change the settings are written:
// a drag or a played date run writes once, after it stops.
const saveDelay = 700 * time.Millisecond

// Restore shows what st describes: the view (projection, centre, zoom), the
// layers and the date. The window's size is the caller's (it owns the
// window). Call it on the UI goroutine, before Remember.
func (u *UI) Restore(st settings.Settings) {
	v := st.View(u.Map.View().Width, u.Map.View().Height)
	u.Projection.SetSelected(projectionLabel(v.Proj))
	u.Map.SetView(v)
	layers := st.SceneLayers()
	for l, c := range u.Layers.Checks {
		c.SetChecked(layers&l != 0)
	}
	u.Map.SetLayers(layers)
	u.Time.SetDate(st.Date)
}

// Settings is what the window shows now, as settings to remember; win's
// size is its canvas's.
func (u *UI) Settings(win fyne.Window) settings.Settings {
	st := settings.Defaults()
	if win != nil {
		sz := win.Canvas().Size()
		st.WindowWidth, st.WindowHeight = float64(sz.Width), float64(sz.Height)
	}
	st.SetView(u.Map.View())
	st.Layers = settings.LayerNames(u.Map.Layers())
	st.Date = u.Map.Date()
	return st
}

// Remember writes the settings to store whenever the view, the layers or
// the date change (saveDelay after the last change), so a killed app loses
// at most that much; the app also saves when it stops. Call it once, on the
// UI goroutine, after Restore.
func (u *UI) Remember(store settings.Store) {
	var timer *time.Timer
	save := func() {
		if timer != nil {
			timer.Stop()
		}
		timer = time.AfterFunc(saveDelay, func() {
			fyne.Do(func() { settings.Save(store, u.Settings(u.win)) })
		})
	}
	prevView := u.Map.OnViewChanged
	u.Map.OnViewChanged = func(v geo.View) {
		if prevView != nil {
			prevView(v)
		}
		save()
	}
	prevDate := u.OnDate
	u.OnDate = func(d icc.Date) {
		if prevDate != nil {
			prevDate(d)
		}
		save()
	}
	for _, c := range u.Layers.Checks {
		prev := c.OnChanged
		c.OnChanged = func(on bool) {
			if prev != nil {
				prev(on)
			}
			save()
		}
	}
}
