// Command gen draws the Article Atlas application icon and writes it as a
// 1024×1024 PNG.
//
// Usage:
//
//	go run ./assets/gen -out assets/icon.png
//
// The icon is a scene drawn by the atlas's own renderer (app/render): a navy
// tile, the globe in an orthographic view (geo.Orthographic) with its
// graticule and the 1:110m countries — Rome Statute parties blue, the rest
// orange — and Putin's route from Moscow to Beijing, a great circle with an
// arrowhead. The output is deterministic.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"

	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/data"
	"articleatlas/geo"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
)

const size = 1024

// Palette. The two land tones come from the ColorBrewer RdBu diverging
// scheme, which stays distinguishable under the common forms of colour
// blindness.
var (
	tileTop    = rgb(0x26, 0x47, 0x70)
	tileBottom = rgb(0x14, 0x25, 0x40)
	shadow     = color.NRGBA{0x05, 0x10, 0x20, 0x0a}
	oceanLight = rgb(0xe4, 0xf1, 0xf9)
	oceanDark  = rgb(0x9e, 0xc9, 0xe6)
	graticule  = color.NRGBA{0x21, 0x66, 0xac, 0x40}
	landBlue   = rgb(0x21, 0x66, 0xac)
	landOrange = rgb(0xf4, 0xa5, 0x82)
	shade      = rgb(0x0a, 0x1a, 0x33)
	rimColor   = color.NRGBA{0xff, 0xff, 0xff, 0xe0}
	routeRed   = rgb(0xe6, 0x39, 0x46)
	outline    = rgb(0x1d, 0x35, 0x57)
	white      = rgb(0xff, 0xff, 0xff)
)

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{r, g, b, 0xff} }

// Globe geometry (pixels). The scene's projected unit is the globe's radius:
// the orthographic unit disc is the globe.
const (
	globeCX = 512.0
	globeCY = 548.0
	globeR  = 345.0
)

// iconT maps the projected plane onto the icon.
var iconT = geo.Transform{S: globeR, Tx: globeCX, Ty: globeCY}

// The view and the journey: Putin's trip of 17 October 2023, from Moscow to
// Beijing, seen from a little south of its middle, so the great circle bows
// gently upwards across the middle of the globe.
var (
	view    = geo.Orthographic{Lon0: 78, Lat0: 45}
	moscow  = orb.Point{37.6175, 55.7504}
	beijing = orb.Point{116.4074, 39.9042}
)

// Route and marker sizes (pixels).
const (
	routeWidth = 32.0
	headWidth  = 8.0  // the head's own line, which sets the arrowhead's size (see journey)
	dotR       = 32.0 // white marker disc
	halo       = 11.0 // navy outline around the route and markers
	tipGap     = 10.0 // clear space between the arrow's outline and the end marker's
)

// pxPerDp is the icon's pixel scale. The renderer's widths are in dp; this
// scale makes a route's casing (1.5 dp wider than its line) the icon's
// halo on each side. Widths are given in pixels and divided by it.
const pxPerDp = 2 * halo / 1.5

// fromPx maps icon pixels to the projected plane.
func fromPx(x, y float64) orb.Point { return iconT.Invert(orb.Point{x, y}) }

// tileLayer is the rounded tile, its vertical gradient painted as one band
// per colour: each band is the tile clipped to whole pixel rows, so bands
// meet exactly on pixel edges and leave no seams.
func tileLayer() *shapes {
	tile := squircle(fromPx(512, 512), 472/globeR, 5)
	at := func(row int) color.NRGBA { return mix(tileTop, tileBottom, (float64(row)+0.5-40)/944) }
	l := &shapes{name: "tile"}
	top := 0 // first row of the band
	for y := 1; y <= size; y++ {
		if y < size && at(y) == at(top) {
			continue
		}
		rows := orb.Bound{Min: fromPx(-1, float64(y)), Max: fromPx(size+1, float64(top))}
		if r := clip.Ring(rows, tile.Clone()); r != nil {
			l.add(at(top), r)
		}
		top = y
	}
	return l
}

// shadowLayer is the soft shadow under the globe: twelve translucent discs.
func shadowLayer() *shapes {
	l := &shapes{name: "shadow"}
	c := fromPx(globeCX, globeCY+16)
	for i := 0; i < 12; i++ {
		l.add(shadow, circle(c, (globeR+26-float64(i)*2)/globeR))
	}
	return l
}

