package fr_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/fr"
)

func ExampleNational() {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(fr.National()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 5, 1), date.New(2027, 5, 31)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-05-01 Saturday Fête du Travail
	// 2027-05-06 Thursday Ascension
	// 2027-05-08 Saturday Victoire 1945
	// 2027-05-17 Monday Lundi de Pentecôte
	// 254 working days in 2027
}
