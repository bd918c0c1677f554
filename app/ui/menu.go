// The main menu and its dialogs: Help's keyboard shortcuts, sources and
// licences, and About; View's layers, projections and theme.
package ui

import (
	"fmt"
	"image/color"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"articleatlas/app/export"
	"articleatlas/geo"
)

// Themes are the theme choices of View → Theme, by preference value.
var Themes = []struct{ Value, Label string }{
	{"system", "Follow the system"},
	{"light", "Light"},
	{"dark", "Dark"},
}

// themePref is the preference key of the chosen theme.
const themePref = "theme"

// SetTheme applies the theme choice value ("system", "light" or "dark"; any
// other value is "system") and remembers it. Call it on the UI goroutine.
func SetTheme(value string) {
	a := fyne.CurrentApp()
	switch value {
	case "light":
		a.Settings().SetTheme(&variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantLight})
	case "dark":
		a.Settings().SetTheme(&variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantDark})
	default:
		value = "system"
		a.Settings().SetTheme(theme.DefaultTheme())
	}
	a.Preferences().SetString(themePref, value)
}

// ThemeChoice is the remembered theme choice: "system", "light" or "dark".
func ThemeChoice() string {
	v := fyne.CurrentApp().Preferences().StringWithFallback(themePref, "system")
	for _, t := range Themes {
		if t.Value == v {
			return v
		}
	}
	return "system"
}

// variantTheme is the default theme held to one variant, light or dark,
// whatever the system's.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t *variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// Variant is the variant the theme is held to.
func (t *variantTheme) Variant() fyne.ThemeVariant { return t.variant }

// MainMenu builds the window's main menu: File (Open layer…, Export…,
// Search…, Quit), View
// (layers, projection, theme, reset) and Help. The menu's check marks
// follow the layer switches and the projection chooser.
func (u *UI) MainMenu(win fyne.Window) *fyne.MainMenu {
	quit := fyne.NewMenuItem("Quit", func() { fyne.CurrentApp().Quit() })
	quit.IsQuit = true
	quit.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	exp := fyne.NewMenuItem("Export…", u.Export)
	exp.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	open := fyne.NewMenuItem("Open layer…", u.OpenLayer)
	open.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	find := fyne.NewMenuItem("Search…", u.FocusSearch)
	find.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	fileMenu := fyne.NewMenu("File", open, exp, fyne.NewMenuItemSeparator(), find, fyne.NewMenuItemSeparator(), quit)

	var menu *fyne.MainMenu
	var layerItems []*fyne.MenuItem
	for _, r := range layerRows {
		layer := r.layer
		it := fyne.NewMenuItem(r.label, nil)
		it.Action = func() {
			c := u.Layers.Checks[layer]
			c.SetChecked(!c.Checked)
		}
		layerItems = append(layerItems, it)
	}
	var projItems []*fyne.MenuItem
	for _, p := range geo.Projections {
		label := projectionLabel(p)
		projItems = append(projItems, fyne.NewMenuItem(label, func() { u.Projection.SetSelected(label) }))
	}
	var themeItems []*fyne.MenuItem
	for _, t := range Themes {
		value := t.Value
		themeItems = append(themeItems, fyne.NewMenuItem(t.Label, func() {
			SetTheme(value)
			u.syncMenu(menu, layerItems, projItems)
		}))
	}
	layersItem := fyne.NewMenuItem("Layers", nil)
	layersItem.ChildMenu = fyne.NewMenu("", layerItems...)
	projItem := fyne.NewMenuItem("Projection", nil)
	projItem.ChildMenu = fyne.NewMenu("", projItems...)
	themeItem := fyne.NewMenuItem("Theme", nil)
	themeItem.ChildMenu = fyne.NewMenu("", themeItems...)
	reset := fyne.NewMenuItem("Reset view", u.Map.ResetView)
	viewMenu := fyne.NewMenu("View", layersItem, projItem, themeItem, fyne.NewMenuItemSeparator(), reset)

	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("Keyboard shortcuts", func() { u.showShortcuts(win) }),
		fyne.NewMenuItem("Sources and licences", func() { showSources(win) }),
		fyne.NewMenuItem("About Article Atlas", func() { showAbout(win) }),
	)
	menu = fyne.NewMainMenu(fileMenu, viewMenu, help)

	// The check marks follow the controls, however they change.
	for _, r := range layerRows {
		c := u.Layers.Checks[r.layer]
		prev := c.OnChanged
		c.OnChanged = func(on bool) {
			if prev != nil {
				prev(on)
			}
			u.syncMenu(menu, layerItems, projItems)
		}
	}
	prevProj := u.Projection.OnChanged
	u.Projection.OnChanged = func(s string) {
		if prevProj != nil {
			prevProj(s)
		}
		u.syncMenu(menu, layerItems, projItems)
	}
	u.syncMenu(menu, layerItems, projItems)
	return menu
}

