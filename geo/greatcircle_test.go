package geo

import (
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
)

// Cities used across the great-circle tests (lon, lat degrees).
var (
	gcMoscow       = orb.Point{37.6173, 55.7558}
	gcBeijing      = orb.Point{116.4074, 39.9042}
	gcTokyo        = orb.Point{139.69, 35.69}
	gcSanFrancisco = orb.Point{-122.42, 37.77}
	gcLondon       = orb.Point{-0.1276, 51.5072}
	gcNewYork      = orb.Point{-74.006, 40.7128}
	gcSydney       = orb.Point{151.2093, -33.8688}
	gcSantiago     = orb.Point{-70.6693, -33.4489}
)

// orbRadiusKm is orb.EarthRadius in km: orbgeo.DistanceHaversine's sphere.
const orbRadiusKm = orb.EarthRadius / 1000

// relClose reports |got−want| ≤ rel·|want| + abs.
func relClose(got, want, rel, abs float64) bool {
	return math.Abs(got-want) <= rel*math.Abs(want)+abs
}

// sameLon reports whether two longitudes name the same meridian, within tol degrees.
func sameLon(a, b, tol float64) bool {
	d := math.Mod(a-b, 360)
	if d > 180 {
		d -= 360
	} else if d < -180 {
		d += 360
	}
	return math.Abs(d) <= tol
}

func hasNaN(ls orb.LineString) bool {
	for _, p := range ls {
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
			return true
		}
	}
	return false
}

// lineKm is the length of ls as a sum of haversine steps.
func lineKm(ls orb.LineString) float64 {
	sum := 0.0
	for i := 1; i < len(ls); i++ {
		sum += DistanceKm(ls[i-1], ls[i])
	}
	return sum
}

// standardMidpoint is the textbook great-circle midpoint formula (e.g. Ed
// Williams' Aviation Formulary), written out here independently of Midpoint.
func standardMidpoint(a, b orb.Point) orb.Point {
	f1, l1 := a[1]*math.Pi/180, a[0]*math.Pi/180
	f2, dl := b[1]*math.Pi/180, (b[0]-a[0])*math.Pi/180
	bx, by := math.Cos(f2)*math.Cos(dl), math.Cos(f2)*math.Sin(dl)
	fm := math.Atan2(math.Sin(f1)+math.Sin(f2), math.Hypot(math.Cos(f1)+bx, by))
	lm := l1 + math.Atan2(by, math.Cos(f1)+bx)
	return orb.Point{lm * 180 / math.Pi, fm * 180 / math.Pi}
}

func TestDistanceKm(t *testing.T) {
	cases := []struct {
		name     string
		a, b     orb.Point
		min, max float64 // km
	}{
		// Sanity bound only: the published road-free figure is about 5,800 km.
		{"Moscow-Beijing", gcMoscow, gcBeijing, 5700, 5900},
		{"identical", gcTokyo, gcTokyo, 0, 0},
		{"one degree of equator", orb.Point{0, 0}, orb.Point{1, 0}, EarthRadiusKm * math.Pi / 180, EarthRadiusKm * math.Pi / 180},
		{"antipodal", orb.Point{10, 20}, orb.Point{-170, -20}, EarthRadiusKm * math.Pi, EarthRadiusKm * math.Pi},
		{"pole to pole", orb.Point{0, 90}, orb.Point{0, -90}, EarthRadiusKm * math.Pi, EarthRadiusKm * math.Pi},
		{"across the antimeridian", orb.Point{179.5, 0}, orb.Point{-179.5, 0}, EarthRadiusKm * math.Pi / 180, EarthRadiusKm * math.Pi / 180},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := DistanceKm(tc.a, tc.b)
			// 1e-9 relative: the haversine formula loses a few ulps near antipodes.
			if got < tc.min*(1-1e-9) || got > tc.max*(1+1e-9) {
				t.Errorf("DistanceKm(%v, %v): got %.6f km, want in [%.6f, %.6f]", tc.a, tc.b, got, tc.min, tc.max)
			}
			if back := DistanceKm(tc.b, tc.a); back != got {
				t.Errorf("DistanceKm is not symmetric: got %v and %v", got, back)
			}
			// orb returns metres on a sphere of radius orb.EarthRadius; rescale
			// to ours. Same formula, so only rounding differs (1e-12 relative).
			want := orbgeo.DistanceHaversine(tc.a, tc.b) / 1000 * EarthRadiusKm / orbRadiusKm
			if !relClose(got, want, 1e-12, 1e-9) {
				t.Errorf("DistanceKm: got %.9f km, want %.9f km (orbgeo.DistanceHaversine rescaled)", got, want)
			}
		})
	}
}

