// Package cli is Article Atlas's command line: `list` prints every country's
// ICC status as CSV and `export` writes the map to a PNG, through the same
// renderer as the window, without opening one. It never imports Fyne.
package cli

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"articleatlas/app/export"
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
	return arg == "-h" || arg == "--help"
}

const usage = `usage:
  atlas                      open the map window
  atlas list   [--date YYYY-MM-DD]
               print every country's ICC status as CSV
  atlas export --out map.png [--width 1920] [--height 1080] [--date YYYY-MM-DD]
               [--select ISO3] [--projection equal-earth|equirectangular] [--scale 1]
               [--detail auto|coarse|fine]
               write the map as a PNG
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
	switch args[0] {
	case "list":
		err = runList(args[1:], stdout)
	case "export":
		err = runExport(args[1:], stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		err = usageError{fmt.Errorf("unknown command %q (want list or export)", args[0])}
	}
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "atlas %s: %v\n", args[0], err)
	var ue usageError
	if errors.As(err, &ue) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// newFlags returns a flag set that reports errors through Run instead of printing usage.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

func parseDate(s string) (geo.Date, error) {
	d, err := geo.ParseDate(s)
	if err != nil {
		return d, usageError{fmt.Errorf("--date %q is not a date like 2023-10-17", s)}
	}
	return d, nil
}

// Row is one line of `list`: a country on the map or an ICC state not drawn on it.
type Row struct {
	ISO3, Name string
	Status     geo.StatusInfo
}

// ListRows returns one row per country of the finest map level plus every
// recorded ICC state that has no outline, sorted by ISO3.
func ListRows(w *geo.World, d geo.Date) []Row {
	cs, _ := w.Countries(geo.Fine)
	seen := map[string]bool{}
	var rows []Row
	for _, c := range cs.List {
		seen[c.ISO3] = true
		rows = append(rows, Row{ISO3: c.ISO3, Name: w.Name(c.ISO3), Status: w.ICC.StatusOn(c.ISO3, d)})
	}
	for i := range w.ICC.States {
		m := &w.ICC.States[i]
		if !seen[m.ISO3] {
			rows = append(rows, Row{ISO3: m.ISO3, Name: m.Name, Status: m.StatusOn(d)})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].ISO3 < rows[j].ISO3 })
	return rows
}

func runList(args []string, stdout io.Writer) error {
	fs := newFlags("list")
	date := fs.String("date", geo.ArticleDate.Format(geo.DateLayout), "date of the ICC status (YYYY-MM-DD)")
	if err := parse(fs, args); err != nil {
		return err
	}
	d, err := parseDate(*date)
	if err != nil {
		return err
	}
	w, err := geo.LoadWorldSync()
	if err != nil {
		return err
	}
	out := csv.NewWriter(stdout)
	_ = out.Write([]string{"iso_a3", "name", "icc_status", "since", "until"})
	for _, r := range ListRows(w, d) {
		_ = out.Write([]string{r.ISO3, r.Name, r.Status.Status.String(), csvDate(r.Status.Since), csvDate(r.Status.Until)})
	}
	out.Flush()
	return out.Error()
}

func csvDate(d geo.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(geo.DateLayout)
}

// Max export size in pixels per side: 16384² RGBA is 1 GiB, beyond any slide.
const maxExportSide = 16384

func runExport(args []string, stdout io.Writer) error {
	fs := newFlags("export")
	out := fs.String("out", "", "PNG file to write")
	width := fs.Int("width", 1920, "image width in pixels")
	height := fs.Int("height", 1080, "image height in pixels")
	date := fs.String("date", geo.ArticleDate.Format(geo.DateLayout), "date of the ICC status (YYYY-MM-DD)")
	sel := fs.String("select", "", "ISO3 code of the country to highlight, e.g. CHN")
	proj := fs.String("projection", geo.Projections[0].Name(), "equal-earth or equirectangular")
	scale := fs.Float64("scale", 1, "pixels per map unit (2 draws lines twice as thick, like a HiDPI screen)")
	detail := fs.String("detail", "auto", "outline detail: auto (by size), coarse (1:110m) or fine (1:50m)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{errors.New("--out is required, e.g. --out map.png")}
	}
	if !strings.EqualFold(fileExt(*out), ".png") {
		return usageError{fmt.Errorf("--out %q: only .png is supported", *out)}
	}
	if *width < 16 || *height < 16 || *width > maxExportSide || *height > maxExportSide {
		return usageError{fmt.Errorf("--width and --height must be between 16 and %d pixels (got %d×%d)", maxExportSide, *width, *height)}
	}
	if !(*scale >= 0.25 && *scale <= 8) {
		return usageError{fmt.Errorf("--scale must be between 0.25 and 8 (got %g)", *scale)}
	}
	d, err := parseDate(*date)
	if err != nil {
		return err
	}
	var level *geo.Level
	switch *detail {
	case "auto":
	case "coarse", "fine":
		l := geo.Coarse
		if *detail == "fine" {
			l = geo.Fine
		}
		level = &l
	default:
		return usageError{fmt.Errorf("--detail %q: want auto, coarse or fine", *detail)}
	}
	p, err := geo.ProjectionByName(*proj)
	if err != nil {
		return usageError{err}
	}
	w, err := geo.LoadWorldSync()
	if err != nil {
		return err
	}
	iso := strings.ToUpper(strings.TrimSpace(*sel))
	if iso != "" {
		if cs, _ := w.Countries(geo.Fine); cs.ByISO(iso) == nil {
			return usageError{fmt.Errorf("--select %q: no country with that ISO alpha-3 code on the map", *sel)}
		}
	}
	job := export.Job{World: w, Projection: p, Date: d, Selected: iso, Width: *width, Height: *height, Scale: *scale, Level: level}
	if err := export.WritePNGFile(*out, job); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d×%d)\n", *out, *width, *height)
	return nil
}

func fileExt(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 && !strings.ContainsAny(p[i:], `/\`) {
		return p[i:]
	}
	return ""
}
