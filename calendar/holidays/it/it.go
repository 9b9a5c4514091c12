// Package it holds the national public holidays of Italy (festività
// nazionali), as calendar rules, following legge 27 maggio 1949, n. 260, as
// amended (legge 54/1977, legge 336/2000, and legge 8 ottobre 2025, n. 151,
// "Istituzione della festa nazionale di San Francesco d'Assisi", Gazzetta
// Ufficiale n. 236 of 10 October 2025, in force from 1 January 2026, whose
// article 1(2) adds 4 October to article 2 of legge 260/1949):
//
//	Capodanno                       1 January
//	Epifania                        6 January
//	Lunedì dell'Angelo (Pasquetta)  Easter Sunday + 1
//	Festa della Liberazione         25 April
//	Festa del Lavoro                1 May
//	Festa della Repubblica          2 June (again on its date from 2001)
//	San Francesco d'Assisi          4 October (from 2026)
//	Ferragosto (Assunzione)         15 August
//	Ognissanti                      1 November
//	Immacolata Concezione           8 December
//	Natale                          25 December
//	Santo Stefano                   26 December
//
// Italy has no substitute days. Each city's patron saint's day (Saint
// Ambrose in Milan on 7 December, Saints Peter and Paul in Rome on 29 June)
// is a local holiday and not in the set: add it with calendar.NewHolidays.
//
// The set is accurate from 2001.
//
// Its example (Example_italy) and tests are in calendar/holidays/it_test.go.
package it

import (
	"time"

	"github.com/go-itsm/itsm/calendar"
)

var national = calendar.MustHolidays(
	calendar.Rule{Name: "Capodanno", On: calendar.MonthDay, Month: time.January, Day: 1},
	calendar.Rule{Name: "Epifania", On: calendar.MonthDay, Month: time.January, Day: 6},
	calendar.Rule{Name: "Lunedì dell'Angelo", On: calendar.EasterOffset, Offset: 1},
	calendar.Rule{Name: "Festa della Liberazione", On: calendar.MonthDay, Month: time.April, Day: 25},
	calendar.Rule{Name: "Festa del Lavoro", On: calendar.MonthDay, Month: time.May, Day: 1},
	calendar.Rule{Name: "Festa della Repubblica", On: calendar.MonthDay, Month: time.June, Day: 2, ValidFrom: 2001},
	calendar.Rule{Name: "Ferragosto", On: calendar.MonthDay, Month: time.August, Day: 15},
	calendar.Rule{Name: "San Francesco d'Assisi", On: calendar.MonthDay, Month: time.October, Day: 4, ValidFrom: 2026},
	calendar.Rule{Name: "Ognissanti", On: calendar.MonthDay, Month: time.November, Day: 1},
	calendar.Rule{Name: "Immacolata Concezione", On: calendar.MonthDay, Month: time.December, Day: 8},
	calendar.Rule{Name: "Natale", On: calendar.MonthDay, Month: time.December, Day: 25},
	calendar.Rule{Name: "Santo Stefano", On: calendar.MonthDay, Month: time.December, Day: 26},
)

// National returns the national public holidays of Italy. The set is shared
// and immutable.
func National() calendar.Holidays { return national }
