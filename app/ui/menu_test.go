package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"articleatlas/app/export"
	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/app/scene"
)

// menuItem is the item labelled label in menu m's submenu path, or nil.
func menuItem(m *fyne.MainMenu, path ...string) *fyne.MenuItem {
	items := []*fyne.MenuItem{}
	for _, top := range m.Items {
		if top.Label == path[0] {
			items = top.Items
		}
	}
	var it *fyne.MenuItem
	for _, p := range path[1:] {
		it = nil
		for _, c := range items {
			if c.Label == p {
				it = c
			}
		}
		if it == nil {
			return nil
		}
		if it.ChildMenu != nil {
			items = it.ChildMenu.Items
		}
	}
	return it
}

// TestMainMenu: File ends with Quit; View → Layers switches a layer and its
// check mark follows the layers control both ways; View → Projection
// switches the projection; View → Theme → Dark recolours the legend and is
// remembered; Help lists the shortcuts and names the version.
func TestMainMenu(t *testing.T) {
	u, w := newTestUI(t)
	m := u.MainMenu(w)
	file := m.Items[0]
	if file.Label != "File" || !file.Items[len(file.Items)-1].IsQuit {
		t.Fatalf("File menu %q does not end with Quit", file.Label)
	}
	grat := menuItem(m, "View", "Layers", "Graticule")
	if grat == nil || !grat.Checked {
		t.Fatalf("View → Layers → Graticule: %+v", grat)
	}
	grat.Action()
	if u.Map.Layers()&scene.Graticule != 0 || grat.Checked || u.Layers.Checks[scene.Graticule].Checked {
		t.Errorf("the menu did not switch the graticule off (map %v, check %v)", u.Map.Layers()&scene.Graticule != 0, grat.Checked)
	}
	u.Layers.Checks[scene.Graticule].SetChecked(true)
	if !grat.Checked {
		t.Error("the menu's check mark does not follow the layers control")
	}
	eq := menuItem(m, "View", "Projection", "Equirectangular")
	eq.Action()
	if got := u.Map.View().Proj.Name(); got != "equirectangular" || !eq.Checked {
		t.Errorf("View → Projection → Equirectangular gives %q (checked %v)", got, eq.Checked)
	}
	menuItem(m, "View", "Theme", "Dark").Action()
	if ThemeChoice() != "dark" || !menuItem(m, "View", "Theme", "Dark").Checked {
		t.Errorf("theme choice %q after View → Theme → Dark", ThemeChoice())
	}
	if got, want := u.Legend.Swatches[icc.Party].FillColor, render.DarkStyle().Fill[icc.Party]; got != want {
		t.Errorf("after View → Theme → Dark the party swatch is %v, want %v", got, want)
	}
	menuItem(m, "View", "Theme", "Follow the system").Action()
	if ThemeChoice() != "system" {
		t.Errorf("theme choice %q after Follow the system", ThemeChoice())
	}

	lines := u.ShortcutLines()
	text := ""
	for _, l := range lines {
		text += l[0] + " " + l[1] + "\n"
	}
	for _, want := range []string{"Ctrl+2 Show the Article tab", "Ctrl+Q Quit", "Esc"} {
		if !strings.Contains(text, want) {
			t.Errorf("Help → Keyboard shortcuts lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(AboutText(), export.AppVersion) {
		t.Errorf("About does not name version %s: %q", export.AppVersion, AboutText())
	}
}

// TestAttachExport: once attached to a window, File → Export… and the
// toolbar's Export button open the export dialog over the window.
func TestAttachExport(t *testing.T) {
	u, w := newTestUI(t)
	u.Attach(w)
	if menuItem(w.MainMenu(), "File", "Export…") == nil {
		t.Fatal("no File → Export… after Attach")
	}
	menuItem(w.MainMenu(), "File", "Export…").Action()
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("File → Export… opened nothing")
	}
	w.Canvas().Overlays().Top().Hide()
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	test.Tap(u.ExportButton)
	if w.Canvas().Overlays().Top() == nil {
		t.Error("the Export button opened nothing")
	}
}
