// A fast decoder for the country outlines embedded in the binary.

package geo

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// decodeGenerated decodes a FeatureCollection in the shape data/gen writes
// (see data/README.md): the objects hold only the members the generator
// writes, each at most once, and a geometry's "type" comes before its
// "coordinates". It gives exactly what DecodeCountries gives for such input,
// with the same checks, 10 to 20 times faster (1:50m in about 10 ms of CPU
// against 200 ms or more): it scans the bytes once, without reflection, and
// reads numbers straight from them. Anything outside that shape is an error
// naming the byte offset; it never panics.
//
// Any goroutine may call it; the result keeps no reference to data.
func decodeGenerated(data []byte) (*Countries, error) {
	if len(data) > MaxGeoJSONBytes {
		return nil, fmt.Errorf("geo: GeoJSON is %d bytes, more than the %d allowed", len(data), MaxGeoJSONBytes)
	}
	s := &outlineScanner{data: data}
	cs := &Countries{index: map[string]int{}}
	typed := false
	err := s.object(func(key string) error {
		switch key {
		case "type":
			typed = true
			return s.wantString("FeatureCollection")
		case "features":
			return s.array(func() error {
				i := len(cs.List)
				c, err := s.feature()
				if err != nil {
					return err
				}
				if _, dup := cs.index[c.ISO3]; dup {
					return fmt.Errorf("geo: feature %d: duplicate iso_a3 %q", i, c.ISO3)
				}
				if err := checkShape(c.Shape); err != nil {
					return fmt.Errorf("geo: feature %d (%s): %w", i, c.ISO3, err)
				}
				cs.index[c.ISO3] = i
				cs.List = append(cs.List, c)
				return nil
			})
		}
		return s.errorf("unexpected member %q of the FeatureCollection", key)
	})
	if err == nil && !typed {
		err = s.errorf("the FeatureCollection has no type")
	}
	if err == nil {
		err = s.end()
	}
	if err != nil {
		return nil, err
	}
	sort.Slice(cs.List, func(i, j int) bool { return cs.List[i].ISO3 < cs.List[j].ISO3 })
	for i, c := range cs.List {
		cs.index[c.ISO3] = i
	}
	return cs, nil
}

// outlineScanner reads JSON values from data, pos being the next byte to read.
type outlineScanner struct {
	data []byte
	pos  int
	ring []orb.Point // scratch space for the ring being read
}

// errorf is a decoding error at the current offset.
func (s *outlineScanner) errorf(format string, args ...any) error {
	return fmt.Errorf("geo: GeoJSON at byte %d: %s", s.pos, fmt.Sprintf(format, args...))
}

// skipSpace moves past JSON whitespace.
func (s *outlineScanner) skipSpace() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// next skips whitespace and returns the next byte without consuming it, or 0
// at the end of the data.
func (s *outlineScanner) next() byte {
	s.skipSpace()
	if s.pos < len(s.data) {
		return s.data[s.pos]
	}
	return 0
}

// expect consumes byte c after optional whitespace.
func (s *outlineScanner) expect(c byte) error {
	if s.next() != c {
		return s.errorf("want %q", c)
	}
	s.pos++
	return nil
}

// end checks that only whitespace is left.
func (s *outlineScanner) end() error {
	if s.next() != 0 || s.pos != len(s.data) {
		return s.errorf("unexpected data after the FeatureCollection")
	}
	return nil
}

// object reads a JSON object, calling member for each key with the scanner at
// its value; member must consume the value. A key given twice is an error.
func (s *outlineScanner) object(member func(key string) error) error {
	if err := s.expect('{'); err != nil {
		return err
	}
	if s.next() == '}' {
		s.pos++
		return nil
	}
	var seen []string
	for {
		key, err := s.str()
		if err != nil {
			return err
		}
		for _, k := range seen {
			if k == key {
				return s.errorf("member %q given twice", key)
			}
		}
		seen = append(seen, key)
		if err := s.expect(':'); err != nil {
			return err
		}
		if err := member(key); err != nil {
			return err
		}
		if done, err := s.separator('}'); done || err != nil {
			return err
		}
	}
}

// array reads a JSON array, calling elem with the scanner at each element;
// elem must consume it.
func (s *outlineScanner) array(elem func() error) error {
	if err := s.expect('['); err != nil {
		return err
	}
	if s.next() == ']' {
		s.pos++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		if done, err := s.separator(']'); done || err != nil {
			return err
		}
	}
}

// separator consumes the ',' or the closing byte after a member or element,
// and reports whether it was the closing one.
func (s *outlineScanner) separator(closing byte) (done bool, err error) {
	switch s.next() {
	case ',':
		s.pos++
		return false, nil
	case closing:
		s.pos++
		return true, nil
	}
	return false, s.errorf("want ',' or %q", closing)
}

// str reads a JSON string. Strings with escapes or bytes that are not UTF-8
// are decoded by encoding/json, so they come out as DecodeCountries has them.
func (s *outlineScanner) str() (string, error) {
	if err := s.expect('"'); err != nil {
		return "", err
	}
	start := s.pos
	plain := true
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		switch {
		case c == '"':
			raw := s.data[start:s.pos]
			s.pos++
			if plain && utf8.Valid(raw) {
				return string(raw), nil
			}
			var v string
			if err := json.Unmarshal(s.data[start-1:s.pos], &v); err != nil {
				return "", s.errorf("bad string: %v", err)
			}
			return v, nil
		case c == '\\':
			plain = false
			s.pos += 2 // the escaped byte cannot end the string
		case c < 0x20:
			return "", s.errorf("control character in a string")
		default:
			s.pos++
		}
	}
	return "", s.errorf("unterminated string")
}

