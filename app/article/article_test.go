package article_test

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"articleatlas/app/article"
	"articleatlas/app/story"
	"articleatlas/data"
	"articleatlas/seeds"
)

func gazetteer(t testing.TB) *article.Gazetteer {
	t.Helper()
	g, err := article.ParseGazetteer(data.Gazetteer)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func load(t testing.TB) *article.Article {
	t.Helper()
	a, err := article.Load(seeds.Article(), gazetteer(t))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// span is a mention as the tables below write it.
type span struct {
	Paragraph int
	Text      string
	Target    string
}

// articleMentions is every mention in the article, read off the text by hand,
// in order. Not linked, on purpose: "the old Soviet Union", "the Soviet
// Union", "the West", "Asia", "Africa", "Europe", and the bare "forum"
// (data/README.md says why).
var articleMentions = []span{
	{1, "Vladimir Putin", "putin"}, {1, "Beijing", "beijing"}, {1, "Xi Jinping", "xi"},
	{2, "Putin", "putin"}, {2, "Beijing", "beijing"}, {2, "International Criminal Court", "the-hague"}, {2, "ICC", "the-hague"},
	{2, "Putin", "putin"}, // Putin’s arrest
	{3, "Russian president", "RUS"}, {3, "Kyrgyzstan", "KGZ"},
	{4, "International Criminal Court", "the-hague"}, {4, "ICC", "the-hague"}, {4, "Putin", "putin"}, {4, "Ukraine", "UKR"},
	{4, "ICC", "the-hague"}, {4, "Putin", "putin"}, {4, "The Hague", "the-hague"},
	{5, "Kyrgyzstan", "KGZ"}, {5, "China", "CHN"}, {5, "ICC", "the-hague"},
	{6, "Xi", "xi"}, {6, "Moscow", "moscow"},
	{7, "Putin", "putin"}, {7, "Beijing", "beijing"}, {7, "Belt and Road forum", "beijing"}, {7, "Chinese leader", "CHN"},
	{8, "Russian media", "RUS"}, {8, "Putin", "putin"}, {8, "Vietnam", "VNM"}, {8, "Thailand", "THA"}, {8, "Mongolia", "MNG"}, {8, "Laos", "LAO"},
	{9, "Putin", "putin"}, {9, "Xi", "xi"}, {9, "Chinese president", "CHN"},
	{10, "Beijing", "beijing"}, {10, "Moscow", "moscow"}, {10, "Ukraine", "UKR"}, {10, "China", "CHN"},
	{11, "Putin", "putin"}, {11, "China", "CHN"}, {11, "Winter Olympics", "beijing"}, {11, "Russia", "RUS"}, {11, "China", "CHN"},
	{11, "Putin", "putin"}, {11, "Ukraine", "UKR"},
	{12, "Putin", "putin"}, {12, "Belt and Road Forum", "beijing"},
	{13, "Belt and Road initiative", "CHN"}, {13, "Xi", "xi"},
	{14, "Putin", "putin"},
	{15, "Ukrainian conflict", "UKR"}, {15, "Russia", "RUS"}, {15, "China", "CHN"},
	{16, "Russia", "RUS"}, {16, "China", "CHN"}, {16, "Moscow", "moscow"}, {16, "China", "CHN"},
	{17, "Russia", "RUS"}, {17, "Rosneft", "RUS"}, {17, "Gazprom", "RUS"}, {17, "Putin", "putin"},
	{18, "The Kremlin", "moscow"},
}

// TestArticleMentions compares the set of all mentions found in the article
// with the table, exactly: nothing missing, nothing else.
func TestArticleMentions(t *testing.T) {
	a := load(t)
	var got []span
	for _, o := range a.Mentions() {
		got = append(got, span{o.Paragraph, o.Text, o.Target})
	}
	if !slices.Equal(got, articleMentions) {
		for i := 0; i < max(len(got), len(articleMentions)); i++ {
			var g, w span
			if i < len(got) {
				g = got[i]
			}
			if i < len(articleMentions) {
				w = articleMentions[i]
			}
			if g != w {
				t.Errorf("mention %d: got %+v, want %+v", i, g, w)
			}
		}
	}
	kinds := map[string]int{}
	for _, o := range a.Mentions() {
		kinds[o.Kind]++
	}
	// 63 mentions: Putin 13 and Xi 4; Beijing 4, Moscow 3, The Hague 1; the
	// ICC 6, the Kremlin, the initiative, Rosneft, Gazprom; two forums and the
	// Olympics.
	want := map[string]int{"person": 17, "country": 20, "place": 8, "institution": 10, "demonym": 5, "event": 3}
	if !maps.Equal(kinds, want) {
		t.Errorf("mentions by kind %v, want %v", kinds, want)
	}
}

// TestParagraphs: the article's 18 non-empty lines, numbered from 1, each
// mention's Text the runes of its span.
func TestParagraphs(t *testing.T) {
	a := load(t)
	if len(a.Paragraphs) != 18 {
		t.Fatalf("%d paragraphs, want 18", len(a.Paragraphs))
	}
	for i, p := range a.Paragraphs {
		if p.Number != i+1 || p.Text == "" || strings.TrimSpace(p.Text) != p.Text {
			t.Errorf("paragraph %d: number %d, text %q", i, p.Number, p.Text)
		}
		checkSpans(t, p)
	}
	if got := a.Paragraphs[17].Text; !strings.HasPrefix(got, "The Kremlin said") {
		t.Errorf("paragraph 18 is %q", got)
	}
}

func checkSpans(t *testing.T, p article.Paragraph) {
	t.Helper()
	r := []rune(p.Text)
	last := 0
	for _, m := range p.Mentions {
		if m.Start < last || m.End <= m.Start || m.End > len(r) {
			t.Fatalf("paragraph %d: span %d:%d out of order or outside %d runes", p.Number, m.Start, m.End, len(r))
		}
		if got := string(r[m.Start:m.End]); got != m.Text {
			t.Errorf("paragraph %d: span %d:%d is %q, Text %q", p.Number, m.Start, m.End, got, m.Text)
		}
		last = m.End
	}
}

// TestRuneOffsets: offsets count runes, not bytes. Paragraph 8 has a ’ (3
// bytes) before "Vietnam": rune 108, byte 110.
func TestRuneOffsets(t *testing.T) {
	p := load(t).Paragraphs[7]
	byteAt := strings.Index(p.Text, "Vietnam")
	runeAt := utf8.RuneCountInString(p.Text[:byteAt])
	if runeAt != 108 || byteAt != 110 {
		t.Fatalf("the fixture changed: Vietnam at rune %d, byte %d", runeAt, byteAt)
	}
	for _, m := range p.Mentions {
		if m.Text == "Vietnam" {
			if m.Start != runeAt || m.End != runeAt+7 {
				t.Errorf("Vietnam at %d:%d, want %d:%d (runes)", m.Start, m.End, runeAt, runeAt+7)
			}
			return
		}
	}
	t.Error("no Vietnam in paragraph 8")
}

// TestPossessive: both apostrophes end a word, so the name before them matches.
func TestPossessive(t *testing.T) {
	g := gazetteer(t)
	for _, text := range []string{"Russia’s oil", "Russia's oil"} {
		a, err := article.Load(text, g)
		if err != nil {
			t.Fatal(err)
		}
		if m := a.Paragraphs[0].Mentions; len(m) != 1 || m[0].Text != "Russia" || m[0].ISO3 != "RUS" || m[0].Start != 0 || m[0].End != 6 {
			t.Errorf("%q: mentions %+v, want Russia at 0:6", text, m)
		}
	}
	// And in the article: "The leaders of Russia’s biggest oil and gas companies".
	p := load(t).Paragraphs[16]
	if m := p.Mentions[0]; m.Text != "Russia" || m.Start != 15 || !strings.HasPrefix(p.Text[strings.Index(p.Text, "Russia"):], "Russia’s") {
		t.Errorf("paragraph 17 starts with mention %+v, want Russia (of Russia’s) at 15", m)
	}
}

// testGazetteer has a bare demonym, to test boundaries and longest match.
const testGazetteer = `[
  {"names": ["Chinese", "Chinese president"], "kind": "demonym", "target": "CHN", "iso_a3": "CHN"},
  {"names": ["Russian"], "kind": "demonym", "target": "RUS", "iso_a3": "RUS"},
  {"names": ["Russian president"], "kind": "person", "target": "putin", "iso_a3": "RUS"},
  {"names": ["Xi", "Xi Jinping"], "kind": "person", "target": "xi", "iso_a3": "CHN"},
  {"names": ["Belt and Road forum", "Belt and Road Forum"], "kind": "event", "target": "beijing", "iso_a3": "CHN"}
]`

// TestWordBoundaries runs the tokenizer on made-up text.
func TestWordBoundaries(t *testing.T) {
	g, err := article.ParseGazetteer([]byte(testGazetteer))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, text string
		want       []string // the matched texts, in order
	}{
		{"inside a word", "Indochinese IndoChinese Chineseness Chinese2 2Chinese Taxi Xian", nil},
		{"between punctuation", "(Chinese) Chinese-made «Chinese»", []string{"Chinese", "Chinese", "Chinese"}},
		{"longest wins", "Xi Jinping met Xi; the Chinese president and the Chinese people", []string{"Xi Jinping", "Xi", "Chinese president", "Chinese"}},
		{"longer entry of another kind", "the Russian president and Russian media", []string{"Russian president", "Russian"}},
		{"case-sensitive", "chinese CHINESE xi jinping belt and road forum", nil},
		{"both casings in the gazetteer", "the Belt and Road forum, the Belt and Road Forum", []string{"Belt and Road forum", "Belt and Road Forum"}},
		{"prefix of a longer name, cut", "Xi Jinpinged", []string{"Xi"}},
		{"non-Latin letters are word letters", "éChinese Chineseé 中Chinese", nil},
		{"at the ends", "Chinese", []string{"Chinese"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := article.Load(c.text, g)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, o := range a.Mentions() {
				got = append(got, o.Text)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
			for _, p := range a.Paragraphs {
				checkSpans(t, p)
			}
		})
	}
}

// TestLoadParagraphs: blank and white-space lines are skipped, CRLF is read.
func TestLoadParagraphs(t *testing.T) {
	a, err := article.Load("\r\n  one Xi \r\n\n \t\ntwo\n", gazetteer(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Paragraphs) != 2 || a.Paragraphs[0].Text != "one Xi" || a.Paragraphs[1].Number != 2 || a.Paragraphs[1].Text != "two" {
		t.Fatalf("paragraphs %+v", a.Paragraphs)
	}
	if m := a.Paragraphs[0].Mentions; len(m) != 1 || m[0].Start != 4 || m[0].End != 6 {
		t.Errorf("mentions %+v, want Xi at 4:6", m)
	}
}

// TestByCountry: what the panel will quote for the Netherlands and Russia.
func TestByCountry(t *testing.T) {
	a := load(t)
	var nld []string
	for _, o := range a.ByCountry("NLD") {
		nld = append(nld, o.Text)
	}
	want := []string{"International Criminal Court", "ICC", "International Criminal Court", "ICC", "ICC", "The Hague", "ICC"}
	if !slices.Equal(nld, want) {
		t.Errorf("NLD: %q, want %q", nld, want)
	}
	n := 0
	for _, s := range articleMentions {
		if s.Target == "putin" || s.Target == "moscow" || s.Target == "RUS" {
			n++
		}
	}
	rus := a.ByCountry("RUS")
	if len(rus) != n || rus[0].Paragraph != 1 || rus[0].Text != "Vladimir Putin" || rus[len(rus)-1].Paragraph != 18 {
		t.Errorf("RUS: %d mentions from %+v, want %d from Vladimir Putin in 1 to The Kremlin in 18", len(rus), rus[0], n)
	}
	if got := a.ByCountry("FRA"); got != nil {
		t.Errorf("FRA: %+v, want none", got)
	}
}

// TestGazetteerTargets: each target resolves in the story: places and events
// to a place in the country given, countries and demonyms to their own code,
// people to a traveller from their country.
func TestGazetteerTargets(t *testing.T) {
	st, err := story.Load(data.Story)
	if err != nil {
		t.Fatal(err)
	}
	home := map[string]string{}
	for _, tr := range st.Trips {
		if tr.From.ID == "moscow" || tr.From.ID == "beijing" {
			home[string(tr.Traveller)] = tr.From.ISO3
		}
	}
	for _, e := range gazetteer(t).Entries {
		t.Run(e.Names[0], func(t *testing.T) {
			if p := st.Place(e.Target); p != nil {
				if p.ISO3 != e.ISO3 || !p.InArticle {
					t.Errorf("target %s is in %s (in_article %v), entry says %s", p.ID, p.ISO3, p.InArticle, e.ISO3)
				}
				return
			}
			switch e.Kind {
			case article.KindPlace, article.KindEvent:
				t.Errorf("target %q is not a place of the story", e.Target)
			case article.KindPerson:
				if home[e.Target] != e.ISO3 {
					t.Errorf("person %q: travels from %q, entry says %s", e.Target, home[e.Target], e.ISO3)
				}
			default:
				if e.Target != e.ISO3 {
					t.Errorf("target %q is neither a place nor the entry's country %s", e.Target, e.ISO3)
				}
			}
		})
	}
}

// TestParseGazetteerErrors: a bad gazetteer is refused with a reason.
func TestParseGazetteerErrors(t *testing.T) {
	cases := []struct{ name, json, msg string }{
		{"not JSON", `{`, "article: gazetteer:"},
		{"not an array", `{"names": ["X"]}`, "article: gazetteer:"},
		{"unknown kind", `[{"names": ["X"], "kind": "river", "target": "X", "iso_a3": "CHN"}]`, `unknown kind "river"`},
		{"no target", `[{"names": ["X"], "kind": "place", "target": "", "iso_a3": "CHN"}]`, "needs a target"},
		{"bad iso", `[{"names": ["X"], "kind": "place", "target": "x", "iso_a3": "cn"}]`, "ISO alpha-3"},
		{"no names", `[{"names": [], "kind": "place", "target": "x", "iso_a3": "CHN"}]`, "has no names"},
		{"empty name", `[{"names": [""], "kind": "place", "target": "x", "iso_a3": "CHN"}]`, "must start and end with a letter or digit"},
		{"name ends in a space", `[{"names": ["Xi "], "kind": "place", "target": "x", "iso_a3": "CHN"}]`, "must start and end"},
		{"name twice", `[{"names": ["Xi"], "kind": "place", "target": "x", "iso_a3": "CHN"}, {"names": ["Xi"], "kind": "place", "target": "y", "iso_a3": "CHN"}]`, `"Xi" is given twice`},
		{"too big", "[" + strings.Repeat(" ", 1<<20) + "]", "more than"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := article.ParseGazetteer([]byte(c.json))
			if err == nil || !strings.Contains(err.Error(), c.msg) || !strings.HasPrefix(err.Error(), "article: ") {
				t.Errorf("error %v, want one containing %q", err, c.msg)
			}
		})
	}
	if _, err := article.Load("Xi", nil); err == nil {
		t.Error("Load with a nil gazetteer: no error")
	}
	if _, err := article.Load("Xi", &article.Gazetteer{Entries: []article.Entry{{Names: []string{" "}, Kind: "place", Target: "x", ISO3: "CHN"}}}); err == nil {
		t.Error("Load with a bad hand-built gazetteer: no error")
	}
}

// FuzzLoad: any text with any gazetteer (the embedded one when the bytes are
// not a gazetteer) loads without panic, and every span lies in its paragraph,
// in order, its Text the runes of the span and a name of the gazetteer.
func FuzzLoad(f *testing.F) {
	f.Add(seeds.Article(), data.Gazetteer)
	f.Add("Russia’s Chinese president Xi Jinping\n\nIndochinese", []byte(testGazetteer))
	f.Add("\xffXi\xfe Xi\u00a0Jinping\r\n", []byte(`[{"names": ["Xi\u00a0Jinping", "X", "1"], "kind": "person", "target": "xi", "iso_a3": "CHN"}]`))
	f.Add("", []byte(`[]`))
	def, err := article.ParseGazetteer(data.Gazetteer)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, gaz []byte) {
		g, err := article.ParseGazetteer(gaz)
		if err != nil {
			g = def
		}
		names := map[string]bool{}
		for _, e := range g.Entries {
			for _, n := range e.Names {
				names[n] = true
			}
		}
		a, err := article.Load(text, g)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range a.Paragraphs {
			if p.Number != i+1 || strings.TrimSpace(p.Text) == "" {
				t.Fatalf("paragraph %d: number %d, text %q", i, p.Number, p.Text)
			}
			checkSpans(t, p)
			for _, m := range p.Mentions {
				if !names[m.Text] {
					t.Fatalf("mention %q is no name of the gazetteer", m.Text)
				}
			}
		}
	})
}
