package calendar_test

import (
	"fmt"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/rickb777/date/v2"
)

// A maintenance window closes part of one day; it combines with the day's
// other exceptions (here a half day) and may run past midnight.
func ExampleClosedDuring() {
	utc := time.UTC
	cal, _ := calendar.New(utc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(calendar.Exceptions{
		{Date: date.New(2027, 3, 3), Name: "Storage maintenance", Kind: calendar.ClosedDuring,
			Hours: []calendar.Span{{Start: calendar.Clock(10, 0, 0), End: calendar.Clock(12, 0, 0)}}},
		{Date: date.New(2027, 3, 3), Name: "Staff meeting", Kind: calendar.ClosesEarly, ClosesAt: calendar.Clock(16, 0, 0)},
	}))
	day := time.Date(2027, 3, 3, 0, 0, 0, 0, utc)
	fmt.Println(cal.Between(day, day.AddDate(0, 0, 1)))
	for iv := range cal.Intervals(day, day.AddDate(0, 0, 1)) {
		fmt.Println(iv.Start.Format("15:04"), "-", iv.End.Format("15:04"))
	}
	due, _ := cal.Add(time.Date(2027, 3, 3, 9, 30, 0, 0, utc), time.Hour)
	fmt.Println(due.Format("15:04"))
	// Output:
	// 5h0m0s
	// 09:00 - 10:00
	// 12:00 - 16:00
	// 12:30
}

// A patch window on the second Sunday of every month, 02:00-06:00, from
// April 2027: one rule instead of twelve a year.
func ExampleMonthly() {
	paris, _ := time.LoadLocation("Europe/Paris")
	windows, err := calendar.NewHolidays(calendar.Rule{
		Name: "Patch window", On: calendar.Monthly, Weekday: time.Sunday, N: 2,
		Kind: calendar.ClosedDuring, Hours: []calendar.Span{{Start: calendar.Clock(2, 0, 0), End: calendar.Clock(6, 0, 0)}},
		From: date.New(2027, 4, 1),
	})
	if err != nil {
		panic(err)
	}
	cal, _ := calendar.New(paris, calendar.MustParseWeek("Mon-Sun 00:00-24:00"), calendar.WithExceptions(windows))
	for w := range windows.Occurrences(date.New(2027, 1, 1), date.New(2027, 7, 1), cal.Week()) {
		fmt.Println(w.Observed, w.Observed.Weekday())
	}
	from := time.Date(2027, 4, 1, 0, 0, 0, 0, paris)
	fmt.Println(cal.Between(from, from.AddDate(0, 1, 0)))
	// Output:
	// 2027-04-11 Sunday
	// 2027-05-09 Sunday
	// 2027-06-13 Sunday
	// 716h0m0s
}

// A change freeze every other Friday, counted from the first one, until the
// end of the year.
func ExampleWeekly() {
	freeze := calendar.MustHolidays(calendar.Rule{
		Name: "Change freeze", On: calendar.Weekly, Weekday: time.Friday, Every: 2,
		From: date.New(2027, 1, 8), Until: date.New(2027, 12, 31),
	})
	for f := range freeze.Occurrences(date.New(2027, 1, 1), date.New(2027, 2, 28), calendar.MustParseWeek("Mon-Fri 09:00-17:00")) {
		fmt.Println(f.Observed)
	}
	// Output:
	// 2027-01-08
	// 2027-01-22
	// 2027-02-05
	// 2027-02-19
}
