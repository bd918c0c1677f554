package scene

import (
	"image"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// TestFramesPanMatchesFullDraw: a frame made by shifting the last one and
// drawing the uncovered strips looks like a full draw of the same view.
func TestFramesPanMatchesFullDraw(t *testing.T) {
	a := loadAtlas(t)
	o := articleOptions()
	o.Selected, o.Hover = "CHN", "IND"
	v := geo.NewView(geo.EqualEarth{}, 640, 360)
	v.Zoom = 1.5
	var f render.Frames
	f.Draw(a.Scene(v, 1, o), v, 1, false)
	for i, d := range [][2]float64{{37.4, -12.2}, {-80, 55.5}, {3, 3}, {-500, 0}} {
		v.PanBy(d[0], d[1])
		got, shown := f.Draw(a.Scene(v, 1, o), v, 1, false)
		if dx, dy := (shown.Center[0]-v.Center[0])*v.Scale(), (shown.Center[1]-v.Center[1])*v.Scale(); dx*dx+dy*dy > 0.5*0.5*2 {
			t.Errorf("pan %d: shown view is (%.2f, %.2f) px off, want at most half a pixel", i, dx, dy)
		}
		want := image.NewRGBA(got.Rect)
		var r render.Renderer
		r.Draw(want, a.Scene(shown, 1, o), shown, 1)
		if n, _ := compareImages(want, got); n > got.Rect.Dx()*got.Rect.Dy()/200 {
			t.Errorf("pan %d: %d pixels differ from a full draw", i, n)
		}
	}
	// exact redraws at the requested view.
	_, shown := f.Draw(a.Scene(v, 1, o), v, 1, true)
	if shown.Center != v.Center {
		t.Errorf("exact frame drawn at %v, want %v", shown.Center, v.Center)
	}
}

// countingLayer counts how often it is drawn.
type countingLayer struct{ draws int }

func (c *countingLayer) ID() string                                    { return "counter" }
func (c *countingLayer) Bound() orb.Bound                              { return orb.Bound{} }
func (c *countingLayer) Draw(p render.Painter, dc *render.DrawContext) { c.draws++ }

// TestFramesHoverKeepsBase: a hover change redraws the overlay only; a change
// of the scene's key (a date before trips of the story, which hides them)
// redraws the base.
func TestFramesHoverKeepsBase(t *testing.T) {
	a := loadAtlas(t)
	o := articleOptions()
	v := geo.NewView(geo.EqualEarth{}, 320, 180)
	counter := &countingLayer{}
	scene := func() *render.Scene {
		s := a.Scene(v, 1, o)
		s.Base = append(s.Base[:len(s.Base):len(s.Base)], counter)
		return s
	}
	var f render.Frames
	f.Draw(scene(), v, 1, false)
	if counter.draws != 1 {
		t.Fatalf("first frame drew the base %d times, want 1", counter.draws)
	}
	o.Hover = "BRA"
	f.Draw(scene(), v, 1, false)
	if counter.draws != 1 {
		t.Error("a hover change redrew the base layers")
	}
	o.Date, _ = icc.ParseDate("2017-10-27")
	f.Draw(scene(), v, 1, false)
	if counter.draws != 2 {
		t.Error("a date change did not redraw the base layers")
	}
	f.Invalidate()
	f.Draw(scene(), v, 1, false)
	if counter.draws != 3 {
		t.Error("Invalidate did not redraw the base layers")
	}
}

// TestFramesPreview: after a zoom, the preview is the last frame scaled about
// the zoom's anchor — close to the sharp frame, and never drawn from scratch.
func TestFramesPreview(t *testing.T) {
	a := loadAtlas(t)
	o := articleOptions()
	o.Layers = ICC | Graticule // the sample points below are off the story's marks
	v := geo.NewView(geo.EqualEarth{}, 640, 360)
	var f render.Frames
	if _, ok := f.Preview(v, 1); ok {
		t.Fatal("a preview without a last frame")
	}
	before, _ := f.Draw(a.Scene(v, 1, o), v, 1, false)
	anchor := before.RGBAAt(200, 120)
	v.ZoomAround(orb.Point{200, 120}, 0.75)
	prev, ok := f.Preview(v, 1)
	if !ok {
		t.Fatal("no preview")
	}
	if got := prev.RGBAAt(200, 120); got != anchor {
		t.Errorf("pixel under the zoom anchor changed from %v to %v", anchor, got)
	}
	sharp := image.NewRGBA(prev.Rect)
	var r render.Renderer
	r.Draw(sharp, a.Scene(v, 1, o), v, 1)
	// Inside countries and seas the preview has the sharp frame's colours.
	for _, ll := range []orb.Point{{116.4, 39.9}, {100, 63}, {75, 5}, {65, 15}} { // off the 30° graticule
		p := v.ToScreen(ll)
		if a, b := prev.RGBAAt(int(p[0]), int(p[1])), sharp.RGBAAt(int(p[0]), int(p[1])); !near(a, b, 2) {
			t.Errorf("at %v: preview %v, sharp %v", ll, a, b)
		}
	}
	// Borders and graticule are scaled with the image, so edges differ; most
	// of the map does not.
	n, _ := compareImages(sharp, prev)
	if n > prev.Rect.Dx()*prev.Rect.Dy()/5 {
		t.Errorf("preview differs from the sharp frame in %d pixels, more than a fifth", n)
	}
}

// recolourTol is how far (per channel, of 255) a frame whose base Frames
// recomposed may be from a plain draw of the same scene: the layers above
// the countries are composited onto them as one image instead of one after
// another, which rounds to within a level once per translucent layer — and
// up to three lie on one pixel (a border, a route's casing, a label's halo).
const recolourTol = 3

// maxChannelDiff is the largest difference of one channel between a and b
// (same size), and how many pixels differ at all.
func maxChannelDiff(a, b *image.RGBA) (max, n int) {
	for i := 0; i+3 < len(a.Pix); i += 4 {
		differ := false
		for k := 0; k < 3; k++ {
			d := int(a.Pix[i+k]) - int(b.Pix[i+k])
			if d < 0 {
				d = -d
			}
			if d > 0 {
				differ = true
			}
			if d > max {
				max = d
			}
		}
		if differ {
			n++
		}
	}
	return max, n
}

// storyMarks is a selected trip and a hovered place of the story, so that
// both highlights are in the frames tested.
func storyMarks(a *Atlas) (selected, hover geo.Hit) {
	return geo.Hit{Kind: geo.HitTrip, ID: a.Story.Trips[0].ID}, geo.Hit{Kind: geo.HitPlace, ID: a.Story.Places[0].ID}
}

// TestDateStepRecolours: stepping the date across Burundi's withdrawal
// repaints only the countries' fills — the base is not drawn again — and
// the frame is exactly the one a fresh draw of the new date makes through
// the same composition, within recolourTol of a plain draw, with Burundi in
// its new colour. With a country and a trip selected and a country and a
// place hovered, at 1 and 2 px per dp.
func TestDateStepRecolours(t *testing.T) {
	a := loadAtlas(t)
	before, after := day(t, "2017-10-26"), day(t, "2017-10-28")
	burundi := orb.Point{29.9, -3.4}
	for _, tc := range []struct {
		name    string
		v       geo.View
		pxPerDp float64
	}{
		{"world", geo.NewView(geo.EqualEarth{}, 960, 540), 1},
		{"africa-hidpi", func() geo.View {
			v := geo.NewView(geo.EqualEarth{}, 400, 300)
			v.Fit(orb.Bound{Min: geo.Project(v.Proj, orb.Point{10, -20}), Max: geo.Project(v.Proj, orb.Point{60, 15})}, 0)
			return v
		}(), 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := articleOptions()
			o.Selected, o.Hover = "CHN", "RUS"
			o.SelectedMark, o.HoverMark = storyMarks(a)
			counter := &countingLayer{}
			scene := func(d icc.Date) *render.Scene {
				o.Date = d
				s := a.Scene(tc.v, tc.pxPerDp, o)
				s.Base = append(s.Base[:len(s.Base):len(s.Base)], counter)
				return s
			}
			if scene(before).Key != scene(after).Key {
				t.Fatal("the two dates give scenes of different keys: no recolour to test")
			}
			var f render.Frames
			f.Draw(scene(before), tc.v, tc.pxPerDp, true)
			f.Draw(scene(after), tc.v, tc.pxPerDp, true) // draws the base once more, keeping what a recolour needs
			draws := counter.draws
			img, _ := f.Draw(scene(before), tc.v, tc.pxPerDp, true)
			got := image.NewRGBA(img.Rect)
			copy(got.Pix, img.Pix)
			img2, _ := f.Draw(scene(after), tc.v, tc.pxPerDp, true)
			if counter.draws != draws {
				t.Errorf("date steps drew the base layers %d more times, want a recolour", counter.draws-draws)
			}

			// The same composition drawn afresh for the date stepped back to.
			var fresh render.Frames
			fresh.Draw(scene(after), tc.v, tc.pxPerDp, true)
			want, _ := fresh.Draw(scene(before), tc.v, tc.pxPerDp, true)
			if m, n := maxChannelDiff(want, got); n > 0 {
				t.Errorf("recoloured frame differs from a fresh one in %d pixels, by up to %d", n, m)
			}
			// A plain draw, layer after layer.
			plain := image.NewRGBA(got.Rect)
			var r render.Renderer
			r.Draw(plain, scene(before), tc.v, tc.pxPerDp)
			if m, n := maxChannelDiff(plain, got); m > recolourTol {
				t.Errorf("recoloured frame differs from a plain draw in %d pixels, by up to %d (want ≤ %d)", n, m, recolourTol)
			}

			p := tc.v.ToScreen(burundi)
			x, y := int(p[0]*tc.pxPerDp), int(p[1]*tc.pxPerDp)
			if c, want := got.RGBAAt(x, y), nrgba(o.Style.Fill[icc.Party]); c != want {
				t.Errorf("Burundi on %s: %v, want the party colour %v", before.Format(icc.DateLayout), c, want)
			}
			if c, want := img2.RGBAAt(x, y), nrgba(o.Style.Fill[icc.Withdrawn]); c != want {
				t.Errorf("Burundi on %s: %v, want the former party colour %v", after.Format(icc.DateLayout), c, want)
			}
		})
	}
}

