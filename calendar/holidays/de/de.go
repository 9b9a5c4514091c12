// Package de holds the public holidays of Germany, as calendar rules: the
// days that are holidays in every state (National) and, per state, those
// plus the state's own (State).
//
// National holidays:
//
//	Neujahr                     1 January
//	Karfreitag                  Easter Sunday - 2
//	Ostermontag                 Easter Sunday + 1
//	Tag der Arbeit              1 May
//	Christi Himmelfahrt         Easter Sunday + 39
//	Pfingstmontag               Easter Sunday + 50
//	Tag der Deutschen Einheit   3 October (from 1990)
//	1. Weihnachtstag            25 December
//	2. Weihnachtstag            26 December
//
// plus Reformationstag on 31 October 2017 only (the 500th anniversary of the
// Reformation, a holiday in every state that year; in the states that keep
// it every year the state rule covers it), and Buß- und Bettag (the
// Wednesday before 23 November) until 1994, when it stopped being a
// national holiday.
//
// German holidays do not move: one on a Sunday is lost
// (calendar.NoObservance). Ostersonntag and Pfingstsonntag are holidays by
// law only in Brandenburg and are in its state set only. Holidays of single
// municipalities or of parts of a state are not included: Mariä Himmelfahrt
// in the Catholic communities of Bavaria, Fronleichnam in parts of Saxony
// and Thuringia, the Augsburger Friedensfest. The sets are accurate from
// 1991.
//
// Its examples (Example_germanyState, Example_germany) and tests are in calendar/holidays/de_test.go.
package de

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
)

func annual(name string, m time.Month, d int) calendar.Rule {
	return calendar.Rule{Name: name, On: calendar.MonthDay, Month: m, Day: d}
}

func easter(name string, offset int) calendar.Rule {
	return calendar.Rule{Name: name, On: calendar.EasterOffset, Offset: offset}
}

func from(r calendar.Rule, year int) calendar.Rule {
	r.ValidFrom = year
	return r
}

var (
	reformation2017 = calendar.Rule{Name: "Reformationstag", On: calendar.FixedDate, Date: date.New(2017, 10, 31)}
	repentance      = calendar.Rule{Name: "Buß- und Bettag", On: calendar.NthWeekday, Month: time.November, Day: 22,
		Weekday: time.Wednesday, N: -1}
	national = calendar.MustHolidays(nationalRules(true)...)
)

// nationalRules returns the holidays of every state, with the one-off
// Reformationstag of 2017 when reformation500 is set. The states that keep
// Reformationstag every year have 31 October 2017 from their own rule and
// leave the one-off out.
func nationalRules(reformation500 bool) []calendar.Rule {
	rules := []calendar.Rule{
		annual("Neujahr", time.January, 1),
		easter("Karfreitag", -2),
		easter("Ostermontag", 1),
		annual("Tag der Arbeit", time.May, 1),
		easter("Christi Himmelfahrt", 39),
		easter("Pfingstmontag", 50),
		from(annual("Tag der Deutschen Einheit", time.October, 3), 1990),
	}
	if reformation500 {
		rules = append(rules, reformation2017)
	}
	return append(rules,
		func() calendar.Rule { r := repentance; r.ValidUntil = 1994; return r }(),
		annual("1. Weihnachtstag", time.December, 25),
		annual("2. Weihnachtstag", time.December, 26),
	)
}

var (
	epiphany     = annual("Heilige Drei Könige", time.January, 6)
	womensDay    = annual("Internationaler Frauentag", time.March, 8)
	easterSunday = easter("Ostersonntag", 0)
	whitSunday   = easter("Pfingstsonntag", 49)
	corpus       = easter("Fronleichnam", 60)
	assumption   = annual("Mariä Himmelfahrt", time.August, 15)
	childrensDay = annual("Weltkindertag", time.September, 20)
	reformation  = annual("Reformationstag", time.October, 31)
	allSaints    = annual("Allerheiligen", time.November, 1)
	liberation   = func(y int) calendar.Rule {
		return calendar.Rule{Name: "Tag der Befreiung", On: calendar.FixedDate, Date: date.New(y, time.May, 8)}
	}
)

// stateRules are each state's own holidays, by ISO 3166-2 code, apart from
// a Reformationstag kept every year (see reformationEveryYear).
var stateRules = map[string][]calendar.Rule{
	"BW": {epiphany, corpus, allSaints},
	"BY": {epiphany, corpus, allSaints},
	"BE": {from(womensDay, 2019), liberation(2020), liberation(2025)},
	"BB": {easterSunday, whitSunday},
	"HB": {from(reformation, 2018)},
	"HH": {from(reformation, 2018)},
	"HE": {corpus},
	"MV": {from(womensDay, 2023)},
	"NI": {from(reformation, 2018)},
	"NW": {corpus, allSaints},
	"RP": {corpus, allSaints},
	"SL": {corpus, assumption, allSaints},
	"SN": {func() calendar.Rule { r := repentance; r.ValidFrom = 1995; return r }()},
	"ST": {epiphany},
	"SH": {from(reformation, 2018)},
	"TH": {from(childrensDay, 2019)},
}

// reformationEveryYear are the states that keep Reformationstag every year,
// 2017 included: their sets have the annual rule instead of the national
// one-off of 2017.
var reformationEveryYear = map[string]bool{"BB": true, "MV": true, "SN": true, "ST": true, "TH": true}

var states = func() map[string]calendar.Holidays {
	out := make(map[string]calendar.Holidays, len(stateRules))
	for code, own := range stateRules {
		rules := nationalRules(true)
		if reformationEveryYear[code] {
			rules = append(nationalRules(false), reformation)
		}
		out[code] = calendar.MustHolidays(append(rules, own...)...)
	}
	return out
}()

// National returns the holidays of every German state. The set is shared
// and immutable.
func National() calendar.Holidays { return national }

// State returns the holidays of one state, national ones included, by its
// ISO 3166-2 code with or without the country prefix, in any case: "BY" or
// "DE-BY" for Bavaria. The states are BW (Baden-Württemberg), BY (Bayern),
// BE (Berlin), BB (Brandenburg), HB (Bremen), HH (Hamburg), HE (Hessen), MV
// (Mecklenburg-Vorpommern), NI (Niedersachsen), NW (Nordrhein-Westfalen), RP
// (Rheinland-Pfalz), SL (Saarland), SN (Sachsen), ST (Sachsen-Anhalt), SH
// (Schleswig-Holstein) and TH (Thüringen). Berlin's set includes its
// one-off Tag der Befreiung of 2020 and 2025. An unknown code fails with a
// *calendar.FieldError wrapping calendar.ErrUnknownName whose message lists
// the codes.
func State(code string) (calendar.Holidays, error) {
	c := strings.TrimPrefix(strings.ToUpper(code), "DE-")
	if h, ok := states[c]; ok {
		return h, nil
	}
	return calendar.Holidays{}, &calendar.FieldError{Path: "state", Value: code, Err: calendar.ErrUnknownName,
		Reason: "not an ISO 3166-2 code of a German state (known: " + strings.Join(slices.Sorted(maps.Keys(states)), ", ") + ")"}
}
