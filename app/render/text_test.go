package render

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"articleatlas/assets"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

var (
	testFontOnce sync.Once
	testFontReg  *Font
	testFontErr  error
)

// testFont is Noto Sans Regular, parsed once and shared (its caches are
// meant to be shared).
func testFont(t testing.TB) *Font {
	t.Helper()
	testFontOnce.Do(func() { testFontReg, testFontErr = NewFont(assets.FontRegular) })
	if testFontErr != nil {
		t.Fatal(testFontErr)
	}
	return testFontReg
}

// freshFont parses ttf anew, with cold caches.
func freshFont(t testing.TB, ttf []byte) *Font {
	t.Helper()
	f, err := NewFont(ttf)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

var (
	textInk  = color.NRGBA{20, 20, 20, 255}
	haloInk  = color.NRGBA{255, 255, 255, 255}
	testBack = color.NRGBA{90, 140, 200, 255}
)

// testNames mixes capitals, ascenders, descenders, accents, kerning pairs and
// glyphs that overhang their advance box (J, j, f).
var testNames = []string{
	"Beijing", "Bishkek", "Jakarta", "Reykjavík", "Łódź", "Ouagadougou",
	"Tōkyō", "AVATAR Yo", "Kraków f", "Åland", "São Tomé", "jj", "Ελλάδα", "Москва",
}

func newRGBA(w, h int, bg color.NRGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	if bg.A != 0 {
		fillRect(img, img.Rect, bg)
	}
	return img
}

// maxDiff is the largest difference of any channel between a and b.
func maxDiff(a, b *image.RGBA) int {
	d := 0
	for i := range a.Pix {
		d = max(d, int(a.Pix[i])-int(b.Pix[i]), int(b.Pix[i])-int(a.Pix[i]))
	}
	return d
}

func TestNewFontError(t *testing.T) {
	for name, ttf := range map[string][]byte{"nil": nil, "junk": []byte("not a font at all, really"), "truncated": assets.FontRegular[:1000]} {
		t.Run(name, func(t *testing.T) {
			f, err := NewFont(ttf)
			if err == nil || f != nil {
				t.Fatalf("NewFont = %v, %v; want an error", f, err)
			}
			if !strings.HasPrefix(err.Error(), "render: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
	for name, ttf := range map[string][]byte{"regular": assets.FontRegular, "bold": assets.FontBold} {
		if _, err := NewFont(ttf); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestFontMeasureLinear(t *testing.T) {
	f := testFont(t)
	for _, s := range testNames {
		a, b := f.Measure(s, 11), f.Measure(s, 22)
		for _, c := range []struct {
			name       string
			got, small float64
		}{{"Width", b.Width, a.Width}, {"Ascent", b.Ascent, a.Ascent}, {"Descent", b.Descent, a.Descent}, {"Left", b.Left, a.Left}, {"Right", b.Right, a.Right}} {
			// Unhinted metrics scale exactly; allow 0.5% as promised.
			if math.Abs(c.got-2*c.small) > 0.005*math.Abs(c.got) {
				t.Errorf("%q: %s at 22 px = %g, want 2 × %g", s, c.name, c.got, c.small)
			}
		}
		if a.Width <= 0 || a.Ascent <= 0 || a.Descent <= 0 || a.Left > 0 || a.Right < a.Width {
			t.Errorf("%q at 11 px: implausible %+v", s, a)
		}
	}
}

// sfntWidth sums advances and kerning for s straight from sfnt, in font
// units, then scales: the reference Measure must agree with.
func sfntWidth(t *testing.T, s string, sizePx float64) float64 {
	t.Helper()
	sf, err := sfnt.Parse(assets.FontRegular)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	ppem := fixed.Int26_6(sf.UnitsPerEm()) // sfnt then returns unscaled font units
	var units fixed.Int26_6
	var prev sfnt.GlyphIndex
	for i, r := range s {
		g, err := sf.GlyphIndex(&buf, r)
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			if k, err := sf.Kern(&buf, prev, g, ppem, font.HintingNone); err == nil {
				units += k
			}
		}
		adv, err := sf.GlyphAdvance(&buf, g, ppem, font.HintingNone)
		if err != nil {
			t.Fatal(err)
		}
		units += adv
		prev = g
	}
	return float64(units) * sizePx / float64(sf.UnitsPerEm())
}

func TestFontMeasureMatchesSfnt(t *testing.T) {
	f := testFont(t)
	for _, s := range append(testNames, "AV", "To", "") {
		want := sfntWidth(t, s, 11)
		if got := f.Measure(s, 11).Width; math.Abs(got-want) > 1e-9 {
			t.Errorf("%q: Width = %g, want %g (sfnt advances + kerning)", s, got, want)
		}
	}
	// Which of two names is wider follows from the font, not from a stored number.
	bj, bk := f.Measure("Beijing", 11).Width, f.Measure("Bishkek", 11).Width
	if (bj > bk) != (sfntWidth(t, "Beijing", 11) > sfntWidth(t, "Bishkek", 11)) {
		t.Errorf("Beijing %g vs Bishkek %g: order differs from sfnt's", bj, bk)
	}
	t.Logf("at 11 px: Beijing %.3f px, Bishkek %.3f px", bj, bk)
}

func TestFontKerning(t *testing.T) {
	f := testFont(t)
	// Noto Sans kerns these pairs (GPOS); kerning only ever tightens them.
	for _, pair := range []string{"AV", "To", "Yo"} {
		sum := f.Measure(pair[:1], 20).Width + f.Measure(pair[1:], 20).Width
		if got := f.Measure(pair, 20).Width; !(got < sum) {
			t.Errorf("%q: Width %g, want less than %g (unkerned)", pair, got, sum)
		}
	}
}

func TestFontMeasureOverhang(t *testing.T) {
	f := testFont(t)
	// A leading J hooks left of the pen; "Bishkek" stays in its advance box.
	if m := f.Measure("Jakarta", 40); !(m.Left < -1) {
		t.Errorf("Jakarta at 40 px: Left = %g, want < -1 (J overhangs)", m.Left)
	}
	if m := f.Measure("Bishkek", 40); m.Left != 0 || m.Right != m.Width {
		t.Errorf("Bishkek at 40 px: Left, Right = %g, %g; want 0, %g", m.Left, m.Right, m.Width)
	}
}

// inkBox is the smallest rectangle holding every pixel of img that differs
// from bg.
func inkBox(img *image.RGBA, bg color.NRGBA) image.Rectangle {
	var r image.Rectangle
	b := img.Rect
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			p := img.Pix[img.PixOffset(x, y):]
			if p[0] != bg.R || p[1] != bg.G || p[2] != bg.B || p[3] != bg.A {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r
}

func TestTextDrawInkInBox(t *testing.T) {
	f := testFont(t)
	for _, size := range []float64{7, 11, 22, 47.3, 150} {
		for _, halo := range []float64{0, 1.5, 4} {
			for _, s := range testNames {
				name := fmt.Sprintf("%s/%gpx/halo%g", s, size, halo)
				m := f.Measure(s, size)
				// An image with a margin of 5 px + halo around the box.
				x, y := 5.3+halo-m.Left, 5.6+halo+m.Ascent
				img := newRGBA(int(x+m.Right+halo)+6, int(y+m.Descent+halo)+6, testBack)
				f.Draw(img, img.Rect, s, x, y, size, textInk, halo, haloInk)
				ink := inkBox(img, testBack)
				if ink.Empty() {
					t.Errorf("%s: no ink", name)
					continue
				}
				// Every inked pixel must touch the measured box grown by
				// halo + 1 px (anti-aliasing, and the snap to a pixel row).
				pad := halo + 1
				if float64(ink.Min.X+1) <= x+m.Left-pad || float64(ink.Max.X-1) >= x+m.Right+pad ||
					float64(ink.Min.Y+1) <= y-m.Ascent-pad || float64(ink.Max.Y-1) >= y+m.Descent+pad {
					t.Errorf("%s: ink %v outside box x [%.2f, %.2f] y [%.2f, %.2f] ± %g",
						name, ink, x+m.Left, x+m.Right, y-m.Ascent, y+m.Descent, pad)
				}
				// The ink spans most of the box across (a loose check that
				// Draw and Measure agree on the advance).
				if float64(ink.Dx()) < 0.8*(m.Right-m.Left) {
					t.Errorf("%s: ink %v narrower than 80%% of %g", name, ink, m.Right-m.Left)
				}
			}
		}
	}
}

func TestTextDrawBands(t *testing.T) {
	f := testFont(t)
	for _, size := range []float64{9, 11, 17.5, 64, 140} {
		for _, halo := range []float64{0, 1.5} {
			img := newRGBA(900, 220, testBack)
			x, y := 10.37, 150.2
			f.Draw(img, img.Rect, "Reykjavík Jakarta Ελλάδα", x, y, size, textInk, halo, haloInk)
			m := f.Measure("Reykjavík Jakarta Ελλάδα", size)
			// Split at rows through the text: cap height, x-height, just
			// above and just below the baseline.
			for _, split := range []int{int(y - m.Ascent/2), int(y - size/3), int(y) - 1, int(y) + 1} {
				bands := newRGBA(900, 220, testBack)
				for _, clip := range []image.Rectangle{image.Rect(0, 0, 900, split), image.Rect(0, split, 900, 220)} {
					f.Draw(bands, clip, "Reykjavík Jakarta Ελλάδα", x, y, size, textInk, halo, haloInk)
				}
				// Masks are the same in every band; text above maskMaxPx goes
				// through the canvas, whose cut edges may round 1/255 apart.
				if d := maxDiff(img, bands); d > 1 {
					t.Errorf("size %g halo %g split at row %d: bands differ from whole by %d", size, halo, split, d)
				}
			}
		}
	}
}

func TestBlendMaskMatchesBlendPixel(t *testing.T) {
	// blendMask's two-lane integer arithmetic must give blendPixel's bytes.
	rng := rand.New(rand.NewPCG(3, 5))
	const n = 4096
	m := &glyphMask{w: n, h: 1, a: make([]uint8, n)}
	for i := range m.a {
		m.a[i] = uint8(rng.IntN(256))
	}
	for _, col := range []color.NRGBA{{200, 30, 90, 255}, {0, 255, 7, 128}, {255, 255, 255, 1}, {9, 8, 7, 0}} {
		got, want := newRGBA(n, 1, color.NRGBA{}), newRGBA(n, 1, color.NRGBA{})
		for i := range got.Pix {
			got.Pix[i] = uint8(rng.IntN(256))
		}
		copy(want.Pix, got.Pix)
		blendMask(got, got.Rect, m, 0, 0, col)
		for i, c := range m.a {
			al := (uint32(c)*uint32(col.A) + 127) / 255
			blendPixel(want.Pix[4*i:4*i+4], col, float32(al)/255)
		}
		if d := maxDiff(got, want); d != 0 {
			t.Errorf("colour %v: blendMask differs from blendPixel by %d", col, d)
		}
	}
}

func TestTextHalo(t *testing.T) {
	f := testFont(t)
	for _, size := range []float64{11, 140} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			// On a transparent image: text in red, halo in blue.
			red, blue := color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 0, 255, 255}
			plain := newRGBA(800, 220, color.NRGBA{})
			f.Draw(plain, plain.Rect, "Bishkek Oslo", 20, 170, size, red, 0, blue)
			haloed := newRGBA(800, 220, color.NRGBA{})
			const halo = 2.0
			f.Draw(haloed, haloed.Rect, "Bishkek Oslo", 20, 170, size, red, halo, blue)
			if n := countPixels(plain, func(p []uint8) bool { return p[2] > 0 }); n != 0 {
				t.Errorf("halo 0: %d halo pixels, want none", n)
			}
			// Halo pixels (mostly blue) appear, each within halo+1 px of
			// the plain text's ink.
			var n int
			for y := 0; y < 220; y++ {
				for x := 0; x < 800; x++ {
					p := haloed.Pix[haloed.PixOffset(x, y):]
					if p[2] < 128 || p[0] > 0 {
						continue
					}
					n++
					if !inkNear(plain, x, y, int(halo)+1) {
						t.Fatalf("halo pixel (%d, %d) is farther than %g px from the text", x, y, halo+1)
					}
				}
			}
			if n == 0 {
				t.Fatalf("halo %g: no halo pixels", halo)
			}
			// The text is drawn over its halo: its solid pixels stay red.
			solid := countPixels(plain, func(p []uint8) bool { return p[3] == 255 })
			kept := 0
			for i := 0; i < len(plain.Pix); i += 4 {
				if plain.Pix[i+3] == 255 && haloed.Pix[i] == 255 && haloed.Pix[i+2] == 0 {
					kept++
				}
			}
			if kept != solid {
				t.Errorf("%d of %d solid text pixels covered by the halo", solid-kept, solid)
			}
		})
	}
}

func countPixels(img *image.RGBA, pred func(p []uint8) bool) int {
	n := 0
	for i := 0; i < len(img.Pix); i += 4 {
		if pred(img.Pix[i : i+4]) {
			n++
		}
	}
	return n
}

// inkNear reports whether img has any non-transparent pixel within r px
// (Chebyshev) of (x, y).
func inkNear(img *image.RGBA, x, y, r int) bool {
	for yy := y - r; yy <= y+r; yy++ {
		for xx := x - r; xx <= x+r; xx++ {
			if (image.Point{xx, yy}).In(img.Rect) && img.Pix[img.PixOffset(xx, yy)+3] > 0 {
				return true
			}
		}
	}
	return false
}

func TestTextNotdefAndInvalid(t *testing.T) {
	f := testFont(t)
	notdef := f.Measure("\U000E0100", 20) // a variation selector Noto Sans lacks
	han := f.Measure("中", 20)
	if notdef.Width <= 0 || han.Width != notdef.Width {
		t.Errorf("missing runes: widths %g and %g, want the .notdef advance (> 0) for both", han.Width, notdef.Width)
	}
	for _, s := range []string{"中", "\xff", "\xe4\xb8", "a\x00b", "\U0010FFFF", strings.Repeat("\xc0", 40)} {
		img := newRGBA(400, 60, testBack)
		f.Draw(img, img.Rect, s, 10, 45, 20, textInk, 1.5, haloInk)
		if inkBox(img, testBack).Empty() {
			t.Errorf("%q drew nothing; want .notdef or U+FFFD boxes", s)
		}
	}
}

func TestTextDrawDegenerate(t *testing.T) {
	f := testFont(t)
	inf, nan := math.Inf(1), math.NaN()
	img := newRGBA(100, 50, testBack)
	for _, c := range []struct {
		x, y, size, halo float64
	}{
		{10, 40, 0, 1}, {10, 40, -5, 1}, {10, 40, nan, 1}, {10, 40, inf, 1}, {10, 40, 1e-9, 1},
		{nan, 40, 11, 1}, {10, nan, 11, 1}, {inf, 40, 11, 1}, {-inf, 40, 11, 1}, {1e300, 1e300, 11, 1},
		{1e12, 40, 11, 1}, {-1e9, 40, 11, 1},
	} {
		f.Draw(img, img.Rect, "Bishkek", c.x, c.y, c.size, textInk, c.halo, haloInk)
	}
	if !inkBox(img, testBack).Empty() {
		t.Errorf("degenerate positions or sizes drew ink")
	}
	// Odd halos and clips and huge sizes draw without panicking.
	for _, halo := range []float64{nan, inf, -1, 1e9, 0.3} {
		f.Draw(img, img.Rect, "Bishkek", 10, 40, 11, textInk, halo, haloInk)
	}
	for _, size := range []float64{1e4, 1e9, 1e30, 1e300} {
		f.Draw(img, img.Rect, "Wj", -3, 40, size, textInk, 1, haloInk)
		if m := f.Measure("Wj", size); !(m.Width > 0) {
			t.Errorf("Measure at %g px: Width %g", size, m.Width)
		}
	}
	f.Draw(img, image.Rect(500, 500, 600, 600), "Bishkek", 10, 40, 11, textInk, 1, haloInk)
	f.Draw(img, image.Rectangle{}, "Bishkek", 10, 40, 11, textInk, 1, haloInk)
	f.Draw(nil, img.Rect, "Bishkek", 10, 40, 11, textInk, 1, haloInk)
	if m := f.Measure("Bishkek", nan); m != (TextMetrics{}) {
		t.Errorf("Measure at NaN px = %+v, want zero", m)
	}
}

// labelScene is n random labels (8–14 letters, capitalised) at random points
// of a w×h image, seeded.
func labelScene(n, w, h int) (labels []string, xs, ys []float64) {
	rng := rand.New(rand.NewPCG(7, 11))
	for range n {
		b := make([]byte, 8+rng.IntN(7))
		for i := range b {
			b[i] = byte('a' + rng.IntN(26))
		}
		b[0] -= 'a' - 'A'
		labels = append(labels, string(b))
		xs = append(xs, rng.Float64()*float64(w-100))
		ys = append(ys, 15+rng.Float64()*float64(h-20))
	}
	return labels, xs, ys
}

func TestTextDrawConcurrent(t *testing.T) {
	labels, xs, ys := labelScene(80, 600, 400)
	sizes := []float64{11, 13.5, 140}
	draw := func(f *Font, img *image.RGBA, clip image.Rectangle) {
		for i, s := range labels {
			size := sizes[i%len(sizes)]
			if size > 100 && i%10 != 0 {
				size = 11
			}
			f.Draw(img, clip, s, xs[i], ys[i], size, textInk, 1.5, haloInk)
			f.Measure(s, size)
		}
	}
	want := newRGBA(600, 400, testBack)
	draw(freshFont(t, assets.FontBold), want, want.Rect)

	// Four goroutines share a cold font and draw four bands of one image.
	f := freshFont(t, assets.FontBold)
	got := newRGBA(600, 400, testBack)
	var wg sync.WaitGroup
	for b := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			draw(f, got, image.Rect(0, b*100, 600, (b+1)*100))
		}()
	}
	wg.Wait()
	if d := maxDiff(want, got); d > 1 {
		t.Errorf("four concurrent bands differ from one whole draw by %d", d)
	}
}

func TestTextDrawAllocs(t *testing.T) {
	f := testFont(t)
	img := newRGBA(640, 360, testBack)
	band := image.Rect(0, 100, 640, 200)
	draw := func() {
		for i, s := range testNames {
			y := 20 + 25*float64(i)
			f.Draw(img, img.Rect, s, 10.3, y, 11, textInk, 1.5, haloInk)
			f.Draw(img, band, s, 300.7, y, 22, textInk, 0, haloInk)
			f.Measure(s, 11)
		}
	}
	draw() // warm the caches
	if n := testing.AllocsPerRun(20, draw); n != 0 {
		t.Errorf("warm Draw and Measure: %g allocs per run, want 0", n)
	}
}

func ExampleFont_Measure() {
	f, err := NewFont(assets.FontRegular)
	if err != nil {
		panic(err)
	}
	for _, size := range []float64{11, 22} {
		m := f.Measure("Bishkek", size)
		fmt.Printf("%g px: width %.2f, ascent %.2f, descent %.2f\n", size, m.Width, m.Ascent, m.Descent)
	}
	// Output:
	// 11 px: width 40.01, ascent 11.76, descent 3.22
	// 22 px: width 80.01, ascent 23.52, descent 6.45
}

// FuzzTextDraw draws any string at 1–200 px: it must not panic, and text
// drawn in two bands must match text drawn whole.
func FuzzTextDraw(f *testing.F) {
	for _, s := range testNames {
		f.Add(s, 11.0, 10.5, 40.0)
	}
	f.Add("\xff\xfe\x00 中文 \U0001F600", 150.0, -30.0, 120.0)
	f.Add("AVAVAV", 1.0, 0.0, 0.0)
	f.Add("", 200.0, math.Inf(1), math.NaN())
	f.Add("Jj", 199.9, -1e18, 1e18)
	font := testFont(f)
	f.Fuzz(func(t *testing.T, s string, size, x, y float64) {
		if !finite(size) {
			size = 11
		}
		size = 1 + math.Mod(math.Abs(size), 199)
		m := font.Measure(s, size)
		if !finite(m.Width) || !(m.Ascent > 0) || m.Left > 0 || m.Right < m.Width {
			t.Fatalf("Measure(%q, %g) = %+v", s, size, m)
		}
		// Anywhere, even NaN or far off: no panic.
		img := newRGBA(256, 256, testBack)
		font.Draw(img, img.Rect, s, x, y, size, textInk, 1.5, haloInk)
		// Wrapped onto the image: bands equal whole.
		wrap := func(v, lo, hi float64) float64 {
			if !finite(v) {
				return lo
			}
			return lo + math.Mod(math.Abs(v), hi-lo)
		}
		x, y = wrap(x, -40, 200), wrap(y, 0, 256)
		whole := newRGBA(256, 256, testBack)
		font.Draw(whole, whole.Rect, s, x, y, size, textInk, 1.5, haloInk)
		split := int(y - size/3)
		bands := newRGBA(256, 256, testBack)
		font.Draw(bands, image.Rect(0, 0, 256, split), s, x, y, size, textInk, 1.5, haloInk)
		font.Draw(bands, image.Rect(0, split, 256, 256), s, x, y, size, textInk, 1.5, haloInk)
		if d := maxDiff(whole, bands); d > 1 {
			t.Fatalf("%q at %g px, (%g, %g), split at %d: bands differ from whole by %d", s, size, x, y, split, d)
		}
	})
}

var labelSink int

// BenchmarkLabels300 draws 300 labels of 8–14 letters at 11 px with a 1.5 px
// halo into a 1920×1080 image, caches warm.
func BenchmarkLabels300(b *testing.B) {
	f := freshFont(b, assets.FontRegular)
	labels, xs, ys := labelScene(300, 1920, 1080)
	img := newRGBA(1920, 1080, testBack)
	draw := func(clip image.Rectangle) {
		for i, s := range labels {
			f.Draw(img, clip, s, xs[i], ys[i], 11, textInk, 1.5, haloInk)
		}
	}
	draw(img.Rect)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		draw(img.Rect)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/300, "ns/label")
	labelSink += int(img.Pix[0])
}

