package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// TestGlobeLayerNoFarSide: a globe's layer holds nothing behind the horizon:
// every point lies on the disc, countries on the far side have no polygons,
// and those in front keep theirs.
func TestGlobeLayerNoFarSide(t *testing.T) {
	w := loadWorld(t)
	o := Orthographic{100, 35}
	for _, lvl := range []Level{Coarse, Fine} {
		l := w.Layer(o, lvl)
		for _, p := range l.Polys {
			for _, r := range p.Rings {
				for _, q := range r {
					if !finite(q) || q[0]*q[0]+q[1]*q[1] > 1+1e-9 {
						t.Fatalf("%s: %s has point %v off the disc", lvl, l.Countries.List[p.Country].ISO3, q)
					}
				}
			}
		}
		for _, iso := range []string{"BRA", "ARG", "MEX", "CHL", "CUB"} {
			if ci, ok := l.Countries.Index(iso); ok && len(l.ByCountry[ci]) != 0 {
				t.Errorf("%s: %s, on the far side, has %d polygons", lvl, iso, len(l.ByCountry[ci]))
			}
		}
		for _, iso := range []string{"CHN", "MNG", "IND", "KAZ", "RUS", "JPN"} {
			if ci, _ := l.Countries.Index(iso); len(l.ByCountry[ci]) == 0 {
				t.Errorf("%s: %s, in front, has no polygons", lvl, iso)
			}
		}
		if l.Outline.Bound() != (orb.Bound{Min: orb.Point{-1, -1}, Max: orb.Point{1, 1}}) {
			t.Errorf("outline bound %v, want the unit disc's", l.Outline.Bound())
		}
	}
}

// TestGlobeHitTest: hit-testing the globe finds the country under a near-side
// point and nothing off the disc, where the far side would be.
func TestGlobeHitTest(t *testing.T) {
	w := loadWorld(t)
	o := Orthographic{100, 35}
	v := NewView(o, 1000, 700)
	for _, lvl := range []Level{Coarse, Fine} {
		l := w.Layer(o, lvl)
		for _, c := range []struct {
			ll  orb.Point
			iso string
		}{
			{orb.Point{116.40, 39.90}, "CHN"}, // Beijing
			{orb.Point{37.62, 55.75}, "RUS"},  // Moscow, near the limb
			{orb.Point{106.9, 47.9}, "MNG"},   // Ulaanbaatar
			{orb.Point{139.7, 35.7}, "JPN"},   // Tokyo
			{orb.Point{90, 5}, ""},            // Bay of Bengal
		} {
			got := ""
			if ci, ok := v.HitTest(l, v.ToScreen(c.ll)); ok {
				got = l.Countries.List[ci].ISO3
			}
			if got != c.iso {
				t.Errorf("%s: hit at %v = %q, want %q", lvl, c.ll, got, c.iso)
			}
		}
		// Off the disc: nothing, in every direction, a little way out.
		centre := v.ProjectedToScreen(orb.Point{0, 0})
		r := v.Scale()
		for a := 0.0; a < 360; a += 5 {
			s, co := math.Sincos(a * deg)
			at := orb.Point{centre[0] + co*(r+2*HitToleranceDp), centre[1] - s*(r+2*HitToleranceDp)}
			if ci, ok := v.HitTest(l, at); ok {
				t.Errorf("%s: hit %s off the disc at %v°", lvl, l.Countries.List[ci].ISO3, a)
			}
			if _, ok := v.FromScreen(at); ok {
				t.Errorf("FromScreen off the disc at %v° ok", a)
			}
		}
	}
}

