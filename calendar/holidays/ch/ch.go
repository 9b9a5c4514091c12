// Package ch holds public holidays of Switzerland, as calendar rules.
// Switzerland leaves holidays to the cantons: the Confederation sets only
// the national day, 1 August (article 110 of the Federal Constitution), and
// each canton may treat up to eight other days as Sundays (article 20a of
// the Labour Act, ArG).
//
// Federal is the days off throughout Switzerland: the national day and the
// three days that every canton keeps.
//
//	Neujahrstag               1 January
//	Auffahrt                  Easter Sunday + 39 (Ascension)
//	Bundesfeiertag            1 August
//	Weihnachtstag             25 December
//
// Zurich is the canton of Zurich, following its Ruhetags- und
// Ladenöffnungsgesetz (§ 1):
//
//	Neujahrstag               1 January
//	Karfreitag                Easter Sunday - 2
//	Ostermontag               Easter Sunday + 1
//	Tag der Arbeit            1 May
//	Auffahrt                  Easter Sunday + 39
//	Pfingstmontag             Easter Sunday + 50
//	Bundesfeiertag            1 August
//	Weihnachtstag             25 December
//	Stephanstag               26 December
//
// Berchtoldstag (2 January) and the afternoons of Sechseläuten and
// Knabenschiessen in the city of Zurich are days or half days off by custom,
// not by law, and are not in the set: add them as rules (a
// calendar.ClosesEarly rule for a half day) where an employer gives them.
// Switzerland has no substitute days.
//
// The sets are accurate from 1994, when 1 August became a public holiday.
//
// Its example (Example_switzerland) and tests are in calendar/holidays/ch_test.go.
package ch

import (
	"time"

	"github.com/go-itsm/itsm/calendar"
)

var (
	federal = calendar.MustHolidays(
		calendar.Rule{Name: "Neujahrstag", On: calendar.MonthDay, Month: time.January, Day: 1},
		calendar.Rule{Name: "Auffahrt", On: calendar.EasterOffset, Offset: 39},
		calendar.Rule{Name: "Bundesfeiertag", On: calendar.MonthDay, Month: time.August, Day: 1, ValidFrom: 1994},
		calendar.Rule{Name: "Weihnachtstag", On: calendar.MonthDay, Month: time.December, Day: 25},
	)
	zurich = calendar.MustHolidays(
		calendar.Rule{Name: "Neujahrstag", On: calendar.MonthDay, Month: time.January, Day: 1},
		calendar.Rule{Name: "Karfreitag", On: calendar.EasterOffset, Offset: -2},
		calendar.Rule{Name: "Ostermontag", On: calendar.EasterOffset, Offset: 1},
		calendar.Rule{Name: "Tag der Arbeit", On: calendar.MonthDay, Month: time.May, Day: 1},
		calendar.Rule{Name: "Auffahrt", On: calendar.EasterOffset, Offset: 39},
		calendar.Rule{Name: "Pfingstmontag", On: calendar.EasterOffset, Offset: 50},
		calendar.Rule{Name: "Bundesfeiertag", On: calendar.MonthDay, Month: time.August, Day: 1, ValidFrom: 1994},
		calendar.Rule{Name: "Weihnachtstag", On: calendar.MonthDay, Month: time.December, Day: 25},
		calendar.Rule{Name: "Stephanstag", On: calendar.MonthDay, Month: time.December, Day: 26},
	)
)

// Federal returns the days off throughout Switzerland. The set is shared and
// immutable.
func Federal() calendar.Holidays { return federal }

// Zurich returns the public holidays of the canton of Zurich. The set is
// shared and immutable.
func Zurich() calendar.Holidays { return zurich }
