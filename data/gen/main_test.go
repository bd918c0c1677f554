package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// crossingTopology has one country, "Fiji" (id 242), whose square crosses
// the antimeridian: quantized x 0..2 maps to lon 170, 180, 190 -> -170.
const crossingTopology = `{
  "type": "Topology",
  "transform": {"scale": [10, 10], "translate": [170, 0]},
  "arcs": [[[0,0],[2,0],[0,1],[-2,0],[0,-1]]],
  "objects": {"countries": {"type": "GeometryCollection", "geometries": [
    {"type": "Polygon", "id": "242", "properties": {"name": "Fiji"}, "arcs": [[0]]}
  ]}}
}`

// writeTarGz writes a gzipped tarball with the given files to path.
func writeTarGz(t *testing.T, path string, files map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, body := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRunEndToEnd(t *testing.T) {
	dir := t.TempDir()
	tgz := filepath.Join(dir, "wa.tgz")
	writeTarGz(t, tgz, map[string]string{
		"package/package.json":        `{"name":"world-atlas","version":"2.0.2"}`,
		"package/countries-110m.json": crossingTopology,
		"package/countries-50m.json":  crossingTopology,
		"package/land-110m.json":      `{}`,
	})
	if err := run(tgz, dir); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "countries-110m.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"FeatureCollection","features":[
{"type":"Feature","id":"FJI","properties":{"iso_a3":"FJI","iso_n3":"242","name":"Fiji"},"geometry":{"type":"MultiPolygon","coordinates":[[[[170,0],[180,0],[180,10],[170,10],[170,0]]],[[[-180,0],[-170,0],[-170,10],[-180,10],[-180,0]]]]}}
]}
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestRunMissingFile(t *testing.T) {
	dir := t.TempDir()
	tgz := filepath.Join(dir, "wa.tgz")
	writeTarGz(t, tgz, map[string]string{
		"package/package.json":        `{"name":"world-atlas","version":"2.0.2"}`,
		"package/countries-110m.json": crossingTopology,
	})
	err := run(tgz, dir)
	if err == nil || !strings.Contains(err.Error(), "countries-50m.json") {
		t.Errorf("got error %v, want one about countries-50m.json", err)
	}
}

func TestBuildFeatures(t *testing.T) {
	square := []orb.Polygon{{{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}}}
	t.Run("sorted by code", func(t *testing.T) {
		got, err := buildFeatures([]country{
			{ID: "156", Name: "China", Polygons: square},
			{ID: "", Name: "Kosovo", Polygons: square},
			{ID: "004", Name: "Afghanistan", Polygons: square},
		})
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, f := range got {
			codes = append(codes, f.ISOA3)
		}
		if strings.Join(codes, ",") != "AFG,CHN,XKX" {
			t.Errorf("codes %v, want AFG,CHN,XKX", codes)
		}
		if got[2].ISON3 != "" || got[1].ISON3 != "156" {
			t.Errorf("iso_n3 %q, %q; want \"156\", \"\"", got[1].ISON3, got[2].ISON3)
		}
		if signedArea(got[0].Polygons[0][0]) <= 0 {
			t.Error("exterior not counter-clockwise")
		}
	})
	t.Run("duplicate code", func(t *testing.T) {
		_, err := buildFeatures([]country{
			{ID: "036", Name: "Australia", Polygons: square},
			{ID: "036", Name: "Australia again", Polygons: square},
		})
		if err == nil || !strings.Contains(err.Error(), "AUS") {
			t.Errorf("got error %v, want one about AUS", err)
		}
	})
	t.Run("unknown id", func(t *testing.T) {
		_, err := buildFeatures([]country{{ID: "999", Name: "Nowhere", Polygons: square}})
		if err == nil || !strings.Contains(err.Error(), "999") {
			t.Errorf("got error %v, want one about 999", err)
		}
	})
}

func TestEncodeFeatureCollection(t *testing.T) {
	sq := orb.Polygon{{{0.5, 0}, {1.25, 0}, {1.25, -1.00001}, {0.5, 0}}}
	got := string(encodeFeatureCollection([]feature{
		{ISOA3: "CIV", ISON3: "384", Name: "Côte d'Ivoire", Polygons: []orb.Polygon{sq}},
		{ISOA3: "XKX", Name: "Kosovo", Polygons: []orb.Polygon{sq, sq}},
	}))
	want := `{"type":"FeatureCollection","features":[
{"type":"Feature","id":"CIV","properties":{"iso_a3":"CIV","iso_n3":"384","name":"Côte d'Ivoire"},"geometry":{"type":"Polygon","coordinates":[[[0.5,0],[1.25,0],[1.25,-1.00001],[0.5,0]]]}},
{"type":"Feature","id":"XKX","properties":{"iso_a3":"XKX","iso_n3":"","name":"Kosovo"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0.5,0],[1.25,0],[1.25,-1.00001],[0.5,0]]],[[[0.5,0],[1.25,0],[1.25,-1.00001],[0.5,0]]]]}}
]}
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
