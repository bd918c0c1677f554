package icc

import (
	"strings"
	"testing"
	"time"

	"articleatlas/data"
)

func day(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func loadICC(t testing.TB) *ICC {
	t.Helper()
	icc, err := LoadICC(data.ICC)
	if err != nil {
		t.Fatal(err)
	}
	return icc
}

// TestPartyCounts checks the number of states parties on dates with a
// published count (sources in data/README.md).
func TestPartyCounts(t *testing.T) {
	icc := loadICC(t)
	cases := []struct {
		date string
		want int
		src  string
	}{
		{"2023-10-17", 123, "the article; ICC"},
		{"2011-08-01", 115, "Grenada the 115th"},
		{"2011-09-01", 116, "Tunisia the 116th"},
		{"2016-12-03", 124, "before Burundi's withdrawal"},
		{"2018-03-16", 123, "after Burundi's withdrawal"},
		{"2021-08-18", 123, "after the Philippines' withdrawal"},
		{"2024-02-01", 124, "Armenia the 124th"},
		{"2025-01-01", 125, "Ukraine the 125th"},
	}
	for _, c := range cases {
		t.Run(c.date, func(t *testing.T) {
			if got := icc.Count(Party, day(c.date)); got != c.want {
				t.Errorf("parties on %s = %d, want %d (%s)", c.date, got, c.want, c.src)
			}
		})
	}
}

func TestStatusOn(t *testing.T) {
	icc := loadICC(t)
	cases := []struct {
		iso, date string
		want      Status
		describe  string
	}{
		{"CHN", "2023-10-17", NonParty, "Not a party"},
		{"KGZ", "2023-10-17", Signatory, "Signed 8 December 1998 — not ratified"},
		{"NLD", "2023-10-17", Party, "State party since 1 July 2002"},
		{"BDI", "2017-10-26", Party, "State party since 1 December 2004 — withdrawal takes effect 27 October 2017"},
		{"BDI", "2017-10-27", Withdrawn, "Former state party — withdrawal took effect 27 October 2017"},
		{"PHL", "2023-10-17", Withdrawn, "Former state party — withdrawal took effect 17 March 2019"},
		{"USA", "2001-01-01", Signatory, "Signed 31 December 2000 — not ratified"},
		{"USA", "2023-10-17", NonParty, "Not a party — signed 31 December 2000, signature withdrawn 6 May 2002"},
		{"RUS", "2023-10-17", NonParty, "Not a party — signed 13 September 2000, signature withdrawn 30 November 2016"},
		{"UKR", "2023-10-17", Signatory, "Signed 20 January 2000 — not ratified"},
		{"UKR", "2024-12-01", Signatory, "Ratified 25 October 2024 — party from 1 January 2025"},
		{"UKR", "2025-01-01", Party, "State party since 1 January 2025"},
		{"ARM", "2024-02-01", Party, "State party since 1 February 2024"},
		{"MYS", "2019-04-01", NonParty, "Not a party"},
		{"GRL", "2004-09-30", NonParty, "Not a party"},
		{"GRL", "2023-10-17", Party, "Rome Statute applies since 1 October 2004 (territory of Denmark)"},
		{"ZZZ", "2023-10-17", NonParty, "Not a party"},
	}
	for _, c := range cases {
		t.Run(c.iso+"/"+c.date, func(t *testing.T) {
			si := icc.StatusOn(c.iso, day(c.date))
			if si.Status != c.want {
				t.Errorf("status = %v, want %v", si.Status, c.want)
			}
			if got := si.Describe(); got != c.describe {
				t.Errorf("Describe() = %q, want %q", got, c.describe)
			}
		})
	}
}

func TestStatusIntervals(t *testing.T) {
	m := Membership{ISO3: "XYZ", Signed: day("1999-01-01"), Joined: day("2004-03-01"), InForce: day("2004-06-01"),
		WithdrawalNotified: day("2015-02-01"), WithdrawalEffective: day("2016-02-01")}
	cases := []struct {
		date         string
		want         Status
		since, until string
	}{
		{"1998-06-01", NonParty, "", "1999-01-01"},
		{"1999-01-01", Signatory, "1999-01-01", "2004-06-01"},
		{"2004-05-31", Signatory, "1999-01-01", "2004-06-01"},
		{"2004-06-01", Party, "2004-06-01", "2016-02-01"},
		{"2016-01-31", Party, "2004-06-01", "2016-02-01"},
		{"2016-02-01", Withdrawn, "2016-02-01", ""},
	}
	for _, c := range cases {
		si := m.StatusOn(day(c.date))
		if si.Status != c.want || fmtDate(si.Since) != c.since || fmtDate(si.Until) != c.until {
			t.Errorf("%s: got %v [%s, %s), want %v [%s, %s)", c.date, si.Status, fmtDate(si.Since), fmtDate(si.Until), c.want, c.since, c.until)
		}
	}
}

func fmtDate(d Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(DateLayout)
}

func TestLoadICCRejectsBadInput(t *testing.T) {
	cases := map[string]string{
		"not json":         `{"states": [`,
		"bad code":         `{"states":[{"iso_a3":"CHINA","name":"x"}]}`,
		"duplicate":        `{"states":[{"iso_a3":"AAA"},{"iso_a3":"AAA"}]}`,
		"bad date":         `{"states":[{"iso_a3":"AAA","signed":"17/10/2023"}]}`,
		"withdrawal first": `{"states":[{"iso_a3":"AAA","in_force":"2005-01-01","withdrawal_effective":"2004-01-01"}]}`,
		"withdrawal alone": `{"states":[{"iso_a3":"AAA","withdrawal_effective":"2004-01-01"}]}`,
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := LoadICC([]byte(in))
			if err == nil || !strings.HasPrefix(err.Error(), "icc: membership") {
				t.Errorf("LoadICC(%s) error = %v, want an icc: membership error", in, err)
			}
		})
	}
}

func TestICCDataIsConsistent(t *testing.T) {
	icc := loadICC(t)
	future := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, m := range icc.States {
		if m.ISO3 != strings.ToUpper(m.ISO3) {
			t.Errorf("%s: code not upper case", m.ISO3)
		}
		if m.Name == "" {
			t.Errorf("%s: no name", m.ISO3)
		}
		if !m.InForce.IsZero() && m.InForce.Before(StatuteInForce) {
			t.Errorf("%s: in force %v, before the Statute itself (1 July 2002)", m.ISO3, m.InForce)
		}
		// Art. 126: in force on the first day of the month after the 60th day
		// following deposit, and never before the Statute itself. Successions
		// (Montenegro: in force from independence) and territories are exempt.
		if !m.InForce.IsZero() && !m.Joined.IsZero() && m.TerritoryOf == "" && !m.InForce.Before(m.Joined) {
			d60 := m.Joined.AddDate(0, 0, 60)
			want := time.Date(d60.Year(), d60.Month()+1, 1, 0, 0, 0, 0, time.UTC)
			if want.Before(StatuteInForce) {
				want = StatuteInForce
			}
			if !m.InForce.Equal(want) {
				t.Errorf("%s: in force %s, but art. 126 gives %s for a deposit on %s", m.ISO3, fmtDate(m.InForce), fmtDate(want), fmtDate(m.Joined))
			}
		}
		if m.TerritoryOf != "" && icc.Lookup(m.TerritoryOf) == nil {
			t.Errorf("%s: territory of %s, which has no record", m.ISO3, m.TerritoryOf)
		}
		_ = m.StatusOn(future)
	}
}
