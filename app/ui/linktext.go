// LinkText: a paragraph whose words wrap to the panel's width and whose
// marked runs are links — for the article pane, where every name the article
// mentions takes the reader to the map.
package ui

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"articleatlas/geo"
)

// TextRun is a piece of a LinkText: plain, bold, or a link to a mark on the map.
type TextRun struct {
	Text string
	Bold bool
	Link geo.Hit // Kind geo.HitNone: not a link
}

// LinkText is a paragraph of runs wrapped at word boundaries to its width,
// each link run drawn in the link colour, underlined while the pointer is
// over it; a tap on a link calls OnTap with its mark. Its height follows its
// width, like a wrapping label's. Fyne calls its methods on the UI goroutine.
type LinkText struct {
	widget.BaseWidget

	// OnTap, if set, is called with the link tapped, or chosen with the
	// keyboard (Enter or Space while it has the focus).
	OnTap func(h geo.Hit)
	// OnFocus, if set, is called when the paragraph gains the keyboard focus.
	OnFocus func()

	runs    []TextRun
	words   []placedWord // the last layout, in widget coordinates (dp)
	laidOut float32      // the width words was laid out for; 0: none yet
	height  float32      // the height of that layout
	hovered int          // index into runs of the link under the pointer, or -1
	marked  bool         // a bar in the left margin and a tinted background
	focused int          // index into runs of the link with the keyboard focus, or -1
}

// placedWord is one word (or the space-free piece of a run) after layout.
type placedWord struct {
	text   string
	run    int
	spaced bool // a space before it on its line
	pos    fyne.Position
	size   fyne.Size
}

// NewLinkText returns a paragraph of runs.
func NewLinkText(runs []TextRun) *LinkText {
	t := &LinkText{runs: runs, hovered: -1, focused: -1}
	t.ExtendBaseWidget(t)
	return t
}

// SetRuns replaces the paragraph's runs and redraws it.
func (t *LinkText) SetRuns(runs []TextRun) {
	t.runs = runs
	t.hovered, t.focused = -1, -1
	t.layout(t.Size().Width)
	t.Refresh()
}

// SetMarked marks the paragraph (a bar in its left margin, a tinted
// background) or clears the mark.
func (t *LinkText) SetMarked(on bool) {
	if on != t.marked {
		t.marked = on
		t.Refresh()
	}
}

// Marked reports whether the paragraph is marked.
func (t *LinkText) Marked() bool { return t.marked }

// Runs returns the paragraph's runs (read-only).
func (t *LinkText) Runs() []TextRun { return t.runs }