func TestMidpoint(t *testing.T) {
	cases := []struct {
		name string
		a, b orb.Point
	}{
		{"Moscow-Beijing", gcMoscow, gcBeijing},
		{"Beijing-Moscow", gcBeijing, gcMoscow},
		{"Tokyo-San Francisco", gcTokyo, gcSanFrancisco},
		{"London-New York", gcLondon, gcNewYork},
		{"Sydney-Santiago", gcSydney, gcSantiago},
		{"along the equator", orb.Point{-10, 0}, orb.Point{30, 0}},
		{"along a meridian", orb.Point{20, -40}, orb.Point{20, 60}},
		{"over the pole", orb.Point{0, 80}, orb.Point{180, 80}},
		{"identical", gcMoscow, gcMoscow},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := Midpoint(tc.a, tc.b)
			if m[0] < -180 || m[0] > 180 || m[1] < -90 || m[1] > 90 {
				t.Fatalf("Midpoint: got %v, want lon in [−180, 180], lat in [−90, 90]", m)
			}
			// Against the textbook formula: 1e-9° (0.1 mm) allows for the two
			// routes' rounding. Longitude is undefined at a pole.
			want := standardMidpoint(tc.a, tc.b)
			if math.Abs(m[1]-want[1]) > 1e-9 || (math.Abs(want[1]) < 90-1e-9 && !sameLon(m[0], want[0], 1e-9)) {
				t.Errorf("Midpoint: got %v, want %v (standard formula)", m, want)
			}
			if o := orbgeo.Midpoint(tc.a, tc.b); math.Abs(m[1]-o[1]) > 1e-9 || (math.Abs(o[1]) < 90-1e-9 && !sameLon(m[0], o[0], 1e-9)) {
				t.Errorf("Midpoint: got %v, want %v (orbgeo.Midpoint)", m, o)
			}
			da, db, dab := DistanceKm(tc.a, m), DistanceKm(m, tc.b), DistanceKm(tc.a, tc.b)
			// Equidistant and on the great circle, to 1e-6 relative (+1 µm for the identical case).
			if !relClose(da, db, 1e-6, 1e-9) {
				t.Errorf("distance to ends: got %.9f and %.9f km, want equal", da, db)
			}
			if !relClose(da+db, dab, 1e-6, 1e-9) {
				t.Errorf("d(a,m)+d(m,b): got %.9f km, want d(a,b) = %.9f km", da+db, dab)
			}
		})
	}

	// Antipodal: the arc leaves a due north, so the midpoint is 90° further
	// along a's meridian, over the North Pole when a is north of the equator.
	antipodal := []struct {
		name string
		a    orb.Point
		want orb.Point
	}{
		{"from the equator", orb.Point{0, 0}, orb.Point{0, 90}},
		{"from the north", orb.Point{10, 20}, orb.Point{-170, 70}},
		{"from the south", orb.Point{-120, -45}, orb.Point{-120, 45}},
		{"from the North Pole", orb.Point{30, 90}, orb.Point{30, 0}},
		{"from the South Pole", orb.Point{30, -90}, orb.Point{30, 0}},
	}
	for _, tc := range antipodal {
		t.Run("antipodal "+tc.name, func(t *testing.T) {
			b := orb.Point{tc.a[0] + 180, -tc.a[1]}
			m := Midpoint(tc.a, b)
			if math.Abs(m[1]-tc.want[1]) > 1e-9 || (tc.want[1] != 90 && !sameLon(m[0], tc.want[0], 1e-9)) {
				t.Errorf("Midpoint(%v, %v): got %v, want %v", tc.a, b, m, tc.want)
			}
		})
	}
}

