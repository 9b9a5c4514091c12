// Package pl holds the public holidays of Poland (dni wolne od pracy), as
// calendar rules, following the ustawa z dnia 18 stycznia 1951 r. o dniach
// wolnych od pracy as amended (Epiphany from 2011; Christmas Eve, article 1
// point 1 letter ka, from 2025 by the ustawa z dnia 6 grudnia 2024 r. o
// zmianie ustawy o dniach wolnych od pracy oraz niektórych innych ustaw,
// Dz.U. 2024 poz. 1965, in force from 1 February 2025):
//
//	Nowy Rok                           1 January
//	Święto Trzech Króli                6 January (from 2011)
//	Wielkanoc                          Easter Sunday
//	Poniedziałek Wielkanocny           Easter Sunday + 1
//	Święto Państwowe                   1 May
//	Święto Narodowe Trzeciego Maja     3 May
//	Zielone Świątki                    Easter Sunday + 49 (Whit Sunday)
//	Boże Ciało                         Easter Sunday + 60 (Corpus Christi)
//	Wniebowzięcie NMP                  15 August
//	Wszystkich Świętych                1 November
//	Narodowe Święto Niepodległości     11 November
//	Wigilia Bożego Narodzenia          24 December (from 2025)
//	Boże Narodzenie                    25 December
//	Drugi dzień Bożego Narodzenia      26 December
//
// The two Sunday holidays are listed because the law lists them (a shop
// open on Sundays closes on them). There are no substitute days in the
// calendar's sense: an employer owes another day off for a holiday on a
// Saturday (Kodeks pracy art. 130 § 2) and chooses it, so the set cannot
// know it; add it as a calendar.Exceptions entry.
//
// The set is accurate from 1990 (3 May).
//
// Its example (Example_poland) and tests are in calendar/holidays/pl_test.go.
package pl

import (
	"time"

	"github.com/go-itsm/itsm/calendar"
)

var national = calendar.MustHolidays(
	calendar.Rule{Name: "Nowy Rok", On: calendar.MonthDay, Month: time.January, Day: 1},
	calendar.Rule{Name: "Święto Trzech Króli", On: calendar.MonthDay, Month: time.January, Day: 6, ValidFrom: 2011},
	calendar.Rule{Name: "Wielkanoc", On: calendar.EasterOffset, Offset: 0},
	calendar.Rule{Name: "Poniedziałek Wielkanocny", On: calendar.EasterOffset, Offset: 1},
	calendar.Rule{Name: "Święto Państwowe", On: calendar.MonthDay, Month: time.May, Day: 1},
	calendar.Rule{Name: "Święto Narodowe Trzeciego Maja", On: calendar.MonthDay, Month: time.May, Day: 3, ValidFrom: 1990},
	calendar.Rule{Name: "Zielone Świątki", On: calendar.EasterOffset, Offset: 49},
	calendar.Rule{Name: "Boże Ciało", On: calendar.EasterOffset, Offset: 60},
	calendar.Rule{Name: "Wniebowzięcie Najświętszej Maryi Panny", On: calendar.MonthDay, Month: time.August, Day: 15},
	calendar.Rule{Name: "Wszystkich Świętych", On: calendar.MonthDay, Month: time.November, Day: 1},
	calendar.Rule{Name: "Narodowe Święto Niepodległości", On: calendar.MonthDay, Month: time.November, Day: 11, ValidFrom: 1989},
	calendar.Rule{Name: "Wigilia Bożego Narodzenia", On: calendar.MonthDay, Month: time.December, Day: 24, ValidFrom: 2025},
	calendar.Rule{Name: "Boże Narodzenie", On: calendar.MonthDay, Month: time.December, Day: 25},
	calendar.Rule{Name: "Drugi dzień Bożego Narodzenia", On: calendar.MonthDay, Month: time.December, Day: 26},
)

// National returns the public holidays of Poland. The set is shared and
// immutable.
func National() calendar.Holidays { return national }
