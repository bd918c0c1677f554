package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"articleatlas/geo"
)

// TestLinkTextWraps: a narrower paragraph is taller, no word passes the
// right padding unless it is alone on its line, the words keep their order,
// and a link glued to the text after it ("Russia" + "’s") wraps as one.
func TestLinkTextWraps(t *testing.T) {
	test.NewTempApp(t)
	rus := geo.Hit{Kind: geo.HitCountry, ID: "RUS"}
	runs := []TextRun{{Text: "The president of "}, {Text: "Russia", Link: rus}, {Text: "’s neighbour went to many places on a long journey across the steppe and back again"}}
	lt := NewLinkText(runs)
	lt.Resize(fyne.NewSize(600, lt.MinSize().Height))
	wide := lt.MinSize().Height
	pad := theme.InnerPadding()
	for _, width := range []float32{600, 240, 120, 70} {
		lt.Resize(fyne.NewSize(width, lt.MinSize().Height))
		h := lt.MinSize().Height
		if width < 600 && h <= wide {
			t.Errorf("at width %v the paragraph is %v dp high, no taller than at 600 (%v)", width, h, wide)
		}
		for i, w := range lt.words {
			if w.pos.X+w.size.Width > width-pad+0.5 && w.pos.X > pad {
				t.Errorf("width %v: word %q ends at %v, past %v", width, w.text, w.pos.X+w.size.Width, width-pad)
			}
			if i > 0 {
				prev := lt.words[i-1]
				if w.pos.Y < prev.pos.Y || (w.pos.Y == prev.pos.Y && w.pos.X < prev.pos.X+prev.size.Width) {
					t.Errorf("width %v: word %q is placed before %q", width, w.text, prev.text)
				}
			}
			if w.text == "’s" && (w.pos.Y != prev(lt, i).pos.Y) {
				t.Errorf("width %v: “’s” wrapped away from “Russia”", width)
			}
		}
	}
}

func prev(lt *LinkText, i int) placedWord { return lt.words[i-1] }

// TestLinkTextTap: a tap on a link's word calls OnTap with its mark; a tap on
// plain text does not; the pointer is a hand over the link only.
func TestLinkTextTap(t *testing.T) {
	test.NewTempApp(t)
	chn := geo.Hit{Kind: geo.HitCountry, ID: "CHN"}
	lt := NewLinkText([]TextRun{{Text: "Putin arrived in "}, {Text: "Beijing", Link: chn}, {Text: " on Tuesday."}})
	w := test.NewWindow(lt)
	defer w.Close()
	w.Resize(fyne.NewSize(400, 200))
	var got []geo.Hit
	lt.OnTap = func(h geo.Hit) { got = append(got, h) }
	at, ok := lt.LinkPosition(chn)
	if !ok {
		t.Fatal("no position for the Beijing link")
	}
	test.TapAt(lt, at)
	test.TapAt(lt, fyne.NewPos(theme.InnerPadding()+2, at.Y)) // "Putin"
	if len(got) != 1 || got[0] != chn {
		t.Fatalf("taps gave %v, want one CHN", got)
	}
	lt.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}})
	if lt.Cursor() != desktop.PointerCursor {
		t.Error("no pointing hand over the link")
	}
	lt.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(theme.InnerPadding()+2, at.Y)}})
	if lt.Cursor() != desktop.DefaultCursor {
		t.Error("a pointing hand over plain text")
	}
}

// TestLinkTextKeyboard: Tab reaches a paragraph with links (and passes one
// without), the arrows move between its links, Enter follows the focused one.
func TestLinkTextKeyboard(t *testing.T) {
	test.NewTempApp(t)
	chn, rus := geo.Hit{Kind: geo.HitCountry, ID: "CHN"}, geo.Hit{Kind: geo.HitCountry, ID: "RUS"}
	plain := NewLinkText([]TextRun{{Text: "Nothing to follow here."}})
	lt := NewLinkText([]TextRun{{Text: "From "}, {Text: "Moscow", Link: rus}, {Text: " to "}, {Text: "Beijing", Link: chn}, {Text: "."}})
	var got []geo.Hit
	lt.OnTap = func(h geo.Hit) { got = append(got, h) }
	w := test.NewWindow(container.NewVBox(plain, lt))
	defer w.Close()
	w.Canvas().FocusNext()
	if w.Canvas().Focused() != lt {
		t.Fatalf("Tab focuses %v, want the paragraph with links", w.Canvas().Focused())
	}
	if h, ok := lt.FocusedLink(); !ok || h != rus {
		t.Fatalf("the first focused link is %v, want RUS", h)
	}
	for _, k := range []fyne.KeyName{fyne.KeyRight, fyne.KeyRight, fyne.KeyReturn, fyne.KeyLeft, fyne.KeySpace} {
		lt.TypedKey(&fyne.KeyEvent{Name: k})
	}
	if len(got) != 2 || got[0] != chn || got[1] != rus {
		t.Errorf("the keys followed %v, want CHN then RUS", got)
	}
}
