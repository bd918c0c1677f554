package ui

import (
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"articleatlas/app/search"
	"articleatlas/geo"
)

// searchIndex is the index of the embedded world, aliases and story.
func searchIndex(t *testing.T, u *UI) *search.Index {
	t.Helper()
	b, err := os.ReadFile("../../data/aliases.json")
	if err != nil {
		t.Fatal(err)
	}
	al, err := search.LoadAliases(b)
	if err != nil {
		t.Fatal(err)
	}
	return search.ForAtlas(u.Atlas, al)
}

// newTestSearch puts a search field, wired to the UI's pick as the window
// wires it, at the top of the test window.
func newTestSearch(t *testing.T) (*UI, *Search, fyne.Window, *[]search.Result) {
	t.Helper()
	u, w := newTestUI(t)
	picked := &[]search.Result{}
	s := NewSearch(searchIndex(t, u), func(r search.Result) {
		*picked = append(*picked, r)
		u.pick(r.Hit())
	})
	u.Content.(*fyne.Container).Objects[0] = s.Content // the toolbar's place
	u.Content.Refresh()
	w.Canvas().Capture()
	return u, s, w, picked
}

// typeKeys delivers text and keys as the window does: to whatever has the
// keyboard focus.
func typeKeys(t *testing.T, c fyne.Canvas, text string, keys ...fyne.KeyName) {
	t.Helper()
	for _, r := range text {
		f := c.Focused()
		if f == nil {
			t.Fatalf("typing %q: nothing has the keyboard", r)
		}
		f.TypedRune(r)
	}
	for _, k := range keys {
		f := c.Focused()
		if f == nil {
			t.Fatalf("key %s: nothing has the keyboard", k)
		}
		f.TypedKey(&fyne.KeyEvent{Name: k})
	}
}

func TestSearchEnterFliesToCountry(t *testing.T) {
	u, s, w, picked := newTestSearch(t)
	c := w.Canvas()
	before := u.Map.View()
	s.Focus(c)
	typeKeys(t, c, "holl")
	if !s.Open() || len(s.Suggestions) == 0 || s.Suggestions[0].Target != "NLD" {
		t.Fatalf("after \"holl\": open %v, suggestions %+v", s.Open(), s.Suggestions)
	}
	if s.Entry.Text != "holl" {
		t.Errorf("the field holds %q: typing did not reach it while the list showed", s.Entry.Text)
	}
	typeKeys(t, c, "", fyne.KeyReturn)
	if len(*picked) != 1 || (*picked)[0].Target != "NLD" {
		t.Fatalf("picked %+v", *picked)
	}
	if u.Map.Selected() != "NLD" {
		t.Errorf("selected %q, want NLD", u.Map.Selected())
	}
	if u.Map.View().Zoom <= before.Zoom {
		t.Errorf("the map did not zoom to the Netherlands: zoom %g", u.Map.View().Zoom)
	}
	if s.Open() || s.Entry.Text != "Netherlands" {
		t.Errorf("after Enter: open %v, text %q", s.Open(), s.Entry.Text)
	}
}

func TestSearchIvoryAndPlace(t *testing.T) {
	u, s, w, picked := newTestSearch(t)
	c := w.Canvas()
	s.Focus(c)
	typeKeys(t, c, "ivory", fyne.KeyEnter)
	if len(*picked) != 1 || (*picked)[0].Target != "CIV" {
		t.Fatalf("ivory picked %+v", *picked)
	}
	// Ctrl+F again selects the text, so typing replaces it.
	s.Focus(c)
	typeKeys(t, c, "beij", fyne.KeyReturn)
	if s.Entry.Text != "Beijing" {
		t.Errorf("field %q", s.Entry.Text)
	}
	if len(*picked) != 2 || (*picked)[1].Hit() != (geo.Hit{Kind: geo.HitPlace, ID: "beijing"}) {
		t.Fatalf("beij picked %+v", *picked)
	}
	if got := u.Map.SelectedMark(); got != (geo.Hit{Kind: geo.HitPlace, ID: "beijing"}) {
		t.Errorf("selected mark %+v", got)
	}
}

// suggestAtLeast focuses the field, types text and checks that at least n
// suggestions show.
func suggestAtLeast(t *testing.T, s *Search, c fyne.Canvas, text string, n int) {
	t.Helper()
	s.Focus(c)
	typeKeys(t, c, text)
	if len(s.Suggestions) < n || !s.Open() {
		t.Fatalf("%q: %d suggestions, open %v; want %d or more", text, len(s.Suggestions), s.Open(), n)
	}
}

