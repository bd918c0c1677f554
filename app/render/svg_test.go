package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/color"
	"io"
	"math"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkSVGWellFormed fails t unless doc is well-formed XML: every token
// parses with encoding/xml, no element repeats an attribute, and no id is
// given twice. It also runs xmllint --noout on it when xmllint is installed
// (it must be under CI).
func checkSVGWellFormed(t testing.TB, doc []byte) {
	t.Helper()
	if err := parseSVG(doc); err != nil {
		t.Fatalf("SVG does not parse: %v\n%s", err, clip(doc))
	}
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is missing (Debian: libxml2-utils)")
		}
		t.Log("xmllint not installed; checked with encoding/xml only")
		return
	}
	cmd := exec.Command(xmllint, "--noout", "-")
	cmd.Stdin = bytes.NewReader(doc)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xmllint --noout: %v\n%s", err, out)
	}
}

// CheckSVGWellFormed is checkSVGWellFormed for the tests of package
// render_test.
var CheckSVGWellFormed = checkSVGWellFormed

// parseSVG reads every token of doc strictly and checks attributes and ids.
func parseSVG(doc []byte) error {
	d := xml.NewDecoder(bytes.NewReader(doc))
	ids := map[string]bool{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		seen := map[xml.Name]bool{}
		for _, a := range se.Attr {
			if seen[a.Name] {
				return errors.New("attribute " + a.Name.Local + " repeated in <" + se.Name.Local + ">")
			}
			seen[a.Name] = true
			if a.Name.Local == "id" && a.Name.Space == "" {
				if !xmlID.MatchString(a.Value) {
					return errors.New("invalid id " + a.Value)
				}
				if ids[a.Value] {
					return errors.New("id " + a.Value + " given twice")
				}
				ids[a.Value] = true
			}
		}
	}
}