// TestGrab: a globe turned by Grab puts the grabbed point where asked, when a
// turn can, and keeps north up (the centre's meridian is vertical).
func TestGrab(t *testing.T) {
	r := newRand(7)
	for i := 0; i < 5000; i++ {
		o := Orthographic{r.Float64()*360 - 180, r.Float64()*160 - 80}
		// A visible point, and a target a short drag away.
		var ll orb.Point
		var x, y float64
		for {
			ll = orb.Point{r.Float64()*360 - 180, r.Float64()*170 - 85}
			if x, y = o.Forward(ll[0], ll[1]); !math.IsNaN(x) && x*x+y*y < 0.8 {
				break
			}
		}
		to := orb.Point{x + (r.Float64()-0.5)*0.2, y + (r.Float64()-0.5)*0.2}
		g := o.Grab(ll, to)
		gx, gy := g.Forward(ll[0], ll[1])
		if math.IsNaN(gx) {
			t.Fatalf("%v.Grab(%v, %v) = %v hides the point", o, ll, to, g)
		}
		exact := math.Hypot(gx-to[0], gy-to[1]) < 1e-9
		if !exact && math.Abs(g.Lat0) < 90 {
			// Only a pole in the way may stop the point short: then the
			// grabbed point cannot reach x (|x| ≤ cos φ).
			if math.Abs(to[0]) <= math.Cos(ll[1]*deg)-1e-9 && to[0]*to[0]+to[1]*to[1] < 1 {
				t.Fatalf("%v.Grab(%v, %v) = %v puts it at (%v, %v)", o, ll, to, g, gx, gy)
			}
		}
		// A short drag turns the globe a little, unless near a pole or the
		// limb, where a small move on the screen is a large turn.
		inner := x*x+y*y < 0.5 && to[0]*to[0]+to[1]*to[1] < 0.5 && math.Abs(ll[1]) < 60
		if d := centralAngle(orb.Point{o.Lon0, o.Lat0}, orb.Point{g.Lon0, g.Lat0}); exact && inner && d > 0.5 {
			t.Fatalf("%v.Grab(%v, %v) = %v: the centre jumped %v rad", o, ll, to, g, d)
		}
	}
	// NaN in, the globe unchanged.
	if g := DefaultGlobe.Grab(orb.Point{math.NaN(), 0}, orb.Point{0, 0}); g != DefaultGlobe {
		t.Errorf("Grab(NaN) = %v", g)
	}
}

// TestViewTurn: turning a view's globe keeps the grabbed point under the
// pointer; a view of a flat map does not turn.
func TestViewTurn(t *testing.T) {
	v := NewView(DefaultGlobe, 1000, 700)
	from := orb.Point{500, 350}
	ll, ok := v.Grab(from)
	if !ok {
		t.Fatal("nothing to grab at the centre")
	}
	for _, to := range []orb.Point{{560, 350}, {620, 300}, {380, 420}, {500, 100}} {
		if !v.Turn(ll, to) {
			t.Fatal("Turn on a globe returned false")
		}
		if got := v.ToScreen(ll); math.Hypot(got[0]-to[0], got[1]-to[1]) > 1e-6 {
			t.Errorf("after Turn to %v the grabbed point is at %v", to, got)
		}
	}
	if v.Center != (orb.Point{0, 0}) || v.Zoom != 0 {
		t.Errorf("Turn moved the view: centre %v zoom %v", v.Center, v.Zoom)
	}
	// Off the disc, the nearest point of the horizon is grabbed.
	if ll, ok := v.Grab(orb.Point{999, 350}); !ok {
		t.Error("Grab off the disc: want the horizon point")
	} else if x, y := v.Proj.Forward(ll[0], ll[1]); math.Abs(math.Hypot(x, y)-1) > 1e-6 {
		t.Errorf("Grab off the disc gave %v at (%v, %v), want the horizon", ll, x, y)
	}
	flat := NewView(EqualEarth{}, 1000, 700)
	if flat.Turn(orb.Point{0, 0}, orb.Point{10, 10}) {
		t.Error("Turn on Equal Earth returned true")
	}
}

// TestSetProjectionGlobe: switching to the globe shows the whole globe
// centred from the whole world; zoomed in, it keeps the place at the centre
// if the globe shows it, and centres the globe if not.
func TestSetProjectionGlobe(t *testing.T) {
	v := NewView(EqualEarth{}, 1000, 700)
	v.SetProjection(DefaultGlobe)
	if v.Proj != DefaultGlobe || v.Center != (orb.Point{0, 0}) {
		t.Errorf("whole world → globe: %v centre %v", v.Proj.Name(), v.Center)
	}
	v.SetProjection(EqualEarth{})
	v.Fit(orb.MultiPoint{Project(EqualEarth{}, orb.Point{70, 40}), Project(EqualEarth{}, orb.Point{80, 45})}.Bound(), 0)
	want, _ := v.FromScreen(orb.Point{500, 350})
	v.SetProjection(DefaultGlobe)
	if got, ok := v.FromScreen(orb.Point{500, 350}); !ok || math.Abs(got[0]-want[0]) > 1e-9 || math.Abs(got[1]-want[1]) > 1e-9 {
		t.Errorf("zoomed in → globe: %v at the centre, want %v", got, want)
	}
	v.SetProjection(WebMercator{})
	if got, _ := v.FromScreen(orb.Point{500, 350}); math.Abs(got[0]-want[0]) > 1e-9 || math.Abs(got[1]-want[1]) > 1e-9 {
		t.Errorf("globe → Web Mercator centre %v, want %v", got, want)
	}
	// Zoomed in on the far side of the globe: the globe is centred.
	v.SetProjection(EqualEarth{})
	v.Center = Project(EqualEarth{}, orb.Point{-60, -10})
	v.SetProjection(DefaultGlobe)
	if v.Center != (orb.Point{0, 0}) {
		t.Errorf("zoomed in on Brazil → globe facing Asia: centre %v, want the globe's", v.Center)
	}
}

