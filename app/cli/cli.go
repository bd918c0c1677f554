// Package cli is Article Atlas's command line: `list` prints every country's
// ICC status, or a layer of the story, as CSV; `export` writes the map to a
// PNG or SVG, composed as the window's export composes it, without opening
// a window, or the story's layers to GeoJSON. CheckDisplay tells the app, before it opens the
// window, whether a display answers. It never imports Fyne.
package cli

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"articleatlas/app/article"
	"articleatlas/app/export"
	"articleatlas/app/icc"
	"articleatlas/app/scene"
	"articleatlas/app/story"
	"articleatlas/data"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// Commands lists the subcommands Run understands.
var Commands = []string{"list", "export", "help"}

// IsCommand reports whether arg names a subcommand (the app then runs without a window).
func IsCommand(arg string) bool {
	for _, c := range Commands {
		if arg == c {
			return true
		}
	}
	return arg == "-h" || arg == "-help" || arg == "--help"
}

const usage = `usage:
  atlas                      open the map window
  atlas list   [--layer countries|trips|places|corridors|events|mentions] [--date YYYY-MM-DD]
               print a layer as CSV: every country's ICC status (the default),
               or the story's trips, places, corridors and links, or events,
               or the article's mentions of them
  atlas export --out map.png|map.svg [--width 1920 --height 1080 [--scale 1] | --size 1x|2x|4x]
               [--date YYYY-MM-DD] [--select ISO3] [--projection equal-earth|equirectangular|web-mercator|orthographic]
               [--view LON,LAT,ZOOM] [--detail auto|coarse|fine] [--layers icc,trips,corridors,energy,places,labels]
               [--title TEXT] [--no-title] [--no-legend] [--no-date] [--no-source] [--chart] [--alt]
               write the map as a PNG or SVG with its title, legend, date and source line;
               --size 1x is the window's size, 1280×800
  atlas export --replay old.png|old.svg --out new.png|new.svg [--alt]
               make an exported map again from the recipe it carries
  atlas export --out story.geojson [--layers trips,corridors,energy,places]
               write the story's trips, corridors, links, places and events as GeoJSON
  atlas help [list|export]
               this text, or a command's flags (also: atlas list --help)
`

// Run executes the subcommand in args (args[0] is the subcommand) and returns
// the process exit code: 0 on success, 2 on bad usage, 1 on other failures.
// Errors are written to stderr as one line.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	prefix := "atlas " + args[0]
	switch args[0] {
	case "list":
		err = runList(args[1:], stdout)
	case "export":
		err = runExport(args[1:], stdout)
	case "help", "-h", "-help", "--help":
		err = runHelp(args[1:], stdout)
	default:
		prefix = "atlas"
		err = usageError{fmt.Errorf("unknown command %q (want list or export)", args[0])}
	}
	if err == nil || errors.Is(err, errHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "%s: %v\n", prefix, err)
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

// usageError is a mistake in the command line: exit 2.
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// runHelp prints the overview, or one command's usage: `atlas help export`.
func runHelp(args []string, stdout io.Writer) error {
	switch {
	case len(args) == 0:
		fmt.Fprint(stdout, usage)
		return nil
	case len(args) > 1:
		return usageError{fmt.Errorf("unexpected argument %q", args[1])}
	case args[0] == "list":
		return runList([]string{"--help"}, stdout)
	case args[0] == "export":
		return runExport([]string{"--help"}, stdout)
	}
	return usageError{fmt.Errorf("no command %q (want list or export)", args[0])}
}

// unprefixed drops the "pkg: " a package puts before its errors, so that the
// line Run prints has one prefix: "atlas list: …".
func unprefixed(err error, pkg string) error {
	return errors.New(strings.TrimPrefix(err.Error(), pkg+": "))
}

// Row is one line of `list`: a country on the map or an ICC state not drawn on it.
type Row struct {
	ISO3, Name  string
	TerritoryOf string // ISO3 of the sovereign state for a dependent territory, "" for states
	Status      icc.StatusInfo
}