// oceanLayer fills the globe with a radial gradient lit from the upper left:
// discs around the light, largest first, each clipped to the globe, one per
// colour (sampled every pixel of radius), each smaller one painted over the
// larger.
func oceanLayer() *shapes {
	light := orb.Point{-120 / globeR, 140 / globeR}
	far := 1 + math.Hypot(light[0], light[1]) // reaches past the globe
	at := func(r float64) color.NRGBA { return mix(oceanLight, oceanDark, r/1.7) }
	l := &shapes{name: "ocean"}
	const step = 1 / globeR // one pixel
	outer := far
	for r := far - step; ; r -= step {
		if r > 0 && at(r) == at(outer) {
			continue
		}
		l.add(at(outer), discOnGlobe(light, outer))
		if r <= 0 {
			break
		}
		outer = r
	}
	return l
}

// graticuleLines is the visible part of the meridians every 30° and the
// parallels every 30° up to ±60°, sampled every degree.
func graticuleLines() []orb.LineString {
	var out []orb.LineString
	for lon := -180.0; lon < 180; lon += 30 {
		var ls orb.LineString
		for lat := -90.0; lat <= 90; lat++ {
			ls = append(ls, orb.Point{lon, lat})
		}
		out = append(out, view.ClipLine(ls)...)
	}
	for lat := -60.0; lat <= 60; lat += 30 {
		var ls orb.LineString
		for lon := -180.0; lon <= 180; lon++ {
			ls = append(ls, orb.Point{lon, lat})
		}
		out = append(out, view.ClipLine(ls)...)
	}
	return out
}

// landLayer fills the visible countries: all of them orange as one path (so
// neighbours leave no seam), then the Rome Statute parties of the article's
// date over them in blue.
func landLayer() (*shapes, error) {
	cs, err := geo.DecodeCountries(data.Countries110m)
	if err != nil {
		return nil, fmt.Errorf("gen: countries-110m.geojson: %w", err)
	}
	members, err := icc.LoadICC(data.ICC)
	if err != nil {
		return nil, fmt.Errorf("gen: icc.json: %w", err)
	}
	var all, parties []orb.Ring
	for _, c := range cs.List {
		for _, poly := range c.Shape {
			rings := view.ClipPolygon(poly)
			all = append(all, rings...)
			if members.StatusOn(c.ISO3, icc.ArticleDate).Status == icc.Party {
				parties = append(parties, rings...)
			}
		}
	}
	l := &shapes{name: "land"}
	l.add(landOrange, all...)
	l.add(landBlue, parties...)
	return l, nil
}

// shadingLayer darkens the globe towards its edge and towards the lower
// right, so the disc reads as a sphere. Each darkening is a set of disjoint
// regions (rings, strips), one per alpha level, so every pixel is blended
// once per darkening: stacked translucent fills would round at every step.
func shadingLayer() *shapes {
	l := &shapes{name: "shading"}
	const step = 0.5 / globeR // half a pixel
	alpha := func(a float64) uint8 { return uint8(math.Round(255 * math.Max(0, a))) }
	// Towards the edge: from 55% of the radius, quadratically, to 0.22.
	edge := func(d float64) uint8 { return alpha(math.Pow(math.Max(0, d-0.55)/0.45, 2) * 0.22) }
	for r0, r := 0.55, 0.55+step; ; r += step {
		if r < 1 && edge(r) == edge(r0) {
			continue
		}
		r = math.Min(r, 1)
		if a := edge((r0 + r) / 2); a > 0 {
			l.add(color.NRGBA{shade.R, shade.G, shade.B, a}, annulus(r0, r)...)
		}
		if r >= 1 {
			break
		}
		r0 = r
	}
	// Towards the lower right: linear along the diagonal, from the centre
	// (0) to the edge (0.18).
	u := orb.Point{math.Sqrt2 / 2, -math.Sqrt2 / 2} // screen down-right
	side := func(t float64) uint8 { return alpha(t * math.Sqrt2 / 1.41 * 0.18) }
	for t0, t := 0.0, step; ; t += step {
		if t < 1 && side(t) == side(t0) {
			continue
		}
		t = math.Min(t, 1)
		if a := side((t0 + t) / 2); a > 0 {
			l.add(color.NRGBA{shade.R, shade.G, shade.B, a}, band(u, t0, t))
		}
		if t >= 1 {
			break
		}
		t0 = t
	}
	return l
}

// rimLayer is the white rim around the globe, which also hides the globe's
// clipped edge.
func rimLayer() *shapes {
	l := &shapes{name: "rim"}
	l.stroke(rimColor, 10, circle(orb.Point{}, (globeR+2)/globeR))
	return l
}