func TestSearchDownPicksTheSecond(t *testing.T) {
	_, s, w, picked := newTestSearch(t)
	c := w.Canvas()
	suggestAtLeast(t, s, c, "ni", 3)
	second := s.Suggestions[1]
	// Every suggestion shows without scrolling.
	row := widget.NewLabel("X").MinSize().Height
	if n := float32(len(s.Suggestions)); s.list.Size().Height < n*row+(n-1)*theme.Padding() {
		t.Errorf("the list is %g tall for %g rows of %g", s.list.Size().Height, n, row)
	}
	typeKeys(t, c, "", fyne.KeyDown, fyne.KeyDown, fyne.KeyUp)
	if s.Current != 1 {
		t.Errorf("current %d after Down, Down, Up", s.Current)
	}
	typeKeys(t, c, "", fyne.KeyReturn)
	if len(*picked) != 1 || (*picked)[0] != second {
		t.Errorf("picked %+v, want the second suggestion %+v", *picked, second)
	}
}

func TestSearchEscapeCloses(t *testing.T) {
	_, s, w, picked := newTestSearch(t)
	c := w.Canvas()
	s.Focus(c)
	typeKeys(t, c, "chi")
	if !s.Open() {
		t.Fatal("no suggestions for \"chi\"")
	}
	typeKeys(t, c, "", fyne.KeyEscape)
	if s.Open() || len(*picked) != 0 {
		t.Errorf("after Escape: open %v, picked %+v", s.Open(), *picked)
	}
	// The keyboard is back in the field: typing goes on and reopens the list.
	if c.Focused() != s.Entry {
		t.Errorf("focus on %T", c.Focused())
	}
	typeKeys(t, c, "na")
	if s.Entry.Text != "china" || !s.Open() {
		t.Errorf("after typing on: %q, open %v", s.Entry.Text, s.Open())
	}
	// Nothing matches: the list closes and Enter picks nothing.
	typeKeys(t, c, "zzz", fyne.KeyReturn)
	if s.Open() || len(*picked) != 0 {
		t.Errorf("no match: open %v, picked %+v", s.Open(), *picked)
	}
}

func TestSearchTapPicks(t *testing.T) {
	_, s, w, picked := newTestSearch(t)
	c := w.Canvas()
	suggestAtLeast(t, s, c, "ni", 3)
	third := s.Suggestions[2]
	// A tap on the third row, in the middle of it.
	row := s.list.Size().Height / float32(len(s.Suggestions))
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.list).AddXY(20, 2.5*row)
	test.TapCanvas(c, at)
	if len(*picked) != 1 || (*picked)[0] != third {
		t.Errorf("tap picked %+v, want %+v", *picked, third)
	}
}

func TestSearchWindowShortcutsWhileTyping(t *testing.T) {
	_, s, w, picked := newTestSearch(t)
	c := w.Canvas()
	ctrlF := &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	focused := 0
	c.AddShortcut(ctrlF, func(fyne.Shortcut) { focused++; s.Focus(c) })
	s.Focus(c)
	typeKeys(t, c, "holl", fyne.KeyReturn)
	if len(*picked) != 1 {
		t.Fatalf("picked %+v", *picked)
	}
	// The cursor is after the name picked.
	typeKeys(t, c, "!")
	if s.Entry.Text != "Netherlands!" {
		t.Errorf("typing after a pick gives %q", s.Entry.Text)
	}
	// Ctrl+F with the field focused and the list open reaches the window,
	// which selects the text: typing replaces it.
	typeKeys(t, c, "", fyne.KeyBackspace)
	c.Focused().(fyne.Shortcutable).TypedShortcut(ctrlF)
	if focused != 1 {
		t.Fatalf("the window's Ctrl+F ran %d times", focused)
	}
	typeKeys(t, c, "laos", fyne.KeyReturn)
	if s.Entry.Text != "Laos" || len(*picked) != 2 || (*picked)[1].Target != "LAO" {
		t.Errorf("after Ctrl+F and \"laos\": text %q, picked %+v", s.Entry.Text, *picked)
	}
}

func TestSearchTabClosesTheList(t *testing.T) {
	_, s, w, _ := newTestSearch(t)
	c := w.Canvas()
	suggestAtLeast(t, s, c, "ni", 2)
	tab, ok := c.Focused().(fyne.Tabbable)
	if !ok || !tab.AcceptsTab() {
		t.Fatalf("with the list open, Tab would move into the pop-up (%T has the keyboard)", c.Focused())
	}
	typeKeys(t, c, "", fyne.KeyTab)
	if s.Open() || c.Focused() != s.Entry {
		t.Errorf("after Tab: open %v, keyboard on %T", s.Open(), c.Focused())
	}
}
