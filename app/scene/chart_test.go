package scene

import (
	"image"
	"math"
	"testing"
	"time"

	"articleatlas/app/icc"
	"articleatlas/app/render"
)

// chartToday is the fixed "today" of the chart tests.
var chartToday = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

func day(t *testing.T, s string) icc.Date {
	t.Helper()
	d, err := icc.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestPartyStepsMatchICC: the chart's steps, found by adding accessions and
// subtracting withdrawals, equal the ICC table's count on every day a
// state's status changed, and on the day before each step.
func TestPartyStepsMatchICC(t *testing.T) {
	a := loadAtlas(t)
	steps := a.PartySteps(StatuteAdopted, chartToday)
	if steps[0].Parties != 0 {
		t.Errorf("parties on 17 July 1998 = %d, want 0", steps[0].Parties)
	}
	at := func(d icc.Date) int {
		n := 0
		for _, s := range steps {
			if s.From.After(d) {
				break
			}
			n = s.Parties
		}
		return n
	}
	checked := 0
	for i := range a.ICC.States {
		m := &a.ICC.States[i]
		for _, d := range []icc.Date{m.InForce, m.WithdrawalEffective} {
			if d.IsZero() || d.After(chartToday) {
				continue
			}
			for _, x := range []icc.Date{d, d.AddDate(0, 0, -1)} {
				if got, want := at(x), a.ICC.Count(icc.Party, x); got != want {
					t.Errorf("%s (%s): chart says %d parties, the table %d", x.Format(icc.DateLayout), m.ISO3, got, want)
				}
			}
			checked++
		}
	}
	if checked < 120 {
		t.Errorf("only %d change dates checked", checked)
	}
	for i := 1; i < len(steps); i++ {
		if !steps[i].From.After(steps[i-1].From) || steps[i].Parties == steps[i-1].Parties {
			t.Errorf("step %d (%v, %d) does not follow step %d (%v, %d)", i, steps[i].From, steps[i].Parties, i-1, steps[i-1].From, steps[i-1].Parties)
		}
	}
	for _, c := range []struct {
		date string
		want int
	}{{"2023-10-17", 123}, {"2017-10-27", 123}, {"2019-03-17", 122}, {"2025-01-01", 125}} {
		if got := at(day(t, c.date)); got != c.want {
			t.Errorf("parties on %s: %d, want %d", c.date, got, c.want)
		}
	}
}

// TestChartNotes: the chart names Burundi's and the Philippines' withdrawals
// and the last accessions, on the table's dates.
func TestChartNotes(t *testing.T) {
	a := loadAtlas(t)
	c := a.Chart(image.Pt(900, 140), 1, icc.ArticleDate, chartToday, render.LightStyle())
	var got []string
	for _, n := range c.Annotations {
		got = append(got, n.Date.Format(icc.DateLayout)+" "+n.ISO3)
	}
	want := []string{"2017-10-27 BDI", "2019-03-17 PHL", "2020-02-01 KIR", "2024-02-01 ARM", "2025-01-01 UKR"}
	if len(got) != len(want) {
		t.Fatalf("notes %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("note %d: %s, want %s", i, got[i], want[i])
		}
	}
	if !c.Annotations[0].Withdrawn || c.Annotations[4].Withdrawn {
		t.Error("withdrawals and accessions are mixed up")
	}
}

// TestChartDateAt: DateAt inverts XAt to the day, and clamps outside the plot.
func TestChartDateAt(t *testing.T) {
	a := loadAtlas(t)
	for _, px := range []float64{1, 2} {
		// Wide enough that every day has its own pixel column.
		c := a.Chart(image.Pt(int(11000*px), int(140*px)), px, icc.ArticleDate, chartToday, render.LightStyle())
		for d := StatuteAdopted; !d.After(chartToday); d = d.AddDate(0, 0, 37) {
			if got := c.DateAt(c.XAt(d)); !got.Equal(d) {
				t.Fatalf("@%v: DateAt(XAt(%s)) = %s", px, d.Format(icc.DateLayout), got.Format(icc.DateLayout))
			}
		}
		if got := c.DateAt(-50); !got.Equal(StatuteAdopted) {
			t.Errorf("left of the plot: %s", got.Format(icc.DateLayout))
		}
		if got := c.DateAt(1e6); !got.Equal(chartToday) {
			t.Errorf("right of the plot: %s", got.Format(icc.DateLayout))
		}
	}
	// A narrow chart: DateAt is within a pixel's worth of days.
	c := a.Chart(image.Pt(600, 120), 1, icc.ArticleDate, chartToday, render.LightStyle())
	perPx := float64(daysBetween(StatuteAdopted, chartToday)) / (c.XAt(chartToday) - c.XAt(StatuteAdopted))
	for _, s := range []string{"2002-07-01", "2017-10-27", "2023-10-17"} {
		d := day(t, s)
		if got := daysBetween(d, c.DateAt(c.XAt(d))); math.Abs(float64(got)) > perPx/2+1 {
			t.Errorf("%s comes back %d days off (%.1f days per pixel)", s, got, perPx)
		}
	}
}

// TestChartCursorDrawn: the cursor's colour is drawn in the pixel column of
// the shown date, just above the date axis, and nowhere else along that row
// outside the cursor's width.
func TestChartCursorDrawn(t *testing.T) {
	a := loadAtlas(t)
	st := render.LightStyle()
	for _, s := range []string{"2005-03-01", "2017-10-27", "2023-10-17"} {
		for _, px := range []float64{1, 2} {
			shown := day(t, s)
			c := a.Chart(image.Pt(int(800*px), int(140*px)), px, shown, chartToday, st)
			img := image.NewRGBA(image.Rect(0, 0, c.Size.X, c.Size.Y))
			c.Draw(img)
			y := int(c.YAt(0) - 4*px)
			var cols []int
			for x := 0; x < img.Rect.Dx(); x++ {
				if near(img.RGBAAt(x, y), nrgba(st.Selected), 40) {
					cols = append(cols, x)
				}
			}
			if len(cols) == 0 {
				t.Fatalf("%s @%v: no cursor in row %d", s, px, y)
			}
			mid := float64(cols[0]+cols[len(cols)-1]+1) / 2
			if want := c.XAt(shown); math.Abs(mid-want) > 1 || float64(cols[len(cols)-1]-cols[0]+1) > 2*px+2 {
				t.Errorf("%s @%v: cursor drawn over columns %d–%d, want around %.1f", s, px, cols[0], cols[len(cols)-1], want)
			}
		}
	}
}

// TestChartStepDrawn: the step line is drawn at the count of the day — just
// above 76 parties in 2003, just above 123 in 2018 — and the plot is empty
// above it.
func TestChartStepDrawn(t *testing.T) {
	a := loadAtlas(t)
	st := render.LightStyle()
	c := a.Chart(image.Pt(800, 160), 1, StatuteAdopted, chartToday, st)
	img := image.NewRGBA(image.Rect(0, 0, c.Size.X, c.Size.Y))
	c.Draw(img)
	for _, s := range []string{"2003-06-01", "2018-06-01"} {
		d := day(t, s)
		x := int(c.XAt(d))
		y := c.YAt(c.PartiesOn(d))
		if got := img.RGBAAt(x, int(math.Round(y))); !near(got, nrgba(st.Fill[icc.Party]), 60) {
			t.Errorf("%s: at the step (%d, %.0f) the colour is %v, want the party colour", s, x, y, got)
		}
		if got := img.RGBAAt(x, int(y)-6); !near(got, nrgba(st.Background), 12) {
			t.Errorf("%s: above the step the colour is %v, want the background", s, got)
		}
	}
}

// BenchmarkChart: laying out and drawing the window's chart (1200×120 dp at
// scale 2), as the time bar does for each date while scrubbing.
func BenchmarkChart(b *testing.B) {
	a := loadAtlas(b)
	st := render.LightStyle()
	img := image.NewRGBA(image.Rect(0, 0, 2400, 240))
	d := StatuteAdopted
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d = nextMonth(d)
		a.Chart(img.Rect.Size(), 2, d, chartToday, st).Draw(img)
	}
}

