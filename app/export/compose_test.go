package export

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"articleatlas/app/icc"
	"articleatlas/app/scene"
	"articleatlas/app/userlayer"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// testAtlas is the atlas of the full world (both outline levels), made once.
var testAtlas = sync.OnceValues(func() (*scene.Atlas, error) {
	w, err := geo.LoadWorldSync()
	if err != nil {
		return nil, err
	}
	return scene.New(w)
})

func atlasT(t testing.TB) *scene.Atlas {
	t.Helper()
	a, err := testAtlas()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// storyJob is the story's export: all layers, China selected, a view of
// Central Asia to China, at w×h px and scale px per dp.
func storyJob(t testing.TB, f Format, w, h int, scale float64) Job {
	a := atlasT(t)
	v := geo.NewView(geo.EqualEarth{}, float64(w)/scale, float64(h)/scale)
	v.Center = geo.Project(v.Proj, orb.Point{90, 42})
	v.Zoom = 1.2
	return Job{World: a.World, Atlas: a, Projection: geo.EqualEarth{}, Date: icc.ArticleDate, Selected: "CHN",
		Width: w, Height: h, Scale: scale, View: &v, Format: f}
}

func writeJob(t *testing.T, j Job, path string) []byte {
	t.Helper()
	if err := WriteFile(context.Background(), path, j, nil); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// snapshotBytes composes j and writes it to memory.
func snapshotBytes(t *testing.T, j Job) ([]byte, *Snapshot) {
	t.Helper()
	s, err := Compose(j)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.Write(context.Background(), &b, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), s
}

// TestReplayWritesSameBytes writes the story as PNG and SVG, reads each
// file's recipe back and composes it again: the bytes are the same.
func TestReplayWritesSameBytes(t *testing.T) {
	dir := os.Getenv("ATLAS_EXPORT_DIR") // to look at the pictures
	if dir == "" {
		dir = t.TempDir()
	}
	for _, f := range []Format{PNG, SVG} {
		t.Run(string(f), func(t *testing.T) {
			j := storyJob(t, f, 960, 540, 1)
			j.Chart, j.ChartEnd = true, icc.ArticleDate.AddDate(2, 0, 0)
			first := writeJob(t, j, filepath.Join(dir, "story."+string(f)))
			rec, err := ReadRecipe(bytes.NewReader(first))
			if err != nil {
				t.Fatal(err)
			}
			s, err := ComposeRecipe(rec, atlasT(t))
			if err != nil {
				t.Fatal(err)
			}
			var again bytes.Buffer
			if err := s.Write(context.Background(), &again, nil); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Bytes(), first) {
				t.Errorf("the replay wrote %d bytes unlike the export's %d", again.Len(), len(first))
			}
		})
	}
}

// TestSameBytesOnAnyCores draws the story PNG on one core and on four: a
// machine's core count must not change the file.
func TestSameBytesOnAnyCores(t *testing.T) {
	j := storyJob(t, PNG, 1280, 720, 1)
	draw := func(procs int) []byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		b, _ := snapshotBytes(t, j)
		return b
	}
	if !bytes.Equal(draw(1), draw(4)) {
		t.Error("the PNG drawn on one core differs from the one drawn on four")
	}
}

// TestPNGCarriesTextChunks decodes the PNG with the standard library (so the
// inserted chunks keep it valid) and reads its alt text and recipe.
func TestPNGCarriesTextChunks(t *testing.T) {
	b, s := snapshotBytes(t, storyJob(t, PNG, 320, 200, 1))
	if _, err := png.Decode(bytes.NewReader(b)); err != nil {
		t.Fatalf("the PNG with text chunks does not decode: %v", err)
	}
	chunks, err := ReadPNGText(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if chunks["Description"] != s.Alt || chunks[RecipeKeyword] != string(s.Recipe.Marshal()) {
		t.Errorf("chunks %q; want the alt text and the recipe", chunks)
	}
	// A flipped bit in a text chunk fails its CRC.
	bad := bytes.Clone(b)
	bad[bytes.Index(bad, []byte("Description"))+20] ^= 1
	if _, err := ReadPNGText(bytes.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "bad CRC") {
		t.Errorf("a damaged chunk read with error %v, want a bad CRC", err)
	}
}

// TestAltTextNamesWhatIsShown: the description follows the layers, the
// date and the selection.
func TestAltTextNamesWhatIsShown(t *testing.T) {
	j := storyJob(t, PNG, 640, 360, 1)
	all, err := AltTextOf(j)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Equal Earth projection", "centred on 42.0° N, 90.0° E at zoom 1.2", "17 October 2023", "123 states parties",
		"2 former states parties", "Putin: Moscow → Beijing, 17–18 Oct 2023", "Xi Jinping: Beijing → Moscow", "Power of Siberia",
		"Maritime Silk Road", "Highlighted: China (not a party)", "Natural Earth"} {
		if !strings.Contains(all, want) {
			t.Errorf("alt text lacks %q:\n%s", want, all)
		}
	}
	j.Layers, j.Selected, j.View, j.Date = scene.ICC, "", nil, icc.ArticleDate.AddDate(-20, 0, 0)
	few, _ := AltTextOf(j)
	for _, absent := range []string{"Putin:", "Corridor", "Highlighted", "zoom"} {
		if strings.Contains(few, absent) {
			t.Errorf("alt text of the ICC layer alone names %q:\n%s", absent, few)
		}
	}
	if !strings.Contains(few, "World map") || !strings.Contains(few, "17 October 2003") {
		t.Errorf("alt text of the whole world in 2003:\n%s", few)
	}
}

