package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestRealWindowClickBeijing builds the app, opens its window on a private
// Xvfb display, clicks Beijing with xdotool and waits for the app to report
// that China is selected; then the Beijing marker, a trip, and a name in
// the article's text. Without Xvfb or xdotool it is skipped, except under
// CI=true, where it fails.
func TestRealWindowClickBeijing(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	a := startWindow(t, ctx)
	x, y := a.point("china")
	a.xdo("mousemove", "--window", a.win, fmt.Sprint(x), fmt.Sprint(y), "click", "1")
	a.waitFor("atlas: selected CHN", 15*time.Second)
	a.requireAlive()
	a.screenshot("window-china.png")

	// The Beijing marker is a place; the arc to Bishkek is a trip.
	x, y = a.point("beijing")
	a.xdo("mousemove", "--window", a.win, fmt.Sprint(x), fmt.Sprint(y), "click", "1")
	a.waitFor("atlas: selected place beijing", 15*time.Second)
	x, y = a.point("trip")
	a.xdo("mousemove", "--window", a.win, fmt.Sprint(x), fmt.Sprint(y), "click", "1")
	a.waitFor("atlas: selected trip putin-2023-bishkek", 15*time.Second)
	a.requireAlive()
	a.screenshot("window-trip.png")

	// Ctrl+2 shows the Article tab; a click on its first link selects the
	// country the link names.
	a.xdo("key", "--window", a.win, "ctrl+2")
	line := a.waitFor("atlas: article link=", 15*time.Second)
	var iso string
	if _, err := fmt.Sscanf(strings.ReplaceAll(strings.TrimPrefix(line, "atlas: article link="), " at=", " "), "%s %d,%d", &iso, &x, &y); err != nil {
		t.Fatalf("cannot read %q: %v", line, err)
	}
	a.xdo("mousemove", "--window", a.win, fmt.Sprint(x), fmt.Sprint(y), "click", "1")
	a.waitFor("atlas: selected "+iso, 15*time.Second)
	a.requireAlive()
	a.screenshot("window-article.png")

	// A click a quarter of the way along the time bar's slider shows a day
	// about a quarter of the way from 1998 to today.
	fx, fy, tx, ty := a.slider()
	a.xdo("mousemove", "--window", a.win, fmt.Sprint(fx+(tx-fx)/4), fmt.Sprint((fy+ty)/2), "click", "1")
	line = a.waitFor("atlas: date ", 15*time.Second)
	day, err := time.Parse("2006-01-02", strings.TrimPrefix(line, "atlas: date "))
	if err != nil {
		t.Fatalf("cannot read %q: %v", line, err)
	}
	if day.Year() < 2002 || day.Year() > 2010 {
		t.Errorf("a click a quarter along the slider shows %s", day.Format("2 Jan 2006"))
	}
	a.requireAlive()
	a.screenshot("window-date.png")
}

// slider is where the time bar's slider runs, from its left end to its
// right, in window pixels, as the app's "atlas: slider" line says.
func (a *window) slider() (fx, fy, tx, ty int) {
	a.t.Helper()
	if _, err := fmt.Sscanf(a.sliderLine, "atlas: slider from=%d,%d to=%d,%d", &fx, &fy, &tx, &ty); err != nil {
		a.t.Fatalf("cannot read %q: %v", a.sliderLine, err)
	}
	return fx, fy, tx, ty
}

// window is the app running in a real window on a private Xvfb display.
type window struct {
	t       *testing.T
	ctx     context.Context
	display string
	win     string // X window id
	ready   string // the app's "atlas: ready …" line
	// sliderLine is the app's "atlas: slider from=x,y to=x,y" line, which
	// follows the ready line.
	sliderLine string
	proc       *exec.Cmd
	lines      chan string
	exited     chan error

	mu     sync.Mutex
	stderr strings.Builder
}

// startWindow skips the test where a real window cannot be opened (with
// -short, or without Xvfb and xdotool outside CI), builds the app, starts it
// with ATLAS_TRACE=1 and fresh preferences, and waits until it reports that
// it is ready.
func startWindow(t *testing.T, ctx context.Context) *window {
	t.Helper()
	return startWindowWith(t, ctx, t.TempDir())
}