// wantString reads a string that must equal want.
func (s *outlineScanner) wantString(want string) error {
	got, err := s.str()
	if err != nil {
		return err
	}
	if got != want {
		return s.errorf("type is %q, want %q", got, want)
	}
	return nil
}

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// number reads a JSON number as float64, exactly as strconv.ParseFloat (and
// so encoding/json) reads it. A number of at most 15 digits without an
// exponent, which is every number data/gen writes, is its digits divided by
// an exact power of ten: one correctly rounded division, so the same float64
// ParseFloat gives. Others go to ParseFloat.
func (s *outlineScanner) number() (float64, error) {
	s.skipSpace()
	start := s.pos
	d := s.data
	i := s.pos
	neg := i < len(d) && d[i] == '-'
	if neg {
		i++
	}
	var mantissa uint64
	digits, fracDigits := 0, 0
	intStart := i
	for i < len(d) && d[i] >= '0' && d[i] <= '9' {
		mantissa = mantissa*10 + uint64(d[i]-'0')
		digits++
		i++
	}
	if i == intStart || (d[intStart] == '0' && i-intStart > 1) {
		s.pos = start
		return 0, s.errorf("want a number")
	}
	if i < len(d) && d[i] == '.' {
		i++
		fracStart := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			mantissa = mantissa*10 + uint64(d[i]-'0')
			i++
		}
		fracDigits = i - fracStart
		digits += fracDigits
		if fracDigits == 0 {
			s.pos = start
			return 0, s.errorf("want digits after '.'")
		}
	}
	exponent := false
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		exponent = true
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		expStart := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		if i == expStart {
			s.pos = start
			return 0, s.errorf("want digits in the exponent")
		}
	}
	s.pos = i
	if !exponent && digits <= 15 {
		f := float64(mantissa) / pow10[fracDigits]
		if neg {
			f = -f
		}
		return f, nil
	}
	f, err := strconv.ParseFloat(string(d[start:i]), 64)
	if err != nil {
		s.pos = start
		return 0, s.errorf("bad number: %v", err)
	}
	return f, nil
}

// feature reads one Feature into a Country (Shape and Bound set, not checked).
func (s *outlineScanner) feature() (Country, error) {
	var c Country
	var shape orb.MultiPolygon
	var typed, hasGeometry bool
	err := s.object(func(key string) error {
		switch key {
		case "type":
			typed = true
			return s.wantString("Feature")
		case "id":
			_, err := s.str()
			return err
		case "properties":
			return s.object(func(key string) error {
				v, err := s.str()
				switch key {
				case "iso_a3":
					c.ISO3 = v
				case "iso_n3":
					c.ISON3 = v
				case "name":
					c.Name = v
				}
				return err
			})
		case "geometry":
			hasGeometry = true
			var err error
			shape, err = s.geometry()
			return err
		}
		return s.errorf("unexpected member %q of a Feature", key)
	})
	if err != nil {
		return c, err
	}
	if !typed {
		return c, s.errorf("feature has no type")
	}
	if c.ISO3 == "" {
		return c, s.errorf("feature has no iso_a3 property")
	}
	if !hasGeometry {
		return c, s.errorf("feature %s has no geometry", c.ISO3)
	}
	if c.Name == "" {
		c.Name = c.ISO3
	}
	c.Shape = shape
	c.Bound = shape.Bound()
	return c, nil
}

// geometry reads a Polygon or MultiPolygon geometry as a MultiPolygon.
func (s *outlineScanner) geometry() (orb.MultiPolygon, error) {
	var kind string
	var mp orb.MultiPolygon
	var hasCoordinates bool
	err := s.object(func(key string) error {
		switch key {
		case "type":
			var err error
			if kind, err = s.str(); err != nil {
				return err
			}
			if kind != "Polygon" && kind != "MultiPolygon" {
				return s.errorf("geometry must be Polygon or MultiPolygon, got %q", kind)
			}
			return nil
		case "coordinates":
			hasCoordinates = true
			switch kind {
			case "Polygon":
				p, err := s.polygon()
				mp = orb.MultiPolygon{p}
				return err
			case "MultiPolygon":
				mp = orb.MultiPolygon{}
				return s.array(func() error {
					p, err := s.polygon()
					mp = append(mp, p)
					return err
				})
			}
			return s.errorf("geometry has coordinates before its type")
		}
		return s.errorf("unexpected member %q of a geometry", key)
	})
	if err == nil && !hasCoordinates {
		err = s.errorf("geometry has no coordinates")
	}
	return mp, err
}

// polygon reads an array of rings.
func (s *outlineScanner) polygon() (orb.Polygon, error) {
	p := orb.Polygon{}
	err := s.array(func() error {
		r, err := s.ringPoints()
		p = append(p, r)
		return err
	})
	return p, err
}

// ringPoints reads an array of [lon,lat] positions into a ring of its own.
func (s *outlineScanner) ringPoints() (orb.Ring, error) {
	s.ring = s.ring[:0]
	err := s.array(func() error {
		if err := s.expect('['); err != nil {
			return err
		}
		lon, err := s.number()
		if err != nil {
			return err
		}
		if err := s.expect(','); err != nil {
			return err
		}
		lat, err := s.number()
		if err != nil {
			return err
		}
		s.ring = append(s.ring, orb.Point{lon, lat})
		return s.expect(']')
	})
	return append(orb.Ring{}, s.ring...), err
}
