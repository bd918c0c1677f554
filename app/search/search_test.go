package search

import (
	"os"
	"regexp"
	"sync"
	"testing"

	"articleatlas/app/scene"
	"articleatlas/geo"
)

var (
	atlasOnce sync.Once
	atlas     *scene.Atlas
	atlasErr  error
)

// testAtlas is the atlas of the embedded world and story, with 1:50m loaded.
func testAtlas(t *testing.T) *scene.Atlas {
	t.Helper()
	atlasOnce.Do(func() {
		w, err := geo.LoadWorldSync()
		if err != nil {
			atlasErr = err
			return
		}
		atlas, atlasErr = scene.New(w)
	})
	if atlasErr != nil {
		t.Fatal(atlasErr)
	}
	return atlas
}

func testAliases(t *testing.T) *Aliases {
	t.Helper()
	b, err := os.ReadFile("../../data/aliases.json")
	if err != nil {
		t.Fatal(err)
	}
	al, err := LoadAliases(b)
	if err != nil {
		t.Fatal(err)
	}
	return al
}

func testIndex(t *testing.T) *Index {
	return ForAtlas(testAtlas(t), testAliases(t))
}

// first returns the best result for q, failing when there is none.
func first(t *testing.T, idx *Index, q string) Result {
	t.Helper()
	rs := idx.Search(q, 10)
	if len(rs) == 0 {
		t.Fatalf("%q: no results", q)
	}
	return rs[0]
}

func TestAliasesFindTheirCountry(t *testing.T) {
	idx := testIndex(t)
	for q, want := range map[string]string{
		"Russia": "RUS", "Russian Federation": "RUS", "Laos": "LAO", "Ivory Coast": "CIV",
		"Côte d'Ivoire": "CIV", "cote d’ivoire": "CIV", "Holland": "NLD", "Netherlands": "NLD",
		"Burma": "MMR", "Myanmar": "MMR", "Czechia": "CZE", "Czech Republic": "CZE",
		"Turkey": "TUR", "Türkiye": "TUR", "turkiye": "TUR", "UK": "GBR", "Britain": "GBR",
		"Great Britain": "GBR", "USA": "USA", "America": "USA", "United States": "USA",
		"South Korea": "KOR", "North Korea": "PRK", "Vatican": "VAT", "Swaziland": "SWZ",
		"Eswatini": "SWZ", "DRC": "COD", "Congo-Kinshasa": "COD", "East Timor": "TLS",
		"Cape Verde": "CPV", "Cabo Verde": "CPV", "Macedonia": "MKD", "North Macedonia": "MKD",
		"Congo-Brazzaville": "COG", "Åland": "ALA", "aland": "ALA",
	} {
		r := first(t, idx, q)
		if r.Kind != Country || r.Target != want || r.Rank != Exact {
			t.Errorf("%q: got %+v, want the exact country %s", q, r, want)
		}
	}
}

func TestCodes(t *testing.T) {
	idx := testIndex(t)
	for q, want := range map[string]string{"nld": "NLD", "NL": "NLD", "civ": "CIV", "CI": "CIV", "ru": "RUS", "XKX": "XKX", "cn": "CHN"} {
		r := first(t, idx, q)
		if r.Target != want || r.Rank != Exact {
			t.Errorf("%q: got %+v, want the exact code of %s", q, r, want)
		}
	}
	// A code is matched whole: "nl" finds the Netherlands by its code, but
	// "n" does not find every code starting with N.
	for _, r := range idx.Search("n", 300) {
		if r.Matched != "" && len(r.Matched) <= 3 && r.Matched == Fold(r.Matched) {
			t.Errorf("\"n\" matched the code %q of %s", r.Matched, r.Target)
		}
	}
}

func TestPlaces(t *testing.T) {
	idx := testIndex(t)
	r := first(t, idx, "beij")
	if r.Kind != Place || r.Target != "beijing" || r.Text != "Beijing" || r.Detail != "China" || r.Rank != Prefix {
		t.Errorf("beij: got %+v", r)
	}
	if h := r.Hit(); h != (geo.Hit{Kind: geo.HitPlace, ID: "beijing"}) {
		t.Errorf("beij: hit %+v", h)
	}
	if r := first(t, idx, "urumqi"); r.Target != "urumqi" {
		t.Errorf("urumqi (no accent) found %+v", r)
	}
	if r := first(t, idx, "xian"); r.Target != "xian" {
		t.Errorf("xian found %+v", r)
	}
}

