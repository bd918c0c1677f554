//go:build linux

package export

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// asUnprivileged runs fn on a thread without CAP_DAC_OVERRIDE,
// CAP_DAC_READ_SEARCH and CAP_FOWNER, so that permission bits apply to root.
// Capabilities belong to a thread on Linux; the thread is locked and never
// unlocked, so it ends with the goroutine and no other code runs on it. It
// reports false if the capabilities cannot be dropped.
func asUnprivileged(fn func() error) (ok bool, err error) {
	type result struct {
		ok  bool
		err error
	}
	done := make(chan result)
	go func() {
		runtime.LockOSThread()
		hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
		var data [2]unix.CapUserData
		if unix.Capget(&hdr, &data[0]) != nil {
			done <- result{}
			return
		}
		for _, c := range []uint{unix.CAP_DAC_OVERRIDE, unix.CAP_DAC_READ_SEARCH, unix.CAP_FOWNER} {
			data[c/32].Effective &^= 1 << (c % 32)
		}
		if unix.Capset(&hdr, &data[0]) != nil {
			done <- result{}
			return
		}
		done <- result{true, fn()}
	}()
	r := <-done
	return r.ok, r.err
}

// TestUnnamedWhileWriting: on Linux the image is written to a file with no
// name, so the folder shows nothing but the old file until the new one
// replaces it, and no signal handler is needed meanwhile.
func TestUnnamedWhileWriting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "map.png")
	writeOld(t, path, 0o644)
	fd, err := unix.Open(dir, unix.O_TMPFILE|unix.O_WRONLY, 0o600)
	if err != nil {
		t.Skipf("no O_TMPFILE in %s: %v", dir, err)
	}
	unix.Close(fd)
	err = WriteFileAtomic(path, func(w io.Writer) error {
		w.Write(bytes.Repeat([]byte("new"), 1<<20)) // past the buffer
		assertOnlyOld(t, dir)
		if handlerInstalled() {
			t.Error("signal handler installed while writing an unnamed file")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"map.png"}) {
		t.Errorf("folder holds %q, want only map.png", names)
	}
	if b, _ := os.ReadFile(path); len(b) != 3<<20 {
		t.Errorf("map.png holds %d bytes, want %d", len(b), 3<<20)
	}
	if handlerInstalled() {
		t.Error("signal handler still installed after the export")
	}
}

// The helper process: TestSignalsLeaveNoLitter runs this test binary again
// with these variables set, and signals it while it writes.
const (
	helperKind   = "ATLAS_EXPORT_HELPER"       // "usual" or "named": the temporary file to use
	helperTarget = "ATLAS_EXPORT_HELPER_PATH"  // the file to replace
	helperPause  = "ATLAS_EXPORT_HELPER_PAUSE" // how long the write callback sleeps
	helperMarker = "helper: writing"           // printed once bytes have reached the temporary file
)

// TestHelperProcess is not a test: it is the child of TestSignalsLeaveNoLitter
// and TestIgnoredSignalStaysIgnored. It writes helperTarget slowly.
func TestHelperProcess(t *testing.T) {
	kind := os.Getenv(helperKind)
	if kind == "" {
		t.Skip("helper process for the signal tests")
	}
	forceNamed = kind == "named"
	pause, err := time.ParseDuration(os.Getenv(helperPause))
	if err != nil {
		t.Fatal(err)
	}
	err = WriteFileAtomic(os.Getenv(helperTarget), func(w io.Writer) error {
		if _, err := w.Write(bytes.Repeat([]byte("new"), 1<<20)); err != nil { // past the buffer
			return err
		}
		fmt.Println(helperMarker)
		time.Sleep(pause)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// markerWriter collects a child's output and closes seen once the output
// holds helperMarker.
type markerWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	seen chan struct{}
}

func (m *markerWriter) Write(p []byte) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	had := strings.Contains(m.buf.String(), helperMarker)
	m.buf.Write(p)
	if !had && strings.Contains(m.buf.String(), helperMarker) {
		close(m.seen)
	}
	return len(p), nil
}

func (m *markerWriter) String() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.buf.String()
}

// startHelper starts the helper process replacing dir/map.png with a
// kind temporary file, through prefix (a command that execs its arguments)
// if given, and waits until it is writing.
func startHelper(t *testing.T, kind, dir string, pause time.Duration, prefix ...string) (*exec.Cmd, *markerWriter) {
	t.Helper()
	args := append(slices.Clip(prefix), os.Args[0], "-test.run=^TestHelperProcess$")
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(),
		helperKind+"="+kind,
		helperTarget+"="+filepath.Join(dir, "map.png"),
		helperPause+"="+pause.String())
	out := &markerWriter{seen: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-out.seen:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the helper did not start writing; its output:\n%s", out)
	}
	return cmd, out
}

// waitHelper waits up to 5 s for the helper to end, else kills it and fails.
func waitHelper(t *testing.T, cmd *exec.Cmd, out *markerWriter) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("the helper did not end; its output:\n%s", out)
		return nil
	}
}

// TestSignalsLeaveNoLitter: a process killed or interrupted while exporting
// leaves the old file as it was and no temporary file. With an unnamed file
// this holds even for SIGKILL; a named one is removed on SIGINT, SIGTERM and
// SIGHUP, after which the process ends by the same signal.
func TestSignalsLeaveNoLitter(t *testing.T) {
	tests := []struct {
		kind string // of temporary file
		sig  syscall.Signal
	}{
		{"usual", syscall.SIGKILL}, {"usual", syscall.SIGKILL}, {"usual", syscall.SIGKILL},
		{"usual", syscall.SIGINT}, {"usual", syscall.SIGTERM}, {"usual", syscall.SIGHUP},
		{"named", syscall.SIGINT}, {"named", syscall.SIGTERM}, {"named", syscall.SIGHUP},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%d_%s_%s", i, tt.kind, unix.SignalName(tt.sig)), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeOld(t, filepath.Join(dir, "map.png"), 0o644)
			cmd, out := startHelper(t, tt.kind, dir, time.Minute)
			if names := dirNames(t, dir); tt.kind == "named" && len(names) != 2 {
				t.Errorf("while writing the folder holds %q, want map.png and a temporary file", names)
			}
			if err := cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			waitHelper(t, cmd, out)
			if ws := cmd.ProcessState.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != tt.sig {
				t.Errorf("helper ended with %v, want killed by %v; its output:\n%s", cmd.ProcessState, tt.sig, out)
			}
			assertOnlyOld(t, dir)
		})
	}
}

// TestIgnoredSignalStaysIgnored: a process started with SIGHUP ignored (as
// under nohup) is not ended by SIGHUP during an export; the export completes.
// The helper is started by a shell that ignores SIGHUP and execs it (this
// process's own dispositions are left alone: signal.Reset does not undo
// signal.Ignore).
func TestIgnoredSignalStaysIgnored(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to start the helper with SIGHUP ignored")
	}
	dir := t.TempDir()
	writeOld(t, filepath.Join(dir, "map.png"), 0o644)
	cmd, out := startHelper(t, "named", dir, 300*time.Millisecond, sh, "-c", `trap "" HUP; exec "$@"`, "sh")
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	if err := waitHelper(t, cmd, out); err != nil {
		t.Fatalf("helper: %v; its output:\n%s", err, out)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"map.png"}) {
		t.Errorf("folder holds %q, want only map.png", names)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "map.png")); len(b) != 3<<20 {
		t.Errorf("map.png holds %d bytes, want the new %d", len(b), 3<<20)
	}
}
