package export

import (
	"bytes"
	"reflect"
	"testing"
)

// FuzzReadRecipe feeds ReadRecipe arbitrary files, PNG- and SVG-like: it
// must never panic, and a recipe it accepts must survive a trip through
// Marshal and ParseRecipe unchanged, and be checked by Job without panicking.
func FuzzReadRecipe(f *testing.F) {
	rec := Recipe{App: "Article Atlas " + AppVersion, Format: PNG, Date: "2023-10-17", Projection: "equal-earth", Layers: "icc,putin",
		Width: 64, Height: 32, Scale: 1, Detail: "auto", View: &RecipeView{Lon: 100, Lat: 40, Zoom: 1.5}, Title: "A “title”"}
	var png bytes.Buffer
	png.Write(pngSignature)
	writeChunk(&png, "IHDR", make([]byte, 13))
	writeChunk(&png, "iTXt", iTXt(TextChunk{Keyword: RecipeKeyword, Text: string(rec.Marshal())}))
	writeChunk(&png, "IEND", nil)
	f.Add(png.Bytes())
	f.Add([]byte(`<svg><metadata>` + string(rec.Marshal()) + `</metadata></svg>`))
	f.Add([]byte(`<svg><metadata><![CDATA[{"app":"Article Atlas 1"}]]></metadata></svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadRecipe(bytes.NewReader(data))
		if err != nil {
			return
		}
		back, err := ParseRecipe(r.Marshal())
		if err != nil || !reflect.DeepEqual(back, r) {
			t.Fatalf("recipe %+v came back as %+v (%v)", r, back, err)
		}
		r.Job(nil, nil)
	})
}
