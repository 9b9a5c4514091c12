package ie_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/ie"
)

// In 2030 1 February is a Friday, and Saint Brigid's Day with it.
func ExampleNational() {
	loc, err := time.LoadLocation("Europe/Dublin")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(ie.National()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2030, 1, 1), date.New(2030, 3, 31)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2030, 1, 1), date.New(2031, 1, 1)), "working days in 2030")
	// Output:
	// 2030-01-01 Tuesday New Year's Day
	// 2030-02-01 Friday Saint Brigid's Day
	// 2030-03-17 Sunday Saint Patrick's Day
	// 252 working days in 2030
}
