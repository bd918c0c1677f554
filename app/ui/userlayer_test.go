package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"articleatlas/app/userlayer"
)

// overlayTexts collects the text of every label and rich text in the
// window's top overlay (a dialog), or nil when none shows.
func overlayTexts(w fyne.Window) []string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			out = append(out, o.Text)
		case *widget.RichText:
			out = append(out, o.String())
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, ch := range c.Objects {
				walk(ch)
			}
		} else if wd, ok := o.(fyne.Widget); ok {
			for _, ch := range test.WidgetRenderer(wd).Objects() {
				walk(ch)
			}
		}
	}
	walk(top)
	return out
}

func TestLoadLayerShowsErrorAndKeepsGoing(t *testing.T) {
	test.NewTempApp(t)
	content := widget.NewLabel("map")
	w := test.NewTempWindow(t, content)
	w.Resize(fyne.NewSize(800, 600))
	path := filepath.Join(t.TempDir(), "broken.geojson")
	if err := os.WriteFile(path, []byte("{\"type\":\"FeatureCollection\",\n\"features\":[}"), 0o600); err != nil {
		t.Fatal(err)
	}
	loaded := 0
	<-LoadLayer(w, path, func(*userlayer.Layer) { loaded++ })
	if loaded != 0 {
		t.Error("a broken file was handed over")
	}
	texts := strings.Join(overlayTexts(w), "\n")
	if !strings.Contains(texts, "Could not open the layer broken.geojson: not valid JSON: line 2, column 13") {
		t.Errorf("the dialog says %q", texts)
	}
	if w.Content() != content {
		t.Error("the window's content changed")
	}
	// The keyboard closes the dialog: Space on its OK button.
	ok, isButton := w.Canvas().Focused().(*widget.Button)
	if !isButton {
		t.Fatalf("the keyboard is on %T, not the dialog's button", w.Canvas().Focused())
	}
	ok.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if w.Canvas().Overlays().Top() != nil {
		t.Error("Space on the button did not close the dialog")
	}
}

func TestLoadLayerHandsOverTheLayer(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("map"))
	path := filepath.Join(t.TempDir(), "ports.geojson")
	if err := os.WriteFile(path, []byte(`{"type":"Point","coordinates":[121.5,31.2]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	var got *userlayer.Layer
	<-LoadLayer(w, path, func(l *userlayer.Layer) { got = l })
	if got == nil || got.Name != "ports.geojson" || len(got.Features) != 1 {
		t.Fatalf("loaded %+v", got)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Errorf("a dialog shows: %q", overlayTexts(w))
	}
}

func TestOpenLayerShowsTheFileDialog(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("map"))
	w.Resize(fyne.NewSize(900, 700))
	OpenLayer(w, func(*userlayer.Layer) { t.Error("a layer loaded with no file picked") })
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("no file dialog shows")
	}
}