// TestWorldLayerCacheBounded: turning the globe does not pile up layers.
func TestWorldLayerCacheBounded(t *testing.T) {
	w := loadWorld(t)
	w.Layer(EqualEarth{}, Coarse)
	for i := 0; i < 40; i++ {
		o := Orthographic{float64(i), 35}
		if l := w.Layer(o, Coarse); l.Proj != o {
			t.Fatalf("Layer(%s) is for %s", o.Name(), l.Proj.Name())
		}
	}
	w.mu.Lock()
	n := len(w.layers)
	w.mu.Unlock()
	if n != 2 {
		t.Errorf("%d layers cached after 40 turns of the globe, want 2 (Equal Earth's and the last globe's)", n)
	}
}

// TestMarksOffMap: marks on the globe's far side (NaN) cannot be hit.
func TestMarksOffMap(t *testing.T) {
	var m Marks
	nan := math.NaN()
	m.AddPoint(HitPlace, "hidden", orb.Point{nan, nan})
	m.AddLine(HitTrip, "half", []orb.LineString{{{-1, -1}, {-0.9, -1}, {nan, nan}, {0.5, 0.5}, {0.6, 0.5}}})
	m.Index(orb.Bound{Min: orb.Point{-1, -1}, Max: orb.Point{1, 1}})
	if h, ok := m.Nearest(orb.Point{-1, -1}, 0.01, nil); !ok || h.ID != "half" {
		t.Errorf("at the line's visible start: %v %v, want the trip", h, ok)
	}
	if h, ok := m.Nearest(orb.Point{0, -0.25}, 0.05, nil); ok {
		t.Errorf("between the two visible parts: %v, want nothing", h)
	}
	if h, ok := m.Nearest(orb.Point{0.55, 0.5}, 0.01, nil); !ok || h.ID != "half" {
		t.Errorf("on the second part: %v %v, want the trip", h, ok)
	}
}

