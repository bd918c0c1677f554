// Hits: which mark of the map — a place, a trip, a corridor, an energy link or
// a country — lies under a point.
package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// HitKind is what a hit found. The kinds are in order of priority: under a
// pointer, a place wins over a trip, a trip over a corridor, and so on.
type HitKind int

// The kinds of hit, highest priority first.
const (
	HitNone     HitKind = iota
	HitPlace            // a marker
	HitTrip             // a trip's arc
	HitCorridor         // a Belt and Road corridor or sea lane
	HitLink             // an energy link
	HitCountry          // a country's area
)

// Hit is the mark under a point: its kind and the id of what it shows (a
// place, trip or corridor id; an ISO3 code for a country).
type Hit struct {
	Kind HitKind
	ID   string
}

// Marks is a set of projected point and line marks to hit-test, each with a
// kind and an id. Build it once per projection with AddPoint and AddLine; it
// is then read-only and safe for concurrent use.
type Marks struct {
	points []markPoint
	lines  []markLine
}

type markPoint struct {
	kind HitKind
	id   string
	at   orb.Point
}

type markLine struct {
	kind  HitKind
	id    string
	piece orb.LineString
	bound orb.Bound
}

// AddPoint adds a point mark at the projected point at.
func (m *Marks) AddPoint(kind HitKind, id string, at orb.Point) {
	m.points = append(m.points, markPoint{kind, id, at})
}

// AddLine adds a line mark made of projected pieces.
func (m *Marks) AddLine(kind HitKind, id string, pieces []orb.LineString) {
	for _, p := range pieces {
		if len(p) > 0 {
			m.lines = append(m.lines, markLine{kind, id, p, p.Bound()})
		}
	}
}

// Nearest returns the mark within tol (projected units) of the projected
// point p whose kind has the highest priority, the nearest one among those;
// accept says which marks count (nil: all), e.g. those of the layers shown.
// ok is false when none is in reach.
func (m *Marks) Nearest(p orb.Point, tol float64, accept func(Hit) bool) (hit Hit, ok bool) {
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) || !(tol > 0) {
		return Hit{}, false
	}
	best := math.Inf(1)
	consider := func(kind HitKind, id string, d2 float64) {
		if d2 > tol*tol || accept != nil && !accept(Hit{kind, id}) {
			return
		}
		if !ok || kind < hit.Kind || kind == hit.Kind && d2 < best {
			hit, best, ok = Hit{kind, id}, d2, true
		}
	}
	for i := range m.points {
		mp := &m.points[i]
		dx, dy := mp.at[0]-p[0], mp.at[1]-p[1]
		consider(mp.kind, mp.id, dx*dx+dy*dy)
	}
	for i := range m.lines {
		ml := &m.lines[i]
		if ok && ml.kind > hit.Kind || !ml.bound.Pad(tol).Contains(p) {
			continue
		}
		d2 := math.Inf(1)
		for j := 1; j < len(ml.piece); j++ {
			a, b := ml.piece[j-1], ml.piece[j]
			d2 = math.Min(d2, segmentDistance2(p, segment{a[0], a[1], b[0], b[1]}))
		}
		consider(ml.kind, ml.id, d2)
	}
	return hit, ok
}

// MarkToleranceDp is how far (dp) from a marker's centre or a line a pointer
// still picks it.
const MarkToleranceDp = 5.0

// HitTestMarks returns what lies under the screen point at (dp): the mark
// of marks within MarkToleranceDp with the highest priority that accept
// takes (nil: all), else the country of layer l under the point (or within
// HitToleranceDp of it), if accept takes countries. ok is false over open
// ocean, away from any mark.
func (v View) HitTestMarks(l *Layer, marks *Marks, accept func(Hit) bool, at orb.Point) (Hit, bool) {
	p := v.ScreenToProjected(at)
	if marks != nil {
		if h, ok := marks.Nearest(p, MarkToleranceDp/v.Scale(), accept); ok {
			return h, true
		}
	}
	if ci, ok := v.HitTest(l, at); ok {
		h := Hit{HitCountry, l.Countries.List[ci].ISO3}
		if accept == nil || accept(h) {
			return h, true
		}
	}
	return Hit{}, false
}
