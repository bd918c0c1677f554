// Package icc is the International Criminal Court's membership: each state's
// Rome Statute history and its status on any date. It holds rules, not
// geometry, and never imports Fyne.
package icc

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Status is a state's relation to the Rome Statute on a given date.
type Status int

// The four status classes the map shades.
const (
	NonParty  Status = iota // never signed, signature withdrawn, or not yet a party
	Party                   // the Statute is in force for the state
	Signatory               // signed (or ratified, awaiting entry into force), not a party
	Withdrawn               // was a party; its withdrawal has taken effect
)

// Statuses lists the classes in legend order.
var Statuses = []Status{Party, Signatory, Withdrawn, NonParty}

// String is the machine name used on the command line and in CSV: party,
// signatory, withdrawn, non-party.
func (s Status) String() string {
	switch s {
	case Party:
		return "party"
	case Signatory:
		return "signatory"
	case Withdrawn:
		return "withdrawn"
	default:
		return "non-party"
	}
}

// Label is the human name of the class, as the legend shows it.
func (s Status) Label() string {
	switch s {
	case Party:
		return "State party"
	case Signatory:
		return "Signed, not ratified"
	case Withdrawn:
		return "Former state party"
	default:
		return "Not a party"
	}
}

// Date is a civil date at midnight UTC.
type Date = time.Time

// DateLayout is the ISO 8601 calendar date layout used in data files and flags.
const DateLayout = "2006-01-02"

// ArticleDate is the day the article reports: Putin arrives in Beijing, 17 October 2023.
var ArticleDate = time.Date(2023, 10, 17, 0, 0, 0, 0, time.UTC)

// ParseDate reads YYYY-MM-DD as a civil date.
func ParseDate(s string) (Date, error) {
	d, err := time.Parse(DateLayout, strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("icc: date %q is not YYYY-MM-DD", s)
	}
	return d, nil
}

// FormatDate writes a date the way the details panel does: "1 July 2002".
func FormatDate(d Date) string { return d.Format("2 January 2006") }

// Membership is one state's history with the Rome Statute. Zero dates mean "never".
type Membership struct {
	ISO3                string
	Name                string
	Signed              Date // signature
	Joined              Date // deposit of ratification or accession
	InForce             Date // the Statute entered into force for the state
	WithdrawalNotified  Date // notice of withdrawal deposited
	WithdrawalEffective Date // the withdrawal took effect (art. 127: one year later)
	SignatureWithdrawn  Date // declared it does not intend to become a party
	// TerritoryOf is the ISO3 of the sovereign state for a dependent territory
	// drawn as its own map unit (Greenland → DNK); "" for states. Territories
	// carry their own dates but are not counted as states.
	TerritoryOf string
	Sovereign   string // the sovereign state's name, for territories
	Note        string
}

// StatusInfo is a state's status on a date, with the dates that explain it.
type StatusInfo struct {
	Status Status
	Since  Date        // when this status began; zero if it always held
	Until  Date        // when it ends, if that is known; zero if open-ended
	On     Date        // the date asked about
	M      *Membership // the record behind it; nil for states with no Rome Statute history
}

// on reports whether the event at d has happened by day `at` (inclusive).
func on(d, at Date) bool { return !d.IsZero() && !d.After(at) }

// StatusOn computes the status of m on date d. A state is a party from the day the
// Statute enters into force for it until the day its withdrawal takes effect.
func (m *Membership) StatusOn(d Date) StatusInfo {
	si := m.status(d)
	si.On, si.M = d, m
	return si
}

func (m *Membership) status(d Date) StatusInfo {
	next := func(ds ...Date) Date { // earliest event after d
		var best Date
		for _, x := range ds {
			if !x.IsZero() && x.After(d) && (best.IsZero() || x.Before(best)) {
				best = x
			}
		}
		return best
	}
	switch {
	case on(m.WithdrawalEffective, d):
		return StatusInfo{Status: Withdrawn, Since: m.WithdrawalEffective}
	case on(m.InForce, d):
		return StatusInfo{Status: Party, Since: m.InForce, Until: m.WithdrawalEffective}
	case on(m.SignatureWithdrawn, d):
		return StatusInfo{Status: NonParty, Since: m.SignatureWithdrawn}
	case on(m.Signed, d) || on(m.Joined, d) && !m.InForce.IsZero():
		since := m.Signed
		if !on(since, d) {
			since = m.Joined
		}
		return StatusInfo{Status: Signatory, Since: since, Until: next(m.InForce, m.SignatureWithdrawn)}
	default:
		return StatusInfo{Status: NonParty, Until: next(m.Signed, m.Joined, m.InForce)}
	}
}

