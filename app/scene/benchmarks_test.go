package scene

import (
	"image"
	"math/rand/v2"
	"testing"

	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

var sinkByte byte

// benchFrame draws the window's scene (all layers: ocean, graticule,
// countries by status, borders, outline, the story's routes, places and
// labels, a selection and a hover) through view v at pxPerDp device pixels
// per dp, at the level of detail the app picks for it.
func benchFrame(b *testing.B, v geo.View, pxPerDp float64) {
	a := loadAtlas(b)
	o := articleOptions()
	o.Selected, o.Hover = "CHN", "RUS"
	s := a.Scene(v, pxPerDp, o)
	img := image.NewRGBA(image.Rect(0, 0, int(v.Width*pxPerDp), int(v.Height*pxPerDp)))
	var r render.Renderer
	r.Draw(img, s, v, pxPerDp) // warm the buffers and place the labels
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Draw(img, s, v, pxPerDp)
	}
	sinkByte += img.Pix[0]
}

// BenchmarkFrame1080 is one full 1920×1080 frame of the world view.
func BenchmarkFrame1080(b *testing.B) {
	benchFrame(b, geo.NewView(geo.EqualEarth{}, 1920, 1080), 1)
}

// BenchmarkFrame4K is the world view at 3840×2160 (1:50m).
func BenchmarkFrame4K(b *testing.B) {
	benchFrame(b, geo.NewView(geo.EqualEarth{}, 3840, 2160), 1)
}

// BenchmarkFrameHiDPI is the world view in a 1440×900 dp window on a screen
// of 2 pixels per dp: 2880×1800 pixels, at the level the window draws with
// (1:50m: the world is wider than 2200 px).
func BenchmarkFrameHiDPI(b *testing.B) {
	v := geo.NewView(geo.EqualEarth{}, 1440, 900)
	o := articleOptions()
	o.Selected = "CHN"
	if got := loadAtlas(b).Level(v, 2, o); got != geo.Fine {
		b.Fatalf("HiDPI window uses %v, want 1:50m", got)
	}
	benchFrame(b, v, 2)
}

// eastAsia is a 1920×1080 view with Beijing and Moscow in sight (1:50m).
func eastAsia() geo.View {
	v := geo.NewView(geo.EqualEarth{}, 1920, 1080)
	p := geo.EqualEarth{}
	v.Fit(orb.Bound{Min: geo.Project(p, orb.Point{30, 20}), Max: geo.Project(p, orb.Point{140, 62})}, 20)
	return v
}

// BenchmarkFrameZoomed is 1920×1080 zoomed on East Asia at the finer level.
func BenchmarkFrameZoomed(b *testing.B) {
	v := eastAsia()
	if geo.LevelFor(v, 1) != geo.Fine {
		b.Fatalf("zoomed view uses %v, want 1:50m", geo.LevelFor(v, 1))
	}
	benchFrame(b, v, 1)
}

// BenchmarkPan is what the map widget does per drag event at 1920×1080: pan the
// view, shift the last base layer, draw the uncovered strips and the overlay.
func BenchmarkPan(b *testing.B) {
	a := loadAtlas(b)
	o := articleOptions()
	o.Selected, o.Hover = "CHN", "RUS"
	v := geo.NewView(geo.EqualEarth{}, 1920, 1080)
	v.Zoom = 1
	var f render.Frames
	f.Draw(a.Scene(v, 1, o), v, 1, false)
	steps := [][2]float64{{6.3, 2.1}, {5.2, -1.7}, {-6.1, -2.4}, {-5.4, 2.0}} // a drag wobbling in place
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := steps[i%len(steps)]
		v.PanBy(d[0], d[1])
		img, _ := f.Draw(a.Scene(v, 1, o), v, 1, false)
		sinkByte += img.Pix[0]
	}
}

