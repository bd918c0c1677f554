package render

import (
	"image/color"
	"testing"
)

// TestBlendExact: the packed blend gives, for every colour channel, alpha
// and destination value, exactly (c·a + d·(255−a) + 127) / 255 — through
// blendPixel for the alphas it blends (1 to 254), and through putBlended
// itself, without blendAlpha's short cuts, for every alpha from 0 to 255:
// at 0 the pixel is left as it is, at 255 it becomes the colour
// (hairSegment relies on this).
func TestBlendExact(t *testing.T) {
	for a := uint32(0); a < 256; a++ {
		for c := 0; c < 256; c += 3 {
			for d := 0; d < 256; d++ {
				col := color.NRGBA{uint8(c), uint8(255 - c), uint8(c / 2), 255}
				under := [4]uint8{uint8(d), uint8(255 - d), uint8(d / 3), uint8(d)}
				want := [4]uint8{}
				for k, ch := range []uint8{col.R, col.G, col.B, 255} {
					want[k] = uint8((uint32(ch)*a + uint32(under[k])*(255-a) + 127) / 255)
				}
				p := under
				srb, sga := premul(col, a)
				putBlended(p[:], srb, sga, 255-a)
				if p != want {
					t.Fatalf("putBlended: alpha %d, colour %v over %d: got %v, want %v", a, col, d, p, want)
				}
				if a == 0 || a == 255 {
					continue
				}
				p = under
				blendPixel(p[:], col, (float32(a)-0.25)/255)
				if p != want {
					t.Fatalf("blendPixel: alpha %d, colour %v over %d: got %v, want %v", a, col, d, p, want)
				}
			}
		}
	}
}
