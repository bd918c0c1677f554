package userlayer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// writeFile writes data to a file called name in a fresh folder and
// returns its path.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const allKinds = `{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"Harbour","tons":12},"geometry":{"type":"Point","coordinates":[121.5,31.2]}},
 {"type":"Feature","properties":{"kind":"wells"},"geometry":{"type":"MultiPoint","coordinates":[[10,10],[11,11,120]]}},
 {"type":"Feature","properties":{"title":"Cable"},"geometry":{"type":"LineString","coordinates":[[0,0],[10,5]]}},
 {"type":"Feature","properties":null,"geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}},
 {"type":"Feature","properties":{"LABEL":"Zone"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}},
 {"type":"Feature","properties":{"a":1},"geometry":{"type":"MultiPolygon","coordinates":[[[[20,20],[30,20],[30,30],[20,20]]]]}},
 {"type":"Feature","properties":{"b":true},"geometry":{"type":"GeometryCollection","geometries":[
   {"type":"Point","coordinates":[5,5]},{"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[6,6],[7,7]]}]}]}},
 {"type":"Feature","properties":{"skipped":"no geometry"},"geometry":null}
]}`

func TestLoadEveryGeometryKind(t *testing.T) {
	l, err := Load(writeFile(t, "kinds.geojson", []byte(allKinds)))
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "kinds.geojson" {
		t.Errorf("name %q", l.Name)
	}
	if len(l.Features) != 7 {
		t.Fatalf("%d features, want 7 (the null geometry skipped)", len(l.Features))
	}
	wantTypes := [][]string{{"Point"}, {"MultiPoint"}, {"LineString"}, {"MultiLineString"}, {"Polygon"}, {"MultiPolygon"}, {"Point", "LineString"}}
	for i, f := range l.Features {
		var got []string
		for _, g := range f.Parts {
			got = append(got, g.GeoJSONType())
		}
		if strings.Join(got, ",") != strings.Join(wantTypes[i], ",") {
			t.Errorf("feature %d: parts %v, want %v", i, got, wantTypes[i])
		}
	}
	if l.Features[0].Properties["tons"] != 12.0 {
		t.Errorf("properties not kept: %v", l.Features[0].Properties)
	}
	want := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{121.5, 31.2}}
	if l.Bound != want {
		t.Errorf("bound %v, want %v", l.Bound, want)
	}
}

func TestTitles(t *testing.T) {
	l, err := Decode("t.geojson", []byte(allKinds))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"Harbour", "kind: wells", "Cable", "Feature 4 of t.geojson", "Zone", "a: 1", "b: true"} {
		if got := l.Title(i); got != want {
			t.Errorf("title %d: %q, want %q", i, got, want)
		}
	}
	f := Feature{Properties: map[string]any{"z": nil, "a": []any{1.0, "x"}, "m": map[string]any{"k": "v"}, "n": 2.5, "s": "line\nbreak"}}
	l = &Layer{Name: "x", Features: []Feature{f}}
	if got, want := strings.Join(f.PropertyLines(), "|"), "a: [1,\"x\"]|m: {\"k\":\"v\"}|n: 2.5|s: line\nbreak|z: —"; got != want {
		t.Errorf("property lines %q, want %q", got, want)
	}
	if got := l.Title(0); got != `a: [1,"x"], m: {"k":"v"}, n: 2.5` {
		t.Errorf("title %q", got)
	}
	long := Feature{Properties: map[string]any{"name": strings.Repeat("word ", 100)}}
	l = &Layer{Name: "x", Features: []Feature{long}}
	if got := l.Title(0); len([]rune(got)) != 120 || !strings.HasSuffix(got, "…") {
		t.Errorf("long title %q", got)
	}
}

func TestSingleFeatureAndBareGeometry(t *testing.T) {
	for _, doc := range []string{
		`{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Point","coordinates":[1,2]}}`,
		`{"type":"Point","coordinates":[1,2]}`,
		"\xef\xbb\xbf" + `{"type":"Point","coordinates":[1,2]}`, // with a byte order mark
		`{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]}`,
	} {
		l, err := Decode("one.json", []byte(doc))
		if err != nil {
			t.Errorf("%s: %v", doc, err)
			continue
		}
		if len(l.Features) != 1 || l.Features[0].Parts[0] != (orb.Point{1, 2}) {
			t.Errorf("%s: %+v", doc, l.Features)
		}
	}
}

func TestBadInputs(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 100)...)
	for _, c := range []struct {
		name, doc string
		kind      error
		says      string // the message contains it
	}{
		{"malformed", "{\"type\":\"FeatureCollection\",\n  \"features\": [\n    {\"type\":\"Feature\",}\n]}", ErrSyntax, "line 3, column 23"},
		{"truncated", `{"type":"FeatureCollection","features":[`, ErrSyntax, "line 1"},
		{"binary", string(png), ErrBinary, "binary"},
		{"latin1", "{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":\"caf\xe9\"}", ErrBinary, "UTF-8"},
		{"utf16", "\xff\xfe{\x00\"\x00", ErrBinary, "binary"},
		{"lon", `{"type":"Point","coordinates":[200,10]}`, ErrRange, "[200, 10]"},
		{"lat", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[0,0],[10,95]]}}]}`, ErrRange, "feature 1"},
		{"projected", `{"type":"Polygon","coordinates":[[[500000,4649776],[500100,4649776],[500100,4649876],[500000,4649776]]]}`, ErrRange, "projected"},
		{"huge number", `{"type":"Point","coordinates":[1e400,0]}`, ErrNotGeoJSON, "number 1e400"},
		{"circle", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]}},{"type":"Feature","geometry":{"type":"Circle","coordinates":[0,0],"radius":5}}]}`, ErrUnsupported, `feature 2: geometry type "Circle"`},
		{"nested circle", `{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[{"type":"Curve"}]}}`, ErrUnsupported, `"Curve"`},
		{"top type", `{"type":"Topology","objects":{}}`, ErrUnsupported, `"Topology"`},
		{"no type", `{"features":[]}`, ErrNotGeoJSON, "type"},
		{"array", `[1,2,3]`, ErrNotGeoJSON, "object"},
		{"short line", `{"type":"LineString","coordinates":[[0,0]]}`, ErrInvalid, "at least 2"},
		{"short ring", `{"type":"Polygon","coordinates":[[[0,0],[1,1],[0,0]]]}`, ErrInvalid, "at least 4"},
		{"empty ring", `{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[]]]}`, ErrInvalid, "has 0"},
		{"empty coordinates", `{"type":"LineString","coordinates":[]}`, ErrEmpty, "no feature has a geometry"},
		{"string position", `{"type":"Feature","geometry":{"type":"Point","coordinates":"here"}}`, ErrNotGeoJSON, "position [longitude, latitude]"},
		{"empty collection", `{"type":"FeatureCollection","features":[]}`, ErrEmpty, "no features"},
		{"only nulls", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"a":1}},null]}`, ErrEmpty, "no feature has a geometry"},
		{"empty multipoint", `{"type":"MultiPoint","coordinates":[]}`, ErrEmpty, ""},
		{"empty file", "  \n", ErrEmpty, "empty"},
		{"bad features", `{"type":"FeatureCollection","features":{"a":1}}`, ErrNotGeoJSON, `found object in "features" where GeoJSON wants a list`},
	} {
		_, err := Load(writeFile(t, c.name+".geojson", []byte(c.doc)))
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		msg := err.Error()
		if !errors.Is(err, c.kind) {
			t.Errorf("%s: %q is not %q", c.name, msg, c.kind)
		}
		if !strings.HasPrefix(msg, c.name+".geojson: ") || !strings.Contains(msg, c.says) {
			t.Errorf("%s: message %q, want it to start with the file's name and say %q", c.name, msg, c.says)
		}
		if strings.Count(msg, c.kind.Error()) != 1 {
			t.Errorf("%s: %q does not say %q once", c.name, msg, c.kind)
		}
		if strings.Contains(msg, "\n") || len(msg) > 300 {
			t.Errorf("%s: message is not one short line: %q", c.name, msg)
		}
	}
}

func TestTooLargeIsRefusedBeforeReading(t *testing.T) {
	for _, size := range []int64{2 << 30, MaxBytes + 1} {
		path := filepath.Join(t.TempDir(), "big.geojson")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		// A sparse file: its size is set without writing, so a loader that
		// read it all would spend seconds and gigabytes; the guard must stop
		// at the size.
		if err := f.Truncate(size); err != nil {
			t.Fatal(err)
		}
		f.Close()
		_, err = Load(path)
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("%d bytes: %v", size, err)
		}
		if size == 2<<30 && !strings.Contains(err.Error(), "2.0 GB") {
			t.Errorf("message %q does not give the size", err)
		}
	}
}

func TestMissingFileAndFolder(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "nope.geojson")); err == nil || !strings.HasPrefix(err.Error(), "nope.geojson: ") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("folder: %v", err)
	}
}

func TestIsBinaryAtTheSniffEdge(t *testing.T) {
	// A multi-byte rune cut by the end of the part checked is not binary.
	doc := []byte(`{"type":"Point","coordinates":[1,2],"note":"`)
	for len(doc) < binarySniff-1 {
		doc = append(doc, 'x')
	}
	doc = append(doc, "é\"}"...) // é's two bytes straddle the edge
	if isBinary(doc) {
		t.Error("a rune across the edge read as binary")
	}
	if _, err := Decode("edge.json", doc); err != nil {
		t.Error(err)
	}
}