// FuzzOrthographicClip clips a lon/lat box, with or without a hole, to a
// globe of any centre and checks the result against Inverse: the clipped
// rings lie on the disc, are closed, and cover a sample point of the disc
// exactly when the point it shows lies in the box (away from its edges, where
// a 5°-sampled edge drawn straight on the disc parts from the true parallel).
func FuzzOrthographicClip(f *testing.F) {
	f.Add(90.0, 35.0, 30.0, -30.0, 120.0, 60.0, false)
	f.Add(0.0, 0.0, 30.0, -30.0, 120.0, 60.0, true)
	f.Add(0.0, 90.0, -180.0, 40.0, 170.0, 30.0, true)
	f.Add(-100.0, -89.0, 170.0, -80.0, 20.0, 70.0, false)
	f.Add(10.0, 0.0, 95.0, -10.0, 10.0, 20.0, false)
	f.Fuzz(func(t *testing.T, lon0, lat0, lon, lat, width, height float64, hole bool) {
		for _, v := range []float64{lon0, lat0, lon, lat, width, height} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return
			}
		}
		lon0 = math.Remainder(lon0, 360)
		lat0 = math.Max(-90, math.Min(90, lat0))
		lon = math.Remainder(lon, 360)
		lat = math.Max(-80, math.Min(79, lat))
		width = math.Max(2, math.Min(170, math.Abs(width)))
		height = math.Max(2, math.Min(80-lat, math.Abs(height)))
		poly := orb.Polygon{box(lon, lat, lon+width, lat+height, false)}
		inHole := func(float64, float64) bool { return false }
		if hole && width > 8 && height > 8 {
			hl, hb, hw, hh := lon+width/4, lat+height/4, width/2, height/2
			poly = append(poly, box(hl, hb, hl+hw, hb+hh, true))
			inHole = func(dlon, dlat float64) bool {
				return dlon > width/4 && dlon < width*3/4 && dlat > height/4 && dlat < height*3/4
			}
		}
		o := Orthographic{lon0, lat0}
		rings := o.ClipPolygon(poly)
		for _, r := range rings {
			if len(r) < 4 || r[0] != r[len(r)-1] {
				t.Fatalf("ring of %d points, closed %v", len(r), len(r) > 0 && r[0] == r[len(r)-1])
			}
			for _, q := range r {
				if !finite(q) || q[0]*q[0]+q[1]*q[1] > 1+1e-9 {
					t.Fatalf("point %v off the disc", q)
				}
			}
		}
		// The box's edges are chords of 5° steps; near the poles a parallel
		// and its chords part by more, so the margin grows with latitude.
		forDiscSamples(o, 24, func(p orb.Point, plon, plat float64) {
			dlon := math.Mod(plon-lon+720, 360)
			dlat := plat - lat
			margin := 0.05 + 0.15/math.Max(0.05, math.Cos((math.Abs(lat)+height)*deg))
			near := func(v, a, b float64) bool { return math.Abs(v-a) < margin || math.Abs(v-b) < margin }
			if near(dlon, 0, width) || near(dlat, 0, height) || dlon > 360-margin {
				return
			}
			if hole && width > 8 && height > 8 && (near(dlon, width/4, width*3/4) || near(dlat, height/4, height*3/4)) {
				return
			}
			// Edges are drawn straight between projected points, and near
			// the rim the globe bends a 5° edge away from its chord.
			if nearEdge(rings, p, 0.01) {
				return
			}
			want := dlon < width && dlat > 0 && dlat < height && !inHole(dlon, dlat)
			if got := winding(rings, p) != 0; got != want {
				t.Fatalf("globe %v, box lon %v+%v lat %v+%v hole %v: at %v (%v, %v) filled %v, want %v",
					o, lon, width, lat, height, hole, p, plon, plat, got, want)
			}
		})
	})
}

// nearEdge reports whether p lies within d of an edge of rings.
func nearEdge(rings []orb.Ring, p orb.Point, d float64) bool {
	for _, r := range rings {
		for i := 1; i < len(r); i++ {
			if segmentDistance2(p, segment{r[i-1][0], r[i-1][1], r[i][0], r[i][1]}) < d*d {
				return true
			}
		}
	}
	return false
}

// TestGlobeLayerMatchesLonLat compares the globe's clipped 1:110m layer with
// an independent answer over a grid of centres: each sample point of the disc
// taken back to lon/lat with Inverse and hit-tested on a plate carrée layer.
// The centres include those whose horizon cuts Sudan's thin spike at
// 24.6°E 8.2°N, whose edges cross when read as great circles: once the ring
// was closed there with the whole limb, painting the disc as Sudan.
func TestGlobeLayerMatchesLonLat(t *testing.T) {
	cs := coarseCountries(t)
	flat := NewLayer(cs, Equirectangular{})
	centres := []Orthographic{{120, 35}, {-10, -80}, {115, 5}, {-70, 25}, {170, 80}}
	for lat0 := -90.0; lat0 <= 90; lat0 += 30 {
		for lon0 := -180.0; lon0 < 180; lon0 += 30 {
			centres = append(centres, Orthographic{lon0, lat0})
		}
	}
	for _, o := range centres {
		l := NewLayer(cs, o)
		wrong := 0
		forDiscSamples(o, 32, func(p orb.Point, lon, lat float64) {
			want, land := flat.HitTest(Project(Equirectangular{}, orb.Point{lon, lat}))
			got, hit := l.HitTest(p)
			if land != hit || land && want != got {
				wrong++
			}
		})
		// Coasts drawn straight on the globe and straight in lon/lat part by
		// a hair: a few samples of 800 may disagree, a wrong fill many more.
		if wrong > 6 {
			t.Errorf("%s: %d of ~800 samples disagree with the lon/lat hit test", o.Name(), wrong)
		}
	}
}

