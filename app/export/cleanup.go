// Removal of named temporary files on SIGINT, SIGTERM and SIGHUP: a registry of
// the live ones, and one signal handler installed only while there are any.
package export

import (
	"os"
	"os/signal"
	"sync"
)

// live holds the named temporary files that exist now, across all exports.
var live struct {
	mu    sync.Mutex          // held while a file is created or renamed, and by the handler to the end
	files map[string]struct{} // their paths
	stop  func()              // uninstalls the signal handler; nil while none is installed
}

// track installs the signal handler if none is, runs create with the registry
// locked and records the temporary file it returns. A signal that arrives
// during create waits for it, so the file is removed too.
func track(create func() (name string, err error)) (string, error) {
	live.mu.Lock()
	defer live.mu.Unlock()
	if live.stop == nil {
		live.stop = installHandler()
	}
	name, err := create()
	if err == nil {
		if live.files == nil {
			live.files = make(map[string]struct{})
		}
		live.files[name] = struct{}{}
	}
	stopIfIdle()
	return name, err
}

// untrack runs finish (which renames or removes name) with the registry
// locked, forgets name, and uninstalls the signal handler if no temporary file
// is left. It returns finish's error.
func untrack(name string, finish func() error) error {
	live.mu.Lock()
	defer live.mu.Unlock()
	err := finish()
	delete(live.files, name)
	stopIfIdle()
	return err
}

// stopIfIdle uninstalls the signal handler if no temporary file exists. The
// caller holds live.mu.
func stopIfIdle() {
	if len(live.files) == 0 && live.stop != nil {
		live.stop()
		live.stop = nil
	}
}

// handlerInstalled reports whether the signal handler is installed; for tests.
func handlerInstalled() bool {
	live.mu.Lock()
	defer live.mu.Unlock()
	return live.stop != nil
}

// installHandler starts delivering cleanupSignals (those the process does not
// ignore: a process started under nohup keeps ignoring SIGHUP) to a goroutine
// that removes the live temporary files and ends the process. The function
// returned stops the delivery; a signal that was already delivered is still
// acted on, since the process was meant to end.
func installHandler() (stop func()) {
	var sigs []os.Signal
	for _, s := range cleanupSignals {
		if !signal.Ignored(s) {
			sigs = append(sigs, s)
		}
	}
	if len(sigs) == 0 {
		return func() {}
	}
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, sigs...)
	go func() {
		select {
		case s := <-ch:
			removeAndExit(s)
		case <-done:
			select {
			case s := <-ch:
				removeAndExit(s)
			default:
			}
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// removeAndExit removes every live temporary file, then ends the process as s
// would have (see reraise). It waits for a create or rename under way, and
// keeps the registry locked, so no export can create another file meanwhile.
func removeAndExit(s os.Signal) {
	live.mu.Lock()
	for name := range live.files {
		os.Remove(name)
	}
	reraise(s)
}