// ListRows returns one row per country of the finest map level plus every
// recorded ICC state that has no outline, sorted by ISO3.
func ListRows(a *scene.Atlas, d icc.Date) []Row {
	cs, _ := a.World.Countries(geo.Fine)
	seen := map[string]bool{}
	var rows []Row
	for _, c := range cs.List {
		seen[c.ISO3] = true
		r := Row{ISO3: c.ISO3, Name: a.Name(c.ISO3), Status: a.ICC.StatusOn(c.ISO3, d)}
		if m := a.ICC.Lookup(c.ISO3); m != nil {
			r.TerritoryOf = m.TerritoryOf
		}
		rows = append(rows, r)
	}
	for i := range a.ICC.States {
		m := &a.ICC.States[i]
		if !seen[m.ISO3] {
			rows = append(rows, Row{ISO3: m.ISO3, Name: m.Name, TerritoryOf: m.TerritoryOf, Status: m.StatusOn(d)})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].ISO3 < rows[j].ISO3 })
	return rows
}

// dateUsage describes --date for both commands.
const dateUsage = "the day shown, `YYYY-MM-DD`: ICC status on it, and the trips and events up to it"

// listLayers are the layers `list` prints, the default first.
var listLayers = []string{"countries", "trips", "places", "corridors", "events", "mentions"}

// countryColumns is the header of `list --layer countries`.
var countryColumns = []string{"iso_a3", "name", "icc_status", "since", "until", "territory_of"}

// mentionColumns is the header of `list --layer mentions`.
var mentionColumns = []string{"paragraph", "start", "end", "text", "kind", "target", "iso_a3"}

