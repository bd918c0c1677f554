//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is ATTACH_PARENT_PROCESS, AttachConsole's "the console
// of the process that started this one".
const attachParentProcess = ^uintptr(0)

// attachConsole is kernel32's AttachConsole, which golang.org/x/sys/windows
// does not wrap.
var attachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// attachParentConsole makes a command's output visible in the console it was
// typed in. The Windows build is linked as a GUI program (-H windowsgui), so a
// double-click opens the map with no console window; the price is that a
// command run from cmd.exe or PowerShell starts with no standard output. Given
// any argument (a command, or a mistyped one that earns an error), it attaches
// to the parent's console and reopens os.Stdout and os.Stderr on it, except a
// stream the shell already redirected to a file or pipe, which is kept.
// Without arguments, or with no parent console (started from Explorer), it
// does nothing. The shell does not wait for a GUI program, so its prompt may
// print before the output.
//
// Call it once, first thing in main, before anything writes to os.Stdout or
// os.Stderr; it is not safe for concurrent use.
func attachParentConsole(args []string) {
	if len(args) == 0 {
		return
	}
	keepStdout := isOpenHandle(windows.STD_OUTPUT_HANDLE)
	keepStderr := isOpenHandle(windows.STD_ERROR_HANDLE)
	if keepStdout && keepStderr {
		return
	}
	if ok, _, _ := attachConsole.Call(attachParentProcess); ok == 0 {
		return
	}
	if !keepStdout {
		if f := openConsoleOutput(windows.STD_OUTPUT_HANDLE); f != nil {
			os.Stdout = f
		}
	}
	if !keepStderr {
		if f := openConsoleOutput(windows.STD_ERROR_HANDLE); f != nil {
			os.Stderr = f
		}
	}
}

// isOpenHandle reports whether the standard handle std (STD_OUTPUT_HANDLE or
// STD_ERROR_HANDLE) leads somewhere: a file, pipe or console the process was
// given at start.
func isOpenHandle(std uint32) bool {
	h, err := windows.GetStdHandle(std)
	if err != nil || h == 0 || h == windows.InvalidHandle {
		return false
	}
	kind, err := windows.GetFileType(h)
	return err == nil && kind != windows.FILE_TYPE_UNKNOWN
}

// openConsoleOutput opens the attached console's screen buffer (CONOUT$) and
// makes it the process's standard handle std as well, for code that writes
// through the handle rather than os.Stdout. It returns nil if the console
// cannot be opened.
func openConsoleOutput(std uint32) *os.File {
	f, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		return nil
	}
	_ = windows.SetStdHandle(std, windows.Handle(f.Fd()))
	return f
}
