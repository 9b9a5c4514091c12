package it_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/it"
)

func ExampleNational() {
	loc, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(it.National()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 10, 1), date.New(2027, 11, 2)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-10-04 Monday San Francesco d'Assisi
	// 2027-11-01 Monday Ognissanti
	// 254 working days in 2027
}
