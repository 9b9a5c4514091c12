// Package nl holds the public holidays of the Netherlands, as calendar
// rules: the days of the Algemene termijnenwet (the General Time Limits
// Act), which is the legal list.
//
//	Nieuwjaarsdag         1 January
//	Eerste Paasdag        Easter Sunday
//	Tweede Paasdag        Easter Monday
//	Koningsdag            27 April, or Saturday 26 April when the 27th is a Sunday (from 2014)
//	Koninginnedag         30 April, or Saturday 29 April when the 30th is a Sunday (1980 to 2013)
//	Bevrijdingsdag        5 May: every year from 1990, every fifth year (1945, 1950, ...) before
//	Hemelvaartsdag        Easter Sunday + 39
//	Eerste Pinksterdag    Easter Sunday + 49
//	Tweede Pinksterdag    Easter Sunday + 50
//	Eerste Kerstdag       25 December
//	Tweede Kerstdag       26 December
//
// Which of these are days off is a matter of each collective labour
// agreement (cao), and two choices vary, so they are options of National:
//
//   - Goede Vrijdag (Good Friday) is not in the Act and is a day off only
//     under some agreements; WithGoodFriday adds it.
//   - Bevrijdingsdag is a holiday every year by law, but most agreements give
//     the day off only in lustrum years (2020, 2025, 2030);
//     WithLiberationDayEveryFiveYears keeps it only in those.
//
// Dutch holidays do not move, except King's Day (calendar.SundayToSaturday).
// When two fall on one date (Ascension Day on 5 May, as in 2016) both are
// reported and the day is closed once. The set is accurate from 1980.
//
// Its example (Example_netherlands) and tests are in calendar/holidays/nl_test.go.
package nl

import (
	"time"

	"github.com/go-itsm/itsm/calendar"
)

// An Option selects a variant of the Dutch holidays for National.
type Option interface{ apply(*variant) }

type variant struct{ goodFriday, lustrum bool }

type optionFunc func(*variant)

func (f optionFunc) apply(v *variant) { f(v) }

// WithGoodFriday adds Goede Vrijdag (Easter Sunday - 2), a day off under
// some collective agreements but not a holiday of the Algemene termijnenwet.
func WithGoodFriday() Option { return optionFunc(func(v *variant) { v.goodFriday = true }) }

// WithLiberationDayEveryFiveYears keeps Bevrijdingsdag only in lustrum years
// (years divisible by 5), as most collective agreements do.
func WithLiberationDayEveryFiveYears() Option {
	return optionFunc(func(v *variant) { v.lustrum = true })
}

func annual(name string, m time.Month, d int) calendar.Rule {
	return calendar.Rule{Name: name, On: calendar.MonthDay, Month: m, Day: d}
}

func easter(name string, offset int) calendar.Rule {
	return calendar.Rule{Name: name, On: calendar.EasterOffset, Offset: offset}
}

func build(v variant) calendar.Holidays {
	rules := []calendar.Rule{annual("Nieuwjaarsdag", time.January, 1)}
	if v.goodFriday {
		rules = append(rules, easter("Goede Vrijdag", -2))
	}
	rules = append(rules,
		easter("Eerste Paasdag", 0),
		easter("Tweede Paasdag", 1),
		calendar.Rule{Name: "Koninginnedag", On: calendar.MonthDay, Month: time.April, Day: 30,
			Observance: calendar.SundayToSaturday, ValidFrom: 1980, ValidUntil: 2013},
		calendar.Rule{Name: "Koningsdag", On: calendar.MonthDay, Month: time.April, Day: 27,
			Observance: calendar.SundayToSaturday, ValidFrom: 2014},
	)
	liberation := annual("Bevrijdingsdag", time.May, 5)
	lustrum := liberation
	lustrum.ValidFrom, lustrum.Every = 1945, 5
	if v.lustrum {
		rules = append(rules, lustrum)
	} else {
		lustrum.ValidUntil = 1989
		liberation.ValidFrom = 1990
		rules = append(rules, lustrum, liberation)
	}
	rules = append(rules,
		easter("Hemelvaartsdag", 39),
		easter("Eerste Pinksterdag", 49),
		easter("Tweede Pinksterdag", 50),
		annual("Eerste Kerstdag", time.December, 25),
		annual("Tweede Kerstdag", time.December, 26),
	)
	return calendar.MustHolidays(rules...)
}

// variants holds every combination of the options, built once.
var variants = [2][2]calendar.Holidays{
	{build(variant{}), build(variant{lustrum: true})},
	{build(variant{goodFriday: true}), build(variant{goodFriday: true, lustrum: true})},
}

// National returns the Dutch public holidays of the Algemene termijnenwet,
// changed by the options. The set is shared and immutable.
func National(opts ...Option) calendar.Holidays {
	var v variant
	for _, o := range opts {
		if o != nil {
			o.apply(&v)
		}
	}
	return variants[b2i(v.goodFriday)][b2i(v.lustrum)]
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
