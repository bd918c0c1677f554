// The time bar: the date the window shows, chosen with a slider, typed as a
// day, reset to the article's date or played through, over the membership
// chart.
package ui

import (
	"fmt"
	"image"
	"math"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"articleatlas/app/icc"
	"articleatlas/app/mapview"
	"articleatlas/app/render"
	"articleatlas/app/scene"
)

// PlayTick is how often playing advances the date: 30 steps a second, so
// that a played year moves as smoothly as a dragged cursor.
const PlayTick = time.Second / 30

// ticksPerSpeed is how many ticks of play a speed's step takes: the speeds
// are given per tenth of a second.
const ticksPerSpeed = 3

// PlaySpeed is how far one tick of play advances the date.
type PlaySpeed struct {
	Label         string // as the speed choice shows it, followed by "per 0.1 s"
	Months, Years int
}

// PlaySpeeds are the speeds the time bar offers, the first the default: a
// month per tenth of a second runs from 1998 to today in about half a minute.
var PlaySpeeds = []PlaySpeed{
	{"1 month", 1, 0},
	{"3 months", 3, 0},
	{"1 year", 0, 1},
}

// CivilDate is the UTC calendar day of t, at midnight: what "today" is for
// the time bar when t is time.Now().
func CivilDate(t time.Time) icc.Date {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// TimeBar is the window's date control: a slider with a day per step from
// start to today, an entry for an exact day, an "Article date" button, play
// and pause with a speed, and the membership chart, which a click or drag
// also sets the date on. Every change of date, from any of them, goes to the
// onChange given to NewTimeBar. Its methods are called on the UI goroutine.
type TimeBar struct {
	Slider     *DateSlider
	Entry      *widget.Entry // an exact day, YYYY-MM-DD; Enter applies it
	EntryError *widget.Label // why the entry's text was refused; hidden when it was not
	Article    *widget.Button
	PlayButton *widget.Button
	Speed      *widget.Select
	Chart      *ChartView
	Content    fyne.CanvasObject

	atlas        *scene.Atlas
	start, today icc.Date
	date         icc.Date
	onChange     func(icc.Date)
	speed        PlaySpeed
	syncing      bool // the widgets are being set to the date: their callbacks do nothing

	playing bool
	stop    chan struct{} // closed to end the playing goroutine
	pending atomic.Bool   // a play step is queued on the UI goroutine and not yet applied

	// What playing runs on; tests replace them.
	newTicker func(time.Duration) ticker
	do        func(func()) // runs a function on the UI goroutine: fyne.Do
	afterStep func()       // if set, called after each play step is applied

	// Where playing runs from: the day it started (or the speed changed,
	// or the reader moved the date) and the ticks played since.
	playFrom  icc.Date
	playTicks int
	lastPlay  icc.Date // the day the last tick showed
}

// ticker is the clock that drives play: time.Ticker, or a test's.
type ticker interface {
	C() <-chan time.Time
	Stop()
}

type timeTicker struct{ *time.Ticker }

func (t timeTicker) C() <-chan time.Time { return t.Ticker.C }

// NewTimeBar makes the time bar for atlas a from start (scene.StatuteAdopted)
// to today (CivilDate(time.Now()) in the app; fixed in tests), showing the
// article's date, or the nearest day of that range. onChange is called on the
// UI goroutine with each new date; it is not called for the first one.
func NewTimeBar(a *scene.Atlas, start, today icc.Date, onChange func(icc.Date)) *TimeBar {
	if today.Before(start) {
		today = start
	}
	tb := &TimeBar{atlas: a, start: start, today: today, onChange: onChange, speed: PlaySpeeds[0],
		newTicker: func(d time.Duration) ticker { return timeTicker{time.NewTicker(d)} },
		do:        fyne.Do,
	}
	tb.date = tb.clamp(icc.ArticleDate)

	tb.Slider = newDateSlider(float64(dayIndex(start, today)))
	tb.Slider.OnChanged = func(v float64) {
		if !tb.syncing {
			tb.SetDate(start.AddDate(0, 0, int(math.Round(v))))
		}
	}
	tb.Slider.onTogglePlay = tb.TogglePlay
	tb.Slider.onJump = func(months, years int) { tb.SetDate(tb.date.AddDate(years, months, 0)) }
	tb.Slider.onEnd = func(last bool) {
		if last {
			tb.SetDate(tb.today)
		} else {
			tb.SetDate(tb.start)
		}
	}

	tb.Entry = widget.NewEntry()
	tb.Entry.SetPlaceHolder("YYYY-MM-DD")
	tb.Entry.OnSubmitted = func(s string) { tb.submit(s) }
	tb.EntryError = widget.NewLabel("")
	tb.EntryError.Importance = widget.DangerImportance
	tb.EntryError.Hide()
	tb.Article = widget.NewButton("Article date", func() { tb.SetDate(icc.ArticleDate) })
	tb.PlayButton = widget.NewButtonWithIcon("Play", theme.MediaPlayIcon(), tb.TogglePlay)
	labels := make([]string, len(PlaySpeeds))
	for i, s := range PlaySpeeds {
		labels[i] = s.Label
	}
	tb.Speed = widget.NewSelect(labels, func(l string) {
		for _, s := range PlaySpeeds {
			if s.Label == l {
				tb.speed = s
				tb.playFrom, tb.playTicks = tb.date, 0 // a new speed plays on from here
			}
		}
	})
	tb.Speed.SetSelected(PlaySpeeds[0].Label)
	tb.Chart = newChartView(tb)

	entry := container.NewGridWrap(fyne.NewSize(120, tb.Entry.MinSize().Height), tb.Entry)
	row := container.NewBorder(nil, nil,
		container.NewHBox(tb.PlayButton, tb.Speed, widget.NewLabel("per 0.1 s")),
		container.NewHBox(entry, tb.Article),
		tb.Slider)
	tb.Content = container.NewVBox(row, tb.EntryError, tb.Chart)
	tb.show()
	return tb
}

// Date is the date shown.
func (tb *TimeBar) Date() icc.Date { return tb.date }

// Today is the last day the bar reaches.
func (tb *TimeBar) Today() icc.Date { return tb.today }

// SetDate shows day d, limited to the bar's range, and calls onChange if the
// date changed. The entry's error, if one was shown, is cleared.
func (tb *TimeBar) SetDate(d icc.Date) {
	d = tb.clamp(d)
	tb.EntryError.Hide()
	if d.Equal(tb.date) {
		tb.show() // the widgets may show something else: a half-typed day, a slider between days
		return
	}
	tb.date = d
	tb.show()
	if tb.onChange != nil {
		tb.onChange(d)
	}
}

// show sets the slider, the entry and the chart to the date.
func (tb *TimeBar) show() {
	tb.syncing = true
	tb.Slider.SetValue(float64(dayIndex(tb.start, tb.date)))
	tb.Entry.SetText(tb.date.Format(icc.DateLayout))
	tb.syncing = false
	tb.Chart.Refresh()
}

// submit applies the entry's text, or says why it cannot.
func (tb *TimeBar) submit(s string) {
	d, err := icc.ParseDate(s)
	switch {
	case err != nil:
		tb.showError(fmt.Sprintf("%q is not a date like 2023-10-17", s))
	case d.Before(tb.start) || d.After(tb.today):
		tb.showError(fmt.Sprintf("Pick a day from %s to %s", icc.FormatDate(tb.start), icc.FormatDate(tb.today)))
	default:
		tb.SetDate(d)
	}
}

func (tb *TimeBar) showError(msg string) {
	tb.EntryError.SetText(msg)
	tb.EntryError.Show()
}

// Playing reports whether the bar is playing.
func (tb *TimeBar) Playing() bool { return tb.playing }

// TogglePlay plays if paused and pauses if playing.
func (tb *TimeBar) TogglePlay() {
	if tb.playing {
		tb.Pause()
	} else {
		tb.Play()
	}
}

// Play advances the date by the chosen speed every PlayTick until today,
// where it pauses; from today it starts again at the first day. Each step is
// applied on the UI goroutine; while one waits there, further ticks are
// dropped, so a slow frame slows playing down instead of queuing work.
func (tb *TimeBar) Play() {
	if tb.playing {
		return
	}
	if !tb.date.Before(tb.today) {
		tb.SetDate(tb.start)
	}
	tb.playing = true
	tb.playFrom, tb.playTicks, tb.lastPlay = tb.date, 0, tb.date
	tb.PlayButton.SetText("Pause")
	tb.PlayButton.SetIcon(theme.MediaPauseIcon())
	tb.stop = make(chan struct{})
	go tb.run(tb.newTicker(PlayTick), tb.stop)
}

// Pause stops playing; the date stays where it is.
func (tb *TimeBar) Pause() {
	if !tb.playing {
		return
	}
	tb.playing = false
	close(tb.stop)
	tb.PlayButton.SetText("Play")
	tb.PlayButton.SetIcon(theme.MediaPlayIcon())
}

// run is the playing goroutine: on each tick it queues one step on the UI
// goroutine, unless the last one is still waiting there.
func (tb *TimeBar) run(t ticker, stop <-chan struct{}) {
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C():
			if !tb.pending.CompareAndSwap(false, true) {
				continue // the last step has not been applied yet
			}
			tb.do(func() {
				tb.pending.Store(false)
				tb.step()
			})
		}
	}
}

