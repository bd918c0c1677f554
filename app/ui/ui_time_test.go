package ui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"articleatlas/app/icc"
	"articleatlas/app/scene"
	"articleatlas/geo"
)

// sliderTo moves the window's time bar slider onto day d by the keyboard:
// the slider to the day before, then the Right arrow.
func (u *UI) sliderTo(t *testing.T, w fyne.Window, d icc.Date) {
	t.Helper()
	u.Time.Slider.SetValue(float64(dayIndex(scene.StatuteAdopted, d.AddDate(0, 0, -1))))
	w.Canvas().Focus(u.Time.Slider)
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if !u.Map.Date().Equal(d) {
		t.Fatalf("slider to %s: the map shows %s", d.Format(icc.DateLayout), u.Map.Date().Format(icc.DateLayout))
	}
}

// TestTimeBarMovesTheWindow: the slider on the day Burundi's withdrawal took
// effect shows Burundi as a former state party in the panel and the legend;
// on the Philippines' day, the Philippines; "Article date" returns to 123
// parties; before 25 April 2019 a tap on the 2019 forum trip's arc misses it.
func TestTimeBarMovesTheWindow(t *testing.T) {
	u, w := newTestUI(t)
	for _, c := range []struct{ day, iso string }{{"2017-10-27", "BDI"}, {"2019-03-17", "PHL"}} {
		d, _ := icc.ParseDate(c.day)
		u.selectMark(geo.Hit{Kind: geo.HitCountry, ID: c.iso})
		u.sliderTo(t, w, d)
		if got := u.Details.Status.Text; !strings.HasPrefix(got, "Former state party — withdrawal took effect") {
			t.Errorf("%s on %s: the panel says %q", c.iso, c.day, got)
		}
		if got, want := u.Legend.Labels[icc.Withdrawn].Text, "Former state party ("+itoa(u.Atlas.ICC.Count(icc.Withdrawn, d))+")"; got != want {
			t.Errorf("%s: legend %q, want %q", c.day, got, want)
		}
		if got := u.Date.Text; got != "ICC membership on "+icc.FormatDate(d) {
			t.Errorf("toolbar says %q", got)
		}
	}
	test.Tap(u.Time.Article)
	if got := u.Legend.Labels[icc.Party].Text; got != "State party (123)" || !u.Map.Date().Equal(icc.ArticleDate) {
		t.Errorf("after Article date: %q on %s", got, u.Map.Date().Format(icc.DateLayout))
	}

	u.selectMark(geo.Hit{})
	k := -1
	for i := range u.Atlas.Story.Trips {
		if u.Atlas.Story.Trips[i].ID == "putin-2019-beijing" {
			k = i
		}
	}
	mid := u.Atlas.Lines.TripMid[k]
	before, _ := icc.ParseDate("2019-04-24")
	u.sliderTo(t, w, before)
	test.TapCanvas(w.Canvas(), u.canvasPos(mid))
	if h := u.Map.SelectedMark(); h.Kind == geo.HitTrip {
		t.Errorf("on 24 April 2019 the tap selected %+v", h)
	}
	u.sliderTo(t, w, before.AddDate(0, 0, 1))
	test.TapCanvas(w.Canvas(), u.canvasPos(mid))
	if h := u.Map.SelectedMark(); h != (geo.Hit{Kind: geo.HitTrip, ID: "putin-2019-beijing"}) {
		t.Errorf("on 25 April 2019 the tap selected %+v", h)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