// BenchmarkHover is a frame after the hovered country changed.
func BenchmarkHover(b *testing.B) {
	a := loadAtlas(b)
	o := articleOptions()
	v := geo.NewView(geo.EqualEarth{}, 1920, 1080)
	var f render.Frames
	f.Draw(a.Scene(v, 1, o), v, 1, false)
	hovers := []string{"RUS", "CHN", "BRA", "USA"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		o.Hover = hovers[i%len(hovers)]
		img, _ := f.Draw(a.Scene(v, 1, o), v, 1, false)
		sinkByte += img.Pix[0]
	}
}

// TestBenchScenesHaveEveryLayer checks that the frames benchmarked draw every
// layer the reader can switch on: the world view's scene at 1 and 2 px per dp
// (its base and overlay) has each story layer, the graticule, the selection
// and the hover.
func TestBenchScenesHaveEveryLayer(t *testing.T) {
	a := loadAtlas(t)
	o := articleOptions()
	o.Selected, o.Hover = "CHN", "RUS"
	want := []string{"graticule", "corridors", "maritime", "energy", "trips", "places", "labels", "selection", "hover"}
	for _, tc := range []struct {
		name    string
		v       geo.View
		pxPerDp float64
	}{
		{"1080", geo.NewView(geo.EqualEarth{}, 1920, 1080), 1},
		{"hidpi", geo.NewView(geo.EqualEarth{}, 1440, 900), 2},
		{"zoomed", eastAsia(), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := a.Scene(tc.v, tc.pxPerDp, o)
			ids := map[string]bool{}
			for _, l := range append(append([]render.Layer{}, s.Base...), s.Overlay...) {
				ids[l.ID()] = true
			}
			for _, id := range want {
				if !ids[id] {
					t.Errorf("got layers %v, want %q among them", ids, id)
				}
			}
		})
	}
}

// BenchmarkHitTest is one pointer hit-test over the story region at
// 1920×1080 with every layer shown — places, trips, corridors, links, then
// countries at 1:50m — at seeded random points.
func BenchmarkHitTest(b *testing.B) {
	a := loadAtlas(b)
	o := articleOptions()
	v := eastAsia()
	rng := rand.New(rand.NewPCG(1, 2))
	pts := make([]orb.Point, 1024)
	for i := range pts {
		pts[i] = orb.Point{rng.Float64() * v.Width, rng.Float64() * v.Height}
	}
	a.HitTest(v, 1, o, pts[0]) // project the layers once
	b.ReportAllocs()
	b.ResetTimer()
	hits := 0
	for i := 0; i < b.N; i++ {
		if _, ok := a.HitTest(v, 1, o, pts[i%len(pts)]); ok {
			hits++
		}
	}
	sinkByte += byte(hits)
}

// burundiDates are the days before and after Burundi's withdrawal from the
// Rome Statute took effect (27 October 2017): statuses differ, the story's
// layers do not.
func burundiDates(b *testing.B) [2]icc.Date { return benchDates(b, "2017-10-26", "2017-10-28") }

// benchDates parses two YYYY-MM-DD dates.
func benchDates(b *testing.B, d0, d1 string) [2]icc.Date {
	var dates [2]icc.Date
	for i, s := range []string{d0, d1} {
		var err error
		if dates[i], err = icc.ParseDate(s); err != nil {
			b.Fatal(err)
		}
	}
	return dates
}

// benchDateStep is one date step of the window's scene (every layer, a
// selection and a hover) through view v at pxPerDp, after the first frame
// and the first step: the date goes back and forth between the two dates,
// on which statuses differ but the story's layers do not.
func benchDateStep(b *testing.B, v geo.View, pxPerDp float64, dates [2]icc.Date) {
	a := loadAtlas(b)
	o := articleOptions()
	o.Selected, o.Hover = "CHN", "RUS"
	if a.Scene(v, pxPerDp, Options{Date: dates[0], Layers: AllLayers}).Key != a.Scene(v, pxPerDp, Options{Date: dates[1], Layers: AllLayers}).Key {
		b.Fatal("the story's layers differ between the dates: a step would redraw them")
	}
	var f render.Frames
	for _, d := range dates {
		o.Date = d
		f.Draw(a.Scene(v, pxPerDp, o), v, pxPerDp, true)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		o.Date = dates[i%2]
		img, _ := f.Draw(a.Scene(v, pxPerDp, o), v, pxPerDp, true)
		sinkByte += img.Pix[0]
	}
}

