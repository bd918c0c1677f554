// Package userlayer is a reader's own GeoJSON file shown as an extra layer of
// the map: loaded with a size guard and strict checks that give a one-line
// reason for anything it cannot draw, projected once per projection, drawn
// by the atlas's renderer (so exports include it) and hit-tested for the
// tooltip. It never imports Fyne.
package userlayer

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// MaxBytes is the largest file Load reads (64 MiB): a layer that size
// already holds millions of positions, and the guard keeps a wrong pick (a
// disc image, a video) from being read into memory.
const MaxBytes = 64 << 20

// The kinds of bad input; the errors Load and Decode return wrap one of
// these, so callers can tell them apart with errors.Is.
var (
	ErrTooLarge    = errors.New("too large")
	ErrBinary      = errors.New("not a text file")
	ErrSyntax      = errors.New("not valid JSON")
	ErrNotGeoJSON  = errors.New("not GeoJSON")
	ErrUnsupported = errors.New("unsupported geometry")
	ErrInvalid     = errors.New("invalid geometry")
	ErrRange       = errors.New("coordinate out of range")
	ErrEmpty       = errors.New("nothing to draw")
)

// Feature is one feature of the file: its geometry split into simple parts
// (a GeometryCollection is flattened into its members) and its properties.
type Feature struct {
	// Parts are the feature's geometries in lon/lat degrees: orb.Point,
	// MultiPoint, LineString, MultiLineString, Polygon or MultiPolygon.
	Parts      []orb.Geometry
	Properties map[string]any
}

// Layer is a loaded file. It is read-only after Load, except for the
// projected geometry it caches (see For), and safe for concurrent use.
type Layer struct {
	Name     string // the file's base name, for the layers control
	Features []Feature
	Bound    orb.Bound // lon/lat bound of every part

	mu        sync.Mutex
	projected map[string]*Projected // latest per projection family
}

// Load reads and decodes the GeoJSON file at path. It checks the size before
// reading anything (and reads at most MaxBytes+1 bytes in case the file
// grows). Every error is one line that starts with the file's name. It may
// be called from any goroutine; it takes as long as the file is large
// (about a second for 64 MiB), so not from the UI's.
func Load(path string) (*Layer, error) {
	name := filepath.Base(path)
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s: is a folder, not a file", name)
	}
	if fi.Size() > MaxBytes {
		return nil, fmt.Errorf("%s: %w: %s, the largest layer that opens is %s", name, ErrTooLarge, formatSize(fi.Size()), formatSize(MaxBytes))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("%s: %w: more than %s, the largest layer that opens", name, ErrTooLarge, formatSize(MaxBytes))
	}
	return Decode(name, data)
}

// unwrapPathError drops the path from an *os.PathError: the message already
// starts with the file's name.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// formatSize writes n bytes as "2.0 GB", "64 MB" (binary multiples).
func formatSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// binarySniff is how many leading bytes are checked for binary content.
const binarySniff = 8 << 10

// Decode decodes GeoJSON data — a FeatureCollection, a Feature or a bare
// geometry — as the layer called name. It rejects, with a one-line error
// that starts with name and wraps one of the Err values: data over
// MaxBytes, binary data (a NUL byte or invalid UTF-8 near the start),
// malformed JSON (with its line and column), JSON that is not GeoJSON, a
// geometry type other than the seven of RFC 7946, a coordinate outside
// ±180° longitude and ±90° latitude, a line of fewer than 2 positions or a
// ring of fewer than 4, and data with no geometry at all. Features with a
// null geometry are skipped.
func Decode(name string, data []byte) (*Layer, error) {
	fail := func(kind error, format string, args ...any) (*Layer, error) {
		msg := kind.Error()
		if format != "" {
			msg += ": " + fmt.Sprintf(format, args...)
		}
		return nil, fmt.Errorf("%s: %w", name, wrapped{kind, msg})
	}
	if len(data) > MaxBytes {
		return fail(ErrTooLarge, "%s, the largest layer that opens is %s", formatSize(int64(len(data))), formatSize(MaxBytes))
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark
	if isBinary(data) {
		return fail(ErrBinary, "it holds binary data (is it GeoJSON saved as text in UTF-8?)")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(ErrEmpty, "the file is empty")
	}
	var top struct {
		Type     string            `json:"type"`
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(data, &top); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := lineColumn(data, se.Offset-1) // Offset is just past the bad byte
			return fail(ErrSyntax, "line %d, column %d: %s", line, col, se.Error())
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return fail(ErrNotGeoJSON, "%s", describe(err, data))
		}
		return fail(ErrNotGeoJSON, "want an object with a \"type\" such as \"FeatureCollection\"")
	}
	l := &Layer{Name: name}
	switch top.Type {
	case "FeatureCollection":
		if len(top.Features) == 0 {
			return fail(ErrEmpty, "the FeatureCollection has no features")
		}
		for i, raw := range top.Features {
			f, err := geojson.UnmarshalFeature(raw)
			if err != nil {
				return fail(kindOf(err), "feature %d: %s", i+1, describe(err, raw))
			}
			if err := l.add(f.Geometry, f.Properties); err != nil {
				return fail(kindOf(err), "feature %d: %s", i+1, err.Error())
			}
		}
	case "Feature":
		f, err := geojson.UnmarshalFeature(data)
		if err != nil {
			return fail(kindOf(err), "%s", describe(err, data))
		}
		if err := l.add(f.Geometry, f.Properties); err != nil {
			return fail(kindOf(err), "%s", err.Error())
		}
	case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection":
		g, err := geojson.UnmarshalGeometry(data)
		if err != nil {
			return fail(kindOf(err), "%s", describe(err, data))
		}
		if err := l.add(g.Geometry(), nil); err != nil {
			return fail(kindOf(err), "%s", err.Error())
		}
	case "":
		return fail(ErrNotGeoJSON, "want an object with a \"type\" such as \"FeatureCollection\"")
	default:
		return fail(ErrUnsupported, "type %q is not one of the GeoJSON types", clip(top.Type))
	}
	if len(l.Features) == 0 {
		return fail(ErrEmpty, "no feature has a geometry")
	}
	l.Bound = l.Features[0].Parts[0].Bound()
	for _, f := range l.Features {
		for _, g := range f.Parts {
			l.Bound = l.Bound.Union(g.Bound())
		}
	}
	return l, nil
}

