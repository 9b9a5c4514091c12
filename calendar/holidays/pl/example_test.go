package pl_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/pl"
)

func ExampleNational() {
	loc, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(pl.National()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 12, 20), date.New(2027, 12, 31)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-12-24 Friday Wigilia Bożego Narodzenia
	// 2027-12-25 Saturday Boże Narodzenie
	// 2027-12-26 Sunday Drugi dzień Bożego Narodzenia
	// 253 working days in 2027
}