// changeDates lists, sorted, every day on which something the map shows
// may change — each country's ICC dates and the story's — and the day
// before each.
func changeDates(a *Atlas) []icc.Date {
	var ds []icc.Date
	add := func(d icc.Date) {
		if !d.IsZero() {
			ds = append(ds, d, d.AddDate(0, 0, -1))
		}
	}
	cs, _ := a.World.Countries(geo.Coarse)
	for _, c := range cs.List {
		if m := a.ICC.Lookup(c.ISO3); m != nil {
			for _, d := range []icc.Date{m.Signed, m.Joined, m.InForce, m.WithdrawalNotified, m.WithdrawalEffective, m.SignatureWithdrawn} {
				add(d)
			}
		}
	}
	for _, d := range a.storyDates {
		add(d)
	}
	slices.SortFunc(ds, func(x, y icc.Date) int { return x.Compare(y) })
	return slices.CompactFunc(ds, func(x, y icc.Date) bool { return x.Equal(y) })
}

// TestDateStepsFollowEveryChange steps one Frames through every day the
// statuses or the story change, and the day before, then back in long steps:
// each frame — recoloured, or redrawn where the story's layers change —
// stays within recolourTol of a plain draw of that date's scene made
// afresh. A story layer that changed with the date without the scene's Key
// saying so would show its old marks here.
func TestDateStepsFollowEveryChange(t *testing.T) {
	a := loadAtlas(t)
	o := articleOptions()
	o.Selected, o.Hover = "RUS", "CHN"
	o.SelectedMark, o.HoverMark = storyMarks(a)
	v := geo.NewView(geo.EqualEarth{}, 320, 180)
	dates := changeDates(a)
	if len(dates) < 40 {
		t.Fatalf("only %d change dates", len(dates))
	}
	var back []icc.Date // every third date, backwards: long steps
	for i := len(dates) - 1; i >= 0; i -= 3 {
		back = append(back, dates[i])
	}
	// The plain draws are of scenes made afresh for each date, by an atlas
	// that keeps no layers between them.
	ref, err := New(a.World)
	if err != nil {
		t.Fatal(err)
	}
	var f render.Frames
	var r render.Renderer
	plain := image.NewRGBA(image.Rect(0, 0, 320, 180))
	for _, d := range append(dates, back...) {
		o.Date = d
		got, _ := f.Draw(a.Scene(v, 1, o), v, 1, true)
		ref.lastBase = nil
		r.Draw(plain, ref.Scene(v, 1, o), v, 1)
		if m, n := maxChannelDiff(plain, got); m > recolourTol {
			t.Fatalf("%s: frame differs from a plain draw in %d pixels, by up to %d (want ≤ %d)", d.Format(icc.DateLayout), n, m, recolourTol)
		}
	}
}

