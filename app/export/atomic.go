// Atomic file replacement: check the target, write to a temporary file in the
// same folder, then rename it over the target. The temporary file is unnamed
// where the system allows it (atomic_linux.go); otherwise it has a short hidden
// name and is removed on failure and on SIGINT, SIGTERM or SIGHUP (cleanup.go).
package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
)

// maxNameBytes is the longest file name (one path element) that Linux, macOS
// and Windows file systems commonly accept.
const maxNameBytes = 255

// forceNamed makes the next temporary files named even where an unnamed one is
// possible. Tests set it to exercise the fallback.
var forceNamed bool

// WriteFileAtomic replaces path with the bytes write produces, so that path
// holds either its old content or all of the new, never a part.
//
// Before write is called, path is checked and the temporary file is opened, so
// a path that is a folder, a folder that does not exist or cannot be written,
// or a name that is too long fails at once and write is never called.
// Otherwise write is called once, on the calling goroutine, with a buffered
// writer that it must not keep.
//
// On Linux the bytes go to an unnamed file (O_TMPFILE), which nothing, not
// even SIGKILL, can leave behind; it is given a short hidden name only for the
// moment between being complete and being renamed over path. Elsewhere, and on
// file systems without O_TMPFILE, the temporary file is named
// ".atlas-XXXXXX.tmp" from the start. A named temporary file is removed on
// failure; while one exists, the process handles SIGINT, SIGTERM and SIGHUP
// (those it does not ignore) by removing it and then ending as the signal would
// have (on Unix by the same signal; on Windows with exit status 128+signal),
// even if the program has handlers of its own for them. Only SIGKILL can leave a
// named file behind.
//
// A file that is replaced keeps its permission bits (not its owner); a new
// file gets 0666 minus the umask, like os.Create. The data is synced to disk
// before the rename. Errors begin with "export: " and name the file or the
// folder at fault. Safe to call from any goroutine, including several at once.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	t, err := prepare(path)
	if err != nil {
		return err
	}
	defer t.abort() // also if write panics; a no-op once commit has begun
	bw := bufio.NewWriterSize(t.f, 1<<20)
	if err := write(bw); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path == t.f.Name() { // the temporary file failed, not write
			return fmt.Errorf("export: cannot write %s: %w", path, pe.Err)
		}
		return fmt.Errorf("export: %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: cannot write %s: %w", path, cause(err))
	}
	return t.commit()
}

// CheckPath reports whether WriteFileAtomic (or WritePNGFile) could write path,
// with the error it would give, without changing anything: it opens a
// temporary file in path's folder and closes it again (a named one is removed,
// as on failure). A caller may use it to fail before slow work that the write
// does not cover, such as loading data. Safe to call from any goroutine.
func CheckPath(path string) error {
	t, err := prepare(path)
	if err != nil {
		return err
	}
	t.abort()
	return nil
}

// target is a checked destination and its open temporary file.
type target struct {
	path string
	dir  string
	perm fs.FileMode // permission bits of the file being replaced
	keep bool        // path exists: give the new file perm before renaming
	f    *os.File    // the temporary file, open for writing
	name string      // its name, or "" while it is unnamed (O_TMPFILE)
	done bool        // commit or abort has begun: the temporary file is taken care of
}

// abort closes the temporary file and removes it if it has a name. It does
// nothing once commit or abort has begun.
func (t *target) abort() {
	if t.done {
		return
	}
	t.done = true
	t.f.Close()
	if t.name != "" {
		t.discard(t.name)
	}
}

// prepare checks path and opens its temporary file. It changes nothing
// visible on disk except, in the named fallback, the temporary file itself.
func prepare(path string) (*target, error) {
	if path == "" {
		return nil, errors.New("export: no file name given")
	}
	t := &target{path: path, dir: filepath.Dir(path)}
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return nil, fmt.Errorf("export: %s is a folder, not a file", path)
	case err == nil && !fi.Mode().IsRegular():
		return nil, fmt.Errorf("export: %s is not a regular file", path)
	case err == nil:
		t.perm, t.keep = fi.Mode().Perm(), true
	case errors.Is(err, syscall.ENAMETOOLONG):
		return nil, nameTooLong(path)
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		if err := checkDir(t.dir); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("export: %s: %w", path, cause(err))
	}
	if err := t.open(); err != nil {
		return nil, err
	}
	return t, nil
}