func TestGreatCircle(t *testing.T) {
	cases := []struct {
		name   string
		a, b   orb.Point
		stepKm float64
		points int     // expected number of points, 0 to skip
		maxLat float64 // if non-zero, the highest latitude passed (within one step)
	}{
		{"Moscow-Beijing 50 km", gcMoscow, gcBeijing, 50, 0, 0},
		{"Beijing-Moscow 10 km", gcBeijing, gcMoscow, 10, 0, 0},
		{"Tokyo-San Francisco 100 km", gcTokyo, gcSanFrancisco, 100, 0, 0},
		{"San Francisco-Tokyo 100 km", gcSanFrancisco, gcTokyo, 100, 0, 0},
		{"London-New York 25 km", gcLondon, gcNewYork, 25, 0, 0},
		{"Sydney-Santiago 200 km", gcSydney, gcSantiago, 200, 0, 0},
		{"equator quarter", orb.Point{0, 0}, orb.Point{90, 0}, 1000, 12, 0}, // 10007.5 km: 11 steps
		{"over the pole", orb.Point{0, 80}, orb.Point{180, 80}, 50, 0, 90},
		// Antipodal: the documented choice is the route over the North Pole.
		// Half the circumference is 20015.1 km: 41 steps of ≤ 500 km.
		{"antipodal", orb.Point{10, 20}, orb.Point{-170, -20}, 500, 42, 90},
		{"antipodal on the equator", orb.Point{0, 0}, orb.Point{180, 0}, 500, 42, 90},
		{"pole to pole", orb.Point{30, 90}, orb.Point{30, -90}, 500, 42, 0},
		{"pole to pole, other meridian", orb.Point{110.857, 90}, orb.Point{62, -90}, 300, 0, 0},
		{"South Pole to North Pole", orb.Point{-45, -90}, orb.Point{-45, 90}, 500, 42, 0},
		{"identical", gcMoscow, gcMoscow, 50, 2, 0},
		{"identical up to a turn", orb.Point{10, 5}, orb.Point{370, 5}, 50, 2, 0},
		{"near-identical", gcMoscow, orb.Point{gcMoscow[0] + 1e-9, gcMoscow[1]}, 50, 2, 0},
		{"zero step", gcMoscow, gcBeijing, 0, 2, 0},
		{"negative step", gcMoscow, gcBeijing, -5, 2, 0},
		{"NaN step", gcMoscow, gcBeijing, math.NaN(), 2, 0},
		{"infinite step", gcMoscow, gcBeijing, math.Inf(1), 2, 0},
		{"step longer than the arc", gcMoscow, gcBeijing, 1e4, 2, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ls := GreatCircle(tc.a, tc.b, tc.stepKm)
			if hasNaN(ls) {
				t.Fatalf("GreatCircle: got a non-finite coordinate in %v", ls)
			}
			if tc.points != 0 && len(ls) != tc.points {
				t.Errorf("points: got %d, want %d", len(ls), tc.points)
			}
			if ls[0] != tc.a {
				t.Errorf("first point: got %v, want %v exactly", ls[0], tc.a)
			}
			last := ls[len(ls)-1]
			if last[1] != tc.b[1] || !(last[0] == tc.b[0] || last[0] == tc.b[0]+360 || last[0] == tc.b[0]-360) {
				t.Errorf("last point: got %v, want %v exactly, up to a whole turn of longitude", last, tc.b)
			}
			dist := DistanceKm(tc.a, tc.b)
			for i := 1; i < len(ls); i++ {
				if d := math.Abs(ls[i][0] - ls[i-1][0]); d > 180 {
					t.Errorf("longitude jumps %.3f° between points %d and %d, want continuous", d, i-1, i)
				}
				// 1e-9 relative: equal steps of d/n can exceed d/n by rounding.
				if s := DistanceKm(ls[i-1], ls[i]); tc.stepKm > 0 && s > tc.stepKm*(1+1e-9) {
					t.Errorf("step %d: got %.6f km, want ≤ %g km", i, s, tc.stepKm)
				}
			}
			// Length of the polyline = great-circle distance, within 0.01%
			// (in practice ~1e-12: the points lie on the circle).
			if got := lineKm(ls); !relClose(got, dist, 1e-4, 1e-9) {
				t.Errorf("length: got %.6f km, want %.6f km (DistanceKm)", got, dist)
			}
			// The same with orb's haversine, rescaled from its radius to ours.
			orbKm := 0.0
			for i := 1; i < len(ls); i++ {
				orbKm += orbgeo.DistanceHaversine(ls[i-1], ls[i]) / 1000
			}
			if got := orbKm * EarthRadiusKm / orbRadiusKm; !relClose(got, dist, 1e-4, 1e-9) {
				t.Errorf("length by orbgeo.DistanceHaversine: got %.6f km (rescaled), want %.6f km", got, dist)
			}
			if tc.maxLat != 0 {
				top := -90.0
				for _, p := range ls {
					top = math.Max(top, p[1])
				}
				// The samples straddle the top: the highest is within a step of it.
				if stepDeg := tc.stepKm / EarthRadiusKm * 180 / math.Pi; top < tc.maxLat-stepDeg || top > tc.maxLat {
					t.Errorf("highest latitude: got %.9f, want within %.3f° below %g", top, stepDeg, tc.maxLat)
				}
			}
		})
	}
}

