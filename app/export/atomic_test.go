package export

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// bothTempKinds runs test with the platform's usual temporary file (unnamed on
// Linux) and with the named fallback.
func bothTempKinds(t *testing.T, test func(t *testing.T)) {
	t.Helper()
	for _, named := range []bool{false, true} {
		name := "usual"
		if named {
			name = "named"
		}
		t.Run(name, func(t *testing.T) {
			defer func(old bool) { forceNamed = old }(forceNamed)
			forceNamed = named
			test(t)
		})
	}
}

// writeOld creates path holding "old" with permission bits perm.
func writeOld(t *testing.T, path string, perm os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte("old"), perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil { // WriteFile's mode is reduced by the umask
		t.Fatal(err)
	}
}

// dirNames lists the names in dir, sorted.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// assertOnlyOld checks that dir holds map.png with "old" in it, and nothing else.
func assertOnlyOld(t *testing.T, dir string) {
	t.Helper()
	if names := dirNames(t, dir); !slices.Equal(names, []string{"map.png"}) {
		t.Errorf("folder holds %q, want only map.png", names)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "map.png")); err != nil || string(b) != "old" {
		t.Errorf("map.png holds %q (%v), want the old content", b, err)
	}
}

// assertPrefixedOnce checks that err starts with "export: " and says it once.
func assertPrefixedOnce(t *testing.T, err error) {
	t.Helper()
	if msg := err.Error(); !strings.HasPrefix(msg, "export: ") || strings.Count(msg, "export: ") != 1 {
		t.Errorf("error %q: want the prefix \"export: \" exactly once", msg)
	}
}

// TestBadTargetFailsFast: a path that cannot be written fails before the
// callback is called, with an error that names the culprit, and changes nothing.
//
//	dir/
//	├── sub/       a folder where the file should go
//	└── file.txt   a file where a folder should be
func TestBadTargetFailsFast(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	file := filepath.Join(dir, "file.txt")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
	}{
		{"path is a folder", sub, "export: " + sub + " is a folder, not a file"},
		{"folder missing", filepath.Join(dir, "nope", "map.png"), "export: folder " + filepath.Join(dir, "nope") + " does not exist"},
		{"folders missing", filepath.Join(dir, "a", "b", "map.png"), "export: folder " + filepath.Join(dir, "a", "b") + " does not exist"},
		{"folder is a file", filepath.Join(file, "map.png"), "export: " + file + " is a file, not a folder"},
		{"below a file", filepath.Join(file, "sub", "map.png"), "export: folder " + filepath.Join(file, "sub") + " does not exist"},
		{"no name", "", "export: no file name given"},
	}
	before := dirNames(t, dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bothTempKinds(t, func(t *testing.T) {
				called := false
				err := WriteFileAtomic(tt.path, func(io.Writer) error { called = true; return nil })
				if err == nil || err.Error() != tt.want {
					t.Fatalf("got error %v, want %q", err, tt.want)
				}
				assertPrefixedOnce(t, err)
				if called {
					t.Error("the write callback was called")
				}
				if err := CheckPath(tt.path); err == nil || err.Error() != tt.want {
					t.Errorf("CheckPath: got error %v, want %q", err, tt.want)
				}
				if after := dirNames(t, dir); !slices.Equal(after, before) {
					t.Errorf("folder now holds %q, want %q", after, before)
				}
			})
		})
	}
}

// TestCheckPathChangesNothing: CheckPath accepts a writable path and leaves
// the folder as it was.
func TestCheckPathChangesNothing(t *testing.T) {
	bothTempKinds(t, func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "map.png")
		if err := CheckPath(path); err != nil {
			t.Fatal(err)
		}
		if names := dirNames(t, dir); len(names) != 0 {
			t.Errorf("folder holds %q, want nothing", names)
		}
		writeOld(t, path, 0o644)
		if err := CheckPath(path); err != nil {
			t.Fatal(err)
		}
		assertOnlyOld(t, dir)
	})
}

// TestTempNameShort: temporary names are short, hidden and random, whatever
// the target, so any name the file system accepts can be exported to.
func TestTempNameShort(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		n := tempName()
		if len(n) > 20 || !strings.HasPrefix(n, ".atlas-") || !strings.HasSuffix(n, ".tmp") {
			t.Fatalf("temporary name %q: want .atlas-XXXXXX.tmp, at most 20 bytes", n)
		}
		seen[n] = true
	}
	if len(seen) < 99 {
		t.Errorf("%d distinct names in 100, want them random", len(seen))
	}
}

// TestNamedTempWhileWriting: the named fallback uses a short hidden name, and
// the signal handler is installed exactly while that file exists.
func TestNamedTempWhileWriting(t *testing.T) {
	defer func(old bool) { forceNamed = old }(forceNamed)
	forceNamed = true
	dir := t.TempDir()
	path := filepath.Join(dir, strings.Repeat("m", 200)+".png")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		names := dirNames(t, dir)
		if len(names) != 1 || !strings.HasPrefix(names[0], ".atlas-") || len(names[0]) > 20 {
			t.Errorf("while writing the folder holds %q, want one .atlas-XXXXXX.tmp", names)
		}
		if !handlerInstalled() {
			t.Error("no signal handler while a named temporary file exists")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if handlerInstalled() {
		t.Error("signal handler still installed after the export")
	}
	if names := dirNames(t, dir); len(names) != 1 || names[0] != filepath.Base(path) {
		t.Errorf("folder holds %q, want only the map", names)
	}
}

// TestWriteErrorPrefixedOnce: an error from the callback is wrapped once, with
// the target's name.
func TestWriteErrorPrefixedOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "map.png")
	base := errors.New("render: out of memory")
	err := WriteFileAtomic(path, func(io.Writer) error { return base })
	if !errors.Is(err, base) {
		t.Fatalf("got %v, want it to wrap %v", err, base)
	}
	assertPrefixedOnce(t, err)
}

// TestHandlerSharedByConcurrentExports: with two named temporary files alive,
// the signal handler stays installed until the last one is gone.
func TestHandlerSharedByConcurrentExports(t *testing.T) {
	defer func(old bool) { forceNamed = old }(forceNamed)
	forceNamed = true
	dir := t.TempDir()
	write := func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }
	err := WriteFileAtomic(filepath.Join(dir, "a.png"), func(w io.Writer) error {
		if err := WriteFileAtomic(filepath.Join(dir, "b.png"), write); err != nil {
			return err
		}
		if !handlerInstalled() {
			t.Error("signal handler removed while a.png's temporary file still exists")
		}
		return write(w)
	})
	if err != nil {
		t.Fatal(err)
	}
	if handlerInstalled() {
		t.Error("signal handler still installed after both exports")
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"a.png", "b.png"}) {
		t.Errorf("folder holds %q, want a.png and b.png", names)
	}
}
