// Alt text: the generated description every export carries, for readers who
// cannot see the picture.
package export

import (
	"fmt"
	"strings"

	"articleatlas/app/icc"
	"articleatlas/app/scene"
	"articleatlas/app/story"
	"articleatlas/geo"
)

// projectionNames are the projections' names in prose.
var projectionNames = map[string]string{"equal-earth": "Equal Earth", "equirectangular": "equirectangular"}

// AltText describes what the export of job j (defaults filled in, as
// Compose makes it) through view v shows, in a few sentences: the
// projection and part of the world, the date and the count of each ICC
// class, the trips, corridors and links drawn, and the selected country with
// its status. E.g. "World map, Equal Earth projection, of ICC membership on
// 17 October 2023: 123 states parties, …".
func AltText(a *scene.Atlas, j Job, v geo.View) string {
	var b strings.Builder
	proj := projectionNames[v.Proj.Name()]
	if proj == "" {
		proj = v.Proj.Name()
	}
	if v.Zoom < 0.5 {
		fmt.Fprintf(&b, "World map, %s projection", proj)
	} else {
		rv := ViewOf(v)
		fmt.Fprintf(&b, "Map, %s projection, centred on %s at zoom %.1f", proj, lonLat(rv.Lon, rv.Lat), rv.Zoom)
	}
	if !j.NoTitle && j.Title != "" {
		fmt.Fprintf(&b, ", titled “%s”", j.Title)
	}
	b.WriteString(". ")

	day := icc.FormatDate(j.Date)
	if j.Layers&scene.ICC != 0 {
		n := StatusCounts(a, j.Date)
		fmt.Fprintf(&b, "Countries are shaded by their ICC membership on %s: %d %s, %d %s that signed the Rome Statute without ratifying it, %d %s, and %d other countries on the map that are not parties. ",
			day, n[icc.Party], plural(n[icc.Party], "state party", "states parties"),
			n[icc.Signatory], plural(n[icc.Signatory], "state", "states"),
			n[icc.Withdrawn], plural(n[icc.Withdrawn], "former state party", "former states parties"), n[icc.NonParty])
	} else {
		fmt.Fprintf(&b, "The date is %s; countries are not shaded by ICC membership. ", day)
	}

	var trips []string
	for i := range a.Story.Trips {
		t := &a.Story.Trips[i]
		shown := a.ShownOn(geo.Hit{Kind: geo.HitTrip, ID: t.ID}, j.Date) // trips still to come are not drawn
		if shown && (t.Traveller == story.Putin && j.Layers&scene.Trips != 0 || t.Traveller == story.Xi && j.Layers&scene.XiVisit != 0) {
			trips = append(trips, scene.TripTitle(t))
		}
	}
	if len(trips) > 0 {
		fmt.Fprintf(&b, "Trips drawn as arcs: %s. ", strings.Join(trips, "; "))
	}
	var land, sea, links []string
	for i := range a.Story.Corridors {
		c := &a.Story.Corridors[i]
		switch {
		case c.Kind == story.Land && j.Layers&scene.Corridors != 0:
			land = append(land, c.Name)
		case c.Kind == story.Maritime && j.Layers&scene.Maritime != 0:
			sea = append(sea, c.Name)
		case c.IsLink() && j.Layers&scene.Energy != 0:
			links = append(links, c.Name)
		}
	}
	for _, group := range []struct {
		what  string
		names []string
	}{{"Belt and Road land corridors", land}, {"Maritime Silk Road lanes", sea}, {"Russia–China energy links", links}} {
		if len(group.names) > 0 {
			fmt.Fprintf(&b, "%s: %s. ", group.what, strings.Join(group.names, "; "))
		}
	}
	if j.Layers&scene.Places != 0 {
		b.WriteString("The story's places are marked")
		if j.Layers&scene.Labels != 0 {
			b.WriteString(" and named")
		}
		b.WriteString(". ")
	}
	for _, l := range j.User {
		fmt.Fprintf(&b, "Also drawn: the layer %s (%d %s). ", l.Name, len(l.Features), plural(len(l.Features), "feature", "features"))
	}
	if j.Selected != "" {
		si := a.ICC.StatusOn(j.Selected, j.Date)
		fmt.Fprintf(&b, "Highlighted: %s (%s). ", a.Name(j.Selected), strings.ToLower(si.Status.Label()))
	}
	if !j.NoSource {
		b.WriteString("Sources: " + SourceLine + ".")
	}
	return strings.TrimSpace(b.String())
}

// plural picks one or many by n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// lonLat writes a position in degrees for prose: "39.9° N, 116.4° E".
func lonLat(lon, lat float64) string {
	ns, ew := "N", "E"
	if lat < 0 {
		ns, lat = "S", -lat
	}
	if lon < 0 {
		ew, lon = "W", -lon
	}
	return fmt.Sprintf("%.1f° %s, %.1f° %s", lat, ns, lon, ew)
}

// AltTextOf is the alt text the export of job j would carry, without drawing
// it; the job's Atlas must be set.
func AltTextOf(j Job) (string, error) {
	cj, err := j.Recipe().Job(j.Atlas.World, j.Atlas)
	if err != nil {
		return "", err
	}
	cj.User = j.User
	v, _ := mapView(cj)
	return AltText(j.Atlas, cj, v), nil
}