// xmlID is the ids the painter writes: valid XML names without colons.
var xmlID = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9._-]*$`)

func clip(b []byte) []byte {
	if len(b) > 2000 {
		return b[:2000]
	}
	return b
}

// paintSVG runs paint on a painter of a w×h document and returns the
// document, checked for well-formedness.
func paintSVG(t testing.TB, w, h int, doc SVGDoc, paint func(p *SVGPainter)) []byte {
	t.Helper()
	var buf bytes.Buffer
	p := NewSVG(&buf, w, h, doc)
	paint(p)
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	checkSVGWellFormed(t, buf.Bytes())
	return buf.Bytes()
}

func wantContains(t *testing.T, doc []byte, parts ...string) {
	t.Helper()
	for _, s := range parts {
		if !bytes.Contains(doc, []byte(s)) {
			t.Errorf("SVG lacks %s\n%s", s, clip(doc))
		}
	}
}

// TestSVGPathData checks the path data: relative moves and line-tos without
// repeated command letters, one decimal at 1920 px, points that round onto
// the one before dropped, a ring's repeated first point left to z, and the
// next ring's move relative to where z left the pen.
func TestSVGPathData(t *testing.T) {
	doc := paintSVG(t, 1920, 1080, SVGDoc{}, func(p *SVGPainter) {
		// 10.04 rounds onto 10.0: dropped. The ring ends on its first point.
		p.Ring([]pt{{10, 20}, {10.04, 20}, {30.25, 20}, {30.25, 5.5}, {10, 20}})
		p.Ring([]pt{{100, 100}, {101, 100}, {101, 99}})
		p.Line([]pt{{0, 0}, {5, 5}}) // not filled
		p.Fill(color.NRGBA{0x12, 0xab, 0xef, 255}, nil)
		p.Line([]pt{{0, 0}, {5, 5}, {5, 5}})
		p.Line([]pt{{7, 7}, {7.01, 7.02}}) // rounds to one point: dropped
		p.Line([]pt{{-1, 2}, {3, 4}})
		p.Stroke(Pen{Width: 0.5, Color: color.NRGBA{0, 0, 0, 255}}, nil)
	})
	wantContains(t, doc,
		// 30.25 rounds half away from zero to 30.3; -14.5 up; the second
		// ring starts (90, 80) from the first ring's start.
		`<path d="m10 20 20.3 0 0-14.5zm90 80 1 0 0-1z" fill="#12abef"/>`,
		// The second line starts (−6, −3) from where the first ended.
		`<path d="m0 0 5 5m-6-3 4 2" fill="none" stroke="#000000" stroke-width=".5"/>`,
	)
}

// TestAppendFixed checks the numbers of the documents: the shortest form,
// and the value back when parsed, for a table and for a sweep of values.
func TestAppendFixed(t *testing.T) {
	for _, tc := range []struct {
		v, scale int64
		want     string
	}{
		{15, 10, "1.5"}, {5, 10, ".5"}, {20, 10, "2"}, {-5, 10, "-.5"}, {0, 10, "0"}, {-120, 10, "-12"},
		{105, 100, "1.05"}, {150, 100, "1.5"}, {-100, 100, "-1"}, {7, 100, ".07"},
		{333, 1000, ".333"}, {1000, 1000, "1"}, {20, 1000, ".02"}, {10000000000, 10, "1000000000"},
	} {
		if got := string(appendFixed(nil, tc.v, tc.scale)); got != tc.want {
			t.Errorf("appendFixed(%d, %d) = %q, want %q", tc.v, tc.scale, got, tc.want)
		}
	}
	for _, scale := range []int64{10, 100, 1000} {
		for v := int64(-30000); v <= 30000; v += 7 {
			got := string(appendFixed(nil, v, scale))
			f, err := strconv.ParseFloat(got, 64)
			if err != nil || math.Abs(f-float64(v)/float64(scale)) > 1e-9 || strings.HasSuffix(got, ".") ||
				strings.Contains(got, ".") && strings.HasSuffix(got, "0") || strings.HasPrefix(strings.TrimPrefix(got, "-"), "0") && got != "0" {
				t.Fatalf("appendFixed(%d, %d) = %q, not the shortest form of %g", v, scale, got, float64(v)/float64(scale))
			}
		}
	}
}

// TestSVGSmallImagePrecision checks that a picture under 1000 px keeps two
// decimals.
func TestSVGSmallImagePrecision(t *testing.T) {
	doc := paintSVG(t, 640, 360, SVGDoc{}, func(p *SVGPainter) {
		p.Line([]pt{{1.234, 2.345}, {1.5, 2}})
		p.Stroke(Pen{Width: 1, Color: color.NRGBA{A: 255}}, nil)
	})
	wantContains(t, doc, `d="m1.23 2.35 .27-.35"`)
}

// TestSVGStyles checks fills and strokes: colours with opacity below 255,
// widths, round caps, dash arrays, and pens that draw nothing.
func TestSVGStyles(t *testing.T) {
	line := []pt{{0, 0}, {100, 0}}
	doc := paintSVG(t, 1920, 1080, SVGDoc{}, func(p *SVGPainter) {
		p.Ring([]pt{{0, 0}, {10, 0}, {10, 10}})
		p.Fill(color.NRGBA{0xff, 0xff, 0xff, 0x55}, nil)
		p.Line(line)
		p.Stroke(Pen{Width: 2.2, Color: color.NRGBA{0xb2, 0x18, 0x2b, 255}, Cap: CapRound}, nil)
		p.Line(line)
		p.Stroke(Pen{Width: 1.6, Color: color.NRGBA{0x2d, 0, 0x4b, 0xdd}, Dash: []float32{6.5, 4}}, nil)
		p.Line(line)
		p.Stroke(Pen{Width: 1, Color: color.NRGBA{1, 2, 3, 255}, Dash: []float32{0, 0}}, nil) // drawn solid
		p.Line(line)
		p.Stroke(Pen{Width: 0, Color: color.NRGBA{A: 255}}, nil) // nothing
		p.Line(line)
		p.Stroke(Pen{Width: 3, Color: color.NRGBA{9, 9, 9, 0}}, nil) // nothing
		p.Circle(pt{50, 60}, 2.5, color.NRGBA{0x22, 0x22, 0x22, 255}, Pen{Width: 1, Color: color.NRGBA{0xff, 0xff, 0xff, 255}}, nil)
		p.Circle(pt{5, 6}, 3, color.NRGBA{}, Pen{Width: 1.5, Color: color.NRGBA{0xc2, 0x18, 0x5b, 255}}, nil)
	})
	wantContains(t, doc,
		`fill-rule="nonzero" stroke-linejoin="round"`, // on the root, inherited by all
		`fill="#ffffff" fill-opacity=".333"`,
		`fill="none" stroke="#b2182b" stroke-width="2.2" stroke-linecap="round"/>`,
		`stroke="#2d004b" stroke-opacity=".867" stroke-width="1.6" stroke-dasharray="6.5 4"/>`,
		`stroke="#010203" stroke-width="1"/>`,
		`<circle cx="50" cy="60" r="2.5" fill="#222222" stroke="#ffffff" stroke-width="1"/>`,
		`<circle cx="5" cy="6" r="3" fill="none" stroke="#c2185b" stroke-width="1.5"/>`,
	)
	if n := bytes.Count(doc, []byte("<path")); n != 4 {
		t.Errorf("got %d paths, want 4 (pens without width or colour write none)", n)
	}
}

// TestSVGText checks a label: position, size, weight, anchor, and its halo
// as a stroke painted under the fill.
func TestSVGText(t *testing.T) {
	doc := paintSVG(t, 1920, 1080, SVGDoc{Fonts: "Noto Sans, sans-serif"}, func(p *SVGPainter) {
		p.Text("Beijing", pt{100.25, 200}, TextStyle{Size: 11, Color: color.NRGBA{0x1a, 0x1a, 0x1a, 255}, Bold: true,
			Halo: 1.5, HaloColor: color.NRGBA{0xff, 0xff, 0xff, 0xe6}, Anchor: AnchorMiddle}, nil)
		p.Text("Moscow", pt{1, 2}, TextStyle{Size: 10, Color: color.NRGBA{A: 255}, Anchor: AnchorEnd}, &Meta{ID: "place-MOW", Title: "Moscow — capital"})
		p.Text("  two  spaces", pt{1, 2}, TextStyle{Size: 10, Color: color.NRGBA{A: 255}}, nil)
	})
	wantContains(t, doc,
		`font-family="Noto Sans, sans-serif"`,
		`<text x="100.3" y="200" font-size="11" font-weight="bold" text-anchor="middle" fill="#1a1a1a" stroke="#ffffff" stroke-opacity=".902" stroke-width="3" paint-order="stroke">Beijing</text>`,
		`<text id="place-MOW" x="1" y="2" font-size="10" text-anchor="end" fill="#000000"><title>Moscow — capital</title>Moscow</text>`,
		`xml:space="preserve">  two  spaces</text>`,
	)
}

// TestSVGDocument checks the document's frame: size, title, description and
// metadata at the top, groups closed by Close, countries' paths with their
// id, data attributes and tooltip.
func TestSVGDocument(t *testing.T) {
	doc := paintSVG(t, 800, 600, SVGDoc{Title: "Map", Desc: "ICC members", Metadata: `{"date":"2023-10-17"}`}, func(p *SVGPainter) {
		p.Group("countries")
		p.Ring([]pt{{0, 0}, {10, 0}, {10, 10}})
		p.Fill(color.NRGBA{1, 2, 3, 255}, &Meta{ID: "country-CHN", Title: "China — Not a party", Data: map[string]string{"iso-a3": "CHN", "Status": "non-party"}})
		p.Group("unclosed")
	})
	wantContains(t, doc,
		`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="800" height="600" viewBox="0 0 800 600"`,
		"<title>Map</title>\n<desc>ICC members</desc>\n<metadata>{\"date\":\"2023-10-17\"}</metadata>",
		`<g id="countries">`,
		`<path id="country-CHN" data-status="non-party" data-iso-a3="CHN" d="m0 0 10 0 0 10z" fill="#010203"><title>China — Not a party</title></path>`,
		"<g id=\"unclosed\">\n</g>\n</g>\n</svg>\n",
	)
}

// TestSVGIDs checks that ids are made valid XML names and unique, across
// groups and marks.
func TestSVGIDs(t *testing.T) {
	doc := paintSVG(t, 100, 100, SVGDoc{}, func(p *SVGPainter) {
		for _, id := range []string{"labels", "labels", "labels-2", "", "3d view", "a<b>&\"c\"", "Ürümqi"} {
			p.Group(id)
			p.EndGroup()
		}
		p.Circle(pt{1, 1}, 1, color.NRGBA{A: 255}, Pen{}, &Meta{ID: "labels"})
	})
	for _, id := range []string{"labels", "labels-2", "labels-2-2", "_", "_3d_view", "a_b___c_", "__r_mqi", "labels-3"} {
		wantContains(t, doc, `id="`+id+`"`)
	}
}

// hostile are strings XML cannot hold as they are: markup, every control
// character class, invalid UTF-8, non-characters.
var hostile = []string{
	`<&>"'`, "a\x00b", "\x01\x08\x0b\x0c\x1f\x7f", "bad \xff\xfe utf-8 \xc3", "\uFFFE\uFFFF", "tab\tline\nreturn\r",
	"]]>", "<!--", "&amp;", "\xed\xa0\x80 surrogate",
}

