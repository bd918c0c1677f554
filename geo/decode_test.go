package geo

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"articleatlas/data"
)

// sameCountries describes the first difference between two decoded country
// sets, comparing every coordinate bit for bit (so -0 and 0 differ), or
// returns "" when they are identical.
func sameCountries(got, want *Countries) string {
	if len(got.List) != len(want.List) {
		return fmt.Sprintf("%d countries, want %d", len(got.List), len(want.List))
	}
	for i := range want.List {
		g, w := got.List[i], want.List[i]
		if g.ISO3 != w.ISO3 || g.ISON3 != w.ISON3 || g.Name != w.Name {
			return fmt.Sprintf("country %d is %q %q %q, want %q %q %q", i, g.ISO3, g.ISON3, g.Name, w.ISO3, w.ISON3, w.Name)
		}
		if j, ok := got.Index(w.ISO3); !ok || j != i {
			return fmt.Sprintf("%s: index gives %d %v, want %d", w.ISO3, j, ok, i)
		}
		if !sameFloats(g.Bound.Min[:], w.Bound.Min[:]) || !sameFloats(g.Bound.Max[:], w.Bound.Max[:]) {
			return fmt.Sprintf("%s: bound %v, want %v", w.ISO3, g.Bound, w.Bound)
		}
		if len(g.Shape) != len(w.Shape) {
			return fmt.Sprintf("%s: %d polygons, want %d", w.ISO3, len(g.Shape), len(w.Shape))
		}
		for p := range w.Shape {
			if len(g.Shape[p]) != len(w.Shape[p]) {
				return fmt.Sprintf("%s polygon %d: %d rings, want %d", w.ISO3, p, len(g.Shape[p]), len(w.Shape[p]))
			}
			for r := range w.Shape[p] {
				gr, wr := g.Shape[p][r], w.Shape[p][r]
				if len(gr) != len(wr) {
					return fmt.Sprintf("%s polygon %d ring %d: %d points, want %d", w.ISO3, p, r, len(gr), len(wr))
				}
				for k := range wr {
					if !sameFloats(gr[k][:], wr[k][:]) {
						return fmt.Sprintf("%s polygon %d ring %d point %d: %v, want %v", w.ISO3, p, r, k, gr[k], wr[k])
					}
				}
			}
		}
	}
	if len(got.index) != len(want.index) {
		return fmt.Sprintf("index has %d codes, want %d", len(got.index), len(want.index))
	}
	return ""
}

func sameFloats(a, b []float64) bool {
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return len(a) == len(b)
}

// The fast decoder gives exactly what the general GeoJSON decoder gives for
// both embedded levels: every country, code, name, bound and coordinate.
func TestDecodeGeneratedMatchesDecodeCountries(t *testing.T) {
	for _, tc := range []struct {
		name string
		raw  []byte
	}{{"1:110m", data.Countries110m}, {"1:50m", data.Countries50m}} {
		want, err := DecodeCountries(tc.raw)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeGenerated(tc.raw)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if d := sameCountries(got, want); d != "" {
			t.Errorf("%s: %s", tc.name, d)
		}
		if got.Vertices() < 10000 {
			t.Errorf("%s: only %d vertices", tc.name, got.Vertices())
		}
	}
}

// LoadWorld gives the 1:110m outlines at once and the 1:50m ones when
// FineReady is closed, both as the general decoder reads the embedded files.
func TestLoadWorldDecodesBothLevels(t *testing.T) {
	w, err := LoadWorld()
	if err != nil {
		t.Fatal(err)
	}
	<-w.FineReady()
	for _, tc := range []struct {
		level Level
		raw   []byte
		n     int
	}{{Coarse, data.Countries110m, 177}, {Fine, data.Countries50m, 241}} {
		got, l := w.Countries(tc.level)
		if l != tc.level || len(got.List) != tc.n {
			t.Fatalf("%s: got %s with %d countries, want %d", tc.level, l, len(got.List), tc.n)
		}
		want, err := DecodeCountries(tc.raw)
		if err != nil {
			t.Fatal(err)
		}
		if d := sameCountries(got, want); d != "" {
			t.Errorf("%s: %s", tc.level, d)
		}
	}
	if got := w.Name("AND"); got != "Andorra" {
		t.Errorf("Name(AND) = %q, want Andorra (1:50m only)", got)
	}
}

// Numbers in every form JSON allows come out as strconv.ParseFloat reads
// them, including the ones the fast path leaves to ParseFloat.
func TestDecodeGeneratedNumbers(t *testing.T) {
	for _, n := range []string{"0", "-0", "180", "-180", "0.1", "-89.99999", "12.5", "66.51967",
		"123456789.012345", "1234567890.1234567", "1e1", "-1.5E-3", "0.000000000000000000000001",
		"179.99999999999999999999", "4.9e-324", "33.333333333333336"} {
		s := &outlineScanner{data: []byte(n)}
		got, err := s.number()
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		if s.pos != len(n) {
			t.Errorf("%s: read %d bytes of %d", n, s.pos, len(n))
		}
		want := mustParseFloat(t, n)
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("%s: %v (%x), want %v (%x)", n, got, math.Float64bits(got), want, math.Float64bits(want))
		}
	}
	for _, bad := range []string{"", "-", "01", "1.", ".5", "1e", "1e+", "+1", "1e999", "x"} {
		s := &outlineScanner{data: []byte(bad)}
		if f, err := s.number(); err == nil && s.pos == len(bad) {
			t.Errorf("%q: read %v, want an error", bad, f)
		}
	}
}

