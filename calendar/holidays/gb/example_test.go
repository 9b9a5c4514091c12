package gb_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/gb"
)

// Bank holidays at the end of 2027, when Christmas Day is a Saturday.
func ExampleEnglandAndWales() {
	london, _ := time.LoadLocation("Europe/London")
	desk, err := calendar.New(london, calendar.MustParseWeek("Mon-Fri 09:00-17:30"), calendar.WithExceptions(gb.EnglandAndWales()))
	if err != nil {
		fmt.Println(err)
		return
	}
	for h := range gb.EnglandAndWales().Occurrences(date.New(2027, 12, 1), date.New(2028, 2, 1), desk.Week()) {
		fmt.Printf("%s %s %s\n", h.Observed.Weekday().String()[:3], h.Observed, h.Name)
	}
	next, _ := desk.AddWorkdays(date.New(2027, 12, 24), 1)
	fmt.Println("next working day after Christmas Eve:", next)
	// Output:
	// Mon 2027-12-27 Christmas Day
	// Tue 2027-12-28 Boxing Day
	// Mon 2028-01-03 New Year's Day
	// next working day after Christmas Eve: 2027-12-29
}
