package main

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/paulmach/orb"
)

// feature is one output country.
type feature struct {
	ISOA3    string        // ISO 3166-1 alpha-3, or one of the nameOverrides codes
	ISON3    string        // ISO 3166-1 numeric from the TopoJSON id, "" when absent
	Name     string        // name as world-atlas gives it
	Polygons []orb.Polygon // cleaned, oriented, in degrees within [-180, 180]
}

// encodeFeatureCollection writes features as a GeoJSON FeatureCollection with
// one feature per line, in the order given. Coordinates (degrees) are written
// in the shortest form that round-trips, so 12.5 stays "12.5"; callers round
// them beforehand. A feature with one polygon gets a Polygon geometry, with
// more a MultiPolygon. The output depends only on the input.
func encodeFeatureCollection(features []feature) []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, f := range features {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n{\"type\":\"Feature\",\"id\":")
		writeString(&b, f.ISOA3)
		b.WriteString(`,"properties":{"iso_a3":`)
		writeString(&b, f.ISOA3)
		b.WriteString(`,"iso_n3":`)
		writeString(&b, f.ISON3)
		b.WriteString(`,"name":`)
		writeString(&b, f.Name)
		b.WriteString(`},"geometry":{"type":`)
		if len(f.Polygons) == 1 {
			b.WriteString(`"Polygon","coordinates":`)
			writePolygon(&b, f.Polygons[0])
		} else {
			b.WriteString(`"MultiPolygon","coordinates":[`)
			for j, p := range f.Polygons {
				if j > 0 {
					b.WriteByte(',')
				}
				writePolygon(&b, p)
			}
			b.WriteByte(']')
		}
		b.WriteString("}}")
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}

// writeString writes s as a JSON string.
func writeString(b *bytes.Buffer, s string) {
	enc, _ := json.Marshal(s) // marshalling a string cannot fail
	b.Write(enc)
}

// writePolygon writes p as a JSON array of rings of [lon,lat] positions.
func writePolygon(b *bytes.Buffer, p orb.Polygon) {
	b.WriteByte('[')
	for i, r := range p {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		for j, q := range r {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('[')
			b.Write(strconv.AppendFloat(nil, q[0], 'f', -1, 64))
			b.WriteByte(',')
			b.Write(strconv.AppendFloat(nil, q[1], 'f', -1, 64))
			b.WriteByte(']')
		}
		b.WriteByte(']')
	}
	b.WriteByte(']')
}