// syncMenu sets the View menu's check marks from the layer switches, the
// projection chooser and the theme choice, and redraws the menu.
func (u *UI) syncMenu(menu *fyne.MainMenu, layers, projs []*fyne.MenuItem) {
	for i, r := range layerRows {
		layers[i].Checked = u.Layers.Checks[r.layer].Checked
	}
	for _, it := range projs {
		it.Checked = it.Label == u.Projection.Selected
	}
	if menu == nil {
		return
	}
	for _, m := range menu.Items {
		if m.Label != "View" {
			continue
		}
		for _, it := range m.Items {
			if it.Label == "Theme" {
				for i, t := range Themes {
					it.ChildMenu.Items[i].Checked = t.Value == ThemeChoice()
				}
			}
		}
	}
	menu.Refresh()
}

// mapKeys are the keys of the map itself, once it has the focus (a click,
// or Tab), for Help → Keyboard shortcuts.
var mapKeys = [][2]string{
	{"+ / −", "Zoom in / out"},
	{"0", "Reset the view"},
	{"Arrow keys", "With a country selected: select the neighbouring country in that direction; else pan"},
	{"Shift + arrow keys", "Pan (on the globe: turn it)"},
	{"Enter", "Zoom to the selection"},
	{"Esc", "Clear the selection"},
	{"Tab / Shift+Tab", "Move between the toolbar, the map and the panels"},
}

// ShortcutLines are the lines of Help → Keyboard shortcuts: the window's
// shortcuts, then the map's keys.
func (u *UI) ShortcutLines() [][2]string {
	var out [][2]string
	for _, s := range u.Shortcuts() {
		out = append(out, [2]string{shortcutLabel(s.Key, s.Modifier), s.What})
	}
	out = append(out, [2]string{shortcutLabel(fyne.KeyQ, fyne.KeyModifierShortcutDefault), "Quit"})
	return append(out, mapKeys...)
}

// shortcutLabel names a key with its modifier as the platform writes it:
// "Ctrl+E", or "⌘E" on macOS.
func shortcutLabel(k fyne.KeyName, m fyne.KeyModifier) string {
	var b strings.Builder
	mac := runtime.GOOS == "darwin"
	for _, mod := range []struct {
		m         fyne.KeyModifier
		pc, macOS string
	}{
		{fyne.KeyModifierSuper, "Super+", "⌘"},  // KeyModifierShortcutDefault on macOS
		{fyne.KeyModifierControl, "Ctrl+", "⌃"}, // KeyModifierShortcutDefault elsewhere
		{fyne.KeyModifierAlt, "Alt+", "⌥"},
		{fyne.KeyModifierShift, "Shift+", "⇧"},
	} {
		if m&mod.m != 0 {
			if mac {
				b.WriteString(mod.macOS)
			} else {
				b.WriteString(mod.pc)
			}
		}
	}
	b.WriteString(string(k))
	return b.String()
}

func (u *UI) showShortcuts(win fyne.Window) {
	form := container.NewGridWithColumns(2)
	for _, l := range u.ShortcutLines() {
		form.Add(widget.NewLabelWithStyle(l[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		d := widget.NewLabel(l[1])
		d.Wrapping = fyne.TextWrapWord
		form.Add(d)
	}
	scroll := container.NewVScroll(form)
	scroll.SetMinSize(fyne.NewSize(560, 380))
	dialog.ShowCustom("Keyboard shortcuts", "Close", scroll, win)
}

// SourcesText is the text of Help → Sources and licences.
const SourcesText = `Country outlines: Natural Earth (public domain), 1:110m and 1:50m, through the npm package world-atlas (ISC licence).

ICC membership: the United Nations Treaty Collection, chapter XVIII.10 (Rome Statute of the International Criminal Court), with the dates of signature, ratification or accession, and withdrawal.

Trips, corridors, energy links and places: the sources named for each in the data folder's README.

The article: the news text the app is built around, reporting Vladimir Putin's visit to Beijing for the third Belt and Road Forum (17 October 2023).

Font: Noto Sans, SIL Open Font Licence 1.1.

Software: Fyne (BSD 3-Clause), paulmach/orb (MIT), Go (BSD 3-Clause).`

func showSources(win fyne.Window) {
	l := widget.NewLabel(SourcesText)
	l.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(l)
	scroll.SetMinSize(fyne.NewSize(520, 340))
	dialog.ShowCustom("Sources and licences", "Close", scroll, win)
}

// AboutText is the text of Help → About: the app, its version and purpose.
func AboutText() string {
	return fmt.Sprintf("Article Atlas %s\n\nOne news article on a world map: who is bound by the ICC's warrant for Vladimir Putin on any date, his trips, and the Belt and Road.", export.AppVersion)
}

func showAbout(win fyne.Window) {
	l := widget.NewLabel(AboutText())
	l.Wrapping = fyne.TextWrapWord
	c := container.NewVBox(widget.NewIcon(Icon), l)
	dialog.ShowCustom("About Article Atlas", "Close", container.NewGridWrap(fyne.NewSize(420, 200), c), win)
}
