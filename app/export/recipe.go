// Recipe: the inputs of an export, written into the file it makes so that
// `atlas export --replay` can make the same file again.
package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"articleatlas/app/icc"
	"articleatlas/app/scene"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// AppVersion is the app's version, as FyneApp.toml gives it; a recipe
// records it.
const AppVersion = "0.1.0"

// RecipeKeyword is the keyword of the PNG text chunk that holds the recipe.
const RecipeKeyword = "ArticleAtlas-Recipe"

// Recipe is everything an export is made from, in a form that survives a
// trip through JSON unchanged (Go writes floats in their shortest exact
// form), so replaying it draws the same pixels and writes the same bytes.
type Recipe struct {
	App        string      `json:"app"`    // "Article Atlas 0.1.0"
	Format     Format      `json:"format"` // png or svg
	Date       string      `json:"date"`   // YYYY-MM-DD
	Projection string      `json:"projection"`
	View       *RecipeView `json:"view,omitempty"` // nil: the whole world
	Layers     string      `json:"layers"`         // comma-separated layer names
	Width      int         `json:"width"`          // output pixels
	Height     int         `json:"height"`         // output pixels
	Scale      float64     `json:"scale"`          // output pixels per dp
	Detail     string      `json:"detail"`         // auto, coarse or fine
	Selected   string      `json:"selected,omitempty"`
	Title      string      `json:"title,omitempty"` // the title drawn ("" with NoTitle)
	NoTitle    bool        `json:"noTitle,omitempty"`
	NoLegend   bool        `json:"noLegend,omitempty"`
	NoDate     bool        `json:"noDate,omitempty"`
	NoSource   bool        `json:"noSource,omitempty"`
	Chart      bool        `json:"chart,omitempty"`
	ChartEnd   string      `json:"chartEnd,omitempty"` // YYYY-MM-DD: the chart's last day
	// Opened names the layers the reader opened that the export drew (their
	// files' names); a replay cannot draw them, so it refuses such a recipe.
	Opened []string `json:"opened,omitempty"`
}

// RecipeView is the part of the world shown: the lon/lat (degrees) at the
// centre of the image and the zoom (0 shows the whole world).
type RecipeView struct {
	Lon  float64 `json:"lon"`
	Lat  float64 `json:"lat"`
	Zoom float64 `json:"zoom"`
}

// recipeLayers are the single layers a recipe names, in drawing order. Each
// name is one that scene.ParseLayers reads.
var recipeLayers = []string{"icc", "graticule", "land", "maritime", "energy", "xi", "putin", "places", "labels"}

// LayerString names the layers of l, comma-separated, in drawing order:
// what scene.ParseLayers reads back as l.
func LayerString(l scene.Layers) string {
	var names []string
	for _, name := range recipeLayers {
		if bit, err := scene.ParseLayers(name); err == nil && l&bit == bit {
			names = append(names, name)
		}
	}
	return strings.Join(names, ",")
}

// ViewOf returns the recipe view of v: its centre in lon/lat and its zoom. A
// centre off the globe (a corner of the projected plane) is recorded on the
// equator below or above it, or at 0,0 if that is off the globe too.
func ViewOf(v geo.View) RecipeView {
	lon, lat, ok := v.Proj.Inverse(v.Center[0], v.Center[1])
	if !ok || math.IsNaN(lon) || math.IsNaN(lat) {
		lon, lat = 0, 0
		if l, _, ok := v.Proj.Inverse(v.Center[0], 0); ok {
			lon = l
		}
	}
	return RecipeView{Lon: lon, Lat: lat, Zoom: v.Zoom}
}

// Recipe returns the inputs of j as a recipe; the default title is written
// out, so a replay draws it even if the default changes.
func (j Job) Recipe() Recipe {
	layers := j.Layers
	if layers == 0 {
		layers = scene.AllLayers
	}
	scale := j.Scale
	if scale <= 0 {
		scale = 1
	}
	r := Recipe{
		App:        "Article Atlas " + AppVersion,
		Format:     j.Format,
		Date:       j.Date.Format(icc.DateLayout),
		Projection: j.Projection.Name(),
		Layers:     LayerString(layers),
		Width:      j.Width,
		Height:     j.Height,
		Scale:      scale,
		Detail:     "auto",
		Selected:   j.Selected,
		NoTitle:    j.NoTitle,
		NoLegend:   j.NoLegend,
		NoDate:     j.NoDate,
		NoSource:   j.NoSource,
		Chart:      j.Chart,
	}
	if r.Format == "" {
		r.Format = PNG
	}
	if !j.NoTitle {
		r.Title = j.Title
		if r.Title == "" {
			r.Title = DefaultTitle(j.Date, layers)
		}
	}
	if j.Chart {
		end := j.ChartEnd
		if end.IsZero() {
			now := time.Now().UTC()
			end = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		}
		r.ChartEnd = end.Format(icc.DateLayout)
	}
	if j.View != nil {
		v := ViewOf(*j.View)
		r.View = &v
	}
	for _, l := range j.User {
		r.Opened = append(r.Opened, l.Name)
	}
	if j.Level != nil {
		r.Detail = map[geo.Level]string{geo.Coarse: "coarse", geo.Fine: "fine"}[*j.Level]
	}
	return r
}

