// Command gen draws the Article Atlas application icon and writes it as a
// 1024×1024 PNG.
//
// Usage:
//
//	go run ./assets/gen -out assets/icon.png
//
// The icon is drawn entirely in code with golang.org/x/image/vector, which
// only fills paths; strokes are therefore built as unions of filled quads and
// discs. The output is deterministic.
package main

import (
	"flag"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"log"
	"math"
	"os"

	"golang.org/x/image/vector"
)

const size = 1024

// Palette. The two land tones come from the ColorBrewer RdBu diverging
// scheme, which stays distinguishable under the common forms of colour
// blindness.
var (
	tileTop    = rgb(0x26, 0x47, 0x70)
	tileBottom = rgb(0x14, 0x25, 0x40)
	oceanLight = rgb(0xe4, 0xf1, 0xf9)
	oceanDark  = rgb(0x9e, 0xc9, 0xe6)
	graticule  = color.NRGBA{0x21, 0x66, 0xac, 0x40}
	landBlue   = rgb(0x21, 0x66, 0xac)
	landOrange = rgb(0xf4, 0xa5, 0x82)
	rimColor   = color.NRGBA{0xff, 0xff, 0xff, 0xe0}
	routeRed   = rgb(0xe6, 0x39, 0x46)
	outline    = rgb(0x1d, 0x35, 0x57)
	white      = rgb(0xff, 0xff, 0xff)
)

// Globe geometry (pixels) and view orientation (degrees).
const (
	globeCX  = 512.0
	globeCY  = 548.0
	globeR   = 345.0
	routeBow = 200.0
	viewLon  = -5.0
	viewLat  = 18.0
)

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{r, g, b, 0xff} }

type pt struct{ x, y float64 }

func (p pt) add(q pt) pt           { return pt{p.x + q.x, p.y + q.y} }
func (p pt) sub(q pt) pt           { return pt{p.x - q.x, p.y - q.y} }
func (p pt) mul(k float64) pt      { return pt{p.x * k, p.y * k} }
func (p pt) len() float64          { return math.Hypot(p.x, p.y) }
func (p pt) unit() pt              { return p.mul(1 / p.len()) }
func (p pt) perp() pt              { return pt{-p.y, p.x} }
func lerpPt(p, q pt, t float64) pt { return p.add(q.sub(p).mul(t)) }

// signedArea returns the shoelace area of a closed polygon.
func signedArea(poly []pt) float64 {
	a := 0.0
	for i := range poly {
		p, q := poly[i], poly[(i+1)%len(poly)]
		a += p.x*q.y - q.x*p.y
	}
	return a / 2
}

// reversed returns poly with its vertex order reversed.
func reversed(poly []pt) []pt {
	out := make([]pt, len(poly))
	for i, p := range poly {
		out[len(poly)-1-i] = p
	}
	return out
}

// oriented returns poly with a positive signed area. The vector rasterizer
// takes the absolute value of the accumulated winding and clamps it to one,
// so polygons that share an orientation combine as a clean union.
func oriented(poly []pt) []pt {
	if signedArea(poly) < 0 {
		return reversed(poly)
	}
	return poly
}

// disc approximates a circle with a polygon fine enough to be smooth at
// 1024 pixels.
func disc(c pt, r float64) []pt {
	n := int(math.Max(24, math.Ceil(r*1.2)))
	poly := make([]pt, n)
	for i := range poly {
		a := 2 * math.Pi * float64(i) / float64(n)
		poly[i] = pt{c.x + r*math.Cos(a), c.y + r*math.Sin(a)}
	}
	return poly
}

// squircle returns a superellipse tile, a softer rounded square.
func squircle(c pt, half, exp float64) []pt {
	const n = 1440
	poly := make([]pt, n)
	for i := range poly {
		a := 2 * math.Pi * float64(i) / n
		ca, sa := math.Cos(a), math.Sin(a)
		x := math.Copysign(math.Pow(math.Abs(ca), 2/exp), ca)
		y := math.Copysign(math.Pow(math.Abs(sa), 2/exp), sa)
		poly[i] = pt{c.x + half*x, c.y + half*y}
	}
	return poly
}

// stroke builds a round-joined, round-capped stroke of an open polyline as
// a set of polygons to be filled together.
func stroke(line []pt, w float64) [][]pt {
	r := w / 2
	var polys [][]pt
	for i := 0; i+1 < len(line); i++ {
		p, q := line[i], line[i+1]
		d := q.sub(p)
		if d.len() == 0 {
			continue
		}
		n := d.unit().perp().mul(r)
		polys = append(polys, []pt{p.add(n), q.add(n), q.sub(n), p.sub(n)})
	}
	for _, p := range line {
		polys = append(polys, disc(p, r))
	}
	return polys
}

