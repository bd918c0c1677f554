package scene

import (
	"testing"

	"articleatlas/app/render"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// labelsLayer returns the labels layer of the scene for v and its drawing
// context over the whole image.
func labelsLayer(t *testing.T, a *Atlas, v geo.View, px float64) (*render.Labels, *render.DrawContext) {
	t.Helper()
	s := a.Scene(v, px, articleOptions())
	for _, l := range s.Base {
		if lb, ok := l.(*render.Labels); ok {
			dc := render.NewDrawContext(v.Transform(px), px, v.Width*px, v.Height*px, s.Fonts)
			return lb, dc
		}
	}
	t.Fatal("the scene has no labels layer")
	return nil, nil
}

// TestLabelsNeverOverlap: the placed labels' boxes are pairwise disjoint at
// the world view and zoomed in, at scales 1 and 2.
func TestLabelsNeverOverlap(t *testing.T) {
	a := loadAtlas(t)
	for _, c := range []struct {
		name string
		v    geo.View
		px   float64
	}{
		{"world", geo.NewView(geo.EqualEarth{}, 1280, 720), 1},
		{"story region", storyView(1280, 720), 1},
		{"story region hidpi", storyView(1280, 720), 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			lb, dc := labelsLayer(t, a, c.v, c.px)
			boxes := lb.Placed(dc)
			if len(boxes) < 8 {
				t.Fatalf("only %d labels placed", len(boxes))
			}
			for i := range boxes {
				for j := i + 1; j < len(boxes); j++ {
					p, q := boxes[i], boxes[j]
					if p[0] < q[2] && q[0] < p[2] && p[1] < q[3] && q[1] < p[3] {
						t.Errorf("labels %d %v and %d %v overlap", i, p, j, q)
					}
				}
			}
		})
	}
}

// TestLabelsStayWhilePanning: a pan by one pixel moves every label by
// exactly that pixel and changes none of the choices.
func TestLabelsStayWhilePanning(t *testing.T) {
	a := loadAtlas(t)
	v := storyView(1280, 720)
	lb, dc := labelsLayer(t, a, v, 1)
	before := lb.Placed(dc)
	v.PanBy(1, 0)
	lb2, dc2 := labelsLayer(t, a, v, 1)
	after := lb2.Placed(dc2)
	if len(before) != len(after) {
		t.Fatalf("%d labels before the pan, %d after", len(before), len(after))
	}
	for i := range before {
		for k := 0; k < 4; k++ {
			want := before[i][k]
			if k%2 == 0 {
				want++
			}
			if d := after[i][k] - want; d > 1e-3 || d < -1e-3 {
				t.Fatalf("label %d moved from %v to %v, want 1 px right", i, before[i], after[i])
			}
		}
	}
}

// TestMarkerHitsBack: a place drawn at its lon/lat is hit-tested back from
// the same pixel, through the one transform, at several views and scales.
func TestMarkerHitsBack(t *testing.T) {
	a := loadAtlas(t)
	for _, p := range geo.Projections {
		for _, px := range []float64{1, 2} {
			v := storyView(1000, 600)
			v.SetProjection(p)
			tr := v.Transform(px)
			for _, id := range []string{"bishkek", "the-hague", "beijing", "kyiv"} {
				pl := a.Story.Place(id)
				pixel := tr.Apply(geo.Project(p, pl.Point)) // where the marker's centre is drawn
				at := orb.Point{pixel[0] / px, pixel[1] / px}
				if h, _ := a.HitTest(v, px, articleOptions(), at); h != (geo.Hit{Kind: geo.HitPlace, ID: id}) {
					t.Errorf("%s at scale %g: the pixel of %s hit %+v", p.Name(), px, id, h)
				}
			}
		}
	}
}
