//go:build !linux

// Temporary files where O_TMPFILE does not exist: always named.
package export

// open opens the temporary file: a named one, removed on a signal.
func (t *target) open() error { return t.openNamed() }

// commit moves the complete temporary file over the target.
func (t *target) commit() error { return t.commitNamed() }
