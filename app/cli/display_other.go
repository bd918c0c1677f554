//go:build !(linux || freebsd || openbsd || netbsd) || android || wayland

package cli

// CheckDisplay returns nil: on this system the window's toolkit reports for
// itself when it cannot open a window.
func CheckDisplay() error { return nil }