// startWindowWith is startWindow with the app's preferences kept under the
// folder config (its XDG_CONFIG_HOME), which a second launch can share.
func startWindowWith(t *testing.T, ctx context.Context, config string) *window {
	t.Helper()
	if testing.Short() {
		t.Skip("opens a real window; skipped with -short")
	}
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed; CI must install xvfb and xdotool", tool)
			}
			t.Skipf("%s is not installed (apt-get install xvfb xdotool)", tool)
		}
	}
	bin := filepath.Join(t.TempDir(), "atlas")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	a := &window{t: t, ctx: ctx, display: startXvfb(t), lines: make(chan string, 64), exited: make(chan error, 1)}
	a.proc = exec.CommandContext(ctx, bin)
	a.proc.Env = append(os.Environ(), "DISPLAY="+a.display, "ATLAS_TRACE=1", "LANG=en_US.UTF-8", "XDG_CONFIG_HOME="+config)
	stdout, err := a.proc.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	a.proc.Stderr = writerFunc(func(p []byte) (int, error) {
		a.mu.Lock()
		defer a.mu.Unlock()
		return a.stderr.Write(p)
	})
	if err := a.proc.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { a.exited <- a.proc.Wait() }()
	t.Cleanup(func() {
		a.proc.Process.Kill()
		<-a.exited
	})
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			select {
			case a.lines <- sc.Text():
			default: // nobody waits for this line
			}
		}
		close(a.lines)
	}()
	a.ready = a.waitFor("atlas: ready ", 60*time.Second)
	a.sliderLine = a.waitFor("atlas: slider ", 15*time.Second)
	a.win = strings.Fields(a.xdo("search", "--sync", "--name", "Article Atlas"))[0]
	return a
}

type writerFunc func(p []byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// Stderr is what the app has written on stderr so far.
func (a *window) Stderr() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.stderr.String()
}

// point is where the ready line put a named point ("beijing", "china",
// "trip") when the window became ready, in window pixels.
func (a *window) point(name string) (x, y int) {
	for _, f := range strings.Fields(a.ready) {
		if v, ok := strings.CutPrefix(f, name+"="); ok {
			if _, err := fmt.Sscanf(v, "%d,%d", &x, &y); err != nil {
				a.t.Fatalf("cannot read %q in %q: %v", f, a.ready, err)
			}
			return x, y
		}
	}
	a.t.Fatalf("no %s= in %q", name, a.ready)
	return 0, 0
}

// waitFor returns the first line the app prints that starts with prefix, and
// fails the test if the app exits or stays silent for d.
func (a *window) waitFor(prefix string, d time.Duration) string {
	a.t.Helper()
	deadline := time.After(d)
	for {
		select {
		case l, ok := <-a.lines:
			if !ok {
				a.t.Fatalf("app closed its output before %q; stderr:\n%s", prefix, a.Stderr())
			}
			if strings.HasPrefix(l, prefix) {
				return l
			}
		case err := <-a.exited:
			a.exited <- err
			a.t.Fatalf("app exited (%v) before %q; stderr:\n%s", err, prefix, a.Stderr())
		case <-deadline:
			a.t.Fatalf("no %q from the app within %v; stderr:\n%s", prefix, d, a.Stderr())
		}
	}
}

