// Package geo holds the atlas's geography, free of any UI toolkit:
//
//   - the country outlines of Natural Earth at two levels of detail, decoded
//     once from the embedded GeoJSON (Countries, World, Level);
//   - map projections from lon/lat degrees to a plane and back — Equal Earth
//     (the default), equirectangular, Web Mercator and an orthographic globe
//     whose far side is clipped away (Projection, Projections,
//     ProjectionByName, Orthographic);
//   - countries projected once per projection and level, with their shared
//     borders marked and a spatial index for hit-testing (Layer);
//   - which countries share a border, and the neighbour of a country in a
//     compass direction, for moving a selection with the arrow keys
//     (Countries.Neighbours, Countries.Toward);
//   - the visible part of the map and its mapping to screen pixels (View,
//     Transform);
//   - great circles, bowed arcs and cutting lines at the ±180° meridian
//     (GreatCircle, BowedArc, SplitAntimeridian);
//   - hit-testing of the story's marks and the countries under a point
//     (Marks, View.HitTestMarks).
//
// Angles are in degrees unless a name says otherwise; projected coordinates
// are those of a unit sphere; screen coordinates are in dp with y down.
package geo