// playedDay is the day playing shows after playTicks ticks from playFrom:
// the speed's step (a month, three, a year) every ticksPerSpeed ticks,
// exactly by the calendar, and the days between them spread evenly over
// the ticks in between.
func (tb *TimeBar) playedDay() icc.Date {
	n, r := tb.playTicks/ticksPerSpeed, tb.playTicks%ticksPerSpeed
	a := tb.playFrom.AddDate(n*tb.speed.Years, n*tb.speed.Months, 0)
	if r == 0 {
		return a
	}
	b := tb.playFrom.AddDate((n+1)*tb.speed.Years, (n+1)*tb.speed.Months, 0)
	days := math.Round(b.Sub(a).Hours() / 24 * float64(r) / ticksPerSpeed)
	return a.AddDate(0, 0, int(days))
}

// step advances the date by one tick of play, pausing at today.
func (tb *TimeBar) step() {
	if !tb.playing {
		return // paused while this step waited
	}
	if !tb.date.Equal(tb.lastPlay) {
		tb.playFrom, tb.playTicks = tb.date, 0 // the reader moved the date: play on from there
	}
	tb.playTicks++
	tb.SetDate(tb.playedDay())
	tb.lastPlay = tb.date
	if !tb.date.Before(tb.today) {
		tb.Pause()
	}
	if tb.afterStep != nil {
		tb.afterStep()
	}
}

