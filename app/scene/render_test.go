package scene

import (
	"image"
	"image/color"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

var testAtlas struct {
	once sync.Once
	a    *Atlas
	err  error
}

// loadAtlas is the scene maker of the embedded world, loaded once per test binary.
func loadAtlas(t testing.TB) *Atlas {
	t.Helper()
	testAtlas.once.Do(func() {
		w, err := geo.LoadWorldSync()
		if err != nil {
			testAtlas.err = err
			return
		}
		testAtlas.a, testAtlas.err = New(w)
	})
	if testAtlas.err != nil {
		t.Fatal(testAtlas.err)
	}
	return testAtlas.a
}

// articleOptions is what the window shows at start: every layer on the
// article's date, in the light style.
func articleOptions() Options {
	return Options{Date: icc.ArticleDate, Layers: AllLayers, Style: render.LightStyle()}
}

// drawWorld renders the article-date scene of the whole world at w×h dp and pxPerDp.
func drawWorld(t testing.TB, a *Atlas, p geo.Projection, w, h int, pxPerDp float64, sel string) (*image.RGBA, geo.View) {
	v := geo.NewView(p, float64(w), float64(h))
	img := image.NewRGBA(image.Rect(0, 0, int(float64(w)*pxPerDp), int(float64(h)*pxPerDp)))
	o := articleOptions()
	o.Selected = sel
	var r render.Renderer
	r.Draw(img, a.Scene(v, pxPerDp, o), v, pxPerDp)
	return img, v
}

func TestGoldenWorld(t *testing.T) {
	a := loadAtlas(t)
	for _, p := range geo.Projections {
		t.Run(p.Name(), func(t *testing.T) {
			img, _ := drawWorld(t, a, p, 1280, 720, 1, "")
			assertGolden(t, "world-"+p.Name()+"-1280x720", img)
		})
	}
	t.Run("selected-china-hidpi", func(t *testing.T) {
		img, _ := drawWorld(t, a, geo.EqualEarth{}, 640, 360, 2, "CHN")
		assertGolden(t, "world-equal-earth-640x360@2-CHN", img)
	})
	// The story's region, every layer, a trip selected and a corridor
	// hovered, on the light and the dark map.
	for _, c := range []struct {
		name  string
		style render.Style
	}{{"light", render.LightStyle()}, {"dark", render.DarkStyle()}} {
		t.Run("story-"+c.name, func(t *testing.T) {
			v := storyView(1280, 720)
			o := articleOptions()
			o.Style = c.style
			o.SelectedMark = geo.Hit{Kind: geo.HitTrip, ID: "putin-2023-beijing"}
			o.HoverMark = geo.Hit{Kind: geo.HitCorridor, ID: "china-pakistan"}
			img := image.NewRGBA(image.Rect(0, 0, 1280, 720))
			var r render.Renderer
			r.Draw(img, a.Scene(v, 1, o), v, 1)
			assertGolden(t, "story-"+c.name+"-1280x720", img)
		})
	}
}

// storyView is a w×h dp view of the story's region, from The Hague to Beijing.
func storyView(w, h float64) geo.View {
	v := geo.NewView(geo.EqualEarth{}, w, h)
	v.Fit(orb.Bound{Min: geo.Project(v.Proj, orb.Point{0, 5}), Max: geo.Project(v.Proj, orb.Point{125, 60})}, 10)
	return v
}

func near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(a.R, b.R) <= tol && d(a.G, b.G) <= tol && d(a.B, b.B) <= tol
}

func nrgba(c color.NRGBA) color.RGBA { return color.RGBA{c.R, c.G, c.B, 255} }

// TestFillsByStatus checks the colour under the article's places: the fill of
// the status each country had on 17 October 2023.
func TestFillsByStatus(t *testing.T) {
	a := loadAtlas(t)
	st := render.LightStyle()
	v := geo.NewView(geo.EqualEarth{}, 1280, 720)
	img := image.NewRGBA(image.Rect(0, 0, 1280, 720))
	o := articleOptions()
	o.Layers = ICC | Graticule // no markers over the places
	var r render.Renderer
	r.Draw(img, a.Scene(v, 1, o), v, 1)
	cases := []struct {
		name string
		ll   orb.Point
		want color.NRGBA
	}{
		{"Beijing (China, not a party)", orb.Point{116.4, 39.9}, st.Fill[icc.NonParty]},
		{"Bishkek (Kyrgyzstan, signatory)", orb.Point{74.59, 42.87}, st.Fill[icc.Signatory]},
		{"Brazil (party)", orb.Point{-50, -10}, st.Fill[icc.Party]},
		{"Luzon (Philippines, former party)", orb.Point{121.0, 16.5}, st.Fill[icc.Withdrawn]},
		{"mid-Pacific (ocean, off the graticule)", orb.Point{-140, 10}, st.Ocean},
	}
	for _, c := range cases {
		s := v.ToScreen(c.ll)
		got := img.RGBAAt(int(s[0]), int(s[1]))
		if !near(got, nrgba(c.want), 2) {
			t.Errorf("%s: pixel %v, want %v", c.name, got, c.want)
		}
	}
	// Outside the Equal Earth outline (the top-left corner) is background.
	if got := img.RGBAAt(2, 2); !near(got, nrgba(st.Background), 0) {
		t.Errorf("corner pixel %v, want background %v", got, st.Background)
	}
}