// TestSVGEscapesHostileStrings puts hostile strings everywhere text goes —
// title, description, metadata, fonts, texts, tooltips, ids, data — and
// checks the document parses and each text reads back as written, with
// only the characters XML cannot hold replaced by U+FFFD.
func TestSVGEscapesHostileStrings(t *testing.T) {
	for _, s := range hostile {
		doc := paintSVG(t, 100, 100, SVGDoc{Title: s, Desc: s, Metadata: s, Fonts: s}, func(p *SVGPainter) {
			p.Group(s)
			p.Text(s, pt{1, 1}, TextStyle{Size: 10, Color: color.NRGBA{A: 255}}, &Meta{ID: s, Title: s, Data: map[string]string{s: s, "k": s}})
			p.Ring([]pt{{0, 0}, {10, 0}, {10, 10}})
			p.Fill(color.NRGBA{A: 255}, &Meta{ID: s, Title: s, Data: map[string]string{s: s}})
		})
		texts := svgTexts(t, doc)
		want := xmlSafe(s)
		for _, el := range []string{"title", "desc", "metadata", "text"} {
			if texts[el] != want {
				t.Errorf("%q: <%s> reads back %q, want %q", s, el, texts[el], want)
			}
		}
		if texts["k"] != want {
			t.Errorf("%q: data-k reads back %q, want %q", s, texts["k"], want)
		}
	}
}

