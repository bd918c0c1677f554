package geo

import (
	"math"
	"strings"
	"testing"

	"articleatlas/data"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func loadWorld(t testing.TB) *World {
	t.Helper()
	w, err := LoadWorldSync()
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestCountryDataLint walks both embedded outline files: they parse, codes are
// unique, rings are closed, in range, wound as the renderer needs, and never
// jump across the antimeridian.
func TestCountryDataLint(t *testing.T) {
	for name, raw := range map[string][]byte{"110m": data.Countries110m, "50m": data.Countries50m} {
		t.Run(name, func(t *testing.T) {
			cs, err := DecodeCountries(raw)
			if err != nil {
				t.Fatal(err)
			}
			if len(cs.List) < 170 {
				t.Errorf("%d countries, want at least 170", len(cs.List))
			}
			for _, c := range cs.List {
				if len(c.ISO3) != 3 || c.ISO3 != strings.ToUpper(c.ISO3) {
					t.Errorf("%q: not an upper-case alpha-3 code", c.ISO3)
				}
				for _, poly := range c.Shape {
					for ri, r := range poly {
						if !r.Closed() {
							t.Errorf("%s: ring not closed", c.ISO3)
						}
						for i := 1; i < len(r); i++ {
							if math.Abs(r[i][0]-r[i-1][0]) >= 180 {
								t.Errorf("%s: segment %v→%v crosses the antimeridian", c.ISO3, r[i-1], r[i])
								break
							}
						}
						wantCCW := ri == 0
						if (r.Orientation() == orb.CCW) != wantCCW {
							t.Errorf("%s: ring %d orientation %v, want exterior CCW, holes CW", c.ISO3, ri, r.Orientation())
						}
					}
				}
			}
		})
	}
}

func TestBothLevelsAgreeOnCodes(t *testing.T) {
	w := loadWorld(t)
	coarse, _ := w.Countries(Coarse)
	fine, _ := w.Countries(Fine)
	for _, c := range coarse.List {
		if fine.ByISO(c.ISO3) == nil {
			t.Errorf("%s (%s) is at 1:110m but not at 1:50m", c.ISO3, c.Name)
		}
	}
}

func TestDecodeCountriesRejectsBadInput(t *testing.T) {
	cases := map[string]string{
		"not json":      `{"type":"FeatureCollection","features":[`,
		"no code":       `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}`,
		"point":         `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a3":"AAA"},"geometry":{"type":"Point","coordinates":[0,0]}}]}`,
		"short ring":    `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a3":"AAA"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}}]}`,
		"out of range":  `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a3":"AAA"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[200,0],[1,1],[0,0]]]}}]}`,
		"duplicate":     `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a3":"AAA"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},{"type":"Feature","properties":{"iso_a3":"AAA"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}`,
		"null geometry": `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a3":"AAA"},"geometry":null}]}`,
		"binary":        "\x89PNG\r\n\x1a\n\x00\x00",
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := DecodeCountries([]byte(in)); err == nil || !strings.HasPrefix(err.Error(), "geo: ") {
				t.Errorf("error = %v, want a geo: error", err)
			}
		})
	}
	if _, err := DecodeCountries(make([]byte, MaxGeoJSONBytes+1)); err == nil {
		t.Error("a file over MaxGeoJSONBytes was accepted")
	}
}

// places the article names, with the country each lies in.
var places = []struct {
	name string
	ll   orb.Point
	iso  string
}{
	{"Beijing", orb.Point{116.40, 39.90}, "CHN"},
	{"Moscow", orb.Point{37.62, 55.75}, "RUS"},
	{"Bishkek", orb.Point{74.59, 42.87}, "KGZ"},
	{"The Hague", orb.Point{4.30, 52.08}, "NLD"},
	{"Kyiv", orb.Point{30.52, 50.45}, "UKR"},
	{"Chukotka (east of 180°)", orb.Point{-175, 66}, "RUS"},
	{"Antarctica near the pole", orb.Point{30, -89}, "ATA"},
	{"mid-Pacific", orb.Point{-150, 0}, ""},
	{"mid-Atlantic", orb.Point{-35, 30}, ""},
}

