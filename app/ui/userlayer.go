// File → Open layer…: pick a GeoJSON file, load it off the UI's goroutine,
// and hand the layer over — or say in a dialog why it cannot be shown,
// leaving everything already on the map as it was.

package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"articleatlas/app/userlayer"
)

// LayerExtensions are the file name endings the open dialog lists.
var LayerExtensions = []string{".geojson", ".json"}

// OpenLayer shows the file open dialog on w, listing GeoJSON files; a file
// picked is loaded as LoadLayer does. Call it on the UI's goroutine.
func OpenLayer(w fyne.Window, onLoaded func(*userlayer.Layer)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, w)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close() // Load opens the file itself, after checking its size
		LoadLayer(w, path, onLoaded)
	}, w)
	d.SetFilter(storage.NewExtensionFileFilter(LayerExtensions))
	d.Show()
}

// LoadLayer loads the GeoJSON file at path on a goroutine of its own, then,
// on the UI's goroutine, calls onLoaded with the layer or shows why it
// could not be loaded in an error dialog on w. Nothing else changes on
// failure. The channel returned is closed once either has happened. Call
// it on the UI's goroutine.
func LoadLayer(w fyne.Window, path string, onLoaded func(*userlayer.Layer)) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		l, err := userlayer.Load(path)
		fyne.Do(func() {
			defer close(done)
			if err != nil {
				// The dialog capitalises the message's first letter, so
				// it must not start with the file's name.
				dialog.ShowError(fmt.Errorf("could not open the layer %w", err), w)
				// The keyboard goes to the dialog's OK button: Space closes it.
				w.Canvas().FocusNext()
				return
			}
			if onLoaded != nil {
				onLoaded(l)
			}
		})
	}()
	return done
}
