package main

import (
	"math"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
)

// polyArea is the net area (exteriors minus holes) of polygons, in square
// degrees, whatever their winding.
func polyArea(polys []orb.Polygon) float64 {
	var sum float64
	for _, p := range polys {
		for i, r := range p {
			a := math.Abs(signedArea(r))
			if i > 0 {
				a = -a
			}
			sum += a
		}
	}
	return sum
}

// lonBounds returns the longitude range of all points of polys.
func lonBounds(polys []orb.Polygon) (min, max float64) {
	min, max = math.Inf(1), math.Inf(-1)
	for _, p := range polys {
		for _, r := range p {
			lo, hi := lonRange(r)
			min, max = math.Min(min, lo), math.Max(max, hi)
		}
	}
	return min, max
}

func TestCutPolygon(t *testing.T) {
	tests := []struct {
		name      string
		in        orb.Polygon
		wantPolys int
		wantHoles []int // holes per output polygon, in order
		wantArea  float64
		wantPole  float64 // if not 0, some point must have this latitude
		check     func(t *testing.T, out []orb.Polygon)
	}{
		{
			name: "square crossing +180",
			in: orb.Polygon{{
				{170, 0}, {-170, 0}, {-170, 10}, {170, 10}, {170, 0},
			}},
			wantPolys: 2,
			wantHoles: []int{0, 0},
			wantArea:  200,
			check: func(t *testing.T, out []orb.Polygon) {
				// Pieces come in strip order: [-180,180] first, then [180,540].
				if lo, hi := lonRange(out[0][0]); lo != 170 || hi != 180 {
					t.Errorf("east piece spans lon %g..%g, want 170..180", lo, hi)
				}
				if lo, hi := lonRange(out[1][0]); lo != -180 || hi != -170 {
					t.Errorf("west piece spans lon %g..%g, want -180..-170", lo, hi)
				}
				onCut := 0
				for _, p := range out {
					for _, q := range p[0] {
						if math.Abs(q[0]) == 180 {
							onCut++
						}
					}
				}
				if onCut < 4 {
					t.Errorf("%d points on the cut, want at least 4 (lon exactly +-180)", onCut)
				}
			},
		},
		{
			name: "square crossing -180, starting west",
			in: orb.Polygon{{
				{-175, 0}, {-175, 10}, {175, 10}, {175, 0}, {-175, 0},
			}},
			wantPolys: 2,
			wantHoles: []int{0, 0},
			wantArea:  100,
		},
		{
			name: "ring that does not cross is unchanged",
			in: orb.Polygon{{
				{10, 10}, {20, 10}, {20, 20}, {10, 20}, {10, 10},
			}},
			wantPolys: 1,
			wantHoles: []int{0},
			wantArea:  100,
			check: func(t *testing.T, out []orb.Polygon) {
				want := orb.Polygon{{{10, 10}, {20, 10}, {20, 20}, {10, 20}, {10, 10}}}
				if !reflect.DeepEqual(out[0], want) {
					t.Errorf("got %v, want %v", out[0], want)
				}
			},
		},
		{
			name: "ring touching +180 without crossing is unchanged",
			in: orb.Polygon{{
				{175, 0}, {180, 0}, {180, 5}, {175, 5}, {175, 0},
			}},
			wantPolys: 1,
			wantHoles: []int{0},
			wantArea:  25,
		},
		{
			name: "ring round the south pole",
			in: orb.Polygon{{
				{-150, -70}, {-90, -70}, {-30, -70}, {30, -70}, {90, -70}, {150, -70}, {-150, -70},
			}},
			wantPolys: 2,
			wantHoles: []int{0, 0},
			wantArea:  360 * 20,
			wantPole:  -90,
		},
		{
			name: "ring round the south pole starting on the antimeridian",
			in: orb.Polygon{{
				{-180, -60}, {-90, -60}, {0, -60}, {90, -60}, {180, -60}, {-180, -60},
			}},
			wantPolys: 1,
			wantHoles: []int{0},
			wantArea:  360 * 30,
			wantPole:  -90,
		},
		{
			name: "ring round the north pole",
			in: orb.Polygon{{
				{170, 80}, {50, 80}, {-70, 80}, {170, 80},
			}},
			wantPolys: 2,
			wantHoles: []int{0, 0},
			wantArea:  360 * 10,
			wantPole:  90,
		},
		{
			name: "hole crossing with its exterior",
			in: orb.Polygon{
				{{170, 0}, {-170, 0}, {-170, 10}, {170, 10}, {170, 0}},
				{{175, 2}, {175, 8}, {-175, 8}, {-175, 2}, {175, 2}},
			},
			wantPolys: 2,
			wantHoles: []int{1, 1},
			wantArea:  200 - 60,
		},
		{
			name: "hole wholly on the far side of the cut",
			in: orb.Polygon{
				{{170, 0}, {-170, 0}, {-170, 10}, {170, 10}, {170, 0}},
				{{-176, 2}, {-176, 8}, {-172, 8}, {-172, 2}, {-176, 2}},
			},
			wantPolys: 2,
			wantHoles: []int{0, 1},
			wantArea:  200 - 24,
		},
		{
			name: "pole cap ring is dropped and the coast ring becomes the exterior",
			in: orb.Polygon{
				{{180, -89.999}, {60, -89.999}, {-60, -89.999}, {-180, -89.999}, {180, -89.999}},
				{{-150, -70}, {-30, -70}, {90, -70}, {-150, -70}},
			},
			wantPolys: 2,
			wantHoles: []int{0, 0},
			wantArea:  360 * 20,
			wantPole:  -90,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := cutPolygon(tt.in)
			if err != nil {
				t.Fatalf("cutPolygon: %v", err)
			}
			var clean []orb.Polygon
			for _, p := range out {
				c, ok := cleanPolygon(p)
				if !ok {
					t.Fatalf("piece %v is degenerate", p)
				}
				if err := validatePolygon(c); err != nil {
					t.Errorf("piece %v: %v", c, err)
				}
				clean = append(clean, c)
			}
			if len(clean) != tt.wantPolys {
				t.Fatalf("got %d polygons %v, want %d", len(clean), clean, tt.wantPolys)
			}
			for i, p := range clean {
				if len(p)-1 != tt.wantHoles[i] {
					t.Errorf("polygon %d has %d holes, want %d", i, len(p)-1, tt.wantHoles[i])
				}
			}
			if a := polyArea(clean); math.Abs(a-tt.wantArea) > 1e-6 {
				t.Errorf("area %g, want %g", a, tt.wantArea)
			}
			if lo, hi := lonBounds(clean); lo < -180 || hi > 180 {
				t.Errorf("lon bounds %g..%g outside [-180, 180]", lo, hi)
			}
			if tt.wantPole != 0 {
				found := false
				for _, p := range clean {
					for _, q := range p[0] {
						found = found || q[1] == tt.wantPole
					}
				}
				if !found {
					t.Errorf("no point at lat %g", tt.wantPole)
				}
			}
			if tt.check != nil {
				tt.check(t, out)
			}
		})
	}
}

