// PNG text chunks: the alt text and the recipe an export carries, written
// as iTXt chunks right after IHDR and read back by a replay.
package export

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
)

// TextChunk is a PNG iTXt chunk's keyword (1–79 Latin-1 characters) and
// UTF-8 text, stored uncompressed with no language tag.
type TextChunk struct {
	Keyword, Text string
}

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// pngHeadLen is the length of a PNG's signature and IHDR chunk, which every
// PNG starts with: 8 + (4 length + 4 type + 13 data + 4 CRC).
const pngHeadLen = 8 + 25

// withPNGText returns a writer that passes a PNG through to w, inserting
// chunks after its IHDR chunk. The PNG must start with the signature and
// IHDR, as every PNG does.
func withPNGText(w io.Writer, chunks []TextChunk) io.Writer {
	return &pngTextWriter{w: w, chunks: chunks}
}

type pngTextWriter struct {
	w      io.Writer
	chunks []TextChunk
	seen   int // bytes passed through before the chunks were written
	done   bool
}

func (p *pngTextWriter) Write(b []byte) (int, error) {
	if p.done {
		return p.w.Write(b)
	}
	n := min(len(b), pngHeadLen-p.seen)
	if _, err := p.w.Write(b[:n]); err != nil {
		return 0, err
	}
	p.seen += n
	if p.seen < pngHeadLen {
		return n, nil
	}
	p.done = true
	var buf bytes.Buffer
	for _, c := range p.chunks {
		writeChunk(&buf, "iTXt", iTXt(c))
	}
	if _, err := p.w.Write(buf.Bytes()); err != nil {
		return n, err
	}
	m, err := p.w.Write(b[n:])
	return n + m, err
}

// iTXt is the data of an uncompressed iTXt chunk: keyword, NUL, compression
// flag and method (0, 0), empty language tag and translated keyword (each
// NUL-terminated), then the text.
func iTXt(c TextChunk) []byte {
	b := append([]byte(c.Keyword), 0, 0, 0, 0, 0)
	return append(b, c.Text...)
}

// writeChunk writes one PNG chunk: length, type, data and CRC of type and data.
func writeChunk(w *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	w.WriteString(typ)
	w.Write(data)
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}

// maxTextChunk bounds the text chunks read: a recipe is a few hundred bytes.
const maxTextChunk = 1 << 20

// ReadPNGText returns the text of the PNG's tEXt and uncompressed iTXt
// chunks, by keyword (the first of each keyword wins). It reads chunks up to
// IEND, skipping image data, and fails on a file that is not a PNG or whose
// chunks are cut short or fail their CRC.
func ReadPNGText(r io.Reader) (map[string]string, error) {
	head := make([]byte, 8)
	if _, err := io.ReadFull(r, head); err != nil || !bytes.Equal(head, pngSignature) {
		return nil, errors.New("not a PNG file")
	}
	out := map[string]string{}
	for {
		var h [8]byte
		if _, err := io.ReadFull(r, h[:]); err != nil {
			return nil, errors.New("the PNG file is cut short")
		}
		n := binary.BigEndian.Uint32(h[:4])
		typ := string(h[4:8])
		if typ == "IEND" {
			return out, nil
		}
		if typ != "tEXt" && typ != "iTXt" {
			if _, err := io.CopyN(io.Discard, r, int64(n)+4); err != nil {
				return nil, errors.New("the PNG file is cut short")
			}
			continue
		}
		if n > maxTextChunk {
			return nil, fmt.Errorf("the PNG's %s chunk is too large (%d bytes)", typ, n)
		}
		data := make([]byte, n+4)
		if _, err := io.ReadFull(r, data); err != nil {
			return nil, errors.New("the PNG file is cut short")
		}
		crc := crc32.NewIEEE()
		crc.Write(h[4:8])
		crc.Write(data[:n])
		if crc.Sum32() != binary.BigEndian.Uint32(data[n:]) {
			return nil, fmt.Errorf("the PNG's %s chunk is corrupt (bad CRC)", typ)
		}
		key, text, ok := parseTextChunk(typ, data[:n])
		if _, seen := out[key]; ok && !seen {
			out[key] = text
		}
	}
}

// parseTextChunk splits a tEXt or iTXt chunk's data into keyword and text;
// ok is false for a compressed iTXt chunk or malformed data.
func parseTextChunk(typ string, data []byte) (key, text string, ok bool) {
	k, rest, found := bytes.Cut(data, []byte{0})
	if !found || len(k) == 0 {
		return "", "", false
	}
	if typ == "tEXt" {
		runes := make([]rune, len(rest)) // Latin-1: each byte is the code point
		for i, c := range rest {
			runes[i] = rune(c)
		}
		return string(k), string(runes), true
	}
	if len(rest) < 2 || rest[0] != 0 {
		return "", "", false
	}
	rest = rest[2:]
	for range 2 { // language tag, translated keyword
		if _, rest, found = bytes.Cut(rest, []byte{0}); !found {
			return "", "", false
		}
	}
	return string(k), string(rest), true
}
