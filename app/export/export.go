// Package export renders map snapshots to image files with the same renderer
// and scene as the window. It never imports Fyne.
package export

import (
	"context"
	"image"
	"io"
	"path/filepath"
	"strings"

	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/app/scene"
	"articleatlas/app/userlayer"
	"articleatlas/geo"
)

// Format is the kind of file an export writes.
type Format string

// The export formats.
const (
	PNG Format = "png"
	SVG Format = "svg"
)

// FormatOf returns the format a path's extension names, in any case: .png
// or .svg; ok is false for any other.
func FormatOf(path string) (f Format, ok bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png":
		return PNG, true
	case ".svg":
		return SVG, true
	}
	return "", false
}

// The limits of an export's size (pixels per side: 16384² RGBA is 1 GiB,
// beyond any slide) and scale (pixels per dp).
const (
	MinSide          = 16
	MaxSide          = 16384
	MinScale float64 = 0.25
	MaxScale float64 = 8
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
	// Style is the map's style for Render; exports (Compose) always use the
	// light style, which a recipe does not need to record.
	Style *render.Style
	// User are the layers the reader opened, drawn over the story. The
	// recipe names them (Recipe.Opened) but cannot carry them.
	User []*userlayer.Layer

	// What the composition draws around the map (see Compose).
	Format   Format // png (the default) or svg
	Title    string // the title; "" is DefaultTitle
	NoTitle  bool   // draw no title
	NoLegend bool   // draw no legend of the ICC classes
	NoDate   bool   // draw no date line
	NoSource bool   // draw no source line
	Chart    bool   // draw the membership chart as an inset
	// ChartEnd is the last day the chart shows; zero is today (UTC), which
	// the recipe then records.
	ChartEnd icc.Date
}

// atlas is j.Atlas, or when j has none one made from j.World.
func (j *Job) atlas() (*scene.Atlas, error) {
	if j.Atlas != nil {
		return j.Atlas, nil
	}
	return scene.New(j.World)
}

// Render draws the job into a new RGBA image of Width×Height pixels, with the
// scene the window would show for the same view and choices. It does not
// modify j, so it may be called from any goroutine; it takes time in
// proportion to the image size, so keep it off the Fyne UI goroutine.
func Render(j Job) (*image.RGBA, error) {
	atlas, err := j.atlas()
	if err != nil {
		return nil, err
	}
	v, o := mapView(j)
	scale := j.Scale
	if scale <= 0 {
		scale = 1
	}
	s := atlas.Scene(v, scale, o)
	img := image.NewRGBA(image.Rect(0, 0, j.Width, j.Height))
	var r render.Renderer
	r.Draw(img, s, v, scale)
	return img, nil
}

// writeSnapshot composes j and writes it to w. It is a variable so that
// tests can see whether drawing started.
var writeSnapshot = func(ctx context.Context, w io.Writer, j Job, progress func(float64)) error {
	s, err := Compose(j)
	if err != nil {
		return err
	}
	return s.Write(ctx, w, progress)
}

// WriteFile composes the job (see Compose) and writes it to path as a PNG
// or SVG (the job's Format; the default is PNG), atomically, with the
// guarantees of [WriteFileAtomic]: path is checked (and the temporary file
// opened) before anything is drawn, so a bad path fails at once; path then
// holds either its old content or the whole new file, never a part, and no
// temporary file is left behind — also when ctx is cancelled, which stops
// the drawing between strips and the writing between blocks. progress, if
// not nil, is told the fraction done (0…1) on the calling goroutine. Safe to
// call from any goroutine, including several at once; it blocks while
// drawing, so not from the Fyne UI goroutine.
func WriteFile(ctx context.Context, path string, j Job, progress func(done float64)) error {
	return WriteFileAtomic(path, func(w io.Writer) error { return writeSnapshot(ctx, w, j, progress) })
}

// WritePNGFile is WriteFile to a PNG that cannot be cancelled.
func WritePNGFile(path string, j Job) error {
	j.Format = PNG
	return WriteFile(context.Background(), path, j, nil)
}