func (tb *TimeBar) clamp(d icc.Date) icc.Date {
	if d.Before(tb.start) {
		return tb.start
	}
	if d.After(tb.today) {
		return tb.today
	}
	return d
}

// dayIndex is the number of days from start to d.
func dayIndex(start, d icc.Date) int { return int(math.Round(d.Sub(start).Hours() / 24)) }

// DateSlider is the time bar's slider: a value per day. Focused, it takes
// Left and Right (a day), Up and Down (a month), Page Up and Page Down (a
// year), Home and End (the first and last day) and Space (play or pause).
type DateSlider struct {
	widget.Slider
	onTogglePlay func()
	onJump       func(months, years int)
	onEnd        func(last bool)
}

func newDateSlider(days float64) *DateSlider {
	s := &DateSlider{}
	s.Min, s.Max, s.Step = 0, days, 1
	s.Orientation = widget.Horizontal
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey handles the slider's keys (see DateSlider).
func (s *DateSlider) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace:
		s.onTogglePlay()
	case fyne.KeyUp:
		s.onJump(1, 0)
	case fyne.KeyDown:
		s.onJump(-1, 0)
	case fyne.KeyPageUp:
		s.onJump(0, 1)
	case fyne.KeyPageDown:
		s.onJump(0, -1)
	case fyne.KeyHome:
		s.onEnd(false)
	case fyne.KeyEnd:
		s.onEnd(true)
	default:
		s.Slider.TypedKey(ev) // Left and Right
	}
}