// Describe is the status in words with its dates, as the details panel shows it,
// e.g. "State party since 1 July 2002".
func (si StatusInfo) Describe() string {
	m := si.M
	switch si.Status {
	case Party:
		s := "State party since " + FormatDate(si.Since)
		if m != nil && m.TerritoryOf != "" {
			s = "Rome Statute applies since " + FormatDate(si.Since) + " (territory of " + m.Sovereign + ")"
		}
		if !si.Until.IsZero() {
			s += " — withdrawal takes effect " + FormatDate(si.Until)
		}
		return s
	case Withdrawn:
		return "Former state party — withdrawal took effect " + FormatDate(si.Since)
	case Signatory:
		if m != nil && on(m.Joined, si.On) {
			return "Ratified " + FormatDate(m.Joined) + " — party from " + FormatDate(m.InForce)
		}
		return "Signed " + FormatDate(si.Since) + " — not ratified"
	default:
		if m != nil && !m.SignatureWithdrawn.IsZero() && !si.Since.IsZero() {
			return "Not a party — signed " + FormatDate(m.Signed) + ", signature withdrawn " + FormatDate(m.SignatureWithdrawn)
		}
		return "Not a party"
	}
}

// ICC is the registry of every state with a Rome Statute history.
// It is read-only after LoadICC and safe for concurrent use.
type ICC struct {
	Source string
	States []Membership // sorted by ISO3
	index  map[string]int
}

type iccFile struct {
	Source string `json:"source"`
	States []struct {
		ISO3                string `json:"iso_a3"`
		Name                string `json:"name"`
		Signed              string `json:"signed"`
		Joined              string `json:"joined"`
		InForce             string `json:"in_force"`
		WithdrawalNotified  string `json:"withdrawal_notified"`
		WithdrawalEffective string `json:"withdrawal_effective"`
		SignatureWithdrawn  string `json:"signature_withdrawn"`
		TerritoryOf         string `json:"territory_of"`
		Note                string `json:"note"`
	} `json:"states"`
}

// LoadICC decodes the membership file (data/icc.json) and checks it: known
// codes once each, valid dates in a sensible order.
func LoadICC(data []byte) (*ICC, error) {
	var f iccFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("icc: membership: %w", err)
	}
	icc := &ICC{Source: f.Source, index: make(map[string]int)}
	for i, s := range f.States {
		if len(s.ISO3) != 3 {
			return nil, fmt.Errorf("icc: membership: entry %d: iso_a3 %q is not three letters", i, s.ISO3)
		}
		if _, dup := icc.index[s.ISO3]; dup {
			return nil, fmt.Errorf("icc: membership: %s listed twice", s.ISO3)
		}
		m := Membership{ISO3: s.ISO3, Name: s.Name, TerritoryOf: s.TerritoryOf, Note: s.Note}
		for _, fd := range []struct {
			name string
			in   string
			out  *Date
		}{
			{"signed", s.Signed, &m.Signed}, {"joined", s.Joined, &m.Joined}, {"in_force", s.InForce, &m.InForce},
			{"withdrawal_notified", s.WithdrawalNotified, &m.WithdrawalNotified},
			{"withdrawal_effective", s.WithdrawalEffective, &m.WithdrawalEffective},
			{"signature_withdrawn", s.SignatureWithdrawn, &m.SignatureWithdrawn},
		} {
			if fd.in == "" {
				continue
			}
			d, err := ParseDate(fd.in)
			if err != nil {
				return nil, fmt.Errorf("icc: membership: %s %s: %w", s.ISO3, fd.name, err)
			}
			*fd.out = d
		}
		if !m.WithdrawalEffective.IsZero() && (m.InForce.IsZero() || !m.WithdrawalEffective.After(m.InForce)) {
			return nil, fmt.Errorf("icc: membership: %s: withdrawal takes effect before the Statute entered into force", s.ISO3)
		}
		icc.index[m.ISO3] = len(icc.States)
		icc.States = append(icc.States, m)
	}
	sort.Slice(icc.States, func(i, j int) bool { return icc.States[i].ISO3 < icc.States[j].ISO3 })
	for i, m := range icc.States {
		icc.index[m.ISO3] = i
	}
	for i := range icc.States {
		m := &icc.States[i]
		if m.TerritoryOf == "" {
			continue
		}
		m.Sovereign = m.TerritoryOf
		if s := icc.Lookup(m.TerritoryOf); s != nil {
			m.Sovereign = s.Name
		}
	}
	return icc, nil
}

// Lookup returns the membership record for a state, or nil if it has none.
func (icc *ICC) Lookup(iso3 string) *Membership {
	if i, ok := icc.index[iso3]; ok {
		return &icc.States[i]
	}
	return nil
}

// StatusOn returns the status of the state iso3 on date d; states without a
// record are non-parties.
func (icc *ICC) StatusOn(iso3 string, d Date) StatusInfo {
	if m := icc.Lookup(iso3); m != nil {
		return m.StatusOn(d)
	}
	return StatusInfo{Status: NonParty, On: d}
}

// Count returns how many recorded states (not territories) are in status s on date d.
func (icc *ICC) Count(s Status, d Date) int {
	n := 0
	for i := range icc.States {
		if icc.States[i].TerritoryOf == "" && icc.States[i].StatusOn(d).Status == s {
			n++
		}
	}
	return n
}

// StatuteInForce is the day the Rome Statute entered into force: 1 July 2002.
var StatuteInForce = time.Date(2002, 7, 1, 0, 0, 0, 0, time.UTC)
