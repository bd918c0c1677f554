package render

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand"
	"testing"
)

// TestEncodePNGRoundTrip decodes our PNGs with the standard library and
// compares every pixel, for opaque (RGB) and translucent (RGBA) images whose
// heights do and do not fill the last compressed piece.
func TestEncodePNGRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for _, c := range []struct {
		name   string
		w, h   int
		opaque bool
	}{
		{"1x1", 1, 1, true},
		{"odd opaque", 37, 130, true},
		{"exact pieces", 64, 2 * pngChunkRows, true},
		{"translucent", 50, 70, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			img := image.NewRGBA(image.Rect(0, 0, c.w, c.h))
			for y := 0; y < c.h; y++ {
				for x := 0; x < c.w; x++ {
					v := byte(rng.Intn(4) * 60) // runs and changes, like a map
					a := byte(255)
					if !c.opaque {
						a = byte(rng.Intn(256))
					}
					img.Set(x, y, color.NRGBA{v, 255 - v, byte(rng.Intn(256)), a})
				}
			}
			var buf bytes.Buffer
			if err := EncodePNG(&buf, img); err != nil {
				t.Fatal(err)
			}
			got, err := png.Decode(&buf)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			for y := 0; y < c.h; y++ {
				for x := 0; x < c.w; x++ {
					want := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
					g := color.NRGBAModel.Convert(got.At(x, y)).(color.NRGBA)
					// Un-premultiplying in 8 bits may round one level off the
					// 16-bit conversion of the standard library.
					if !nearN(g, want, 1) {
						t.Fatalf("pixel (%d,%d) = %v, want %v", x, y, g, want)
					}
				}
			}
		})
	}
}

// TestEncodePNGDeterministic: the same image gives the same bytes.
func TestEncodePNGDeterministic(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	var c canvas
	c.setTarget(img, img.Rect)
	c.addPoly(pt{10, 20}, pt{390, 60}, pt{200, 290})
	c.fill(color.NRGBA{0x5b, 0x9b, 0xd5, 0xff})
	c.stroke([]pt{{0, 0}, {400, 300}}, 0.7, color.NRGBA{0x33, 0x33, 0x33, 0xdd})
	var a, b bytes.Buffer
	if err := EncodePNG(&a, img); err != nil {
		t.Fatal(err)
	}
	if err := EncodePNG(&b, img); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two encodings of one image differ")
	}
}

// nearN reports whether a and b differ by at most tol per colour channel and
// not at all in alpha.
func nearN(a, b color.NRGBA, tol int) bool {
	d := func(x, y uint8) int { return max(int(x)-int(y), int(y)-int(x)) }
	return d(a.R, b.R) <= tol && d(a.G, b.G) <= tol && d(a.B, b.B) <= tol && a.A == b.A
}
