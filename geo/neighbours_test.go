package geo

import (
	"math"
	"slices"
	"testing"

	"articleatlas/data"
)

// coarseCountries decodes the 1:110m outlines.
func coarseCountries(t testing.TB) *Countries { return mustDecode(t, data.Countries110m) }

// fineCountries decodes the 1:50m outlines.
func fineCountries(t testing.TB) *Countries { return mustDecode(t, data.Countries50m) }

func mustDecode(t testing.TB, raw []byte) *Countries {
	t.Helper()
	cs, err := DecodeCountries(raw)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestNeighbours(t *testing.T) {
	for _, cs := range []*Countries{coarseCountries(t), fineCountries(t)} {
		nb := cs.Neighbours()
		names := func(iso string) []string {
			i, ok := cs.Index(iso)
			if !ok {
				t.Fatalf("no %s", iso)
			}
			var out []string
			for _, j := range nb[i] {
				out = append(out, cs.List[j].ISO3)
			}
			return out
		}
		for iso, want := range map[string][]string{
			"FRA": {"BEL", "DEU", "CHE", "ITA", "ESP"},
			"CHN": {"MNG", "RUS", "KAZ", "IND", "VNM", "PRK"},
			"DEU": {"FRA", "POL", "AUT", "DNK", "NLD"},
		} {
			got := names(iso)
			for _, w := range want {
				if !slices.Contains(got, w) {
					t.Errorf("neighbours of %s = %v, missing %s", iso, got, w)
				}
			}
		}
		for _, iso := range []string{"ISL", "JPN", "AUS", "NZL"} {
			if got := names(iso); len(got) != 0 {
				t.Errorf("neighbours of the island %s = %v, want none", iso, got)
			}
		}
		// Symmetric, and nobody neighbours itself.
		for i, n := range nb {
			for _, j := range n {
				if j == i || !slices.Contains(nb[j], i) {
					t.Fatalf("%s ↔ %s not symmetric", cs.List[i].ISO3, cs.List[j].ISO3)
				}
			}
		}
	}
}

func TestCentre(t *testing.T) {
	cs := coarseCountries(t)
	for iso, want := range map[string][4]float64{ // lon min, lon max, lat min, lat max
		"FRA": {-2, 6, 44, 49},      // in Europe, not in French Guiana
		"USA": {-105, -90, 35, 42},  // the lower 48, not Alaska
		"RUS": {60, 120, 55, 68},    // Siberia
		"CHN": {95, 112, 30, 38},    // the middle of China
		"NOR": {5, 20, 59, 68},      // the mainland, not Svalbard
		"JPN": {133, 142, 34, 39.5}, // Honshu
	} {
		i, _ := cs.Index(iso)
		c := cs.Centre(i)
		if c[0] < want[0] || c[0] > want[1] || c[1] < want[2] || c[1] > want[3] {
			t.Errorf("Centre(%s) = %v, want lon %v…%v, lat %v…%v", iso, c, want[0], want[1], want[2], want[3])
		}
	}
}

func TestToward(t *testing.T) {
	for _, cs := range []*Countries{coarseCountries(t), fineCountries(t)} {
		for _, c := range []struct {
			from    string
			bearing float64
			want    []string
		}{
			{"FRA", East, []string{"DEU", "CHE", "ITA"}},
			{"FRA", South, []string{"ESP", "AND"}},
			{"FRA", North, []string{"BEL", "GBR", "LUX"}},
			{"FRA", West, []string{"GBR", "ESP", "IRL"}}, // the sea: nearest that way
			{"DEU", East, []string{"POL", "CZE"}},
			{"CHN", North, []string{"MNG", "RUS"}},
			{"CHN", South, []string{"VNM", "LAO", "MMR"}},
			{"ISL", East, []string{"NOR", "FRO", "SWE"}},
			{"ISL", South, []string{"GBR", "IRL", "FRO"}},
			{"JPN", West, []string{"KOR", "CHN", "PRK"}},
			{"GBR", East, []string{"NLD", "BEL", "DNK", "DEU"}},
			{"RUS", South, []string{"KAZ", "MNG", "CHN"}},
			// Mongolia's neighbours lie north and south: east is the nearest
			// country that way, across China.
			{"MNG", East, []string{"PRK", "CHN", "RUS"}},
			{"USA", North, []string{"CAN"}},
			{"USA", South, []string{"MEX"}},
		} {
			i, _ := cs.Index(c.from)
			j, ok := cs.Toward(i, c.bearing)
			got := ""
			if ok {
				got = cs.List[j].ISO3
			}
			if !slices.Contains(c.want, got) {
				t.Errorf("Toward(%s, %v°) = %q, want one of %v", c.from, c.bearing, got, c.want)
			}
		}
	}
}

func TestTowardBadInput(t *testing.T) {
	cs := coarseCountries(t)
	i, _ := cs.Index("FRA")
	for _, c := range []struct {
		from    int
		bearing float64
	}{{-1, East}, {len(cs.List), East}, {i, math.NaN()}, {i, math.Inf(1)}} {
		if j, ok := cs.Toward(c.from, c.bearing); ok {
			t.Errorf("Toward(%d, %v) = %d, want nothing", c.from, c.bearing, j)
		}
	}
	// Any bearing works, not only the four of the arrow keys.
	if j, ok := cs.Toward(i, East+360); !ok || cs.List[j].ISO3 != "CHE" && cs.List[j].ISO3 != "DEU" && cs.List[j].ISO3 != "ITA" {
		t.Errorf("Toward(FRA, 450°) = %d %v, want east", j, ok)
	}
}
