package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestProcess runs the built app as a user would, in the environments that
// used to make it print more than it meant to: C and POSIX locales, and no
// display. It builds the app once for all its subtests.
func TestProcess(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "atlas")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Run("locale", func(t *testing.T) { testLocale(t, bin, dir) })
	t.Run("init order", func(t *testing.T) { testInitOrder(t, bin) })
	t.Run("no display", func(t *testing.T) { testNoDisplay(t, bin) })
	t.Run("window log", func(t *testing.T) { testWindowLog(t, bin) })
}

// localeVars are the variables through which Fyne looks up the language.
var localeVars = []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"}

// environ is this process's environment without locale or display variables,
// plus vars ("NAME=value").
func environ(vars ...string) []string {
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		k, _, _ := strings.Cut(kv, "=")
		return slices.Contains(localeVars, k) || strings.HasPrefix(k, "LC_") || k == "DISPLAY" || k == "WAYLAND_DISPLAY"
	})
	return append(env, vars...)
}

// runApp runs bin with args in env and returns its exit code and output.
func runApp(t *testing.T, bin string, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("%s %v: %v", bin, args, err)
	}
	return code, o.String(), e.String()
}

// testLocale runs each command under the C and POSIX locales, and a few more
// that are not language tags: nothing may appear on stderr.
func testLocale(t *testing.T, bin, dir string) {
	locales := [][]string{
		{"LANG=C.UTF-8"}, {"LANG=C.utf8"}, {"LANG=C"}, {"LC_ALL=C"}, {"LANG=POSIX"}, {},
		{"LC_ALL=C.UTF-8", "LANG=en_US.UTF-8"}, {"LANG=ca_ES@valencia"}, {"LANG=en_US.UTF-8", "LANGUAGE=C.UTF-8"},
	}
	commands := [][]string{{"help"}, {"list"}, {"export", "--width", "64", "--height", "32", "--out"}}
	for i, vars := range locales {
		for _, args := range commands {
			name := strings.Join(append(slices.Clone(vars), args[0]), " ")
			if len(vars) == 0 {
				name = "unset " + args[0]
			}
			if args[0] == "export" {
				args = append(slices.Clone(args), filepath.Join(dir, fmt.Sprintf("map-%d.png", i)))
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				code, _, stderr := runApp(t, bin, environ(vars...), args...)
				if code != 0 || stderr != "" {
					t.Errorf("exit %d, stderr:\n%s\nwant exit 0 and nothing on stderr", code, stderr)
				}
			})
		}
	}
}

// testInitOrder checks, with the runtime's own trace, that the package that
// fixes the locale is initialised before the Fyne package that reads it.
func testInitOrder(t *testing.T, bin string) {
	_, _, stderr := runApp(t, bin, environ("LANG=C.UTF-8", "GODEBUG=inittrace=1"), "help")
	order := map[string]int{}
	for i, l := range strings.Split(stderr, "\n") {
		if f := strings.Fields(l); len(f) > 1 && f[0] == "init" {
			order[f[1]] = i
		}
	}
	ours, ok1 := order["articleatlas/app/internal/locale"]
	fyne, ok2 := order["fyne.io/fyne/v2/lang"]
	if !ok1 || !ok2 || ours > fyne {
		t.Errorf("articleatlas/app/internal/locale initialised at line %d (%v), fyne.io/fyne/v2/lang at %d (%v); want ours first", ours, ok1, fyne, ok2)
	}
}

// testNoDisplay starts the window with no display, then with one nobody
// answers at: one line, exit 1.
func testNoDisplay(t *testing.T, bin string) {
	if runtime.GOOS != "linux" && !strings.HasSuffix(runtime.GOOS, "bsd") {
		t.Skip("the window finds its display by itself on", runtime.GOOS)
	}
	for _, c := range []struct{ name, display, want string }{
		{"unset", "", "atlas: no display found (DISPLAY is not set); the command line works without one: atlas help\n"},
		{"silent", silentDisplay(t), "nothing answers at DISPLAY="},
	} {
		t.Run(c.name, func(t *testing.T) {
			var env []string
			if c.display != "" {
				env = append(env, "DISPLAY="+c.display)
			}
			code, stdout, stderr := runApp(t, bin, environ(env...))
			if code != 1 || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 1 and one line containing %q", code, stdout, stderr, c.want)
			}
		})
	}
}

// silentDisplay returns an X display name at which no server answers.
func silentDisplay(t *testing.T) string {
	for n := 201; n < 300; n++ {
		answers := false
		for _, a := range [][2]string{{"unix", fmt.Sprintf("@/tmp/.X11-unix/X%d", n)}, {"unix", fmt.Sprintf("/tmp/.X11-unix/X%d", n)}, {"tcp", "localhost:" + strconv.Itoa(6000+n)}} {
			if c, err := net.DialTimeout(a[0], a[1], time.Second); err == nil {
				c.Close()
				answers = true
			}
		}
		if !answers {
			return fmt.Sprintf(":%d", n)
		}
	}
	t.Fatal("an X server answers at every display from :201 to :299")
	return ""
}

// testWindowLog opens the window on a private Xvfb display under LANG=C.UTF-8
// and waits until it is drawn: the app's log (stderr) must stay empty.
func testWindowLog(t *testing.T, bin string) {
	if testing.Short() {
		t.Skip("opens a real window; skipped with -short")
	}
	if _, err := exec.LookPath("Xvfb"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("Xvfb is not installed; CI must install xvfb")
		}
		t.Skip("Xvfb is not installed (apt-get install xvfb)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	display := xvfb(t)

	app := exec.CommandContext(ctx, bin)
	app.Env = environ("DISPLAY="+display, "LANG=C.UTF-8", "ATLAS_TRACE=1")
	var stderr bytes.Buffer
	app.Stderr = &stderr
	stdout, err := app.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	ready := false
	for sc := bufio.NewScanner(stdout); sc.Scan(); {
		if strings.HasPrefix(sc.Text(), "atlas: ready ") {
			ready = true
			break
		}
	}
	time.Sleep(time.Second) // let a few frames be drawn
	app.Process.Kill()
	app.Wait()
	if !ready {
		t.Fatalf("the window never reported ready; stderr:\n%s", stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("the window logged:\n%s", stderr.String())
	}
}

// xvfb starts Xvfb on a display it picks itself and returns the display's name.
// Xvfb is stopped with SIGTERM when the test ends, so that it removes its socket and lock.
func xvfb(t *testing.T) string {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w} // fd 3: Xvfb writes the display number there once it listens
	if err := x.Start(); err != nil {
		t.Fatalf("Xvfb: %v", err)
	}
	w.Close()
	done := make(chan error, 1)
	go func() { done <- x.Wait() }()
	t.Cleanup(func() {
		x.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			x.Process.Kill()
			<-done
		}
	})
	line := make(chan string, 1)
	go func() {
		n, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(n)
	}()
	select {
	case n := <-line:
		if n != "" {
			return ":" + n
		}
	case <-time.After(30 * time.Second):
	}
	t.Fatal("Xvfb did not start")
	return ""
}
