package render

// The anchor scene of ../shared/bench (scene.json): every 1:50m country in
// plate carrée, filled palette[feature_index % 4] with a 0.5 px #333333 border,
// then the 7 lines of lines.geojson at 2 px with round joins, over #d4e6f5.
// compare.sh runs these benchmarks beside Mapnik drawing the same scene.

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"articleatlas/data"
	"articleatlas/geo"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// benchDir is where scene.json and lines.geojson are: ATLAS_BENCH_DIR, or
// shared/bench beside the repository.
func benchDir() string {
	if d := os.Getenv("ATLAS_BENCH_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "bench")
}

type anchorScene struct {
	background, stroke, line color.NRGBA
	palette                  []color.NRGBA
	strokeW, lineW           float32
	countries                *geo.Countries
	polyBounds               [][]orb.Bound // per country, per polygon: computed once, not per frame
	lines                    []orb.LineString
}

func parseHex(t testing.TB, s string) color.NRGBA {
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		t.Fatalf("colour %q: %v", s, err)
	}
	return hex(uint32(v))
}

func loadAnchor(t testing.TB) *anchorScene {
	raw, err := os.ReadFile(filepath.Join(benchDir(), "scene.json"))
	if err != nil {
		t.Skipf("anchor scene not found (set ATLAS_BENCH_DIR): %v", err)
	}
	var sc struct {
		Background  string   `json:"background"`
		Palette     []string `json:"palette"`
		Stroke      string   `json:"stroke"`
		StrokeWidth float32  `json:"stroke_width_px"`
		LineColor   string   `json:"line_color"`
		LineWidthPx float32  `json:"line_width_px"`
	}
	if err := json.Unmarshal(raw, &sc); err != nil {
		t.Fatal(err)
	}
	a := &anchorScene{background: parseHex(t, sc.Background), stroke: parseHex(t, sc.Stroke), line: parseHex(t, sc.LineColor),
		strokeW: sc.StrokeWidth, lineW: sc.LineWidthPx}
	for _, p := range sc.Palette {
		a.palette = append(a.palette, parseHex(t, p))
	}
	lraw, err := os.ReadFile(filepath.Join(benchDir(), "lines.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(lraw)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fc.Features {
		if ls, ok := f.Geometry.(orb.LineString); ok {
			a.lines = append(a.lines, ls)
		}
	}
	if a.countries, err = geo.DecodeCountries(data.Countries50m); err != nil {
		t.Fatal(err)
	}
	for _, c := range a.countries.List {
		var bs []orb.Bound
		for _, poly := range c.Shape {
			bs = append(bs, poly.Bound())
		}
		a.polyBounds = append(a.polyBounds, bs)
	}
	return a
}

// anchorLayer draws the anchor scene through a Painter, the way Mapnik is
// asked to: per feature, fill then border; then the lines.
type anchorLayer struct{ a *anchorScene }

func (l anchorLayer) ID() string       { return "anchor" }
func (l anchorLayer) Bound() orb.Bound { return orb.Bound{} }
func (l anchorLayer) Draw(p Painter, dc *DrawContext) {
	a := l.a
	for i, c := range a.countries.List {
		if !dc.Visible.Intersects(c.Bound) {
			continue
		}
		for pi, poly := range c.Shape {
			if !dc.Visible.Intersects(a.polyBounds[i][pi]) {
				continue
			}
			for _, ring := range poly {
				p.Ring(dc.Project(ring, 0.35))
			}
		}
		// Fill, then stroke the same rings.
		p.Fill(a.palette[i%len(a.palette)], nil)
		for pi, poly := range c.Shape {
			if !dc.Visible.Intersects(a.polyBounds[i][pi]) {
				continue
			}
			for _, ring := range poly {
				p.Ring(dc.Project(ring, 0.35))
			}
		}
		p.Stroke(Pen{Width: a.strokeW, Color: a.stroke}, nil)
	}
	for _, ls := range a.lines {
		p.Line(dc.Project(ls, 0))
	}
	p.Stroke(Pen{Width: a.lineW, Color: a.line, Cap: CapRound}, nil)
}

// anchorTransform is the benchmark scenes' view of dst: lon/lat degrees are
// the projected plane, the whole world letterboxed and centred, as Mapnik's
// zoom_to_box(-180, -90, 180, 90) shows it.
func anchorTransform(dst *image.RGBA) geo.Transform {
	W, H := float64(dst.Rect.Dx()), float64(dst.Rect.Dy())
	return geo.Transform{S: min(W/360, H/180), Tx: W / 2, Ty: H / 2}
}

// draw renders the anchor scene into dst with the renderer's painter and
// bands.
func (a *anchorScene) draw(r *Renderer, dst *image.RGBA) {
	fillRect(dst, dst.Rect, a.background)
	r.DrawLayers(dst, []Layer{anchorLayer{a}}, nil, anchorTransform(dst), 1)
}

// benchDraw times draw into a new w×h image per iteration, as Mapnik makes a
// new image per render, and encodes it as PNG too if encode.
func benchDraw(b *testing.B, w, h int, encode bool, draw func(r *Renderer, dst *image.RGBA)) {
	var r Renderer
	var buf bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		draw(&r, img)
		if encode {
			buf.Reset()
			if err := EncodePNG(&buf, img); err != nil {
				b.Fatal(err)
			}
		}
		sinkByte += img.Pix[0]
	}
}

func benchAnchor(b *testing.B, w, h int, encode bool) {
	a := loadAnchor(b)
	benchDraw(b, w, h, encode, a.draw)
}

func BenchmarkAnchor1080(b *testing.B)    { benchAnchor(b, 1920, 1080, false) }
func BenchmarkAnchor4K(b *testing.B)      { benchAnchor(b, 3840, 2160, false) }
func BenchmarkAnchorPNG1080(b *testing.B) { benchAnchor(b, 1920, 1080, true) }

// writePNGEnv writes img to the file named by the environment variable env,
// if it is set, for a look beside Mapnik's.
func writePNGEnv(t *testing.T, env string, img *image.RGBA) {
	out := os.Getenv(env)
	if out == "" {
		return
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestAnchorScene checks that the anchor frame has the scene's colours where
// they belong, and writes it to $ATLAS_ANCHOR_OUT if that is set.
func TestAnchorScene(t *testing.T) {
	a := loadAnchor(t)
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	var r Renderer
	a.draw(&r, img)
	if got := img.RGBAAt(5, 5); got != nrgba(a.background) {
		t.Errorf("corner %v, want the background %v", got, a.background)
	}
	// Beijing is inside China: its fill is the palette entry of China's index.
	ci, _ := a.countries.Index("CHN")
	x, y := 960+116.4*1920/360, 540-39.9*1920/360
	if got, want := img.RGBAAt(int(x), int(y)), nrgba(a.palette[ci%len(a.palette)]); got != want {
		t.Errorf("Beijing pixel %v, want China's palette colour %v", got, a.palette[ci%len(a.palette)])
	}
	writePNGEnv(t, "ATLAS_ANCHOR_OUT", img)
}

var sinkByte byte

func nrgba(c color.NRGBA) color.RGBA { return color.RGBA{c.R, c.G, c.B, 255} }
