package render_test

// The SVG painter on the app's own scenes (scene.New of the embedded world):
// the document's groups, countries and texts, and an independent renderer
// (rsvg-convert) drawing it like the raster painter.

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/app/scene"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

var svgAtlas struct {
	once sync.Once
	a    *scene.Atlas
	err  error
}

// loadSVGAtlas is the scene maker of the embedded world, loaded once.
func loadSVGAtlas(t testing.TB) *scene.Atlas {
	t.Helper()
	svgAtlas.once.Do(func() {
		w, err := geo.LoadWorldSync()
		if err != nil {
			svgAtlas.err = err
			return
		}
		svgAtlas.a, svgAtlas.err = scene.New(w)
	})
	if svgAtlas.err != nil {
		t.Fatal(svgAtlas.err)
	}
	return svgAtlas.a
}

// storySVGView is a w×h dp view of the story's region, from The Hague to
// Beijing, where every story layer shows.
func storySVGView(w, h float64) geo.View {
	v := geo.NewView(geo.EqualEarth{}, w, h)
	v.Fit(orb.Bound{Min: geo.Project(v.Proj, orb.Point{0, 5}), Max: geo.Project(v.Proj, orb.Point{125, 60})}, 10)
	return v
}

// svgElement is one element of a parsed document, with the id of the
// outermost group (the layer) it lies in.
type svgElement struct {
	name  string
	attr  map[string]string
	title string // its <title> child's text
	text  string // its own character data
	layer string
}

