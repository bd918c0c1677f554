package render

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// coverageSum draws with a white-on-black canvas and returns the summed
// coverage (in pixels) of the red channel.
func coverageSum(w, h int, draw func(c *canvas)) (float64, *image.RGBA) {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fillRect(img, img.Rect, color.NRGBA{0, 0, 0, 255})
	var c canvas
	c.setTarget(img, img.Rect)
	draw(&c)
	sum := 0.0
	for i := 0; i < len(img.Pix); i += 4 {
		sum += float64(img.Pix[i]) / 255
	}
	return sum, img
}

var white, black = color.NRGBA{255, 255, 255, 255}, color.NRGBA{0, 0, 0, 255}

// TestFillAreaIsExact: anti-aliased coverage adds up to the polygon's area,
// for shapes inside, across and outside the image's edges.
func TestFillAreaIsExact(t *testing.T) {
	cases := []struct {
		name string
		ring []pt
		want float64
	}{
		{"square on the grid", []pt{{2, 2}, {12, 2}, {12, 12}, {2, 12}}, 100},
		{"square off the grid", []pt{{2.25, 2.5}, {12.75, 2.5}, {12.75, 12.25}, {2.25, 12.25}}, 10.5 * 9.75},
		{"triangle", []pt{{1, 1}, {31, 3}, {9, 29}}, 0.5 * math.Abs((31-1)*(29-1)-(9-1)*(3-1))},
		{"cut by the left edge", []pt{{-10, 5}, {10, 5}, {10, 15}, {-10, 15}}, 100},
		{"cut by the right and bottom edges", []pt{{28, 28}, {50, 28}, {50, 50}, {28, 50}}, 16},
		{"entirely outside", []pt{{-40, -40}, {-20, -40}, {-20, -20}}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, _ := coverageSum(32, 32, func(cv *canvas) {
				cv.addRing(c.ring)
				cv.fill(white)
			})
			// Each pixel is rounded to 1/255: allow that much per edge pixel.
			if math.Abs(got-c.want) > 0.5+0.004*4*32 {
				t.Errorf("coverage %.2f, want %.2f", got, c.want)
			}
		})
	}
}

// TestFillHoleAndWinding: a hole wound the other way is cut out; rings wound
// the same way overlap without doubling.
func TestFillHoleAndWinding(t *testing.T) {
	outer := []pt{{2, 2}, {30, 2}, {30, 30}, {2, 30}}
	hole := []pt{{10, 10}, {10, 20}, {20, 20}, {20, 10}}
	got, _ := coverageSum(32, 32, func(c *canvas) {
		c.addRing(outer)
		c.addRing(hole)
		c.fill(white)
	})
	if math.Abs(got-(28*28-100)) > 1 {
		t.Errorf("with a hole: coverage %.1f, want %d", got, 28*28-100)
	}
	same := []pt{{10, 10}, {20, 10}, {20, 20}, {10, 20}}
	got, _ = coverageSum(32, 32, func(c *canvas) {
		c.addRing(outer)
		c.addRing(same)
		c.fill(white)
	})
	if math.Abs(got-28*28) > 1 {
		t.Errorf("overlapping rings: coverage %.1f, want %d", got, 28*28)
	}
}

// TestHairlineInk: a hairline leaves width × length of ink at any angle,
// and a polyline's shared vertices are not inked twice.
func TestHairlineInk(t *testing.T) {
	for _, deg := range []float64{0, 10, 30, 45, 60, 89, 90, 135} {
		t.Run(fmt.Sprintf("%v°", deg), func(t *testing.T) {
			r := 40.0
			a := pt{50, 50}
			b := pt{float32(50 + r*math.Cos(deg*math.Pi/180)), float32(50 + r*math.Sin(deg*math.Pi/180))}
			mid := pt{(a.x + b.x) / 2, (a.y + b.y) / 2}
			got, _ := coverageSum(100, 100, func(c *canvas) { c.stroke([]pt{a, mid, b}, 0.5, white) })
			if want := 0.5 * r; math.Abs(got-want) > 0.05*want {
				t.Errorf("ink %.2f, want %.2f", got, want)
			}
		})
	}
}