// strokeClosed strokes a closed polygon outline.
func strokeClosed(poly []pt, w float64) [][]pt {
	return stroke(append(append([]pt{}, poly...), poly[0]), w)
}

type painter struct {
	dst *image.RGBA
	z   *vector.Rasterizer
}

func newPainter(dst *image.RGBA) *painter {
	b := dst.Bounds()
	return &painter{dst: dst, z: vector.NewRasterizer(b.Dx(), b.Dy())}
}

func (pa *painter) path(polys [][]pt, normalise bool) {
	b := pa.dst.Bounds()
	pa.z.Reset(b.Dx(), b.Dy())
	for _, poly := range polys {
		if len(poly) < 3 {
			continue
		}
		if normalise {
			poly = oriented(poly)
		}
		pa.z.MoveTo(float32(poly[0].x), float32(poly[0].y))
		for _, p := range poly[1:] {
			pa.z.LineTo(float32(p.x), float32(p.y))
		}
		pa.z.ClosePath()
	}
}

// fill paints the union of polys with src.
func (pa *painter) fill(src image.Image, polys ...[]pt) {
	pa.path(polys, true)
	pa.z.Draw(pa.dst, pa.dst.Bounds(), src, image.Point{})
}

// fillColor paints the union of polys with a solid colour.
func (pa *painter) fillColor(c color.Color, polys ...[]pt) {
	pa.fill(image.NewUniform(c), polys...)
}

// mask rasterises the union of polys into an alpha mask.
func mask(b image.Rectangle, polys ...[]pt) *image.Alpha {
	m := image.NewAlpha(b)
	z := vector.NewRasterizer(b.Dx(), b.Dy())
	for _, poly := range polys {
		poly = oriented(poly)
		z.MoveTo(float32(poly[0].x), float32(poly[0].y))
		for _, p := range poly[1:] {
			z.LineTo(float32(p.x), float32(p.y))
		}
		z.ClosePath()
	}
	z.Draw(m, b, image.Opaque, image.Point{})
	return m
}

// gradient is a procedural image whose colour is computed per pixel.
type gradient struct {
	b image.Rectangle
	f func(x, y float64) color.NRGBA
}

func (g gradient) ColorModel() color.Model { return color.NRGBAModel }
func (g gradient) Bounds() image.Rectangle { return g.b }
func (g gradient) At(x, y int) color.Color { return g.f(float64(x)+0.5, float64(y)+0.5) }

func mix(a, b color.NRGBA, t float64) color.NRGBA {
	t = math.Max(0, math.Min(1, t))
	m := func(p, q uint8) uint8 { return uint8(math.Round(float64(p) + (float64(q)-float64(p))*t)) }
	return color.NRGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), m(a.A, b.A)}
}

// vec3 is a point on or above the unit sphere in view space.
type vec3 struct{ x, y, z float64 }

func rad(d float64) float64 { return d * math.Pi / 180 }

// sphere converts latitude and longitude (degrees) to a unit vector in
// world space (z through the north pole).
func sphere(lat, lon float64) vec3 {
	la, lo := rad(lat), rad(lon)
	return vec3{math.Cos(la) * math.Cos(lo), math.Cos(la) * math.Sin(lo), math.Sin(la)}
}

// view rotates a world vector into view space: x right, y up, z towards
// the viewer.
func view(v vec3) vec3 {
	lo, la := rad(viewLon), rad(viewLat)
	// Rotate about the pole so viewLon faces the viewer.
	x := v.x*math.Cos(lo) + v.y*math.Sin(lo)
	y := -v.x*math.Sin(lo) + v.y*math.Cos(lo)
	z := v.z
	// Tilt so viewLat faces the viewer.
	return vec3{
		x: y,
		y: -x*math.Sin(la) + z*math.Cos(la),
		z: x*math.Cos(la) + z*math.Sin(la),
	}
}

// project maps a view-space vector to pixels (orthographic). Points on the
// far side are pushed onto the limb, which is good enough for filled shapes
// that are clipped to the globe anyway.
func project(v vec3) pt {
	if v.z < 0 {
		l := math.Hypot(v.x, v.y)
		v.x, v.y = v.x/l, v.y/l
	}
	return pt{globeCX + globeR*v.x, globeCY - globeR*v.y}
}

func projectLatLon(lat, lon float64) pt { return project(view(sphere(lat, lon))) }

// visible reports whether a point on the sphere faces the viewer.
func visible(lat, lon float64) bool { return view(sphere(lat, lon)).z > 0 }

