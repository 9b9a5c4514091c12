// Package au holds the public holidays of Australia that every state and
// territory observes, as calendar rules.
//
// Australia has no single national calendar. The Fair Work Act 2009 (Cth),
// section 115(1)(a), names the public holidays of the National Employment
// Standards (1 January, 26 January, Good Friday, Easter Monday, 25 April,
// the King's Birthday, 25 and 26 December), but the King's Birthday is
// whatever day each state declares, and section 115(1)(b) and (3) leave the
// substitute days, and any further days, to state and territory law: the
// Public Holidays Act 2010 (NSW), Public Holidays Act 1993 (Vic), Holidays
// Act 1983 (Qld), Public and Bank Holidays Act 1972 (WA), Holidays Act 1910
// (SA; the Public Holidays Act 2023 (SA) replaced it from 1 January 2024),
// Statutory Holidays Act 2000 (Tas), Holidays Act 1958 (ACT) and Public
// Holidays Act 1981 (NT).
//
// National is therefore the days that every one of the eight jurisdictions
// observes, with the substitute rule that all eight share:
//
//	New Year's Day   1 January     Saturday or Sunday: the next weekday
//	Australia Day    26 January    Saturday or Sunday: the next weekday
//	Good Friday      Easter Sunday - 2
//	Easter Monday    Easter Sunday + 1
//	Anzac Day        25 April      no substitute (see below)
//	Christmas Day    25 December   Saturday or Sunday: the next weekday
//	Boxing Day       26 December   Saturday or Sunday: the next weekday
//
// The substitute day is the next Monday to Friday that is not already a
// holiday of the set (calendar.NextWeekday): Christmas on a Saturday and
// Boxing Day on a Sunday give Monday 27 and Tuesday 28 December, and
// Christmas on a Sunday gives Tuesday 27 December, Boxing Day keeping
// Monday 26, as every state's list shows. Several states keep the weekend
// date a public holiday as well ("additional day"); for a business calendar
// only the weekday matters. South Australia calls 26 December Proclamation
// Day; it is the same day off.
//
// The one-off National Day of Mourning for Queen Elizabeth II, Thursday 22
// September 2022, was proclaimed in every state and territory and is in the
// set.
//
// Two days that the Fair Work Act lists are not the same everywhere, so
// they are options of National rather than part of it:
//
//   - The King's Birthday (the Queen's Birthday until 2022) is the second
//     Monday in June in New South Wales, Victoria, South Australia,
//     Tasmania, the ACT and the Northern Territory, but a day proclaimed
//     each year in Western Australia (usually the last Monday in September)
//     and the first Monday in October in Queensland. WithKingsBirthday adds
//     the June date of the six.
//   - Anzac Day on a weekend: Western Australia and the ACT add the next
//     Monday when 25 April is a Saturday or a Sunday
//     (WithAnzacDayMondayAfterWeekend); Queensland and the Northern
//     Territory only when it is a Sunday (WithAnzacDayMondayAfterSunday);
//     New South Wales, Victoria and Tasmania never do, which is National's
//     rule (the ABC's state-by-state list of 22 April 2021). South
//     Australia followed the Sunday rule until 2023; its Public Holidays
//     Act 2023 gives the Monday for a public holiday on a Saturday or a
//     Sunday (as SafeWork SA describes it), so from 2024 it follows the
//     weekend rule, and WithAnzacDayMondayAfterWeekend gives its days from
//     2024 on. When 25 April is Easter
//     Sunday (2038), that Monday is Easter Monday, already a holiday, and
//     the Acts give no further day: with either option the set has no
//     separate Anzac Day in such a year, rather than a Tuesday that no Act
//     gives.
//
// The rest of a state's days (Labour Day on four different dates, Easter
// Saturday and Sunday, the Melbourne Cup, Canberra Day, Western Australia
// Day, Picnic Day, the part-day public holidays of Christmas Eve and New
// Year's Eve in South Australia and the Northern Territory) are not
// included. Add them to the set's rules so that substitutes skip them:
//
//	nsw, err := calendar.NewHolidays(append(au.National(au.WithKingsBirthday()).Rules(),
//		calendar.Rule{Name: "Labour Day", On: calendar.NthWeekday, Month: time.October, Weekday: time.Monday, N: 1},
//	)...)
//
// One-off days a state proclaims (Easter Tuesday 2011, when Anzac Day was
// Easter Monday) are not in the set either.
//
// The set is accurate from 1994, when every state first observed Australia
// Day on 26 January; bench/README.md compares it with rickar/cal's eight
// state lists for 2000-2100.
//
// Its examples (Example_australia, Example_australiaAnzacMonday) and tests are
// in calendar/holidays/au_test.go.
package au

import (
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
)

// An Option selects a variant of the Australian holidays for National.
type Option interface{ apply(*variant) }

