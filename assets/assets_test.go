package assets

import (
	"bytes"
	"image/png"
	"testing"
)

func TestIcon(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon))
	if err != nil {
		t.Fatalf("decoding icon: %v", err)
	}
	b := img.Bounds()
	if b.Dx() != 1024 || b.Dy() != 1024 {
		t.Fatalf("icon is %dx%d, want 1024x1024", b.Dx(), b.Dy())
	}
	alpha := func(x, y int) uint32 {
		_, _, _, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
		return a
	}
	for _, c := range [][2]int{{0, 0}, {1023, 0}, {0, 1023}, {1023, 1023}} {
		if a := alpha(c[0], c[1]); a != 0 {
			t.Errorf("corner (%d,%d) alpha = %d, want 0 (rounded tile)", c[0], c[1], a)
		}
	}
	if a := alpha(512, 512); a != 0xffff {
		t.Errorf("centre alpha = %d, want fully opaque", a)
	}
}