// Job returns the export job r describes, for world w drawn with atlas (nil
// makes one when the job is drawn). It fails, with one line, on a value
// out of range: a recipe read from a file is not trusted.
func (r Recipe) Job(w *geo.World, atlas *scene.Atlas) (Job, error) {
	bad := func(field string, v any) (Job, error) {
		return Job{}, fmt.Errorf("export: recipe: bad %s %v", field, v)
	}
	j := Job{World: w, Atlas: atlas, Format: r.Format, Width: r.Width, Height: r.Height, Scale: r.Scale, Selected: r.Selected,
		Title: r.Title, NoTitle: r.NoTitle, NoLegend: r.NoLegend, NoDate: r.NoDate, NoSource: r.NoSource, Chart: r.Chart}
	if r.Format != PNG && r.Format != SVG {
		return bad("format", fmt.Sprintf("%q", r.Format))
	}
	var err error
	if j.Date, err = icc.ParseDate(r.Date); err != nil {
		return bad("date", fmt.Sprintf("%q", r.Date))
	}
	if j.Projection, err = geo.ProjectionByName(r.Projection); err != nil {
		return bad("projection", fmt.Sprintf("%q", r.Projection))
	}
	if j.Layers, err = scene.ParseLayers(r.Layers); err != nil || j.Layers == 0 {
		return bad("layers", fmt.Sprintf("%q", r.Layers))
	}
	if r.Width < MinSide || r.Height < MinSide || r.Width > MaxSide || r.Height > MaxSide {
		return bad("size", fmt.Sprintf("%d×%d", r.Width, r.Height))
	}
	if !(r.Scale >= MinScale && r.Scale <= MaxScale) {
		return bad("scale", r.Scale)
	}
	if r.Chart {
		if j.ChartEnd, err = icc.ParseDate(r.ChartEnd); err != nil {
			return bad("chart end", fmt.Sprintf("%q", r.ChartEnd))
		}
	}
	switch r.Detail {
	case "auto":
	case "coarse", "fine":
		l := map[string]geo.Level{"coarse": geo.Coarse, "fine": geo.Fine}[r.Detail]
		j.Level = &l
	default:
		return bad("detail", fmt.Sprintf("%q", r.Detail))
	}
	if w != nil && r.Selected != "" {
		if cs, _ := w.Countries(geo.Fine); cs.ByISO(r.Selected) == nil {
			return bad("selection", fmt.Sprintf("%q", r.Selected))
		}
	}
	if r.View != nil {
		v := *r.View
		if !(v.Lon >= -180 && v.Lon <= 180 && v.Lat >= -90 && v.Lat <= 90 && v.Zoom >= geo.MinZoom && v.Zoom <= geo.MaxZoom) {
			return bad("view", fmt.Sprintf("%g,%g,%g", v.Lon, v.Lat, v.Zoom))
		}
		gv := geo.NewView(j.Projection, float64(r.Width)/r.Scale, float64(r.Height)/r.Scale)
		gv.Center = geo.Project(j.Projection, orb.Point{v.Lon, v.Lat})
		gv.Zoom = v.Zoom
		gv.Resize(gv.Width, gv.Height) // clamps
		j.View = &gv
	}
	return j, nil
}

// Marshal returns r as one line of JSON.
func (r Recipe) Marshal() []byte {
	b, err := json.Marshal(r)
	if err != nil { // only NaN or ±Inf could fail, and Job never records those
		panic(err)
	}
	return b
}

// ErrNoRecipe means a file carries no recipe: it was not written by an
// Article Atlas export.
var ErrNoRecipe = errors.New("no Article Atlas recipe in the file (was it exported by Article Atlas?)")

// ParseRecipe reads a recipe written by Marshal. Unknown fields are an
// error, so a recipe from a later version is not silently half-read.
func ParseRecipe(b []byte) (Recipe, error) {
	var r Recipe
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return Recipe{}, fmt.Errorf("export: the recipe is corrupt: %v", err)
	}
	if dec.More() {
		return Recipe{}, errors.New("export: the recipe is corrupt: text after the JSON")
	}
	if !strings.HasPrefix(r.App, "Article Atlas ") {
		return Recipe{}, fmt.Errorf("export: the recipe is corrupt: app %q is not Article Atlas", r.App)
	}
	return r, nil
}

// ReadRecipe reads the recipe an export wrote into a PNG (its RecipeKeyword
// text chunk) or an SVG (its <metadata>), told apart by their first bytes.
// A file without one gives ErrNoRecipe; a damaged one a one-line error.
func ReadRecipe(r io.Reader) (Recipe, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(len(pngSignature))
	var text string
	if bytes.Equal(head, pngSignature) {
		chunks, err := ReadPNGText(br)
		if err != nil {
			return Recipe{}, fmt.Errorf("export: %v", err)
		}
		t, ok := chunks[RecipeKeyword]
		if !ok {
			return Recipe{}, ErrNoRecipe
		}
		text = t
	} else {
		t, err := svgMetadata(br)
		if err != nil {
			return Recipe{}, err
		}
		text = t
	}
	return ParseRecipe([]byte(text))
}

// svgMetadata returns the text of an SVG document's first <metadata>
// element, or ErrNoRecipe when the document has none.
func svgMetadata(r io.Reader) (string, error) {
	dec := xml.NewDecoder(r)
	depth := 0 // inside <metadata>: the nesting depth there
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return "", ErrNoRecipe
		}
		if err != nil {
			return "", fmt.Errorf("export: not a PNG or SVG file with a recipe: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth > 0 || t.Name.Local == "metadata" {
				depth++
			}
		case xml.EndElement:
			if depth > 0 {
				if depth--; depth == 0 {
					return text.String(), nil
				}
			}
		case xml.CharData:
			if depth > 0 {
				text.Write(t)
			}
		}
	}
}