// TestCancelledExportLeavesNothing: an export cancelled while it draws
// returns the context's error and leaves no file.
func TestCancelledExportLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	j := storyJob(t, PNG, 1600, 1600, 1)
	err := WriteFile(ctx, filepath.Join(dir, "map.png"), j, func(float64) { cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want the export cancelled", err)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("the folder holds %q", names)
	}
}

// TestDefaultTitle names the date and the story's layers shown.
func TestDefaultTitle(t *testing.T) {
	for _, c := range []struct {
		l    scene.Layers
		want string
	}{
		{scene.AllLayers, "ICC membership on 17 October 2023 — Putin's trips, the Belt and Road and Russia–China energy links"},
		{scene.ICC | scene.Trips | scene.Corridors, "ICC membership on 17 October 2023 — Putin's trips and the Belt and Road"},
		{scene.ICC | scene.XiVisit, "ICC membership on 17 October 2023 — Xi's visit to Moscow"},
		{scene.ICC, "ICC membership on 17 October 2023"},
		{scene.Energy, "17 October 2023 — Russia–China energy links"},
	} {
		if got := DefaultTitle(icc.ArticleDate, c.l); got != c.want {
			t.Errorf("DefaultTitle(%s) = %q, want %q", LayerString(c.l), got, c.want)
		}
	}
}

// TestStatusCounts: the article's 123 states parties, and every country on
// the map counted once.
func TestStatusCounts(t *testing.T) {
	a := atlasT(t)
	n := StatusCounts(a, icc.ArticleDate)
	if n[icc.Party] != 123 {
		t.Errorf("%d states parties on the article's date, want 123", n[icc.Party])
	}
	if got := LegendText(icc.NonParty, n[icc.NonParty]); !strings.HasSuffix(got, " on the map)") {
		t.Errorf("non-party legend %q", got)
	}
}

// TestRecipeRejectsBadValues: a recipe is read from a file, so each value
// out of range is refused with one line.
func TestRecipeRejectsBadValues(t *testing.T) {
	good := storyJob(t, SVG, 320, 200, 1).Recipe()
	for name, edit := range map[string]func(*Recipe){
		"format":     func(r *Recipe) { r.Format = "gif" },
		"date":       func(r *Recipe) { r.Date = "yesterday" },
		"projection": func(r *Recipe) { r.Projection = "globe" },
		"layers":     func(r *Recipe) { r.Layers = "" },
		"size":       func(r *Recipe) { r.Width = 1 << 20 },
		"scale":      func(r *Recipe) { r.Scale = 0 },
		"detail":     func(r *Recipe) { r.Detail = "finest" },
		"selection":  func(r *Recipe) { r.Selected = "XXX" },
		"view":       func(r *Recipe) { r.View.Lat = 91 },
		"chart end":  func(r *Recipe) { r.Chart, r.ChartEnd = true, "" },
	} {
		r := good
		v := *good.View
		r.View = &v
		edit(&r)
		_, err := r.Job(atlasT(t).World, atlasT(t))
		if err == nil || !strings.Contains(err.Error(), "recipe: bad "+name) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v", name, err)
		}
	}
	if _, err := ParseRecipe([]byte(`{"app":"Article Atlas 9","extra":1}`)); err == nil {
		t.Error("a recipe with an unknown field was read")
	}
}

// TestAppVersionMatchesFyneApp: the version recipes record is the one the
// app is packaged with.
func TestAppVersionMatchesFyneApp(t *testing.T) {
	b, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `Version = "`+AppVersion+`"`) {
		t.Errorf("FyneApp.toml does not give Version = %q", AppVersion)
	}
}

// TestComposeOpenedLayer: a layer the reader opened is drawn in the export
// (its own group in the SVG, its feature's title), named in the alt text and
// in the recipe's "opened" list.
func TestComposeOpenedLayer(t *testing.T) {
	l, err := userlayer.Decode("ports.geojson", []byte(`{"type":"Feature","properties":{"name":"Port Louis"},"geometry":{"type":"Point","coordinates":[57.5,-20.2]}}`))
	if err != nil {
		t.Fatal(err)
	}
	a := atlasT(t)
	j := Job{World: a.World, Atlas: a, Projection: geo.EqualEarth{}, Date: icc.ArticleDate, Width: 960, Height: 540, Format: SVG, User: []*userlayer.Layer{l}}
	s, err := Compose(j)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.WriteSVG(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	if svg := buf.String(); !strings.Contains(svg, "Port Louis") {
		t.Error("the SVG does not draw the opened layer's feature")
	}
	if !strings.Contains(s.Alt, "Also drawn: the layer ports.geojson (1 feature)") {
		t.Errorf("the alt text does not name the opened layer: %s", s.Alt)
	}
	if len(s.Recipe.Opened) != 1 || s.Recipe.Opened[0] != "ports.geojson" {
		t.Errorf("recipe opened = %v", s.Recipe.Opened)
	}
}
