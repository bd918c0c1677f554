package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"articleatlas/app/cli"
	"articleatlas/app/export"
)

// cliArgs are the command-line flags that make the export of recipe r.
func cliArgs(r export.Recipe) []string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	args := []string{"--width", strconv.Itoa(r.Width), "--height", strconv.Itoa(r.Height), "--scale", f(r.Scale),
		"--date", r.Date, "--projection", r.Projection, "--layers", r.Layers, "--detail", r.Detail}
	if r.View != nil {
		args = append(args, "--view", f(r.View.Lon)+","+f(r.View.Lat)+","+f(r.View.Zoom))
	}
	if r.Selected != "" {
		args = append(args, "--select", r.Selected)
	}
	if r.NoTitle {
		args = append(args, "--no-title")
	} else {
		args = append(args, "--title", r.Title)
	}
	for flag, on := range map[string]bool{"--no-legend": r.NoLegend, "--no-date": r.NoDate, "--no-source": r.NoSource} {
		if on {
			args = append(args, flag)
		}
	}
	return args
}

func readRecipe(t *testing.T, path string) export.Recipe {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := export.ReadRecipe(f)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestExportDialogSameBytesAsCommandLine exports the window's zoomed view,
// with China selected, from the dialog, then makes the same export with the
// command line's flags: the files are the same, PNG and SVG.
func TestExportDialogSameBytesAsCommandLine(t *testing.T) {
	u, w := newTestUI(t)
	u.Map.Select("CHN")
	u.Map.ZoomBy(1)
	d := NewExportDialog(w, u, fyne.CurrentApp().Preferences())
	d.Size.SetSelected(SizeCustom)
	d.Width.SetText("480")
	d.Height.SetText("300")
	d.Source.SetChecked(false)
	if !strings.Contains(d.Alt.Text, "Highlighted: China (not a party)") || strings.Contains(d.Alt.Text, "Sources:") {
		t.Errorf("the dialog's alt text does not say what the export shows:\n%s", d.Alt.Text)
	}
	dir := t.TempDir()
	for _, format := range []string{"PNG", "SVG"} {
		t.Run(format, func(t *testing.T) {
			d.Format.SetSelected(format)
			j, err := d.Choices().Job(u)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "window."+strings.ToLower(format))
			d.Start(path, j)
			if err := d.Wait(); err != nil {
				t.Fatal(err)
			}
			window, _ := os.ReadFile(path)
			rec := readRecipe(t, path)
			if rec.Selected != "CHN" || rec.View == nil || rec.View.Zoom != u.Map.View().Zoom || !rec.NoSource || rec.Width != 480 {
				t.Errorf("the recipe %+v does not hold the window's choices", rec)
			}
			out := filepath.Join(dir, "cli."+strings.ToLower(format))
			var stderr bytes.Buffer
			if code := cli.Run(append([]string{"export", "--out", out}, cliArgs(rec)...), io.Discard, &stderr); code != 0 {
				t.Fatalf("atlas export %v: exit %d: %s", cliArgs(rec), code, stderr.String())
			}
			if got, _ := os.ReadFile(out); !bytes.Equal(got, window) {
				t.Errorf("the command line wrote %d bytes unlike the window's %d", len(got), len(window))
			}
		})
	}
}

// TestExportDialogCancelLeavesNothing cancels a large export when it reports
// its first progress: the export ends cancelled and the folder stays empty.
func TestExportDialogCancelLeavesNothing(t *testing.T) {
	u, w := newTestUI(t)
	d := NewExportDialog(w, u, fyne.CurrentApp().Preferences())
	d.Size.SetSelected(Size2160)
	d.OnProgress = func(float64) { d.Cancel() }
	j, err := d.Choices().Job(u)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "big.png")
	if err := os.WriteFile(path, nil, 0o644); err != nil { // as the save dialog leaves it
		t.Fatal(err)
	}
	d.Start(path, j)
	if err := d.Wait(); !errors.Is(err, context.Canceled) {
		t.Errorf("export ended with %v, want it cancelled", err)
	}
	if names, _ := os.ReadDir(dir); len(names) != 0 {
		t.Errorf("the folder holds %v after a cancelled export", names)
	}
}

// TestExportDialogFailingFolder exports into a folder that does not exist:
// an error dialog says why.
func TestExportDialogFailingFolder(t *testing.T) {
	u, w := newTestUI(t)
	d := NewExportDialog(w, u, fyne.CurrentApp().Preferences())
	d.Size.SetSelected(Size1x)
	j, err := d.Choices().Job(u)
	if err != nil {
		t.Fatal(err)
	}
	d.Start("/nonexistent-folder/map.png", j)
	if err := d.Wait(); err == nil {
		t.Fatal("export into a missing folder succeeded")
	}
	top := w.Canvas().Overlays().Top()
	if top == nil || !holdsText(top, "/nonexistent-folder does not exist") {
		t.Error("no dialog says that the folder does not exist")
	}
}

// holdsText reports whether a label or rich text under o contains s.
func holdsText(o fyne.CanvasObject, s string) bool {
	switch o := o.(type) {
	case *widget.Label:
		return strings.Contains(o.Text, s)
	case *widget.RichText:
		return strings.Contains(o.String(), s)
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(o).Objects() {
			if holdsText(c, s) {
				return true
			}
		}
	case *fyne.Container:
		for _, c := range o.Objects {
			if holdsText(c, s) {
				return true
			}
		}
	}
	return false
}

// TestExportChoicesRemembered: choices saved are loaded back; unusable
// stored values fall back to the defaults.
func TestExportChoicesRemembered(t *testing.T) {
	test.NewTempApp(t)
	prefs := fyne.CurrentApp().Preferences()
	if got := LoadExportChoices(prefs); got != DefaultExportChoices() {
		t.Errorf("first launch: %+v, want the defaults %+v", got, DefaultExportChoices())
	}
	c := ExportChoices{Format: export.SVG, Size: SizeCustom, Width: 800, Height: 600, TitleOn: false, Legend: true, Chart: true,
		Folder: "file://" + t.TempDir()}
	c.Save(prefs)
	if got := LoadExportChoices(prefs); got != c {
		t.Errorf("loaded %+v, want the saved %+v", got, c)
	}
	prefs.SetString(prefFormat, "tiff")
	prefs.SetString(prefSize, "huge")
	prefs.SetInt(prefWidth, 99999)
	prefs.SetString(prefFolder, "file:///nonexistent-folder")
	got, def := LoadExportChoices(prefs), DefaultExportChoices()
	if got.Format != def.Format || got.Size != def.Size || got.Width != def.Width || got.Folder != "" {
		t.Errorf("bad stored values loaded as %+v, want the defaults' format, size, width and no folder", got)
	}
}
