//go:build (linux || freebsd || openbsd || netbsd) && !android && !wayland

// On Linux and the BSDs the window opens through X11 (XWayland under Wayland),
// at the display DISPLAY names.
package cli

import (
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// CheckDisplay returns an error, one line for the user, when the window could
// not open because DISPLAY is unset or no X server answers at it; the toolkit
// would otherwise panic. It returns nil for a display it cannot check.
func CheckDisplay() error {
	return checkX11(os.Getenv("DISPLAY"), os.Getenv("WAYLAND_DISPLAY"), dialX11)
}

// dialTimeout bounds the wait for a remote X server (ssh -X forwards to localhost:10).
const dialTimeout = 3 * time.Second

func dialX11(network, addr string) error {
	c, err := net.DialTimeout(network, addr, dialTimeout)
	if err == nil {
		c.Close()
	}
	return err
}

// checkX11 is CheckDisplay for the given DISPLAY and WAYLAND_DISPLAY, trying
// each address of the display with dial until one answers.
func checkX11(display, wayland string, dial func(network, addr string) error) error {
	if display == "" {
		if wayland != "" {
			return noDisplay("DISPLAY is not set; under Wayland the window needs XWayland")
		}
		return noDisplay("DISPLAY is not set")
	}
	addrs := x11Addrs(display, abstractSockets())
	if addrs == nil {
		return nil
	}
	for _, a := range addrs {
		if dial(a[0], a[1]) == nil {
			return nil
		}
	}
	return noDisplay(fmt.Sprintf("nothing answers at DISPLAY=%s", display))
}

// abstractSockets reports whether X servers here listen on abstract sockets too.
func abstractSockets() bool { return runtime.GOOS == "linux" }

// x11Addrs returns the network and address pairs an X client tries for display,
// written [protocol/][host]:number[.screen]: for ":1", the server's socket
// (Linux: the abstract one first) then TCP port 6001 on this machine; for
// "unix:1" the socket only; for "host:1" TCP port 6001 on host. It returns nil
// for forms it does not know (DECnet "host::1", socket paths, other protocols).
func x11Addrs(display string, abstract bool) [][2]string {
	i := strings.LastIndexByte(display, ':')
	if i < 0 {
		return nil
	}
	host, num := display[:i], display[i+1:]
	if strings.HasSuffix(host, ":") || strings.HasPrefix(host, "/") {
		return nil
	}
	num, _, _ = strings.Cut(num, ".")
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 || n > 59535 {
		return nil
	}
	protocol := ""
	if p, h, ok := strings.Cut(host, "/"); ok {
		protocol, host = p, h
	}
	socket := fmt.Sprintf("/tmp/.X11-unix/X%d", n)
	var unix [][2]string
	if abstract {
		unix = append(unix, [2]string{"unix", "@" + socket})
	}
	unix = append(unix, [2]string{"unix", socket})
	tcp := func(host string) [][2]string {
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		return [][2]string{{"tcp", net.JoinHostPort(host, strconv.Itoa(6000+n))}}
	}
	switch {
	case protocol == "unix" || protocol == "local" || (protocol == "" && host == "unix"):
		return unix
	case protocol == "" && host == "":
		return append(unix, tcp("localhost")...)
	case protocol == "" || protocol == "tcp" || protocol == "inet" || protocol == "inet6":
		if host == "" {
			host = "localhost"
		}
		return tcp(host)
	}
	return nil
}
