// Package es holds the national public holidays of Spain (fiestas de
// ámbito nacional), as calendar rules, following article 37.2 of the
// Estatuto de los Trabajadores and Real Decreto 2001/1983: the days that
// the yearly resolution of the Dirección General de Trabajo (BOE) makes
// holidays everywhere in Spain:
//
//	Año Nuevo                    1 January
//	Epifanía del Señor           6 January
//	Viernes Santo                Easter Sunday - 2
//	Fiesta del Trabajo           1 May
//	Asunción de la Virgen        15 August
//	Fiesta Nacional de España    12 October
//	Todos los Santos             1 November
//	Día de la Constitución       6 December
//	Inmaculada Concepción        8 December
//	Natividad del Señor          25 December
//
// The autonomous communities may replace some of these with days of their
// own, move a holiday that falls on a Sunday to the Monday, and add Holy
// Thursday, Easter Monday or Saint Joseph; each municipality adds two local
// days. None of that is in the national set, which has no substitute days:
// add a region's days with calendar.NewHolidays(append(es.National().Rules(),
// regional...)...), from the region's own BOE resolution.
//
// The set is accurate from 1983.
//
// Its example (Example_spain) and tests are in calendar/holidays/es_test.go.
package es

import (
	"time"

	"github.com/go-itsm/itsm/calendar"
)

var national = calendar.MustHolidays(
	calendar.Rule{Name: "Año Nuevo", On: calendar.MonthDay, Month: time.January, Day: 1},
	calendar.Rule{Name: "Epifanía del Señor", On: calendar.MonthDay, Month: time.January, Day: 6},
	calendar.Rule{Name: "Viernes Santo", On: calendar.EasterOffset, Offset: -2},
	calendar.Rule{Name: "Fiesta del Trabajo", On: calendar.MonthDay, Month: time.May, Day: 1},
	calendar.Rule{Name: "Asunción de la Virgen", On: calendar.MonthDay, Month: time.August, Day: 15},
	calendar.Rule{Name: "Fiesta Nacional de España", On: calendar.MonthDay, Month: time.October, Day: 12},
	calendar.Rule{Name: "Todos los Santos", On: calendar.MonthDay, Month: time.November, Day: 1},
	calendar.Rule{Name: "Día de la Constitución", On: calendar.MonthDay, Month: time.December, Day: 6},
	calendar.Rule{Name: "Inmaculada Concepción", On: calendar.MonthDay, Month: time.December, Day: 8},
	calendar.Rule{Name: "Natividad del Señor", On: calendar.MonthDay, Month: time.December, Day: 25},
)

// National returns the national public holidays of Spain. The set is shared
// and immutable.
func National() calendar.Holidays { return national }
