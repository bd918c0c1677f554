package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRealWindowClickBeijing builds the app, opens its window on a private
// Xvfb display, clicks Beijing with xdotool and waits for the app to report
// that China is selected. Without Xvfb or xdotool it is skipped, except under
// CI=true, where it fails.
func TestRealWindowClickBeijing(t *testing.T) {
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
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	bin := filepath.Join(t.TempDir(), "atlas")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	display := startXvfb(t, ctx)
	app := exec.CommandContext(ctx, bin)
	app.Env = append(os.Environ(), "DISPLAY="+display, "ATLAS_TRACE=1", "LANG=en_US.UTF-8")
	stdout, err := app.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	app.Stderr = &stderr
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	defer func() {
		app.Process.Kill()
		<-exited
	}()
	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()

	waitFor := func(prefix string, d time.Duration) string {
		t.Helper()
		deadline := time.After(d)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("app closed its output before %q; stderr:\n%s", prefix, stderr.String())
				}
				if strings.HasPrefix(l, prefix) {
					return l
				}
			case err := <-exited:
				t.Fatalf("app exited (%v) before %q; stderr:\n%s", err, prefix, stderr.String())
			case <-deadline:
				t.Fatalf("no %q from the app within %v; stderr:\n%s", prefix, d, stderr.String())
			}
		}
	}

	ready := waitFor("atlas: ready ", 60*time.Second)
	var x, y int
	var startup int
	if _, err := fmt.Sscanf(ready, "atlas: ready beijing=%d,%d startup=%dms", &x, &y, &startup); err != nil {
		t.Fatalf("cannot read %q: %v", ready, err)
	}
	t.Logf("window ready %d ms after start (both levels of detail loaded)", startup)
	xdo := func(args ...string) string {
		t.Helper()
		cmd := exec.CommandContext(ctx, "xdotool", args...)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("xdotool %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	win := strings.Fields(xdo("search", "--sync", "--name", "Article Atlas"))[0]
	xdo("mousemove", "--window", win, fmt.Sprint(x), fmt.Sprint(y))
	xdo("click", "1")
	waitFor("atlas: selected CHN", 15*time.Second)

	select {
	case err := <-exited:
		t.Fatalf("app exited after the click: %v\n%s", err, stderr.String())
	default:
	}
	if dir := os.Getenv("ATLAS_SCREENSHOT_DIR"); dir != "" {
		time.Sleep(700 * time.Millisecond) // let the selection's frame reach the screen
		cmd := exec.CommandContext(ctx, "import", "-window", "root", filepath.Join(dir, "window-beijing.png"))
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Logf("screenshot: %v %s", err, out)
		}
	}
}

// startXvfb starts Xvfb on the first free display from :91 and returns its name.
func startXvfb(t *testing.T, ctx context.Context) string {
	t.Helper()
	for n := 91; n < 120; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		display := fmt.Sprintf(":%d", n)
		x := exec.CommandContext(ctx, "Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
		x.Stdout, x.Stderr = io.Discard, io.Discard
		if err := x.Start(); err != nil {
			t.Fatalf("Xvfb: %v", err)
		}
		t.Cleanup(func() {
			x.Process.Kill()
			x.Wait()
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
