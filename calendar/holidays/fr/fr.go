// Package fr holds the public holidays of France (jours fériés), as calendar
// rules, following article L3133-1 of the Code du travail:
//
//	Jour de l'an              1 January
//	Lundi de Pâques           Easter Sunday + 1
//	Fête du Travail           1 May
//	Victoire 1945             8 May (a public holiday again from 1982)
//	Ascension                 Easter Sunday + 39
//	Lundi de Pentecôte        Easter Sunday + 50
//	Fête nationale            14 July
//	Assomption                15 August
//	Toussaint                 1 November
//	Armistice 1918            11 November
//	Noël                      25 December
//
// France has no substitute days: a holiday on a Sunday is not moved.
// Whit Monday stays in the set although many employers make it the
// "journée de solidarité", a working day (loi du 30 juin 2004): the law still
// lists it, and a host whose staff work that day removes it with
// calendar.NewHolidays and the rules it keeps. 1 May is the only holiday the
// law makes a paid day off for everyone; the others are days off by almost
// every collective agreement, which is what a service desk calendar needs.
//
// AlsaceMoselle adds the two days of the local law of the Bas-Rhin,
// Haut-Rhin and Moselle (Good Friday and Saint Stephen's Day, 26 December).
//
// The set is accurate from 1982.
//
// Its example (Example_france) and tests are in calendar/holidays/fr_test.go.
package fr

import (
	"time"

	"github.com/go-itsm/itsm/calendar"
)

var nationalRules = []calendar.Rule{
	{Name: "Jour de l'an", On: calendar.MonthDay, Month: time.January, Day: 1},
	{Name: "Lundi de Pâques", On: calendar.EasterOffset, Offset: 1},
	{Name: "Fête du Travail", On: calendar.MonthDay, Month: time.May, Day: 1},
	{Name: "Victoire 1945", On: calendar.MonthDay, Month: time.May, Day: 8, ValidFrom: 1982},
	{Name: "Ascension", On: calendar.EasterOffset, Offset: 39},
	{Name: "Lundi de Pentecôte", On: calendar.EasterOffset, Offset: 50},
	{Name: "Fête nationale", On: calendar.MonthDay, Month: time.July, Day: 14},
	{Name: "Assomption", On: calendar.MonthDay, Month: time.August, Day: 15},
	{Name: "Toussaint", On: calendar.MonthDay, Month: time.November, Day: 1},
	{Name: "Armistice 1918", On: calendar.MonthDay, Month: time.November, Day: 11},
	{Name: "Noël", On: calendar.MonthDay, Month: time.December, Day: 25},
}

var (
	national      = calendar.MustHolidays(nationalRules...)
	alsaceMoselle = calendar.MustHolidays(append(nationalRules,
		calendar.Rule{Name: "Vendredi saint", On: calendar.EasterOffset, Offset: -2},
		calendar.Rule{Name: "Saint-Étienne", On: calendar.MonthDay, Month: time.December, Day: 26},
	)...)
)

// National returns the public holidays of France. The set is shared and
// immutable.
func National() calendar.Holidays { return national }

// AlsaceMoselle returns the national holidays with Good Friday and 26
// December, the days of the local law of Alsace and Moselle.
func AlsaceMoselle() calendar.Holidays { return alsaceMoselle }