func TestRanking(t *testing.T) {
	idx := New([]CountryNames{
		{ISO3: "AAA", Display: "Niger"},
		{ISO3: "BBB", Display: "Nigeria"},
		{ISO3: "CCC", Display: "Upper Niger Republic"},
		{ISO3: "DDD", Display: "Saniger"},
		{ISO3: "EEE", Display: "Elsewhere"},
	}, nil)
	rs := idx.Search("NIGER", 10)
	var got []string
	var ranks []Rank
	for _, r := range rs {
		got = append(got, r.Target)
		ranks = append(ranks, r.Rank)
	}
	want := []string{"AAA", "BBB", "CCC", "DDD"}
	wantRanks := []Rank{Exact, Prefix, WordPrefix, Substring}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] || ranks[i] != wantRanks[i] {
			t.Errorf("result %d: got %s (rank %d), want %s (rank %d)", i, got[i], ranks[i], want[i], wantRanks[i])
		}
	}
	if rs := idx.Search("niger", 2); len(rs) != 2 {
		t.Errorf("limit 2: got %d results", len(rs))
	}
	// One letter matches the start of a word only, never the inside.
	for _, r := range idx.Search("g", 10) {
		t.Errorf("\"g\" matched %s inside a word", r.Target)
	}
	if rs := idx.Search("  ", 10); rs != nil {
		t.Errorf("blank query: %v", rs)
	}
}

func TestEachTargetOnce(t *testing.T) {
	idx := testIndex(t)
	// The Netherlands is found by its name, "The Netherlands" and "Kingdom
	// of the Netherlands": it must come once, at its best rank, and carry
	// no Matched text since its name matched.
	n := 0
	for _, r := range idx.Search("netherlands", 50) {
		if r.Target == "NLD" {
			n++
			if r.Rank != Exact || r.Matched != "" {
				t.Errorf("netherlands: %+v", r)
			}
		}
	}
	if n != 1 {
		t.Errorf("NLD came %d times", n)
	}
	r := first(t, idx, "holl")
	if r.Target != "NLD" || r.Matched != "Holland" || r.Label() != "Netherlands — Holland" {
		t.Errorf("holl: %+v, label %q", r, r.Label())
	}
}

func TestEveryDrawnCountryIsFoundByNameAndCode(t *testing.T) {
	a := testAtlas(t)
	idx := ForAtlas(a, testAliases(t))
	cs, _ := a.World.Countries(geo.Fine)
	for _, c := range cs.List {
		for _, q := range []string{c.Name, a.Name(c.ISO3), c.ISO3} {
			found := false
			for _, r := range idx.Search(q, 5) {
				if r.Target == c.ISO3 && r.Rank == Exact {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: %q does not find it", c.ISO3, q)
			}
		}
	}
}

func TestAliasesFile(t *testing.T) {
	al := testAliases(t)
	a := testAtlas(t)
	cs, _ := a.World.Countries(geo.Fine)
	upper2 := regexp.MustCompile(`^[A-Z]{2}$`)
	seen := map[string]string{}
	for iso3, iso2 := range al.ISO2 {
		if cs.ByISO(iso3) == nil {
			t.Errorf("iso_a2 names %s, not on the map", iso3)
		}
		if !upper2.MatchString(iso2) {
			t.Errorf("%s: iso_a2 %q", iso3, iso2)
		}
		if other, dup := seen[iso2]; dup {
			t.Errorf("%s and %s share %s", iso3, other, iso2)
		}
		seen[iso2] = iso3
	}
	for iso3 := range al.Names {
		if cs.ByISO(iso3) == nil {
			t.Errorf("an alias names %s, not on the map", iso3)
		}
	}
	for _, bad := range []string{`{`, `{"aliases":[{"iso_a3":"RUS","names":["Russia"]}]}`, `{"aliases":[{"iso_a3":"R","names":["x"],"source":"s"}]}`} {
		if _, err := LoadAliases([]byte(bad)); err == nil {
			t.Errorf("LoadAliases(%s) accepted it", bad)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Côte d'Ivoire":     "cote d ivoire",
		"  São Tomé--and  ": "sao tome and",
		"Ürümqi":            "urumqi",
		"Dem. Rep. Congo":   "dem rep congo",
		"Straße":            "strasse",
		"Føroyar":           "foroyar",
		"":                  "",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
