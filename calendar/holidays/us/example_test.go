package us_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/us"
)

// A New York service desk on federal holidays: a 16-business-hour target
// across Thanksgiving.
func ExampleFederal() {
	ny, _ := time.LoadLocation("America/New_York")
	desk, err := calendar.New(ny, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(us.Federal()))
	if err != nil {
		fmt.Println(err)
		return
	}
	due, _ := desk.Add(time.Date(2026, 11, 25, 13, 0, 0, 0, ny), 16*time.Hour)
	fmt.Println(due.Format("Mon Jan 2 15:04 MST"))
	for h := range us.Federal().Occurrences(date.New(2027, 12, 1), date.New(2028, 1, 1), desk.Week()) {
		fmt.Println(h.Observed, h.Name, "(falls on", h.Actual.String()+")")
	}
	// Output:
	// Mon Nov 30 13:00 EST
	// 2027-12-24 Christmas Day (falls on 2027-12-25)
	// 2027-12-31 New Year's Day (falls on 2028-01-01)
}
