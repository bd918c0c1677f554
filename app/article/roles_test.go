package article_test

import (
	"slices"
	"testing"

	"articleatlas/app/article"
	"articleatlas/app/story"
	"articleatlas/data"
)

// TestRoles: each rule of Roles, on the embedded story and article.
func TestRoles(t *testing.T) {
	st, err := story.Load(data.Story)
	if err != nil {
		t.Fatal(err)
	}
	a := load(t)
	cases := []struct {
		iso3 string
		want []string
	}{
		{"CHN", []string{"Host of the Belt and Road Forum", "Visited by Putin", "Xi Jinping's home country"}},
		{"RUS", []string{"Visited by Xi Jinping", "Putin's home country"}},
		{"KGZ", []string{"Visited by Putin"}},
		{"NLD", []string{"Seat of the ICC"}},
		{"UKR", []string{"Invaded by Russia"}},
		{"VNM", []string{"Leader met Putin at the forum"}},
		{"THA", []string{"Leader met Putin at the forum"}},
		{"MNG", []string{"Leader met Putin at the forum"}},
		{"LAO", []string{"Leader met Putin at the forum"}},
		{"KAZ", nil}, // on corridors, not in the article
		{"FRA", nil},
	}
	for _, c := range cases {
		t.Run(c.iso3, func(t *testing.T) {
			if got := article.Roles(c.iso3, st, a); !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
	// Without the article the forum rule rests on the story alone.
	if got := article.Roles("LAO", st, nil); !slices.Equal(got, []string{"Leader met Putin at the forum"}) {
		t.Errorf("LAO without the article: %q", got)
	}
	// An article that does not name Laos gives it no forum meeting.
	other, err := article.Load("Putin went to Beijing.", gazetteer(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := article.Roles("LAO", st, other); got != nil {
		t.Errorf("LAO, article without Laos: %q, want none", got)
	}
}
