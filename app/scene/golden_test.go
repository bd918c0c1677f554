package scene

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/")

// Golden tolerance: a pixel differs when any channel is off by more than
// goldenChannelTol, and the image passes while at most goldenMaxDiffFrac of its
// pixels differ. Float rounding differs between CPUs (FMA on arm64), which moves
// anti-aliased edge pixels by a few levels; a real change moves far more.
const (
	goldenChannelTol  = 4
	goldenMaxDiffFrac = 0.005
)

// assertGolden compares img with testdata/name.png. On a mismatch it writes
// testdata/failed/name.png and name.diff.png; with -update it rewrites the
// golden. A missing golden fails under CI and is created otherwise.
func assertGolden(t *testing.T, name string, img *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", name+".png")
	want, err := readPNG(path)
	if *update || (os.IsNotExist(err) && os.Getenv("CI") == "") {
		writePNG(t, path, img)
		t.Logf("wrote golden %s", path)
		return
	}
	if err != nil {
		t.Fatalf("golden %s: %v (run go test -update to create it)", path, err)
	}
	n, diff := compareImages(want, img)
	total := img.Rect.Dx() * img.Rect.Dy()
	if n > int(goldenMaxDiffFrac*float64(total)) {
		writePNG(t, filepath.Join("testdata", "failed", name+".png"), img)
		writePNG(t, filepath.Join("testdata", "failed", name+".diff.png"), diff)
		t.Errorf("%s: %d of %d pixels differ by more than %d (allowed %.1f%%); see testdata/failed/",
			name, n, total, goldenChannelTol, 100*goldenMaxDiffFrac)
	}
}

// compareImages counts pixels that differ by more than goldenChannelTol in any
// channel and paints them red on a faded copy of got.
func compareImages(want image.Image, got *image.RGBA) (int, *image.RGBA) {
	diff := image.NewRGBA(got.Rect)
	if want.Bounds() != got.Rect {
		return got.Rect.Dx() * got.Rect.Dy(), diff
	}
	n := 0
	for y := got.Rect.Min.Y; y < got.Rect.Max.Y; y++ {
		for x := got.Rect.Min.X; x < got.Rect.Max.X; x++ {
			wr, wg, wb, _ := want.At(x, y).RGBA()
			g := got.RGBAAt(x, y)
			if absDiff(wr>>8, g.R) > goldenChannelTol || absDiff(wg>>8, g.G) > goldenChannelTol || absDiff(wb>>8, g.B) > goldenChannelTol {
				n++
				diff.SetRGBA(x, y, color.RGBA{255, 0, 0, 255})
			} else {
				diff.SetRGBA(x, y, color.RGBA{g.R/4 + 191, g.G/4 + 191, g.B/4 + 191, 255})
			}
		}
	}
	return n, diff
}

func absDiff(a uint32, b uint8) uint32 {
	if a > uint32(b) {
		return a - uint32(b)
	}
	return uint32(b) - a
}

func readPNG(path string) (image.Image, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	return img, nil
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
