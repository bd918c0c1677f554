// Package cli is Article Atlas's command line: `list` prints every country's
// ICC status, or a layer of the story, as CSV; `export` writes the map to a
// PNG, through the same renderer as the window, without opening one, or the
// story's layers to GeoJSON. CheckDisplay tells the app, before it opens the
// window, whether a display answers. It never imports Fyne.
package cli

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
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
  atlas export --out map.png [--width 1920] [--height 1080] [--date YYYY-MM-DD]
               [--select ISO3] [--projection equal-earth|equirectangular] [--scale 1]
               [--detail auto|coarse|fine] [--layers icc,trips,corridors,energy,places,labels]
               write the map as a PNG
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
const dateUsage = "show the ICC status on `YYYY-MM-DD`"

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
	date := f.dateFlag("date", icc.ArticleDate, dateUsage+"; --layer countries only")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	if *layer != "countries" && slices.Contains(f.given(), "date") {
		return usageError{errors.New("--date applies only to --layer countries (a trip carries its destination's ICC status on its first day)")}
	}
	var header []string
	var rows [][]string
	if *layer == "countries" {
		w, err := geo.LoadWorldSync()
		if err != nil {
			return unprefixed(err, "geo")
		}
		a, err := scene.New(w)
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
		if header, rows, err = storyRows(*layer); err != nil {
			return err
		}
	}
	out := csv.NewWriter(stdout)
	_ = out.Write(header)
	_ = out.WriteAll(rows) // flushes
	return out.Error()
}

// storyRows returns the header and rows of a story layer: trips, places,
// corridors or events.
func storyRows(layer string) (header []string, rows [][]string, err error) {
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
			rows = append(rows, export.CSVRecord(export.TripRow(&st.Trips[i], icc)))
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
			rows = append(rows, export.CSVRecord(export.EventRow(&st.Events[i])))
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

// Max export size in pixels per side: 16384² RGBA is 1 GiB, beyond any slide.
const maxExportSide = 16384

// pngOnly are the export flags that only a PNG uses, with why a GeoJSON
// export does not need them.
var pngOnly = map[string]string{
	"width": "", "height": "", "scale": "", "projection": "", "detail": "", "select": "",
	"date": " (a trip carries its destination's ICC status on its first day)",
}

func runExport(args []string, stdout io.Writer) error {
	projections := make([]string, len(geo.Projections))
	for i, p := range geo.Projections {
		projections[i] = p.Name()
	}
	f := newFlagSet("export", "--out FILE.png|FILE.geojson [flags]",
		"Write the map as a PNG, drawn as the window draws it, without opening a window;\n"+
			"or, to a .geojson file, the story's trips, corridors, energy links, places and events.\n"+
			"--layers picks what either shows; the other flags are for PNG only.")
	out := f.stringFlag("out", "", "`FILE` to write (required): .png for the map, .geojson for the story's layers")
	width := f.intFlag("width", 1920, "image width, in `PIXELS`")
	height := f.intFlag("height", 1080, "image height, in `PIXELS`")
	date := f.dateFlag("date", icc.ArticleDate, dateUsage)
	sel := f.stringFlag("select", "", "outline the country with this `ISO3` code, e.g. CHN (at 1:50m if it has no 1:110m outline)")
	proj := f.choiceFlag("projection", projections[0], projections, "projection `NAME`: "+orList(projections))
	scale := f.floatFlag("scale", 1, "`FACTOR` of pixels per map unit; 2 draws lines twice as thick, like a HiDPI screen")
	detail := f.choiceFlag("detail", "auto", []string{"auto", "coarse", "fine"}, "outline `LEVEL`: auto (by size), coarse (1:110m) or fine (1:50m)")
	layerList := f.stringFlag("layers", "all", "comma-separated `NAMES` of the layers to show, from "+scene.LayerNames()+
		"; trips is putin and xi, corridors is land and maritime")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	if *out == "" {
		return usageError{errors.New("--out is required, e.g. --out map.png")}
	}
	layers, err := scene.ParseLayers(strings.ToLower(*layerList))
	if err != nil {
		return usageError{fmt.Errorf("--layers: %v", unprefixed(err, "scene"))}
	}
	if layers == 0 {
		return usageError{fmt.Errorf("--layers %q names no layer (want some of %s)", *layerList, scene.LayerNames())}
	}
	switch strings.ToLower(fileExt(*out)) {
	case ".png":
	case ".geojson":
		for _, name := range f.given() {
			if why, ok := pngOnly[name]; ok {
				return usageError{fmt.Errorf("--%s applies only to a PNG export%s", name, why)}
			}
		}
		if layers&export.GeoJSONLayers == 0 {
			return usageError{fmt.Errorf("--layers %q has nothing to write as GeoJSON (want trips, putin, xi, corridors, land, maritime, energy or places)", *layerList)}
		}
		return exportGeoJSON(*out, layers, stdout)
	default:
		return usageError{fmt.Errorf("--out %q: only .png (the map) and .geojson (the story's layers) are supported", *out)}
	}
	if *width < 16 || *height < 16 || *width > maxExportSide || *height > maxExportSide {
		return usageError{fmt.Errorf("--width and --height must be between 16 and %d pixels (got %d×%d)", maxExportSide, *width, *height)}
	}
	if !(*scale >= 0.25 && *scale <= 8) {
		return usageError{fmt.Errorf("--scale must be between 0.25 and 8 (got %g)", *scale)}
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
	// A bad path fails before the outlines load.
	if err := export.CheckPath(*out); err != nil {
		return unprefixed(err, "export")
	}
	w, err := geo.LoadWorldSync()
	if err != nil {
		return unprefixed(err, "geo")
	}
	iso := strings.ToUpper(strings.TrimSpace(*sel))
	if iso != "" {
		level, err = selectLevel(w, iso, level)
		if err != nil {
			return err
		}
	}
	job := export.Job{World: w, Projection: p, Date: *date, Selected: iso, Layers: layers,
		Width: *width, Height: *height, Scale: *scale, Level: level}
	if err := export.WritePNGFile(*out, job); err != nil {
		return unprefixed(err, "export")
	}
	fmt.Fprintf(stdout, "wrote %s (%d×%d)\n", *out, *width, *height)
	return nil
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