// TestChartStaticLayersIgnoreTheDate: everything but the cursor is the same
// picture whatever the date shown, so the time bar may draw it once.
func TestChartStaticLayersIgnoreTheDate(t *testing.T) {
	a := loadAtlas(t)
	var r render.Renderer
	var imgs [2]*image.RGBA
	for i, s := range []string{"2005-03-01", "2023-10-17"} {
		c := a.Chart(image.Pt(900, 120), 1, day(t, s), chartToday, render.LightStyle())
		imgs[i] = image.NewRGBA(image.Rect(0, 0, c.Size.X, c.Size.Y))
		c.DrawLayers(&r, imgs[i], c.StaticLayers())
		if len(c.StaticLayers())+1 != len(c.Layers()) || c.CursorLayer() != c.Layers()[len(c.Layers())-1] {
			t.Fatal("the static layers and the cursor are not the chart's layers")
		}
	}
	if n, _ := compareImages(imgs[0], imgs[1]); n != 0 {
		t.Errorf("%d pixels of the static layers differ between two dates", n)
	}
}

// BenchmarkChartCursor: a date step of the window's chart (1200×120 dp at
// scale 2), as the time bar makes it: moving the cursor of the chart laid
// out once, copying the static picture and drawing the cursor.
func BenchmarkChartCursor(b *testing.B) {
	a := loadAtlas(b)
	st := render.LightStyle()
	var r render.Renderer
	static := image.NewRGBA(image.Rect(0, 0, 2400, 240))
	img := image.NewRGBA(static.Rect)
	laid := a.Chart(static.Rect.Size(), 2, StatuteAdopted, chartToday, st)
	laid.Draw(static)
	d := StatuteAdopted
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d = nextMonth(d)
		c := laid.At(d)
		copy(img.Pix, static.Pix)
		c.DrawLayers(&r, img, []render.Layer{c.CursorLayer()})
	}
}