// journey is the route from Moscow to Beijing and its markers. The route
// is a great circle whose end is cut back so the arrow's tip stops short of
// the end marker. The renderer puts an arrowhead on the end of its route's
// line, whose round cap and casing would stick out around the tip of a line
// this wide, so the route is three render.Routes:
//
//   - the body, with its casing, from Moscow to inside the arrowhead;
//   - the head: the last stretch of the line, stroked thinly (the
//     arrowhead's size follows its line's width) with Arrow and Casing set,
//     so the renderer draws the arrowhead with its casing over the body's
//     end;
//   - the joint: the body again, without casing, across the head's base, so
//     the casing the head draws there does not cut the body from its head.
func journey() ([]render.Layer, error) {
	pieces := view.ClipLine(geo.GreatCircle(moscow, beijing, 20))
	if len(pieces) != 1 {
		return nil, fmt.Errorf("gen: the route is not wholly in view from %s", view.Name())
	}
	line := pieces[0]
	start, end := line[0], line[len(line)-1]
	line = cutEnd(line, (dotR+2*halo+tipGap)/globeR)
	// The arrowhead's length as the renderer draws it (render.arrowhead:
	// 3.5 line widths plus 4 dp). The body ends 0.55 of it before the tip,
	// where its round end and casing lie inside the head and its outline.
	headLen := 3.5*headWidth + 4*pxPerDp
	body := cutEnd(line, 0.55*headLen/globeR)
	head := lastStretch(line, 0.5*headLen/globeR)
	joint := lastStretch(body, (0.45*headLen+halo+routeWidth/2)/globeR)
	route := func(ls orb.LineString, widthPx float64, casing color.NRGBA, arrow bool) render.Route {
		return render.Route{Pieces: geo.NewLines([]orb.LineString{ls}), Color: routeRed, WidthDp: widthPx / pxPerDp, Casing: casing, Arrow: arrow}
	}
	routes := render.NewRoutes("journey", []render.Route{
		route(body, routeWidth, outline, false),
		route(head, headWidth, outline, true),
		route(joint, routeWidth, color.NRGBA{}, false),
	})
	var marks []render.Marker
	for _, at := range []orb.Point{start, end} {
		marks = append(marks,
			render.Marker{At: at, RadiusDp: (dotR + halo) / pxPerDp, Fill: outline},
			render.Marker{At: at, RadiusDp: dotR / pxPerDp, Fill: white},
			render.Marker{At: at, RadiusDp: dotR * 0.6 / pxPerDp, Fill: routeRed},
		)
	}
	return []render.Layer{routes, &render.Markers{Name: "places", Markers: marks}}, nil
}

// cutEnd returns ls without its last d projected units of length.
func cutEnd(ls orb.LineString, d float64) orb.LineString {
	head, _ := splitFromEnd(ls, d)
	return head
}

// lastStretch returns the last d projected units of length of ls.
func lastStretch(ls orb.LineString, d float64) orb.LineString {
	_, tail := splitFromEnd(ls, d)
	return tail
}

// splitFromEnd cuts ls d projected units of length before its end: the
// part before the cut and the part after it, sharing the cut point. When
// ls is shorter than d, the head is its first point and the tail all of it.
func splitFromEnd(ls orb.LineString, d float64) (head, tail orb.LineString) {
	for i := len(ls) - 1; i > 0; i-- {
		a, b := ls[i-1], ls[i]
		seg := math.Hypot(b[0]-a[0], b[1]-a[1])
		if seg >= d {
			t := 1 - d/seg
			cut := orb.Point{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t}
			head = append(append(orb.LineString(nil), ls[:i]...), cut)
			tail = append(orb.LineString{cut}, ls[i:]...)
			return head, tail
		}
		d -= seg
	}
	return ls[:1], ls
}

// drawIcon draws the icon.
func drawIcon() (*image.RGBA, error) {
	land, err := landLayer()
	if err != nil {
		return nil, err
	}
	trip, err := journey()
	if err != nil {
		return nil, err
	}
	layers := []render.Layer{
		tileLayer(),
		shadowLayer(),
		oceanLayer(),
		render.NewLines("graticule", geo.NewLines(graticuleLines()), graticule, 5/pxPerDp),
		land,
		shadingLayer(),
		rimLayer(),
	}
	layers = append(layers, trip...)
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	var r render.Renderer
	r.DrawLayers(img, layers, nil, iconT, pxPerDp)
	return img, nil
}

func main() {
	out := flag.String("out", "assets/icon.png", "output PNG path")
	flag.Parse()

	img, err := drawIcon()
	if err != nil {
		log.Fatal(err)
	}
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