// TestOnePassMatchesBaseThenOverlay: Draw paints the base and the overlay in
// one pass over the bands of the image; the picture is byte for byte the base
// drawn whole and the overlay over it, and the first frame of Frames (which
// copies the base band by band under its overlay) is that picture too — on
// one core and in bands on four.
func TestOnePassMatchesBaseThenOverlay(t *testing.T) {
	a := loadAtlas(t)
	o := articleOptions()
	o.Selected, o.Hover = "CHN", "RUS"
	v := geo.NewView(geo.EqualEarth{}, 1280, 720)
	s := a.Scene(v, 1, o)
	want := image.NewRGBA(image.Rect(0, 0, 1280, 720))
	var r render.Renderer
	r.DrawBase(want, want.Rect, s, v, 1)
	r.DrawOverlay(want, want.Rect, s, v, 1)
	for _, procs := range []int{1, 4} {
		prev := runtime.GOMAXPROCS(procs)
		got := image.NewRGBA(want.Rect)
		var r render.Renderer
		r.Draw(got, s, v, 1)
		if n := differentPixels(want, got); n != 0 {
			t.Errorf("%d cores: Draw differs from base then overlay in %d pixels", procs, n)
		}
		var f render.Frames
		frame, _ := f.Draw(s, v, 1, true)
		if n := differentPixels(want, frame); n != 0 {
			t.Errorf("%d cores: the first frame differs from base then overlay in %d pixels", procs, n)
		}
		runtime.GOMAXPROCS(prev)
	}
}

