package ui

import (
	"fmt"
	"image"
	"math"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"articleatlas/app/icc"
	"articleatlas/app/mapview"
	"articleatlas/app/scene"
	"articleatlas/geo"
)

// timeBarToday is the tests' fixed "today".
var timeBarToday = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// timeBarFixture is a time bar in a window with a legend that follows it, as
// the window wires them, and the dates it reported.
type timeBarFixture struct {
	a       *scene.Atlas
	tb      *TimeBar
	legend  *Legend
	w       fyne.Window
	changes []icc.Date
}

func newTimeBarFixture(t *testing.T, today icc.Date) *timeBarFixture {
	t.Helper()
	test.NewTempApp(t)
	f := &timeBarFixture{a: timeBarAtlas(t)}
	f.legend = newLegend(f.a)
	f.legend.Update(icc.ArticleDate)
	f.tb = NewTimeBar(f.a, scene.StatuteAdopted, today, func(d icc.Date) {
		f.changes = append(f.changes, d)
		f.legend.Update(d)
	})
	f.w = test.NewTempWindow(t, f.tb.Content)
	f.w.Resize(fyne.NewSize(1000, 220))
	f.w.Canvas().Capture()
	return f
}

var sharedAtlas struct {
	once sync.Once
	a    *scene.Atlas
	err  error
}

// timeBarAtlas is the atlas of the embedded world, loaded once for the time
// bar's tests; it is read-only.
func timeBarAtlas(t *testing.T) *scene.Atlas {
	t.Helper()
	sharedAtlas.once.Do(func() {
		w, err := geo.LoadWorldSync()
		if err != nil {
			sharedAtlas.err = err
			return
		}
		sharedAtlas.a, sharedAtlas.err = scene.New(w)
	})
	if sharedAtlas.err != nil {
		t.Fatal(sharedAtlas.err)
	}
	return sharedAtlas.a
}

func mustDate(t *testing.T, s string) icc.Date {
	t.Helper()
	d, err := icc.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// key sends a key to the focused slider.
func (f *timeBarFixture) key(name fyne.KeyName) {
	f.w.Canvas().Focus(f.tb.Slider)
	f.w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: name})
}

// TestTimeBarSliderWithdrawals: moving the slider with the arrow keys onto
// the day Burundi's withdrawal took effect, then the Philippines', reports
// each day, and the legend's counts change as the ICC table says.
func TestTimeBarSliderWithdrawals(t *testing.T) {
	f := newTimeBarFixture(t, timeBarToday)
	for _, c := range []struct{ day, iso string }{{"2017-10-27", "BDI"}, {"2019-03-17", "PHL"}} {
		d := mustDate(t, c.day)
		before := d.AddDate(0, 0, -1)
		f.tb.Slider.SetValue(float64(dayIndex(scene.StatuteAdopted, before)))
		if got := f.tb.Date(); !got.Equal(before) {
			t.Fatalf("slider moved to %s gives %s", before.Format(icc.DateLayout), got.Format(icc.DateLayout))
		}
		formerBefore := f.a.ICC.Count(icc.Withdrawn, before)
		f.key(fyne.KeyRight)
		if got := f.changes[len(f.changes)-1]; !got.Equal(d) {
			t.Fatalf("Right arrow: reported %s, want %s", got.Format(icc.DateLayout), c.day)
		}
		if s := f.a.ICC.StatusOn(c.iso, f.tb.Date()).Status; s != icc.Withdrawn {
			t.Errorf("%s on %s: %v, want a former state party", c.iso, c.day, s)
		}
		former := f.a.ICC.Count(icc.Withdrawn, d)
		if former != formerBefore+1 {
			t.Errorf("%s: %d former parties, the day before %d", c.day, former, formerBefore)
		}
		if got, want := f.legend.Labels[icc.Withdrawn].Text, fmt.Sprintf("Former state party (%d)", former); got != want {
			t.Errorf("%s: legend says %q, want %q", c.day, got, want)
		}
		if got, want := f.legend.Labels[icc.Party].Text, fmt.Sprintf("State party (%d)", f.a.ICC.Count(icc.Party, d)); got != want {
			t.Errorf("%s: legend says %q, want %q", c.day, got, want)
		}
		if got := f.tb.Entry.Text; got != c.day {
			t.Errorf("entry shows %q, want %s", got, c.day)
		}
	}
}

// TestTimeBarArticleDate: "Article date" returns to 17 October 2023 and its
// 123 states parties.
func TestTimeBarArticleDate(t *testing.T) {
	f := newTimeBarFixture(t, timeBarToday)
	f.tb.SetDate(mustDate(t, "2005-01-01"))
	test.Tap(f.tb.Article)
	if got := f.tb.Date(); !got.Equal(icc.ArticleDate) {
		t.Fatalf("after Article date: %s", got.Format(icc.DateLayout))
	}
	if got := f.legend.Labels[icc.Party].Text; got != "State party (123)" {
		t.Errorf("legend after Article date: %q", got)
	}
	if got := f.tb.Slider.Value; got != float64(dayIndex(scene.StatuteAdopted, icc.ArticleDate)) {
		t.Errorf("slider at %v", got)
	}
}