// xmlSafe is s with what XML cannot hold replaced by U+FFFD.
func xmlSafe(s string) string {
	var b strings.Builder
	for _, r := range s { // each invalid byte reads as U+FFFD
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			r = 0xFFFD
		}
		b.WriteRune(r)
	}
	return b.String()
}

// svgTexts returns the character data of the first <title>, <desc>,
// <metadata> and <text> of doc (the text without its tooltip), and the
// value of the first data-k attribute as "k".
func svgTexts(t testing.TB, doc []byte) map[string]string {
	t.Helper()
	out := map[string]string{}
	d := xml.NewDecoder(bytes.NewReader(doc))
	var stack []string
	var cur strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if len(stack) > 0 && stack[len(stack)-1] == "text" {
				out["text"] += cur.String() // text before a child
			}
			stack = append(stack, tok.Name.Local)
			cur.Reset()
			for _, a := range tok.Attr {
				if _, ok := out["k"]; !ok && a.Name.Local == "data-k" {
					out["k"] = a.Value
				}
			}
		case xml.CharData:
			cur.Write(tok)
		case xml.EndElement:
			name := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if _, ok := out[name]; !ok || name == "text" {
				out[name] += cur.String()
			}
			cur.Reset()
		}
	}
}

// failingWriter fails every write after the first n bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(b []byte) (int, error) {
	if len(b) > w.n {
		return 0, errors.New("disk full")
	}
	w.n -= len(b)
	return len(b), nil
}

// TestSVGWriteError checks that Close reports a failed write, and that a
// large document is written in several blocks.
func TestSVGWriteError(t *testing.T) {
	w := &failingWriter{n: svgFlushAt * 3}
	p := NewSVG(w, 1920, 1080, SVGDoc{})
	line := make([]pt, 1000)
	for i := range line {
		line[i] = pt{float32(i), float32(i % 7)}
	}
	for i := 0; i < 200; i++ {
		p.Line(line)
		p.Stroke(Pen{Width: 1, Color: color.NRGBA{A: 255}}, nil)
	}
	if err := p.Close(); err == nil || err.Error() != "disk full" {
		t.Errorf("Close returned %v, want disk full", err)
	}
	if w.n == svgFlushAt*3 {
		t.Error("nothing was written before the document ended")
	}
}