// differentPixels counts the pixels whose bytes differ between two images of
// the same size.
func differentPixels(a, b *image.RGBA) int {
	n := 0
	for i := 0; i+3 < len(a.Pix) && i+3 < len(b.Pix); i += 4 {
		if [4]byte(a.Pix[i:i+4]) != [4]byte(b.Pix[i:i+4]) {
			n++
		}
	}
	return n
}

// TestSameInAnyStrips draws the scene of each benchmark frame (every
// layer, a selection and a hover) at once and again strip by strip, each
// strip cut into its own bands with its own bins (see render.frame): the
// pictures are the same, as they must be for an export on any number of
// cores and for the strips a pan draws. The strips' edges fall at random
// rows, so a band's edge lands inside countries, borders and thick
// outlines.
func TestSameInAnyStrips(t *testing.T) {
	a := loadAtlas(t)
	rng := rand.New(rand.NewPCG(5, 8))
	for _, f := range benchFrames() {
		o := articleOptions()
		o.Selected, o.Hover = "CHN", "RUS"
		s := a.Scene(f.v, f.pxPerDp, o)
		rect := image.Rect(0, 0, int(f.v.Width*f.pxPerDp), int(f.v.Height*f.pxPerDp))
		whole := image.NewRGBA(rect)
		var r render.Renderer
		r.Draw(whole, s, f.v, f.pxPerDp)
		strips := image.NewRGBA(rect)
		for y0 := 0; y0 < rect.Dy(); {
			y1 := min(rect.Dy(), y0+1+rng.IntN(rect.Dy()/3))
			clip := image.Rect(0, y0, rect.Dx(), y1)
			r.DrawBase(strips, clip, s, f.v, f.pxPerDp)
			r.DrawOverlay(strips, clip, s, f.v, f.pxPerDp)
			y0 = y1
		}
		// A pixel may round the other way (by one level) where an edge's
		// cells sum in another order, as in TestThickStrokeBandsMatchWhole.
		if m, n := maxChannelDiff(whole, strips); m > 1 {
			t.Errorf("%s: drawn in strips, %d pixels differ from the whole draw, by up to %d", f.name, n, m)
		}
	}
}
