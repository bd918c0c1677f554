// The export dialog: the map as a PNG or SVG file, composed as the command
// line composes it (export.Compose), with the choices remembered between
// launches.
package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"articleatlas/app/export"
	"articleatlas/app/icc"
)

// The export sizes the dialog offers: multiples of the map's size in the
// window, drawn at that many pixels per dp, and fixed sizes.
const (
	Size1x     = "1× the window"
	Size2x     = "2× the window"
	Size4x     = "4× the window"
	Size1080   = "1920 × 1080"
	Size2160   = "3840 × 2160"
	SizeCustom = "Width × height"
)

// ExportSizes lists the size choices in the order shown.
var ExportSizes = []string{Size1x, Size2x, Size4x, Size1080, Size2160, SizeCustom}

// The preference keys of the export dialog's choices.
const (
	prefFormat    = "export.format"
	prefSize      = "export.size"
	prefWidth     = "export.width"
	prefHeight    = "export.height"
	prefTitleOn   = "export.title"
	prefLegend    = "export.legend"
	prefDate      = "export.date"
	prefSource    = "export.source"
	prefChart     = "export.chart"
	prefHighlight = "export.highlight"
	prefFolder    = "export.folder"
)

// ExportChoices are what the export dialog asks. The title's text is not
// remembered: its default names the date and layers shown at the time.
type ExportChoices struct {
	Format        export.Format
	Size          string // one of ExportSizes
	Width, Height int    // px, for SizeCustom
	TitleOn       bool
	Title         string // "" is export.DefaultTitle
	Legend, Date  bool
	Source, Chart bool
	Highlight     bool   // highlight the selected country
	Folder        string // the URI of the folder last exported to, or ""
}

// DefaultExportChoices are the choices of a first export: a PNG at twice
// the window's size with every part but the chart.
func DefaultExportChoices() ExportChoices {
	return ExportChoices{Format: export.PNG, Size: Size2x, Width: 1920, Height: 1080,
		TitleOn: true, Legend: true, Date: true, Source: true, Highlight: true}
}

// LoadExportChoices reads the remembered choices from prefs; a missing or
// unusable value (an unknown format or size, a width out of range) falls
// back to its default.
func LoadExportChoices(prefs fyne.Preferences) ExportChoices {
	c := DefaultExportChoices()
	if f := export.Format(prefs.String(prefFormat)); f == export.PNG || f == export.SVG {
		c.Format = f
	}
	for _, s := range ExportSizes {
		if prefs.String(prefSize) == s {
			c.Size = s
		}
	}
	if w, h := prefs.Int(prefWidth), prefs.Int(prefHeight); validSide(w) && validSide(h) {
		c.Width, c.Height = w, h
	}
	c.TitleOn = prefs.BoolWithFallback(prefTitleOn, c.TitleOn)
	c.Legend = prefs.BoolWithFallback(prefLegend, c.Legend)
	c.Date = prefs.BoolWithFallback(prefDate, c.Date)
	c.Source = prefs.BoolWithFallback(prefSource, c.Source)
	c.Chart = prefs.BoolWithFallback(prefChart, c.Chart)
	c.Highlight = prefs.BoolWithFallback(prefHighlight, c.Highlight)
	if u, err := storage.ParseURI(prefs.String(prefFolder)); err == nil {
		if ok, err := storage.CanList(u); err == nil && ok {
			c.Folder = u.String()
		}
	}
	return c
}

// Save remembers the choices in prefs (all but the title's text).
func (c ExportChoices) Save(prefs fyne.Preferences) {
	prefs.SetString(prefFormat, string(c.Format))
	prefs.SetString(prefSize, c.Size)
	prefs.SetInt(prefWidth, c.Width)
	prefs.SetInt(prefHeight, c.Height)
	prefs.SetBool(prefTitleOn, c.TitleOn)
	prefs.SetBool(prefLegend, c.Legend)
	prefs.SetBool(prefDate, c.Date)
	prefs.SetBool(prefSource, c.Source)
	prefs.SetBool(prefChart, c.Chart)
	prefs.SetBool(prefHighlight, c.Highlight)
	prefs.SetString(prefFolder, c.Folder)
}