func TestGreatCircleKnownRoutes(t *testing.T) {
	t.Run("Moscow-Beijing length", func(t *testing.T) {
		got := lineKm(GreatCircle(gcMoscow, gcBeijing, 50))
		if got < 5700 || got > 5900 {
			t.Errorf("got %.1f km, want 5700–5900 km", got)
		}
	})
	t.Run("Tokyo-San Francisco crosses the date line eastwards", func(t *testing.T) {
		ls := GreatCircle(gcTokyo, gcSanFrancisco, 100)
		if last := ls[len(ls)-1]; last[0] != gcSanFrancisco[0]+360 {
			t.Errorf("last longitude: got %v, want %v (unwrapped east)", last[0], gcSanFrancisco[0]+360)
		}
	})
	t.Run("segment cap", func(t *testing.T) {
		ls := GreatCircle(orb.Point{0, 0}, orb.Point{179, 0}, 1e-9)
		if len(ls) != MaxArcSegments+1 || hasNaN(ls) {
			t.Errorf("points: got %d, want %d (MaxArcSegments+1)", len(ls), MaxArcSegments+1)
		}
	})
	t.Run("bearing matches the first step", func(t *testing.T) {
		ls := GreatCircle(gcTokyo, gcSanFrancisco, 1)
		got, want := InitialBearing(ls[0], ls[1]), InitialBearing(gcTokyo, gcSanFrancisco)
		if math.Abs(got-want) > 1e-6 {
			t.Errorf("bearing of the first 1 km step: got %.9f°, want %.9f°", got, want)
		}
	})
}

