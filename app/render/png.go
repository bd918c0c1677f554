// PNG output for rendered maps: a small encoder tuned for flat-coloured maps.
package render

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"image"
	"io"
	"runtime"
	"sync"
)

// pngChunkRows is the number of image rows compressed as one independent piece
// of the deflate stream. It depends on nothing but the image, so the same
// image always gives the same bytes, on any number of cores.
const pngChunkRows = 64

// EncodePNG writes img as a truecolour PNG (RGB when every pixel is opaque,
// which a rendered map is, else RGBA). Rows are filtered with the Sub filter,
// which turns runs of one colour into zeros, and compressed in pieces of
// pngChunkRows rows on all cores at the fastest deflate level; the pieces are
// joined with sync flushes into one valid zlib stream. Output is deterministic.
func EncodePNG(w io.Writer, img *image.RGBA) error {
	b := img.Rect
	width, height := b.Dx(), b.Dy()
	opaque := img.Opaque()
	bpp := 4
	colorType := byte(6)
	if opaque {
		bpp, colorType = 3, 2
	}
	rowLen := 1 + width*bpp

	chunks := (height + pngChunkRows - 1) / pngChunkRows
	out := make([][]byte, chunks)
	sums := make([]uint32, chunks)
	lens := make([]int, chunks)
	var next sync.Mutex
	k := 0
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), chunks)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			raw := make([]byte, 0, pngChunkRows*rowLen)
			var buf bytes.Buffer
			fw, _ := flate.NewWriter(&buf, flate.BestSpeed)
			for {
				next.Lock()
				c := k
				k++
				next.Unlock()
				if c >= chunks {
					return
				}
				y0, y1 := c*pngChunkRows, min(height, (c+1)*pngChunkRows)
				raw = raw[:0]
				for y := y0; y < y1; y++ {
					off := img.PixOffset(b.Min.X, b.Min.Y+y)
					raw = appendSubFiltered(raw, img.Pix[off:off+4*width], bpp)
				}
				buf.Reset()
				fw.Reset(&buf)
				fw.Write(raw)
				if c == chunks-1 {
					fw.Close()
				} else {
					fw.Flush() // byte-aligned, not final: the next piece continues the stream
				}
				out[c] = bytes.Clone(buf.Bytes())
				sums[c] = adler32.Checksum(raw)
				lens[c] = len(raw)
			}
		}()
	}
	wg.Wait()

	adler := uint32(1)
	for c := range chunks {
		adler = adler32Combine(adler, sums[c], lens[c])
	}
	var hdr [13]byte
	binary.BigEndian.PutUint32(hdr[0:], uint32(width))
	binary.BigEndian.PutUint32(hdr[4:], uint32(height))
	hdr[8], hdr[9] = 8, colorType // bit depth, colour type; compression, filter, interlace are 0

	pw := &pngWriter{w: w}
	pw.write([]byte("\x89PNG\r\n\x1a\n"))
	pw.chunk("IHDR", hdr[:])
	// IDAT: zlib header (deflate, 32K window, fastest), the pieces, Adler-32.
	idat := []byte{0x78, 0x01}
	for _, o := range out {
		idat = append(idat, o...)
	}
	idat = binary.BigEndian.AppendUint32(idat, adler)
	pw.chunk("IDAT", idat)
	pw.chunk("IEND", nil)
	return pw.err
}

// appendSubFiltered appends one row of premultiplied RGBA as filter type 1
// (Sub): each byte minus the byte of the pixel to its left. With bpp 3 alpha is
// dropped (the image is opaque); with bpp 4 colours are un-premultiplied, as
// PNG stores them.
func appendSubFiltered(dst, row []byte, bpp int) []byte {
	dst = append(dst, 1)
	var pr, pg, pb, pa byte
	for i := 0; i+3 < len(row); i += 4 {
		r, g, b, a := row[i], row[i+1], row[i+2], row[i+3]
		if bpp == 4 && a != 255 {
			if a == 0 {
				r, g, b = 0, 0, 0
			} else {
				r = byte((uint32(r)*255 + uint32(a)/2) / uint32(a))
				g = byte((uint32(g)*255 + uint32(a)/2) / uint32(a))
				b = byte((uint32(b)*255 + uint32(a)/2) / uint32(a))
			}
		}
		if bpp == 3 {
			dst = append(dst, r-pr, g-pg, b-pb)
		} else {
			dst = append(dst, r-pr, g-pg, b-pb, a-pa)
		}
		pr, pg, pb, pa = r, g, b, a
	}
	return dst
}

// adler32Combine is the Adler-32 of two byte strings joined, from their
// checksums and the second one's length (zlib's adler32_combine).
func adler32Combine(a1, a2 uint32, len2 int) uint32 {
	const base = 65521
	rem := uint32(len2 % base)
	sum1 := a1 & 0xffff
	sum2 := rem * sum1 % base
	sum1 += (a2 & 0xffff) + base - 1
	sum2 += (a1 >> 16) + (a2 >> 16) + base - rem
	if sum1 >= base {
		sum1 -= base
	}
	if sum1 >= base {
		sum1 -= base
	}
	if sum2 >= 2*base {
		sum2 -= 2 * base
	}
	if sum2 >= base {
		sum2 -= base
	}
	return sum1 | sum2<<16
}

// pngWriter writes PNG chunks, keeping the first error.
type pngWriter struct {
	w   io.Writer
	err error
}

func (p *pngWriter) write(b []byte) {
	if p.err == nil {
		_, p.err = p.w.Write(b)
	}
}

func (p *pngWriter) chunk(name string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	p.write(n[:])
	p.write([]byte(name))
	p.write(data)
	crc := crc32.NewIEEE()
	crc.Write([]byte(name))
	crc.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	p.write(n[:])
}
