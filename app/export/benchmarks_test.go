package export

import (
	"bytes"
	"context"
	"testing"

	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/app/scene"
	"articleatlas/geo"
)

var sinkInt int

// loadAtlas is what `atlas export` does first: both levels of outlines
// decoded from the embedded data, then the scene built on them.
func loadAtlas(b *testing.B) (*geo.World, *scene.Atlas) {
	world, err := geo.LoadWorldSync()
	if err != nil {
		b.Fatal(err)
	}
	atlas, err := scene.New(world)
	if err != nil {
		b.Fatal(err)
	}
	return world, atlas
}

// benchExport is what `atlas export` does after loading: render the scene at
// w×h and encode it as PNG bytes.
func benchExport(b *testing.B, w, h int) {
	world, atlas := loadAtlas(b)
	job := Job{World: world, Atlas: atlas, Projection: geo.EqualEarth{}, Date: icc.ArticleDate, Selected: "CHN", Width: w, Height: h}
	if _, err := Render(job); err != nil { // project the layers once, as a first export does before timing matters
		b.Fatal(err)
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		img, err := Render(job)
		if err != nil {
			b.Fatal(err)
		}
		if err := render.EncodePNG(&buf, img); err != nil {
			b.Fatal(err)
		}
		sinkInt += buf.Len()
	}
}

func BenchmarkExportPNG1080(b *testing.B) { benchExport(b, 1920, 1080) }
func BenchmarkExportPNG4K(b *testing.B)   { benchExport(b, 3840, 2160) }

// benchCompose is what `atlas export` does after loading, with the frame:
// compose the story's export (all layers, title, legend, date, source) at
// w×h and write it to memory in format f.
func benchCompose(b *testing.B, f Format, w, h int, scale float64) {
	j := storyJob(b, f, w, h, scale)
	j.View = nil // the whole world, as the anchor scene shows it
	var buf bytes.Buffer
	write := func() {
		buf.Reset()
		s, err := Compose(j)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Write(context.Background(), &buf, nil); err != nil {
			b.Fatal(err)
		}
	}
	write() // project the layers once, as a first export does before timing matters
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		write()
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

func BenchmarkComposePNG1080(b *testing.B) { benchCompose(b, PNG, 1920, 1080, 1) }
func BenchmarkComposePNG4K(b *testing.B)   { benchCompose(b, PNG, 3840, 2160, 2) }
func BenchmarkComposeSVG1080(b *testing.B) { benchCompose(b, SVG, 1920, 1080, 1) }

// BenchmarkExportFromStart4K is all of `atlas export --out map.png --width 3840
// --height 2160 --scale 2` but starting the process: the embedded outlines
// decoded (both levels, as the command line loads them), the scene built,
// the 1:50m layer projected, the story drawn with title, legend, date and
// source, and the PNG encoded to memory.
func BenchmarkExportFromStart4K(b *testing.B) {
	var buf bytes.Buffer
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		world, atlas := loadAtlas(b)
		s, err := Compose(Job{World: world, Atlas: atlas, Projection: geo.EqualEarth{}, Date: icc.ArticleDate,
			Layers: scene.AllLayers, Width: 3840, Height: 2160, Scale: 2, Format: PNG})
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := s.Write(context.Background(), &buf, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}
