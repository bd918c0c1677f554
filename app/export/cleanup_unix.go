//go:build unix

// Ending the process by a signal on Unix.
package export

import (
	"os"
	"os/signal"
	"syscall"
	"time"
)

// cleanupSignals are the signals on which the live temporary files are removed.
var cleanupSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// reraise restores the default action of s and sends s to the process again,
// so that it ends as if never handled (its parent sees "killed by signal s";
// a shell shows 128+s). Should the signal not end it, it exits with 128+s.
// It does not return.
func reraise(s os.Signal) {
	signal.Reset(s)
	n, ok := s.(syscall.Signal)
	if !ok {
		os.Exit(1)
	}
	syscall.Kill(syscall.Getpid(), n)
	time.Sleep(time.Second) // delivery is asynchronous
	os.Exit(128 + int(n))
}
