// World: the embedded data, decoded once, with projected layers built on demand.

package geo

import (
	"fmt"
	"sync"

	"articleatlas/data"
)

// Level is a level of detail of the country outlines.
type Level int

// The levels of detail, coarsest first.
const (
	Coarse Level = iota // Natural Earth 1:110m, for the whole world
	Fine                // Natural Earth 1:50m, for zoomed views and large exports
)

// String names the level by its Natural Earth scale.
func (l Level) String() string {
	if l == Fine {
		return "1:50m"
	}
	return "1:110m"
}

// fineAbovePx is the on-screen width of the world (device pixels) above which
// the 1:50m outlines are drawn: 1:110m vertices are then more than ~2 px apart.
const fineAbovePx = 2200

// World holds the decoded country sets and their projected layers. Its
// methods are safe for concurrent use.
type World struct {
	levels [2]*Countries

	mu     sync.Mutex
	layers map[layerKey]*Layer
	fine   chan struct{} // closed once levels[Fine] is set (or failed)
	err    error
}

// layerKey is where a layer is cached: per level and projection family (see
// ProjectionFamily), so a turning globe keeps only its latest centre's layers.
type layerKey struct {
	family string
	level  Level
}

// LoadWorld decodes the 1:110m outlines, which is all the first frame needs,
// while 1:50m is decoded on another goroutine (about 10 ms of CPU; FineReady
// tells when it is done). Both come from the embedded files, read by
// decodeGenerated.
func LoadWorld() (*World, error) {
	w := newWorld()
	go w.decodeFine()
	if err := w.decodeCoarse(); err != nil {
		return nil, err
	}
	return w, nil
}

// loadCoarse is a world with only the 1:110m outlines, which is what the
// first frame needs; its 1:50m outlines never load.
func loadCoarse() (*World, error) {
	w := newWorld()
	if err := w.decodeCoarse(); err != nil {
		return nil, err
	}
	return w, nil
}

// newWorld is a world with no outlines yet.
func newWorld() *World {
	return &World{layers: map[layerKey]*Layer{}, fine: make(chan struct{})}
}

// decodeCoarse sets the 1:110m outlines. It runs before the world is shared,
// so it takes no lock (decodeFine writes only levels[Fine]).
func (w *World) decodeCoarse() error {
	coarse, err := decodeGenerated(data.Countries110m)
	if err != nil {
		return fmt.Errorf("geo: countries-110m.geojson: %w", err)
	}
	w.levels[Coarse] = coarse
	return nil
}

// decodeFine sets the 1:50m outlines, or the error, and closes w.fine; it
// runs on its own goroutine.
func (w *World) decodeFine() {
	fine, err := decodeGenerated(data.Countries50m)
	w.mu.Lock()
	if err != nil {
		w.err = fmt.Errorf("geo: countries-50m.geojson: %w", err)
	} else {
		w.levels[Fine] = fine
	}
	w.mu.Unlock()
	close(w.fine)
}

// LoadWorldSync is LoadWorld that also waits for the 1:50m outlines; for the
// command line and tests, which want every level at once.
func LoadWorldSync() (*World, error) {
	w, err := LoadWorld()
	if err != nil {
		return nil, err
	}
	<-w.fine
	return w, w.err
}

// FineReady returns a channel closed when the 1:50m outlines are decoded.
func (w *World) FineReady() <-chan struct{} { return w.fine }

// Countries returns the country set at a level, falling back to 1:110m while
// 1:50m is still loading.
func (w *World) Countries(l Level) (*Countries, Level) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.levels[l] == nil {
		return w.levels[Coarse], Coarse
	}
	return w.levels[l], l
}

// Layer returns the projected layer for p at level l (or the coarse one while the
// fine one loads), building it on first use. Building does not hold the lock,
// so other callers are not kept waiting; if two build the same layer at once,
// the first one stored wins. One layer per level is kept for all globes, the
// latest centre's: a globe turned by a drag builds its layer anew (1:110m takes
// a few milliseconds) and memory does not grow with the drag.
func (w *World) Layer(p Projection, l Level) *Layer {
	cs, l := w.Countries(l)
	name := p.Name()
	key := layerKey{ProjectionFamily(name), l}
	w.mu.Lock()
	ly, ok := w.layers[key]
	w.mu.Unlock()
	if ok && ly.Proj.Name() == name {
		return ly
	}
	built := NewLayer(cs, p)
	w.mu.Lock()
	defer w.mu.Unlock()
	if ly, ok := w.layers[key]; ok && ly.Proj.Name() == name {
		return ly
	}
	w.layers[key] = built
	return built
}

// LevelFor picks the level of detail for drawing view v at pxPerDp device pixels per dp.
func LevelFor(v View, pxPerDp float64) Level {
	wb := v.World()
	if (wb.Max[0]-wb.Min[0])*v.Scale()*pxPerDp > fineAbovePx {
		return Fine
	}
	return Coarse
}

// Name is the Natural Earth name of a country ("Dem. Rep. Congo"), from the
// finest level that has it, else the code itself.
func (w *World) Name(iso3 string) string {
	for _, l := range []Level{Fine, Coarse} {
		if cs, _ := w.Countries(l); cs != nil {
			if c := cs.ByISO(iso3); c != nil {
				return c.Name
			}
		}
	}
	return iso3
}