type anzacSubstitute uint8

const (
	anzacNone anzacSubstitute = iota
	anzacAfterSunday
	anzacAfterWeekend
)

type variant struct {
	kingsBirthday bool
	anzac         anzacSubstitute
}

type optionFunc func(*variant)

func (f optionFunc) apply(v *variant) { f(v) }

// WithKingsBirthday adds the King's Birthday on the second Monday in June,
// as New South Wales, Victoria, South Australia, Tasmania, the ACT and the
// Northern Territory observe it (named the Queen's Birthday until 2022).
// It is not Western Australia's or Queensland's date.
func WithKingsBirthday() Option {
	return optionFunc(func(v *variant) { v.kingsBirthday = true })
}

// WithAnzacDayMondayAfterWeekend observes Anzac Day on the next weekday
// when 25 April is a Saturday or a Sunday, as Western Australia and the ACT
// do (and South Australia from 2024). It replaces
// WithAnzacDayMondayAfterSunday; the last of the two wins.
func WithAnzacDayMondayAfterWeekend() Option {
	return optionFunc(func(v *variant) { v.anzac = anzacAfterWeekend })
}

// WithAnzacDayMondayAfterSunday observes Anzac Day on Monday 26 April when
// 25 April is a Sunday (a Saturday keeps no substitute), as Queensland and
// the Northern Territory do (and South Australia until 2023). It replaces
// WithAnzacDayMondayAfterWeekend; the last of the two wins.
func WithAnzacDayMondayAfterSunday() Option {
	return optionFunc(func(v *variant) { v.anzac = anzacAfterSunday })
}

func build(v variant) calendar.Holidays {
	next := calendar.NextWeekday
	anzac := calendar.Rule{Name: "Anzac Day", On: calendar.MonthDay, Month: time.April, Day: 25}
	switch v.anzac {
	case anzacAfterSunday:
		anzac.Observance = calendar.SundayToMonday
	case anzacAfterWeekend:
		anzac.Observance = next
	}
	if v.anzac != anzacNone {
		anzac.Except = anzacOnEasterSunday
	}
	rules := []calendar.Rule{
		{Name: "New Year's Day", On: calendar.MonthDay, Month: time.January, Day: 1, Observance: next},
		{Name: "Australia Day", On: calendar.MonthDay, Month: time.January, Day: 26, Observance: next},
		{Name: "Good Friday", On: calendar.EasterOffset, Offset: -2},
		{Name: "Easter Monday", On: calendar.EasterOffset, Offset: 1},
		anzac,
	}
	if v.kingsBirthday {
		rules = append(rules,
			calendar.Rule{Name: "Queen's Birthday", On: calendar.NthWeekday, Month: time.June, Weekday: time.Monday, N: 2, ValidUntil: 2022},
			calendar.Rule{Name: "King's Birthday", On: calendar.NthWeekday, Month: time.June, Weekday: time.Monday, N: 2, ValidFrom: 2023},
		)
	}
	rules = append(rules,
		calendar.Rule{Name: "National Day of Mourning for Queen Elizabeth II", On: calendar.FixedDate, Date: date.New(2022, time.September, 22)},
		calendar.Rule{Name: "Christmas Day", On: calendar.MonthDay, Month: time.December, Day: 25, Observance: next},
		calendar.Rule{Name: "Boxing Day", On: calendar.MonthDay, Month: time.December, Day: 26, Observance: next},
	)
	return calendar.MustHolidays(rules...)
}

// anzacOnEasterSunday lists the years' 25 April that are Easter Sunday
// (2038, 2190, ...), when the Monday that the Acts substitute for Anzac Day
// is Easter Monday, already a holiday: the substitute gives no further day
// off, so the rule has no occurrence in those years (the calendar would
// otherwise move it on to the Tuesday).
var anzacOnEasterSunday = func() (out []date.Date) {
	for y := calendar.MinYear; y <= calendar.MaxYear; y++ {
		if e := calendar.EasterSunday(y); e == date.New(y, time.April, 25) {
			out = append(out, e)
		}
	}
	return out
}()

// variants holds every combination of the options, built once.
var variants = func() (out [2][3]calendar.Holidays) {
	for kb := range 2 {
		for a := range 3 {
			out[kb][a] = build(variant{kingsBirthday: kb == 1, anzac: anzacSubstitute(a)})
		}
	}
	return out
}()

// National returns the public holidays observed in every Australian state
// and territory, changed by the options. The set is shared and immutable.
func National(opts ...Option) calendar.Holidays {
	var v variant
	for _, o := range opts {
		if o != nil {
			o.apply(&v)
		}
	}
	kb := 0
	if v.kingsBirthday {
		kb = 1
	}
	return variants[kb][v.anzac]
}
