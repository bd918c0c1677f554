package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"articleatlas/app/userlayer"
	"articleatlas/geo"
)

// portsLayer is an opened layer of one named point in the Indian Ocean,
// far from the story's marks, and one line.
func portsLayer(t *testing.T) *userlayer.Layer {
	t.Helper()
	l, err := userlayer.Decode("ports.geojson", []byte(`{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Port Louis","tons":12},"geometry":{"type":"Point","coordinates":[75,-20]}},
{"type":"Feature","properties":{"name":"Lane"},"geometry":{"type":"LineString","coordinates":[[60,-30],[90,-30]]}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestOpenedLayer: an opened layer is drawn, listed under the layer switches,
// its features answer the pointer with their name and fill the details
// panel with their properties; switched off it does not answer; removed it
// leaves the list.
func TestOpenedLayer(t *testing.T) {
	u, w := newTestUI(t)
	rows := len(u.Layers.box.Objects)
	l := portsLayer(t)
	u.AddUserLayer(l)
	if len(u.Layers.box.Objects) != rows+1 || len(u.Map.UserLayers()) != 1 {
		t.Fatalf("after opening a layer: %d rows (was %d), %d layers on the map", len(u.Layers.box.Objects), rows, len(u.Map.UserLayers()))
	}
	u.Map.ResetView()
	w.Canvas().Capture()
	s := u.Map.View().ToScreen(orb.Point{75, -20})
	at := fyne.NewPos(float32(s[0]), float32(s[1]))
	h, ok := u.Map.MarkAt(at)
	if !ok || h.Kind != geo.HitUser {
		t.Fatalf("at the opened point the map finds %+v", h)
	}
	u.selectMark(h)
	if got := u.Details.Name.Text; got != "Port Louis" {
		t.Errorf("details panel title %q, want the feature's name", got)
	}
	if !strings.Contains(u.Details.Note.Text, "tons: 12") || !strings.Contains(u.Details.Status.Text, "ports.geojson") {
		t.Errorf("details panel: %q / %q", u.Details.Status.Text, u.Details.Note.Text)
	}
	u.opened[0].check.SetChecked(false)
	if h, _ := u.Map.MarkAt(at); h.Kind == geo.HitUser {
		t.Error("a switched-off layer still answers the pointer")
	}
	u.RemoveUserLayer(l)
	if len(u.Layers.box.Objects) != rows || len(u.UserLayers()) != 0 {
		t.Errorf("after removing the layer: %d rows, %d layers", len(u.Layers.box.Objects), len(u.UserLayers()))
	}
}

// TestSearchPicks: typing a common name in the search field and pressing
// Enter selects the country on the map.
func TestSearchPicks(t *testing.T) {
	u, w := newTestUI(t)
	w.Canvas().Focus(u.Search.Entry)
	test.Type(u.Search.Entry, "holland")
	u.Search.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := u.Map.Selected(); got != "NLD" {
		t.Errorf("searching for Holland selects %q", got)
	}
}