// BenchmarkLabels300Bands4 draws the same labels as four horizontal bands on
// four goroutines, as the renderer does: each band culls the labels and
// glyphs outside it, and all four share the font's caches.
func BenchmarkLabels300Bands4(b *testing.B) {
	f := freshFont(b, assets.FontRegular)
	labels, xs, ys := labelScene(300, 1920, 1080)
	img := newRGBA(1920, 1080, testBack)
	draw := func(clip image.Rectangle) {
		for i, s := range labels {
			f.Draw(img, clip, s, xs[i], ys[i], 11, textInk, 1.5, haloInk)
		}
	}
	draw(img.Rect)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		var wg sync.WaitGroup
		for band := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				draw(image.Rect(0, band*270, 1920, (band+1)*270))
			}()
		}
		wg.Wait()
	}
	labelSink += int(img.Pix[0])
}

// BenchmarkMeasure300 measures the 300 labels, caches warm.
func BenchmarkMeasure300(b *testing.B) {
	f := freshFont(b, assets.FontRegular)
	labels, _, _ := labelScene(300, 1920, 1080)
	var w float64
	for _, s := range labels {
		w += f.Measure(s, 11).Width
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, s := range labels {
			w += f.Measure(s, 11).Width
		}
	}
	labelSink += int(w)
}

// BenchmarkLabels300Cold includes rasterizing every glyph mask: a new font
// per iteration (parsing it is part of the cost).
func BenchmarkLabels300Cold(b *testing.B) {
	labels, xs, ys := labelScene(300, 1920, 1080)
	img := newRGBA(1920, 1080, testBack)
	b.ReportAllocs()
	for range b.N {
		f := freshFont(b, assets.FontRegular)
		for i, s := range labels {
			f.Draw(img, img.Rect, s, xs[i], ys[i], 11, textInk, 1.5, haloInk)
		}
	}
	labelSink += int(img.Pix[0])
}