func TestHitTestPlaces(t *testing.T) {
	w := loadWorld(t)
	for _, p := range Projections {
		for _, lvl := range []Level{Coarse, Fine} {
			l := w.Layer(p, lvl)
			v := NewView(p, 1280, 720)
			for _, pl := range places {
				t.Run(p.Name()+"/"+lvl.String()+"/"+pl.name, func(t *testing.T) {
					got := ""
					if ci, ok := v.HitTest(l, v.ToScreen(pl.ll)); ok {
						got = l.Countries.List[ci].ISO3
					}
					want := pl.iso
					if x, _ := p.Forward(pl.ll[0], pl.ll[1]); math.IsNaN(x) {
						want = "" // the globe's far side: nothing there to hit
					}
					if got != want {
						t.Errorf("hit at %v = %q, want %q", pl.ll, got, want)
					}
				})
			}
		}
	}
}

// TestHitTestMatchesOrb compares the indexed hit-test with orb's planar
// containment over every country, in lon/lat, at seeded random points.
func TestHitTestMatchesOrb(t *testing.T) {
	w := loadWorld(t)
	l := w.Layer(Equirectangular{}, Coarse)
	cs, _ := w.Countries(Coarse)
	rng := newRand(1)
	for i := 0; i < 3000; i++ {
		ll := orb.Point{rng.Float64()*360 - 180, rng.Float64()*180 - 90}
		want := ""
		for _, c := range cs.List {
			if c.Bound.Contains(ll) && planar.MultiPolygonContains(c.Shape, ll) {
				want = c.ISO3
				break
			}
		}
		got := ""
		if ci, ok := l.HitTest(Project(Equirectangular{}, ll)); ok {
			got = cs.List[ci].ISO3
		}
		if got != want {
			t.Errorf("at %v: HitTest %q, orb %q", ll, got, want)
		}
	}
}

func TestFocusBoundLeavesOutFarIslands(t *testing.T) {
	w := loadWorld(t)
	l := w.Layer(EqualEarth{}, Fine)
	ci, _ := l.Countries.Index("RUS")
	b := l.FocusBound[ci]
	west, _, _ := l.Proj.Inverse(b.Min[0], b.Center()[1])
	if west < 0 {
		t.Errorf("Russia's focus bound starts at %.1f° — it includes the piece east of 180°", west)
	}
	ci, _ = l.Countries.Index("CHN")
	if !l.FocusBound[ci].Contains(Project(EqualEarth{}, orb.Point{116.4, 39.9})) {
		t.Error("China's focus bound does not contain Beijing")
	}
}

func TestDisplayNames(t *testing.T) {
	w := loadWorld(t)
	for iso, want := range map[string]string{
		"COD": "Dem. Rep. Congo", // Natural Earth's short name (the ICC table's is fuller: see app/scene)
		"CHN": "China",
		"XKX": "Kosovo",
		"ZZZ": "ZZZ",
	} {
		if got := w.Name(iso); got != want {
			t.Errorf("Name(%s) = %q, want %q", iso, got, want)
		}
	}
}

// TestHitToleranceReachesIslands: a click a few dp off a small island state
// picks it; open ocean farther away picks nothing.
func TestHitToleranceReachesIslands(t *testing.T) {
	w := loadWorld(t)
	l := w.Layer(EqualEarth{}, Fine)
	v := NewView(EqualEarth{}, 1280, 720)
	ci, _ := l.Countries.Index("MLT")
	malta := l.Polys[l.ByCountry[ci][0]].Bound.Center()
	s := v.ProjectedToScreen(malta)
	for _, off := range []orb.Point{{0, 0}, {2, 0}, {0, -2}, {-1.5, 1.5}} {
		got, ok := v.HitTest(l, orb.Point{s[0] + off[0], s[1] + off[1]})
		if !ok || l.Countries.List[got].ISO3 != "MLT" {
			t.Errorf("click %v dp from Malta's centre picked %v (ok %v)", off, l.Countries.List[got].ISO3, ok)
		}
	}
	pacific := v.ToScreen(orb.Point{-140, 10})
	if got, ok := v.HitTest(l, pacific); ok {
		t.Errorf("open Pacific picked %s", l.Countries.List[got].ISO3)
	}
}
