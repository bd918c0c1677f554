// View: what part of the projected world is shown, and the screen transform.

package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Zoom limits of a View: 0 shows the whole world, each unit doubles the scale.
const (
	MinZoom = 0.0
	MaxZoom = 7.0
)

// worldPad is the fraction of the smaller screen side left free around the world at zoom 0.
const worldPad = 0.02

// View is the visible part of the map: a projection, the projected point at
// the centre of the screen, a fractional zoom and the screen size in dp
// (device-independent units; multiply by the pixel scale for device pixels).
// A View is a small value; its methods never modify it unless they say so.
type View struct {
	Proj   Projection
	Center orb.Point // projected plane units
	Zoom   float64   // 0 = whole world; clamped to [MinZoom, MaxZoom]
	Width  float64   // dp
	Height float64   // dp
	world  orb.Bound
}

// NewView returns a view of the whole world under p on a screen of w×h dp.
func NewView(p Projection, w, h float64) View {
	wb := WorldBound(p)
	return View{Proj: p, Center: wb.Center(), Width: w, Height: h, world: wb}
}

// World is the projected bound of the sphere under the view's projection.
func (v View) World() orb.Bound { return v.world }

// Scale is the number of dp per projected plane unit.
func (v View) Scale() float64 {
	ww := v.world.Max[0] - v.world.Min[0]
	wh := v.world.Max[1] - v.world.Min[1]
	if ww <= 0 || wh <= 0 || v.Width <= 0 || v.Height <= 0 {
		return 1
	}
	pad := worldPad * math.Min(v.Width, v.Height)
	base := math.Min((v.Width-2*pad)/ww, (v.Height-2*pad)/wh)
	return math.Max(base, 1e-9) * math.Exp2(v.Zoom)
}

// ProjectedToScreen maps a projected point to screen dp (y grows downwards).
func (v View) ProjectedToScreen(p orb.Point) orb.Point { return v.Transform(1).Apply(p) }

// ScreenToProjected maps screen dp to a projected point; the inverse of ProjectedToScreen.
func (v View) ScreenToProjected(p orb.Point) orb.Point { return v.Transform(1).Invert(p) }

// ToScreen maps lon/lat degrees to screen dp.
func (v View) ToScreen(ll orb.Point) orb.Point {
	return v.ProjectedToScreen(Project(v.Proj, ll))
}

// FromScreen maps screen dp to lon/lat degrees; ok is false off the map.
func (v View) FromScreen(p orb.Point) (orb.Point, bool) {
	q := v.ScreenToProjected(p)
	lon, lat, ok := v.Proj.Inverse(q[0], q[1])
	return orb.Point{lon, lat}, ok
}

// PanBy moves the map content by (dx, dy) dp, as a drag does, and clamps the centre.
func (v *View) PanBy(dx, dy float64) {
	s := v.Scale()
	v.Center[0] -= dx / s
	v.Center[1] += dy / s
	v.clamp()
}

// ZoomAround changes the zoom by dz while keeping the map point under the
// screen point at (dp) where it is, as a wheel zoom at the cursor does.
func (v *View) ZoomAround(at orb.Point, dz float64) {
	anchor := v.ScreenToProjected(at)
	v.Zoom = clampZoom(v.Zoom + dz)
	// Centre the anchor, then move it back under at.
	v.Center = anchor
	v.Center = v.ScreenToProjected(orb.Point{v.Width - at[0], v.Height - at[1]})
	v.clamp()
}

// Fit centres the view on the projected bound b and picks the largest zoom at
// which b fits with pad dp to spare on every side.
func (v *View) Fit(b orb.Bound, pad float64) {
	v.Center = b.Center()
	v.Zoom = 0
	base := v.Scale()
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	need := math.Max(w/math.Max(v.Width-2*pad, 1), h/math.Max(v.Height-2*pad, 1))
	if need > 0 {
		v.Zoom = clampZoom(math.Log2(1 / (need * base)))
	}
	v.clamp()
}

// Resize sets the screen size in dp, keeping the centre and zoom.
func (v *View) Resize(w, h float64) {
	v.Width, v.Height = w, h
	v.clamp()
}

// SetProjection switches projection, keeping the lon/lat at the centre of the
// screen when zoomed in (or, if p does not show it — the globe's far side —
// centring the map); at zoom 0 the new map is shown whole and centred.
func (v *View) SetProjection(p Projection) {
	lon, lat, ok := v.Proj.Inverse(v.Center[0], v.Center[1])
	v.Proj, v.world = p, WorldBound(p)
	v.Center = v.world.Center()
	if c := Project(p, orb.Point{lon, lat}); ok && v.Zoom > 0 && finite(c) {
		v.Center = c
	}
	v.clamp()
}

// Grab returns the lon/lat point (degrees) that a drag starting at the screen
// point at (dp) takes hold of: the one under it; on a globe, when at is off
// the disc, the nearest point of the horizon. ok is false off any other map.
func (v View) Grab(at orb.Point) (ll orb.Point, ok bool) {
	q := v.ScreenToProjected(at)
	if _, globe := v.Proj.(Orthographic); globe {
		if r := math.Hypot(q[0], q[1]); r > 1 {
			q = orb.Point{q[0] / r, q[1] / r}
		}
	}
	lon, lat, ok := v.Proj.Inverse(q[0], q[1])
	return orb.Point{lon, lat}, ok
}

// Turn turns the view's globe, north kept up, so that the lon/lat point ll
// (degrees, from Grab) lies under the screen point at (dp), or as near to it
// as a turn can bring it (see Orthographic.Grab); the centre and zoom stay.
// It does nothing and returns false when the projection is not a globe.
func (v *View) Turn(ll, at orb.Point) bool {
	o, globe := v.Proj.(Orthographic)
	if !globe {
		return false
	}
	v.Proj = o.Grab(ll, v.ScreenToProjected(at))
	return true
}

// Reset shows the whole world again.
func (v *View) Reset() {
	v.Center, v.Zoom = v.world.Center(), 0
}

func clampZoom(z float64) float64 {
	if math.IsNaN(z) {
		return MinZoom
	}
	return math.Max(MinZoom, math.Min(MaxZoom, z))
}

// clamp keeps the zoom in range and the centre over the world, so the map can
// never be dragged out of sight.
func (v *View) clamp() {
	v.Zoom = clampZoom(v.Zoom)
	if math.IsNaN(v.Center[0]) || math.IsNaN(v.Center[1]) || math.IsInf(v.Center[0], 0) || math.IsInf(v.Center[1], 0) {
		v.Center = v.world.Center()
	}
	v.Center[0] = math.Max(v.world.Min[0], math.Min(v.world.Max[0], v.Center[0]))
	v.Center[1] = math.Max(v.world.Min[1], math.Min(v.world.Max[1], v.Center[1]))
}

// HitToleranceDp is how far (dp) from a country's edge a pointer still picks
// it, when it is over no country: small islands stay clickable at any zoom.
const HitToleranceDp = 3.0

// HitTest returns the country under the screen point at (dp) in layer l, drawn
// with this view, or else the country whose edge is within HitToleranceDp;
// ok is false over open ocean.
func (v View) HitTest(l *Layer, at orb.Point) (int, bool) {
	p := v.ScreenToProjected(at)
	if ci, ok := l.HitTest(p); ok {
		return ci, true
	}
	return l.Nearest(p, HitToleranceDp/v.Scale())
}
