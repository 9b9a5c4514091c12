package ch_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/ch"
)

func ExampleZurich() {
	loc, err := time.LoadLocation("Europe/Zurich")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 08:00-17:00"), calendar.WithExceptions(ch.Zurich()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 3, 1), date.New(2027, 6, 1)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-03-26 Friday Karfreitag
	// 2027-03-29 Monday Ostermontag
	// 2027-05-01 Saturday Tag der Arbeit
	// 2027-05-06 Thursday Auffahrt
	// 2027-05-17 Monday Pfingstmontag
	// 256 working days in 2027
}
