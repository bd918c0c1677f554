// Window-wide keyboard shortcuts.
package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Shortcut is a key of the window's and what it does, for the shortcuts
// registered on the canvas and the Help → Keyboard shortcuts list.
type Shortcut struct {
	Key      fyne.KeyName
	Modifier fyne.KeyModifier // fyne.KeyModifierShortcutDefault: Ctrl, or Cmd on macOS
	What     string
	Do       func()
}

// Shortcuts are the window's shortcuts, in the order Help lists them.
func (u *UI) Shortcuts() []Shortcut {
	return []Shortcut{
		{fyne.Key1, fyne.KeyModifierShortcutDefault, "Show the Details tab", func() { u.Tabs.SelectIndex(0) }},
		{fyne.Key2, fyne.KeyModifierShortcutDefault, "Show the Article tab", func() { u.Tabs.SelectIndex(1) }},
		{fyne.KeyP, fyne.KeyModifierShortcutDefault, "Play or pause the time bar", func() { u.Time.TogglePlay() }},
		{fyne.KeyE, fyne.KeyModifierShortcutDefault, "Export the map…", u.Export},
		{fyne.KeyO, fyne.KeyModifierShortcutDefault, "Open a GeoJSON layer…", u.OpenLayer},
		{fyne.KeyF, fyne.KeyModifierShortcutDefault, "Search countries and places", u.FocusSearch},
	}
}

// Attach puts u into window w: its content, the main menu and the
// shortcuts, and the actions that open dialogs on w. Call it once, on the UI
// goroutine.
func (u *UI) Attach(w fyne.Window) {
	u.win = w
	w.SetContent(u.Content)
	u.AddShortcuts(w.Canvas())
	w.SetMainMenu(u.MainMenu(w))
}

// Export opens the export dialog for what the window shows (File →
// Export…, the toolbar's button, Ctrl+E). It does nothing before Attach.
func (u *UI) Export() {
	if u.win != nil {
		ShowExportDialog(u.win, u, fyne.CurrentApp().Preferences())
	}
}

// FocusSearch puts the keyboard in the search field (Ctrl+F).
func (u *UI) FocusSearch() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(u.Search.Entry); c != nil {
		u.Search.Focus(c)
	}
}

// AddShortcuts registers u's shortcuts on canvas c. Call it on the UI
// goroutine, once.
func (u *UI) AddShortcuts(c fyne.Canvas) {
	for _, s := range u.Shortcuts() {
		do := s.Do
		c.AddShortcut(&desktop.CustomShortcut{KeyName: s.Key, Modifier: s.Modifier}, func(fyne.Shortcut) { do() })
	}
}