// listSummary describes `list` and the columns of each layer.
func listSummary() string {
	var b strings.Builder
	b.WriteString("Print one layer as CSV, a header and one row per item. The layers and their columns:\n")
	for _, l := range []struct {
		name string
		cols []string
		note string
	}{
		{"countries", countryColumns, " (the default: every country's ICC status on --date)"},
		{"trips", export.TripColumns, " (the status is the destination's on the trip's first day)"},
		{"places", export.PlaceColumns, ""},
		{"corridors", export.CorridorColumns, " (corridors, sea lanes and energy links; countries in route order)"},
		{"events", export.EventColumns, ""},
		{"mentions", mentionColumns, " (the article's names the map shows; start and end count runes in the paragraph, end exclusive)"},
	} {
		fmt.Fprintf(&b, "  %-10s %s%s\n", l.name, strings.Join(l.cols, ","), l.note)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func runList(args []string, stdout io.Writer) error {
	f := newFlagSet("list", "[--layer countries|trips|places|corridors|events|mentions] [--date YYYY-MM-DD]", listSummary())
	layer := f.choiceFlag("layer", listLayers[0], listLayers, "`LAYER` to print: "+orList(listLayers))
	date := f.dateFlag("date", icc.ArticleDate, dateUsage+"; --layer countries, trips and events only")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	dated := slices.Contains(f.given(), "date")
	if dated && !slices.Contains([]string{"countries", "trips", "events"}, *layer) {
		return usageError{errors.New("--date applies only to --layer countries, trips and events (a trip carries its destination's ICC status on its first day)")}
	}
	var header []string
	var rows [][]string
	if *layer == "countries" {
		a, err := loadAtlas()
		if err != nil {
			return err
		}
		header = countryColumns
		for _, r := range ListRows(a, *date) {
			rows = append(rows, []string{r.ISO3, r.Name, r.Status.Status.String(), csvDate(r.Status.Since), csvDate(r.Status.Until), r.TerritoryOf})
		}
	} else if *layer == "mentions" {
		a, err := article.Default()
		if err != nil {
			return unprefixed(err, "article")
		}
		header = mentionColumns
		for _, o := range a.Mentions() {
			rows = append(rows, []string{strconv.Itoa(o.Paragraph), strconv.Itoa(o.Start), strconv.Itoa(o.End), o.Text, o.Kind, o.Target, o.ISO3})
		}
	} else {
		var err error
		var upTo icc.Date // zero: every trip and event
		if dated {
			upTo = *date
		}
		if header, rows, err = storyRows(*layer, upTo); err != nil {
			return err
		}
	}
	out := csv.NewWriter(stdout)
	_ = out.Write(header)
	_ = out.WriteAll(rows) // flushes
	return out.Error()
}

// storyRows returns the header and rows of a story layer: trips, places,
// corridors or events; unless upTo is zero, only the trips begun and the
// events happened by that day, as the map shows them.
func storyRows(layer string, upTo icc.Date) (header []string, rows [][]string, err error) {
	st, err := story.Load(data.Story)
	if err != nil {
		return nil, nil, unprefixed(err, "story")
	}
	switch layer {
	case "trips":
		icc, err := icc.LoadICC(data.ICC)
		if err != nil {
			return nil, nil, unprefixed(err, "geo")
		}
		for i := range st.Trips {
			if upTo.IsZero() || !st.Trips[i].Start.After(upTo) {
				rows = append(rows, export.CSVRecord(export.TripRow(&st.Trips[i], icc)))
			}
		}
		return export.TripColumns, rows, nil
	case "places":
		for i := range st.Places {
			rows = append(rows, export.CSVRecord(export.PlaceRow(&st.Places[i])))
		}
		return export.PlaceColumns, rows, nil
	case "corridors":
		for i := range st.Corridors {
			rows = append(rows, export.CSVRecord(export.CorridorRow(&st.Corridors[i])))
		}
		return export.CorridorColumns, rows, nil
	case "events":
		for i := range st.Events {
			if upTo.IsZero() || !st.Events[i].Date.After(upTo) {
				rows = append(rows, export.CSVRecord(export.EventRow(&st.Events[i])))
			}
		}
		return export.EventColumns, rows, nil
	}
	return nil, nil, usageError{fmt.Errorf("--layer %q is not %s", layer, orList(listLayers))}
}

func csvDate(d icc.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(icc.DateLayout)
}

// windowWidth and windowHeight are the window's size when it opens, in dp:
// what `--size 1x` exports.
const windowWidth, windowHeight = 1280, 800

// exportSizes are the --size choices: multiples of the window's size, drawn
// at that many pixels per dp.
var exportSizes = []string{"1x", "2x", "4x"}

// mapOnly are the export flags that only a map (PNG or SVG) uses, with why
// a GeoJSON export does not need them.
var mapOnly = map[string]string{
	"width": "", "height": "", "size": "", "scale": "", "projection": "", "detail": "", "select": "", "view": "",
	"title": "", "no-title": "", "no-legend": "", "no-date": "", "no-source": "", "chart": "", "alt": "",
	"date": " (a trip carries its destination's ICC status on its first day)",
}

func runExport(args []string, stdout io.Writer) error {
	projections := make([]string, len(geo.Projections))
	for i, p := range geo.Projections {
		projections[i] = p.Name()
	}
	f := newFlagSet("export", "--out FILE.png|FILE.svg|FILE.geojson [flags]",
		"Write the map as a PNG or an SVG, drawn as the window draws it, with a title, the legend,\n"+
			"the date and the source line, without opening a window; or, to a .geojson file, the\n"+
			"story's trips, corridors, energy links, places and events. --layers picks what either\n"+
			"shows; the other flags are for the map only. Every PNG and SVG carries its alt text and\n"+
			"the recipe that made it: --replay makes the same file again.")
	out := f.stringFlag("out", "", "`FILE` to write: .png or .svg for the map, .geojson for the story's layers")
	width := f.intFlag("width", 1920, "image width, in `PIXELS`")
	height := f.intFlag("height", 1080, "image height, in `PIXELS`")
	size := f.choiceFlag("size", "", exportSizes, "`N`x the window's size, 1280×800 dp: 1x, 2x (2560×1600 px at scale 2) or 4x (5120×3200 px at scale 4); instead of --width, --height and --scale")
	scale := f.floatFlag("scale", 1, "`FACTOR` of pixels per map unit; 2 draws lines and text twice as large, like a HiDPI screen")
	date := f.dateFlag("date", icc.ArticleDate, dateUsage)
	sel := f.stringFlag("select", "", "highlight the country with this `ISO3` code, e.g. CHN (at 1:50m if it has no 1:110m outline)")
	proj := f.choiceFlag("projection", projections[0], projections, "projection `NAME`: "+orList(projections))
	viewFlag := f.stringFlag("view", "", "show the part of the world centred on `LON,LAT` degrees at ZOOM (0, the whole world, to 7), e.g. 100,45,1.5")
	detail := f.choiceFlag("detail", "auto", []string{"auto", "coarse", "fine"}, "outline `LEVEL`: auto (by size), coarse (1:110m) or fine (1:50m)")
	layerList := f.stringFlag("layers", "all", "comma-separated `NAMES` of the layers to show, from "+scene.LayerNames()+
		"; trips is putin and xi, corridors is land and maritime")
	title := f.stringFlag("title", "", "the title `TEXT` (default: the date and the layers shown, e.g. \"ICC membership on 17 October 2023 — Putin's trips and the Belt and Road\")")
	noTitle := f.boolFlag("no-title", "draw no title")
	noLegend := f.boolFlag("no-legend", "draw no legend of the ICC classes")
	noDate := f.boolFlag("no-date", "draw no date line")
	noSource := f.boolFlag("no-source", "draw no source line")
	chart := f.boolFlag("chart", "draw the chart of ICC membership over time as an inset")
	replay := f.stringFlag("replay", "", "make the map again from the recipe in `FILE`, a PNG or SVG this command wrote; with --out (the format may differ) and --alt only")
	alt := f.boolFlag("alt", "print the map's alt text (what it shows, in words); with no --out, only print it")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	given := f.given()
	if *replay != "" {
		for _, name := range given {
			if name != "replay" && name != "out" && name != "alt" {
				return usageError{fmt.Errorf("--%s cannot be used with --replay: the recipe gives every choice", name)}
			}
		}
		return replayExport(*replay, *out, *alt, stdout)
	}
	if *out == "" && !*alt {
		return usageError{errors.New("--out is required, e.g. --out map.png")}
	}
	layers, err := scene.ParseLayers(strings.ToLower(*layerList))
	if err != nil {
		return usageError{fmt.Errorf("--layers: %v", unprefixed(err, "scene"))}
	}
	if layers == 0 {
		return usageError{fmt.Errorf("--layers %q names no layer (want some of %s)", *layerList, scene.LayerNames())}
	}
	format := export.PNG
	if *out != "" {
		if strings.EqualFold(fileExt(*out), ".geojson") {
			for _, name := range given {
				if why, ok := mapOnly[name]; ok {
					return usageError{fmt.Errorf("--%s applies only to a PNG or SVG export%s", name, why)}
				}
			}
			if layers&export.GeoJSONLayers == 0 {
				return usageError{fmt.Errorf("--layers %q has nothing to write as GeoJSON (want trips, putin, xi, corridors, land, maritime, energy or places)", *layerList)}
			}
			return exportGeoJSON(*out, layers, stdout)
		}
		var ok bool
		if format, ok = export.FormatOf(*out); !ok {
			return usageError{fmt.Errorf("--out %q: only .png and .svg (the map) and .geojson (the story's layers) are supported", *out)}
		}
	}
	if *size != "" {
		for _, name := range given {
			if name == "width" || name == "height" || name == "scale" {
				return usageError{fmt.Errorf("--size sets the width, height and scale; drop --%s", name)}
			}
		}
		k := float64((*size)[0] - '0')
		*width, *height, *scale = int(windowWidth*k), int(windowHeight*k), k
	}
	if *width < export.MinSide || *height < export.MinSide || *width > export.MaxSide || *height > export.MaxSide {
		return usageError{fmt.Errorf("--width and --height must be between %d and %d pixels (got %d×%d)", export.MinSide, export.MaxSide, *width, *height)}
	}
	if !(*scale >= export.MinScale && *scale <= export.MaxScale) {
		return usageError{fmt.Errorf("--scale must be between %g and %g (got %g)", export.MinScale, export.MaxScale, *scale)}
	}
	if *noTitle && slices.Contains(given, "title") {
		return usageError{errors.New("--title and --no-title cannot be used together")}
	}
	var level *geo.Level
	switch *detail {
	case "coarse":
		l := geo.Coarse
		level = &l
	case "fine":
		l := geo.Fine
		level = &l
	}
	p, err := geo.ProjectionByName(*proj)
	if err != nil {
		return usageError{unprefixed(err, "geo")}
	}
	var lonLatZoom []float64
	if *viewFlag != "" {
		if lonLatZoom, err = parseView(*viewFlag); err != nil {
			return usageError{err}
		}
	}
	// A bad path fails before the outlines load.
	if *out != "" {
		if err := export.CheckPath(*out); err != nil {
			return unprefixed(err, "export")
		}
	}
	atlas, err := loadAtlas()
	if err != nil {
		return err
	}
	w := atlas.World
	iso := strings.ToUpper(strings.TrimSpace(*sel))
	if iso != "" {
		level, err = selectLevel(w, iso, level)
		if err != nil {
			return err
		}
	}
	job := export.Job{World: w, Atlas: atlas, Projection: p, Date: *date, Selected: iso, Layers: layers,
		Width: *width, Height: *height, Scale: *scale, Level: level, Format: format,
		Title: *title, NoTitle: *noTitle, NoLegend: *noLegend, NoDate: *noDate, NoSource: *noSource, Chart: *chart}
	if lonLatZoom != nil {
		ll := orb.Point{lonLatZoom[0], lonLatZoom[1]}
		if _, globe := p.(geo.Orthographic); globe {
			p = geo.Orthographic{Lon0: ll[0], Lat0: ll[1]} // the globe faces the view's centre
			job.Projection = p
		}
		v := geo.NewView(p, float64(*width) / *scale, float64(*height) / *scale)
		v.Center = geo.Project(p, ll)
		v.Zoom = lonLatZoom[2]
		job.View = &v
	}
	snap, err := export.Compose(job)
	if err != nil {
		return unprefixed(err, "export")
	}
	return writeSnapshot(snap, *out, *alt, stdout)
}

// writeSnapshot writes snap to path (unless path is ""), prints where it
// went, and prints its alt text if alt.
func writeSnapshot(snap *export.Snapshot, path string, alt bool, stdout io.Writer) error {
	if path != "" {
		if err := snap.WriteFile(context.Background(), path, nil); err != nil {
			return unprefixed(err, "export")
		}
		fmt.Fprintf(stdout, "wrote %s (%d×%d)\n", path, snap.Job.Width, snap.Job.Height)
	}
	if alt {
		fmt.Fprintln(stdout, snap.Alt)
	}
	return nil
}

// parseView reads --view LON,LAT,ZOOM.
func parseView(s string) ([]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 3 {
		return nil, fmt.Errorf("--view %q is not LON,LAT,ZOOM, e.g. 100,45,1.5", s)
	}
	v := make([]float64, 3)
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("--view %q: %q is not a number", s, strings.TrimSpace(p))
		}
		v[i] = f
	}
	switch {
	case v[0] < -180 || v[0] > 180:
		return nil, fmt.Errorf("--view %q: the longitude must be between -180 and 180", s)
	case v[1] < -90 || v[1] > 90:
		return nil, fmt.Errorf("--view %q: the latitude must be between -90 and 90", s)
	case v[2] < geo.MinZoom || v[2] > geo.MaxZoom:
		return nil, fmt.Errorf("--view %q: the zoom must be between %g and %g", s, geo.MinZoom, geo.MaxZoom)
	}
	return v, nil
}