func TestSplitAntimeridian(t *testing.T) {
	tokyoSF := GreatCircle(gcTokyo, gcSanFrancisco, 100)
	sfTokyo := GreatCircle(gcSanFrancisco, gcTokyo, 100)
	cases := []struct {
		name   string
		in     orb.LineString
		pieces int
		want   orb.MultiLineString // exact pieces when given
	}{
		{"empty", nil, 0, nil},
		{"single point", orb.LineString{{10, 20}}, 1, orb.MultiLineString{{{10, 20}}}},
		{"single point at +180", orb.LineString{{180, 20}}, 1, orb.MultiLineString{{{180, 20}}}},
		{"single unwrapped point", orb.LineString{{190, 20}}, 1, orb.MultiLineString{{{-170, 20}}}},
		{"no crossing is unchanged", GreatCircle(gcMoscow, gcBeijing, 50), 1, orb.MultiLineString{GreatCircle(gcMoscow, gcBeijing, 50)}},
		{"touches +180 and turns back", orb.LineString{{170, 0}, {180, 5}, {170, 10}}, 1,
			orb.MultiLineString{{{170, 0}, {180, 5}, {170, 10}}}},
		{"runs along −180", orb.LineString{{-170, 0}, {-180, 5}, {-180, 10}, {-170, 15}}, 1,
			orb.MultiLineString{{{-170, 0}, {-180, 5}, {-180, 10}, {-170, 15}}}},
		//   170 ──┼── 190      one crossing at lat 5
		{"continuous, one crossing", orb.LineString{{170, 0}, {190, 10}}, 2,
			orb.MultiLineString{{{170, 0}, {180, 5}}, {{-180, 5}, {-170, 10}}}},
		{"wrapped jump, one crossing", orb.LineString{{170, 0}, {-170, 10}}, 2,
			orb.MultiLineString{{{170, 0}, {180, 5}}, {{-180, 5}, {-170, 10}}}},
		{"westward crossing", orb.LineString{{-170, 0}, {170, 10}}, 2,
			orb.MultiLineString{{{-170, 0}, {-180, 5}}, {{180, 5}, {170, 10}}}},
		//   170 ──┼── 190
		//         │   /
		//   170 ──┼──      crosses twice: three pieces
		{"crosses twice", orb.LineString{{170, 0}, {190, 10}, {170, 20}}, 3,
			orb.MultiLineString{{{170, 0}, {180, 5}}, {{-180, 5}, {-170, 10}, {-180, 15}}, {{180, 15}, {170, 20}}}},
		{"crosses twice, wrapped", orb.LineString{{170, 0}, {-170, 10}, {170, 20}}, 3,
			orb.MultiLineString{{{170, 0}, {180, 5}}, {{-180, 5}, {-170, 10}, {-180, 15}}, {{180, 15}, {170, 20}}}},
		// 179.99999999999997+180 rounds to 360: the crossing must still be found.
		{"crossing just after a point", orb.LineString{{179.99999999999997, 0}, {181, 2}}, 2, nil},
		{"through the crossing point", orb.LineString{{170, 0}, {180, 5}, {190, 10}}, 2,
			orb.MultiLineString{{{170, 0}, {180, 5}}, {{-180, 5}, {-170, 10}}}},
		{"two turns east", orb.LineString{{0, 0}, {120, 0}, {240, 0}, {360, 0}, {480, 0}, {600, 0}, {720, 0}}, 3, nil},
		{"starts a turn out", orb.LineString{{500, 0}, {520, 10}}, 1, orb.MultiLineString{{{140, 0}, {160, 10}}}},
		{"Tokyo-San Francisco", tokyoSF, 2, nil},
		{"San Francisco-Tokyo", sfTokyo, 2, nil},
		{"antipodal over the pole", GreatCircle(orb.Point{10, 20}, orb.Point{-170, -20}, 500), 1, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in.Clone()
			got := SplitAntimeridian(tc.in)
			if !tc.in.Equal(in) {
				t.Errorf("SplitAntimeridian modified its input")
			}
			if len(got) != tc.pieces {
				t.Fatalf("pieces: got %d, want %d: %v", len(got), tc.pieces, got)
			}
			if tc.want != nil && !got.Equal(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			checkPieces(t, got)
			if len(tc.in) > 0 {
				first, last := got[0][0], got[len(got)-1][len(got[len(got)-1])-1]
				a, b := tc.in[0], tc.in[len(tc.in)-1]
				// Wrapping an unwrapped longitude back costs at most a few ulps of 360.
				if first[1] != a[1] || !sameLon(first[0], a[0], 1e-12) || last[1] != b[1] || !sameLon(last[0], b[0], 1e-12) {
					t.Errorf("ends: got %v … %v, want %v … %v", first, last, a, b)
				}
			}
		})
	}

	t.Run("Tokyo-San Francisco meets at the same latitude", func(t *testing.T) {
		got := SplitAntimeridian(tokyoSF)
		end, start := got[0][len(got[0])-1], got[1][0]
		if end[0] != 180 || start[0] != -180 || end[1] != start[1] {
			t.Errorf("cut: got %v and %v, want (+180, φ) and (−180, φ)", end, start)
		}
		if end[1] < 45 || end[1] > 50 {
			t.Errorf("crossing latitude: got %.3f°, want 45–50° (the arc bows north)", end[1])
		}
		if got[1][len(got[1])-1] != gcSanFrancisco {
			// 237.58 − 360 need not give back −122.42 exactly.
			t.Logf("last point %v vs %v: equal up to rounding", got[1][len(got[1])-1], gcSanFrancisco)
		}
	})
}

// checkPieces asserts that every piece is finite with longitudes in
// [−180, 180] and that consecutive pieces meet on the ±180° meridian at one latitude.
func checkPieces(t *testing.T, pieces orb.MultiLineString) {
	t.Helper()
	for i, piece := range pieces {
		if hasNaN(piece) {
			t.Errorf("piece %d: got a non-finite coordinate", i)
		}
		for _, p := range piece {
			if p[0] < -180 || p[0] > 180 {
				t.Errorf("piece %d: got longitude %v, want within [−180, 180]", i, p[0])
			}
		}
		if i == 0 {
			continue
		}
		end, start := pieces[i-1][len(pieces[i-1])-1], piece[0]
		if math.Abs(end[0]) != 180 || start[0] != -end[0] || start[1] != end[1] {
			t.Errorf("pieces %d and %d: got %v and %v, want to meet at ±180° at one latitude", i-1, i, end, start)
		}
	}
}