func validSide(n int) bool { return n >= export.MinSide && n <= export.MaxSide }

// Job is the export of what the window shows now — its view, projection,
// date, layers and selection — with choices c. The map's size in the window
// (dp) is what 1×, 2× and 4× multiply. Call it on the Fyne UI goroutine.
func (c ExportChoices) Job(u *UI) (export.Job, error) {
	v := u.Map.View()
	w, h, scale := int(v.Width+0.5), int(v.Height+0.5), 1.0
	switch c.Size {
	case Size2x:
		scale = 2
	case Size4x:
		scale = 4
	case Size1080:
		w, h = 1920, 1080
	case Size2160:
		w, h, scale = 3840, 2160, 2
	case SizeCustom:
		w, h = c.Width, c.Height
	}
	if c.Size == Size2x || c.Size == Size4x {
		w, h = int(float64(w)*scale), int(float64(h)*scale)
	}
	if !validSide(w) || !validSide(h) {
		return export.Job{}, fmt.Errorf("the size must be between %d and %d pixels a side (got %d × %d)", export.MinSide, export.MaxSide, w, h)
	}
	j := export.Job{World: u.World, Atlas: u.Atlas, Projection: v.Proj, View: &v, Date: u.Map.Date(), Layers: u.Map.Layers(),
		Width: w, Height: h, Scale: scale, Format: c.Format, Title: strings.TrimSpace(c.Title),
		NoTitle: !c.TitleOn, NoLegend: !c.Legend, NoDate: !c.Date, NoSource: !c.Source, Chart: c.Chart, ChartEnd: u.Time.Today()}
	if c.Highlight {
		j.Selected = u.Map.Selected()
	}
	j.User = u.Map.UserLayers()
	return j, nil
}

// ExportDialog is the window's export dialog and the export it starts.
type ExportDialog struct {
	win   fyne.Window
	u     *UI
	prefs fyne.Preferences

	Format    *widget.RadioGroup
	Size      *widget.Select
	Width     *widget.Entry // for SizeCustom, px
	Height    *widget.Entry
	Pixels    *widget.Label // the export's size in pixels and its scale
	TitleOn   *widget.Check
	Title     *widget.Entry
	Legend    *widget.Check
	Date      *widget.Check
	Source    *widget.Check
	Chart     *widget.Check
	Highlight *widget.Check
	Alt       *widget.Label // the alt text of the export as chosen
	Copy      *widget.Button
	dialog    dialog.Dialog
	folder    string

	// Progress shows how far the running export is; ProgressDialog holds it
	// and the Cancel button.
	Progress       *widget.ProgressBar
	ProgressDialog dialog.Dialog

	// OnProgress, if set, is called with the fraction done (0…1) of a
	// running export, on the Fyne UI goroutine.
	OnProgress func(done float64)

	mu     sync.Mutex
	cancel context.CancelFunc // of the running export, or nil
	done   chan error
}

// ShowExportDialog opens the export dialog over win for the map of u, with
// the choices remembered in prefs. Call it on the Fyne UI goroutine.
func ShowExportDialog(win fyne.Window, u *UI, prefs fyne.Preferences) *ExportDialog {
	d := NewExportDialog(win, u, prefs)
	d.dialog.Show()
	return d
}

