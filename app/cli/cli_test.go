package cli

import (
	"bytes"
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	if got := strings.Join(rows[0], ","); got != "iso_a3,name,icc_status,since,until" {
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
		"CHN": "CHN,China,non-party,,",
		"NLD": "NLD,Netherlands,party,2002-07-01,",
		"KGZ": "KGZ,Kyrgyzstan,signatory,1998-12-08,",
		"PHL": "PHL,Philippines,withdrawn,2019-03-17,",
		"UKR": "UKR,Ukraine,signatory,2000-01-20,2025-01-01",
		"COK": "COK,Cook Islands,party,2008-10-01,",
		"COD": "COD,Democratic Republic of the Congo,party,2002-07-01,",
	} {
		if got := strings.Join(byISO[iso], ","); got != want {
			t.Errorf("row %s = %q, want %q", iso, got, want)
		}
	}
}

func TestBadInput(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"bad date", []string{"list", "--date", "17/10/2023"}, 2, "is not a date"},
		{"unknown flag", []string{"list", "--colour", "red"}, 2, "flag provided but not defined"},
		{"stray argument", []string{"list", "extra"}, 2, "unexpected argument"},
		{"no out", []string{"export"}, 2, "--out is required"},
		{"not png", []string{"export", "--out", "map.jpg"}, 2, "only .png"},
		{"huge", []string{"export", "--out", "m.png", "--width", "100000"}, 2, "between 16 and"},
		{"bad select", []string{"export", "--out", "m.png", "--select", "XXX"}, 2, "no country"},
		{"bad projection", []string{"export", "--out", "m.png", "--projection", "globe"}, 2, "unknown projection"},
		{"unwritable", []string{"export", "--out", "/nonexistent-dir/m.png", "--width", "64", "--height", "32"}, 1, "cannot write"},
		{"unknown command", []string{"draw"}, 2, "unknown command"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := run(c.args...)
			if code != c.code || !strings.Contains(errOut, c.msg) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want exit %d and one line containing %q", code, errOut, c.code, c.msg)
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