func TestInitialBearing(t *testing.T) {
	cases := []struct {
		name string
		a, b orb.Point
		want float64 // degrees; NaN to compare with orbgeo.Bearing instead
	}{
		{"north", orb.Point{10, 10}, orb.Point{10, 20}, 0},
		{"east on the equator", orb.Point{0, 0}, orb.Point{10, 0}, 90},
		{"south", orb.Point{10, 10}, orb.Point{10, -20}, 180},
		{"west on the equator", orb.Point{0, 0}, orb.Point{-10, 0}, 270},
		{"east across the date line", orb.Point{175, 0}, orb.Point{-175, 0}, 90},
		{"identical", gcMoscow, gcMoscow, 0},
		{"antipodal leaves north", orb.Point{10, 20}, orb.Point{-170, -20}, 0},
		{"from the South Pole", orb.Point{0, -90}, orb.Point{0, 10}, 0},
		{"North Pole to South Pole", orb.Point{30, 90}, orb.Point{30, -90}, 180},
		{"South Pole to North Pole", orb.Point{30, -90}, orb.Point{30, 90}, 0},
		{"Moscow-Beijing", gcMoscow, gcBeijing, math.NaN()},
		{"Tokyo-San Francisco", gcTokyo, gcSanFrancisco, math.NaN()},
		{"San Francisco-Tokyo", gcSanFrancisco, gcTokyo, math.NaN()},
		{"Sydney-Santiago", gcSydney, gcSantiago, math.NaN()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := InitialBearing(tc.a, tc.b)
			want := tc.want
			if math.IsNaN(want) {
				want = orbgeo.Bearing(tc.a, tc.b) // (−180, 180]
			}
			if got < 0 || got >= 360 || !sameLon(got, want, 1e-9) {
				t.Errorf("InitialBearing(%v, %v): got %.12f°, want %.12f° in [0, 360)", tc.a, tc.b, got, want)
			}
		})
	}
}

func TestProjectLine(t *testing.T) {
	cases := []struct {
		name string
		in   orb.LineString
	}{
		{"nil", nil},
		{"empty", orb.LineString{}},
		{"Moscow-Beijing", GreatCircle(gcMoscow, gcBeijing, 200)},
	}
	for _, tc := range cases {
		for _, p := range Projections {
			t.Run(tc.name+"/"+p.Name(), func(t *testing.T) {
				got := ProjectLine(p, tc.in)
				if len(got) != len(tc.in) || (tc.in == nil) != (got == nil) {
					t.Fatalf("got %d points (nil %v), want %d (nil %v)", len(got), got == nil, len(tc.in), tc.in == nil)
				}
				for i := range tc.in {
					if want := Project(p, tc.in[i]); got[i] != want {
						t.Errorf("point %d: got %v, want %v", i, got[i], want)
					}
				}
			})
		}
	}
}

func TestDensify(t *testing.T) {
	// Sea lane Gibraltar → Suez → Bab-el-Mandeb → Colombo → Singapore.
	suez := orb.LineString{{-5.6, 36.0}, {32.3, 31.3}, {43.4, 12.6}, {79.9, 6.9}, {103.8, 1.3}}
	// Trans-Pacific lane with wrapped waypoints: Yokohama → mid-Pacific → San Francisco.
	pacific := orb.LineString{{139.6, 35.4}, {-170, 45}, gcSanFrancisco}
	cases := []struct {
		name   string
		in     orb.LineString
		stepKm float64
		pieces int // after SplitAntimeridian
	}{
		{"Suez lane", suez, 50, 1},
		{"Pacific lane", pacific, 50, 2},
		{"repeated waypoint", orb.LineString{{0, 0}, {0, 0}, {10, 0}}, 100, 1},
		{"two points is GreatCircle", orb.LineString{gcMoscow, gcBeijing}, 50, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in.Clone()
			got := Densify(tc.in, tc.stepKm)
			if !tc.in.Equal(in) {
				t.Errorf("Densify modified its input")
			}
			if hasNaN(got) || got[0] != tc.in[0] {
				t.Fatalf("got first point %v (or a NaN), want %v exactly", got[0], tc.in[0])
			}
			if len(tc.in) == 2 && !got.Equal(GreatCircle(tc.in[0], tc.in[1], tc.stepKm)) {
				t.Errorf("two points: got %v, want GreatCircle's %v", got, GreatCircle(tc.in[0], tc.in[1], tc.stepKm))
			}
			// Every waypoint appears, in order, with its latitude exact.
			j, want := 1, 0.0
			for i := 1; i < len(tc.in); i++ {
				want += DistanceKm(tc.in[i-1], tc.in[i])
			}
			for _, p := range got[1:] {
				if j < len(tc.in) && p[1] == tc.in[j][1] && sameLon(p[0], tc.in[j][0], 1e-9) {
					j++
				}
			}
			if j != len(tc.in) {
				t.Errorf("waypoints: found %d of %d in order", j, len(tc.in))
			}
			for i := 1; i < len(got); i++ {
				if d := math.Abs(got[i][0] - got[i-1][0]); d > 180 {
					t.Errorf("longitude jumps %.3f° at point %d, want continuous", d, i)
				}
				if s := DistanceKm(got[i-1], got[i]); s > tc.stepKm*(1+1e-9) {
					t.Errorf("step %d: got %.6f km, want ≤ %g km", i, s, tc.stepKm)
				}
			}
			if l := lineKm(got); !relClose(l, want, 1e-9, 1e-9) {
				t.Errorf("length: got %.6f km, want %.6f km (sum of waypoint distances)", l, want)
			}
			pieces := SplitAntimeridian(got)
			if len(pieces) != tc.pieces {
				t.Errorf("pieces after SplitAntimeridian: got %d, want %d", len(pieces), tc.pieces)
			}
			checkPieces(t, pieces)
		})
	}

	t.Run("fewer than two points", func(t *testing.T) {
		for _, in := range []orb.LineString{nil, {}, {{1, 2}}} {
			if got := Densify(in, 10); !got.Equal(in) {
				t.Errorf("Densify(%v): got %v, want a copy", in, got)
			}
		}
	})
}