// TestHairlineSplitsColumns: along a shallow hairline every whole column
// gets the band's crossing, split between the pixels it overlaps as their
// overlap with it — worked out here straight from the band's edges — in
// the whole image and in bands of 1 to 4 rows, where the band may lie
// across a band's edge or leave it.
func TestHairlineSplitsColumns(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 300; i++ {
		ay := 2 + rng.Float64()*36
		by := ay + (rng.Float64()*2-1)*30 // at most 45°
		by = max(1, min(39, by))
		w := 0.3 + rng.Float64()*0.95
		a, b := pt{3, float32(ay)}, pt{37, float32(by)}
		slope := float64(b.y-a.y) / float64(b.x-a.x)
		ht := w * math.Sqrt(1+slope*slope) / 2
		for _, rows := range []int{40, 1, 2, 3, 4} {
			img := image.NewRGBA(image.Rect(0, 0, 40, 40))
			fillRect(img, img.Rect, black)
			var c canvas
			for y := 0; y < 40; y += rows {
				c.setTarget(img, image.Rect(0, y, 40, y+rows))
				c.stroke([]pt{a, b}, float32(w), white)
			}
			for x := 4; x < 37; x++ {
				yc := float64(a.y) + (float64(x)+0.5-float64(a.x))*slope
				for y := 0; y < 40; y++ {
					want := max(0, min(yc+ht, float64(y+1))-max(yc-ht, float64(y))) * 255
					if got := float64(img.RGBAAt(x, y).R); math.Abs(got-want) > 1 {
						t.Fatalf("line %v→%v, width %.3f, bands of %d rows: pixel (%d, %d) %v, want %.1f", a, b, w, rows, x, y, got, want)
					}
				}
			}
		}
	}
}

// TestHairlineAnyOrigin: a hairline drawn into an image whose rectangle
// starts at negative coordinates, shifted with it, gives the same bytes as
// in an image at (0, 0): pixel rows and columns left of or above zero are
// found by floor, not by truncation towards zero.
func TestHairlineAnyOrigin(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 200; i++ {
		line := make([]pt, 6)
		for k := range line {
			// In 1/256 px, so that the shift by 64 below is exact.
			line[k] = pt{float32(rng.IntN(120*256))/256 - 10, float32(rng.IntN(120*256))/256 - 10}
		}
		w := float32(0.3 + rng.Float64()*0.95) // hairlines only (≤ hairlineMax)
		draw := func(r image.Rectangle, shift float32) *image.RGBA {
			img := image.NewRGBA(r)
			fillRect(img, img.Rect, black)
			var c canvas
			c.setTarget(img, img.Rect)
			moved := make([]pt, len(line))
			for k, p := range line {
				moved[k] = pt{p.x - shift, p.y - shift}
			}
			c.stroke(moved, w, color.NRGBA{250, 200, 100, 180})
			return img
		}
		want := draw(image.Rect(0, 0, 100, 100), 0)
		got := draw(image.Rect(-64, -64, 36, 36), 64)
		if !slices.Equal(got.Pix, want.Pix) {
			t.Fatalf("line %v, width %v: the image at (−64, −64) differs from the one at (0, 0)", line, w)
		}
	}
}

// Example output: a triangle filled into a 12×8 canvas, as ASCII art
// ('#' covered, '+' more than half, '.' some, ' ' none).
func TestASCIITriangle(t *testing.T) {
	_, img := coverageSum(12, 8, func(c *canvas) {
		c.addRing([]pt{{1, 1}, {11, 1}, {1, 7}})
		c.fill(white)
	})
	var sb strings.Builder
	for y := 0; y < 8; y++ {
		for x := 0; x < 12; x++ {
			switch v := img.Pix[img.PixOffset(x, y)]; {
			case v == 255:
				sb.WriteByte('#')
			case v > 127:
				sb.WriteByte('+')
			case v > 0:
				sb.WriteByte('.')
			default:
				sb.WriteByte(' ')
			}
		}
		sb.WriteByte('\n')
	}
	// Row 1 spans x 1…11 at the top, the hypotenuse reaching x ≈ 9.3 at its
	// bottom: pixels 1–8 are full, 9 mostly and 10 slightly covered.
	want := "" +
		"            \n" +
		" ########+. \n" +
		" ######++.  \n" +
		" #####+.    \n" +
		" ###+.      \n" +
		" #++.       \n" +
		" +.         \n" +
		"            \n"
	if sb.String() != want {
		t.Errorf("got\n%s\nwant\n%s", sb.String(), want)
	}
}

