//go:build (linux || freebsd || openbsd || netbsd) && !android && !wayland

package cli

import (
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
)

func TestCheckX11(t *testing.T) {
	cases := []struct {
		name, display, wayland string
		answers                string   // the one address that answers, if any
		tried                  []string // what is dialled, in order
		err                    string   // "" when the window may try
	}{
		{name: "unset", err: "no display found (DISPLAY is not set); the command line works without one: atlas help"},
		{name: "Wayland only", wayland: "wayland-0", err: "under Wayland the window needs XWayland"},
		{name: "local, no server", display: ":77",
			tried: []string{"unix @/tmp/.X11-unix/X77", "unix /tmp/.X11-unix/X77", "tcp localhost:6077"},
			err:   "no display found (nothing answers at DISPLAY=:77)"},
		{name: "local", display: ":0.0", answers: "unix /tmp/.X11-unix/X0",
			tried: []string{"unix @/tmp/.X11-unix/X0", "unix /tmp/.X11-unix/X0"}},
		{name: "unix", display: "unix:3", tried: []string{"unix @/tmp/.X11-unix/X3", "unix /tmp/.X11-unix/X3"}, err: "DISPLAY=unix:3"},
		{name: "ssh forwarding", display: "localhost:10.0", answers: "tcp localhost:6010", tried: []string{"tcp localhost:6010"}},
		{name: "remote, no server", display: "tcp/example.org:1", tried: []string{"tcp example.org:6001"}, err: "DISPLAY=tcp/example.org:1"},
		{name: "IPv6", display: "::1:2", answers: "tcp [::1]:6002", tried: []string{"tcp [::1]:6002"}},
		{name: "DECnet", display: "node::0"},
		{name: "socket path", display: "/private/tmp/com.apple.launchd.x/org.xquartz:0"},
		{name: "no number", display: "junk"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var tried []string
			dial := func(network, addr string) error {
				a := network + " " + addr
				tried = append(tried, a)
				if a == c.answers {
					return nil
				}
				return errors.New("connection refused")
			}
			err := checkX11(c.display, c.wayland, dial)
			switch {
			case c.err == "" && err != nil:
				t.Errorf("error %q, want none", err)
			case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
				t.Errorf("error %v, want one containing %q", err, c.err)
			}
			// Abstract sockets are Linux's; elsewhere the path is tried alone.
			want := slices.DeleteFunc(slices.Clone(c.tried), func(a string) bool {
				return strings.HasPrefix(a, "unix @") && !abstractSockets()
			})
			if !slices.Equal(tried, want) {
				t.Errorf("dialled %q, want %q", tried, want)
			}
		})
	}
}

// TestCheckX11TCP dials a real listener, then the same port once it is closed.
func TestCheckX11TCP(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("no loopback network:", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	if port < 6000 {
		l.Close()
		t.Skipf("port %d is below X's 6000", port)
	}
	display := fmt.Sprintf("127.0.0.1:%d", port-6000)
	if err := checkX11(display, "", dialX11); err != nil {
		t.Errorf("DISPLAY=%s with a listener: %v", display, err)
	}
	l.Close()
	if err := checkX11(display, "", dialX11); err == nil {
		t.Errorf("DISPLAY=%s with nothing listening: no error", display)
	}
}
