// Command gen turns the Natural Earth country outlines of the npm package
// world-atlas@2.0.2 (TopoJSON) into the GeoJSON files the app embeds:
//
//	npm pack world-atlas@2.0.2 && go run ./data/gen -tgz world-atlas-2.0.2.tgz -out data
//
// It reads package/countries-110m.json and package/countries-50m.json from
// the tarball and writes countries-110m.geojson and countries-50m.geojson to
// the -out directory. See data/README.md for what it changes.
package main

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// scales are the world-atlas resolutions that are shipped. 1:10m is left
// out: 545k vertices and 15+ MB of GeoJSON.
var scales = []string{"110m", "50m"}

func main() {
	tgz := flag.String("tgz", "world-atlas-2.0.2.tgz", "world-atlas tarball made by `npm pack world-atlas@2.0.2`")
	out := flag.String("out", "data", "directory to write countries-*.geojson to")
	flag.Parse()
	if err := run(*tgz, *out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run reads the tarball at tgz and writes one GeoJSON file per scale to the
// directory outDir.
func run(tgz, outDir string) error {
	want := map[string]bool{"package/package.json": true}
	for _, s := range scales {
		want["package/countries-"+s+".json"] = true
	}
	files, err := readTarGz(tgz, want)
	if err != nil {
		return err
	}
	var pkg struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	if err := json.Unmarshal(files["package/package.json"], &pkg); err != nil {
		return fmt.Errorf("gen: %s: package.json: %w", tgz, err)
	}
	fmt.Fprintf(os.Stderr, "%s: %s@%s\n", tgz, pkg.Name, pkg.Version)
	if pkg.Name != "world-atlas" || pkg.Version != "2.0.2" {
		fmt.Fprintf(os.Stderr, "warning: expected world-atlas@2.0.2; the code table was checked against that version only\n")
	}

	codesByScale := make(map[string]map[string]string) // scale -> name -> code
	for _, s := range scales {
		countries, err := decodeCountries(files["package/countries-"+s+".json"], "countries")
		if err != nil {
			return fmt.Errorf("gen: countries-%s.json: %w", s, err)
		}
		features, err := buildFeatures(countries)
		if err != nil {
			return fmt.Errorf("gen: countries-%s.json: %w", s, err)
		}
		codes := make(map[string]string, len(features))
		for _, f := range features {
			codes[f.Name] = f.ISOA3
		}
		codesByScale[s] = codes

		data := encodeFeatureCollection(features)
		path := filepath.Join(outDir, "countries-"+s+".geojson")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return fmt.Errorf("gen: write %s: %w", path, err)
		}
		polys, verts := 0, 0
		for _, f := range features {
			polys += len(f.Polygons)
			for _, p := range f.Polygons {
				for _, r := range p {
					verts += len(r)
				}
			}
		}
		fmt.Fprintf(os.Stderr, "%s: %d features, %d polygons, %d vertices, %d bytes\n",
			path, len(features), polys, verts, len(data))
	}
	for i := 1; i < len(scales); i++ {
		if err := checkSameCodes(scales[0], codesByScale[scales[0]], scales[i], codesByScale[scales[i]]); err != nil {
			return err
		}
	}
	return nil
}

// buildFeatures gives every country its code, cuts its polygons at the
// antimeridian, cleans and checks them, and returns the features sorted by
// code. It fails on an unknown id, a duplicate code or an invalid polygon.
// countries is not modified.
func buildFeatures(countries []country) ([]feature, error) {
	seen := make(map[string]string) // code -> name
	features := make([]feature, 0, len(countries))
	for _, c := range countries {
		code, err := alpha3For(c.ID, c.Name)
		if err != nil {
			return nil, err
		}
		if other, ok := seen[code]; ok {
			return nil, fmt.Errorf("code %s given to both %q and %q", code, other, c.Name)
		}
		seen[code] = c.Name

		f := feature{ISOA3: code, ISON3: c.ID, Name: c.Name}
		for pi, p := range c.Polygons {
			pieces, err := cutPolygon(p)
			if err != nil {
				return nil, fmt.Errorf("%s (%s) polygon %d: %w", code, c.Name, pi, err)
			}
			for _, piece := range pieces {
				clean, ok := cleanPolygon(piece)
				if !ok {
					continue
				}
				if err := validatePolygon(clean); err != nil {
					return nil, fmt.Errorf("%s (%s) polygon %d: %w", code, c.Name, pi, err)
				}
				f.Polygons = append(f.Polygons, clean)
			}
		}
		if len(f.Polygons) == 0 {
			return nil, fmt.Errorf("%s (%s) has no polygons left", code, c.Name)
		}
		features = append(features, f)
	}
	sort.Slice(features, func(i, j int) bool { return features[i].ISOA3 < features[j].ISOA3 })
	return features, nil
}

// readTarGz returns the contents of the entries of the gzipped tarball at
// path whose names are in want. It fails if any of them is missing.
func readTarGz(path string, want map[string]bool) (map[string][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gen: open tarball: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("gen: %s: %w", path, err)
	}
	defer zr.Close()
	tr := tar.NewReader(zr)
	files := make(map[string][]byte)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("gen: %s: %w", path, err)
		}
		if !want[h.Name] {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("gen: %s: read %s: %w", path, h.Name, err)
		}
		files[h.Name] = data
	}
	names := make([]string, 0, len(want))
	for name := range want {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, ok := files[name]; !ok {
			return nil, fmt.Errorf("gen: %s has no %s", path, name)
		}
	}
	return files, nil
}
