package calendar_test

import (
	"fmt"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/rickb777/date/v2"
)

func newYork() *time.Location {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	return loc
}

func ExampleNew() {
	week, err := calendar.ParseWeek("Mon-Fri 09:00-12:30,13:30-18:00")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(newYork(), week,
		calendar.WithExceptions(calendar.ClosedOn("Thanksgiving", date.New(2026, 11, 26))))
	if err != nil {
		panic(err)
	}
	fmt.Println(cal.Week())
	// Output: Mon-Fri 09:00-12:30,13:30-18:00
}

func ExampleCalendar_Add() {
	ny := newYork()
	cal, _ := calendar.New(ny, calendar.MustParseWeek("Mon-Fri 09:00-17:00"),
		calendar.WithExceptions(calendar.ClosedOn("Thanksgiving", date.New(2026, 11, 26))))
	opened := time.Date(2026, 11, 25, 15, 0, 0, 0, ny) // Wednesday afternoon
	due, _ := cal.Add(opened, 4*time.Hour)
	fmt.Println(due.Format("Mon 2006-01-02 15:04 MST"))
	exactly, _ := cal.Add(opened, 2*time.Hour)
	fmt.Println(exactly.Format("Mon 15:04"), "(closing time itself)")
	back, _ := cal.Add(opened, -8*time.Hour)
	fmt.Println(back.Format("Mon 15:04"))
	// Output:
	// Fri 2026-11-27 11:00 EST
	// Wed 17:00 (closing time itself)
	// Tue 15:00
}

func ExampleCalendar_Between() {
	ny := newYork()
	always, _ := calendar.New(ny, calendar.MustParseWeek("Mon-Sun 00:00-24:00"))
	// The day clocks fall back holds 25 hours.
	fmt.Println(always.Between(time.Date(2026, 11, 1, 0, 0, 0, 0, ny), time.Date(2026, 11, 2, 0, 0, 0, 0, ny)))
	office, _ := calendar.New(ny, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	fmt.Println(office.Between(time.Date(2026, 11, 27, 16, 0, 0, 0, ny), time.Date(2026, 11, 30, 10, 0, 0, 0, ny)))
	// Output:
	// 25h0m0s
	// 2h0m0s
}

func ExampleCalendar_IsOpen() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	nights, _ := calendar.New(ams, calendar.MustParseWeek("Fri 22:00-06:00"))
	fmt.Println(nights.IsOpen(time.Date(2026, 11, 28, 5, 59, 0, 0, ams))) // Saturday, in Friday's shift
	fmt.Println(nights.IsOpen(time.Date(2026, 11, 28, 6, 0, 0, 0, ams)))  // closing time is closed
	// Output:
	// true
	// false
}

func ExampleCalendar_NextOpen() {
	ny := newYork()
	cal, _ := calendar.New(ny, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	open, _ := cal.NextOpen(time.Date(2026, 11, 28, 12, 0, 0, 0, ny))
	closes, _ := cal.NextClose(open)
	fmt.Println(open.Format("Mon 15:04"), "to", closes.Format("Mon 15:04"))
	// Output: Mon 09:00 to Mon 17:00
}

func ExampleCalendar_Intervals() {
	ny := newYork()
	cal, _ := calendar.New(ny, calendar.MustParseWeek("Mon-Fri 09:00-12:00,13:00-17:00"))
	from := time.Date(2026, 11, 27, 10, 0, 0, 0, ny)
	for iv := range cal.Intervals(from, from.Add(72*time.Hour)) {
		fmt.Println(iv.Start.Format("Mon 15:04"), "-", iv.End.Format("15:04"))
	}
	// Output:
	// Fri 10:00 - 12:00
	// Fri 13:00 - 17:00
	// Mon 09:00 - 10:00
}

func ExampleCalendar_AddWorkdays() {
	cal, _ := calendar.New(time.UTC, calendar.MustParseWeek("Mon-Fri 09:00-17:00"),
		calendar.WithExceptions(calendar.ClosedOn("Christmas Day", date.New(2026, 12, 25))))
	d, _ := cal.AddWorkdays(date.New(2026, 12, 24), 2)
	fmt.Println(d, d.Weekday())
	fmt.Println(cal.Workdays(date.New(2026, 12, 1), date.New(2027, 1, 1)), "working days in December")
	fmt.Println(cal.IsWorkday(date.New(2026, 12, 25)))
	// Output:
	// 2026-12-29 Tuesday
	// 22 working days in December
	// false
}

func ExampleParseWeek() {
	w, err := calendar.ParseWeek("Mon-Fri 09:00-12:30,13:30-18:00; Sat 10:00-14:00")
	fmt.Println(w[time.Saturday], err)
	_, err = calendar.ParseWeek("Mon-Fri 09:00-1730")
	fmt.Println(err)
	// Output:
	// [10:00-14:00] <nil>
	// calendar: column 15: bad end time "1730"; want HH:MM or HH:MM:SS up to 24:00 (in "Mon-Fri 09:00-1730")
}

func ExampleUnion() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	eu, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	us, _ := calendar.New(newYork(), calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	desk, _ := calendar.Union(eu, us)
	monday := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for iv := range desk.Intervals(monday, monday.Add(24*time.Hour)) {
		fmt.Println(iv.Start.Format("15:04"), "-", iv.End.Format("15:04 MST"))
	}
	// Output: 08:00 - 22:00 UTC
}

func ExampleDifference() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	hours, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 08:00-18:00"))
	maintenance, _ := calendar.New(ams, calendar.MustParseWeek("Wed 12:00-14:00"))
	service, _ := calendar.Difference(hours, maintenance)
	wed := time.Date(2026, 11, 25, 0, 0, 0, 0, ams)
	fmt.Println(service.Between(wed, wed.Add(24*time.Hour)))
	// Output: 8h0m0s
}