// TestSetProjectionFromGlobe: leaving a turned globe at zoom 0 shows the
// whole flat map, centred.
func TestSetProjectionFromGlobe(t *testing.T) {
	v := NewView(Orthographic{150, 50}, 1000, 700)
	v.SetProjection(WebMercator{})
	if v.Center != (orb.Point{0, 0}) {
		t.Errorf("globe → Web Mercator at zoom 0: centre %v, want the map's centre", v.Center)
	}
}

// forDiscSamples calls f with the centres of an n×n grid of cells over the
// unit square that lie on o's disc, with the lon/lat each shows.
func forDiscSamples(o Orthographic, n int, f func(p orb.Point, lon, lat float64)) {
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			p := orb.Point{(float64(i)+0.5)/float64(n)*2 - 1, (float64(j)+0.5)/float64(n)*2 - 1}
			if lon, lat, ok := o.Inverse(p[0], p[1]); ok {
				f(p, lon, lat)
			}
		}
	}
}

// TestFocusBoundOf: one country's focus bound, projected alone, is the one
// its layer gives; on the far side of a globe it is the zero bound.
func TestFocusBoundOf(t *testing.T) {
	cs := coarseCountries(t)
	for _, p := range []Projection{EqualEarth{}, Orthographic{100, 35}} {
		l := NewLayer(cs, p)
		for _, iso := range []string{"FRA", "CHN", "RUS", "JPN"} {
			i, _ := cs.Index(iso)
			if got, want := FocusBoundOf(cs, i, p), l.FocusBound[i]; got != want {
				t.Errorf("%s %s: %v, want %v", p.Name(), iso, got, want)
			}
		}
	}
	i, _ := cs.Index("BRA")
	if b := FocusBoundOf(cs, i, Orthographic{100, 35}); !b.IsZero() {
		t.Errorf("Brazil behind the globe: %v, want the zero bound", b)
	}
}

// TestGlobeSeamsNotStroked: where Antarctica and Russia were cut at the ±180°
// meridian, the globe shows no border: the seam's segments are marked Dup on
// both sides, and only there.
func TestGlobeSeamsNotStroked(t *testing.T) {
	cs := coarseCountries(t)
	for _, c := range []struct {
		iso string
		o   Orthographic
	}{{"ATA", Orthographic{180, -70}}, {"RUS", Orthographic{180, 65}}} {
		l := NewLayer(cs, c.o)
		ci, _ := cs.Index(c.iso)
		seam, kept := 0, 0
		for _, pi := range l.ByCountry[ci] {
			p := &l.Polys[pi]
			for ri, r := range p.Rings {
				for i := 1; i < len(r); i++ {
					lon, _, ok := c.o.Inverse(r[i-1][0], r[i-1][1])
					lon2, _, ok2 := c.o.Inverse(r[i][0], r[i][1])
					onMeridian := ok && ok2 && math.Abs(math.Abs(lon)-180) < 1e-6 && math.Abs(math.Abs(lon2)-180) < 1e-6
					if onMeridian && !p.Dup[ri][i] {
						kept++
					}
					if onMeridian && p.Dup[ri][i] {
						seam++
					}
				}
			}
		}
		if seam == 0 || kept != 0 {
			t.Errorf("%s: %d seam segments hidden, %d still stroked", c.iso, seam, kept)
		}
	}
	// A flat map keeps its ±180° edges: they are its outline.
	l := NewLayer(cs, EqualEarth{})
	ci, _ := cs.Index("ATA")
	for _, pi := range l.ByCountry[ci] {
		for _, dup := range l.Polys[pi].Dup {
			for _, d := range dup {
				if d {
					t.Fatal("Equal Earth: part of Antarctica's edge marked as a seam")
				}
			}
		}
	}
}

func TestOnAntimeridian(t *testing.T) {
	for _, o := range []Orthographic{{180, 0}, {150, 60}, {-170, -40}, {100, 35}} {
		on := o.onAntimeridian()
		for lat := -89.0; lat <= 89; lat += 4 {
			for _, lon := range []float64{180, -180, 175, -178} {
				x, y := o.Forward(lon, lat)
				if math.IsNaN(x) {
					continue
				}
				if got, want := on(orb.Point{x, y}), math.Abs(lon) == 180; got != want {
					t.Errorf("%s: (%v, %v) on the ±180° meridian: %v, want %v", o.Name(), lon, lat, got, want)
				}
			}
		}
	}
}