// String is the paragraph's text.
func (t *LinkText) String() string {
	var b strings.Builder
	for _, r := range t.runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// defaultWrapWidth is the width (dp) a LinkText is laid out for before it is
// first given one — about a side panel's.
const defaultWrapWidth = 300

// Resize lays the words out again for the new width; the height that follows
// is the new MinSize, which the containers above pick up.
func (t *LinkText) Resize(s fyne.Size) {
	if s.Width != t.laidOut {
		t.layout(s.Width)
		t.BaseWidget.Resize(s)
		t.Refresh()
		return
	}
	t.BaseWidget.Resize(s)
}

// MinSize is a narrow width (the longest word's) by the height of the text
// wrapped at the current width.
func (t *LinkText) MinSize() fyne.Size {
	if t.laidOut == 0 {
		t.layout(t.Size().Width)
	}
	longest := float32(0)
	for _, w := range t.words {
		longest = max(longest, w.size.Width)
	}
	pad := theme.InnerPadding()
	return fyne.NewSize(min(longest+2*pad, defaultWrapWidth), t.height)
}

// layout places the words for width (dp): words separated by spaces, each
// run's words in its own style, a new line when the next word would pass the
// right padding (a word longer than a line gets a line of its own).
func (t *LinkText) layout(width float32) {
	if width <= 0 {
		width = defaultWrapWidth
	}
	t.laidOut = width
	t.words = t.words[:0]
	pad := theme.InnerPadding()
	size := theme.TextSize()
	lineH := fyne.MeasureText("Ag", size, fyne.TextStyle{}).Height + theme.LineSpacing()
	x, y := pad, pad
	pendingSpace := false
	group := 0 // the first word of the pieces written without a space between ("Russia" + "’s")
	for i, r := range t.runs {
		style := fyne.TextStyle{Bold: r.Bold}
		space := fyne.MeasureText(" ", size, style).Width
		for _, piece := range splitWords(r.Text) {
			if piece == " " {
				pendingSpace = true
				continue
			}
			w := fyne.MeasureText(piece, size, style)
			at := x
			if pendingSpace || len(t.words) == 0 {
				group = len(t.words)
				if x > pad {
					at += space
				}
			}
			if at+w.Width > width-pad {
				switch {
				case group < len(t.words) && t.words[group].pos.X > pad:
					// Glued to pieces already placed: the whole group moves to a new line.
					y += lineH
					at = pad
					t.words[group].spaced = false
					for k := group; k < len(t.words); k++ {
						t.words[k].pos = fyne.NewPos(at, y)
						at += t.words[k].size.Width
					}
				case group == len(t.words) && x > pad:
					y += lineH
					at = pad
				}
			}
			t.words = append(t.words, placedWord{text: piece, run: i, spaced: pendingSpace && at > pad, pos: fyne.NewPos(at, y), size: fyne.NewSize(w.Width, lineH)})
			x = at + w.Width
			pendingSpace = false
		}
	}
	t.height = y + lineH + pad
	if len(t.words) == 0 {
		t.height = 2 * pad
	}
}

// splitWords cuts s into words and single " " pieces for each run of white
// space, so that a run's words wrap like the text around them.
func splitWords(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			if len(out) == 0 || out[len(out)-1] != " " {
				out = append(out, " ")
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// LinkAt is the link at position pos (dp, in the widget), if any.
func (t *LinkText) LinkAt(pos fyne.Position) (geo.Hit, bool) {
	if i := t.runAt(pos); i >= 0 && t.runs[i].Link.Kind != geo.HitNone {
		return t.runs[i].Link, true
	}
	return geo.Hit{}, false
}

// LinkPosition is the middle of the first word of the first link to h (dp,
// in the widget); ok is false if the paragraph has no such link.
func (t *LinkText) LinkPosition(h geo.Hit) (fyne.Position, bool) {
	if t.laidOut == 0 {
		t.layout(t.Size().Width)
	}
	for _, w := range t.words {
		if t.runs[w.run].Link == h && h.Kind != geo.HitNone {
			return w.pos.AddXY(w.size.Width/2, w.size.Height/2), true
		}
	}
	return fyne.Position{}, false
}

// runAt is the index of the run whose word is at pos, or -1.
func (t *LinkText) runAt(pos fyne.Position) int {
	for _, w := range t.words {
		if pos.X >= w.pos.X && pos.X < w.pos.X+w.size.Width && pos.Y >= w.pos.Y && pos.Y < w.pos.Y+w.size.Height {
			return w.run
		}
	}
	return -1
}

// Tapped follows the link under the pointer.
func (t *LinkText) Tapped(ev *fyne.PointEvent) {
	if h, ok := t.LinkAt(ev.Position); ok && t.OnTap != nil {
		t.OnTap(h)
	}
}

// Cursor is a pointing hand over a link.
func (t *LinkText) Cursor() desktop.Cursor {
	if t.hovered >= 0 {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// MouseIn, MouseMoved and MouseOut underline the link under the pointer.
func (t *LinkText) MouseIn(ev *desktop.MouseEvent) { t.MouseMoved(ev) }

// MouseMoved underlines the link under the pointer.
func (t *LinkText) MouseMoved(ev *desktop.MouseEvent) {
	i := t.runAt(ev.Position)
	if i >= 0 && t.runs[i].Link.Kind == geo.HitNone {
		i = -1
	}
	if i != t.hovered {
		t.hovered = i
		t.Refresh()
	}
}

// MouseOut removes the underline.
func (t *LinkText) MouseOut() {
	if t.hovered >= 0 {
		t.hovered = -1
		t.Refresh()
	}
}

// links are the indexes of the runs that are links, in order.
func (t *LinkText) links() []int {
	var out []int
	for i, r := range t.runs {
		if r.Link.Kind != geo.HitNone {
			out = append(out, i)
		}
	}
	return out
}

// Disabled is true for a paragraph without links, so the Tab key passes it by.
func (t *LinkText) Disabled() bool { return len(t.links()) == 0 }

// Enable and Disable do nothing: a paragraph takes the focus when it has links.
func (t *LinkText) Enable() {}

// Disable does nothing; see Enable.
func (t *LinkText) Disable() {}

// FocusGained puts the keyboard focus on the paragraph's first link.
func (t *LinkText) FocusGained() {
	if l := t.links(); len(l) > 0 {
		t.focused = l[0]
	}
	t.Refresh()
	if t.OnFocus != nil {
		t.OnFocus()
	}
}

// FocusLost takes the focus mark off the link.
func (t *LinkText) FocusLost() {
	t.focused = -1
	t.Refresh()
}

// FocusedLink is the link with the keyboard focus; ok is false when none has.
func (t *LinkText) FocusedLink() (h geo.Hit, ok bool) {
	if t.focused < 0 {
		return geo.Hit{}, false
	}
	return t.runs[t.focused].Link, true
}

// TypedKey moves the focus to the next link (Right, Down) or the one before
// (Left, Up), and follows the focused link on Enter, Return or Space.
func (t *LinkText) TypedKey(ev *fyne.KeyEvent) {
	l := t.links()
	at := -1
	for i, r := range l {
		if r == t.focused {
			at = i
		}
	}
	switch ev.Name {
	case fyne.KeyRight, fyne.KeyDown:
		if at+1 < len(l) {
			t.focused = l[at+1]
			t.Refresh()
		}
	case fyne.KeyLeft, fyne.KeyUp:
		if at > 0 {
			t.focused = l[at-1]
			t.Refresh()
		}
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		if h, ok := t.FocusedLink(); ok && t.OnTap != nil {
			t.OnTap(h)
		}
	}
}

// TypedRune ignores typed characters: the paragraph is not editable.
func (t *LinkText) TypedRune(rune) {}

// CreateRenderer draws the words as canvas texts.
func (t *LinkText) CreateRenderer() fyne.WidgetRenderer {
	return &linkTextRenderer{t: t}
}

type linkTextRenderer struct {
	t     *LinkText
	tint  *canvas.Rectangle   // the marked paragraph's background
	bar   *canvas.Rectangle   // the marked paragraph's margin bar
	focus []*canvas.Rectangle // behind the focused link's words
	texts []*canvas.Text
	lines []*canvas.Rectangle // underlines of the hovered link
	objs  []fyne.CanvasObject
}

func (r *linkTextRenderer) Layout(fyne.Size) { r.Refresh() }

func (r *linkTextRenderer) MinSize() fyne.Size { return r.t.MinSize() }

// Refresh draws each line's words of one run as one canvas text (so the
// font spaces them), in the theme's colours, reusing the texts made before.
func (r *linkTextRenderer) Refresh() {
	t := r.t
	if t.laidOut == 0 {
		t.layout(t.Size().Width)
	}
	th := t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg, link := th.Color(theme.ColorNameForeground, v), th.Color(theme.ColorNameHyperlink, v)
	size := theme.TextSize()
	r.objs = r.objs[:0]
	if t.marked {
		if r.tint == nil {
			r.tint, r.bar = canvas.NewRectangle(link), canvas.NewRectangle(link)
		}
		r.tint.FillColor = th.Color(theme.ColorNameHover, v)
		r.bar.FillColor = th.Color(theme.ColorNamePrimary, v)
		r.tint.Move(fyne.Position{})
		r.tint.Resize(fyne.NewSize(t.Size().Width, t.height))
		r.bar.Move(fyne.Position{})
		r.bar.Resize(fyne.NewSize(3, t.height))
		r.tint.Refresh()
		r.bar.Refresh()
		r.objs = append(r.objs, r.tint, r.bar)
	}
	texts, under, focus := 0, 0, 0
	for i := 0; i < len(t.words); {
		first := t.words[i]
		text := first.text
		end := first.pos.X + first.size.Width
		j := i + 1
		for ; j < len(t.words) && t.words[j].run == first.run && t.words[j].pos.Y == first.pos.Y; j++ {
			if t.words[j].spaced {
				text += " "
			}
			text += t.words[j].text
			end = t.words[j].pos.X + t.words[j].size.Width
		}
		i = j
		run := t.runs[first.run]
		if texts == len(r.texts) {
			r.texts = append(r.texts, canvas.NewText("", fg))
		}
		c := r.texts[texts]
		texts++
		lineH := first.size.Height - theme.LineSpacing()
		if first.run == t.focused {
			if focus == len(r.focus) {
				r.focus = append(r.focus, canvas.NewRectangle(link))
			}
			f := r.focus[focus]
			focus++
			f.FillColor = th.Color(theme.ColorNameFocus, v)
			f.CornerRadius = 2
			f.Move(first.pos.AddXY(-2, 0))
			f.Resize(fyne.NewSize(end-first.pos.X+4, lineH))
			f.Refresh()
			r.objs = append(r.objs, f)
		}
		c.Text, c.TextSize = text, size
		c.TextStyle = fyne.TextStyle{Bold: run.Bold}
		c.Color = fg
		if run.Link.Kind != geo.HitNone {
			c.Color = link
		}
		c.Move(first.pos)
		c.Resize(fyne.NewSize(end-first.pos.X, lineH))
		c.Refresh()
		r.objs = append(r.objs, c)
		if first.run == t.hovered || first.run == t.focused {
			if under == len(r.lines) {
				r.lines = append(r.lines, canvas.NewRectangle(link))
			}
			u := r.lines[under]
			under++
			u.FillColor = link
			u.Move(first.pos.AddXY(0, lineH-1))
			u.Resize(fyne.NewSize(end-first.pos.X, 1))
			u.Refresh()
			r.objs = append(r.objs, u)
		}
	}
}

func (r *linkTextRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *linkTextRenderer) Destroy() {}