// TestRowSums: rows of any length, as wide as any image, are summed per
// pixel in order of x, adding the cells of one pixel in the order they were
// added — so that the bytes do not depend on which way a row was summed —
// by the sort of short rows and the dense row of long ones alike; the dense
// row is left clear for the next.
func TestRowSums(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var dense rowSums
	for _, width := range []int32{3, 64, 1920, 2880, 3841, 16384} {
		for _, n := range []int{1, 2, 5, shortRow, shortRow + 1, 200, 3000} {
			for range 3 {
				cs := make([]cell, n)
				for i := range cs {
					cs[i] = cell{x: rng.Int32N(width + 1), cover: rng.Float32()*2 - 1, area: rng.Float32()*2 - 1}
				}
				// The sums in the order added, by hand.
				sums := map[int32]*pixelCell{}
				for _, cl := range cs {
					p := sums[cl.x]
					if p == nil {
						p = &pixelCell{x: cl.x}
						sums[cl.x] = p
					}
					p.cover += float64(cl.cover)
					p.area += float64(cl.area)
				}
				var want []pixelCell
				for _, p := range sums {
					want = append(want, *p)
				}
				slices.SortFunc(want, func(a, b pixelCell) int { return int(a.x - b.x) })
				if got := dense.sum(slices.Clone(cs), int(width), nil); !slices.Equal(got, want) {
					t.Fatalf("width %d, %d cells: the dense row's sums differ", width, n)
				}
				if n <= 48 {
					if got := sortedSums(slices.Clone(cs), nil); !slices.Equal(got, want) {
						t.Fatalf("width %d, %d cells: the sorted sums differ", width, n)
					}
				}
			}
		}
	}
}

// TestRepeatPixel: a run of every length from 0 to 300 pixels ends up all
// its first pixel's colour, and the byte after the run is left alone.
func TestRepeatPixel(t *testing.T) {
	for n := 0; n <= 300; n++ {
		buf := make([]uint8, 4*n+4)
		for i := range buf {
			buf[i] = 0xee
		}
		if n > 0 {
			copy(buf, []uint8{1, 2, 3, 255})
		}
		repeatPixel(buf[:4*n])
		for i := 0; i < 4*n; i++ {
			if want := []uint8{1, 2, 3, 255}[i%4]; buf[i] != want {
				t.Fatalf("run of %d: byte %d is %d, want %d", n, i, buf[i], want)
			}
		}
		if buf[4*n] != 0xee {
			t.Fatalf("run of %d: the byte after it changed", n)
		}
	}
}

// TestManyEdgesInOnePixel piles thousands of random triangles on two pixels
// of a row (over a square that covers them): past them the row's running
// sum of covers must come back to zero, not leave a faint wash of rounding
// along the rest of the row (as float32 sums did where a view meets the
// world's corner and every border ends on the same pixel).
func TestManyEdgesInOnePixel(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	at := func(x0, x1 float32) float32 { return x0 + (x1-x0)*rng.Float32() }
	_, img := coverageSum(64, 1, func(c *canvas) {
		c.addPoly(pt{10, -1}, pt{12, -1}, pt{12, 2}, pt{10, 2}) // covers both pixels once
		for range 5000 {
			a, b, d := pt{at(10, 12), -5}, pt{at(10, 12), at(-1, 1)}, pt{at(10, 12), at(0, 1)}
			if (b.x-a.x)*(d.y-a.y)-(b.y-a.y)*(d.x-a.x) < 0 {
				b, d = d, b // all wound the same way: the winding sum climbs into the thousands
			}
			c.addPoly(a, b, d)
		}
		c.fill(white)
	})
	for x := 0; x < 64; x++ {
		v := img.Pix[img.PixOffset(x, 0)]
		if under := x == 10 || x == 11; under && v != 255 {
			t.Errorf("pixel %d, under the triangles, is %d, want 255", x, v)
		} else if !under && v != 0 {
			t.Errorf("pixel %d, beside the triangles, is %d, want 0", x, v)
		}
	}
}