func TestCutPolygonDoesNotModifyInput(t *testing.T) {
	in := orb.Polygon{{{170, 0}, {-170, 0}, {-170, 10}, {170, 10}, {170, 0}}}
	want := orb.Polygon{{{170, 0}, {-170, 0}, {-170, 10}, {170, 10}, {170, 0}}}
	if _, err := cutPolygon(in); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, want) {
		t.Errorf("input changed to %v", in)
	}
}

func TestCutPolygonErrors(t *testing.T) {
	tests := []struct {
		name string
		in   orb.Polygon
	}{
		{"open ring", orb.Polygon{{{0, 0}, {1, 0}, {1, 1}}}},
		{"ring round the globe twice", orb.Polygon{{
			{0, 10}, {120, 10}, {-120, 10}, {0, 10}, {120, 10}, {-120, 10}, {0, 10},
		}}},
		{"hole round the pole, exterior not", orb.Polygon{
			{{0, -80}, {10, -80}, {10, -70}, {0, -80}},
			{{-150, -70}, {-30, -70}, {90, -70}, {-150, -70}},
		}},
		{"hole outside its exterior", orb.Polygon{
			{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
			{{50, 2}, {52, 2}, {52, 4}, {50, 2}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if out, err := cutPolygon(tt.in); err == nil {
				t.Errorf("no error, got %v", out)
			}
		})
	}
}

func TestUnwrapRing(t *testing.T) {
	tests := []struct {
		name      string
		in        orb.Ring
		want      orb.Ring
		wantTurns int
	}{
		{"plain", orb.Ring{{0, 0}, {10, 0}, {10, 10}, {0, 0}}, orb.Ring{{0, 0}, {10, 0}, {10, 10}, {0, 0}}, 0},
		{"crossing east and back",
			orb.Ring{{170, 0}, {-170, 0}, {-170, 10}, {170, 10}, {170, 0}},
			orb.Ring{{170, 0}, {190, 0}, {190, 10}, {170, 10}, {170, 0}}, 0},
		{"round the pole eastwards",
			orb.Ring{{0, -70}, {120, -70}, {-120, -70}, {0, -70}},
			orb.Ring{{0, -70}, {120, -70}, {240, -70}, {360, -70}}, 1},
		{"round the pole westwards",
			orb.Ring{{0, -70}, {-120, -70}, {120, -70}, {0, -70}},
			orb.Ring{{0, -70}, {-120, -70}, {-240, -70}, {-360, -70}}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, turns := unwrapRing(tt.in)
			if !reflect.DeepEqual(got, tt.want) || turns != tt.wantTurns {
				t.Errorf("got %v, %d turns; want %v, %d turns", got, turns, tt.want, tt.wantTurns)
			}
		})
	}
}

func TestCloseAlongPoleSteps(t *testing.T) {
	r := orb.Ring{{-180, -60}, {-90, -60}, {0, -60}, {90, -60}, {180, -60}}
	got := closeAlongPole(r, -90)
	want := orb.Ring{
		{-180, -60}, {-90, -60}, {0, -60}, {90, -60}, {180, -60},
		{180, -90}, {90, -90}, {0, -90}, {-90, -90}, {-180, -90}, {-180, -60},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestClipRing(t *testing.T) {
	r := orb.Ring{{170, 0}, {190, 0}, {190, 10}, {170, 10}, {170, 0}}
	tests := []struct {
		name   string
		lo, hi float64
		want   orb.Ring
	}{
		{"west strip", -180, 180, orb.Ring{{170, 0}, {180, 0}, {180, 10}, {170, 10}, {170, 0}}},
		{"east strip", 180, 540, orb.Ring{{180, 0}, {190, 0}, {190, 10}, {180, 10}, {180, 0}}},
		{"no overlap", -540, -180, nil},
		{"touching only", 190, 200, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := clipRing(r, tt.lo, tt.hi)
			if tt.want == nil {
				if got != nil {
					t.Errorf("got %v, want nil", got)
				}
				return
			}
			c, _ := cleanRing(got)
			w, _ := cleanRing(tt.want)
			if !sameRing(c, w) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// sameRing reports whether closed rings a and b have the same points in the
// same cyclic order, whatever point they start at.
func sameRing(a, b orb.Ring) bool {
	if len(a) != len(b) {
		return false
	}
	n := len(a) - 1
	for s := 0; s < n; s++ {
		ok := true
		for i := 0; i < n && ok; i++ {
			ok = a[(s+i)%n] == b[i]
		}
		if ok {
			return true
		}
	}
	return false
}