func mustParseFloat(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return f
}

// Malformed or unexpected input is an error, never a partial result.
func TestDecodeGeneratedRejects(t *testing.T) {
	const feature = `{"type":"Feature","id":"AAA","properties":{"iso_a3":"AAA","iso_n3":"","name":"A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}`
	const ok = `{"type":"FeatureCollection","features":[` + feature + `]}`
	if _, err := decodeGenerated([]byte(ok)); err != nil {
		t.Fatalf("valid input: %v", err)
	}
	for _, tc := range []struct{ name, raw, want string }{
		{"empty", ``, "want '{'"},
		{"trailing data", ok + `{}`, "after the FeatureCollection"},
		{"no type", strings.Replace(ok, `"type":"FeatureCollection",`, ``, 1), "has no type"},
		{"feature without type", strings.Replace(ok, `"type":"Feature",`, ``, 1), "feature has no type"},
		{"wrong type", strings.Replace(ok, `"FeatureCollection"`, `"Feature"`, 1), `want "FeatureCollection"`},
		{"unknown member", strings.Replace(ok, `"id":"AAA"`, `"bbox":[0,0,1,1]`, 1), `unexpected member "bbox"`},
		{"member twice", strings.Replace(ok, `"id":"AAA"`, `"type":"Feature"`, 1), `"type" given twice`},
		{"no code", strings.Replace(ok, `"iso_a3":"AAA"`, `"iso_a3":""`, 1), "no iso_a3"},
		{"point", strings.Replace(ok, `"Polygon"`, `"Point"`, 1), "must be Polygon or MultiPolygon"},
		{"short ring", strings.Replace(ok, `[1,1],`, ``, 1), "ring has 3 points"},
		{"out of range", strings.Replace(ok, `[1,1]`, `[181,1]`, 1), "outside lon ±180"},
		{"three numbers", strings.Replace(ok, `[1,1]`, `[1,1,1]`, 1), "want ']'"},
		{"coordinates first", strings.Replace(ok, `"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]`, `"coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"type":"Polygon"`, 1), "coordinates before its type"},
		{"duplicate country", `{"type":"FeatureCollection","features":[` + feature + `,` + feature + `]}`, `duplicate iso_a3 "AAA"`},
		{"control character", strings.Replace(ok, `"name":"A"`, "\"name\":\"A\x01\"", 1), "control character"},
		{"unterminated", ok[:len(ok)/2] + `"ab`, "unterminated string"},
	} {
		cs, err := decodeGenerated([]byte(tc.raw))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error containing %q", tc.name, err, tc.want)
		}
		if cs != nil {
			t.Errorf("%s: returned countries with the error", tc.name)
		}
	}
}

// Strings with escapes or bytes that are not UTF-8 come out as the general
// decoder has them.
func TestDecodeGeneratedStrings(t *testing.T) {
	raw := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a3":"A\u0041A","name":"C\u00f4te \"d\" \ud83d\ude00 ` + "\xff" + `é"},"geometry":{"type":"MultiPolygon","coordinates":[]}}]}`
	want, err := DecodeCountries([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeGenerated([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if d := sameCountries(got, want); d != "" {
		t.Fatal(d)
	}
	if got.List[0].ISO3 != "AAA" || got.List[0].Name != "Côte \"d\" 😀 \ufffdé" {
		t.Errorf("got %q %q", got.List[0].ISO3, got.List[0].Name)
	}
}

// Every prefix of the embedded 1:110m file is an error, not a panic or a
// partial set of countries.
func TestDecodeGeneratedTruncated(t *testing.T) {
	raw := data.Countries110m
	end := bytes.LastIndexByte(raw, '}') + 1
	for n := 0; n < end; n += 1 + n/50 {
		if cs, err := decodeGenerated(raw[:n]); err == nil || cs != nil {
			t.Fatalf("prefix of %d bytes: %v countries, error %v", n, cs != nil, err)
		}
	}
}

// FuzzDecodeGenerated: any bytes either fail or decode exactly as
// DecodeCountries decodes them; never a panic.
func FuzzDecodeGenerated(f *testing.F) {
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","id":"AAA","properties":{"iso_a3":"AAA","iso_n3":"","name":"A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a3":"B\u00e9"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1e1,0],[1,1.5],[0,0]]],[]]}}]}`))
	f.Add(data.Countries110m[:4000])
	f.Add(data.Countries110m[len(data.Countries110m)-3000:])
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, err := decodeGenerated(raw)
		if err != nil {
			if got != nil {
				t.Fatal("countries returned with an error")
			}
			return
		}
		want, err := DecodeCountries(raw)
		if err != nil {
			t.Fatalf("decodeGenerated accepted what DecodeCountries rejects: %v", err)
		}
		if d := sameCountries(got, want); d != "" {
			t.Fatal(d)
		}
	})
}

// BenchmarkDecodeGenerated110m and BenchmarkDecodeGenerated50m decode the
// embedded outlines as LoadWorld does.
func BenchmarkDecodeGenerated110m(b *testing.B) { benchDecodeGenerated(b, data.Countries110m) }
func BenchmarkDecodeGenerated50m(b *testing.B)  { benchDecodeGenerated(b, data.Countries50m) }

func benchDecodeGenerated(b *testing.B, raw []byte) {
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for i := 0; i < b.N; i++ {
		cs, err := decodeGenerated(raw)
		if err != nil {
			b.Fatal(err)
		}
		sinkInt += len(cs.List)
	}
}