// xdo runs xdotool on the app's display and returns its output.
func (a *window) xdo(args ...string) string {
	a.t.Helper()
	cmd := exec.CommandContext(a.ctx, "xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+a.display)
	out, err := cmd.CombinedOutput()
	if err != nil {
		a.t.Fatalf("xdotool %v: %v\n%s\napp stderr:\n%s", args, err, out, a.Stderr())
	}
	return strings.TrimSpace(string(out))
}

// requireAlive fails the test if the app has exited.
func (a *window) requireAlive() {
	a.t.Helper()
	select {
	case err := <-a.exited:
		a.exited <- err
		a.t.Fatalf("the app exited: %v\nstderr:\n%s", err, a.Stderr())
	default:
	}
}

// screenshot saves the screen as name in $ATLAS_SCREENSHOT_DIR, if set.
func (a *window) screenshot(name string) {
	dir := os.Getenv("ATLAS_SCREENSHOT_DIR")
	if dir == "" {
		return
	}
	time.Sleep(700 * time.Millisecond) // let the last frame reach the screen
	cmd := exec.CommandContext(a.ctx, "import", "-window", "root", filepath.Join(dir, name))
	cmd.Env = append(os.Environ(), "DISPLAY="+a.display)
	if out, err := cmd.CombinedOutput(); err != nil {
		a.t.Logf("screenshot: %v %s", err, out)
	}
}

// startXvfb starts Xvfb on the first free display from :91 and returns its name.
func startXvfb(t *testing.T) string {
	t.Helper()
	for n := 91; n < 120; n++ {
		if displayInUse(n) {
			continue
		}
		display := fmt.Sprintf(":%d", n)
		x := exec.Command("Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
		x.Stdout, x.Stderr = io.Discard, io.Discard
		if err := x.Start(); err != nil {
			t.Fatalf("Xvfb: %v", err)
		}
		t.Cleanup(func() {
			// SIGTERM lets Xvfb remove its lock and socket; a killed one leaves
			// them (so the server is not tied to the test's context).
			x.Process.Signal(syscall.SIGTERM)
			done := make(chan struct{})
			go func() { x.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				x.Process.Kill()
				<-done
			}
		})
		for i := 0; i < 100; i++ {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
				return display
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("Xvfb on %s did not start", display)
	}
	t.Fatal("no free X display between :91 and :119")
	return ""
}

// displayInUse reports whether X display :n is taken: its lock file names a
// live process. A lock left by a server that died is not in use (Xvfb
// replaces it).
func displayInUse(n int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/tmp/.X%d-lock", n))
	if err != nil {
		return false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return true // not a lock we can read: leave it alone
	}
	p, err := os.FindProcess(pid)
	return err == nil && p.Signal(syscall.Signal(0)) == nil
}

// drain drops the lines the app printed so far, so that waitFor sees only new ones.
func (a *window) drain() {
	for {
		select {
		case _, ok := <-a.lines:
			if !ok {
				return
			}
		default:
			return
		}
	}
}

// readyField is the value of name= in the ready line ("date", "projection").
func (a *window) readyField(name string) string {
	for _, f := range strings.Fields(a.ready) {
		if v, ok := strings.CutPrefix(f, name+"="); ok {
			return v
		}
	}
	a.t.Fatalf("no %s= in %q", name, a.ready)
	return ""
}

// kill ends the app at once, as a crash or a power cut would.
func (a *window) kill() {
	a.proc.Process.Kill()
	err := <-a.exited
	a.exited <- err // for the cleanup, which waits for it too
}

// TestRealWindowRemembers: the day shown is remembered even when the app
// is killed a second after it changed; the next launch shows it. Corrupt
// remembered values (a zoom of 1e9, a date that is not one, an unknown
// projection) fall back to their defaults with a line each on stderr, and
// the app starts.
func TestRealWindowRemembers(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	config := t.TempDir()
	a := startWindowWith(t, ctx, config)
	if got := a.readyField("date"); got != "2023-10-17" {
		t.Fatalf("a first launch shows %s, want the article's day", got)
	}
	fx, fy, tx, ty := a.slider()
	a.xdo("mousemove", "--window", a.win, fmt.Sprint(fx+(tx-fx)/3), fmt.Sprint((fy+ty)/2), "click", "1")
	day := strings.TrimPrefix(a.waitFor("atlas: date ", 15*time.Second), "atlas: date ")
	time.Sleep(1500 * time.Millisecond) // the settings are written 0.7 s after the last change
	a.kill()

	b := startWindowWith(t, ctx, config)
	if got := b.readyField("date"); got != day {
		t.Errorf("after a kill the next launch shows %s, want %s", got, day)
	}
	b.kill()

	prefs, err := filepath.Glob(filepath.Join(config, "fyne", "*", "preferences.json"))
	if err != nil || len(prefs) != 1 {
		t.Fatalf("preferences file: %v %v", prefs, err)
	}
	corrupt := `{"view.zoom":"1e9","date":"yesterday","view.projection":"mollweide","window.width":"-5","layers":"[not json"}`
	if err := os.WriteFile(prefs[0], []byte(corrupt), 0o600); err != nil {
		t.Fatal(err)
	}
	c := startWindowWith(t, ctx, config)
	if got := c.readyField("date"); got != "2023-10-17" {
		t.Errorf("with a corrupt date the app shows %s, want the article's day", got)
	}
	if got := c.readyField("projection"); got != "equal-earth" {
		t.Errorf("with an unknown projection the app shows %s, want equal-earth", got)
	}
	for _, key := range []string{"view.zoom", "date", "view.projection", "window.width", "layers"} {
		if n := strings.Count(c.Stderr(), "settings: "+key+" "); n != 1 {
			t.Errorf("%d log lines about the corrupt %s, want 1; stderr:\n%s", n, key, c.Stderr())
		}
	}
	c.requireAlive()
}
