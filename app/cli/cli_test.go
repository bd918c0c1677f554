package cli

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"articleatlas/app/article"
	"articleatlas/app/export"
	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/app/scene"
	"articleatlas/app/story"
	"articleatlas/data"
	"articleatlas/geo"

	"github.com/paulmach/orb/geojson"
)

func run(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = Run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestListArticleDate(t *testing.T) {
	code, out, errOut := run("list", "--date", "2023-10-17")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "iso_a3,name,icc_status,since,until,territory_of" {
		t.Fatalf("header = %q", got)
	}
	members, err := icc.LoadICC(data.ICC)
	if err != nil {
		t.Fatal(err)
	}
	byISO := map[string][]string{}
	parties := 0
	for _, r := range rows[1:] {
		byISO[r[0]] = r
		switch r[2] {
		case "party", "signatory", "withdrawn", "non-party":
		default:
			t.Errorf("%s: status %q", r[0], r[2])
		}
		if m := members.Lookup(r[0]); r[2] == "party" && (m == nil || m.TerritoryOf == "") {
			parties++
		}
	}
	if parties != 123 {
		t.Errorf("%d states parties listed, want 123", parties)
	}
	for iso, want := range map[string]string{
		"CHN": "CHN,China,non-party,,,",
		"NLD": "NLD,Netherlands,party,2002-07-01,,",
		"KGZ": "KGZ,Kyrgyzstan,signatory,1998-12-08,,",
		"PHL": "PHL,Philippines,withdrawn,2019-03-17,,",
		"UKR": "UKR,Ukraine,signatory,2000-01-20,2025-01-01,",
		"COK": "COK,Cook Islands,party,2008-10-01,,",
		"COD": "COD,Democratic Republic of the Congo,party,2002-07-01,,",
		"GRL": "GRL,Greenland,party,2004-10-01,,DNK",
		"NIU": "NIU,Niue,non-party,,,NZL",
	} {
		if got := strings.Join(byISO[iso], ","); got != want {
			t.Errorf("row %s = %q, want %q", iso, got, want)
		}
	}
}

// TestListStatesParties counts the CSV's party rows that are not territories:
// the article's 123 states parties on 17 October 2023.
func TestListStatesParties(t *testing.T) {
	code, out, errOut := run("list", "--date", "2023-10-17")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "territory_of")
	if col < 0 {
		t.Fatalf("no territory_of column in %q", rows[0])
	}
	states := 0
	for _, r := range rows[1:] {
		if r[2] == "party" && r[col] == "" {
			states++
		}
	}
	if states != 123 {
		t.Errorf("%d party rows with an empty territory_of, want 123", states)
	}
}

// singleDash matches a flag spelled with one dash, as package flag spells it.
var singleDash = regexp.MustCompile(`(^|[\s"'(])-[a-z]`)

// doublePrefix matches a second prefix after "atlas export: ", such as "export: ".
var doublePrefix = regexp.MustCompile(`^atlas [a-z]+: [a-z]+: `)

