package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// nearestNaive is Marks.Nearest by a scan of every point and segment.
func nearestNaive(m *Marks, p orb.Point, tol float64) (Hit, bool) {
	var hit Hit
	ok, best := false, math.Inf(1)
	consider := func(kind HitKind, id string, d2 float64) {
		if d2 <= tol*tol && (!ok || kind < hit.Kind || kind == hit.Kind && d2 < best) {
			hit, best, ok = Hit{kind, id}, d2, true
		}
	}
	for _, mp := range m.points {
		dx, dy := mp.at[0]-p[0], mp.at[1]-p[1]
		consider(mp.kind, mp.id, dx*dx+dy*dy)
	}
	for _, ml := range m.lines {
		for j := 1; j < len(ml.piece); j++ {
			a, b := ml.piece[j-1], ml.piece[j]
			consider(ml.kind, ml.id, segmentDistance2(p, segment{a[0], a[1], b[0], b[1]}))
		}
	}
	return hit, ok
}

// TestMarksNearestMatchesScan: the grid-indexed hit-test finds what a scan of
// every mark finds, kinds in priority order, at random points and tolerances.
func TestMarksNearestMatchesScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	p := EqualEarth{}
	world := WorldBound(p)
	var m Marks
	pt := func() orb.Point {
		return Project(p, orb.Point{rng.Float64()*360 - 180, rng.Float64()*170 - 85})
	}
	for i := 0; i < 60; i++ {
		m.AddPoint(HitPlace, string(rune('a'+i%26)), pt())
	}
	for i := 0; i < 30; i++ {
		a, b := orb.Point{rng.Float64()*360 - 180, rng.Float64()*140 - 70}, orb.Point{rng.Float64()*360 - 180, rng.Float64()*140 - 70}
		var pieces []orb.LineString
		for _, piece := range SplitAntimeridian(GreatCircle(a, b, 50)) {
			pieces = append(pieces, ProjectLine(p, piece))
		}
		m.AddLine([]HitKind{HitTrip, HitCorridor, HitLink}[i%3], string(rune('A'+i%26)), pieces)
	}
	m.Index(world)
	for i := 0; i < 5000; i++ {
		q, tol := pt(), math.Exp(rng.Float64()*6-7) // 0.0009 … 0.37 projected units
		got, gok := m.Nearest(q, tol, nil)
		want, wok := nearestNaive(&m, q, tol)
		if gok != wok || got != want {
			t.Fatalf("at %v within %g: got %+v %v, want %+v %v", q, tol, got, gok, want, wok)
		}
	}
}
