// Package at holds the public holidays of Austria (gesetzliche Feiertage),
// as calendar rules, following the Feiertagsruhegesetz 1957 (§ 7 ARG):
//
//	Neujahr                   1 January
//	Heilige Drei Könige       6 January
//	Ostermontag               Easter Sunday + 1
//	Staatsfeiertag            1 May
//	Christi Himmelfahrt       Easter Sunday + 39
//	Pfingstmontag             Easter Sunday + 50
//	Fronleichnam              Easter Sunday + 60
//	Mariä Himmelfahrt         15 August
//	Nationalfeiertag          26 October
//	Allerheiligen             1 November
//	Mariä Empfängnis          8 December
//	Christtag                 25 December
//	Stefanitag                26 December
//
// Austria has no substitute days. Good Friday was a holiday for members of
// the Protestant and Old Catholic churches until 2018 and is in no set;
// 24 and 31 December are commonly half days by collective agreement but not
// holidays: add them as calendar.ClosesEarly rules where a contract says so.
// Easter Sunday and Whit Sunday are Sundays and not listed.
//
// The set is accurate from 1967 (Nationalfeiertag).
//
// Its example (Example_austria) and tests are in calendar/holidays/at_test.go.
package at

import (
	"time"

	"github.com/go-itsm/itsm/calendar"
)

var national = calendar.MustHolidays(
	calendar.Rule{Name: "Neujahr", On: calendar.MonthDay, Month: time.January, Day: 1},
	calendar.Rule{Name: "Heilige Drei Könige", On: calendar.MonthDay, Month: time.January, Day: 6},
	calendar.Rule{Name: "Ostermontag", On: calendar.EasterOffset, Offset: 1},
	calendar.Rule{Name: "Staatsfeiertag", On: calendar.MonthDay, Month: time.May, Day: 1},
	calendar.Rule{Name: "Christi Himmelfahrt", On: calendar.EasterOffset, Offset: 39},
	calendar.Rule{Name: "Pfingstmontag", On: calendar.EasterOffset, Offset: 50},
	calendar.Rule{Name: "Fronleichnam", On: calendar.EasterOffset, Offset: 60},
	calendar.Rule{Name: "Mariä Himmelfahrt", On: calendar.MonthDay, Month: time.August, Day: 15},
	calendar.Rule{Name: "Nationalfeiertag", On: calendar.MonthDay, Month: time.October, Day: 26, ValidFrom: 1967},
	calendar.Rule{Name: "Allerheiligen", On: calendar.MonthDay, Month: time.November, Day: 1},
	calendar.Rule{Name: "Mariä Empfängnis", On: calendar.MonthDay, Month: time.December, Day: 8},
	calendar.Rule{Name: "Christtag", On: calendar.MonthDay, Month: time.December, Day: 25},
	calendar.Rule{Name: "Stefanitag", On: calendar.MonthDay, Month: time.December, Day: 26},
)

// National returns the public holidays of Austria. The set is shared and
// immutable.
func National() calendar.Holidays { return national }