// TestTimeBarKeys: the slider's keys move by a month, a year and to the ends.
func TestTimeBarKeys(t *testing.T) {
	f := newTimeBarFixture(t, timeBarToday)
	for _, c := range []struct {
		key  fyne.KeyName
		want string
	}{
		{fyne.KeyUp, "2023-11-17"},
		{fyne.KeyLeft, "2023-11-16"},
		{fyne.KeyPageDown, "2022-11-16"},
		{fyne.KeyDown, "2022-10-16"},
		{fyne.KeyEnd, "2026-12-01"},
		{fyne.KeyPageUp, "2026-12-01"},
		{fyne.KeyHome, "1998-07-17"},
		{fyne.KeyLeft, "1998-07-17"},
	} {
		f.key(c.key)
		if got := f.tb.Date().Format(icc.DateLayout); got != c.want {
			t.Errorf("after %s: %s, want %s", c.key, got, c.want)
		}
	}
}

// TestTimeBarEntry: a typed day is applied on Enter; a malformed or
// out-of-range one is refused with a message and leaves the date alone.
func TestTimeBarEntry(t *testing.T) {
	f := newTimeBarFixture(t, timeBarToday)
	submit := func(s string) {
		f.tb.Entry.SetText(s)
		f.tb.Entry.OnSubmitted(f.tb.Entry.Text)
	}
	submit("2019-04-25")
	if got := f.tb.Date().Format(icc.DateLayout); got != "2019-04-25" {
		t.Errorf("typed 2019-04-25, got %s", got)
	}
	if f.tb.EntryError.Visible() {
		t.Errorf("an error for a good day: %q", f.tb.EntryError.Text)
	}
	for _, bad := range []string{"2019-13-01", "25 April 2019", "1990-01-01", "2030-01-01"} {
		submit(bad)
		if got := f.tb.Date().Format(icc.DateLayout); got != "2019-04-25" {
			t.Errorf("typed %q, the date became %s", bad, got)
		}
		if !f.tb.EntryError.Visible() || f.tb.EntryError.Text == "" {
			t.Errorf("typed %q, no error shown", bad)
		}
	}
	f.tb.SetDate(icc.ArticleDate)
	if f.tb.EntryError.Visible() {
		t.Error("the error stays after the date changed")
	}
}

// fakeTicker is a clock the test ticks by hand.
type fakeTicker struct{ c chan time.Time }

func (t fakeTicker) C() <-chan time.Time { return t.c }
func (t fakeTicker) Stop()               {}

// TestTimeBarPlayStopsAtToday: playing from the first day, a year per tenth
// of a second, advances a year every three ticks (the days between spread
// over the ticks in between) and stops on today.
func TestTimeBarPlayStopsAtToday(t *testing.T) {
	today := mustDate(t, "2003-03-01")
	f := newTimeBarFixture(t, today)
	tick := fakeTicker{make(chan time.Time)}
	stepped := make(chan struct{})
	f.tb.newTicker = func(time.Duration) ticker { return tick }
	f.tb.afterStep = func() { stepped <- struct{}{} }
	f.tb.Speed.SetSelected("1 year")
	if !f.tb.Date().Equal(today) {
		t.Fatalf("the article's date is after today, so the bar should start on today, not %s", f.tb.Date().Format(icc.DateLayout))
	}
	f.key(fyne.KeySpace) // from today, play starts again at the first day
	if !f.tb.Playing() || !f.tb.Date().Equal(scene.StatuteAdopted) {
		t.Fatalf("Space: playing %v from %s", f.tb.Playing(), f.tb.Date().Format(icc.DateLayout))
	}
	var got []string
	for i := 1; i < 60 && f.tb.Playing(); i++ {
		tick.c <- time.Time{}
		<-stepped
		if i%ticksPerSpeed == 0 || !f.tb.Playing() {
			got = append(got, f.tb.Date().Format(icc.DateLayout))
		} else if i == 1 && f.tb.Date().Format(icc.DateLayout) != "1998-11-16" {
			t.Errorf("the first tick shows %s, want a third of a year on: 1998-11-16", f.tb.Date().Format(icc.DateLayout))
		}
	}
	want := []string{"1999-07-17", "2000-07-17", "2001-07-17", "2002-07-17", "2003-03-01"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("played through %v, want %v", got, want)
	}
	if f.tb.Playing() || f.tb.PlayButton.Text != "Play" {
		t.Errorf("at today: playing %v, button %q", f.tb.Playing(), f.tb.PlayButton.Text)
	}
}