// checkDir explains why a file cannot be created in dir, if it is not a folder.
func checkDir(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case err == nil && !fi.IsDir():
		return fmt.Errorf("export: %s is a file, not a folder", dir)
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		return fmt.Errorf("export: folder %s does not exist", dir)
	case errors.Is(err, syscall.ENAMETOOLONG):
		return fmt.Errorf("export: folder path %s is too long: %w", dir, syscall.ENAMETOOLONG)
	default:
		return fmt.Errorf("export: folder %s: %w", dir, cause(err))
	}
}

// nameTooLong blames the file name if it is the long part of path, else the folder.
func nameTooLong(path string) error {
	if base := filepath.Base(path); len(base) > maxNameBytes {
		return fmt.Errorf("export: file name %s is too long (%d bytes; the limit is %d): %w",
			base, len(base), maxNameBytes, syscall.ENAMETOOLONG)
	}
	return fmt.Errorf("export: folder path %s is too long: %w", filepath.Dir(path), syscall.ENAMETOOLONG)
}

// cannotWrite is the error for a folder in which no file can be created.
func cannotWrite(dir string, err error) error {
	return fmt.Errorf("export: cannot write in %s: %w", dir, cause(err))
}

// cause strips the operation and path that os errors carry (often the
// temporary file's name, which means nothing to the user).
func cause(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	case errors.As(err, &se):
		return se.Err
	}
	return err
}

// createPerm is the mode to create the temporary file with: private while it
// is written if it will replace a file (commit then sets perm), else 0666 for
// the kernel to reduce by the umask.
func (t *target) createPerm() fs.FileMode {
	if t.keep {
		return 0o600
	}
	return 0o666
}

// tempName returns a short random hidden file name, whatever the target's
// length: ".atlas-" + 6 characters + ".tmp" = 17 bytes. Lower case only, so
// names differ on case-insensitive file systems too.
func tempName() string {
	const chars = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := []byte(".atlas-XXXXXX.tmp")
	for i := len(".atlas-"); i < len(".atlas-XXXXXX"); i++ {
		b[i] = chars[rand.IntN(len(chars))]
	}
	return string(b)
}

// openNamed creates a named temporary file in t.dir, recorded for removal on a
// signal.
func (t *target) openNamed() error {
	name, err := track(func() (string, error) {
		for range 100 {
			name := filepath.Join(t.dir, tempName())
			f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, t.createPerm())
			if errors.Is(err, fs.ErrExist) {
				continue
			}
			if err != nil {
				return "", err
			}
			t.f = f
			return name, nil
		}
		return "", errors.New("no free temporary file name")
	})
	if err != nil {
		return cannotWrite(t.dir, err)
	}
	t.name = name
	return nil
}

// settle gives the complete temporary file the replaced file's permission bits
// and syncs it to disk, so that after a crash path holds the old or the new
// content, not an empty file.
func (t *target) settle() error {
	if t.keep {
		if err := t.f.Chmod(t.perm); err != nil {
			return err
		}
	}
	return t.f.Sync()
}

// commitNamed renames the named temporary file over the target, or removes it
// on failure.
func (t *target) commitNamed() error {
	t.done = true
	err := t.settle()
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.discard(t.name)
		return fmt.Errorf("export: cannot write %s: %w", t.path, cause(err))
	}
	return t.replace(t.name)
}

// replace renames the complete temporary file name over the target, or
// removes it if that fails, and forgets it.
func (t *target) replace(name string) error {
	return untrack(name, func() error {
		if err := os.Rename(name, t.path); err != nil {
			os.Remove(name)
			return fmt.Errorf("export: cannot replace %s: %w", t.path, cause(err))
		}
		return nil
	})
}

// discard removes the temporary file name and forgets it.
func (t *target) discard(name string) {
	untrack(name, func() error { return os.Remove(name) })
}
