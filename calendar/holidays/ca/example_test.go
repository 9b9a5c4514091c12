package ca_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/ca"
)

// Christmas 2027 is a Saturday and Boxing Day a Sunday: the federal
// holidays move to Monday and Tuesday.
func ExampleFederal() {
	loc, err := time.LoadLocation("America/Toronto")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(ca.Federal()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 12, 1), date.New(2028, 1, 5)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name, "(actual", e.Actual.String()+")")
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-12-27 Monday Christmas Day (actual 2027-12-25)
	// 2027-12-28 Tuesday Boxing Day (actual 2027-12-26)
	// 2028-01-03 Monday New Year's Day (actual 2028-01-01)
	// 251 working days in 2027
}