// replayExport makes the export whose recipe is in the file from again,
// into path (in path's format, which may differ from the recipe's), and
// prints its alt text if alt. A PNG replayed to a PNG, or an SVG to an SVG,
// gives the same bytes.
func replayExport(from, path string, alt bool, stdout io.Writer) error {
	if path == "" && !alt {
		return usageError{errors.New("--replay needs --out (or --alt), e.g. --replay old.png --out new.png")}
	}
	format := export.PNG
	if path != "" {
		var ok bool
		if format, ok = export.FormatOf(path); !ok {
			return usageError{fmt.Errorf("--out %q: a replay writes .png or .svg", path)}
		}
		if err := export.CheckPath(path); err != nil {
			return unprefixed(err, "export")
		}
	}
	f, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("--replay: %v", cause(err))
	}
	rec, err := export.ReadRecipe(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("--replay %s: %v", from, unprefixed(err, "export"))
	}
	if len(rec.Opened) > 0 {
		return fmt.Errorf("--replay %s: the export also drew opened layers (%s), which its recipe names but cannot carry", from, strings.Join(rec.Opened, ", "))
	}
	if path != "" {
		rec.Format = format
	}
	atlas, err := loadAtlas()
	if err != nil {
		return err
	}
	snap, err := export.ComposeRecipe(rec, atlas)
	if err != nil {
		return fmt.Errorf("--replay %s: %v", from, unprefixed(err, "export"))
	}
	return writeSnapshot(snap, path, alt, stdout)
}