// graticuleLines returns the visible parts of meridians and parallels as
// polylines.
func graticuleLines() [][]pt {
	var lines [][]pt
	flush := func(cur []pt) []pt {
		if len(cur) > 1 {
			lines = append(lines, cur)
		}
		return nil
	}
	var cur []pt
	for lon := -180.0; lon < 180; lon += 30 {
		for lat := -90.0; lat <= 90; lat += 1 {
			if visible(lat, lon) {
				cur = append(cur, projectLatLon(lat, lon))
			} else {
				cur = flush(cur)
			}
		}
		cur = flush(cur)
	}
	for lat := -60.0; lat <= 60; lat += 30 {
		for lon := -180.0; lon <= 180; lon += 1 {
			if visible(lat, lon) {
				cur = append(cur, projectLatLon(lat, lon))
			} else {
				cur = flush(cur)
			}
		}
		cur = flush(cur)
	}
	return lines
}

// blob describes an invented landmass: an ellipse in latitude/longitude
// with a few harmonics to make the coast irregular.
type blob struct {
	lat, lon   float64 // centre, degrees
	rLat, rLon float64 // radii, degrees
	rot        float64 // rotation, degrees
	harm       [][3]float64
}

func (b blob) outline() []pt {
	const n = 360
	poly := make([]pt, n)
	cr, sr := math.Cos(rad(b.rot)), math.Sin(rad(b.rot))
	for i := range poly {
		a := 2 * math.Pi * float64(i) / n
		k := 1.0
		for _, h := range b.harm { // {frequency, amplitude, phase}
			k += h[1] * math.Sin(h[0]*a+h[2])
		}
		dx, dy := b.rLon*k*math.Cos(a), b.rLat*k*math.Sin(a)
		lon := b.lon + dx*cr - dy*sr
		lat := b.lat + dx*sr + dy*cr
		poly[i] = projectLatLon(lat, lon)
	}
	return poly
}

// Landmasses are deliberately abstract: soft blobs, not real coastlines.
var (
	blueLand = []blob{
		{lat: 44, lon: 42, rLat: 17, rLon: 32, rot: -8, harm: [][3]float64{{2, 0.10, 0.4}, {3, 0.10, 1.9}, {5, 0.04, 0.7}}},
		{lat: -2, lon: 30, rLat: 25, rLon: 16, rot: 14, harm: [][3]float64{{2, 0.10, 2.2}, {3, 0.08, 0.3}, {4, 0.04, 1.1}}},
		{lat: 58, lon: -20, rLat: 7, rLon: 12, rot: 0, harm: [][3]float64{{2, 0.10, 1.0}, {3, 0.06, 0.2}}},
	}
	orangeLand = []blob{
		{lat: -10, lon: -40, rLat: 27, rLon: 18, rot: -12, harm: [][3]float64{{2, 0.10, 1.3}, {3, 0.09, 0.2}, {5, 0.04, 2.0}}},
		{lat: 44, lon: -58, rLat: 16, rLon: 26, rot: 10, harm: [][3]float64{{2, 0.12, 0.5}, {3, 0.08, 2.7}, {4, 0.04, 1.6}}},
		{lat: -34, lon: 50, rLat: 10, rLon: 15, rot: 20, harm: [][3]float64{{2, 0.10, 1.0}, {3, 0.05, 2.1}}},
	}
)

// route returns the journey arc between two places on the globe, drawn as a
// circular arc that bows upwards so it reads as a flight path.
func route() []pt {
	a := projectLatLon(-4, -40)
	b := projectLatLon(6, 31)
	chord := b.sub(a)
	c := chord.len()
	up := chord.unit().perp()
	if up.y > 0 {
		up = up.mul(-1)
	}
	r := (c*c/4 + routeBow*routeBow) / (2 * routeBow)
	centre := lerpPt(a, b, 0.5).add(up.mul(routeBow - r))
	a0 := math.Atan2(a.y-centre.y, a.x-centre.x)
	a1 := math.Atan2(b.y-centre.y, b.x-centre.x)
	// Take the short way round, through the bulge.
	for a1-a0 > math.Pi {
		a1 -= 2 * math.Pi
	}
	for a0-a1 > math.Pi {
		a1 += 2 * math.Pi
	}
	const n = 240
	line := make([]pt, n+1)
	for i := range line {
		t := a0 + (a1-a0)*float64(i)/n
		line[i] = pt{centre.x + r*math.Cos(t), centre.y + r*math.Sin(t)}
	}
	return line
}

// length returns the length of a polyline.
func length(line []pt) float64 {
	total := 0.0
	for i := 0; i+1 < len(line); i++ {
		total += line[i+1].sub(line[i]).len()
	}
	return total
}

// pointAt returns the point at fraction t of a polyline's length.
func pointAt(line []pt, t float64) pt {
	want := t * length(line)
	for i := 0; i+1 < len(line); i++ {
		l := line[i+1].sub(line[i]).len()
		if want <= l {
			return lerpPt(line[i], line[i+1], want/l)
		}
		want -= l
	}
	return line[len(line)-1]
}

