//go:build unix

package export

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReplaceKeepsPermissions: a replaced file keeps its permission bits.
func TestReplaceKeepsPermissions(t *testing.T) {
	for _, perm := range []os.FileMode{0o600, 0o640, 0o604, 0o755} {
		t.Run(fmt.Sprintf("%04o", perm), func(t *testing.T) {
			bothTempKinds(t, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "map.png")
				writeOld(t, path, perm)
				if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
					t.Fatal(err)
				}
				fi, err := os.Stat(path)
				if err != nil {
					t.Fatal(err)
				}
				if got := fi.Mode().Perm(); got != perm {
					t.Errorf("mode %v after replacing, want %v", got, perm)
				}
			})
		})
	}
}

// TestNewFileFollowsUmask: a new file gets 0666 minus the umask, like os.Create.
func TestNewFileFollowsUmask(t *testing.T) {
	for _, umask := range []int{0o022, 0o027, 0o077, 0} {
		t.Run(fmt.Sprintf("umask_%03o", umask), func(t *testing.T) {
			bothTempKinds(t, func(t *testing.T) {
				defer syscall.Umask(syscall.Umask(umask)) // process-wide: tests here do not run in parallel
				path := filepath.Join(t.TempDir(), "map.png")
				if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
					t.Fatal(err)
				}
				fi, err := os.Stat(path)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := fi.Mode().Perm(), os.FileMode(0o666&^umask); got != want {
					t.Errorf("mode %v, want %v", got, want)
				}
			})
		})
	}
}

// TestLongNames: any name the file system accepts (up to 255 bytes) can be
// written, and a longer one fails, blaming the file name, not the folder.
func TestLongNames(t *testing.T) {
	bothTempKinds(t, func(t *testing.T) {
		dir := t.TempDir()
		for _, n := range []int{240, 250, 255} {
			name := strings.Repeat("a", n-len(".png")) + ".png"
			path := filepath.Join(dir, name)
			for _, content := range []string{"one", "two"} { // create, then replace
				if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, content); return err }); err != nil {
					t.Fatalf("%d-byte name: %v", n, err)
				}
				if b, _ := os.ReadFile(path); string(b) != content {
					t.Errorf("%d-byte name: file holds %q, want %q", n, b, content)
				}
			}
			os.Remove(path)
		}

		name := strings.Repeat("a", 256-len(".png")) + ".png"
		called := false
		err := WriteFileAtomic(filepath.Join(dir, name), func(io.Writer) error { called = true; return nil })
		want := "export: file name " + name + " is too long (256 bytes; the limit is 255)"
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Fatalf("256-byte name: got error %v, want %q", err, want)
		}
		if !errors.Is(err, syscall.ENAMETOOLONG) {
			t.Errorf("error %v does not wrap ENAMETOOLONG", err)
		}
		assertPrefixedOnce(t, err)
		if called {
			t.Error("the write callback was called")
		}
		if names := dirNames(t, dir); len(names) != 0 {
			t.Errorf("folder holds %q, want nothing", names)
		}
	})
}

// TestUnwritableFolder: a folder without write permission fails before the
// callback, naming the folder. Root ignores permission bits, so as root the
// write runs on a thread without CAP_DAC_OVERRIDE (where that is possible).
func TestUnwritableFolder(t *testing.T) {
	bothTempKinds(t, func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "ro")
		if err := os.Mkdir(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "map.png")
		called := false
		write := func() error {
			return WriteFileAtomic(path, func(io.Writer) error { called = true; return nil })
		}
		var err error
		if os.Geteuid() == 0 {
			var ok bool
			if ok, err = asUnprivileged(write); !ok {
				t.Skip("running as root and cannot drop CAP_DAC_OVERRIDE here")
			}
		} else {
			err = write()
		}
		if want := "export: cannot write in " + dir + ": permission denied"; err == nil || err.Error() != want {
			t.Fatalf("got error %v, want %q", err, want)
		}
		if !errors.Is(err, os.ErrPermission) {
			t.Errorf("error %v does not wrap a permission error", err)
		}
		if called {
			t.Error("the write callback was called")
		}
		if names := dirNames(t, dir); len(names) != 0 {
			t.Errorf("folder holds %q, want nothing", names)
		}
	})
}

// TestDeviceRefused: a path that exists but is not a regular file (a device,
// a pipe) is refused before the callback, rather than replaced by a file.
func TestDeviceRefused(t *testing.T) {
	called := false
	err := WriteFileAtomic(os.DevNull, func(io.Writer) error { called = true; return nil })
	if want := "export: " + os.DevNull + " is not a regular file"; err == nil || err.Error() != want {
		t.Fatalf("got error %v, want %q", err, want)
	}
	if called {
		t.Error("the write callback was called")
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&os.ModeDevice == 0 {
		t.Errorf("%s is no longer a device: %v, %v", os.DevNull, fi.Mode(), err)
	}
}