// cause is the reason of a file error without the operation and path,
// which the message gives itself: "no such file or directory".
func cause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}

// loadAtlas loads every level of the outlines, waiting for them, and the
// atlas drawn from them.
func loadAtlas() (*scene.Atlas, error) {
	w, err := geo.LoadWorldSync()
	if err != nil {
		return nil, unprefixed(err, "geo")
	}
	return scene.New(w)
}

// exportGeoJSON writes the story's features shown by layers to path as
// GeoJSON, atomically; a bad path fails before any work.
func exportGeoJSON(path string, layers scene.Layers, stdout io.Writer) error {
	if err := export.CheckPath(path); err != nil {
		return unprefixed(err, "export")
	}
	// The features need the ICC table and the story, not the 1:50m outlines.
	w, err := geo.LoadWorld()
	if err != nil {
		return unprefixed(err, "geo")
	}
	atlas, err := scene.New(w)
	if err != nil {
		return unprefixed(unprefixed(err, "story"), "render")
	}
	b, err := export.StoryGeoJSON(atlas, layers)
	if err != nil {
		return unprefixed(err, "export")
	}
	if err := export.WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		return unprefixed(err, "export")
	}
	fmt.Fprintf(stdout, "wrote %s (%d features)\n", path, export.StoryFeatureCount(atlas, layers))
	return nil
}

// selectLevel returns the outline level for an export that selects iso, so that
// the selection always shows: 1:50m when iso has no 1:110m outline (Andorra)
// and the level is left to the size, an error when --detail coarse was asked for.
func selectLevel(w *geo.World, iso string, level *geo.Level) (*geo.Level, error) {
	if cs, _ := w.Countries(geo.Fine); cs.ByISO(iso) == nil {
		return nil, usageError{fmt.Errorf("--select %q: no country with that ISO alpha-3 code on the map", iso)}
	}
	if cs, _ := w.Countries(geo.Coarse); cs.ByISO(iso) != nil {
		return level, nil
	}
	if level != nil && *level == geo.Coarse {
		return nil, usageError{fmt.Errorf("%s (%s) is drawn only at %v; drop --detail coarse", iso, w.Name(iso), geo.Fine)}
	}
	fine := geo.Fine
	return &fine, nil
}

func fileExt(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 && !strings.ContainsAny(p[i:], `/\`) {
		return p[i:]
	}
	return ""
}