// sub returns the part of a polyline between fractions t0 and t1 of its
// length.
func sub(line []pt, t0, t1 float64) []pt {
	total := length(line)
	p0 := pointAt(line, t0)
	p1 := pointAt(line, t1)
	out := []pt{p0}
	d := 0.0
	for i := 0; i+1 < len(line); i++ {
		d += line[i+1].sub(line[i]).len()
		if d > t0*total && d < t1*total {
			out = append(out, line[i+1])
		}
	}
	return append(out, p1)
}

// arrowhead returns a swept arrowhead with its tip at tip, pointing along
// dir.
func arrowhead(tip, dir pt, length, width float64) []pt {
	n := dir.perp()
	back := tip.sub(dir.mul(length))
	notch := tip.sub(dir.mul(length * 0.8))
	return []pt{
		tip,
		back.add(n.mul(width / 2)),
		notch,
		back.sub(n.mul(width / 2)),
	}
}

func draw1024() *image.RGBA {
	b := image.Rect(0, 0, size, size)
	img := image.NewRGBA(b)
	pa := newPainter(img)

	// Tile.
	tile := squircle(pt{512, 512}, 472, 5)
	pa.fill(gradient{b, func(x, y float64) color.NRGBA {
		return mix(tileTop, tileBottom, (y-40)/944)
	}}, tile)

	// Soft drop shadow under the globe.
	for i := 0; i < 12; i++ {
		r := globeR + 26 - float64(i)*2
		pa.fillColor(color.NRGBA{0x05, 0x10, 0x20, 0x0a}, disc(pt{globeCX, globeCY + 16}, r))
	}

	// Globe contents go on their own layer, clipped to the globe disc.
	layer := image.NewRGBA(b)
	lp := newPainter(layer)
	globe := disc(pt{globeCX, globeCY}, globeR)
	lp.fill(gradient{b, func(x, y float64) color.NRGBA {
		// Light from the upper left.
		dx, dy := (x-(globeCX-120))/globeR, (y-(globeCY-140))/globeR
		return mix(oceanLight, oceanDark, math.Hypot(dx, dy)/1.7)
	}}, globe)
	for _, l := range graticuleLines() {
		lp.fillColor(graticule, stroke(l, 5)...)
	}
	for _, bl := range blueLand {
		lp.fillColor(landBlue, bl.outline())
	}
	for _, bl := range orangeLand {
		lp.fillColor(landOrange, bl.outline())
	}
	// Shade the limb so the disc reads as a sphere.
	lp.fill(gradient{b, func(x, y float64) color.NRGBA {
		d := math.Hypot(x-globeCX, y-globeCY) / globeR
		side := math.Max(0, ((x-globeCX)+(y-globeCY))/(globeR*1.41))
		a := math.Pow(math.Max(0, d-0.55)/0.45, 2)*0.22 + side*0.18
		return color.NRGBA{0x0a, 0x1a, 0x33, uint8(255 * math.Min(0.5, a))}
	}}, globe)
	draw.DrawMask(img, b, layer, image.Point{}, mask(b, globe), image.Point{}, draw.Over)

	// Rim.
	ring := [][]pt{disc(pt{globeCX, globeCY}, globeR+7), reversed(disc(pt{globeCX, globeCY}, globeR-3))}
	pa.path(ring, false)
	pa.z.Draw(img, b, image.NewUniform(rimColor), image.Point{})

	// Journey: outline first, then the red route on top.
	line := route()
	const w = 52.0
	const halo = 14.0
	const dotR = 46.0
	start, end := line[0], line[len(line)-1]
	// The route runs from the start marker to an arrowhead that stops just
	// short of the destination marker. The arrowhead's axis is the chord
	// between the points on the arc where its base and tip sit, so it
	// follows the curve.
	const headLen, headWidth = 136.0, 144.0
	total := length(line)
	tipT := 1 - (dotR+halo+20)/total
	baseT := tipT - headLen/total
	tip := pointAt(line, tipT)
	base := pointAt(line, baseT)
	head := arrowhead(tip, tip.sub(base).unit(), headLen, headWidth)
	body := sub(line, 0, baseT+0.3*headLen/total)

	var under [][]pt
	under = append(under, stroke(body, w+2*halo)...)
	under = append(under, strokeClosed(head, 2*halo)...)
	under = append(under, head)
	under = append(under, disc(start, dotR+halo), disc(end, dotR+halo))
	pa.fillColor(outline, under...)

	pa.fillColor(routeRed, stroke(body, w)...)
	pa.fillColor(routeRed, append(strokeClosed(head, 6), head)...)
	for _, p := range []pt{start, end} {
		pa.fillColor(white, disc(p, dotR))
		pa.fillColor(routeRed, disc(p, dotR*0.6))
	}
	return img
}

func main() {
	out := flag.String("out", "assets/icon.png", "output PNG path")
	flag.Parse()

	img := draw1024()
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
