package render

// The story scene of ../shared/bench (story.json): the anchor scene plus the
// 300 places of places.geojson, each a 5 px #222222 marker with a 1 px white
// ring and its name at 11 px with a 1.5 px white halo, 6 px right of the point
// and vertically centred; a name that would overlap one already placed (in
// input order) is dropped. compare.sh runs these benchmarks beside Mapnik's
// mapnik_story.py. The names are in Noto Sans Regular, the app's font; Mapnik
// draws DejaVu Sans Book, 5.5% wider on these names at 11 px but with a lower
// line box (ascent + descent 12.8 px against Noto's 15.0), so the two keep a
// slightly different set of names.

import (
	"encoding/json"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"articleatlas/assets"
	"articleatlas/geo"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

type storyScene struct {
	*anchorScene
	fonts   *Fonts
	markers []Marker
	labels  []Label
	haloPx  float64
}

func loadStory(t testing.TB) *storyScene {
	a := loadAnchor(t)
	raw, err := os.ReadFile(filepath.Join(benchDir(), "story.json"))
	if err != nil {
		t.Skipf("story scene not found (set ATLAS_BENCH_DIR): %v", err)
	}
	var st struct {
		MarkerDiameter float64 `json:"marker_diameter_px"`
		MarkerFill     string  `json:"marker_fill"`
		MarkerStroke   string  `json:"marker_stroke"`
		MarkerStrokePx float64 `json:"marker_stroke_width_px"`
		LabelSize      float64 `json:"label_size_px"`
		LabelFill      string  `json:"label_fill"`
		LabelHalo      string  `json:"label_halo"`
		LabelHaloPx    float64 `json:"label_halo_radius_px"`
		LabelDx        float64 `json:"label_dx_px"`
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	praw, err := os.ReadFile(filepath.Join(benchDir(), "places.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(praw)
	if err != nil {
		t.Fatal(err)
	}
	font, err := NewFont(assets.FontRegular)
	if err != nil {
		t.Fatal(err)
	}
	s := &storyScene{anchorScene: a, fonts: &Fonts{Regular: font}, haloPx: st.LabelHaloPx}
	fill, ring := parseHex(t, st.MarkerFill), parseHex(t, st.MarkerStroke)
	text, halo := parseHex(t, st.LabelFill), parseHex(t, st.LabelHalo)
	for _, f := range fc.Features {
		p, ok := f.Geometry.(orb.Point)
		name, nok := f.Properties["name"].(string)
		if !ok || !nok {
			t.Fatalf("places.geojson: feature %v is not a named point", f.ID)
		}
		s.markers = append(s.markers, Marker{At: p, RadiusDp: st.MarkerDiameter / 2, Fill: fill, Ring: ring, RingDp: st.MarkerStrokePx})
		s.labels = append(s.labels, Label{Text: name, At: p, SizeDp: st.LabelSize,
			Color: text, Halo: halo, GapDp: st.LabelDx})
	}
	if len(s.markers) == 0 {
		t.Fatal("places.geojson has no points")
	}
	return s
}

// layers are the story scene's layers: the anchor scene, the markers, then
// the names. The names layer is new each time, so its placement is computed
// again for every frame, as Mapnik does.
func (s *storyScene) layers() (all []Layer, names *Labels) {
	names = &Labels{Name: "labels", Labels: s.labels, HaloDp: s.haloPx, RightOnly: true}
	return []Layer{anchorLayer{s.anchorScene}, &Markers{Name: "markers", Markers: s.markers}, names}, names
}

// draw renders the story scene into dst and returns its names layer.
func (s *storyScene) draw(r *Renderer, dst *image.RGBA) *Labels {
	fillRect(dst, dst.Rect, s.background)
	layers, names := s.layers()
	r.DrawLayers(dst, layers, s.fonts, anchorTransform(dst), 1)
	return names
}

func benchStory(b *testing.B, w, h int, encode bool) {
	s := loadStory(b)
	benchDraw(b, w, h, encode, func(r *Renderer, dst *image.RGBA) { s.draw(r, dst) })
}

func BenchmarkStory1080(b *testing.B)    { benchStory(b, 1920, 1080, false) }
func BenchmarkStory4K(b *testing.B)      { benchStory(b, 3840, 2160, false) }
func BenchmarkStoryPNG1080(b *testing.B) { benchStory(b, 1920, 1080, true) }

// TestStoryScene draws the story scene at 1920×1080 and checks that names
// were placed right of their points without overlaps, and that the markers
// are drawn in their colour; it writes the frame to $ATLAS_STORY_OUT if set.
func TestStoryScene(t *testing.T) {
	s := loadStory(t)
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	var r Renderer
	names := s.draw(&r, img)
	dc := newDrawContext(anchorTransform(img), 1, img.Rect, s.fonts, nil)
	boxes := names.Placed(&dc)
	t.Logf("%d of %d names placed", len(boxes), len(s.labels))
	if len(boxes) < len(s.labels)/2 || len(boxes) >= len(s.labels) {
		// 300 names on a 1080p world collide a little, not a lot.
		t.Errorf("%d of %d names placed, want at least half and not all", len(boxes), len(s.labels))
	}
	for i, a := range boxes {
		for _, b := range boxes[:i] {
			if a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3] {
				t.Errorf("names overlap: %v and %v", a, b)
			}
		}
	}
	// Each box starts 6 px right of a point and is centred on it vertically:
	// some marker is there (to 1 px: the box's top and bottom are the font's
	// ascent and descent, which (asc−desc)/2 centres exactly).
	for _, b := range boxes {
		found := false
		for _, m := range s.markers {
			p := dc.Point(m.At)
			if abs32(b[0]-p.x-6) < 0.01 && abs32((b[1]+b[3])/2-p.y) < 1 {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("name box %v is not 6 px right of any point, vertically centred", b)
		}
	}
	// Ink: the first name's box holds text-coloured pixels.
	if len(boxes) > 0 {
		b := boxes[0]
		dark := 0
		for y := int(b[1]); y < int(b[3]); y++ {
			for x := int(b[0]); x < int(b[2]); x++ {
				if c := img.RGBAAt(x, y); c.R < 80 && c.G < 80 && c.B < 80 {
					dark++
				}
			}
		}
		if dark == 0 {
			t.Errorf("no text-coloured pixel in the first name's box %v", b)
		}
	}
	// Markers: the pixel under a point is wholly inside its 2.5 px disc (its
	// centre is within 0.71 px of the point, its far corner within 1.42), so
	// it has exactly the fill colour, unless a later name's halo covers it.
	want := nrgba(s.markers[0].Fill)
	halo := float32(s.haloPx) + 1 // the halo and anti-aliasing reach this far past a box
	checked := 0
	for _, m := range s.markers {
		p := dc.Point(m.At)
		x, y := int(p.x), int(p.y)
		covered := false
		for _, b := range boxes {
			if p.x > b[0]-halo-1 && p.x < b[2]+halo+1 && p.y > b[1]-halo-1 && p.y < b[3]+halo+1 {
				covered = true
				break
			}
		}
		if covered || !image.Pt(x, y).In(img.Rect) {
			continue
		}
		if got := img.RGBAAt(x, y); got != want {
			t.Errorf("marker pixel at (%d, %d) is %v, want %v", x, y, got, want)
		}
		if checked++; checked == 20 {
			break
		}
	}
	if checked == 0 {
		t.Error("no marker pixel checked")
	}
	writePNGEnv(t, "ATLAS_STORY_OUT", img)
}

// TestLabelsRightOnly places names on a 200×200 px picture: with RightOnly a
// name only goes right of its point and is dropped if that spot is taken; the
// first of equal priority wins. Without it, the second name goes left.
//
//	second ·first    four candidates: "second" goes left of the shared point
//	       ·first    RightOnly: "second" is dropped
func TestLabelsRightOnly(t *testing.T) {
	fonts := &Fonts{Regular: testFont(t)}
	dc := newDrawContext(geo.Transform{S: 1, Tx: 100, Ty: 100}, 1, image.Rect(0, 0, 200, 200), fonts, nil)
	mk := func(text string, at orb.Point) Label {
		return Label{Text: text, At: at, SizeDp: 11, Color: color.NRGBA{A: 255}, GapDp: 6}
	}
	for _, tc := range []struct {
		name      string
		rightOnly bool
		want      int
	}{
		{"four-candidate", false, 2},
		{"right-only", true, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &Labels{Labels: []Label{mk("first", orb.Point{0, 0}), mk("second", orb.Point{0, 0})}, HaloDp: 1.5, RightOnly: tc.rightOnly}
			boxes := l.Placed(&dc)
			if len(boxes) != tc.want {
				t.Fatalf("got %d names placed, want %d", len(boxes), tc.want)
			}
			first := fonts.Regular.Measure("first", 11).Width
			if got := boxes[0]; abs32(got[0]-106) > 1e-3 || abs32(got[2]-106-float32(first)) > 1e-3 {
				t.Errorf("got the first box %v, want x from 106 to %.2f (\"first\", right of the point)", got, 106+first)
			}
			if tc.want == 2 && boxes[1][2] > 94+1e-3 {
				t.Errorf("got the second box %v, want it left of the point", boxes[1])
			}
		})
	}
}
