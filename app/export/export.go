// Package export renders map snapshots to image files with the same renderer
// and scene as the window. It never imports Fyne.
package export

import (
	"image"
	"io"

	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/app/scene"
	"articleatlas/geo"
)

// Job describes one snapshot.
type Job struct {
	World      *geo.World
	Atlas      *scene.Atlas // optional: the scene maker to share (e.g. the window's); nil makes one for World
	Projection geo.Projection
	Date       icc.Date
	Selected   string       // ISO3 to highlight, or ""
	Layers     scene.Layers // 0 means scene.AllLayers
	Width      int          // pixels
	Height     int          // pixels
	Scale      float64      // pixels per dp; 0 means 1
	View       *geo.View    // optional: the region to show (its size is replaced); nil shows the whole world
	Level      *geo.Level   // optional: the outline detail; nil picks it as the window does
	Style      *render.Style
}

// Render draws the job into a new RGBA image of Width×Height pixels, with the
// scene the window would show for the same view and choices. It does not
// modify j, so it may be called from any goroutine; it takes time in
// proportion to the image size, so keep it off the Fyne UI goroutine.
func Render(j Job) (*image.RGBA, error) {
	atlas := j.Atlas
	if atlas == nil {
		var err error
		if atlas, err = scene.New(j.World); err != nil {
			return nil, err
		}
	}
	scale := j.Scale
	if scale <= 0 {
		scale = 1
	}
	wDp, hDp := float64(j.Width)/scale, float64(j.Height)/scale
	var v geo.View
	if j.View != nil {
		v = *j.View
		v.Resize(wDp, hDp)
	} else {
		v = geo.NewView(j.Projection, wDp, hDp)
	}
	o := scene.Options{Date: j.Date, Selected: j.Selected, Layers: j.Layers, Level: j.Level, Style: render.LightStyle()}
	if o.Layers == 0 {
		o.Layers = scene.AllLayers
	}
	if j.Style != nil {
		o.Style = *j.Style
	}
	s := atlas.Scene(v, scale, o)
	img := image.NewRGBA(image.Rect(0, 0, j.Width, j.Height))
	var r render.Renderer
	r.Draw(img, s, v, scale)
	return img, nil
}

// encodeJob renders j and encodes it as PNG into w. It is a variable so that
// tests can see whether rendering started.
var encodeJob = func(w io.Writer, j Job) error {
	img, err := Render(j)
	if err != nil {
		return err
	}
	return render.EncodePNG(w, img)
}

// WritePNGFile renders the job and writes it to path as a PNG, atomically, with
// the guarantees of [WriteFileAtomic]: path is checked (and the temporary file
// opened) before anything is rendered, so a bad path fails at once; path then
// holds either its old content or the whole new image, never a part, and no
// temporary file is left behind. Safe to call from any goroutine, including
// several at once; it blocks while rendering, so not from the Fyne UI goroutine.
func WritePNGFile(path string, j Job) error {
	return WriteFileAtomic(path, func(w io.Writer) error { return encodeJob(w, j) })
}
