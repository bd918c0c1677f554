package export

import (
	"bytes"
	"testing"

	"articleatlas/app/render"
	"articleatlas/geo"
)

var sinkInt int

// benchExport is what `atlas export` does after loading: render the scene at
// w×h and encode it as PNG bytes.
func benchExport(b *testing.B, w, h int) {
	world, err := geo.LoadWorldSync()
	if err != nil {
		b.Fatal(err)
	}
	job := Job{World: world, Projection: geo.EqualEarth{}, Date: geo.ArticleDate, Selected: "CHN", Width: w, Height: h}
	Render(job) // project the layers once, as a first export does before timing matters
	var buf bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := render.EncodePNG(&buf, Render(job)); err != nil {
			b.Fatal(err)
		}
		sinkInt += buf.Len()
	}
}

func BenchmarkExportPNG1080(b *testing.B) { benchExport(b, 1920, 1080) }
func BenchmarkExportPNG4K(b *testing.B)   { benchExport(b, 3840, 2160) }
