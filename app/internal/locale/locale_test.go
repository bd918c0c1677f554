package locale

import (
	"bufio"
	"bytes"
	"log"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
)

func TestLanguage(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want string // "" when LANGUAGE stays as it is
	}{
		{"unset", nil, ""},
		{"C", map[string]string{"LANG": "C"}, ""},
		{"POSIX", map[string]string{"LC_ALL": "POSIX", "LANGUAGE": "C.UTF-8"}, ""},
		{"C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, "en"},
		{"C.utf8", map[string]string{"LANG": "C.utf8"}, "en"},
		{"POSIX.UTF-8 in LC_MESSAGES", map[string]string{"LC_MESSAGES": "POSIX.UTF-8", "LANG": "de_DE.UTF-8"}, "en"},
		{"LC_ALL wins", map[string]string{"LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"},
		{"well-formed", map[string]string{"LANG": "fr_FR.UTF-8"}, ""},
		{"modifier", map[string]string{"LANG": "ca_ES.UTF-8@valencia"}, ""},
		{"modifier without charset", map[string]string{"LANG": "ca_ES@valencia"}, "ca_ES"},
		{"script", map[string]string{"LANG": "sr_RS@latin"}, "sr_RS"},
		{"LANGUAGE well-formed", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "fr:de_DE"}, ""},
		{"LANGUAGE partly C", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "C.UTF-8:fr"}, "fr"},
		{"LANGUAGE empty entry", map[string]string{"LANG": "de_DE.UTF-8", "LANGUAGE": "de::en"}, "de:en"},
		{"LANGUAGE only C", map[string]string{"LANG": "de_DE.UTF-8", "LANGUAGE": "C.UTF-8"}, "de_DE"},
		{"LANGUAGE alone", map[string]string{"LANGUAGE": "C"}, "en"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, changed := Language(func(k string) string { return c.env[k] })
			if changed != (c.want != "") || got != c.want {
				t.Errorf("Language = %q, %v; want %q, %v", got, changed, c.want, c.want != "")
			}
		})
	}
}

// TestFyneQuiet sets each locale glibc can generate, plus the C locales, and
// checks that Fyne then reads the language without logging an error.
func TestFyneQuiet(t *testing.T) {
	locales := []string{"C", "POSIX", "C.UTF-8", "C.utf8", "POSIX.UTF-8", "C@euro", "en_US.UTF-8", "zh-Hant-TW", ""}
	// Lines like "ca_ES.UTF-8@valencia UTF-8", when the system has the list.
	if f, err := os.Open("/usr/share/i18n/SUPPORTED"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if l, _, _ := strings.Cut(sc.Text(), " "); l != "" && !strings.HasPrefix(l, "#") {
				locales = append(locales, l, strings.SplitN(l, ".", 2)[0])
			}
		}
		f.Close()
	}
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)
	for _, vars := range [][]string{{"LANG"}, {"LC_ALL"}, {"LANGUAGE", "LANG"}} {
		for _, l := range locales {
			for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
				t.Setenv(k, "")
			}
			for _, k := range vars {
				t.Setenv(k, l)
			}
			if v, ok := Language(os.Getenv); ok {
				os.Setenv("LANGUAGE", v)
			}
			logged.Reset()
			lang.SystemLocale()
			lang.AddTranslationsForLocale([]byte("{}"), "en") // looks up every language in LANGUAGE
			if logged.Len() > 0 {
				t.Errorf("%s=%q (LANGUAGE=%q): Fyne logged\n%s", strings.Join(vars, ","), l, os.Getenv("LANGUAGE"), logged.String())
			}
		}
	}
}
