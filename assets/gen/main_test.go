package main

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"os"
	"runtime"
	"testing"
)

// TestIconUpToDate draws the icon and compares it with the committed
// assets/icon.png, so a change to the drawing (or to the renderer under it)
// that is not regenerated shows up. Floating-point results differ slightly
// between CPUs (fused multiply-add on arm64), so channels may differ by 4 on
// up to 0.5% of the pixels, as in the renderer's golden tests.
func TestIconUpToDate(t *testing.T) {
	raw, err := os.ReadFile("../icon.png")
	if err != nil {
		t.Fatal(err)
	}
	src, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	want := image.NewRGBA(src.Bounds())
	draw.Draw(want, want.Rect, src, src.Bounds().Min, draw.Src)
	got, err := drawIcon()
	if err != nil {
		t.Fatal(err)
	}
	if got.Rect != want.Rect {
		t.Fatalf("icon is %v, committed one %v", got.Rect, want.Rect)
	}
	off, worst := 0, 0
	for i := 0; i < len(got.Pix); i += 4 {
		d := 0
		for c := 0; c < 4; c++ {
			d = max(d, absDiff(got.Pix[i+c], want.Pix[i+c]))
		}
		worst = max(worst, d)
		if d > 4 {
			off++
		}
	}
	if pixels := len(got.Pix) / 4; off*200 > pixels {
		t.Errorf("%d of %d pixels differ from assets/icon.png by more than 4 (worst %d); regenerate it with go run ./assets/gen -out assets/icon.png", off, pixels, worst)
	}
}

// TestIconDeterministic draws the icon on one core and on several: the
// renderer cuts a large image into bands, one per goroutine, and the icon
// must not depend on where the cuts fall.
func TestIconDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("draws the icon twice")
	}
	prev := runtime.GOMAXPROCS(1)
	one, err := drawIcon()
	runtime.GOMAXPROCS(max(prev, 4))
	defer runtime.GOMAXPROCS(prev)
	if err != nil {
		t.Fatal(err)
	}
	many, err := drawIcon()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one.Pix, many.Pix) {
		t.Error("the icon drawn on one core differs from the icon drawn on several")
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