// FuzzGreatCircle: for any finite ends, GreatCircle is finite, keeps its ends,
// is continuous and evenly spaced, and SplitAntimeridian brings every
// longitude into [−180, 180] with the pieces meeting on the meridian.
func FuzzGreatCircle(f *testing.F) {
	f.Add(gcMoscow[0], gcMoscow[1], gcBeijing[0], gcBeijing[1], 50.0)
	f.Add(gcTokyo[0], gcTokyo[1], gcSanFrancisco[0], gcSanFrancisco[1], 100.0)
	f.Add(10.0, 20.0, -170.0, -20.0, 500.0)  // antipodal
	f.Add(10.0, 4.0, -170.0, -4.0, 71.43)    // antipodal: haversine loses ~0.13 m here
	f.Add(0.0, 90.0, 0.0, -90.0, 300.0)      // pole to pole
	f.Add(110.857, 90.0, 62.0, -90.0, 300.0) // pole to pole, leaving along a's meridian
	f.Add(180.0, 0.0, -180.0, 0.0, 10.0)     // the same point, both sides
	f.Add(-180.0, 10.0, 170.0, 10.0, 10.0)   // starts on −180 going west
	f.Add(5.0, 5.0, 5.0, 5.0, 0.0)           // identical, no step
	f.Add(129.0, 0.0, -106.0, 0.0, 112.0)    // a sample at 180−ulp on the equator
	f.Fuzz(func(t *testing.T, lon1, lat1, lon2, lat2, step float64) {
		for _, v := range []float64{lon1, lat1, lon2, lat2, step} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return
			}
		}
		if math.Abs(lon1) > 180 || math.Abs(lon2) > 180 || math.Abs(lat1) > 90 || math.Abs(lat2) > 90 {
			return
		}
		if step > 0 && step < 10 {
			step = 10 // keeps each run under ~2000 points; the cap has its own test
		}
		a, b := orb.Point{lon1, lat1}, orb.Point{lon2, lat2}
		ls := GreatCircle(a, b, step)
		if hasNaN(ls) || len(ls) < 2 {
			t.Fatalf("GreatCircle(%v, %v, %v): got %d points with a NaN (%v)", a, b, step, len(ls), hasNaN(ls))
		}
		last := ls[len(ls)-1]
		if ls[0] != a || last[1] != b[1] || !(last[0] == b[0] || last[0] == b[0]+360 || last[0] == b[0]-360) {
			t.Fatalf("ends: got %v … %v, want %v … %v", ls[0], last, a, b)
		}
		for i := 1; i < len(ls); i++ {
			if math.Abs(ls[i][0]-ls[i-1][0]) > 180 {
				t.Fatalf("longitude jump between %v and %v", ls[i-1], ls[i])
			}
			if s := DistanceKm(ls[i-1], ls[i]); step > 0 && s > step*(1+1e-9)+1e-9 {
				t.Fatalf("step %d: got %v km, want ≤ %v", i, s, step)
			}
		}
		// 1e-9 relative for summing up to 2000 short steps, + 1 m absolute
		// because DistanceKm(a, b) itself is off by up to √ε·R ≈ 0.15 m near
		// antipodes, where the haversine formula is ill-conditioned.
		if got, want := lineKm(ls), DistanceKm(a, b); !relClose(got, want, 1e-9, 1e-3) {
			t.Fatalf("length: got %v km, want %v km", got, want)
		}
		pieces := SplitAntimeridian(ls)
		checkPieces(t, pieces)
		first, end := pieces[0][0], pieces[len(pieces)-1][len(pieces[len(pieces)-1])-1]
		// A point on ±180 may come back as its twin on ∓180; a wrapped end may lose an ulp.
		if first[1] != a[1] || !sameLon(first[0], a[0], 1e-12) || end[1] != b[1] || !sameLon(end[0], b[0], 1e-12) {
			t.Fatalf("ends after split: got %v … %v, want %v … %v", first, end, a, b)
		}
		if m := Midpoint(a, b); math.IsNaN(m[0]) || math.IsNaN(m[1]) || m[0] < -180 || m[0] > 180 {
			t.Fatalf("Midpoint: got %v", m)
		}
		if brg := InitialBearing(a, b); !(brg >= 0 && brg < 360) {
			t.Fatalf("InitialBearing: got %v, want in [0, 360)", brg)
		}
	})
}