// TestSVGNonFinite checks that points and sizes that are not numbers never
// reach the document, and that far points are clamped.
func TestSVGNonFinite(t *testing.T) {
	nan, inf := float32(0)/float32(zero), float32(1)/float32(zero)
	doc := paintSVG(t, 1920, 1080, SVGDoc{}, func(p *SVGPainter) {
		p.Line([]pt{{nan, 1}, {1, 1}, {2, nan}, {inf, 3}, {3, -inf}})
		p.Stroke(Pen{Width: 1, Color: color.NRGBA{A: 255}, Dash: []float32{inf, 1}}, nil)
		p.Line([]pt{{1, 1}, {2, 2}})
		p.Stroke(Pen{Width: inf, Color: color.NRGBA{A: 255}}, nil)
		p.Circle(pt{nan, 1}, 3, color.NRGBA{A: 255}, Pen{}, nil)
		p.Circle(pt{1, 1}, nan, color.NRGBA{A: 255}, Pen{}, nil)
		p.Text("x", pt{inf, 1}, TextStyle{Size: 10, Color: color.NRGBA{A: 255}}, nil)
		p.Text("x", pt{1, 1}, TextStyle{Size: nan, Color: color.NRGBA{A: 255}}, nil)
	})
	for _, bad := range []string{"NaN", "Inf", "e+", "<circle", "<text"} {
		if bytes.Contains(doc, []byte(bad)) {
			t.Errorf("SVG holds %q:\n%s", bad, doc)
		}
	}
	wantContains(t, doc, `d="m1 1 999999999 2-999999997-1000000003"`)
}

// zero defeats constant folding of 0/0 and 1/0.
var zero = 0.0

// FuzzSVGText writes arbitrary strings as a text, its tooltip, its id, a
// group's id and a data attribute, and checks that the document parses,
// that ids are valid and unique, and that the text reads back as written
// but for the characters XML cannot hold.
func FuzzSVGText(f *testing.F) {
	for _, s := range hostile {
		f.Add(s, s, s, s)
	}
	f.Add("Beijing", "place-BJS", "iso-a3", "CHN")
	f.Fuzz(func(t *testing.T, text, id, key, value string) {
		var buf bytes.Buffer
		p := NewSVG(&buf, 100, 100, SVGDoc{Title: text, Desc: value, Metadata: key, Fonts: value})
		p.Group(id)
		p.Group(id)
		p.Text(text, pt{1, 1}, TextStyle{Size: 10, Color: color.NRGBA{A: 255}}, &Meta{ID: id, Title: value, Data: map[string]string{key: value, "k": text, strings.ToUpper(key): key}})
		p.Circle(pt{1, 1}, 1, color.NRGBA{A: 255}, Pen{}, &Meta{ID: id, Title: text, Data: map[string]string{key: value}})
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		doc := buf.Bytes()
		if err := parseSVG(doc); err != nil {
			t.Fatalf("%v\n%s", err, doc)
		}
		if !utf8.Valid(doc) {
			t.Fatal("SVG is not UTF-8")
		}
		if text != "" {
			if got := svgTexts(t, doc)["text"]; got != xmlSafe(text) {
				t.Fatalf("text reads back %q, want %q", got, xmlSafe(text))
			}
		}
	})
}

// countingWriter counts the bytes written to it.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(b []byte) (int, error) { w.n += int64(len(b)); return len(b), nil }

// benchStorySVG writes the story scene of ../shared/bench as a w×h SVG
// document, as mapnik_story.py's svg_ms does through Cairo; the names are
// placed anew every time. It reports the document's size as svg_bytes.
func benchStorySVG(b *testing.B, w, h int) {
	s := loadStory(b)
	frame := &image.RGBA{Rect: image.Rect(0, 0, w, h)}
	var out countingWriter
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out.n = 0
		p := NewSVG(&out, w, h, SVGDoc{Title: "story scene"})
		paintBackground(p, s.background, frame.Rect)
		layers, _ := s.layers()
		PaintLayers(p, layers, s.fonts, anchorTransform(frame), 1, frame.Rect)
		if err := p.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out.n), "svg_bytes")
}

func BenchmarkStorySVG(b *testing.B)   { benchStorySVG(b, 1920, 1080) }
func BenchmarkStorySVG4K(b *testing.B) { benchStorySVG(b, 3840, 2160) }
