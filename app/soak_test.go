package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// soakEventsEnv sets the number of random events of the long soak run (e.g.
// ATLAS_SOAK_EVENTS=5000); without it the soak makes soakShortEvents.
const soakEventsEnv = "ATLAS_SOAK_EVENTS"

const soakShortEvents = 300

// TestRealWindowSoak opens the app in a real window, zooms in over Europe,
// then sends random drags, wheel turns, clicks, double-clicks and key presses
// with xdotool, and requires the app alive and answering at the end: the
// whole view is reset and a click on Beijing must still select China. It
// samples the app's resident memory as it goes; on a long run (see
// soakEventsEnv) the memory of the last quarter must not exceed that of the
// first half by more than a margin, i.e. it must level off, not grow.
func TestRealWindowSoak(t *testing.T) {
	events := soakShortEvents
	if s := os.Getenv(soakEventsEnv); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a number of events", soakEventsEnv, s)
		}
		events = n
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute+time.Duration(events)*100*time.Millisecond)
	defer cancel()
	a := startWindow(t, ctx)
	bx, by := a.point("china")

	// Four wheel notches over Europe, at about (480, 260) of the 1280×800 window.
	a.xdo("mousemove", "--window", a.win, "480", "260", "click", "--repeat", "4", "--delay", "80", "4")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	seed := rng.Uint64()
	t.Logf("soak: %d events, seed %d", events, seed)
	rng = rand.New(rand.NewPCG(seed, 1))

	keys := []string{"Left", "Right", "Up", "Down", "plus", "minus", "Return", "Escape", "0"}
	const batch = 25 // events per xdotool call
	var rss []int    // kB, one sample per batch
	start := time.Now()
	for done := 0; done < events; {
		var args []string
		for i := 0; i < batch && done < events; i, done = i+1, done+1 {
			x, y := 80+rng.IntN(820), 110+rng.IntN(560) // inside the map
			args = append(args, "mousemove", "--window", a.win, fmt.Sprint(x), fmt.Sprint(y))
			switch k := rng.IntN(20); {
			case k < 13: // a small drag, as in the crash report: ±30 px in a few steps
				args = append(args, "mousedown", "1")
				for s := 0; s < 3; s++ {
					args = append(args, "mousemove_relative", "--", fmt.Sprint(rng.IntN(21)-10), fmt.Sprint(rng.IntN(21)-10))
				}
				args = append(args, "mouseup", "1")
			case k < 15:
				button := "4" // wheel up: zoom in, twice as often as out
				if rng.IntN(3) == 0 {
					button = "5"
				}
				args = append(args, "click", button)
			case k < 17:
				args = append(args, "click", "1")
			case k < 18:
				args = append(args, "click", "--repeat", "2", "--delay", "40", "1")
			default:
				args = append(args, "key", keys[rng.IntN(len(keys))])
			}
		}
		a.xdo(args...)
		a.requireAlive()
		rss = append(rss, residentKB(t, a.proc.Process.Pid))
	}
	t.Logf("soak: %d events in %v; resident memory (MB) every %d events: %s", events, time.Since(start).Round(time.Millisecond), batch, formatMB(rss))

	// Still answering: whole world again, then a click inside China.
	a.xdo("mousemove", "--window", a.win, "480", "300", "click", "1", "sleep", "0.3", "key", "Escape", "key", "0", "sleep", "0.5")
	a.drain()
	a.screenshot("window-soak-reset.png")
	a.xdo("mousemove", "--window", a.win, fmt.Sprint(bx), fmt.Sprint(by), "click", "1")
	a.waitFor("atlas: selected CHN", 20*time.Second)
	a.requireAlive()
	if s := a.Stderr(); strings.Contains(s, "panic") || strings.Contains(s, "Fyne error") {
		t.Errorf("the app logged errors during the soak:\n%s", s)
	}
	a.screenshot("window-soak.png")

	if events >= 1000 {
		half, last := median(rss[:len(rss)/2]), median(rss[len(rss)*3/4:])
		t.Logf("soak: median resident memory %0.1f MB over the first half, %0.1f MB over the last quarter", float64(half)/1024, float64(last)/1024)
		// The heap may settle a little higher once every zoom level was seen;
		// growth beyond 15% (plus 16 MB for the allocator's slack) is a leak.
		if float64(last) > float64(half)*1.15+16*1024 {
			t.Errorf("resident memory grew from %d kB to %d kB: it does not level off", half, last)
		}
	}
}

// residentKB reads the resident set size of process pid (Linux; 0 elsewhere).
func residentKB(t *testing.T, pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}

func median(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	s := append([]int(nil), xs...)
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j-1] > s[j]; j-- {
			s[j-1], s[j] = s[j], s[j-1]
		}
	}
	return s[len(s)/2]
}

// formatMB prints at most 40 evenly spaced samples, in MB.
func formatMB(kb []int) string {
	var b strings.Builder
	step := max(1, len(kb)/40)
	for i := 0; i < len(kb); i += step {
		fmt.Fprintf(&b, "%.0f ", float64(kb[i])/1024)
	}
	return strings.TrimSpace(b.String())
}