// parseSVGElements parses doc (failing t if it is not well-formed) into
// its elements in document order.
func parseSVGElements(t *testing.T, doc []byte) []*svgElement {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	var out, stack []*svgElement
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("SVG does not parse: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &svgElement{name: tok.Name.Local, attr: map[string]string{}}
			for _, a := range tok.Attr {
				e.attr[a.Name.Local] = a.Value
			}
			// stack[0] is <svg>; stack[1], if a group, is a layer.
			if len(stack) >= 2 && stack[1].name == "g" {
				e.layer = stack[1].attr["id"]
			}
			out = append(out, e)
			stack = append(stack, e)
		case xml.CharData:
			if n := len(stack); n > 0 {
				if top := stack[n-1]; top.name == "title" && n > 1 {
					stack[n-2].title += string(tok)
				} else {
					top.text += string(tok)
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

// TestSVGOfStoryScene writes the window's start scene (every layer, the
// article's date, China selected) as SVG and checks it: valid XML, one
// group per layer in drawing order, every country a path with its code and
// a tooltip, names as <text>, Xi's visit dashed, and no coordinate with
// more than one decimal; and that writing it again gives the same bytes.
// ATLAS_SVG_OUT names a folder to write it to.
func TestSVGOfStoryScene(t *testing.T) {
	a := loadSVGAtlas(t)
	v := storySVGView(1280, 720)
	o := scene.Options{Date: icc.ArticleDate, Layers: scene.AllLayers, Style: render.LightStyle(), Selected: "CHN"}
	sc := a.Scene(v, 1.5, o)
	var buf bytes.Buffer
	if err := render.WriteSVG(&buf, sc, v, 1.5, 1920, 1080, render.SVGDoc{Title: "Putin in Beijing", Desc: "ICC members on 17 October 2023"}); err != nil {
		t.Fatal(err)
	}
	doc := buf.Bytes()
	var again bytes.Buffer
	if err := render.WriteSVG(&again, a.Scene(v, 1.5, o), v, 1.5, 1920, 1080, render.SVGDoc{Title: "Putin in Beijing", Desc: "ICC members on 17 October 2023"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(doc, again.Bytes()) {
		t.Error("the same scene written twice gives different bytes")
	}
	if dir := os.Getenv("ATLAS_SVG_OUT"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, "svg-story.svg"), doc, 0o644); err != nil {
			t.Error(err)
		}
	}
	render.CheckSVGWellFormed(t, doc)
	els := parseSVGElements(t, doc)
	t.Logf("%d bytes, %d elements", len(doc), len(els))

	var groups []string
	for _, e := range els {
		if e.name == "g" && e.layer == "" {
			groups = append(groups, e.attr["id"])
		}
	}
	want := []string{"background", "ocean", "graticule", "countries", "borders", "outline", "selection",
		"corridors", "maritime", "energy", "trips", "places", "labels"}
	if got := strings.Join(groups, " "); !containsInOrder(groups, want) {
		t.Errorf("layer groups %q, want these in order: %q", got, strings.Join(want, " "))
	}

	countries := map[string]*svgElement{}
	for _, e := range els {
		if e.layer == "countries" && e.name == "path" {
			iso := e.attr["data-iso-a3"]
			if iso == "" || e.attr["id"] != "country-"+iso || e.title == "" || e.attr["fill"] == "" {
				t.Errorf("country path %v lacks its code, id, tooltip or fill", e.attr["id"])
			}
			countries[iso] = e
		}
	}
	if len(countries) < 100 {
		t.Errorf("%d country paths, want every country in view", len(countries))
	}
	if chn := countries["CHN"]; chn == nil || !strings.HasPrefix(chn.title, "China — ") {
		t.Errorf("China's path is missing or its tooltip is not \"China — status\": %+v", chn)
	}

	var names []string
	dashed := false
	for _, e := range els {
		switch {
		case e.name == "text":
			if e.layer != "labels" || e.attr["paint-order"] != "stroke" || e.attr["font-size"] == "" {
				t.Errorf("text %q in layer %q lacks its halo or size: %v", e.text, e.layer, e.attr)
			}
			names = append(names, e.text)
		case e.layer == "trips" && e.attr["stroke-dasharray"] != "":
			dashed = true
		}
		if d := e.attr["d"]; d != "" && hasLongDecimal(d) {
			t.Errorf("path data with more than one decimal: %.80s", d)
		}
	}
	if !dashed {
		t.Error("no dashed trip (Xi's visit)")
	}
	if !containsString(names, "Beijing") || !containsString(names, "Moscow") {
		t.Errorf("names %q lack Beijing or Moscow", names)
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// containsInOrder reports whether want is a subsequence of list.
func containsInOrder(list, want []string) bool {
	i := 0
	for _, x := range list {
		if i < len(want) && x == want[i] {
			i++
		}
	}
	return i == len(want)
}

// hasLongDecimal reports whether path data has a number with two or more
// digits after its point.
func hasLongDecimal(d string) bool {
	for i := 0; i+2 < len(d); i++ {
		if d[i] == '.' && d[i+1] >= '0' && d[i+1] <= '9' && d[i+2] >= '0' && d[i+2] <= '9' {
			return true
		}
	}
	return false
}

// TestSVGDrawsLikeRaster renders two scenes without names — the world and
// the story's region zoomed in, with every other layer and a selection —
// with the raster painter and, as SVG, with rsvg-convert (librsvg: an
// independent renderer), and compares the pictures.
//
// Tolerance: the mean absolute difference per channel is at most 1.0 (of
// 255), and at least 98% of pixels have every channel within ±16. The two
// renderers place the same geometry; their rasterizers compute an edge's
// coverage differently, spread a 0.5 px border over the pixels it
// straddles differently, and approximate round joins and caps differently,
// so edges differ by a few levels and a border pixel by up to the border's
// contrast: measured, a mean of 0.22 and 0.52 with 99.85% and 99.01% of
// pixels within ±16. A layer missing, moved by a pixel, or in a wrong
// colour fails: the same comparison against the picture shifted one pixel
// right (mean 3.1–4.9, 91–94% within ±16) is checked to fail too. The names
// layer (place names, trips' dates) is left out: rsvg-convert draws text
// with the system's fonts and hinting.
// ATLAS_SVG_OUT names a folder to write the SVGs and both pictures to.
func TestSVGDrawsLikeRaster(t *testing.T) {
	rsvg, err := exec.LookPath("rsvg-convert")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("rsvg-convert is missing (Debian: librsvg2-bin)")
		}
		t.Skip("rsvg-convert not installed (Debian: librsvg2-bin)")
	}
	a := loadSVGAtlas(t)
	layers := scene.AllLayers &^ scene.Labels
	for _, tc := range []struct {
		name    string
		v       geo.View
		pxPerDp float64
	}{
		{"world", geo.NewView(geo.EqualEarth{}, 960, 540), 1},
		{"story-zoomed", storySVGView(640, 360), 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := scene.Options{Date: icc.ArticleDate, Layers: layers, Style: render.LightStyle(), Selected: "CHN"}
			sc := withoutLayer(a.Scene(tc.v, tc.pxPerDp, o), "labels") // the trips' dates stay without scene.Labels
			w, h := int(tc.v.Width*tc.pxPerDp), int(tc.v.Height*tc.pxPerDp)
			ours := image.NewRGBA(image.Rect(0, 0, w, h))
			var r render.Renderer
			r.Draw(ours, sc, tc.v, tc.pxPerDp)

			var svg bytes.Buffer
			if err := render.WriteSVG(&svg, sc, tc.v, tc.pxPerDp, w, h, render.SVGDoc{}); err != nil {
				t.Fatal(err)
			}
			size := svg.Len()
			cmd := exec.Command(rsvg, "--format", "png")
			cmd.Stdin = bytes.NewReader(svg.Bytes())
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("rsvg-convert: %v\n%s", err, stderr.Bytes())
			}
			theirs, err := png.Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if theirs.Bounds() != ours.Rect {
				t.Fatalf("rsvg-convert drew %v, want %v", theirs.Bounds(), ours.Rect)
			}
			mean, near := compareImages(ours, theirs, 0)
			t.Logf("%d×%d: mean |Δ| per channel %.3f, %.2f%% of pixels within ±16 (%d bytes of SVG)", w, h, mean, 100*near, size)
			if mean > 1.0 || near < 0.98 {
				t.Errorf("rsvg-convert's picture differs from ours: mean |Δ| %.3f (max 1.0), %.2f%% within ±16 (min 98%%)", mean, 100*near)
			}
			if dir := os.Getenv("ATLAS_SVG_OUT"); dir != "" {
				// For a look: the SVG, rsvg-convert's picture and ours.
				var ourPNG bytes.Buffer
				_ = png.Encode(&ourPNG, ours)
				for name, b := range map[string][]byte{".svg": svg.Bytes(), "-rsvg.png": out, "-ours.png": ourPNG.Bytes()} {
					if err := os.WriteFile(filepath.Join(dir, "svg-"+tc.name+name), b, 0o644); err != nil {
						t.Error(err)
					}
				}
			}
			mean, near = compareImages(ours, theirs, 1)
			t.Logf("shifted a pixel: mean |Δ| %.3f, %.2f%% within ±16", mean, 100*near)
			if mean <= 1.0 && near >= 0.98 {
				t.Errorf("a picture shifted by a pixel passes too (mean %.3f, %.2f%% near): the tolerance is too loose", mean, 100*near)
			}
		})
	}
}

// withoutLayer returns a copy of s without the layer whose id is id.
func withoutLayer(s *render.Scene, id string) *render.Scene {
	out := *s
	out.Base = nil
	for _, l := range s.Base {
		if l.ID() != id {
			out.Base = append(out.Base, l)
		}
	}
	return &out
}

// compareImages returns the mean absolute difference per channel (0–255)
// between ours and theirs, theirs read shift pixels to the left, and the
// share of pixels whose every channel is within ±16.
func compareImages(ours *image.RGBA, theirs image.Image, shift int) (mean, near float64) {
	b := ours.Rect
	var sum, n, close float64
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			sx := min(x+shift, b.Max.X-1)
			c := ours.RGBAAt(x, y)
			r, g, bl, _ := theirs.At(sx, y).RGBA()
			worst := 0
			for _, d := range []int{int(c.R) - int(r>>8), int(c.G) - int(g>>8), int(c.B) - int(bl>>8)} {
				if d < 0 {
					d = -d
				}
				sum += float64(d)
				worst = max(worst, d)
			}
			if worst <= 16 {
				close++
			}
			n++
		}
	}
	return sum / (3 * n), close / n
}
