package at_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/at"
)

func ExampleNational() {
	loc, err := time.LoadLocation("Europe/Vienna")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(at.National()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 5, 1), date.New(2027, 6, 30)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-05-01 Saturday Staatsfeiertag
	// 2027-05-06 Thursday Christi Himmelfahrt
	// 2027-05-17 Monday Pfingstmontag
	// 2027-05-27 Thursday Fronleichnam
	// 252 working days in 2027
}
