package cli

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"articleatlas/app/export"
	"articleatlas/app/icc"
	"articleatlas/app/userlayer"
	"articleatlas/geo"
)

// exportFile runs `atlas export` with args and returns the file written to out.
func exportFile(t *testing.T, out string, args ...string) []byte {
	t.Helper()
	args = append([]string{"export", "--out", out}, args...)
	if code, _, errOut := run(args...); code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// storyArgs are the choices of a small export of the story with every
// option the recipe records set away from its default.
var storyArgs = []string{"--width", "480", "--height", "270", "--scale", "0.75", "--date", "2023-03-20", "--select", "kgz",
	"--projection", "equirectangular", "--view", "95.5,41.25,1.3", "--layers", "icc,trips,corridors,places,labels",
	"--title", "Putin’s travels — “a friend”", "--no-source", "--detail", "fine"}

// TestReplaySameBytes exports a PNG and an SVG, replays each from its recipe,
// and compares the bytes; a PNG replayed to SVG is the SVG exported directly.
func TestReplaySameBytes(t *testing.T) {
	dir := t.TempDir()
	png := exportFile(t, filepath.Join(dir, "a.png"), storyArgs...)
	svg := exportFile(t, filepath.Join(dir, "a.svg"), storyArgs...)
	for _, c := range []struct {
		from, to string
		want     []byte
	}{{"a.png", "b.png", png}, {"a.svg", "b.svg", svg}, {"a.png", "c.svg", svg}, {"a.svg", "c.png", png}} {
		t.Run(c.from+" to "+c.to, func(t *testing.T) {
			got := exportFile(t, filepath.Join(dir, c.to), "--replay", filepath.Join(dir, c.from))
			if !bytes.Equal(got, c.want) {
				t.Errorf("the replay wrote %d bytes unlike the %d of the export", len(got), len(c.want))
			}
		})
	}
}

// TestExportCarriesAltAndRecipe reads the alt text and the recipe back from
// the PNG's text chunks and the SVG's <title>, <desc> and <metadata>, and
// checks that --alt prints the same text.
func TestExportCarriesAltAndRecipe(t *testing.T) {
	dir := t.TempDir()
	code, stdout, errOut := run(append([]string{"export", "--alt"}, storyArgs...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	alt := strings.TrimSpace(stdout)
	for _, want := range []string{"equirectangular projection", "centred on 41.2° N, 95.5° E", "20 March 2023", "states parties",
		"Putin: Moscow → Beijing, 14–15 May 2017", "Xi Jinping: Beijing → Moscow, 20–22 Mar 2023", "China–Mongolia–Russia Economic Corridor",
		"Highlighted: Kyrgyzstan (signed, not ratified)"} {
		if !strings.Contains(alt, want) {
			t.Errorf("alt text lacks %q:\n%s", want, alt)
		}
	}
	// On 20 March 2023 the October trips are still to come: not drawn, not described.
	if strings.Contains(alt, "Oct 2023") {
		t.Errorf("alt text names a trip after the map's date:\n%s", alt)
	}
	if strings.Contains(alt, "energy") || strings.Contains(alt, "Sources:") {
		t.Errorf("alt text names what is not drawn (energy links, sources):\n%s", alt)
	}

	png := filepath.Join(dir, "m.png")
	exportFile(t, png, storyArgs...)
	f, err := os.Open(png)
	if err != nil {
		t.Fatal(err)
	}
	chunks, err := export.ReadPNGText(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if chunks["Description"] != alt {
		t.Errorf("PNG Description = %q, want the --alt text %q", chunks["Description"], alt)
	}
	rec, err := export.ParseRecipe([]byte(chunks[export.RecipeKeyword]))
	if err != nil {
		t.Fatal(err)
	}
	if rec.Selected != "KGZ" || rec.Date != "2023-03-20" || rec.Projection != "equirectangular" || rec.Width != 480 || rec.Scale != 0.75 ||
		rec.View == nil || rec.View.Zoom != 1.3 || rec.Title != "Putin’s travels — “a friend”" || !rec.NoSource || rec.Detail != "fine" ||
		rec.Layers != "icc,land,maritime,xi,putin,places,labels" || rec.App != "Article Atlas "+export.AppVersion {
		t.Errorf("recipe %+v does not record the choices", rec)
	}

	svg := exportFile(t, filepath.Join(dir, "m.svg"), storyArgs...)
	var doc struct {
		Title    string `xml:"title"`
		Desc     string `xml:"desc"`
		Metadata string `xml:"metadata"`
	}
	if err := xml.Unmarshal(svg, &doc); err != nil {
		t.Fatal(err)
	}
	svgRec, err := export.ParseRecipe([]byte(doc.Metadata))
	if err != nil {
		t.Fatal(err)
	}
	svgRec.Format = export.PNG
	if doc.Title != "Putin’s travels — “a friend”" || doc.Desc != alt || string(svgRec.Marshal()) != chunks[export.RecipeKeyword] {
		t.Errorf("SVG title %q, desc %q, metadata %q; want the title, the alt text and the PNG's recipe", doc.Title, doc.Desc, doc.Metadata)
	}
}

// TestReplayBadRecipe: a file without a recipe, or with a damaged one, fails
// with one line naming the problem, and writes nothing.
func TestReplayBadRecipe(t *testing.T) {
	dir := t.TempDir()
	good := exportFile(t, filepath.Join(dir, "good.svg"), "--width", "64", "--height", "32")
	plain := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`)
	i := bytes.Index(good, []byte(`"date":"`))
	badDate := append(append(append([]byte{}, good[:i]...), `"date":"2023-13-45`...), good[i+len(`"date":"2023-10-17`):]...)
	badJSON := bytes.Replace(good, []byte(`{&#34;app`), []byte(`{app`), 1)
	if bytes.Equal(badJSON, good) {
		badJSON = bytes.Replace(good, []byte(`{"app`), []byte(`{app`), 1)
	}
	cases := []struct {
		name string
		data []byte
		msg  string
	}{
		{"no recipe", plain, "no Article Atlas recipe in the file"},
		{"not json", badJSON, "the recipe is corrupt"},
		{"bad date", badDate, `recipe: bad date "2023-13-45"`},
		{"not an image", []byte("hello"), "no Article Atlas recipe in the file"},
		{"not xml", []byte("<svg><metadata>{</svg>"), "not a PNG or SVG file with a recipe"},
		{"cut png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), "the PNG file is cut short"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			from := filepath.Join(dir, "from")
			if err := os.WriteFile(from, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out.png")
			code, stdout, errOut := run("export", "--replay", from, "--out", out)
			if code != 1 || !strings.Contains(errOut, c.msg) || strings.Count(errOut, "\n") != 1 || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and one line containing %q", code, stdout, errOut, c.msg)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a failed replay wrote the output")
			}
		})
	}
}

// TestExportSizeAndParts: --size 1x is the window's 1280×800; the --no-*
// flags each change the picture; --chart draws an inset.
func TestExportSizeAndParts(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "w.png")
	exportFile(t, out, "--size", "1X")
	if b := decodePNG(t, out).Bounds(); b.Dx() != 1280 || b.Dy() != 800 {
		t.Errorf("--size 1x is %v, want 1280×800", b)
	}
	base := exportFile(t, filepath.Join(dir, "base.svg"), "--width", "320", "--height", "200")
	for _, c := range []struct {
		flag, gone string
	}{{"--no-title", `<g id="title"`}, {"--no-legend", `<g id="legend"`}, {"--no-source", `<g id="source"`}, {"--no-date", "ICC membership on 17 October 2023</text>"}} {
		got := exportFile(t, filepath.Join(dir, "part.svg"), "--width", "320", "--height", "200", c.flag)
		if !bytes.Contains(base, []byte(c.gone)) || bytes.Contains(got, []byte(c.gone)) {
			t.Errorf("%s: the SVG still holds %q, or the full one lacks it", c.flag, c.gone)
		}
	}
	chart := exportFile(t, filepath.Join(dir, "chart.svg"), "--width", "640", "--height", "400", "--chart")
	if !bytes.Contains(chart, []byte(`<g id="chart"`)) || bytes.Contains(base, []byte(`<g id="chart"`)) {
		t.Error("--chart draws no chart group, or the default export draws one")
	}
}

// TestReplayRefusesOpenedLayers: an export that drew a layer the reader
// opened cannot be replayed to the same bytes, so --replay refuses it with
// one line naming the layer, and writes nothing.
func TestReplayRefusesOpenedLayers(t *testing.T) {
	l, err := userlayer.Decode("ports.geojson", []byte(`{"type":"Point","coordinates":[57.5,-20.2]}`))
	if err != nil {
		t.Fatal(err)
	}
	w, err := geo.LoadWorldSync()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	old := filepath.Join(dir, "old.png")
	j := export.Job{World: w, Projection: geo.EqualEarth{}, Date: icc.ArticleDate, Width: 320, Height: 180, User: []*userlayer.Layer{l}}
	if err := export.WriteFile(context.Background(), old, j, nil); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run("export", "--replay", old, "--out", filepath.Join(dir, "new.png"))
	if code != 1 || !strings.Contains(errOut, "opened layers (ports.geojson)") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.png")); err == nil {
		t.Error("the refused replay wrote a file")
	}
}