// nextMonth is a month after d, or the chart's first day after chartToday:
// the dates a benchmark steps through.
func nextMonth(d icc.Date) icc.Date {
	if d = d.AddDate(0, 1, 0); d.After(chartToday) {
		return StatuteAdopted
	}
	return d
}

// TestChartAnySize: a chart too small for its plot, or with today before the
// Statute, still lays out and draws, and DateAt stays within its days.
func TestChartAnySize(t *testing.T) {
	a := loadAtlas(t)
	for _, c := range []struct {
		w, h  int
		today icc.Date
	}{{1, 1, chartToday}, {30, 12, chartToday}, {120, 40, chartToday}, {400, 100, StatuteAdopted}, {400, 100, day(t, "1990-01-01")}} {
		ch := a.Chart(image.Pt(c.w, c.h), 1, icc.ArticleDate, c.today, render.LightStyle())
		img := image.NewRGBA(image.Rect(0, 0, c.w, c.h))
		ch.Draw(img)
		for _, x := range []float64{-10, 0, float64(c.w) / 2, float64(c.w) + 10} {
			if d := ch.DateAt(x); d.Before(ch.Start) || d.After(ch.Today) {
				t.Errorf("%d×%d: DateAt(%v) = %s, outside %s–%s", c.w, c.h, x, d.Format(icc.DateLayout),
					ch.Start.Format(icc.DateLayout), ch.Today.Format(icc.DateLayout))
			}
		}
	}
}

// TestChartAtIsTheChartOfThatDate: moving a laid-out chart's cursor draws
// what laying the chart out at that date draws, and leaves the first chart
// as it was.
func TestChartAtIsTheChartOfThatDate(t *testing.T) {
	a := loadAtlas(t)
	st := render.DarkStyle()
	first := a.Chart(image.Pt(900, 120), 2, day(t, "2005-03-01"), chartToday, st)
	for _, s := range []string{"1998-07-17", "2017-10-27", "2023-10-17", "2090-01-01"} {
		moved := first.At(day(t, s))
		fresh := a.Chart(image.Pt(900, 120), 2, day(t, s), chartToday, st)
		if moved.Shown != fresh.Shown {
			t.Fatalf("%s: the moved cursor is on %v, a fresh chart's on %v", s, moved.Shown, fresh.Shown)
		}
		got, want := image.NewRGBA(image.Rect(0, 0, 900, 120)), image.NewRGBA(image.Rect(0, 0, 900, 120))
		moved.Draw(got)
		fresh.Draw(want)
		if n, _ := compareImages(got, want); n != 0 {
			t.Errorf("%s: %d pixels differ from the chart laid out at that date", s, n)
		}
	}
	if first.Shown != day(t, "2005-03-01") {
		t.Errorf("At moved the first chart's cursor to %v", first.Shown)
	}
}
