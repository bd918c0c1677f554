// Package locale makes the locale settings of the environment readable by
// Fyne. Fyne looks up the user's language in LC_ALL, LC_MESSAGES, LANG and
// LANGUAGE (through github.com/jeandeaual/go-locale) and logs "Fyne error:
// Error parsing user locale" for a value that is not a language tag, such as
// C.UTF-8 or ca_ES@valencia. Importing this package sets LANGUAGE, for this
// process and its children, to tags naming the same language ("en" for the C
// locales, which are untranslated English). LC_ALL, LC_MESSAGES and LANG are
// left as they are, so the character set they choose still holds.
//
// Fyne looks the language up while its packages are initialised, so this
// package must be initialised first. It imports only os and strings, which every
// Fyne package needs too; among packages ready to initialise, Go picks the one
// whose import path sorts first, and "articleatlas/…" sorts before "fyne.io/…"
// and "github.com/…".
package locale

import (
	"os"
	"strings"
)

func init() {
	if v, ok := Language(os.Getenv); ok {
		os.Setenv("LANGUAGE", v)
	}
}

// Language returns the value LANGUAGE must take so that the locale variables
// read through getenv name a language tag, and false if they already do.
// It follows go-locale: the first of LC_ALL, LC_MESSAGES and LANG that is set
// decides, unless LANGUAGE is set and that value is not exactly C or POSIX.
func Language(getenv func(string) string) (string, bool) {
	var loc string
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = getenv(k); loc != "" {
			break
		}
	}
	if loc == "C" || loc == "POSIX" {
		return "", false // go-locale reports no language and Fyne uses English
	}
	if list := getenv("LANGUAGE"); list != "" {
		ok := true
		var tags []string
		for _, l := range strings.Split(list, ":") {
			ok = ok && readable(l)
			if t := clean(l); t != "" {
				tags = append(tags, t)
			}
		}
		if ok {
			return "", false
		}
		if len(tags) > 0 {
			return strings.Join(tags, ":"), true
		}
	} else if loc == "" || readable(loc) {
		return "", false
	}
	if t := clean(loc); t != "" {
		return t, true
	}
	return "en", true
}

// readable reports whether go-locale turns locale l into a well-formed tag:
// it drops the character set but keeps a modifier ("de_DE@euro" is not).
func readable(l string) bool {
	base, _, _ := strings.Cut(l, ".")
	lang, region := split(base)
	return isLanguage(lang) && (region == "" || isRegion(region))
}

// clean returns locale l as language_REGION when that is a well-formed tag,
// else its language alone, else "": "ca_ES.UTF-8@valencia" → "ca_ES",
// "sr-Latn-RS" → "sr", "C.UTF-8" → "".
func clean(l string) string {
	if i := strings.IndexAny(l, ".@"); i >= 0 {
		l = l[:i]
	}
	lang, region := split(l)
	switch {
	case !isLanguage(lang):
		return ""
	case isRegion(region):
		return lang + "_" + region
	default:
		return lang
	}
}

// split cuts a locale without character set or modifier into language and region.
func split(l string) (lang, region string) {
	lang, region, _ = strings.Cut(strings.ReplaceAll(l, "-", "_"), "_")
	return lang, region
}

// isLanguage reports whether s is a two- or three-letter ISO 639 code.
func isLanguage(s string) bool {
	return (len(s) == 2 || len(s) == 3) && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}

// isRegion reports whether s is a two-letter ISO 3166 code or a three-digit UN M.49 code.
func isRegion(s string) bool {
	switch len(s) {
	case 2:
		return strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
	case 3:
		return strings.Trim(s, "0123456789") == ""
	}
	return false
}