// TestSelectionOutlined: selecting China draws its outline colour on its border.
func TestSelectionOutlined(t *testing.T) {
	a := loadAtlas(t)
	st := render.LightStyle()
	plain, _ := drawWorld(t, a, geo.EqualEarth{}, 800, 450, 1, "")
	sel, _ := drawWorld(t, a, geo.EqualEarth{}, 800, 450, 1, "CHN")
	outline := 0
	changed := 0
	for i := 0; i < len(sel.Pix); i += 4 {
		a := color.RGBA{sel.Pix[i], sel.Pix[i+1], sel.Pix[i+2], 255}
		b := color.RGBA{plain.Pix[i], plain.Pix[i+1], plain.Pix[i+2], 255}
		if a != b {
			changed++
		}
		if near(a, nrgba(st.Selected), 10) {
			outline++
		}
	}
	if outline < 200 {
		t.Errorf("%d pixels in the selection colour, want a visible outline (≥ 200)", outline)
	}
	if changed > len(sel.Pix)/4/10 {
		t.Errorf("selecting China changed %d pixels, more than a tenth of the map", changed)
	}
}

// TestDrawIsRepeatable: the same scene gives the same bytes with a reused renderer.
func TestDrawIsRepeatable(t *testing.T) {
	at := loadAtlas(t)
	v := geo.NewView(geo.EqualEarth{}, 640, 360)
	o := articleOptions()
	o.Hover = "BRA"
	s := at.Scene(v, 1, o)
	var r render.Renderer
	a := image.NewRGBA(image.Rect(0, 0, 640, 360))
	b := image.NewRGBA(image.Rect(0, 0, 640, 360))
	r.Draw(a, s, v, 1)
	r.Draw(b, s, v, 1)
	if string(a.Pix) != string(b.Pix) {
		t.Error("two draws of one scene differ")
	}
}

// TestZoomedDrawStaysInBounds draws at the maximum zoom over the antimeridian,
// where most geometry is far off-screen and must be clipped, not crash.
func TestZoomedDrawStaysInBounds(t *testing.T) {
	a := loadAtlas(t)
	for _, p := range geo.Projections {
		v := geo.NewView(p, 400, 300)
		v.Center = geo.Project(p, orb.Point{179.5, 65})
		v.Zoom = geo.MaxZoom
		img := image.NewRGBA(image.Rect(0, 0, 400, 300))
		st := render.LightStyle()
		o := articleOptions()
		o.Selected = "RUS"
		fine := geo.Fine
		o.Level = &fine
		var r render.Renderer
		r.Draw(img, a.Scene(v, 1, o), v, 1)
		c := v.ToScreen(orb.Point{178, 66})
		if got := img.RGBAAt(int(c[0]), int(c[1])); near(got, nrgba(st.Ocean), 2) {
			t.Errorf("%s: Chukotka at (178°E, 66°N) drawn as ocean", p.Name())
		}
	}
}

// TestRendererHasNoFyne enforces the import rule: geo, the renderer, the
// scene assembly, the export and the command line never import Fyne.
func TestRendererHasNoFyne(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "articleatlas/geo", "articleatlas/app/render", "articleatlas/app/scene", "articleatlas/app/export", "articleatlas/app/cli").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "fyne.io/") {
			t.Errorf("imports %s", line)
		}
	}
}

// TestGlobeSelectionOnFarSide: a country selected and hovered while it is on
// the far side of the globe (no geometry there) draws without panicking —
// the globe turned away from China with China selected.
func TestGlobeSelectionOnFarSide(t *testing.T) {
	a := loadAtlas(t)
	for _, level := range []geo.Level{geo.Coarse, geo.Fine} {
		v := geo.NewView(geo.Orthographic{Lon0: -80, Lat0: -20}, 640, 360)
		ly := a.World.Layer(v.Proj, level)
		ci, ok := ly.Countries.Index("CHN")
		if !ok {
			t.Fatal("no CHN in the layer")
		}
		if n := len(ly.ByCountry[ci]); n != 0 {
			t.Fatalf("China has %d polygons on the far side of the globe; the test needs none", n)
		}
		lv := level
		o := Options{Date: icc.ArticleDate, Selected: "CHN", Hover: "CHN", Layers: AllLayers, Style: render.LightStyle(), Level: &lv}
		img := image.NewRGBA(image.Rect(0, 0, 640, 360))
		var r render.Renderer
		r.Draw(img, a.Scene(v, 1, o), v, 1)
	}
}
