package export

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"testing"

	"articleatlas/app/icc"
	"articleatlas/geo"
)

// TestFailedWriteLeavesOldFile: a write that fails halfway keeps the file that
// was there and leaves no temporary behind.
func TestFailedWriteLeavesOldFile(t *testing.T) {
	bothTempKinds(t, func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "map.png")
		writeOld(t, path, 0o644)
		err := WriteFileAtomic(path, func(w io.Writer) error {
			w.Write(bytes.Repeat([]byte("partial"), 1<<20)) // past the buffer, so bytes reach the temporary file
			return errors.New("disk full")
		})
		if want := "export: " + path + ": disk full"; err == nil || err.Error() != want {
			t.Fatalf("got error %v, want %q", err, want)
		}
		assertOnlyOld(t, dir)
	})
}

// TestPanickingWriteLeavesOldFile: a write callback that panics leaves no
// temporary file either (the deferred abort runs).
func TestPanickingWriteLeavesOldFile(t *testing.T) {
	bothTempKinds(t, func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "map.png")
		writeOld(t, path, 0o644)
		func() {
			defer func() { recover() }()
			WriteFileAtomic(path, func(w io.Writer) error { panic("boom") })
		}()
		assertOnlyOld(t, dir)
		if handlerInstalled() {
			t.Error("signal handler still installed after the panic")
		}
	})
}

func TestWriteReplacesFile(t *testing.T) {
	bothTempKinds(t, func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "out.png")
		for _, s := range []string{"one", "two"} {
			if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, s); return err }); err != nil {
				t.Fatal(err)
			}
			if b, _ := os.ReadFile(path); string(b) != s {
				t.Errorf("file holds %q, want %q", b, s)
			}
			if names := dirNames(t, dir); len(names) != 1 {
				t.Errorf("folder holds %q, want only out.png", names)
			}
		}
	})
}

// TestWritePNGFileChecksBeforeRendering: a path that cannot be written fails
// before anything is rendered.
func TestWritePNGFileChecksBeforeRendering(t *testing.T) {
	defer func(f func(context.Context, io.Writer, Job, func(float64)) error) { writeSnapshot = f }(writeSnapshot)
	rendered := false
	writeSnapshot = func(context.Context, io.Writer, Job, func(float64)) error { rendered = true; return nil }

	dir := t.TempDir()
	err := WritePNGFile(dir, Job{Width: 8, Height: 8})
	if want := "export: " + dir + " is a folder, not a file"; err == nil || err.Error() != want {
		t.Errorf("got error %v, want %q", err, want)
	}
	if rendered {
		t.Error("the image was rendered before the path was checked")
	}
}

// TestWritePNGFile writes a small real map (1:110m outlines, the quickest to
// load) and reads it back.
func TestWritePNGFile(t *testing.T) {
	world, err := geo.LoadWorld()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "map.png")
	coarse := geo.Coarse
	job := Job{World: world, Projection: geo.EqualEarth{}, Date: icc.ArticleDate, Width: 64, Height: 32, Level: &coarse}
	if err := WritePNGFile(path, job); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 64 || b.Dy() != 32 {
		t.Errorf("image is %v, want 64×32", b)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("folder holds %q, want only map.png", names)
	}
}
