// Countries: typed admin-0 outlines decoded once from GeoJSON.

package geo

import (
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Country is one admin-0 unit of the map.
type Country struct {
	ISO3  string           // ISO 3166-1 alpha-3, or a stable user-assigned code (XKX, SOL, …)
	ISON3 string           // ISO 3166-1 numeric as three digits; "" when it has none
	Name  string           // display name
	Shape orb.MultiPolygon // lon/lat degrees; exterior rings CCW, holes CW
	Bound orb.Bound        // lon/lat bound of Shape
}

// Countries is a set of countries at one level of detail, sorted by ISO3.
type Countries struct {
	List  []Country
	index map[string]int

	nearby     sync.Once   // computes neighbours and centres on first use
	neighbours [][]int     // see Neighbours
	centres    []orb.Point // see Centre
}

// MaxGeoJSONBytes guards the decoder against huge inputs (a country layer is a few MB).
const MaxGeoJSONBytes = 64 << 20

// DecodeCountries parses a GeoJSON FeatureCollection whose features carry the
// properties iso_a3 and name (iso_n3 optional) with Polygon or MultiPolygon geometry.
// It validates coordinates and rings and returns a clear error for anything else.
func DecodeCountries(data []byte) (*Countries, error) {
	if len(data) > MaxGeoJSONBytes {
		return nil, fmt.Errorf("geo: GeoJSON is %d bytes, more than the %d allowed", len(data), MaxGeoJSONBytes)
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		return nil, fmt.Errorf("geo: not a GeoJSON FeatureCollection: %w", err)
	}
	cs := &Countries{index: make(map[string]int, len(fc.Features))}
	for i, f := range fc.Features {
		if f == nil {
			return nil, fmt.Errorf("geo: feature %d is null", i)
		}
		iso, _ := f.Properties["iso_a3"].(string)
		name, _ := f.Properties["name"].(string)
		n3, _ := f.Properties["iso_n3"].(string)
		if iso == "" {
			return nil, fmt.Errorf("geo: feature %d has no iso_a3 property", i)
		}
		if _, dup := cs.index[iso]; dup {
			return nil, fmt.Errorf("geo: feature %d: duplicate iso_a3 %q", i, iso)
		}
		var mp orb.MultiPolygon
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			mp = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			mp = g
		default:
			return nil, fmt.Errorf("geo: feature %d (%s): geometry must be Polygon or MultiPolygon, got %T", i, iso, f.Geometry)
		}
		if err := checkShape(mp); err != nil {
			return nil, fmt.Errorf("geo: feature %d (%s): %w", i, iso, err)
		}
		if name == "" {
			name = iso
		}
		cs.index[iso] = len(cs.List)
		cs.List = append(cs.List, Country{ISO3: iso, ISON3: n3, Name: name, Shape: mp, Bound: mp.Bound()})
	}
	sort.Slice(cs.List, func(i, j int) bool { return cs.List[i].ISO3 < cs.List[j].ISO3 })
	for i, c := range cs.List {
		cs.index[c.ISO3] = i
	}
	return cs, nil
}

// checkShape rejects rings that are too short or hold non-finite or out-of-range coordinates.
func checkShape(mp orb.MultiPolygon) error {
	for _, poly := range mp {
		if len(poly) == 0 {
			return fmt.Errorf("empty polygon")
		}
		for _, ring := range poly {
			if len(ring) < 4 {
				return fmt.Errorf("ring has %d points, want at least 4", len(ring))
			}
			for _, p := range ring {
				if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.Abs(p[0]) > 180 || math.Abs(p[1]) > 90 {
					return fmt.Errorf("coordinate %v outside lon ±180, lat ±90", p)
				}
			}
		}
	}
	return nil
}

// Index returns the position of the country with the given ISO3 code in List.
func (cs *Countries) Index(iso3 string) (int, bool) {
	i, ok := cs.index[iso3]
	return i, ok
}

// ByISO returns the country with the given ISO3 code, or nil.
func (cs *Countries) ByISO(iso3 string) *Country {
	if i, ok := cs.index[iso3]; ok {
		return &cs.List[i]
	}
	return nil
}

// Vertices counts the points of every ring of every country.
func (cs *Countries) Vertices() int {
	n := 0
	for _, c := range cs.List {
		for _, p := range c.Shape {
			for _, r := range p {
				n += len(r)
			}
		}
	}
	return n
}
