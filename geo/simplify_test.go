package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// fineLayer is the 1:50m countries under proj.
func fineLayer(t testing.TB, proj Projection) *Layer {
	t.Helper()
	return NewLayer(fineCountries(t), proj)
}

// vertexCount counts the points of every ring of polys.
func vertexCount(polys []Poly) int {
	n := 0
	for _, p := range polys {
		for _, r := range p.Rings {
			n += len(r)
		}
	}
	return n
}

// TestSimplifiedStaysWithinTolerance checks, at the tolerance of a world map
// about 2000 px wide, that the 1:50m countries lose most of their vertices,
// that every vertex removed lies within the tolerance of its polygon's
// simplified outline, and that every ring stays closed.
func TestSimplifiedStaysWithinTolerance(t *testing.T) {
	l := fineLayer(t, EqualEarth{})
	tol := 0.25 * (l.World.Max[0] - l.World.Min[0]) / 2000
	polys := l.Simplified(tol)
	before, after := vertexCount(l.Polys), vertexCount(polys)
	if after > before/2 {
		t.Errorf("simplified to %d of %d vertices, want at most half", after, before)
	}
	if len(polys) != len(l.Polys) {
		t.Fatalf("%d polygons, want %d", len(polys), len(l.Polys))
	}
	for pi, p := range polys {
		orig := l.Polys[pi]
		if p.Country != orig.Country || len(p.Rings) != len(orig.Rings) || len(p.Dup) != len(p.Rings) || len(p.Chunks) != len(p.Rings) {
			t.Fatalf("polygon %d: country, rings, Dup or Chunks do not match the original", pi)
		}
		for ri, r := range p.Rings {
			if r[0] != r[len(r)-1] {
				t.Errorf("polygon %d ring %d is not closed", pi, ri)
			}
			for _, v := range orig.Rings[ri] {
				best := math.Inf(1)
				for i := 1; i < len(r); i++ {
					best = math.Min(best, segmentDistance2(v, segment{r[i-1][0], r[i-1][1], r[i][0], r[i][1]}))
				}
				// The distance is to the segment that replaced v; the nearest
				// segment of the ring is at most that far.
				if math.Sqrt(best) > tol*1.0000001 {
					t.Fatalf("polygon %d ring %d: vertex %v is %g from the simplified ring, tolerance %g", pi, ri, v, math.Sqrt(best), tol)
				}
			}
		}
	}
}

// TestSimplifiedKeepsBordersSealed checks that neighbours keep the same
// vertices along the border they share: a vertex of two or more polygons
// is kept in all of them or in none, so no gap or overlap opens between
// countries. And the border segments met twice are still marked once in Dup.
func TestSimplifiedKeepsBordersSealed(t *testing.T) {
	for _, proj := range []Projection{EqualEarth{}, DefaultGlobe} {
		t.Run(proj.Name(), func(t *testing.T) {
			l := fineLayer(t, proj)
			tol := 0.25 * (l.World.Max[0] - l.World.Min[0]) / 1000
			polys := l.Simplified(tol)
			owners := map[orb.Point]map[int]bool{} // polygons having each vertex, before
			for pi, p := range l.Polys {
				for _, r := range p.Rings {
					for _, v := range r {
						if owners[v] == nil {
							owners[v] = map[int]bool{}
						}
						owners[v][pi] = true
					}
				}
			}
			kept := map[orb.Point]map[int]bool{}
			for pi, p := range polys {
				for _, r := range p.Rings {
					for _, v := range r {
						if kept[v] == nil {
							kept[v] = map[int]bool{}
						}
						kept[v][pi] = true
					}
				}
			}
			shared, broken := 0, 0
			for v, in := range owners {
				if len(in) < 2 {
					continue
				}
				shared++
				if k := len(kept[v]); k != 0 && k != len(in) {
					broken++
					if broken < 5 {
						t.Errorf("vertex %v of %d polygons is kept in %d", v, len(in), k)
					}
				}
			}
			if shared < 1000 {
				t.Fatalf("only %d shared vertices: the test sees no borders", shared)
			}
			if broken > 0 {
				t.Errorf("%d of %d shared vertices kept by some of their polygons only", broken, shared)
			}
			dups := 0
			for _, p := range polys {
				for _, d := range p.Dup {
					for _, b := range d {
						if b {
							dups++
						}
					}
				}
			}
			if dups == 0 {
				t.Error("no border segment marked as drawn by a neighbour")
			}
		})
	}
}

