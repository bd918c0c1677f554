package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"articleatlas/app/settings"
)

// Fyne's preferences are where the window's settings persist.
var _ settings.Store = fyne.Preferences(nil)

func TestSettingsInFynePreferences(t *testing.T) {
	prefs := test.NewTempApp(t).Preferences()
	s := settings.Defaults()
	s.Zoom, s.Layers = 2.5, []string{"icc", "labels"}
	settings.Save(prefs, s)
	var logged []string
	logf := func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }
	if got := settings.Load(prefs, logf); got.Zoom != 2.5 || len(got.Layers) != 2 || len(logged) != 0 {
		t.Errorf("round trip: %+v, logged %q", got, logged)
	}
	// A value written by something else, of another type, or corrupt.
	prefs.SetFloat(settings.KeyWindowWidth, 900)
	prefs.SetString(settings.KeyZoom, "1e9")
	got := settings.Load(prefs, logf)
	if got.Zoom != 0 || got.WindowWidth != settings.Defaults().WindowWidth {
		t.Errorf("corrupt values kept: %+v", got)
	}
	if len(logged) != 1 {
		t.Errorf("logged %q, want one line for the zoom", logged)
	}
}
