package main

import (
	"regexp"
	"testing"
)

func TestISOTableHasNoDuplicateValues(t *testing.T) {
	seen := make(map[string]string)
	for num, alpha := range isoNumericToAlpha3 {
		if other, ok := seen[alpha]; ok {
			t.Errorf("alpha-3 %s is given to both %s and %s", alpha, other, num)
		}
		seen[alpha] = num
	}
}

func TestISOTableShape(t *testing.T) {
	numRe := regexp.MustCompile(`^[0-9]{3}$`)
	alphaRe := regexp.MustCompile(`^[A-Z]{3}$`)
	for num, alpha := range isoNumericToAlpha3 {
		if !numRe.MatchString(num) || !alphaRe.MatchString(alpha) {
			t.Errorf("bad entry %q: %q", num, alpha)
		}
	}
	if n := len(isoNumericToAlpha3); n != 249 {
		t.Errorf("table has %d entries, ISO 3166-1 assigns 249", n)
	}
}

func TestOverridesDoNotClash(t *testing.T) {
	inTable := make(map[string]bool)
	for _, alpha := range isoNumericToAlpha3 {
		inTable[alpha] = true
	}
	seen := make(map[string]string)
	for name, o := range nameOverrides {
		if inTable[o.alpha] {
			t.Errorf("override %s for %q is an ISO 3166-1 code", o.alpha, name)
		}
		if other, ok := seen[o.alpha]; ok {
			t.Errorf("override %s given to both %q and %q", o.alpha, other, name)
		}
		seen[o.alpha] = name
	}
}

func TestAlpha3For(t *testing.T) {
	tests := []struct {
		id, name, want string
		wantErr        bool
	}{
		{"156", "China", "CHN", false},
		{"036", "Australia", "AUS", false},
		{"036", "Ashmore and Cartier Is.", "ATC", false},
		{"", "Kosovo", "XKX", false},
		{"", "Somaliland", "SOL", false},
		{"", "N. Cyprus", "CYN", false},
		{"", "Indian Ocean Ter.", "IOA", false},
		{"", "Siachen Glacier", "KAS", false},
		{"999", "Nowhere", "", true},
		{"", "Nowhere", "", true},
		{"156", "Kosovo", "", true},               // override with an unexpected id
		{"", "Ashmore and Cartier Is.", "", true}, // override without its id
	}
	for _, tt := range tests {
		got, err := alpha3For(tt.id, tt.name)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("alpha3For(%q, %q) = %q, %v; want %q, error %v", tt.id, tt.name, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestCheckSameCodes(t *testing.T) {
	a := map[string]string{"China": "CHN", "Kosovo": "XKX"}
	tests := []struct {
		name    string
		b       map[string]string
		wantErr bool
	}{
		{"same", map[string]string{"China": "CHN", "Kosovo": "XKX", "Malta": "MLT"}, false},
		{"subset", map[string]string{"China": "CHN"}, false},
		{"name gets another code", map[string]string{"China": "CHX"}, true},
		{"code names another country", map[string]string{"Cathay": "CHN"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := checkSameCodes("110m", a, "50m", tt.b); (err != nil) != tt.wantErr {
				t.Errorf("got error %v, want error %v", err, tt.wantErr)
			}
		})
	}
}
