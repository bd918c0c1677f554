// Package export renders map snapshots to image files with the same renderer
// and scene as the window. It never imports Fyne.
package export

import (
	"bufio"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"

	"articleatlas/app/render"
	"articleatlas/geo"
)

// Job describes one snapshot.
type Job struct {
	World      *geo.World
	Projection geo.Projection
	Date       geo.Date
	Selected   string     // ISO3 to highlight, or ""
	Width      int        // pixels
	Height     int        // pixels
	Scale      float64    // pixels per dp; 0 means 1
	View       *geo.View  // optional: the region to show (its size is replaced); nil shows the whole world
	Level      *geo.Level // optional: the outline detail; nil picks it by size, as the window does
	Style      *render.Style
}

// Render draws the job into a new RGBA image of Width×Height pixels.
func Render(j Job) *image.RGBA {
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
	st := render.LightStyle()
	if j.Style != nil {
		st = *j.Style
	}
	level := geo.LevelFor(v, scale)
	if j.Level != nil {
		level = *j.Level
	}
	s := render.Scene{
		Layer:     j.World.Layer(v.Proj, level),
		Status:    j.World.StatusOn(j.Date),
		Selected:  j.Selected,
		Graticule: true,
	}
	img := image.NewRGBA(image.Rect(0, 0, j.Width, j.Height))
	var r render.Renderer
	r.Draw(img, &s, v, &st, scale)
	return img
}

// WritePNGFile renders the job and writes it to path atomically: the image is
// written to a temporary file in the same folder and renamed over path only
// once complete, so a failed export leaves no partial file.
func WritePNGFile(path string, j Job) error {
	return WriteFileAtomic(path, func(w io.Writer) error { return render.EncodePNG(w, Render(j)) })
}

// WriteFileAtomic creates path with the bytes write produces, via a temporary
// file in the same folder that is renamed into place on success and removed on failure.
func WriteFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export: cannot write in %s: %w", dir, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	if err = write(bw); err != nil {
		return fmt.Errorf("export: %s: %w", path, err)
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("export: %s: %w", path, err)
	}
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("export: %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("export: %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("export: %s: %w", path, err)
	}
	return nil
}
