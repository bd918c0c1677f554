package cli

import (
	"bytes"
	"encoding/csv"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"articleatlas/app/render"
	"articleatlas/geo"
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
	w, err := geo.LoadWorldSync()
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
		if m := w.ICC.Lookup(r[0]); r[2] == "party" && (m == nil || m.TerritoryOf == "") {
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
		{"not png", []string{"export", "--out", "map.jpg"}, 2, "only .png"},
		{"width not a number", []string{"export", "--out", "m.png", "--width", "x"}, 2, `--width "x" is not a whole number`},
		{"width one dash", []string{"export", "--out", "m.png", "-width", "1.5"}, 2, `--width "1.5" is not a whole number`},
		{"height out of range", []string{"export", "--out", "m.png", "--height", "99999999999999999999"}, 2, `--height "99999999999999999999" is out of range`},
		{"scale not a number", []string{"export", "--out", "m.png", "--scale", "big"}, 2, `--scale "big" is not a number`},
		{"huge", []string{"export", "--out", "m.png", "--width", "100000"}, 2, "between 16 and"},
		{"bad select", []string{"export", "--out", "m.png", "--select", "XXX"}, 2, "no country"},
		{"bad projection", []string{"export", "--out", "m.png", "--projection", "globe"}, 2, `--projection "globe" is not equal-earth or equirectangular`},
		{"bad detail", []string{"export", "--out", "m.png", "--detail", "finest"}, 2, `--detail "finest" is not auto, coarse or fine`},
		{"select needs 1:50m", []string{"export", "--out", "m.png", "--select", "AND", "--detail", "coarse"}, 2, "AND (Andorra) is drawn only at 1:50m; drop --detail coarse"},
		{"unwritable", []string{"export", "--out", "/nonexistent-dir/m.png", "--width", "64", "--height", "32"}, 1, "/nonexistent-dir"},
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
		{[]string{"list", "--help"}, []string{"usage: atlas list", "territory_of"}},
		{[]string{"list", "-help"}, []string{"usage: atlas list"}},
		{[]string{"help", "list"}, []string{"usage: atlas list"}},
		{[]string{"export", "-h"}, []string{"usage: atlas export", "--out FILE", "--width PIXELS", "(default 1920)", "--height PIXELS", "(default 1080)",
			"--select ISO3", "--projection NAME", "(default equal-earth)", "--scale FACTOR", "--detail LEVEL", "(default auto)"}},
		{[]string{"export", "--help"}, []string{"usage: atlas export", "--width PIXELS"}},
		{[]string{"export", "--out", "m.png", "--help"}, []string{"usage: atlas export"}},
		{[]string{"help", "export"}, []string{"usage: atlas export", "--width PIXELS"}},
		{[]string{"help"}, []string{"atlas list", "atlas export", "atlas help [list|export]"}},
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
		out := filepath.Join(dir, name)
		args = append([]string{"export", "--out", out, "--width", "200", "--height", "100"}, args...)
		if code, _, errOut := run(args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := []struct{ flag, canonical, other string }{
		{"--detail", "fine", "FINE"},
		{"--detail", "coarse", "Coarse"},
		{"--projection", "equirectangular", "EQUIRECTANGULAR"},
		{"--projection", "equal-earth", "Equal-Earth"},
		{"--select", "CHN", "chn"},
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
			f, err := os.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			img, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
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
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 640 || b.Dy() != 360 {
		t.Errorf("image is %v, want 640×360", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want only map.png (no temporary left behind)", len(entries))
	}
}
