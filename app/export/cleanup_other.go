//go:build !unix

// Ending the process after a signal where signals cannot be re-sent (Windows).
package export

import (
	"os"
	"syscall"
)

// cleanupSignals are the signals on which the live temporary files are
// removed: on Windows, Ctrl-C or Ctrl-Break (os.Interrupt) and closing the
// console, logging off or shutting down (SIGTERM).
var cleanupSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// reraise exits with the conventional status 128+s. It does not return.
func reraise(s os.Signal) {
	if n, ok := s.(syscall.Signal); ok {
		os.Exit(128 + int(n))
	}
	os.Exit(1)
}
