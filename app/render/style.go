// Style: the map's colours and line widths, light and dark.
package render

import (
	"articleatlas/app/icc"
	"image/color"
)

// Style holds the colours and line widths of the map. Widths are in dp and are
// multiplied by the pixel scale, so lines look the same on HiDPI screens.
// Style is comparable, so it can be part of a Scene's Key.
type Style struct {
	Background color.NRGBA // outside the map's outline
	Ocean      color.NRGBA
	Graticule  color.NRGBA
	Border     color.NRGBA    // country borders
	Outline    color.NRGBA    // edge of the map
	Hover      color.NRGBA    // outline of the country under the pointer
	Selected   color.NRGBA    // outline of the selected country
	SelectTint color.NRGBA    // drawn over the selected country's fill
	Fill       [4]color.NRGBA // indexed by icc.Status

	// The story's layers.
	PutinTrip   color.NRGBA    // Putin's trips: solid arcs with arrowheads
	XiTrip      color.NRGBA    // Xi's visit: dashed
	Corridor    [6]color.NRGBA // the six land corridors, in the data's order
	Maritime    color.NRGBA    // the Maritime Silk Road's lanes
	Oil, Gas    color.NRGBA    // energy links; planned ones dashed
	Casing      color.NRGBA    // under routes and markers, so they read on any fill
	Place       color.NRGBA    // markers of places the article names
	MinorPlace  color.NRGBA    // markers of the corridors' other cities
	Label, Halo color.NRGBA    // label text and the halo around it

	BorderWidth, GraticuleWidth, OutlineWidth, HoverWidth, SelectedWidth float64
	TripWidth, CorridorWidth, LinkWidth                                  float64
}

func hex(v uint32) color.NRGBA {
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
}

// LightStyle is the map style on a light background, also used for exports.
// The status colours come from the Okabe–Ito set, which stays distinct under
// the common forms of colour blindness: blue parties, yellow signatories,
// vermillion former parties, neutral grey for the rest.
func LightStyle() Style {
	s := Style{
		Background: hex(0xeef0f3),
		Ocean:      hex(0xd6e4ee),
		Graticule:  color.NRGBA{0x7a, 0x8c, 0x9c, 0x50},
		Border:     color.NRGBA{0x33, 0x33, 0x33, 0xdd},
		Outline:    hex(0x8796a3),
		Hover:      hex(0x111111),
		Selected:   hex(0xc2185b),
		SelectTint: color.NRGBA{0xff, 0xff, 0xff, 0x55},

		PutinTrip:  hex(0xb2182b),
		XiTrip:     hex(0x2d004b),
		Corridor:   [6]color.NRGBA{hex(0x1b7837), hex(0x8c510a), hex(0x01665e), hex(0xc51b7d), hex(0xe08214), hex(0x762a83)},
		Maritime:   hex(0x0b3c5d),
		Oil:        hex(0x252525),
		Gas:        hex(0xb35806),
		Casing:     color.NRGBA{0xff, 0xff, 0xff, 0xcc},
		Place:      hex(0x1a1a1a),
		MinorPlace: hex(0x666666),
		Label:      hex(0x1a1a1a),
		Halo:       color.NRGBA{0xff, 0xff, 0xff, 0xe6},

		BorderWidth: 0.5, GraticuleWidth: 0.5, OutlineWidth: 1, HoverWidth: 2, SelectedWidth: 2.5,
		TripWidth: 2.2, CorridorWidth: 1.8, LinkWidth: 1.6,
	}
	s.Fill[icc.Party] = hex(0x5b9bd5)
	s.Fill[icc.Signatory] = hex(0xf0e04c)
	s.Fill[icc.Withdrawn] = hex(0xd55e00)
	s.Fill[icc.NonParty] = hex(0xe3ded5)
	return s
}

// DarkStyle is the map style for a dark theme: the same hues, muted, on a dark ocean.
func DarkStyle() Style {
	s := LightStyle()
	s.Background = hex(0x1e2226)
	s.Ocean = hex(0x22374a)
	s.Graticule = color.NRGBA{0x9f, 0xb3, 0xc8, 0x40}
	s.Border = color.NRGBA{0x10, 0x12, 0x14, 0xdd}
	s.Outline = hex(0x5c6f80)
	s.Hover = hex(0xffffff)
	s.Selected = hex(0xff6fa8)
	s.SelectTint = color.NRGBA{0xff, 0xff, 0xff, 0x40}
	s.Fill[icc.Party] = hex(0x3f7fb8)
	s.Fill[icc.Signatory] = hex(0xc9b93a)
	s.Fill[icc.Withdrawn] = hex(0xc0560a)
	s.Fill[icc.NonParty] = hex(0x5b5954)
	s.PutinTrip = hex(0xff5a6e)
	s.XiTrip = hex(0xd9c2ff)
	s.Corridor = [6]color.NRGBA{hex(0x7fd08a), hex(0xe0b070), hex(0x5fd0c0), hex(0xf07cc0), hex(0xffb347), hex(0xc5a0e0)}
	s.Maritime = hex(0x9fd3ff)
	s.Oil = hex(0xe8e8e8)
	s.Gas = hex(0xffa060)
	s.Casing = color.NRGBA{0x10, 0x12, 0x14, 0xcc}
	s.Place = hex(0xf4f4f4)
	s.MinorPlace = hex(0xb0b0b0)
	s.Label = hex(0xf0f0f0)
	s.Halo = color.NRGBA{0x10, 0x12, 0x14, 0xe6}
	return s
}

// Over is the opaque colour of src composited over the opaque colour dst, as
// blending src's alpha over dst's pixels would paint it.
func Over(src, dst color.NRGBA) color.NRGBA {
	a := uint32(src.A)
	mix := func(s, d uint8) uint8 { return uint8((uint32(s)*a + uint32(d)*(255-a) + 127) / 255) }
	return color.NRGBA{mix(src.R, dst.R), mix(src.G, dst.G), mix(src.B, dst.B), 255}
}
