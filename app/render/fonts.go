// Fonts: the faces the map's text is drawn in.
package render

// Fonts are the regular and bold faces of the map's text. They are read-only
// after loading and safe for concurrent use.
type Fonts struct {
	Regular, Bold *Font
}

// For returns the bold face if bold, else the regular one.
func (f *Fonts) For(bold bool) *Font {
	if bold && f.Bold != nil {
		return f.Bold
	}
	return f.Regular
}
