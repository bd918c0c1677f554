// The search field: type a country, an alias, an ISO code or a place of the
// story, pick a suggestion with the keyboard or the pointer, and the map
// flies there.

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"articleatlas/app/search"
)

// maxSuggestions is how many suggestions the list under the field shows.
const maxSuggestions = 8

// Search is the search field with its list of suggestions. Every method
// must be called on the UI's goroutine.
type Search struct {
	Entry   *SearchEntry
	Content fyne.CanvasObject // what to place in the toolbar

	// Suggestions are the results shown for the current text, best first;
	// Current is the one Enter picks (0 unless moved with Down and Up).
	Suggestions []search.Result
	Current     int

	idx    *search.Index
	onPick func(search.Result)
	list   *widget.List
	keys   *keyForwarder
	popUp  *widget.PopUp
	// quiet is set while the field's text or the list's selection is
	// changed from code, so the change is not taken as the reader's.
	quiet bool
}

// NewSearch returns a search field over idx (nil: none yet, see SetIndex)
// that calls onPick with the result the reader picks — by Enter, or a tap
// on a suggestion.
func NewSearch(idx *search.Index, onPick func(search.Result)) *Search {
	s := &Search{idx: idx, onPick: onPick}
	s.Entry = newSearchEntry(s)
	s.list = widget.NewList(
		func() int { return len(s.Suggestions) },
		func() fyne.CanvasObject { return widget.NewLabel("Suggestion") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.Suggestions[id].Label()) },
	)
	s.list.OnSelected = func(id widget.ListItemID) {
		if !s.quiet {
			s.pick(id) // a tap
		}
	}
	s.keys = &keyForwarder{s: s}
	s.keys.ExtendBaseWidget(s.keys)
	s.Content = s.Entry
	return s
}

// SetIndex replaces the index searched (when the 1:50m countries are
// loaded), refreshing the suggestions shown.
func (s *Search) SetIndex(idx *search.Index) {
	s.idx = idx
	if s.popUp != nil && s.popUp.Visible() {
		s.update(s.Entry.Text)
	}
}

// Focus puts the keyboard in the field, its text selected so typing
// replaces it: what Ctrl/Cmd+F does.
func (s *Search) Focus(c fyne.Canvas) {
	s.Close()
	c.Focus(s.Entry)
	s.Entry.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// update shows the suggestions for text, or hides the list when there are none.
func (s *Search) update(text string) {
	s.Suggestions = nil
	if s.idx != nil {
		s.Suggestions = s.idx.Search(text, maxSuggestions)
	}
	s.Current = 0
	if len(s.Suggestions) == 0 {
		s.Close()
		return
	}
	s.list.Refresh()
	s.highlight()
	s.show()
}

// show places the list under the field and routes the keyboard through it
// to the field (see keyForwarder).
func (s *Search) show() {
	c := fyne.CurrentApp().Driver().CanvasForObject(s.Entry)
	if c == nil {
		return // not on a window yet
	}
	if s.popUp == nil {
		s.popUp = widget.NewPopUp(container.NewStack(s.keys, s.list), c)
	}
	s.popUp.Resize(fyne.NewSize(max(s.Entry.Size().Width, 320), s.listHeight()))
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.Entry)
	s.popUp.ShowAtPosition(pos.AddXY(0, s.Entry.Size().Height))
	c.Focus(s.keys)
}

// listHeight is the height of the pop-up that shows every suggestion
// without scrolling: the rows (a label each), the list's padding between
// them and the pop-up's around them.
func (s *Search) listHeight() float32 {
	n := float32(len(s.Suggestions))
	row := widget.NewLabel("X").MinSize().Height
	return n*row + (n-1)*theme.Padding() + theme.InnerPadding()
}

// Close hides the suggestions; the keyboard goes back to the field.
func (s *Search) Close() {
	if s.popUp != nil && s.popUp.Visible() {
		s.popUp.Hide()
	}
}

// Open reports whether the suggestions are shown.
func (s *Search) Open() bool { return s.popUp != nil && s.popUp.Visible() }

// move moves the current suggestion by delta, staying within the list.
func (s *Search) move(delta int) {
	if len(s.Suggestions) == 0 {
		return
	}
	s.Current = max(0, min(len(s.Suggestions)-1, s.Current+delta))
	s.highlight()
}

