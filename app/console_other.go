//go:build !windows

package main

// attachParentConsole does nothing outside Windows: there a program started
// from a terminal always has its standard output. See console_windows.go.
func attachParentConsole(args []string) {}
