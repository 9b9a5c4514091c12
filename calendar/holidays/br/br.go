// Package br holds the national holidays of Brazil (feriados nacionais), as
// calendar rules, following Lei 662/1949 (as amended by Lei 10.607/2002),
// Lei 6.802/1980 (12 October), Lei 9.093/1995 (Good Friday, the religious
// holiday kept nationwide) and Lei 14.759/2023 (20 November, from 2024):
//
//	Confraternização Universal         1 January
//	Paixão de Cristo (Sexta-feira Santa) Easter Sunday - 2
//	Tiradentes                          21 April
//	Dia do Trabalho                     1 May
//	Independência do Brasil             7 September
//	Nossa Senhora Aparecida             12 October
//	Finados                             2 November
//	Proclamação da República            15 November
//	Dia Nacional de Zumbi e da Consciência Negra  20 November (from 2024)
//	Natal                               25 December
//
// Carnival (Monday and Tuesday, Easter Sunday - 48 and - 47), Ash
// Wednesday morning and Corpus Christi (Easter Sunday + 60) are "pontos
// facultativos", optional days off that the federal government declares
// every year, not holidays; WithCarnival adds Carnival Monday and Tuesday and
// Corpus Christi for hosts that close on them. Brazil has no substitute days.
// State and municipal holidays are not included.
//
// The set is accurate from 2024 (from 2002 without 20 November).
//
// Its example (Example_brazil) and tests are in calendar/holidays/br_test.go.
package br

import (
	"time"

	"github.com/go-itsm/itsm/calendar"
)

var nationalRules = []calendar.Rule{
	{Name: "Confraternização Universal", On: calendar.MonthDay, Month: time.January, Day: 1},
	{Name: "Paixão de Cristo", On: calendar.EasterOffset, Offset: -2},
	{Name: "Tiradentes", On: calendar.MonthDay, Month: time.April, Day: 21},
	{Name: "Dia do Trabalho", On: calendar.MonthDay, Month: time.May, Day: 1},
	{Name: "Independência do Brasil", On: calendar.MonthDay, Month: time.September, Day: 7},
	{Name: "Nossa Senhora Aparecida", On: calendar.MonthDay, Month: time.October, Day: 12},
	{Name: "Finados", On: calendar.MonthDay, Month: time.November, Day: 2},
	{Name: "Proclamação da República", On: calendar.MonthDay, Month: time.November, Day: 15},
	{Name: "Dia Nacional de Zumbi e da Consciência Negra", On: calendar.MonthDay, Month: time.November, Day: 20, ValidFrom: 2024},
	{Name: "Natal", On: calendar.MonthDay, Month: time.December, Day: 25},
}

var (
	national     = calendar.MustHolidays(nationalRules...)
	withCarnival = calendar.MustHolidays(append(nationalRules,
		calendar.Rule{Name: "Carnaval (segunda-feira)", On: calendar.EasterOffset, Offset: -48},
		calendar.Rule{Name: "Carnaval (terça-feira)", On: calendar.EasterOffset, Offset: -47},
		calendar.Rule{Name: "Corpus Christi", On: calendar.EasterOffset, Offset: 60},
	)...)
)

// National returns the national holidays of Brazil. The set is shared and
// immutable.
func National() calendar.Holidays { return national }

// WithCarnival returns the national holidays with Carnival Monday and
// Tuesday and Corpus Christi, the optional days off most employers give.
func WithCarnival() calendar.Holidays { return withCarnival }
