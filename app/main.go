// Command atlas is Article Atlas: a world map of the countries bound by the
// International Criminal Court's warrant for Vladimir Putin, as reported by the
// article in seeds/. Without arguments it opens the map window; `list` and
// `export` run on the command line (see `atlas help`).
package main

import (
	"fmt"
	"log"
	"os"
	"sync"
	"time"

	// Makes the locale readable by Fyne before any Fyne package reads it.
	_ "articleatlas/app/internal/locale"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"github.com/paulmach/orb"

	"articleatlas/app/cli"
	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/app/scene"
	"articleatlas/app/settings"
	"articleatlas/app/ui"
	"articleatlas/geo"
)

// AppID is the reverse-DNS application ID (also in FyneApp.toml).
const AppID = "org.articleatlas.atlas"

// traceEnv, when set to 1, makes the window print state lines ("atlas: ready …",
// "atlas: selected CHN") on stdout for end-to-end tests.
const traceEnv = "ATLAS_TRACE"

// started is when the process began, for the start-up time the trace reports.
var started = time.Now()

func main() {
	attachParentConsole(os.Args[1:])
	if len(os.Args) > 1 && cli.IsCommand(os.Args[1]) {
		os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	if len(os.Args) > 1 {
		fmt.Fprintf(os.Stderr, "atlas: unknown command %q (try: atlas help)\n", os.Args[1])
		os.Exit(2)
	}
	if err := cli.CheckDisplay(); err != nil {
		fmt.Fprintln(os.Stderr, "atlas:", err)
		os.Exit(1)
	}
	world, err := geo.LoadWorld()
	if err != nil {
		fmt.Fprintln(os.Stderr, "atlas:", err)
		os.Exit(1)
	}
	atlas, err := scene.New(world)
	if err != nil {
		fmt.Fprintln(os.Stderr, "atlas:", err)
		os.Exit(1)
	}
	a := app.NewWithID(AppID)
	a.SetIcon(ui.Icon)
	ui.SetTheme(ui.ThemeChoice())
	w := a.NewWindow(ui.Title)
	u := ui.New(atlas, icc.ArticleDate)
	u.Attach(w)
	// What the last session showed; a corrupt value falls back to its default with a log line.
	remembered := settings.Load(a.Preferences(), log.Printf)
	w.Resize(fyne.NewSize(float32(remembered.WindowWidth), float32(remembered.WindowHeight)))
	u.Restore(remembered)
	u.Remember(a.Preferences())
	a.Lifecycle().SetOnStopped(func() { settings.Save(a.Preferences(), u.Settings(w)) })

	go func() {
		<-world.FineReady()
		// Project 1:50m for every projection now, off the UI's goroutine, so
		// the first zoom that needs it does not stall the window.
		for _, p := range geo.Projections {
			world.Layer(p, geo.Fine)
		}
		// And its outlines simplified for the first four doublings of zoom
		// of the default projection, at one and two pixels per dp: a level
		// of simplification every half doubling (see geo.Layer.Simplified).
		p := geo.Projections[0]
		v := geo.NewView(p, 1280, 800)
		for z := 0.5; z <= 4; z += 0.5 {
			v.Zoom = z
			for _, px := range []float64{1, 2} {
				render.PrepareOutlines(world.Layer(p, geo.Fine), v, px)
			}
		}
		fyne.Do(func() {
			u.Legend.Update(u.Map.Date())
			u.RefreshSearch() // adds the states drawn only at 1:50m
			u.Map.Refresh()
		})
	}()
	if os.Getenv(traceEnv) == "1" {
		trace(a, w, u)
	}
	w.ShowAndRun()
}

// trace prints the state lines the end-to-end tests read: once the window is
// laid out, where Beijing, a point inside China clear of the story's marks,
// and the middle of Putin's October 2023 trip to Bishkek are, in window
// pixels; then every selection ("atlas: selected CHN", "atlas: selected trip
// putin-2023-bishkek", "atlas: selected -"); and when the Article tab
// shows, its first link in view and where it is ("atlas: article link=RUS at=x,y").
func trace(a fyne.App, w fyne.Window, u *ui.UI) {
	kinds := map[geo.HitKind]string{geo.HitPlace: "place", geo.HitTrip: "trip", geo.HitCorridor: "corridor", geo.HitLink: "link"}
	u.OnSelectMark = func(h geo.Hit) {
		switch h.Kind {
		case geo.HitNone:
			fmt.Println("atlas: selected -")
		case geo.HitCountry:
			fmt.Printf("atlas: selected %s\n", h.ID)
		default:
			fmt.Printf("atlas: selected %s %s\n", kinds[h.Kind], h.ID)
		}
	}
	onDate := u.OnDate
	u.OnDate = func(d icc.Date) {
		if onDate != nil {
			onDate(d)
		}
		fmt.Printf("atlas: date %s\n", d.Format(icc.DateLayout))
	}
	// When the Article tab shows, where its first link in view is.
	onTab := u.Tabs.OnSelected
	u.Tabs.OnSelected = func(ti *container.TabItem) {
		if onTab != nil {
			onTab(ti)
		}
		if ti.Text != "Article" {
			return
		}
		go func() {
			time.Sleep(300 * time.Millisecond) // the tab's first layout
			fyne.Do(func() {
				para, h, at, ok := u.Article.VisibleLink()
				if !ok {
					return
				}
				pos := a.Driver().AbsolutePositionForObject(para).Add(at)
				scale := w.Canvas().Scale()
				fmt.Printf("atlas: article link=%s at=%d,%d\n", h.ID, int(pos.X*scale), int(pos.Y*scale))
			})
		}()
	}
	var once sync.Once
	a.Lifecycle().SetOnStarted(func() {
		once.Do(func() {
			go func() {
				<-u.World.FineReady()
				fyne.Do(func() {
					pos := a.Driver().AbsolutePositionForObject(u.Map)
					v := u.Map.View()
					scale := float64(w.Canvas().Scale())
					px := func(ll orb.Point) (int, int) {
						p := v.ToScreen(ll)
						return int((float64(pos.X) + p[0]) * scale), int((float64(pos.Y) + p[1]) * scale)
					}
					bx, by := px(orb.Point{116.4074, 39.9042})
					cx, cy := px(orb.Point{95, 35})
					tx, ty := px(u.Atlas.Lines.TripMid[tripIndex(u.Atlas, "putin-2023-bishkek")])
					fmt.Printf("atlas: ready beijing=%d,%d china=%d,%d trip=%d,%d date=%s projection=%s startup=%dms\n", bx, by, cx, cy, tx, ty,
						u.Map.Date().Format(icc.DateLayout), v.Proj.Name(), time.Since(started).Milliseconds())
					// The time bar's slider: its left and right ends along its middle, in window pixels.
					sp, ss := a.Driver().AbsolutePositionForObject(u.Time.Slider), u.Time.Slider.Size()
					fmt.Printf("atlas: slider from=%d,%d to=%d,%d\n", int(sp.X*float32(scale)), int((sp.Y+ss.Height/2)*float32(scale)),
						int((sp.X+ss.Width)*float32(scale)), int((sp.Y+ss.Height/2)*float32(scale)))
				})
			}()
		})
	})
}

// tripIndex is the index of trip id in the atlas's story.
func tripIndex(a *scene.Atlas, id string) int {
	for i := range a.Story.Trips {
		if a.Story.Trips[i].ID == id {
			return i
		}
	}
	return 0
}
