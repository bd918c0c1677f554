package scene

import (
	"testing"

	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// TestHitTestFollowsTheDate: the middle of the 2019 forum trip's arc finds
// the trip from its first day, and not the day before.
func TestHitTestFollowsTheDate(t *testing.T) {
	a := loadAtlas(t)
	v := geo.NewView(geo.EqualEarth{}, 1600, 900)
	v.Fit(orb.Bound{Min: geo.Project(v.Proj, orb.Point{20, 5}), Max: geo.Project(v.Proj, orb.Point{140, 65})}, 10)
	at := v.ToScreen(a.Lines.TripMid[indexOfTrip(a, "putin-2019-beijing")])
	trip := geo.Hit{Kind: geo.HitTrip, ID: "putin-2019-beijing"}
	o := articleOptions()
	for _, c := range []struct {
		date string
		want bool
	}{{"2019-04-24", false}, {"2019-04-25", true}, {"2023-10-17", true}} {
		o.Date = day(t, c.date)
		h, _ := a.HitTest(v, 1, o, at)
		if got := h == trip; got != c.want {
			t.Errorf("%s: hit %+v, want the trip: %v", c.date, h, c.want)
		}
	}
}
