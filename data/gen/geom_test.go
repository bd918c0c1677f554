package main

import (
	"reflect"
	"testing"

	"github.com/paulmach/orb"
)

func TestCleanPolygonOrientation(t *testing.T) {
	ccwSquare := orb.Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}
	cwSquare := orb.Ring{{0, 0}, {0, 10}, {10, 10}, {10, 0}, {0, 0}}
	ccwHole := orb.Ring{{2, 2}, {4, 2}, {4, 4}, {2, 4}, {2, 2}}
	cwHole := orb.Ring{{2, 2}, {2, 4}, {4, 4}, {4, 2}, {2, 2}}
	tests := []struct {
		name string
		in   orb.Polygon
		want orb.Polygon
	}{
		{"already RFC 7946", orb.Polygon{ccwSquare, cwHole}, orb.Polygon{ccwSquare, cwHole}},
		{"both wrong", orb.Polygon{cwSquare, ccwHole}, orb.Polygon{ccwSquare, cwHole}},
		{"exterior wrong", orb.Polygon{cwSquare, cwHole}, orb.Polygon{ccwSquare, cwHole}},
		{"hole wrong", orb.Polygon{ccwSquare, ccwHole}, orb.Polygon{ccwSquare, cwHole}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in.Clone()
			got, ok := cleanPolygon(in)
			if !ok {
				t.Fatal("not ok")
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if signedArea(got[0]) <= 0 || signedArea(got[1]) >= 0 {
				t.Errorf("areas %g, %g: want exterior > 0, hole < 0", signedArea(got[0]), signedArea(got[1]))
			}
			if !reflect.DeepEqual(in, tt.in) {
				t.Errorf("input modified: %v", in)
			}
		})
	}
}

func TestCleanRing(t *testing.T) {
	tests := []struct {
		name   string
		in     orb.Ring
		want   orb.Ring
		wantOK bool
	}{
		{"rounds and drops duplicates",
			orb.Ring{{0.000001, 0}, {1, 0}, {1, 0}, {1.0000001, 0.000004}, {1, 1}, {0, 0}},
			orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}}, true},
		{"closes an open ring", orb.Ring{{0, 0}, {1, 0}, {1, 1}}, orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}}, true},
		{"negative zero becomes zero", orb.Ring{{-0.000001, 0}, {1, 0}, {1, 1}, {-0.000001, 0}}, orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}}, true},
		{"too few points", orb.Ring{{0, 0}, {1, 0}, {1, 0}, {0, 0}}, nil, false},
		{"zero area", orb.Ring{{0, 0}, {1, 0}, {2, 0}, {0, 0}}, nil, false},
		{"zero area after rounding", orb.Ring{{0, 0}, {1, 0.000001}, {2, 0}, {0, 0}}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := cleanRing(tt.in)
			if ok != tt.wantOK || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, %v; want %v, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestCleanPolygonDropsDegenerate(t *testing.T) {
	ext := orb.Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}
	flatHole := orb.Ring{{2, 2}, {3, 2}, {4, 2}, {2, 2}}
	got, ok := cleanPolygon(orb.Polygon{ext, flatHole})
	if !ok || len(got) != 1 {
		t.Errorf("got %v, %v; want the exterior only", got, ok)
	}
	if _, ok := cleanPolygon(orb.Polygon{{{0, 0}, {1, 1}, {2, 2}, {0, 0}}}); ok {
		t.Error("flat exterior: ok, want not ok")
	}
}

func TestValidatePolygon(t *testing.T) {
	good := orb.Polygon{{{0, 0}, {10, 0}, {10, 10}, {0, 0}}}
	if err := validatePolygon(good); err != nil {
		t.Errorf("good polygon: %v", err)
	}
	bad := map[string]orb.Polygon{
		"no rings":           {},
		"too short":          {{{0, 0}, {1, 0}, {0, 0}}},
		"open":               {{{0, 0}, {10, 0}, {10, 10}, {0, 1}}},
		"clockwise":          {{{0, 0}, {10, 10}, {10, 0}, {0, 0}}},
		"duplicate":          {{{0, 0}, {10, 0}, {10, 0}, {10, 10}, {0, 0}}},
		"out of range":       {{{170, 0}, {181, 0}, {181, 10}, {170, 0}}},
		"crosses the line":   {{{-179, 0}, {179, 0}, {179, 1}, {-179, 0}}},
		"zero area":          {{{0, 0}, {1, 0}, {2, 0}, {0, 0}}},
		"hole anticlockwise": {{{0, 0}, {10, 0}, {10, 10}, {0, 0}}, {{5, 1}, {9, 1}, {9, 5}, {5, 1}}},
	}
	for name, p := range bad {
		if err := validatePolygon(p); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
