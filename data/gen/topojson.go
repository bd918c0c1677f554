package main

import (
	"encoding/json"
	"fmt"

	"github.com/paulmach/orb"
)

// topology is the subset of a TopoJSON document that the generator reads.
type topology struct {
	Type      string                    `json:"type"`
	Transform *transform                `json:"transform"`
	Arcs      [][][]float64             `json:"arcs"`
	Objects   map[string]topoCollection `json:"objects"`
}

// transform is a TopoJSON quantization transform.
type transform struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}

// topoCollection is a TopoJSON GeometryCollection object.
type topoCollection struct {
	Type       string         `json:"type"`
	Geometries []topoGeometry `json:"geometries"`
}

// topoGeometry is one TopoJSON Polygon or MultiPolygon.
type topoGeometry struct {
	Type       string            `json:"type"`
	ID         *string           `json:"id"`
	Properties map[string]string `json:"properties"`
	Arcs       json.RawMessage   `json:"arcs"`
}

// country is one decoded world-atlas country: its id (ISO 3166-1 numeric,
// "" when absent), its name and its polygons in degrees (lon, lat).
type country struct {
	ID       string
	Name     string
	Polygons []orb.Polygon
}

// decodeCountries parses TopoJSON data and returns the geometries of the
// object named object. Coordinates are in degrees, rounded to 5 decimals;
// rings are closed and exactly as world-atlas gives them otherwise (they may
// still cross the antimeridian).
func decodeCountries(data []byte, object string) ([]country, error) {
	var topo topology
	if err := json.Unmarshal(data, &topo); err != nil {
		return nil, fmt.Errorf("parse TopoJSON: %w", err)
	}
	if topo.Type != "Topology" {
		return nil, fmt.Errorf("TopoJSON type is %q, want \"Topology\"", topo.Type)
	}
	obj, ok := topo.Objects[object]
	if !ok {
		return nil, fmt.Errorf("TopoJSON has no object %q", object)
	}
	arcs := decodeArcs(topo.Arcs, topo.Transform)

	out := make([]country, 0, len(obj.Geometries))
	for i, g := range obj.Geometries {
		c := country{Name: g.Properties["name"]}
		if g.ID != nil {
			c.ID = *g.ID
		}
		var err error
		c.Polygons, err = decodeGeometry(g, arcs)
		if err != nil {
			return nil, fmt.Errorf("geometry %d (%q): %w", i, c.Name, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// decodeArcs turns TopoJSON arcs into absolute positions in degrees, rounded
// to 5 decimals. With a transform the arcs are quantized and delta-encoded:
// each position is the running sum of the deltas, then scaled and
// translated. Without a transform positions are taken as they are.
func decodeArcs(raw [][][]float64, t *transform) [][]orb.Point {
	arcs := make([][]orb.Point, len(raw))
	for i, arc := range raw {
		pts := make([]orb.Point, len(arc))
		var x, y float64
		for j, p := range arc {
			if t == nil {
				pts[j] = orb.Point{round5(p[0]), round5(p[1])}
				continue
			}
			x += p[0]
			y += p[1]
			pts[j] = orb.Point{
				round5(x*t.Scale[0] + t.Translate[0]),
				round5(y*t.Scale[1] + t.Translate[1]),
			}
		}
		arcs[i] = pts
	}
	return arcs
}

// decodeGeometry resolves the arc references of a Polygon or MultiPolygon.
func decodeGeometry(g topoGeometry, arcs [][]orb.Point) ([]orb.Polygon, error) {
	var polys [][][]int
	switch g.Type {
	case "Polygon":
		var p [][]int
		if err := json.Unmarshal(g.Arcs, &p); err != nil {
			return nil, fmt.Errorf("polygon arcs: %w", err)
		}
		polys = [][][]int{p}
	case "MultiPolygon":
		if err := json.Unmarshal(g.Arcs, &polys); err != nil {
			return nil, fmt.Errorf("multipolygon arcs: %w", err)
		}
	default:
		return nil, fmt.Errorf("unsupported geometry type %q", g.Type)
	}
	out := make([]orb.Polygon, 0, len(polys))
	for pi, p := range polys {
		poly := make(orb.Polygon, 0, len(p))
		for ri, refs := range p {
			ring, err := joinArcs(refs, arcs)
			if err != nil {
				return nil, fmt.Errorf("polygon %d ring %d: %w", pi, ri, err)
			}
			poly = append(poly, ring)
		}
		out = append(out, poly)
	}
	return out, nil
}

// joinArcs builds a ring from arc references. Index i means arc i as stored,
// ^i (that is -i-1) means arc i reversed. Consecutive arcs share their end
// point, which is kept only once. The result is a new slice; arcs is not
// modified.
func joinArcs(refs []int, arcs [][]orb.Point) (orb.Ring, error) {
	var ring orb.Ring
	for _, ref := range refs {
		idx, reversed := ref, false
		if ref < 0 {
			idx, reversed = ^ref, true
		}
		if idx >= len(arcs) {
			return nil, fmt.Errorf("arc %d out of range (%d arcs)", ref, len(arcs))
		}
		arc := arcs[idx]
		if len(arc) == 0 {
			continue
		}
		first := arc[0]
		if reversed {
			first = arc[len(arc)-1]
		}
		if len(ring) > 0 {
			if ring[len(ring)-1] != first {
				return nil, fmt.Errorf("arc %d starts at %v, previous arc ends at %v", ref, first, ring[len(ring)-1])
			}
			ring = ring[:len(ring)-1] // drop the point shared with the previous arc
		}
		if reversed {
			for k := len(arc) - 1; k >= 0; k-- {
				ring = append(ring, arc[k])
			}
		} else {
			ring = append(ring, arc...)
		}
	}
	if len(ring) > 0 && ring[0] != ring[len(ring)-1] {
		return nil, fmt.Errorf("ring is not closed: starts at %v, ends at %v", ring[0], ring[len(ring)-1])
	}
	return ring, nil
}