// BenchmarkDateStep is a date step of the 1920×1080 world view.
func BenchmarkDateStep(b *testing.B) {
	benchDateStep(b, geo.NewView(geo.EqualEarth{}, 1920, 1080), 1, burundiDates(b))
}

// BenchmarkDateStepHiDPI is a date step of the world view in a 1440×900 dp
// window at 2 pixels per dp (1:50m).
func BenchmarkDateStepHiDPI(b *testing.B) {
	benchDateStep(b, geo.NewView(geo.EqualEarth{}, 1440, 900), 2, burundiDates(b))
}

// BenchmarkDateStepFar is a long date step of the 1920×1080 world view:
// between the day after the Rome Statute was opened for signature (18 July
// 1998) and the eve of its entry into force (30 June 2002), before the
// story's first date, most countries change colour.
func BenchmarkDateStepFar(b *testing.B) {
	benchDateStep(b, geo.NewView(geo.EqualEarth{}, 1920, 1080), 1, benchDates(b, "1998-07-18", "2002-06-30"))
}

// BenchmarkDateStepFirst is the first date step after the 1920×1080 world
// view was drawn: Frames draws the base once more, keeping what the next
// steps recolour from.
func BenchmarkDateStepFirst(b *testing.B) {
	a := loadAtlas(b)
	o := articleOptions()
	o.Selected, o.Hover = "CHN", "RUS"
	v := geo.NewView(geo.EqualEarth{}, 1920, 1080)
	dates := burundiDates(b)
	var f render.Frames
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		f.Invalidate()
		o.Date = dates[i%2]
		f.Draw(a.Scene(v, 1, o), v, 1, true)
		b.StartTimer()
		o.Date = dates[(i+1)%2]
		img, _ := f.Draw(a.Scene(v, 1, o), v, 1, true)
		sinkByte += img.Pix[0]
	}
}

// frameView is one of the frames the benchmarks draw: a view and its
// pixels per dp.
type frameView struct {
	name    string
	v       geo.View
	pxPerDp float64
}

// benchFrames are the views of BenchmarkFrame1080, FrameZoomed and
// FrameHiDPI.
func benchFrames() []frameView {
	return []frameView{
		{"1080", geo.NewView(geo.EqualEarth{}, 1920, 1080), 1},
		{"Zoomed", eastAsia(), 1},
		{"HiDPI", geo.NewView(geo.EqualEarth{}, 1440, 900), 2},
	}
}

// BenchmarkLayer draws each layer of the frames above alone, through the
// same renderer, so that a frame's cost can be split by layer:
// go test -bench 'Layer/HiDPI' ./app/scene.
func BenchmarkLayer(b *testing.B) {
	for _, f := range benchFrames() {
		a := loadAtlas(b)
		o := articleOptions()
		o.Selected, o.Hover = "CHN", "RUS"
		s := a.Scene(f.v, f.pxPerDp, o)
		img := image.NewRGBA(image.Rect(0, 0, int(f.v.Width*f.pxPerDp), int(f.v.Height*f.pxPerDp)))
		var r render.Renderer
		r.Draw(img, s, f.v, f.pxPerDp)
		t := f.v.Transform(f.pxPerDp)
		for _, l := range append(append([]render.Layer{}, s.Base...), s.Overlay...) {
			b.Run(f.name+"/"+l.ID(), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					r.DrawLayers(img, []render.Layer{l}, s.Fonts, t, f.pxPerDp)
				}
			})
		}
	}
}
