// Whether the window can open: the one line to print when it cannot.
package cli

import "fmt"

// noDisplay is the error CheckDisplay returns, why being the detail in brackets.
func noDisplay(why string) error {
	return fmt.Errorf("no display found (%s); the command line works without one: atlas help", why)
}