func TestBadInput(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"bad date", []string{"list", "--date", "17/10/2023"}, 2, `--date "17/10/2023" is not a date like 2023-10-17`},
		{"no date", []string{"list", "--date"}, 2, "--date needs a value"},
		{"unknown flag", []string{"list", "--colour", "red"}, 2, "unknown flag --colour"},
		{"unknown flag, one dash", []string{"export", "-foo"}, 2, "unknown flag --foo"},
		{"stray argument", []string{"list", "extra"}, 2, "unexpected argument"},
		{"no out", []string{"export"}, 2, "--out is required"},
		{"not png", []string{"export", "--out", "map.jpg"}, 2, "only .png and .svg (the map) and .geojson"},
		{"no extension", []string{"export", "--out", "map"}, 2, "only .png"},
		{"width not a number", []string{"export", "--out", "m.png", "--width", "x"}, 2, `--width "x" is not a whole number`},
		{"width one dash", []string{"export", "--out", "m.png", "-width", "1.5"}, 2, `--width "1.5" is not a whole number`},
		{"height out of range", []string{"export", "--out", "m.png", "--height", "99999999999999999999"}, 2, `--height "99999999999999999999" is out of range`},
		{"scale not a number", []string{"export", "--out", "m.png", "--scale", "big"}, 2, `--scale "big" is not a number`},
		{"huge", []string{"export", "--out", "m.png", "--width", "100000"}, 2, "between 16 and"},
		{"bad select", []string{"export", "--out", "m.png", "--select", "XXX"}, 2, "no country"},
		{"bad projection", []string{"export", "--out", "m.png", "--projection", "globe"}, 2, `--projection "globe" is not equal-earth, equirectangular`},
		{"bad detail", []string{"export", "--out", "m.png", "--detail", "finest"}, 2, `--detail "finest" is not auto, coarse or fine`},
		{"select needs 1:50m", []string{"export", "--out", "m.png", "--select", "AND", "--detail", "coarse"}, 2, "AND (Andorra) is drawn only at 1:50m; drop --detail coarse"},
		{"unwritable", []string{"export", "--out", "/nonexistent-dir/m.png", "--width", "64", "--height", "32"}, 1, "/nonexistent-dir"},
		{"unwritable geojson", []string{"export", "--out", "/nonexistent-dir/s.geojson"}, 1, "folder /nonexistent-dir does not exist"},
		{"unknown list layer", []string{"list", "--layer", "roads"}, 2, `--layer "roads" is not countries, trips, places, corridors, events or mentions`},
		{"list layer without value", []string{"list", "--layer"}, 2, "--layer needs a value"},
		{"list --layers", []string{"list", "--layers", "trips"}, 2, "unknown flag --layers; did you mean --layer?"},
		{"export --layer", []string{"export", "--out", "m.png", "--layer", "trips"}, 2, "unknown flag --layer; did you mean --layers?"},
		{"date with places", []string{"list", "--layer", "places", "--date", "2023-10-17"}, 2, "--date applies only to --layer countries, trips and events"},
		{"date with mentions", []string{"list", "--layer", "mentions", "--date", "2023-10-17"}, 2, "--date applies only to --layer countries"},
		{"unknown export layer", []string{"export", "--out", "m.png", "--layers", "icc,roads"}, 2, `--layers: unknown layer "roads" (want icc,graticule,trips,`},
		{"no export layer", []string{"export", "--out", "m.png", "--layers", " , "}, 2, `--layers " , " names no layer`},
		{"geojson with width", []string{"export", "--out", "s.geojson", "--width", "100"}, 2, "--width applies only to a PNG or SVG export"},
		{"geojson with date", []string{"export", "--out", "s.geojson", "--date", "2023-10-17"}, 2, "--date applies only to a PNG or SVG export"},
		{"geojson without story layer", []string{"export", "--out", "s.geojson", "--layers", "icc,labels"}, 2, `--layers "icc,labels" has nothing to write as GeoJSON`},
		{"svg with geojson flag", []string{"export", "--out", "s.geojson", "--title", "T"}, 2, "--title applies only to a PNG or SVG export"},
		{"size and width", []string{"export", "--out", "m.png", "--size", "2x", "--width", "100"}, 2, "--size sets the width, height and scale; drop --width"},
		{"bad size", []string{"export", "--out", "m.png", "--size", "3x"}, 2, `--size "3x" is not 1x, 2x or 4x`},
		{"view not three numbers", []string{"export", "--out", "m.png", "--view", "100,45"}, 2, `--view "100,45" is not LON,LAT,ZOOM`},
		{"view not a number", []string{"export", "--out", "m.png", "--view", "100,north,1"}, 2, `"north" is not a number`},
		{"view latitude", []string{"export", "--out", "m.png", "--view", "100,95,1"}, 2, "the latitude must be between -90 and 90"},
		{"view zoom", []string{"export", "--out", "m.png", "--view", "100,45,9"}, 2, "the zoom must be between 0 and 7"},
		{"title and no title", []string{"export", "--out", "m.png", "--title", "T", "--no-title"}, 2, "--title and --no-title cannot be used together"},
		{"replay with a choice", []string{"export", "--replay", "old.png", "--out", "m.png", "--date", "2020-01-01"}, 2, "--date cannot be used with --replay"},
		{"replay without out", []string{"export", "--replay", "old.png"}, 2, "--replay needs --out"},
		{"replay to geojson", []string{"export", "--replay", "old.png", "--out", "s.geojson"}, 2, "a replay writes .png or .svg"},
		{"replay missing file", []string{"export", "--replay", "/nonexistent-dir/old.png", "--out", filepath.Join(os.TempDir(), "m.png")}, 1, "--replay: /nonexistent-dir/old.png: no such file or directory"},
		{"alt without out for geojson", []string{"export", "--out", "s.geojson", "--alt"}, 2, "--alt applies only to a PNG or SVG export"},
		{"unknown command", []string{"draw"}, 2, "unknown command"},
		{"help for no command", []string{"help", "draw"}, 2, `no command "draw"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := run(c.args...)
			if code != c.code || !strings.Contains(errOut, c.msg) || strings.Count(errOut, "\n") != 1 || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and one line on stderr containing %q", code, out, errOut, c.code, c.msg)
			}
			if doublePrefix.MatchString(errOut) {
				t.Errorf("stderr %q: want one prefix", errOut)
			}
			if singleDash.MatchString(errOut) {
				t.Errorf("stderr %q spells a flag with one dash; the README spells them --width", errOut)
			}
		})
	}
}

// TestCommandHelp asks each command for its usage, every way a user might.
func TestCommandHelp(t *testing.T) {
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"list", "-h"}, []string{"usage: atlas list", "--date YYYY-MM-DD", "(default 2023-10-17)"}},
		{[]string{"list", "--help"}, []string{"usage: atlas list", "territory_of", "--layer LAYER", "(default countries)",
			"trips      id,traveller,from_place,to_place,from_lon,from_lat,to_lon,to_lat,start,end,destination_iso_a3,destination_icc_status,purpose",
			"places     id,name,iso_a3,lon,lat,kind,role,in_article", "corridors  id,name,kind,status,countries", "events     id,date,title,place,iso_a3,lon,lat",
			"mentions   paragraph,start,end,text,kind,target,iso_a3"}},
		{[]string{"list", "-help"}, []string{"usage: atlas list"}},
		{[]string{"help", "list"}, []string{"usage: atlas list"}},
		{[]string{"export", "-h"}, []string{"usage: atlas export", "--out FILE", "--width PIXELS", "(default 1920)", "--height PIXELS", "(default 1080)",
			"--select ISO3", "--projection NAME", "(default equal-earth)", "--scale FACTOR", "--detail LEVEL", "(default auto)",
			"--layers NAMES", "icc,graticule,trips,putin,xi,corridors,land,maritime,energy,places,labels,all", "(default all)", ".geojson"}},
		{[]string{"export", "--help"}, []string{"usage: atlas export", "--width PIXELS"}},
		{[]string{"export", "--out", "m.png", "--help"}, []string{"usage: atlas export"}},
		{[]string{"help", "export"}, []string{"usage: atlas export", "--width PIXELS"}},
		{[]string{"help"}, []string{"atlas list", "--layer countries|trips|places|corridors|events|mentions", "atlas export", "--layers icc,trips",
			"atlas export --out story.geojson", "atlas help [list|export]"}},
		{[]string{"--help"}, []string{"atlas list", "atlas export"}},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, out, errOut := run(c.args...)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q; want exit 0 and nothing on stderr", code, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("usage lacks %q:\n%s", w, out)
				}
			}
			if singleDash.MatchString(out) {
				t.Errorf("usage spells a flag with one dash:\n%s", out)
			}
		})
	}
}

// TestValueCase exports with each enumerated value in another case and
// compares the file with the one the canonical spelling writes.
func TestValueCase(t *testing.T) {
	dir := t.TempDir()
	export := func(t *testing.T, name string, args ...string) []byte {
		t.Helper()
		return exportFile(t, filepath.Join(dir, name), append([]string{"--width", "200", "--height", "100"}, args...)...)
	}
	cases := []struct{ flag, canonical, other string }{
		{"--detail", "fine", "FINE"},
		{"--detail", "coarse", "Coarse"},
		{"--projection", "equirectangular", "EQUIRECTANGULAR"},
		{"--projection", "equal-earth", "Equal-Earth"},
		{"--select", "CHN", "chn"},
		{"--layers", "icc,trips,places", "ICC, Trips ,PLACES"},
	}
	for _, c := range cases {
		t.Run(c.flag+" "+c.other, func(t *testing.T) {
			want := export(t, "want.png", c.flag, c.canonical)
			if got := export(t, "got.png", c.flag, c.other); !bytes.Equal(got, want) {
				t.Errorf("%s %s draws another map than %s %s", c.flag, c.other, c.flag, c.canonical)
			}
		})
	}
	t.Run("--out MAP.PNG", func(t *testing.T) {
		export(t, "MAP.PNG")
	})
}

// TestSelectFineOnly selects Andorra, which only the 1:50m outlines draw, in an
// export small enough for 1:110m: the selection's outline colour must show.
func TestSelectFineOnly(t *testing.T) {
	selected := render.LightStyle().Selected
	for _, args := range [][]string{{"--select", "AND"}, {"--select", "and", "--detail", "fine"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "map.png")
			code, _, errOut := run(append([]string{"export", "--out", out, "--width", "800", "--height", "400"}, args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			img := decodePNG(t, out)
			n := 0
			b := img.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					if c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA); c == selected {
						n++
					}
				}
			}
			if n == 0 {
				t.Errorf("no pixel has the selection's colour %v", selected)
			}
		})
	}
}

func TestExportWritesPNG(t *testing.T) {
	out := filepath.Join(t.TempDir(), "map.png")
	code, stdout, errOut := run("export", "--out", out, "--width", "640", "--height", "360", "--date", "2023-10-17", "--select", "chn")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(stdout, "640×360") {
		t.Errorf("stdout %q", stdout)
	}
	img := decodePNG(t, out)
	if b := img.Bounds(); b.Dx() != 640 || b.Dy() != 360 {
		t.Errorf("image is %v, want 640×360", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want only map.png (no temporary left behind)", len(entries))
	}
}

// TestListTripsOnDate: with --date, list prints only the trips begun by that
// day — on the eve of the 2019 forum, the 2017 one but not the 2019 one.
func TestListTripsOnDate(t *testing.T) {
	code, out, errOut := run("list", "--layer", "trips", "--date", "2019-04-24")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "putin-2017-beijing") || strings.Contains(out, "putin-2019-beijing") || strings.Contains(out, "putin-2023-beijing") {
		t.Errorf("trips listed on 2019-04-24:\n%s", out)
	}
}

// TestListStoryLayers prints each story layer and checks its header, its
// number of rows and a few rows taken from data/README.md.
func TestListStoryLayers(t *testing.T) {
	st, err := story.Load(data.Story)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		layer  string
		header []string
		rows   int
		want   map[string]string // id → the row's columns joined by "|", up to the last given
	}{
		{"trips", export.TripColumns, len(st.Trips), map[string]string{
			"putin-2023-bishkek": "putin-2023-bishkek|putin|moscow|bishkek|37.6175|55.7504|74.6122|42.8747|2023-10-12|2023-10-13|KGZ|signatory",
			"putin-2023-beijing": "putin-2023-beijing|putin|moscow|beijing|37.6175|55.7504|116.4074|39.9042|2023-10-17|2023-10-18|CHN|non-party",
			"putin-2019-beijing": "putin-2019-beijing|putin|vladivostok|beijing|131.9333|43.1667|116.4074|39.9042|2019-04-25|2019-04-27|CHN|non-party",
			"xi-2023-moscow":     "xi-2023-moscow|xi|beijing|moscow|116.4074|39.9042|37.6175|55.7504|2023-03-20|2023-03-22|RUS|non-party",
		}},
		{"places", export.PlaceColumns, len(st.Places), map[string]string{
			"moscow":    "moscow|Moscow|RUS|37.6175|55.7504|capital",
			"the-hague": "the-hague|The Hague|NLD|4.31|52.08|court",
		}},
		{"corridors", export.CorridorColumns, len(st.Corridors), map[string]string{
			"power-of-siberia-2": "power-of-siberia-2|Power of Siberia 2 / Soyuz Vostok gas pipeline (via Mongolia)|gas|planned|RUS MNG CHN",
			"msr-china-europe":   "msr-china-europe",
		}},
		{"events", export.EventColumns, len(st.Events), map[string]string{
			"icc-warrant": "icc-warrant|2023-03-17|ICC issues an arrest warrant for Vladimir Putin|the-hague|NLD|4.31|52.08",
		}},
	}
	for _, c := range cases {
		t.Run(c.layer, func(t *testing.T) {
			code, out, errOut := run("list", "--layer", c.layer)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(rows[0], c.header) {
				t.Fatalf("header %q, want %q", rows[0], c.header)
			}
			if len(rows)-1 != c.rows || c.rows == 0 {
				t.Errorf("%d rows, want %d (one per item of the story)", len(rows)-1, c.rows)
			}
			for _, r := range rows[1:] {
				want, ok := c.want[r[0]]
				if !ok {
					continue
				}
				delete(c.want, r[0])
				n := strings.Count(want, "|") + 1
				if got := strings.Join(r[:n], "|"); got != want {
					t.Errorf("row %s:\n got %s\nwant %s", r[0], got, want)
				}
			}
			for id := range c.want {
				t.Errorf("no row %s", id)
			}
			// Values are read in any case, like the other flags'.
			if _, upper, _ := run("list", "--layer", strings.ToUpper(c.layer)); upper != out {
				t.Errorf("--layer %s prints other rows than --layer %s", strings.ToUpper(c.layer), c.layer)
			}
		})
	}
	t.Run("countries is the default", func(t *testing.T) {
		_, def, _ := run("list")
		_, countries, _ := run("list", "--layer", "countries", "--date", "2023-10-17")
		if def != countries || !strings.HasPrefix(def, "iso_a3,name,icc_status,since,until,territory_of\n") {
			t.Error("list and list --layer countries --date 2023-10-17 differ")
		}
	})
}

// TestListMentions prints the article's mentions: the header, one row per
// mention of app/article, and known rows — "Vietnam" after the ’ of "forum’s"
// starts at rune 108 (byte 110) of paragraph 8.
func TestListMentions(t *testing.T) {
	code, out, errOut := run("list", "--layer", "mentions")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"paragraph", "start", "end", "text", "kind", "target", "iso_a3"}; !slices.Equal(rows[0], want) {
		t.Fatalf("header %q, want %q", rows[0], want)
	}
	a, err := article.Default()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(a.Mentions()); len(rows)-1 != n || n == 0 {
		t.Errorf("%d rows, want %d (one per mention)", len(rows)-1, n)
	}
	for _, want := range []string{
		"1,0,14,Vladimir Putin,person,putin,RUS",
		"8,108,115,Vietnam,country,VNM,VNM",
		"17,15,21,Russia,country,RUS,RUS",
		"18,0,11,The Kremlin,institution,moscow,RUS",
	} {
		if !slices.ContainsFunc(rows[1:], func(r []string) bool { return strings.Join(r, ",") == want }) {
			t.Errorf("no row %s", want)
		}
	}
	if _, upper, _ := run("list", "--layer", "MENTIONS"); upper != out {
		t.Error("--layer MENTIONS prints other rows than --layer mentions")
	}
}

// TestExportGeoJSON writes the story as GeoJSON from the command line: a
// FeatureCollection that orb reads, one feature per story item, the same
// bytes each time, and nothing else left in the folder.
func TestExportGeoJSON(t *testing.T) {
	st, err := story.Load(data.Story)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(t *testing.T, name string, args ...string) ([]byte, string) {
		t.Helper()
		out := filepath.Join(dir, name)
		code, stdout, errOut := run(append([]string{"export", "--out", out}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return b, stdout
	}
	layersOf := func(t *testing.T, b []byte) map[string]int {
		t.Helper()
		fc, err := geojson.UnmarshalFeatureCollection(b)
		if err != nil {
			t.Fatalf("orb cannot read the file: %v", err)
		}
		n := map[string]int{}
		for _, f := range fc.Features {
			n[f.Properties.MustString("layer", "")]++
		}
		return n
	}

	all, stdout := write(t, "story.geojson")
	total := len(st.Trips) + len(st.Corridors) + len(st.Places) + len(st.Events)
	if want := fmt.Sprintf("(%d features)", total); !strings.Contains(stdout, want) {
		t.Errorf("stdout %q, want it to say %s", stdout, want)
	}
	want := map[string]int{"trip": len(st.Trips), "corridor": len(st.Corridors), "place": len(st.Places), "event": len(st.Events)}
	if got := layersOf(t, all); !maps.Equal(got, want) {
		t.Errorf("features per layer %v, want %v", got, want)
	}
	if again, _ := write(t, "STORY.GEOJSON", "--layers", "all"); !bytes.Equal(again, all) {
		t.Error("a second export wrote other bytes")
	}
	trips, _ := write(t, "trips.geojson", "--layers", "Trips")
	if got := layersOf(t, trips); !maps.Equal(got, map[string]int{"trip": len(st.Trips)}) {
		t.Errorf("--layers trips: features per layer %v, want only the %d trips", got, len(st.Trips))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("the folder holds %d files, want the 3 exports (no temporary left behind)", len(entries))
	}
}

// TestExportLayersPNG: --layers reaches the renderer (the PNG is the one
// export.Job draws with those layers) and changes the picture.
func TestExportLayersPNG(t *testing.T) {
	dir := t.TempDir()
	cli := filepath.Join(dir, "cli.png")
	if code, _, errOut := run("export", "--out", cli, "--width", "320", "--height", "160", "--layers", "icc,places"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	w, err := geo.LoadWorldSync()
	if err != nil {
		t.Fatal(err)
	}
	job := export.Job{World: w, Projection: geo.EqualEarth{}, Date: icc.ArticleDate, Layers: scene.ICC | scene.Places, Width: 320, Height: 160, Scale: 1}
	direct := filepath.Join(dir, "direct.png")
	if err := export.WritePNGFile(direct, job); err != nil {
		t.Fatal(err)
	}
	all := filepath.Join(dir, "all.png")
	if code, _, errOut := run("export", "--out", all, "--width", "320", "--height", "160"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got, _ := os.ReadFile(cli)
	want, _ := os.ReadFile(direct)
	every, _ := os.ReadFile(all)
	if !bytes.Equal(got, want) {
		t.Error("--layers icc,places draws another map than export.Job with Layers ICC|Places")
	}
	if bytes.Equal(got, every) {
		t.Error("--layers icc,places draws the same map as all layers")
	}
}

// decodePNG reads the PNG file at path.
func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}