// NewExportDialog builds the export dialog without showing it.
func NewExportDialog(win fyne.Window, u *UI, prefs fyne.Preferences) *ExportDialog {
	c := LoadExportChoices(prefs)
	d := &ExportDialog{win: win, u: u, prefs: prefs, folder: c.Folder}
	d.Format = widget.NewRadioGroup([]string{"PNG", "SVG"}, nil)
	d.Format.Horizontal = true
	d.Format.Required = true
	d.Format.SetSelected(strings.ToUpper(string(c.Format)))
	d.Size = widget.NewSelect(ExportSizes, nil)
	d.Size.SetSelected(c.Size)
	d.Width, d.Height = widget.NewEntry(), widget.NewEntry()
	d.Pixels = widget.NewLabel("")
	d.Width.SetText(fmt.Sprint(c.Width))
	d.Height.SetText(fmt.Sprint(c.Height))
	d.TitleOn = widget.NewCheck("Title", nil)
	d.TitleOn.SetChecked(c.TitleOn)
	d.Title = widget.NewEntry()
	d.Title.SetText(export.DefaultTitle(u.Map.Date(), u.Map.Layers()))
	d.Legend = widget.NewCheck("Legend", nil)
	d.Legend.SetChecked(c.Legend)
	d.Date = widget.NewCheck("Date", nil)
	d.Date.SetChecked(c.Date)
	d.Source = widget.NewCheck("Source line", nil)
	d.Source.SetChecked(c.Source)
	d.Chart = widget.NewCheck("Membership chart", nil)
	d.Chart.SetChecked(c.Chart)
	d.Highlight = widget.NewCheck("Highlight the selected country", nil)
	d.Highlight.SetChecked(c.Highlight)
	d.Alt = widget.NewLabel("")
	d.Alt.Wrapping = fyne.TextWrapWord
	d.Copy = widget.NewButton("Copy", func() { fyne.CurrentApp().Clipboard().SetContent(d.Alt.Text) })

	update := func() { d.updateAlt() }
	d.Format.OnChanged = func(string) { update() }
	d.Size.OnChanged = func(s string) {
		if s == SizeCustom {
			d.Width.Enable()
			d.Height.Enable()
		} else {
			d.Width.Disable()
			d.Height.Disable()
		}
		update()
	}
	d.Size.OnChanged(d.Size.Selected)
	for _, e := range []*widget.Entry{d.Width, d.Height, d.Title} {
		e.OnChanged = func(string) { update() }
	}
	for _, ch := range []*widget.Check{d.TitleOn, d.Legend, d.Date, d.Source, d.Chart, d.Highlight} {
		ch.OnChanged = func(bool) { update() }
	}
	d.updateAlt()

	altBox := container.NewVScroll(d.Alt)
	altBox.SetMinSize(fyne.NewSize(420, 110))
	form := widget.NewForm(
		widget.NewFormItem("Format", d.Format),
		widget.NewFormItem("Size", container.NewVBox(d.Size, container.NewGridWithColumns(3, d.Width, widget.NewLabel("×"), d.Height), d.Pixels)),
		widget.NewFormItem("Include", container.NewVBox(container.NewBorder(nil, nil, d.TitleOn, nil, d.Title),
			container.NewGridWithColumns(2, d.Legend, d.Date, d.Source, d.Chart), d.Highlight)),
		widget.NewFormItem("Alt text", container.NewBorder(nil, nil, nil, container.NewVBox(d.Copy), altBox)),
	)
	d.dialog = dialog.NewCustomConfirm("Export map", "Export…", "Cancel", form, func(ok bool) {
		if ok {
			d.chooseFile()
		}
	}, win)
	return d
}

// Choices returns the choices the dialog shows now.
func (d *ExportDialog) Choices() ExportChoices {
	c := ExportChoices{Format: export.Format(strings.ToLower(d.Format.Selected)), Size: d.Size.Selected,
		TitleOn: d.TitleOn.Checked, Title: d.Title.Text, Legend: d.Legend.Checked, Date: d.Date.Checked,
		Source: d.Source.Checked, Chart: d.Chart.Checked, Highlight: d.Highlight.Checked, Folder: d.folder}
	if c.Format != export.SVG {
		c.Format = export.PNG
	}
	fmt.Sscan(d.Width.Text, &c.Width)
	fmt.Sscan(d.Height.Text, &c.Height)
	if strings.TrimSpace(c.Title) == export.DefaultTitle(d.u.Map.Date(), d.u.Map.Layers()) {
		c.Title = "" // the default, which a date or layer change then updates
	}
	return c
}