// TestSimplifiedLevels checks that tolerances in one level share their
// polygons, that the next level up keeps fewer vertices and a finer one
// more, and that a tolerance too small to remove much, or no tolerance,
// gives Polys.
func TestSimplifiedLevels(t *testing.T) {
	l := fineLayer(t, EqualEarth{})
	w := l.World.Max[0] - l.World.Min[0]
	// A tolerance just above a level's, 2^(k/levelsPerOctave) for the k below
	// w/1024; ×within stays in its level, ×next reaches the next one.
	step := math.Exp2(math.Floor(levelsPerOctave*math.Log2(w/1024))/levelsPerOctave) * 1.01
	within, next := math.Exp2(0.9/levelsPerOctave), math.Exp2(1.05/levelsPerOctave)
	a, b := l.Simplified(step), l.Simplified(step*within)
	if &a[0] != &b[0] {
		t.Error("tolerances in one level gave different polygons")
	}
	if up := l.Simplified(step * next); &up[0] == &a[0] || vertexCount(up) >= vertexCount(a) {
		t.Errorf("the next level up has %d vertices, this level %d", vertexCount(up), vertexCount(a))
	}
	if fine := l.Simplified(step / 8); vertexCount(fine) <= vertexCount(a) {
		t.Errorf("finer level has %d vertices, coarser %d", vertexCount(fine), vertexCount(a))
	}
	for _, tol := range []float64{w * 1e-9, 0, math.NaN(), math.Inf(1)} {
		if got := l.Simplified(tol); &got[0] != &l.Polys[0] {
			t.Errorf("tolerance %g: got new polygons, want Polys", tol)
		}
	}
}

// BenchmarkSimplified is the first use of a simplification level of the
// 1:50m countries (a world map about 2000 px wide): finding where borders
// meet, then simplifying every ring.
func BenchmarkSimplified(b *testing.B) {
	cs := fineCountries(b)
	tol := 0.25 * (WorldBound(EqualEarth{}).Max[0] - WorldBound(EqualEarth{}).Min[0]) / 2000
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		l := NewLayer(cs, EqualEarth{})
		b.StartTimer()
		l.Simplified(tol)
	}
}

// TestSimplifiedConcurrentFirstUse has several goroutines (the bands of one
// frame) ask for the same new level at once: they all get the same polygons.
func TestSimplifiedConcurrentFirstUse(t *testing.T) {
	l := fineLayer(t, EqualEarth{})
	tol := (l.World.Max[0] - l.World.Min[0]) / 4000
	got := make([][]Poly, 4)
	done := make(chan int)
	for i := range got {
		go func() {
			got[i] = l.Simplified(tol)
			done <- i
		}()
	}
	for range got {
		<-done
	}
	for i := range got {
		if &got[i][0] != &got[0][0] {
			t.Fatalf("goroutine %d got other polygons than goroutine 0", i)
		}
	}
}

// TestLinesSimplified simplifies the graticule for a world map about 2000 px
// wide: the straight parallels keep their two ends, the curved meridians
// fewer points than they are sampled with but every one they drop lies
// within the tolerance; every line keeps its ends, its chunks are those of
// the simplified line, tolerances within one level share their lines, and
// a tolerance that is not positive and finite gives the full lines.
func TestLinesSimplified(t *testing.T) {
	grat := Graticule(EqualEarth{}, 30)
	l := NewLines(grat)
	w := WorldBound(EqualEarth{}).Max[0] - WorldBound(EqualEarth{}).Min[0]
	tol := levelTolerance(toleranceLevel(0.1*w/2000)) * 1.01 // just above a level
	s := l.Simplified(tol)
	if len(s.Lines) != len(grat) || len(s.Chunks) != len(grat) {
		t.Fatalf("%d lines and %d chunk lists, want %d", len(s.Lines), len(s.Chunks), len(grat))
	}
	before, after := 0, 0
	for i, ls := range s.Lines {
		full := grat[i]
		before, after = before+len(full), after+len(ls)
		if ls[0] != full[0] || ls[len(ls)-1] != full[len(full)-1] {
			t.Errorf("line %d lost an end", i)
		}
		if full[0][1] == full[len(full)-1][1] && len(ls) != 2 {
			t.Errorf("parallel %d kept %d points, want its 2 ends", i, len(ls))
		}
		for _, v := range full {
			best := math.Inf(1)
			for k := 1; k < len(ls); k++ {
				best = math.Min(best, segmentDistance2(v, segment{ls[k-1][0], ls[k-1][1], ls[k][0], ls[k][1]}))
			}
			if math.Sqrt(best) > tol*1.0000001 {
				t.Fatalf("line %d: point %v is %g from the simplified line, tolerance %g", i, v, math.Sqrt(best), tol)
			}
		}
		want := ChunkBounds(orb.Ring(ls))
		if len(want) != len(s.Chunks[i]) {
			t.Fatalf("line %d: %d chunks, want %d", i, len(s.Chunks[i]), len(want))
		}
		for k := range want {
			if want[k] != s.Chunks[i][k] {
				t.Fatalf("line %d chunk %d: %v, want %v", i, k, s.Chunks[i][k], want[k])
			}
		}
	}
	if after*4 > before {
		t.Errorf("kept %d of %d points, want at most a quarter", after, before)
	}
	if again := l.Simplified(tol * 1.3); &again.Lines[0][0] != &s.Lines[0][0] {
		t.Error("a tolerance in the same level gave other lines")
	}
	for _, bad := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if got := l.Simplified(bad); &got.Lines[0][0] != &grat[0][0] || len(got.Chunks) != len(grat) {
			t.Errorf("tolerance %g: want the full lines with their chunks", bad)
		}
	}
}
