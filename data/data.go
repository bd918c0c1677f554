// Package data embeds the atlas's data files: Natural Earth country outlines at
// two levels of detail, the Rome Statute membership table and the story's
// places, trips, events and corridors. See README.md
// beside this file for sources and how to rebuild them.
package data

import _ "embed"

// Countries110m is the 1:110m admin-0 GeoJSON FeatureCollection (the world view).
//
//go:embed countries-110m.geojson
var Countries110m []byte

// Countries50m is the 1:50m admin-0 GeoJSON FeatureCollection (zoomed views).
//
//go:embed countries-50m.geojson
var Countries50m []byte

// ICC is the Rome Statute membership table (icc.json).
//
//go:embed icc.json
var ICC []byte

// Story is the article's story as data: places, trips, events, corridors and
// energy links (story.json).
//
//go:embed story.json
var Story []byte

// Gazetteer maps the names the article uses for places, countries, people,
// institutions and events to what the map shows for them (gazetteer.json).
//
//go:embed gazetteer.json
var Gazetteer []byte

// Aliases holds other names of countries (Holland, Ivory Coast, Burma…) and
// their ISO 3166-1 alpha-2 codes, for the search field (aliases.json).
//
//go:embed aliases.json
var Aliases []byte