// updateAlt shows the size and the alt text of the export as chosen, or
// why it cannot be made.
func (d *ExportDialog) updateAlt() {
	j, err := d.Choices().Job(d.u)
	d.Pixels.SetText("")
	if err == nil {
		d.Pixels.SetText(fmt.Sprintf("%d × %d px, %g px per dp", j.Width, j.Height, j.Scale))
		var alt string
		if alt, err = export.AltTextOf(j); err == nil {
			d.Alt.SetText(alt)
			return
		}
	}
	d.Alt.SetText(err.Error())
}

// chooseFile saves the choices and opens Fyne's save dialog in the folder
// last exported to, then exports to the file picked.
func (d *ExportDialog) chooseFile() {
	c := d.Choices()
	c.Save(d.prefs)
	j, err := c.Job(d.u)
	if err != nil {
		dialog.ShowError(err, d.win)
		return
	}
	fd := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, d.win)
			return
		}
		if wc == nil {
			return // cancelled
		}
		// The save dialog opened (and created) the file; the export replaces
		// it atomically, or removes it if it is still empty when it fails.
		path := wc.URI().Path()
		wc.Close()
		if dir, err := storage.Parent(wc.URI()); err == nil {
			d.folder = dir.String()
			c.Folder = d.folder
			c.Save(d.prefs)
		}
		d.Start(path, j)
	}, d.win)
	fd.SetFileName(exportFileName(j))
	fd.SetFilter(storage.NewExtensionFileFilter([]string{"." + string(j.Format)}))
	if d.folder != "" {
		if u, err := storage.ParseURI(d.folder); err == nil {
			if l, err := storage.ListerForURI(u); err == nil {
				fd.SetLocation(l)
			}
		}
	}
	fd.Show()
}

// exportFileName is the name the save dialog proposes: "atlas-2023-10-17.png".
func exportFileName(j export.Job) string {
	return "atlas-" + j.Date.Format(icc.DateLayout) + "." + string(j.Format)
}

// Start exports job j to path on another goroutine, showing a progress
// dialog with a Cancel button; when it ends it says where the file went or
// shows the error. It returns at once; Wait returns the export's error.
// Call it on the Fyne UI goroutine.
func (d *ExportDialog) Start(path string, j export.Job) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	d.mu.Lock()
	d.cancel, d.done = cancel, done
	d.mu.Unlock()

	d.Progress = widget.NewProgressBar()
	cancelButton := widget.NewButton("Cancel", d.Cancel)
	d.ProgressDialog = dialog.NewCustomWithoutButtons("Exporting "+filepath.Base(path)+"…",
		container.NewVBox(d.Progress, container.NewCenter(cancelButton)), d.win)
	d.ProgressDialog.Show()
	bar, pd := d.Progress, d.ProgressDialog
	go func() {
		existed := fileHasContent(path)
		err := export.WriteFile(ctx, path, j, func(f float64) {
			fyne.Do(func() {
				bar.SetValue(f)
				if d.OnProgress != nil {
					d.OnProgress(f)
				}
			})
		})
		if err != nil && !existed {
			removeIfEmpty(path)
		}
		fyne.Do(func() {
			pd.Hide()
			switch {
			case errors.Is(err, context.Canceled):
			case err != nil:
				dialog.ShowError(err, d.win)
			default:
				dialog.ShowInformation("Map exported", "Saved to "+path, d.win)
			}
		})
		cancel()
		done <- err
	}()
}

// Cancel stops the running export, which then leaves no file behind. Safe to
// call from any goroutine, and when no export runs.
func (d *ExportDialog) Cancel() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cancel != nil {
		d.cancel()
	}
}

// Wait blocks until the export last started ends and returns its error
// (context.Canceled if it was cancelled). Do not call it on the Fyne UI
// goroutine, which the export's last step needs.
func (d *ExportDialog) Wait() error {
	d.mu.Lock()
	done := d.done
	d.mu.Unlock()
	if done == nil {
		return nil
	}
	err := <-done
	done <- err // for the next Wait
	return err
}

// fileHasContent reports whether path is a file with bytes in it.
func fileHasContent(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Size() > 0
}

// removeIfEmpty removes path if it is an empty file: what the save dialog
// created before an export that failed.
func removeIfEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		os.Remove(path)
	}
}
