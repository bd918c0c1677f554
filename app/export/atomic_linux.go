//go:build linux

// Unnamed temporary files on Linux: the image is written to a file opened with
// O_TMPFILE, which has no name until it is complete, so a process killed while
// writing (even by SIGKILL) leaves nothing behind. linkat cannot replace a file,
// so the complete file is linked to a short hidden name and renamed over the
// target; only that moment needs the signal handler of cleanup.go.
package export

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// open opens an unnamed temporary file in t.dir, or a named one if the file
// system does not support O_TMPFILE or /proc is not mounted (linkat needs
// /proc/self/fd to give the file a name without CAP_DAC_READ_SEARCH).
func (t *target) open() error {
	if forceNamed {
		return t.openNamed()
	}
	fd, err := unix.Open(t.dir, unix.O_TMPFILE|unix.O_WRONLY|unix.O_CLOEXEC, uint32(t.createPerm()))
	switch {
	case err == nil:
		if _, err := os.Stat(procPath(fd)); err != nil {
			unix.Close(fd)
			return t.openNamed()
		}
		t.f = os.NewFile(uintptr(fd), t.path)
		return nil
	case errors.Is(err, unix.EOPNOTSUPP), errors.Is(err, unix.EISDIR), errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS):
		// No O_TMPFILE here: EOPNOTSUPP from the file system, EISDIR or
		// EINVAL from kernels older than 3.11.
		return t.openNamed()
	default:
		return cannotWrite(t.dir, err)
	}
}

// procPath is the /proc name of this process's file descriptor fd.
func procPath(fd int) string { return "/proc/self/fd/" + strconv.Itoa(fd) }

// commit moves the complete temporary file over the target: linkat to a
// short hidden name (recorded for removal on a signal), then rename.
func (t *target) commit() error {
	if t.name != "" {
		return t.commitNamed()
	}
	t.done = true
	if err := t.settle(); err != nil {
		t.f.Close()
		return fmt.Errorf("export: cannot write %s: %w", t.path, cause(err))
	}
	proc := procPath(int(t.f.Fd()))
	name, err := track(func() (string, error) {
		for range 100 {
			name := filepath.Join(t.dir, tempName())
			err := unix.Linkat(unix.AT_FDCWD, proc, unix.AT_FDCWD, name, unix.AT_SYMLINK_FOLLOW)
			if errors.Is(err, unix.EEXIST) {
				continue
			}
			if err != nil {
				return "", err
			}
			return name, nil
		}
		return "", errors.New("no free temporary file name")
	})
	cerr := t.f.Close()
	if err != nil {
		return cannotWrite(t.dir, err)
	}
	if cerr != nil {
		t.discard(name)
		return fmt.Errorf("export: cannot write %s: %w", t.path, cause(cerr))
	}
	return t.replace(name)
}
