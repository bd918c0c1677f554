package scene

import (
	"image"
	"strings"
	"testing"

	"articleatlas/app/render"
	"articleatlas/app/story"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// tripsDrawn lists the trips whose colour is drawn along the middle third
// of their arc in a picture of the story's region with only the trips on,
// at twice the density so the lines are several pixels wide.
func tripsDrawn(t *testing.T, a *Atlas, o Options) []string {
	t.Helper()
	const px = 2
	v := storyView(1280, 720)
	o.Layers = Trips | XiVisit
	img := image.NewRGBA(image.Rect(0, 0, 1280*px, 720*px))
	var r render.Renderer
	r.Draw(img, a.Scene(v, px, o), v, px)
	var out []string
	for i := range a.Story.Trips {
		tr := &a.Story.Trips[i]
		col := o.Style.PutinTrip
		if tr.Traveller == story.Xi {
			col = o.Style.XiTrip
		}
		var arc orb.LineString
		for _, piece := range a.Lines.Trips[i] {
			arc = append(arc, piece...)
		}
		hits := 0
		for _, ll := range arc[len(arc)/3 : 2*len(arc)/3] {
			s := v.ToScreen(ll)
			if near(img.RGBAAt(int(s[0]*px), int(s[1]*px)), nrgba(col), 40) {
				hits++
			}
		}
		if hits > 0 {
			out = append(out, tr.ID)
		}
	}
	return out
}

// TestTripsFollowTheDate: the trips drawn on a date are those begun by it —
// before 25 April 2019 the 2019 forum trip is not drawn, from that day it is
// — and the latest of them is the one that glows.
func TestTripsFollowTheDate(t *testing.T) {
	a := loadAtlas(t)
	o := articleOptions()
	for _, c := range []struct {
		date   string
		trips  string
		latest string
	}{
		{"2017-05-13", "", ""},
		{"2019-04-24", "putin-2017-beijing", "putin-2017-beijing"},
		{"2019-04-25", "putin-2017-beijing putin-2019-beijing", "putin-2019-beijing"},
		{"2023-03-20", "putin-2017-beijing putin-2019-beijing putin-2022-beijing xi-2023-moscow", "xi-2023-moscow"},
		{"2023-10-17", "putin-2017-beijing putin-2019-beijing putin-2022-beijing xi-2023-moscow putin-2023-bishkek putin-2023-beijing", "putin-2023-beijing"},
	} {
		t.Run(c.date, func(t *testing.T) {
			o.Date = day(t, c.date)
			if got := strings.Join(tripsDrawn(t, a, o), " "); got != c.trips {
				t.Errorf("trips drawn: %q, want %q", got, c.trips)
			}
			latest := ""
			if i := a.latestTrip(o); i >= 0 {
				latest = a.Story.Trips[i].ID
			}
			if latest != c.latest {
				t.Errorf("latest trip %q, want %q", latest, c.latest)
			}
		})
	}
}

// eventIDs lists the ids of the event rings a scene draws.
func eventIDs(a *Atlas, o Options) string {
	v := storyView(1280, 720)
	var ids []string
	for _, l := range a.Scene(v, 1, o).Base {
		if m, ok := l.(*render.Markers); ok && l.ID() == "events" {
			for _, mk := range m.Markers {
				ids = append(ids, mk.Meta.ID)
			}
		}
	}
	return strings.Join(ids, " ")
}

// TestEventsFollowTheDate: an event's ring appears on its day, and the
// latest event is dated on the map.
func TestEventsFollowTheDate(t *testing.T) {
	a := loadAtlas(t)
	o := articleOptions()
	o.Date = day(t, "2023-03-16")
	if got := eventIDs(a, o); strings.Contains(got, "icc-warrant") || !strings.Contains(got, "event-ukraine-invasion") {
		t.Errorf("events on the day before the warrant: %q", got)
	}
	o.Date = day(t, "2023-03-17")
	if got := eventIDs(a, o); !strings.Contains(got, "event-icc-warrant") {
		t.Errorf("events on the warrant's day: %q", got)
	}
	g := a.storyGeom(geo.EqualEarth{})
	if _, lb := a.eventMarks(g, o); lb.Text != "17 Mar 2023" {
		t.Errorf("the latest event's label is %q, want 17 Mar 2023", lb.Text)
	}
	o.Date = day(t, "2000-01-01")
	if got := eventIDs(a, o); got != "" {
		t.Errorf("events in 2000: %v", got)
	}
}

// TestHiddenTripsAreNotHit: a trip still to come is neither shown to the
// hit-test nor highlighted when selected.
func TestHiddenTripsAreNotHit(t *testing.T) {
	a := loadAtlas(t)
	h := geo.Hit{Kind: geo.HitTrip, ID: "putin-2019-beijing"}
	before, on := day(t, "2019-04-24"), day(t, "2019-04-25")
	if a.ShownOn(h, before) || !a.ShownOn(h, on) {
		t.Errorf("ShownOn the day before %v, on the day %v", a.ShownOn(h, before), a.ShownOn(h, on))
	}
	if !a.ShownOn(geo.Hit{Kind: geo.HitPlace, ID: "beijing"}, before) {
		t.Error("a place is hidden by the date")
	}
	o := articleOptions()
	o.Date = before
	if hl := a.highlight("selected-mark", a.storyGeom(geo.EqualEarth{}), h, o.Style.Selected, o); hl != nil {
		t.Error("a trip still to come is highlighted")
	}
	o.Date = on
	if hl := a.highlight("selected-mark", a.storyGeom(geo.EqualEarth{}), h, o.Style.Selected, o); hl == nil {
		t.Error("a trip made is not highlighted")
	}
}

// TestStoryAsOf: the story's layers change only on the days of its trips and events.
func TestStoryAsOf(t *testing.T) {
	a := loadAtlas(t)
	for _, c := range []struct{ date, want string }{
		{"2000-01-01", "0001-01-01"},
		{"2002-07-01", "2002-07-01"},
		{"2019-04-24", "2017-05-14"},
		{"2019-04-25", "2019-04-25"},
		{"2024-06-01", "2023-10-17"},
	} {
		if got := a.StoryAsOf(day(t, c.date)).Format("2006-01-02"); got != c.want {
			t.Errorf("StoryAsOf(%s) = %s, want %s", c.date, got, c.want)
		}
	}
}

// TestLandingOnItsOwnDate: F20 is judged on the trip's first day, not on the
// day shown: Armenia became a party on 1 February 2024, so a trip to Yerevan
// in October 2023 lands outside a state party, whatever the map shows.
func TestLandingOnItsOwnDate(t *testing.T) {
	a := loadAtlas(t)
	yerevan := &story.Place{ID: "yerevan", Name: "Yerevan", ISO3: "ARM", Point: orb.Point{44.5, 40.2}}
	trip := &story.Trip{ID: "test", Traveller: story.Putin, From: a.Story.Place("moscow"), To: yerevan,
		Start: day(t, "2023-10-01"), End: day(t, "2023-10-01")}
	if got := a.Landing(trip); !strings.Contains(got, "not an ICC state party on 1 Oct 2023") {
		t.Errorf("before Armenia joined: %q", got)
	}
	trip.Start = day(t, "2024-02-01")
	if got := a.Landing(trip); !strings.Contains(got, "an ICC state party on 1 Feb 2024, bound to arrest him") {
		t.Errorf("on the day Armenia joined: %q", got)
	}
}