// ChartView shows the membership chart of its time bar, drawn by the map's
// renderer at the screen's pixel density in the theme's map style; a tap or
// a drag on it sets the date.
type ChartView struct {
	widget.BaseWidget
	bar    *TimeBar
	raster *canvas.Raster
	img    *image.RGBA // the last image drawn, reused while the size holds

	// The chart laid out, and drawn without its cursor, once per size,
	// density and style; a date change moves its cursor (scene.Chart.At),
	// copies the picture and draws only the cursor.
	laid      *scene.Chart
	static    *image.RGBA
	staticKey chartKey
	renderer  render.Renderer
}

// chartKey is what the chart's layers other than the cursor depend on.
type chartKey struct {
	w, h  int
	px    float64
	style render.Style
	today string
}

// ChartHeight is the chart's height in dp.
const ChartHeight = 110

func newChartView(tb *TimeBar) *ChartView {
	c := &ChartView{bar: tb}
	c.ExtendBaseWidget(c)
	return c
}

// chart is the chart for w×h pixels with its cursor at the date shown:
// laid out again, and its static picture drawn again, only when the size,
// density or style changed. Call it on the Fyne UI goroutine.
func (c *ChartView) chart(w, h int) *scene.Chart {
	px := 1.0
	if s := c.Size(); s.Width > 0 {
		px = float64(w) / float64(s.Width)
	}
	st := mapview.ThemeStyle(c.Theme())
	key := chartKey{w: w, h: h, px: px, style: st, today: c.bar.today.Format(icc.DateLayout)}
	if c.laid == nil || key != c.staticKey {
		c.laid = c.bar.atlas.Chart(image.Pt(w, h), px, c.bar.date, c.bar.today, st)
		c.static = image.NewRGBA(image.Rect(0, 0, w, h))
		c.img = image.NewRGBA(image.Rect(0, 0, w, h))
		c.laid.DrawLayers(&c.renderer, c.static, c.laid.StaticLayers())
		c.staticKey = key
	}
	return c.laid.At(c.bar.date)
}

// draw is the raster's generator: the chart at w×h device pixels, a copy of
// its static picture with the cursor drawn over.
func (c *ChartView) draw(w, h int) image.Image {
	if w <= 0 || h <= 0 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	ch := c.chart(w, h)
	copy(c.img.Pix, c.static.Pix)
	ch.DrawLayers(&c.renderer, c.img, []render.Layer{ch.CursorLayer()})
	return c.img
}

// dateAt is the day under position pos (dp) of the chart.
func (c *ChartView) dateAt(pos fyne.Position) icc.Date {
	scale := float32(1)
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil {
		scale = cv.Scale()
	}
	s := c.Size()
	ch := c.chart(int(math.Round(float64(s.Width*scale))), int(math.Round(float64(s.Height*scale))))
	return ch.DateAt(float64(pos.X * scale))
}

// Tapped sets the date to the day under the pointer.
func (c *ChartView) Tapped(ev *fyne.PointEvent) { c.bar.SetDate(c.dateAt(ev.Position)) }

// Dragged follows the pointer along the chart.
func (c *ChartView) Dragged(ev *fyne.DragEvent) { c.bar.SetDate(c.dateAt(ev.Position)) }

// DragEnd ends a drag; the date stays where it was dragged to.
func (c *ChartView) DragEnd() {}

// MinSize is the chart's height and a width that leaves every year's tick apart.
func (c *ChartView) MinSize() fyne.Size { return fyne.NewSize(300, ChartHeight) }

func (c *ChartView) CreateRenderer() fyne.WidgetRenderer {
	c.raster = canvas.NewRaster(c.draw)
	c.raster.ScaleMode = canvas.ImageScalePixels
	return &chartRenderer{c: c}
}

// chartRenderer sizes the chart's raster to the widget.
type chartRenderer struct{ c *ChartView }

func (r *chartRenderer) Layout(size fyne.Size)        { r.c.raster.Resize(size) }
func (r *chartRenderer) MinSize() fyne.Size           { return r.c.MinSize() }
func (r *chartRenderer) Refresh()                     { r.c.raster.Refresh() }
func (r *chartRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.c.raster} }
func (r *chartRenderer) Destroy()                     {}