// highlight marks the current suggestion in the list.
func (s *Search) highlight() {
	s.quiet = true
	s.list.Select(s.Current)
	s.quiet = false
}

// pick closes the list, writes the picked result's name into the field and
// calls onPick with it.
func (s *Search) pick(i int) {
	if i < 0 || i >= len(s.Suggestions) {
		return
	}
	r := s.Suggestions[i]
	s.Close()
	s.quiet = true
	s.Entry.SetText(r.Text)
	s.Entry.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd}) // typing goes on after the name
	s.quiet = false
	if s.onPick != nil {
		s.onPick(r)
	}
}

// key handles the keys that drive the suggestions; ok is false for the
// others, which edit the text.
func (s *Search) key(name fyne.KeyName) (ok bool) {
	switch name {
	case fyne.KeyDown:
		if !s.Open() {
			s.update(s.Entry.Text)
		} else {
			s.move(1)
		}
	case fyne.KeyUp:
		s.move(-1)
	case fyne.KeyReturn, fyne.KeyEnter:
		if !s.Open() {
			s.update(s.Entry.Text)
		}
		s.pick(s.Current)
	case fyne.KeyEscape:
		s.Close()
	default:
		return false
	}
	return true
}

// SearchEntry is the search field's text entry: Down and Up move through
// the suggestions, Enter picks one, Escape closes them.
type SearchEntry struct {
	widget.Entry
	s *Search
}

func newSearchEntry(s *Search) *SearchEntry {
	e := &SearchEntry{s: s}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("Search countries and places")
	e.OnChanged = func(text string) {
		if !s.quiet {
			s.update(text)
		}
	}
	return e
}

// TypedKey implements fyne.Focusable.
func (e *SearchEntry) TypedKey(ev *fyne.KeyEvent) {
	if !e.s.key(ev.Name) {
		e.Entry.TypedKey(ev)
	}
}

// TypedShortcut implements fyne.Shortcutable. A focused entry receives
// every shortcut and drops those it does not know, so the window's own
// (Ctrl+F, Ctrl+O…) are passed on to the window's canvas; the ones that
// edit the text stay here.
func (e *SearchEntry) TypedShortcut(sc fyne.Shortcut) {
	if cs, ok := sc.(*desktop.CustomShortcut); ok && !editsText(cs.KeyName) {
		if c, ok := fyne.CurrentApp().Driver().CanvasForObject(e).(fyne.Shortcutable); ok {
			c.TypedShortcut(sc)
			return
		}
	}
	e.Entry.TypedShortcut(sc)
}

// editsText reports whether a key with a modifier edits an entry's text or
// moves its cursor (word by word, to the line's ends).
func editsText(k fyne.KeyName) bool {
	switch k {
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyHome, fyne.KeyEnd, fyne.KeyBackspace, fyne.KeyDelete:
		return true
	}
	return false
}

// keyForwarder sits in the suggestions' pop-up and takes the keyboard while
// it shows — a pop-up has a focus of its own, which would leave the field
// deaf — and passes every key on to the field, so typing goes on while the
// suggestions show.
type keyForwarder struct {
	widget.BaseWidget
	s *Search
}

func (k *keyForwarder) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// AcceptsTab implements fyne.Tabbable: Tab closes the suggestions rather
// than moving the keyboard into the pop-up's list (see TypedKey).
func (k *keyForwarder) AcceptsTab() bool { return true }

func (k *keyForwarder) FocusGained()     {}
func (k *keyForwarder) FocusLost()       {}
func (k *keyForwarder) TypedRune(r rune) { k.s.Entry.TypedRune(r) }

// TypedKey passes keys on to the field; Tab closes the suggestions, giving
// the keyboard back to the field, from where Tab moves on as usual.
func (k *keyForwarder) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyTab {
		k.s.Close()
		return
	}
	k.s.Entry.TypedKey(ev)
}

// TypedShortcut passes copy, paste and the like on to the field.
func (k *keyForwarder) TypedShortcut(sc fyne.Shortcut) { k.s.Entry.TypedShortcut(sc) }
