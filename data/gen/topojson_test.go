package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// tinyTopology has two unit squares side by side sharing arc 0 (B-C):
//
//	D---C---F
//	|   |   |
//	A---B---E
//
// Quantized positions A(0,0) B(2,0) C(2,4) D(0,4) E(4,0) F(4,4), scaled by
// (0.5, 0.25) and translated by (10, 20): A=(10,20) ... F=(12,21).
const tinyTopology = `{
  "type": "Topology",
  "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
  "arcs": [
    [[2,0],[0,4]],
    [[2,4],[-2,0],[0,-4],[2,0]],
    [[2,0],[2,0],[0,4],[-2,0]]
  ],
  "objects": {
    "countries": {
      "type": "GeometryCollection",
      "geometries": [
        {"type": "Polygon", "id": "004", "properties": {"name": "Left"}, "arcs": [[1, 0]]},
        {"type": "MultiPolygon", "properties": {"name": "Right"}, "arcs": [[[2, -1]]]}
      ]
    }
  }
}`

func TestDecodeCountries(t *testing.T) {
	got, err := decodeCountries([]byte(tinyTopology), "countries")
	if err != nil {
		t.Fatal(err)
	}
	want := []country{
		{ID: "004", Name: "Left", Polygons: []orb.Polygon{{{
			{11, 21}, {10, 21}, {10, 20}, {11, 20}, {11, 21}, // arc 1 then arc 0
		}}}},
		{ID: "", Name: "Right", Polygons: []orb.Polygon{{{
			{11, 20}, {12, 20}, {12, 21}, {11, 21}, {11, 20}, // arc 2 then arc 0 reversed
		}}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%v\nwant\n%v", got, want)
	}
}

func TestDecodeArcs(t *testing.T) {
	raw := [][][]float64{{{3, 4}, {1, -2}, {-1, 0}}}
	quantized := decodeArcs(raw, &transform{Scale: [2]float64{0.1, 0.01}, Translate: [2]float64{-180, -90}})
	wantQ := [][]orb.Point{{{-179.7, -89.96}, {-179.6, -89.98}, {-179.7, -89.98}}}
	if !reflect.DeepEqual(quantized, wantQ) {
		t.Errorf("quantized: got %v, want %v", quantized, wantQ)
	}
	plain := decodeArcs(raw, nil)
	wantP := [][]orb.Point{{{3, 4}, {1, -2}, {-1, 0}}}
	if !reflect.DeepEqual(plain, wantP) {
		t.Errorf("no transform: got %v, want %v", plain, wantP)
	}
}

func TestJoinArcs(t *testing.T) {
	arcs := [][]orb.Point{
		{{0, 0}, {1, 0}, {1, 1}},
		{{1, 1}, {0, 1}, {0, 0}},
		{{0, 0}, {0, 1}},
	}
	tests := []struct {
		name    string
		refs    []int
		want    orb.Ring
		wantErr string
	}{
		{"forward", []int{0, 1}, orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}, ""},
		{"reversed", []int{^1, ^0}, orb.Ring{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}, ""},
		{"out of range", []int{0, 7}, nil, "out of range"},
		{"arcs do not meet", []int{0, 2}, nil, "previous arc ends"},
		{"not closed", []int{0}, nil, "not closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := joinArcs(tt.refs, arcs)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("got error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDecodeCountriesErrors(t *testing.T) {
	tests := []struct {
		name, data string
	}{
		{"not JSON", `{`},
		{"not a topology", `{"type":"FeatureCollection"}`},
		{"no object", `{"type":"Topology","arcs":[],"objects":{}}`},
		{"bad geometry type", `{"type":"Topology","arcs":[],"objects":{"countries":{"type":"GeometryCollection","geometries":[{"type":"Point","arcs":[]}]}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := decodeCountries([]byte(tt.data), "countries"); err == nil {
				t.Error("no error")
			}
		})
	}
}