// wrapped is an error with its own message that still matches kind.
type wrapped struct {
	kind error
	msg  string
}

func (w wrapped) Error() string { return w.msg }
func (w wrapped) Unwrap() error { return w.kind }

// isBinary reports whether the start of data holds a NUL byte or invalid
// UTF-8; a rune cut at the end of the part checked does not count.
func isBinary(data []byte) bool {
	head := data[:min(len(data), binarySniff)]
	if len(head) < len(data) {
		// Drop the last rune, which the cut may have split.
		for i := len(head) - 1; i >= 0 && i >= len(head)-utf8.UTFMax; i-- {
			if utf8.RuneStart(head[i]) {
				head = head[:i]
				break
			}
		}
	}
	return bytes.IndexByte(head, 0) >= 0 || !utf8.Valid(head)
}

// lineColumn is the 1-based line and column (in runes) of the byte at
// offset in data.
func lineColumn(data []byte, offset int64) (line, col int) {
	offset = max(0, min(offset, int64(len(data))))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// kindOf classifies a decoding or checking error.
func kindOf(err error) error {
	for _, k := range []error{ErrUnsupported, ErrInvalid, ErrRange, ErrEmpty} {
		if errors.Is(err, k) {
			return k
		}
	}
	if errors.Is(err, geojson.ErrInvalidGeometry) {
		return ErrUnsupported
	}
	return ErrNotGeoJSON
}

// describe is the error of decoding raw, in words: for a geometry of an
// unknown type, which type.
func describe(err error, raw []byte) string {
	if errors.Is(err, geojson.ErrInvalidGeometry) {
		if t := unknownType(raw); t != "" {
			return fmt.Sprintf("geometry type %q is not one of the GeoJSON types", clip(t))
		}
		return "a geometry has no valid \"type\""
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		where := ""
		if te.Field != "" {
			where = fmt.Sprintf(" in %q", te.Field)
		}
		return fmt.Sprintf("found %s%s where GeoJSON wants %s", te.Value, where, wanted(te.Type.String()))
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	return strings.TrimPrefix(msg, "geojson: ")
}

// wanted names a Go type the decoder wanted in GeoJSON's words.
func wanted(goType string) string {
	switch {
	case goType == "float64":
		return "a number that fits in 64 bits"
	case goType == "orb.Point":
		return "a position [longitude, latitude]"
	case strings.HasPrefix(goType, "orb."):
		return "a list of positions"
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case strings.HasPrefix(goType, "map["):
		return "an object"
	case goType == "string":
		return "a string"
	}
	return goType
}

// unknownType finds the first geometry type in raw (a Feature or a
// geometry) that is not one of GeoJSON's, looking into collections.
func unknownType(raw []byte) string {
	var g struct {
		Type       string            `json:"type"`
		Geometry   json.RawMessage   `json:"geometry"`
		Geometries []json.RawMessage `json:"geometries"`
	}
	if json.Unmarshal(raw, &g) != nil {
		return ""
	}
	switch g.Type {
	case "Feature":
		return unknownType(g.Geometry)
	case "GeometryCollection":
		for _, m := range g.Geometries {
			if t := unknownType(m); t != "" {
				return t
			}
		}
		return ""
	case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon":
		return ""
	}
	return g.Type
}

// clip shortens a string from the file for an error message.
func clip(s string) string {
	const maxRunes = 40
	if utf8.RuneCountInString(s) <= maxRunes {
		return s
	}
	return string([]rune(s)[:maxRunes]) + "…"
}

// add checks geometry g and appends it as a feature with props; a nil
// geometry (a feature with "geometry": null) is skipped.
func (l *Layer) add(g orb.Geometry, props map[string]any) error {
	if g == nil {
		return nil
	}
	var parts []orb.Geometry
	if err := flatten(g, &parts); err != nil {
		return err
	}
	if len(parts) == 0 {
		return nil // an empty collection or multi-geometry: nothing to draw
	}
	l.Features = append(l.Features, Feature{Parts: parts, Properties: props})
	return nil
}

// flatten checks g and appends it to parts unless it is empty; a
// collection's members are appended one by one.
func flatten(g orb.Geometry, parts *[]orb.Geometry) error {
	if c, ok := g.(orb.Collection); ok {
		for _, m := range c {
			if err := flatten(m, parts); err != nil {
				return err
			}
		}
		return nil
	}
	if g.Bound().IsEmpty() {
		// Empty coordinates, which RFC 7946 §3.1 lets a reader take as a
		// null geometry: nothing to check or draw.
		return nil
	}
	var err error
	switch g := g.(type) {
	case orb.Point:
		err = checkPoints(g)
	case orb.MultiPoint:
		err = checkPoints(g...)
	case orb.LineString:
		err = checkLine(g)
	case orb.MultiLineString:
		for _, ls := range g {
			err = cmp.Or(err, checkLine(ls))
		}
	case orb.Polygon:
		err = checkPolygon(g)
	case orb.MultiPolygon:
		for _, p := range g {
			err = cmp.Or(err, checkPolygon(p))
		}
	default:
		return wrapped{ErrUnsupported, "geometry type " + g.GeoJSONType()}
	}
	if err != nil {
		return err
	}
	*parts = append(*parts, g)
	return nil
}

// checkPoints rejects a position that is not finite or off the globe.
func checkPoints(pts ...orb.Point) error {
	for _, p := range pts {
		if !(math.Abs(p[0]) <= 180) || !(math.Abs(p[1]) <= 90) {
			return wrapped{ErrRange, fmt.Sprintf("position [%g, %g] is outside longitude ±180°, latitude ±90° (is it projected, or latitude first?)", p[0], p[1])}
		}
	}
	return nil
}

// checkLine rejects a line of fewer than 2 positions or with a bad one.
func checkLine(ls orb.LineString) error {
	if len(ls) < 2 {
		return wrapped{ErrInvalid, fmt.Sprintf("a line needs at least 2 positions, this one has %d", len(ls))}
	}
	return checkPoints(ls...)
}

// checkPolygon rejects a polygon with no ring, a ring of fewer than 4
// positions (RFC 7946 §3.1.6) or a bad position.
func checkPolygon(p orb.Polygon) error {
	if len(p) == 0 {
		return wrapped{ErrInvalid, "a polygon has no rings"}
	}
	for _, r := range p {
		if len(r) < 4 {
			return wrapped{ErrInvalid, fmt.Sprintf("a polygon ring needs at least 4 positions, this one has %d", len(r))}
		}
		if err := checkPoints(r...); err != nil {
			return err
		}
	}
	return nil
}

// titleKeys are the properties that name a feature, in order of preference
// (compared without case).
var titleKeys = []string{"name", "title", "label"}

// maxTitleProps is how many properties a feature without a name shows in
// its title.
const maxTitleProps = 3

// Title is a one-line description of feature i for its tooltip: its name
// (the name, title or label property), else its first few properties in
// key order ("kind: port, tons: 12"), else "Feature 3 of layer.geojson".
func (l *Layer) Title(i int) string {
	f := &l.Features[i]
	for _, want := range titleKeys {
		for k, v := range f.Properties {
			if strings.EqualFold(k, want) {
				if s := formatValue(v); s != "" {
					return clipLine(s)
				}
			}
		}
	}
	lines := f.PropertyLines()
	if len(lines) > maxTitleProps {
		lines = lines[:maxTitleProps]
	}
	if len(lines) == 0 {
		return fmt.Sprintf("Feature %d of %s", i+1, l.Name)
	}
	return clipLine(strings.Join(lines, ", "))
}

// PropertyLines lists the feature's properties as "key: value", sorted by
// key, for the details panel.
func (f *Feature) PropertyLines() []string {
	keys := make([]string, 0, len(f.Properties))
	for k := range f.Properties {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, k+": "+formatValue(f.Properties[k]))
	}
	return out
}

// formatValue writes a property value for display: strings as they are,
// numbers and booleans plainly, null as "—", lists and objects as compact JSON.
func formatValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "—"
	case string:
		return v
	case float64:
		return fmt.Sprintf("%g", v)
	case bool:
		return fmt.Sprint(v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// clipLine keeps a title to one line of at most 120 runes.
func clipLine(s string) string {
	const maxRunes = 120
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > maxRunes {
		s = string([]rune(s)[:maxRunes-1]) + "…"
	}
	return s
}
