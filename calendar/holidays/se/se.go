// Package se holds the public holidays of Sweden (allmänna helgdagar), as
// calendar rules, following lag (1989:253) om allmänna helgdagar, with the
// three eves that are days off by custom and collective agreement:
//
//	Nyårsdagen                1 January
//	Trettondedag jul          6 January
//	Långfredagen              Easter Sunday - 2
//	Påskdagen                 Easter Sunday
//	Annandag påsk             Easter Sunday + 1
//	Första maj                1 May
//	Kristi himmelsfärdsdag    Easter Sunday + 39
//	Pingstdagen               Easter Sunday + 49
//	Annandag pingst           Easter Sunday + 50 (until 2004)
//	Sveriges nationaldag      6 June (from 2005)
//	Midsommarafton            the Friday from 19 to 25 June (eve)
//	Midsommardagen            the Saturday from 20 to 26 June
//	Alla helgons dag          the Saturday from 31 October to 6 November
//	Julafton                  24 December (eve)
//	Juldagen                  25 December
//	Annandag jul              26 December
//	Nyårsafton                31 December (eve)
//
// The eves are not holidays by law, but the Annual Leave Act treats them as
// Sundays and nearly every employer closes: a service desk calendar needs
// them. Statutory() leaves them out. Sweden has no substitute days.
//
// The set is accurate from 1989.
//
// Its example (Example_sweden) and tests are in calendar/holidays/se_test.go.
package se

import (
	"time"

	"github.com/go-itsm/itsm/calendar"
)

var statutoryRules = []calendar.Rule{
	{Name: "Nyårsdagen", On: calendar.MonthDay, Month: time.January, Day: 1},
	{Name: "Trettondedag jul", On: calendar.MonthDay, Month: time.January, Day: 6},
	{Name: "Långfredagen", On: calendar.EasterOffset, Offset: -2},
	{Name: "Påskdagen", On: calendar.EasterOffset, Offset: 0},
	{Name: "Annandag påsk", On: calendar.EasterOffset, Offset: 1},
	{Name: "Första maj", On: calendar.MonthDay, Month: time.May, Day: 1},
	{Name: "Kristi himmelsfärdsdag", On: calendar.EasterOffset, Offset: 39},
	{Name: "Pingstdagen", On: calendar.EasterOffset, Offset: 49},
	{Name: "Annandag pingst", On: calendar.EasterOffset, Offset: 50, ValidUntil: 2004},
	{Name: "Sveriges nationaldag", On: calendar.MonthDay, Month: time.June, Day: 6, ValidFrom: 2005},
	{Name: "Midsommardagen", On: calendar.NthWeekday, Month: time.June, Day: 20, Weekday: time.Saturday, N: 1},
	{Name: "Alla helgons dag", On: calendar.NthWeekday, Month: time.October, Day: 31, Weekday: time.Saturday, N: 1},
	{Name: "Juldagen", On: calendar.MonthDay, Month: time.December, Day: 25},
	{Name: "Annandag jul", On: calendar.MonthDay, Month: time.December, Day: 26},
}

var (
	statutory = calendar.MustHolidays(statutoryRules...)
	national  = calendar.MustHolidays(append(statutoryRules,
		calendar.Rule{Name: "Midsommarafton", On: calendar.NthWeekday, Month: time.June, Day: 19, Weekday: time.Friday, N: 1},
		calendar.Rule{Name: "Julafton", On: calendar.MonthDay, Month: time.December, Day: 24},
		calendar.Rule{Name: "Nyårsafton", On: calendar.MonthDay, Month: time.December, Day: 31},
	)...)
)

// National returns the public holidays of Sweden and the three eves that
// are days off (Midsummer, Christmas and New Year's Eve). The set is shared
// and immutable.
func National() calendar.Holidays { return national }

// Statutory returns only the holidays of lag (1989:253), without the eves.
func Statutory() calendar.Holidays { return statutory }