var sinkLineString orb.LineString

// BenchmarkGreatCircle is Moscow → Beijing in 50 km steps (117 points).
func BenchmarkGreatCircle(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkLineString = GreatCircle(gcMoscow, gcBeijing, 50)
	}
}

// BenchmarkGreatCircleOrb is the naive baseline: each point by orb's bearing
// and destination formulas from the start (no unwrapping).
func BenchmarkGreatCircleOrb(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		d := orbgeo.DistanceHaversine(gcMoscow, gcBeijing)
		brg := orbgeo.Bearing(gcMoscow, gcBeijing)
		n := int(math.Ceil(d / orb.EarthRadius * EarthRadiusKm / 50))
		ls := make(orb.LineString, 0, n+1)
		for k := 0; k < n; k++ {
			ls = append(ls, orbgeo.PointAtBearingAndDistance(gcMoscow, brg, d*float64(k)/float64(n)))
		}
		sinkLineString = append(ls, gcBeijing)
	}
}

var sinkMultiLineString orb.MultiLineString

// BenchmarkSplitAntimeridian is Tokyo → San Francisco in 50 km steps, cut once.
func BenchmarkSplitAntimeridian(b *testing.B) {
	ls := GreatCircle(gcTokyo, gcSanFrancisco, 50)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkMultiLineString = SplitAntimeridian(ls)
	}
}

func ExampleSplitAntimeridian() {
	arc := GreatCircle(orb.Point{139.69, 35.69}, orb.Point{-122.42, 37.77}, 2000) // Tokyo → San Francisco
	fmt.Printf("arc ends at %.2f°E (unwrapped)\n", arc[len(arc)-1][0])
	for _, piece := range SplitAntimeridian(arc) {
		fmt.Printf("piece %.2f,%.2f … %.2f,%.2f\n", piece[0][0], piece[0][1], piece[len(piece)-1][0], piece[len(piece)-1][1])
	}
	// Output:
	// arc ends at 237.58°E (unwrapped)
	// piece 139.69,35.69 … 180.00,47.91
	// piece -180.00,47.91 … -122.42,37.77
}

func TestGreatCircleAt(t *testing.T) {
	a, b := orb.Point{-10, 20}, orb.Point{130, -35}
	if p := GreatCircleAt(a, b, 0); DistanceKm(p, a) > 1e-6 {
		t.Errorf("f=0: %v, want %v", p, a)
	}
	if p := GreatCircleAt(a, b, 1); DistanceKm(p, b) > 1e-6 {
		t.Errorf("f=1: %v, want %v", p, b)
	}
	d := DistanceKm(a, b)
	for _, f := range []float64{0.1, 0.5, 0.9} {
		p := GreatCircleAt(a, b, f)
		if da, db := DistanceKm(a, p), DistanceKm(p, b); math.Abs(da-f*d) > 1e-6 || math.Abs(db-(1-f)*d) > 1e-6 {
			t.Errorf("f=%v: %v is %v km from a and %v from b, want %v and %v", f, p, da, db, f*d, (1-f)*d)
		}
	}
	if p := GreatCircleAt(orb.Point{170, 0}, orb.Point{-170, 0}, 0.5); math.Abs(math.Abs(p[0])-180) > 1e-9 {
		t.Errorf("across ±180: midpoint %v, want on the 180° meridian", p)
	}
}