// TestTimeBarPlayCoalesces: while a step waits for the UI goroutine, further
// ticks are dropped rather than queued; Pause drops the waiting step.
func TestTimeBarPlayCoalesces(t *testing.T) {
	f := newTimeBarFixture(t, timeBarToday)
	f.tb.SetDate(mustDate(t, "2010-01-01"))
	tick := fakeTicker{make(chan time.Time)}
	var mu sync.Mutex
	var queued []func()
	f.tb.newTicker = func(time.Duration) ticker { return tick }
	f.tb.do = func(fn func()) { mu.Lock(); queued = append(queued, fn); mu.Unlock() }
	waiting := func() int { mu.Lock(); defer mu.Unlock(); return len(queued) }
	f.tb.Play()
	for i := 0; i < 6; i++ {
		tick.c <- time.Time{} // each send returns once the last tick was handled
	}
	if n := waiting(); n != 1 {
		t.Fatalf("%d steps queued after six ticks, want 1", n)
	}
	queued[0]()
	if got := f.tb.Date().Format(icc.DateLayout); got != "2010-01-11" { // a third of January's 31 days
		t.Errorf("after one step: %s", got)
	}
	tick.c <- time.Time{}
	tick.c <- time.Time{}
	if n := waiting(); n != 2 {
		t.Fatalf("%d steps queued, want 2 once the first was applied", n)
	}
	f.tb.Pause()
	queued[1]()
	if got := f.tb.Date().Format(icc.DateLayout); got != "2010-01-11" {
		t.Errorf("a step queued before Pause moved the date to %s", got)
	}
}

// TestTimeBarChartSetsDate: a tap on the chart sets the day under it, and a
// drag follows the pointer.
func TestTimeBarChartSetsDate(t *testing.T) {
	f := newTimeBarFixture(t, timeBarToday)
	size := f.tb.Chart.Size()
	if size.Width < 300 {
		t.Fatalf("chart is %v wide", size)
	}
	c := f.a.Chart(image.Pt(int(size.Width), int(size.Height)), 1, icc.ArticleDate, timeBarToday, mapview.ThemeStyle(fyne.CurrentApp().Settings().Theme()))
	daysPerPx := float64(dayIndex(scene.StatuteAdopted, timeBarToday)) / (c.XAt(timeBarToday) - c.XAt(scene.StatuteAdopted))
	for _, s := range []string{"2017-10-27", "2002-07-01"} {
		d := mustDate(t, s)
		test.TapAt(f.tb.Chart, fyne.NewPos(float32(c.XAt(d)), size.Height/2))
		if off := math.Abs(float64(dayIndex(d, f.tb.Date()))); off > daysPerPx {
			t.Errorf("tapped at %s, got %s (%.0f days off, %.1f days per dp)", s, f.tb.Date().Format(icc.DateLayout), off, daysPerPx)
		}
		if got := f.changes[len(f.changes)-1]; !got.Equal(f.tb.Date()) {
			t.Errorf("the tap was not reported")
		}
	}
	f.tb.Chart.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(-20, 10)}})
	if !f.tb.Date().Equal(scene.StatuteAdopted) {
		t.Errorf("dragged left of the plot: %s", f.tb.Date().Format(icc.DateLayout))
	}
	f.tb.Chart.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(size.Width+20, 10)}})
	if !f.tb.Date().Equal(timeBarToday) {
		t.Errorf("dragged right of the plot: %s", f.tb.Date().Format(icc.DateLayout))
	}
}

// TestTimeBarChartDrawn: the chart widget draws the renderer's chart, with
// the cursor at the date.
func TestTimeBarChartDrawn(t *testing.T) {
	f := newTimeBarFixture(t, timeBarToday)
	f.tb.SetDate(mustDate(t, "2017-10-27"))
	size := f.tb.Chart.Size()
	img := f.tb.Chart.draw(int(size.Width), int(size.Height)).(*image.RGBA)
	st := mapview.ThemeStyle(fyne.CurrentApp().Settings().Theme())
	c := f.a.Chart(img.Rect.Size(), 1, f.tb.Date(), timeBarToday, st)
	y := int(c.YAt(0) - 4)
	var cols []int
	for x := 0; x < img.Rect.Dx(); x++ {
		p := img.RGBAAt(x, y)
		if abs(int(p.R)-int(st.Selected.R)) < 40 && abs(int(p.G)-int(st.Selected.G)) < 40 && abs(int(p.B)-int(st.Selected.B)) < 40 {
			cols = append(cols, x)
		}
	}
	if len(cols) == 0 || math.Abs(float64(cols[0]+cols[len(cols)-1]+1)/2-c.XAt(f.tb.Date())) > 1 {
		t.Errorf("cursor drawn in columns %v, want about %.1f", cols, c.XAt(f.tb.Date()))
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
